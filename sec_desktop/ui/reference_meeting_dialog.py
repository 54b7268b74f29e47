"""Recording a meeting of the Victim Reference Group (or editing one): the project it
worked on, when and where, and who attended. Attendees must be current members of the
group and pass the same eligibility check as everyone who takes part.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.services.engagement_records import EngagementRecord, ReferenceMeetingDetails
from sec_desktop.services.errors import RecordError
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.engagement_form import (
    TEXT_LENGTH,
    AttendeesColumn,
    EngagementDialog,
    refusal_text,
)
from sec_desktop.ui.participant_fields import choose, line_edit, note_label
from sec_desktop.ui.participant_view import subheading
from sec_desktop.ui.record_writer import RecordWriter

DRAFT_KEY = "engagement_reference_meeting"
DIALOG_WIDTH = 1040


class ReferenceMeetingDialog(EngagementDialog):
    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: EngagementRecord | None = None,
        *,
        project_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, writer, DRAFT_KEY, record, parent)
        self.setObjectName("referenceMeetingDialog")
        self.setWindowTitle(
            self.tr("Record a reference group meeting")
            if record is None
            else self.tr("Edit reference group meeting")
        )
        self.project_combo = QComboBox(self)
        for project in services.engagements.projects():
            self.project_combo.addItem(
                self.tr("{title} ({organisation})").format(
                    title=project.details.title, organisation=project.organisation_name
                ),
                project.id,
            )
        self.no_project_note = note_label(
            self.tr(
                "There is no project yet: add the project first (New, Reference group project)."
            ),
            self,
        )
        self.no_project_note.setVisible(self.project_combo.count() == 0)
        self.title_edit = line_edit(self, TEXT_LENGTH)
        self.title_edit.setPlaceholderText(self.tr("Optional, for example: second draft"))
        self.attendees = AttendeesColumn(self, self.tr("&Attendees (current members)"))
        self.picker = self.attendees.picker
        self._build()
        self.picker.set_candidates(
            services.engagements.attendee_candidates(EngagementKind.REFERENCE_GROUP)
        )
        wanted = record.project.id if record is not None and record.project else project_id
        choose(self.project_combo, wanted)
        if record is not None:
            self._show(record)
        self.save_button.setEnabled(self.project_combo.count() > 0)
        self.watch_planned(self.picker)
        self.project_combo.setFocus()

    def _build(self) -> None:
        s, add, form = self.session, self.add_row, self.form
        add(form, self.tr("Pro&ject:"), self.project_combo, self.tr("Project"), "project")
        form.addRow("", self.no_project_note)
        add(form, self.tr("&Title:"), self.title_edit, self.tr("Title"), "title")
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
            self.tr("Support &worker present:"),
            s.support_edit,
            self.tr("Support worker present"),
            "support_worker",
        )
        self.add_follow_up_and_notes(form)
        left = QVBoxLayout()
        left.addWidget(subheading(self.tr("The meeting"), self))
        left.addLayout(form)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(left, 1)
        columns.addWidget(self.attendees, 1)
        self.body.addLayout(columns, 1)
        self.setMinimumWidth(DIALOG_WIDTH)

    def _show(self, record: EngagementRecord) -> None:
        self.title_edit.setText(record.title)
        self.session.show(record)
        self.picker.set_chosen(
            [(a.participant, a.confidentiality_explained) for a in record.attendees]
        )

    def details(self) -> ReferenceMeetingDetails:
        s = self.session
        project = self.project_combo.currentData()
        return ReferenceMeetingDetails(
            project_id=int(project) if project is not None else 0,
            held_on=s.held_on(self.today),
            title=self.title_edit.text(),
            starts_at=s.time_field.value(),
            format=s.engagement_format(),
            venue=s.venue_edit.text(),
            facilitator=s.facilitator_edit.text(),
            support_worker=s.support_edit.text(),
            wellbeing_follow_up=s.follow_up_check.isChecked(),
            notes=s.notes_edit.toPlainText(),
        )

    def work(self) -> Callable[[], object]:
        details, attendees = self.details(), self.picker.choices()
        service, engagement_id = self._services.engagements, self.engagement_id
        if engagement_id is None:
            return lambda: service.record_reference_meeting(details, attendees)
        return lambda: service.update_reference_meeting(engagement_id, details, attendees)

    def after_errors(self, error: RecordError | None) -> None:
        text = refusal_text(self, error)
        if text is not None:
            self.general_error.setText(text)

    def input_state(self) -> dict[str, Any]:
        return {
            **self.session.state(),
            "project_id": self.project_combo.currentData(),
            "title": self.title_edit.text(),
            "attendees": self.picker.state(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        self.session.restore(state)
        choose(self.project_combo, state.get("project_id"))
        self.title_edit.setText(str(state.get("title", "")))
        self.picker.restore(state.get("attendees"))
        self.update_planned()
