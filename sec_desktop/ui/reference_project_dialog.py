"""Adding or editing a project the Victim Reference Group was asked to scrutinise (a
partner's leaflet, a health board improvement project, a force policy): who asked, what
it is, where it stands, and what the group produced."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from sec_desktop.domain.engagement_enums import ProjectStatus
from sec_desktop.services.engagement_records import ProjectDetails, ProjectRecord
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.participant_fields import (
    DateField,
    choice_combo,
    choose,
    date_or_none,
    line_edit,
    new_form,
    notes_edit,
    partner_combo,
)
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter

DRAFT_KEY = "engagement_reference_project"
DIALOG_WIDTH = 640
TEXT_LENGTH = 200


class ReferenceProjectDialog(RecordDialog):
    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: ProjectRecord | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, DRAFT_KEY, parent)
        self.setObjectName("referenceProjectDialog")
        self.setWindowTitle(
            self.tr("Add a reference group project")
            if record is None
            else self.tr("Edit reference group project")
        )
        self._services = services
        self._record = record
        today = services.today()
        self.set_intro(
            self.tr(
                "Work an organisation asked the Victim Reference Group to scrutinise, such as "
                "a partner's leaflet, a health board project or a force policy."
            )
        )
        self.title_edit = line_edit(self, TEXT_LENGTH)
        keep = record.details.partner_id if record is not None else None
        self.partner_combo = partner_combo(
            services, self, self.tr("Not in the partner directory"), keep
        )
        self.organisation_edit = line_edit(self, TEXT_LENGTH)
        self.organisation_edit.setPlaceholderText(self.tr("The organisation's name"))
        self.requested_field = DateField(
            self.tr("Requested on"), today, self, none_name=self.tr("No date"), fallback=today
        )
        self.status_combo = choice_combo(self, list(ProjectStatus))
        self.description_edit = notes_edit(self, 3)
        self.outputs_edit = notes_edit(self, 3)
        self.outputs_edit.setPlaceholderText(
            self.tr("For example: recommendations, a revised leaflet, a report")
        )
        self._build()
        if record is not None:
            self._show(record.details)
        self.partner_combo.currentIndexChanged.connect(lambda _i: self._update_organisation())
        self._update_organisation()
        self.title_edit.setFocus()

    def _build(self) -> None:
        form, add = new_form(), self.add_row
        add(form, self.tr("&Title:"), self.title_edit, self.tr("Title"), "title")
        add(form, self.tr("Asked by (&partner):"), self.partner_combo, self.tr("Partner"))
        self.organisation_label = add(
            form,
            self.tr("&Organisation:"),
            self.organisation_edit,
            self.tr("Organisation"),
            "organisation",
        )
        add(form, self.tr("&Requested on:"), self.requested_field, None, "requested_on")
        add(form, self.tr("St&atus:"), self.status_combo, self.tr("Status"), "status")
        add(
            form,
            self.tr("&Description:"),
            self.description_edit,
            self.tr("Description"),
            "description",
        )
        add(
            form,
            self.tr("What the group produc&ed:"),
            self.outputs_edit,
            self.tr("What the group produced"),
            "outputs",
        )
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.setMinimumWidth(DIALOG_WIDTH)

    def _show(self, details: ProjectDetails) -> None:
        self.title_edit.setText(details.title)
        choose(self.partner_combo, details.partner_id)
        self.organisation_edit.setText(details.organisation)
        self.requested_field.set_value(details.requested_on)
        choose(self.status_combo, details.status)
        self.description_edit.setPlainText(details.description)
        self.outputs_edit.setPlainText(details.outputs)

    def _update_organisation(self) -> None:
        # A partner from the directory names the organisation: no typing then.
        self.organisation_edit.setEnabled(self.partner_combo.currentData() is None)

    @property
    def project_id(self) -> int | None:
        return None if self._record is None else self._record.id

    def draft_identity(self) -> dict[str, Any]:
        return {"dialog": self.draft_key(), "project_id": self.project_id}

    def details(self) -> ProjectDetails:
        partner = self.partner_combo.currentData()
        return ProjectDetails(
            title=self.title_edit.text(),
            partner_id=int(partner) if partner is not None else None,
            organisation=self.organisation_edit.text() if partner is None else "",
            description=self.description_edit.toPlainText(),
            requested_on=self.requested_field.value(),
            status=ProjectStatus(self.status_combo.currentData()),
            outputs=self.outputs_edit.toPlainText(),
        )

    def work(self) -> Callable[[], object]:
        details, service, project_id = self.details(), self._services.engagements, self.project_id
        if project_id is None:
            return lambda: service.add_project(details)
        return lambda: service.update_project(project_id, details)

    def input_state(self) -> dict[str, Any]:
        d = self.details()
        return {
            "title": d.title,
            "partner_id": d.partner_id,
            "organisation": self.organisation_edit.text(),
            "requested_on": d.requested_on.isoformat() if d.requested_on else None,
            "status": d.status.value,
            "description": d.description,
            "outputs": d.outputs,
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        self.title_edit.setText(str(state.get("title", "")))
        self.partner_combo.setCurrentIndex(0)
        choose(self.partner_combo, state.get("partner_id"))
        self.organisation_edit.setText(str(state.get("organisation", "")))
        self.requested_field.set_value(date_or_none(state.get("requested_on")))
        if state.get("status") in {m.value for m in ProjectStatus}:
            choose(self.status_combo, ProjectStatus(state["status"]))
        self.description_edit.setPlainText(str(state.get("description", "")))
        self.outputs_edit.setPlainText(str(state.get("outputs", "")))
