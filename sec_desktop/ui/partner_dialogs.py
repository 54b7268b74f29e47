"""Adding and editing a partner, a partner's named contact, and logging a contact with
them. Contacts are professionals (an IDVA, a service manager), so their names may be
shown here; what is written about dealings with a partner must never name a survivor."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QWidget

from sec_desktop.domain.enums import PartnerLogKind, PartnerType
from sec_desktop.services.errors import RecordError
from sec_desktop.services.partners import (
    ContactDetails,
    ContactRecord,
    LogEntryDetails,
    PartnerDetails,
    PartnerRecord,
    PartnerService,
)
from sec_desktop.ui.participant_fields import DATE_FORMAT, choose, from_qdate, line_edit, to_qdate
from sec_desktop.ui.partner_form import PartnerFormDialog, notes_edit
from sec_desktop.ui.record_writer import RecordWriter

# Field lengths as the records keep them: typing stops at the limit instead of failing later.
NAME_LENGTH = 200
AREA_LENGTH = 120
PHONE_LENGTH = 40
EMAIL_LENGTH = 254


def _no_survivor_names() -> str:
    return QCoreApplication.translate(
        "PartnerDialogs", "Do not write a survivor's name here: use their pseudonym code."
    )


class PartnerDialog(PartnerFormDialog):
    """Add a partner (`record` None) or edit one."""

    def __init__(
        self,
        service: PartnerService,
        writer: RecordWriter,
        record: PartnerRecord | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, "partner", parent)
        self.setWindowTitle(self.tr("Add partner") if record is None else self.tr("Edit partner"))
        self.setObjectName("partnerDialog")
        self._service = service
        self._record = record

        self.name_edit = line_edit(self, NAME_LENGTH)
        self.type_combo = QComboBox(self)
        for member in PartnerType:
            self.type_combo.addItem(QCoreApplication.translate("Choices", member.label), member)
        self.area_edit = line_edit(self, AREA_LENGTH)
        self.area_edit.setPlaceholderText(self.tr("For example: Newport, or all of Gwent"))
        self.phone_edit = line_edit(
            self, PHONE_LENGTH, Qt.InputMethodHint.ImhDialableCharactersOnly
        )
        self.email_edit = line_edit(self, EMAIL_LENGTH, Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.notes_edit = notes_edit(self)
        self.active_check = QCheckBox(self.tr("&Active: we still work with this partner"), self)
        self.active_check.setAccessibleName(self.tr("Active"))
        self.active_check.setChecked(True)

        self.add_field(self.tr("&Name:"), self.name_edit, self.tr("Name"), "name")
        self.add_field(self.tr("&Type:"), self.type_combo, self.tr("Type"))
        self.add_field(self.tr("A&rea:"), self.area_edit, self.tr("Area"), "area")
        self.add_field(self.tr("&Phone:"), self.phone_edit, self.tr("Phone"), "phone")
        self.add_field(self.tr("&Email:"), self.email_edit, self.tr("Email"), "email")
        self.add_field(self.tr("N&otes:"), self.notes_edit, self.tr("Notes"), "notes")
        self.notes_note = self.add_note(_no_survivor_names())
        self.form.addRow("", self.active_check)

        if record is not None:
            details = record.details
            self.name_edit.setText(details.name)
            choose(self.type_combo, details.type)
            self.area_edit.setText(details.area)
            self.phone_edit.setText(details.phone)
            self.email_edit.setText(details.email)
            self.notes_edit.setPlainText(details.notes)
            self.active_check.setChecked(details.active)
        self.name_edit.setFocus()

    @property
    def partner_id(self) -> int | None:
        return None if self._record is None else self._record.id

    def draft_identity(self) -> dict[str, Any]:
        return {"dialog": self.draft_key(), "partner_id": self.partner_id}

    def details(self) -> PartnerDetails:
        return PartnerDetails(
            name=self.name_edit.text(),
            type=PartnerType(self.type_combo.currentData()),
            area=self.area_edit.text(),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
            notes=self.notes_edit.toPlainText(),
            active=self.active_check.isChecked(),
        )

    def work(self) -> Callable[[], object]:
        details, service, record = self.details(), self._service, self._record
        if record is None:
            return lambda: service.add(details)
        return lambda: service.update(record.id, details)

    def input_state(self) -> dict[str, Any]:
        details = self.details()
        return {
            "name": details.name,
            "type": details.type.value,
            "area": details.area,
            "phone": details.phone,
            "email": details.email,
            "notes": details.notes,
            "active": details.active,
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        self.name_edit.setText(str(state.get("name", "")))
        choose(self.type_combo, PartnerType(state.get("type", PartnerType.CHARITY.value)))
        self.area_edit.setText(str(state.get("area", "")))
        self.phone_edit.setText(str(state.get("phone", "")))
        self.email_edit.setText(str(state.get("email", "")))
        self.notes_edit.setPlainText(str(state.get("notes", "")))
        self.active_check.setChecked(bool(state.get("active", True)))


class PartnerContactDialog(PartnerFormDialog):
    """Add a named contact at a partner (`contact` None), or edit one."""

    def __init__(
        self,
        service: PartnerService,
        writer: RecordWriter,
        partner_id: int,
        contact: ContactRecord | None = None,
        *,
        partner_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, "contact", parent)
        self.setWindowTitle(self.tr("Add contact") if contact is None else self.tr("Edit contact"))
        self.setObjectName("partnerContactDialog")
        self._service = service
        self._partner_id = partner_id
        self._contact = contact
        intro = (
            self.tr(
                "A named professional at {partner}, such as an IDVA or a service manager. "
                "Never a survivor: survivors belong in the roster."
            ).format(partner=partner_name)
            if partner_name
            else self.tr(
                "A named professional at this partner, such as an IDVA or a service manager. "
                "Never a survivor: survivors belong in the roster."
            )
        )
        self.set_intro(intro)

        self.name_edit = line_edit(self, NAME_LENGTH)
        self.role_edit = line_edit(self, AREA_LENGTH)
        self.role_edit.setPlaceholderText(self.tr("For example: IDVA team leader"))
        self.phone_edit = line_edit(
            self, PHONE_LENGTH, Qt.InputMethodHint.ImhDialableCharactersOnly
        )
        self.email_edit = line_edit(self, EMAIL_LENGTH, Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.notes_edit = notes_edit(self, 3, most_lines=6)  # at most 400 characters

        self.add_field(self.tr("&Name:"), self.name_edit, self.tr("Name"), "name")
        self.add_field(self.tr("&Role:"), self.role_edit, self.tr("Role"), "role")
        self.add_field(self.tr("&Phone:"), self.phone_edit, self.tr("Phone"), "phone")
        self.add_field(self.tr("&Email:"), self.email_edit, self.tr("Email"), "email")
        self.add_field(self.tr("N&otes:"), self.notes_edit, self.tr("Notes"), "notes")

        if contact is not None:
            self.restore_input(
                {
                    "name": contact.details.name,
                    "role": contact.details.role,
                    "phone": contact.details.phone,
                    "email": contact.details.email,
                    "notes": contact.details.notes,
                }
            )
        self.name_edit.setFocus()

    @property
    def partner_id(self) -> int:
        return self._partner_id

    @property
    def contact_id(self) -> int | None:
        return None if self._contact is None else self._contact.id

    def draft_identity(self) -> dict[str, Any]:
        return {
            "dialog": self.draft_key(),
            "partner_id": self._partner_id,
            "contact_id": self.contact_id,
        }

    def details(self) -> ContactDetails:
        return ContactDetails(
            name=self.name_edit.text(),
            role=self.role_edit.text(),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
            notes=self.notes_edit.toPlainText(),
        )

    def work(self) -> Callable[[], object]:
        details, service, partner_id = self.details(), self._service, self._partner_id
        if self._contact is None:
            return lambda: service.add_contact(partner_id, details)
        contact_id = self._contact.id
        return lambda: service.update_contact(partner_id, contact_id, details)

    def input_state(self) -> dict[str, Any]:
        details = self.details()
        return {
            "name": details.name,
            "role": details.role,
            "phone": details.phone,
            "email": details.email,
            "notes": details.notes,
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        self.name_edit.setText(str(state.get("name", "")))
        self.role_edit.setText(str(state.get("role", "")))
        self.phone_edit.setText(str(state.get("phone", "")))
        self.email_edit.setText(str(state.get("email", "")))
        self.notes_edit.setPlainText(str(state.get("notes", "")))


class PartnerLogDialog(PartnerFormDialog):
    """Log a dealing with a partner: when, what kind, with whom (optional), and a summary
    about the relationship."""

    def __init__(
        self,
        service: PartnerService,
        writer: RecordWriter,
        partner_id: int,
        contacts: Sequence[ContactRecord],
        today: date,
        *,
        partner_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, "log", parent)
        self.setWindowTitle(self.tr("Log a contact"))
        if partner_name:
            self.set_intro(
                self.tr("A meeting, call, email, referral or event with {partner}.").format(
                    partner=partner_name
                )
            )
        self.setObjectName("partnerLogDialog")
        self._service = service
        self._partner_id = partner_id

        self.date_edit = QDateEdit(to_qdate(today), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setMaximumDate(to_qdate(today))
        self.kind_combo = QComboBox(self)
        for member in PartnerLogKind:
            self.kind_combo.addItem(QCoreApplication.translate("Choices", member.label), member)
        self.contact_combo = QComboBox(self)
        self.contact_combo.addItem(self.tr("No one in particular"), None)
        for contact in contacts:
            details = contact.details
            text = (
                self.tr("{name}, {role}").format(name=details.name, role=details.role)
                if details.role
                else details.name
            )
            self.contact_combo.addItem(text, contact.id)
        self.summary_edit = notes_edit(self, 5)

        self.add_field(self.tr("&Date:"), self.date_edit, self.tr("Date"), "on")
        self.add_field(self.tr("&Kind:"), self.kind_combo, self.tr("Kind of contact"))
        self.add_field(
            self.tr("&With (optional):"), self.contact_combo, self.tr("Contact at the partner")
        )
        self.add_field(self.tr("Su&mmary:"), self.summary_edit, self.tr("Summary"), "summary")
        self.summary_note = self.add_note(_no_survivor_names())
        self.after_errors(None)
        self.kind_combo.setFocus()

    @property
    def partner_id(self) -> int:
        return self._partner_id

    def after_errors(self, error: RecordError | None) -> None:
        # The warning is read out with the field, after any message about it.
        message = self.errors.message("summary")
        hint = _no_survivor_names()
        self.summary_edit.setAccessibleDescription(
            self.tr("{message} {hint}").format(message=message, hint=hint) if message else hint
        )

    def draft_identity(self) -> dict[str, Any]:
        return {"dialog": self.draft_key(), "partner_id": self._partner_id}

    def entry(self) -> LogEntryDetails:
        contact = self.contact_combo.currentData()
        return LogEntryDetails(
            on=from_qdate(self.date_edit.date()),
            kind=PartnerLogKind(self.kind_combo.currentData()),
            summary=self.summary_edit.toPlainText(),
            contact_id=int(contact) if contact is not None else None,
        )

    def work(self) -> Callable[[], object]:
        entry, service, partner_id = self.entry(), self._service, self._partner_id
        return lambda: service.log_contact(partner_id, entry)

    def input_state(self) -> dict[str, Any]:
        entry = self.entry()
        return {
            "on": entry.on.isoformat(),
            "kind": entry.kind.value,
            "summary": entry.summary,
            "contact_id": entry.contact_id,
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        if "on" in state:
            self.date_edit.setDate(to_qdate(date.fromisoformat(str(state["on"]))))
        choose(self.kind_combo, PartnerLogKind(state.get("kind", PartnerLogKind.MEETING.value)))
        choose(self.contact_combo, state.get("contact_id"))
        self.summary_edit.setPlainText(str(state.get("summary", "")))
