"""The participant page's Development tab: opportunities offered to them (courses,
speaking, writing, volunteering), whether they took them up, and what came of it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from sec_desktop.services.development import OpportunityRow
from sec_desktop.services.errors import NotFound
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.opportunity_dialog import OpportunityDialog
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.participant_view import (
    button,
    fill_table,
    read_only_table,
    selected_id,
    value_label,
)
from sec_desktop.ui.record_writer import RecordWriter


class DevelopmentTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("developmentTab")
        self.setAccessibleName(self.tr("Development"))
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._participant_id: int | None = None
        self._dialog: OpportunityDialog | None = None
        self.rows: list[OpportunityRow] = []
        self.intro = value_label(self)
        self.intro.setText(
            self.tr(
                "Opportunities offered to them: training courses, speaking, writing, "
                "volunteering. What came of it is recorded as they choose to share it."
            )
        )
        self.add_button = button(
            self.tr("Offer an opportunit&y\u2026"), self.tr("Offer an opportunity"), self
        )
        self.edit_button = button(
            self.tr("Edit opport&unity\u2026"), self.tr("Edit the chosen opportunity"), self
        )
        self.table = read_only_table(
            [
                self.tr("Offered"),
                self.tr("Kind"),
                self.tr("Title"),
                self.tr("Answer"),
                self.tr("What came of it"),
            ],
            self.tr("Development opportunities"),
            self,
        )
        self.table.setObjectName("opportunities")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.add_opportunity)
        self.edit_button.clicked.connect(lambda: self.edit_opportunity(None))
        self.table.activated.connect(lambda _i: self.edit_opportunity(None))
        self.show_record(None, None, None)

    def show_record(
        self,
        participant_id: int | None,
        services: RecordServices | None,
        writer: RecordWriter | None,
    ) -> None:
        """Show this participant's opportunities (None: clear everything)."""
        self._participant_id, self._services, self._writer = participant_id, services, writer
        if participant_id is None or services is None:
            if self._dialog is not None:
                self._dialog.reject()
                self._dialog = None
            self.rows = []
        else:
            try:
                self.rows = services.development.for_participant(participant_id)
            except NotFound:
                self.rows = []
        fill_table(self.table, [self._texts(r) for r in self.rows], [r.id for r in self.rows])
        shown = participant_id is not None and services is not None
        self.add_button.setEnabled(shown and writer is not None)
        self.edit_button.setEnabled(shown and writer is not None and bool(self.rows))

    def _texts(self, row: OpportunityRow) -> list[str]:
        return [
            shown_date(row.offered_on),
            QCoreApplication.translate("Choices", row.kind.label),
            row.title,
            QCoreApplication.translate("Choices", row.taken_up.label),
            row.what_came_of_it,
        ]

    def _reload(self) -> None:
        self.show_record(self._participant_id, self._services, self._writer)

    # --- forms ------------------------------------------------------------------------------

    @property
    def dialog(self) -> OpportunityDialog | None:
        return self._dialog

    def add_opportunity(self) -> OpportunityDialog | None:
        return self._open(None)

    def edit_opportunity(self, opportunity_id: int | None) -> OpportunityDialog | None:
        chosen = opportunity_id if opportunity_id is not None else selected_id(self.table)
        return self._open(chosen) if isinstance(chosen, int) else None

    def _open(self, opportunity_id: int | None) -> OpportunityDialog | None:
        services, writer, participant_id = self._services, self._writer, self._participant_id
        if services is None or writer is None or participant_id is None or self._dialog:
            return None
        try:
            dialog = OpportunityDialog(
                services, writer, participant_id, opportunity_id, parent=self
            )
        except NotFound:
            self._reload()
            return None
        self._dialog = dialog
        dialog.saved.connect(lambda _result: self._reload())
        dialog.finished.connect(lambda _code: self._closed(dialog))
        dialog.open()
        return dialog

    def _closed(self, dialog: OpportunityDialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()

    # --- drafts (kept by the participant page) ---------------------------------------------

    def take_draft(self) -> dict[str, Any] | None:
        dialog = self._dialog
        if dialog is None or not dialog.isVisible() or dialog.busy:
            return None
        return dialog.input_state()

    def restore_draft(self, state: Any) -> None:
        """Open the form again as typed (the participant already shown)."""
        if not isinstance(state, dict) or state.get("participant_id") != self._participant_id:
            return
        wanted = state.get("opportunity_id")
        dialog = self.edit_opportunity(wanted) if isinstance(wanted, int) else self._open(None)
        if dialog is not None:
            dialog.restore_input(state)
