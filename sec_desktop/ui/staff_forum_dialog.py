"""Recording a session of the internal staff forum, with fully anonymous attendance: how
many came, and nothing about who. The form has no field for anyone's name or code, so
there is nothing here that could keep one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QFont, QIntValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from sec_desktop.services.engagement_records import (
    MAX_HEADCOUNT,
    EngagementRecord,
    StaffForumDetails,
)
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.engagement_form import EngagementDialog
from sec_desktop.ui.participant_fields import note_label
from sec_desktop.ui.record_writer import RecordWriter

DRAFT_KEY = "engagement_staff_forum"
DIALOG_WIDTH = 600


class StaffForumDialog(EngagementDialog):
    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: EngagementRecord | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, writer, DRAFT_KEY, record, parent)
        self.setObjectName("staffForumDialog")
        self.setWindowTitle(
            self.tr("Record a staff forum session")
            if record is None
            else self.tr("Edit staff forum session")
        )
        self.anonymous_note = note_label(
            self.tr(
                "Attendance is anonymous: only how many came is kept. Nobody's name or code "
                "is recorded, here or anywhere else."
            ),
            self,
        )
        bold = QFont(self.anonymous_note.font())
        bold.setBold(True)
        self.anonymous_note.setFont(bold)
        # Typed, not spun: empty until a number is given (a spin box would start at a
        # number nobody chose, and typing into it adds digits to that number).
        self.headcount_edit = QLineEdit(self)
        self.headcount_edit.setValidator(QIntValidator(0, MAX_HEADCOUNT, self.headcount_edit))
        self.headcount_edit.setMaxLength(len(str(MAX_HEADCOUNT)))
        self.headcount_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0" * 8))
        self._build()
        if record is not None:
            self.session.show(record)
            self.headcount_edit.setText(str(record.headcount or ""))
        self.session.date_field.setFocus()

    def _build(self) -> None:
        s, add, form = self.session, self.add_row, self.form
        add(form, self.tr("&Date:"), s.date_field, None, "held_on")
        add(form, self.tr("Start ti&me:"), s.time_field, None, "starts_at")
        add(form, self.tr("&Format:"), s.format_combo, self.tr("Format"), "format")
        add(form, self.tr("&Venue:"), s.venue_edit, self.tr("Venue"), "venue")
        add(
            form,
            self.tr("Fac&ilitator:"),
            s.facilitator_edit,
            self.tr("Facilitator"),
            "facilitator",
        )
        add(
            form,
            self.tr("How many &came:"),
            self.headcount_edit,
            self.tr("How many came"),
            "headcount",
            note=self.tr("From 1 to {limit}.").format(limit=MAX_HEADCOUNT),
        )
        self.add_follow_up_and_notes(form)
        s.leave_out(s.support_edit)
        self.body.addWidget(self.anonymous_note)
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.setMinimumWidth(DIALOG_WIDTH)

    def headcount(self) -> int:
        text = self.headcount_edit.text().strip()
        return int(text) if text.isdigit() else 0

    def details(self) -> StaffForumDetails:
        s = self.session
        return StaffForumDetails(
            held_on=s.held_on(self.today),
            headcount=self.headcount(),
            starts_at=s.time_field.value(),
            format=s.engagement_format(),
            venue=s.venue_edit.text(),
            facilitator=s.facilitator_edit.text(),
            wellbeing_follow_up=s.follow_up_check.isChecked(),
            notes=s.notes_edit.toPlainText(),
        )

    def work(self) -> Callable[[], object]:
        details = self.details()
        service, engagement_id = self._services.engagements, self.engagement_id
        if engagement_id is None:
            return lambda: service.record_staff_forum(details)
        return lambda: service.update_staff_forum(engagement_id, details)

    def input_state(self) -> dict[str, Any]:
        return {**self.session.state(), "headcount": self.headcount_edit.text()}

    def restore_input(self, state: dict[str, Any]) -> None:
        self.session.restore(state)
        self.headcount_edit.setText(str(state.get("headcount", "")))
