"""Recording a focus group (or editing one): what it was, when and where, how it was
advertised, who ran it, and who attended, each with whether the limits of
confidentiality were explained to them.

The details are on the left, the attendees on the right. A focus group may be planned
ahead: with a date after today nobody can be recorded as attending yet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.services.engagement_records import EngagementRecord, FocusGroupDetails
from sec_desktop.services.errors import RecordError
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.engagement_form import (
    TEXT_LENGTH,
    AttendeesColumn,
    EngagementDialog,
    refusal_text,
)
from sec_desktop.ui.participant_fields import line_edit
from sec_desktop.ui.participant_view import subheading
from sec_desktop.ui.record_writer import RecordWriter

DRAFT_KEY = "engagement_focus_group"
DIALOG_WIDTH = 1040


class FocusGroupDialog(EngagementDialog):
    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: EngagementRecord | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, writer, DRAFT_KEY, record, parent)
        self.setObjectName("focusGroupDialog")
        self.setWindowTitle(
            self.tr("Record a focus group") if record is None else self.tr("Edit focus group")
        )
        self.title_edit = line_edit(self, TEXT_LENGTH)
        self.topic_edit = line_edit(self, TEXT_LENGTH)
        self.topic_edit.setPlaceholderText(self.tr("Chosen by the force, or by survivors"))
        self.advertised_edit = line_edit(self, TEXT_LENGTH)
        self.advertised_edit.setPlaceholderText(self.tr("For example: the force's social media"))
        self.attendees = AttendeesColumn(self, self.tr("&Attendees"))
        self.picker = self.attendees.picker
        self._build()
        self.picker.set_candidates(
            services.engagements.attendee_candidates(EngagementKind.FOCUS_GROUP)
        )
        if record is not None:
            self._show(record)
        self.watch_planned(self.picker)
        self.title_edit.setFocus()

    def _build(self) -> None:
        s, add, form = self.session, self.add_row, self.form
        add(form, self.tr("&Title:"), self.title_edit, self.tr("Title"), "title")
        add(form, self.tr("T&opic:"), self.topic_edit, self.tr("Topic"), "topic")
        add(form, self.tr("&Date:"), s.date_field, None, "held_on")
        add(form, self.tr("Start ti&me:"), s.time_field, None, "starts_at")
        add(form, self.tr("&Format:"), s.format_combo, self.tr("Format"), "format")
        add(form, self.tr("&Venue:"), s.venue_edit, self.tr("Venue"), "venue")
        add(
            form,
            self.tr("&How advertised:"),
            self.advertised_edit,
            self.tr("How it was advertised"),
            "advertised_via",
        )
        add(
            form,
            self.tr("Fac&ilitator:"),
            s.facilitator_edit,
            self.tr("Facilitator"),
            "facilitator",
        )
        add(
            form,
            self.tr("Support &worker present:"),
            s.support_edit,
            self.tr("Support worker present"),
            "support_worker",
        )
        self.add_follow_up_and_notes(form)
        left = QVBoxLayout()
        left.addWidget(subheading(self.tr("The session"), self))
        left.addLayout(form)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(left, 1)
        columns.addWidget(self.attendees, 1)
        self.body.addLayout(columns, 1)
        self.setMinimumWidth(DIALOG_WIDTH)

    def _show(self, record: EngagementRecord) -> None:
        details = record.focus_group_details()
        self.title_edit.setText(details.title)
        self.topic_edit.setText(details.topic)
        self.advertised_edit.setText(details.advertised_via)
        self.session.show(record)
        self.picker.set_chosen(
            [(a.participant, a.confidentiality_explained) for a in record.attendees]
        )

    def details(self) -> FocusGroupDetails:
        s = self.session
        return FocusGroupDetails(
            title=self.title_edit.text(),
            held_on=s.held_on(self.today),
            topic=self.topic_edit.text(),
            starts_at=s.time_field.value(),
            format=s.engagement_format(),
            venue=s.venue_edit.text(),
            advertised_via=self.advertised_edit.text(),
            facilitator=s.facilitator_edit.text(),
            support_worker=s.support_edit.text(),
            wellbeing_follow_up=s.follow_up_check.isChecked(),
            notes=s.notes_edit.toPlainText(),
        )

    def work(self) -> Callable[[], object]:
        details, attendees = self.details(), self.picker.choices()
        service, engagement_id = self._services.engagements, self.engagement_id
        if engagement_id is None:
            return lambda: service.record_focus_group(details, attendees)
        return lambda: service.update_focus_group(engagement_id, details, attendees)

    def after_errors(self, error: RecordError | None) -> None:
        text = refusal_text(self, error)
        if text is not None:
            self.general_error.setText(text)

    def input_state(self) -> dict[str, Any]:
        return {
            **self.session.state(),
            "title": self.title_edit.text(),
            "topic": self.topic_edit.text(),
            "advertised_via": self.advertised_edit.text(),
            "attendees": self.picker.state(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        self.session.restore(state)
        self.title_edit.setText(str(state.get("title", "")))
        self.topic_edit.setText(str(state.get("topic", "")))
        self.advertised_edit.setText(str(state.get("advertised_via", "")))
        self.picker.restore(state.get("attendees"))
        self.update_planned()
