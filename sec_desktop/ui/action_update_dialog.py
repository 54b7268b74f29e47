"""A dated update on an action's progress ("met with the head of Public Contact")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.participant_fields import DateField, date_or_none, new_form, notes_edit
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.widgets import READABLE_WIDTH

DIALOG_WIDTH = 480


class ActionUpdateDialog(RecordDialog):
    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        action_id: int,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, "action_update", parent)
        self.setObjectName("actionUpdateDialog")
        self.setWindowTitle(self.tr("Add update"))
        self._services = services
        self.action_id = action_id
        self.set_intro(self.tr("An update on \u201c{title}\u201d.").format(title=title))
        self.on_field = DateField(self.tr("Update date"), services.today(), self)
        self.note_edit = notes_edit(self)
        form = new_form()
        self.add_row(form, self.tr("&On:"), self.on_field, None, "on")
        self.add_row(form, self.tr("&Update:"), self.note_edit, self.tr("Update"), "note")
        self.body.addLayout(form)
        self.setMinimumWidth(min(READABLE_WIDTH, DIALOG_WIDTH))
        self.note_edit.setFocus()

    def work(self) -> Callable[[], object]:
        actions, action_id = self._services.actions, self.action_id
        on = self.on_field.value() or self._services.today()
        note = self.note_edit.toPlainText()
        return lambda: actions.add_update(action_id, on, note)

    def draft_identity(self) -> dict[str, Any]:
        return {"dialog": "update", "action_id": self.action_id}

    def input_state(self) -> dict[str, Any]:
        on: date | None = self.on_field.value()
        return {"on": on.isoformat() if on else None, "note": self.note_edit.toPlainText()}

    def restore_input(self, state: dict[str, Any]) -> None:
        on = date_or_none(state.get("on"))
        if on is not None:
            self.on_field.set_value(on)
        self.note_edit.setPlainText(str(state.get("note", "")))
