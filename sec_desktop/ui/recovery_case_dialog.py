"""Opening a service recovery case, or changing one: the partner and contact who raised
it, the survivor (the partner's reference, never a name; optionally a participant by
code), the concern and the department it went to."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from sec_desktop.services.errors import NotFound
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.recovery_records import RecoveryDetails, RecoveryRecord
from sec_desktop.ui.participant_fields import (
    DateField,
    choose,
    date_or_none,
    line_edit,
    new_form,
    notes_edit,
    partner_combo,
)
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter

DRAFT_KEY = "recovery_case"
DIALOG_WIDTH = 620
PSEUDONYM_LENGTH = 60
TEXT_LENGTH = 200


def code_combo(services: RecordServices, parent: QWidget, none_text: str) -> QComboBox:
    """Participants by their code only (never a name), led by a "none" entry."""
    combo = QComboBox(parent)
    combo.addItem(none_text, None)
    for row in sorted(services.roster.rows(), key=lambda r: r.code):
        combo.addItem(row.code, row.id)
    return combo


class RecoveryCaseDialog(RecordDialog):
    """Open a case (`record` None) or change one."""

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: RecoveryRecord | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, DRAFT_KEY, parent)
        self.setObjectName("recoveryCaseDialog")
        self.setWindowTitle(
            self.tr("New service recovery case")
            if record is None
            else self.tr("Edit service recovery case")
        )
        self._services = services
        self._record = record
        self.set_intro(
            self.tr(
                "A partner's concern about how an individual survivor's case was handled: "
                "you take it to the right department and report back."
            )
        )
        keep = record.details.raised_by_partner_id if record is not None else None
        self.opened_field = DateField(self.tr("Opened on"), services.today(), self)
        self.partner_combo = partner_combo(services, self, self.tr("No partner"), keep)
        self.contact_combo = QComboBox(self)
        self.pseudonym_edit = line_edit(self, PSEUDONYM_LENGTH)
        self.pseudonym_edit.setPlaceholderText(self.tr("For example: IDVA ref 2231"))
        self.participant_combo = code_combo(services, self, self.tr("Not on the roster"))
        self.concern_edit = notes_edit(self, 4)
        self.department_edit = line_edit(self, TEXT_LENGTH)
        self.department_edit.setPlaceholderText(self.tr("For example: Public Protection Unit"))
        self._build()
        self.partner_combo.currentIndexChanged.connect(lambda _i: self._fill_contacts(None))
        if record is not None:
            self._show(record.details)
        else:
            self._fill_contacts(None)
        self.partner_combo.setFocus()

    def _build(self) -> None:
        form = new_form()
        add = self.add_row
        add(form, self.tr("&Opened on:"), self.opened_field, None, "opened_on")
        add(form, self.tr("Raised by &partner:"), self.partner_combo, self.tr("Raised by partner"),
            "raised_by_partner_id")  # fmt: skip
        add(form, self.tr("Partner &contact:"), self.contact_combo, self.tr("Partner contact"),
            "raised_by_contact_id")  # fmt: skip
        add(
            form,
            self.tr("&Survivor:"),
            self.pseudonym_edit,
            self.tr("Survivor's reference"),
            "survivor_pseudonym",
            note=self.tr(
                "Use the partner's reference for the survivor, never their name. Or choose "
                "their roster code below if they are a participant."
            ),
        )
        add(form, self.tr("Roster co&de:"), self.participant_combo, self.tr("Roster code"),
            "participant_id")  # fmt: skip
        add(form, self.tr("Co&ncern:"), self.concern_edit, self.tr("Concern"), "concern",
            note=self.tr("What went wrong, in a few lines. No names."))  # fmt: skip
        add(form, self.tr("De&partment:"), self.department_edit, self.tr("Department"),
            "department")  # fmt: skip
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.setMinimumWidth(DIALOG_WIDTH)

    def _fill_contacts(self, keep: int | None) -> None:
        self.contact_combo.clear()
        self.contact_combo.addItem(self.tr("No named contact"), None)
        partner_id = self.partner_combo.currentData()
        if partner_id is None:
            return
        with contextlib.suppress(NotFound):
            for contact in self._services.partners.record(partner_id).contacts:
                self.contact_combo.addItem(contact.details.name, contact.id)
        choose(self.contact_combo, keep)

    @property
    def case_id(self) -> int | None:
        return None if self._record is None else self._record.id

    def _show(self, details: RecoveryDetails) -> None:
        self.opened_field.set_value(details.opened_on)
        choose(self.partner_combo, details.raised_by_partner_id)
        self._fill_contacts(details.raised_by_contact_id)
        self.pseudonym_edit.setText(details.survivor_pseudonym)
        choose(self.participant_combo, details.participant_id)
        self.concern_edit.setPlainText(details.concern)
        self.department_edit.setText(details.department)

    def details(self) -> RecoveryDetails:
        return RecoveryDetails(
            opened_on=self.opened_field.value() or self._services.today(),
            concern=self.concern_edit.toPlainText(),
            raised_by_partner_id=self.partner_combo.currentData(),
            raised_by_contact_id=self.contact_combo.currentData(),
            survivor_pseudonym=self.pseudonym_edit.text(),
            participant_id=self.participant_combo.currentData(),
            department=self.department_edit.text(),
        )

    def work(self) -> Callable[[], object]:
        details, service, case_id = self.details(), self._services.recovery, self.case_id
        if case_id is None:
            return lambda: service.open_case(details)
        return lambda: service.update(case_id, details)

    def input_state(self) -> dict[str, Any]:
        details = self.details()
        return {
            "case_id": self.case_id,
            "opened_on": details.opened_on.isoformat(),
            "partner_id": details.raised_by_partner_id,
            "contact_id": details.raised_by_contact_id,
            "pseudonym": details.survivor_pseudonym,
            "participant_id": details.participant_id,
            "concern": details.concern,
            "department": details.department,
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        def number(key: str) -> int | None:
            value = state.get(key)
            return value if isinstance(value, int) else None

        self._show(
            RecoveryDetails(
                opened_on=date_or_none(state.get("opened_on")) or self._services.today(),
                concern=str(state.get("concern", "")),
                raised_by_partner_id=number("partner_id"),
                raised_by_contact_id=number("contact_id"),
                survivor_pseudonym=str(state.get("pseudonym", "")),
                participant_id=number("participant_id"),
                department=str(state.get("department", "")),
            )
        )
