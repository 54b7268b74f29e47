"""A step taken on a service recovery case: when, and what was done (no names)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.participant_fields import DateField, date_or_none, new_form, notes_edit
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter

DRAFT_KEY = "recovery_step"
DIALOG_WIDTH = 560


class RecoveryStepDialog(RecordDialog):
    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        case_id: int,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, DRAFT_KEY, parent)
        self.setObjectName("recoveryStepDialog")
        self.setWindowTitle(self.tr("Add a step"))
        self._services = services
        self.case_id = case_id
        self.set_intro(
            self.tr("What you did on the case: who you raised it with, what they said back.")
        )
        self.on_field = DateField(self.tr("Date of the step"), services.today(), self)
        self.note_edit = notes_edit(self, 4)
        form = new_form()
        self.add_row(form, self.tr("&Date:"), self.on_field, None, "on")
        self.add_row(
            form,
            self.tr("&What was done:"),
            self.note_edit,
            self.tr("What was done"),
            "note",
            note=self.tr("Never a survivor's name: use the case's reference."),
        )
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.note_edit.setFocus()

    def work(self) -> Callable[[], object]:
        service, case_id = self._services.recovery, self.case_id
        on = self.on_field.value() or self._services.today()
        note = self.note_edit.toPlainText()
        return lambda: service.add_step(case_id, on, note)

    def input_state(self) -> dict[str, Any]:
        on = self.on_field.value()
        return {
            "case_id": self.case_id,
            "on": on.isoformat() if on else None,
            "note": self.note_edit.toPlainText(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        self.on_field.set_value(date_or_none(state.get("on")) or self._services.today())
        self.note_edit.setPlainText(str(state.get("note", "")))
