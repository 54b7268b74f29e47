"""Editing a participant's safe contact rules, with the "before you contact them" panel
beside the form showing, as it is typed, what anyone about to contact them will see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sec_desktop.services.participant_records import ParticipantRecord
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.before_you_contact import BeforeYouContactPanel
from sec_desktop.ui.participant_fields import scrolled
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.safe_contact_form import SafeContactForm

DRAFT_KEY = "participant_safe_contact"
DIALOG_WIDTH = 1000
DIALOG_HEIGHT = 620


class SafeContactDialog(RecordDialog):
    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: ParticipantRecord,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, DRAFT_KEY, parent)
        self.setObjectName("safeContactDialog")
        self.setWindowTitle(self.tr("Safe contact rules: {code}").format(code=record.ref.code))
        self._services = services
        self._participant_id = record.ref.id

        self.form = SafeContactForm(self, self)
        self.preview = BeforeYouContactPanel(self)
        preview_intro = QLabel(self.tr("What anyone about to contact them will see:"), self)
        preview_intro.setWordWrap(True)
        preview_column = QVBoxLayout()
        preview_column.addWidget(preview_intro)
        preview_column.addWidget(self.preview)
        preview_column.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(scrolled(self.form, self), 3)
        row.addLayout(preview_column, 2)
        self.body.addLayout(row)
        self.fit_height = False
        self.resize(DIALOG_WIDTH, DIALOG_HEIGHT)

        self.form.set_rules(record.safe_contact)
        self.form.changed.connect(self._update_preview)
        self._update_preview()
        self.form.channel_checks[next(iter(self.form.channel_checks))].setFocus()

    @property
    def participant_id(self) -> int:
        return self._participant_id

    def _update_preview(self) -> None:
        self.preview.show_rules(self.form.rules())

    def work(self) -> Callable[[], object]:
        rules, roster, participant_id = (
            self.form.rules(),
            self._services.roster,
            self._participant_id,
        )
        return lambda: roster.update_safe_contact(participant_id, rules)

    def input_state(self) -> dict[str, Any]:
        return {"participant_id": self._participant_id, **self.form.state()}

    def restore_input(self, state: dict[str, Any]) -> None:
        self.form.restore(state)
