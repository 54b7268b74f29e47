"""Raising an action ("you said, we did"), or editing one: what will change, who owns it
(a department, a partner from the directory, or both), when it is due, and the scrutiny
panel meeting that raised it, if one did.

Raised from chosen feedback items, the form says how many it answers and from whom (by
code). It is saved through the RecordWriter; a refusal leaves everything as typed, with
each message under its field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from sec_desktop.services.action_records import ActionDetails, ActionRecord
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.participant_fields import (
    DateField,
    choose,
    date_or_none,
    line_edit,
    new_form,
    notes_edit,
    partner_combo,
    shown_date,
)
from sec_desktop.ui.participant_view import choice
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.widgets import READABLE_WIDTH

TITLE_LIMIT = 200
OWNER_LIMIT = 200
DIALOG_WIDTH = 560


def meeting_combo(services: RecordServices, parent: QWidget, keep: int | None) -> QComboBox:
    """The scrutiny panel meetings, newest first, led by "not raised at a meeting"."""
    combo = QComboBox(parent)
    combo.addItem(
        QCoreApplication.translate("ActionDialog", "Not raised at a scrutiny panel"), None
    )
    for meeting in services.scrutiny.meetings():
        combo.addItem(
            QCoreApplication.translate("ActionDialog", "{panel} panel, {date}").format(
                panel=choice(meeting.panel), date=shown_date(meeting.held_on)
            ),
            meeting.id,
        )
    choose(combo, keep)
    return combo


class ActionDialog(RecordDialog):
    """A new action answering `feedback_ids`, or (with `record`) an action's details."""

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: ActionRecord | None = None,
        *,
        feedback_ids: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, "action", parent)
        self.setObjectName("actionDialog")
        self._services = services
        self.record = record
        self.feedback_ids = tuple(feedback_ids)
        details = record.details if record is not None else ActionDetails("")
        self.setWindowTitle(self.tr("Edit action") if record else self.tr("Raise action"))
        self._set_intro()

        self.title_edit = line_edit(self, TITLE_LIMIT)
        self.title_edit.setPlaceholderText(self.tr("What will change, in a line"))
        self.description_edit = notes_edit(self)
        self.department_edit = line_edit(self, OWNER_LIMIT)
        self.department_edit.setPlaceholderText(self.tr("For example: Public Contact"))
        self.partner_combo = partner_combo(
            services, self, self.tr("No partner"), details.owner_partner_id
        )
        self.due_field = DateField(
            self.tr("Due on"),
            details.due_on,
            self,
            none_name=self.tr("No due date"),
            fallback=services.today(),
        )
        self.meeting_combo = meeting_combo(services, self, details.raised_at_id)

        form = new_form()
        self.add_row(
            form, self.tr("&What will change:"), self.title_edit, self.tr("Title"), "title"
        )
        self.add_row(
            form,
            self.tr("&Details:"),
            self.description_edit,
            self.tr("Details"),
            "description",
        )
        self.add_row(
            form,
            self.tr("Owning &department:"),
            self.department_edit,
            self.tr("Owning department"),
            "owner_department",
        )
        self.add_row(
            form,
            self.tr("Owning &partner:"),
            self.partner_combo,
            self.tr("Owning partner"),
            "owner_partner",
        )
        self.add_row(form, self.tr("D&ue on:"), self.due_field, None, "due_on")
        self.add_row(
            form,
            self.tr("&Raised at:"),
            self.meeting_combo,
            self.tr("Raised at scrutiny panel meeting"),
            "raised_at",
        )
        self.body.addLayout(form)
        self.setMinimumWidth(min(READABLE_WIDTH, DIALOG_WIDTH))
        self._show(details)
        self.title_edit.setFocus()

    def _set_intro(self) -> None:
        if self.record is not None:
            return
        if self.feedback_ids:
            self.set_intro(
                self.tr(
                    "Feedback items it answers: {count}. The people who gave them are told "
                    "once it is done or declined."
                ).format(count=len(self.feedback_ids))
            )
        else:
            self.set_intro(self.tr("Link the feedback items it answers once it is raised."))

    def _show(self, details: ActionDetails) -> None:
        self.title_edit.setText(details.title)
        self.description_edit.setPlainText(details.description)
        self.department_edit.setText(details.owner_department)
        choose(self.partner_combo, details.owner_partner_id)
        self.due_field.set_value(details.due_on)
        choose(self.meeting_combo, details.raised_at_id)

    def details(self) -> ActionDetails:
        return ActionDetails(
            title=self.title_edit.text(),
            description=self.description_edit.toPlainText(),
            owner_department=self.department_edit.text(),
            owner_partner_id=self.partner_combo.currentData(),
            due_on=self.due_field.value(),
            raised_at_id=self.meeting_combo.currentData(),
        )

    def work(self) -> Callable[[], object]:
        actions, details = self._services.actions, self.details()
        if self.record is not None:
            action_id = self.record.id
            return lambda: actions.update(action_id, details)
        ids = self.feedback_ids
        return lambda: actions.raise_action(details, ids)

    # --- drafts ---------------------------------------------------------------------------

    def draft_identity(self) -> dict[str, Any]:
        if self.record is not None:
            return {"dialog": "edit", "action_id": self.record.id}
        return {"dialog": "raise", "feedback_ids": list(self.feedback_ids)}

    def input_state(self) -> dict[str, Any]:
        details = self.details()
        return {
            "title": details.title,
            "description": details.description,
            "owner_department": details.owner_department,
            "owner_partner_id": details.owner_partner_id,
            "due_on": details.due_on.isoformat() if details.due_on else None,
            "raised_at_id": details.raised_at_id,
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        partner, meeting = state.get("owner_partner_id"), state.get("raised_at_id")
        self._show(
            ActionDetails(
                title=str(state.get("title", "")),
                description=str(state.get("description", "")),
                owner_department=str(state.get("owner_department", "")),
                owner_partner_id=partner if isinstance(partner, int) else None,
                due_on=date_or_none(state.get("due_on")),
                raised_at_id=meeting if isinstance(meeting, int) else None,
            )
        )
