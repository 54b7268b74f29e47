"""The partner directory: organisations, their named contacts, and a dated log of
dealings with them (meetings, calls, referrals received)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sec_desktop.domain.enums import PartnerLogKind, PartnerType
from sec_desktop.domain.partner import Partner, PartnerContact, PartnerLogEntry
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import validation as check
from sec_desktop.services.clock import Today, local_today
from sec_desktop.services.errors import FieldError, NotFound, ValidationFailed
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault


@dataclass(frozen=True)
class PartnerDetails:
    name: str
    type: PartnerType
    area: str = ""
    phone: str = ""
    email: str = ""
    notes: str = ""
    active: bool = True


@dataclass(frozen=True)
class ContactDetails:
    name: str
    role: str = ""
    phone: str = ""
    email: str = ""
    notes: str = ""


@dataclass(frozen=True)
class LogEntryDetails:
    on: date
    kind: PartnerLogKind
    summary: str = ""
    contact_id: int | None = None


@dataclass(frozen=True)
class PartnerRow:
    id: int
    name: str
    type: PartnerType
    area: str
    active: bool
    contacts: int
    last_contact: date | None
    # The named contacts' names, so a search can find a partner by a contact.
    contact_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactRecord:
    id: int
    details: ContactDetails


@dataclass(frozen=True)
class LogEntryRecord:
    id: int
    details: LogEntryDetails
    contact_name: str


@dataclass(frozen=True)
class PartnerRecord:
    id: int
    details: PartnerDetails
    contacts: tuple[ContactRecord, ...]
    log: tuple[LogEntryRecord, ...]


def _validate_partner(details: PartnerDetails) -> None:
    check.raise_if_any(
        [
            check.required("name", details.name, 200),
            check.text("area", details.area, 120),
            check.phone("phone", details.phone),
            check.email("email", details.email),
            check.text("notes", details.notes, 20_000),
        ]
    )


def _validate_contact(details: ContactDetails) -> None:
    check.raise_if_any(
        [
            check.required("name", details.name, 200),
            check.text("role", details.role, 120),
            check.phone("phone", details.phone),
            check.email("email", details.email),
            check.text("notes", details.notes, 400),
        ]
    )


@dataclass
class PartnerService:
    vault: Vault
    today: Today = field(default=local_today)

    def rows(self) -> list[PartnerRow]:
        with self.vault.reading() as session:
            contacts = (
                select(func.count(PartnerContact.id))
                .where(PartnerContact.partner_id == Partner.id)
                .scalar_subquery()
            )
            last = (
                select(func.max(PartnerLogEntry.on))
                .where(PartnerLogEntry.partner_id == Partner.id)
                .scalar_subquery()
            )
            result = session.execute(
                select(Partner, contacts, last).order_by(func.lower(Partner.name))
            ).all()
            names: dict[int, list[str]] = {}
            for partner_id, name in session.execute(
                select(PartnerContact.partner_id, PartnerContact.name).order_by(PartnerContact.name)
            ):
                names.setdefault(partner_id, []).append(name)
            return [
                PartnerRow(
                    p.id,
                    p.name,
                    p.type,
                    p.area,
                    p.active,
                    int(n),
                    latest,
                    tuple(names.get(p.id, ())),
                )
                for p, n, latest in result
            ]

    def names(self) -> list[tuple[int, str]]:
        """(id, name) of the partners still active, for choosing one in a form."""
        with self.vault.reading() as session:
            rows = session.execute(
                select(Partner.id, Partner.name)
                .where(Partner.active.is_(True))
                .order_by(func.lower(Partner.name))
            ).all()
        return [(int(i), str(n)) for i, n in rows]

    def record(self, partner_id: int) -> PartnerRecord:
        with self.vault.reading() as session:
            partner = _partner(session, partner_id)
            names = {c.id: c.name for c in partner.contacts}
            return PartnerRecord(
                partner.id,
                PartnerDetails(
                    partner.name,
                    partner.type,
                    partner.area,
                    partner.phone,
                    partner.email,
                    partner.notes,
                    partner.active,
                ),
                tuple(
                    ContactRecord(c.id, ContactDetails(c.name, c.role, c.phone, c.email, c.notes))
                    for c in partner.contacts
                ),
                tuple(
                    LogEntryRecord(
                        e.id,
                        LogEntryDetails(e.on, e.kind, e.summary, e.contact_id),
                        names.get(e.contact_id or 0, ""),
                    )
                    for e in partner.log
                ),
            )

    def add(self, details: PartnerDetails) -> int:
        _validate_partner(details)
        with self.vault.writing(AuditEvent.PARTNER_ADDED) as session:
            _refuse_duplicate_name(session, details.name, None)
            partner = Partner()
            _write_partner(partner, details)
            session.add(partner)
            session.flush()
            session.info["audit_detail"] = f"partner {partner.id}"
            return partner.id

    def update(self, partner_id: int, details: PartnerDetails) -> None:
        _validate_partner(details)
        with self.vault.writing(AuditEvent.PARTNER_EDITED, f"partner {partner_id}") as session:
            _refuse_duplicate_name(session, details.name, partner_id)
            _write_partner(_partner(session, partner_id), details)

    def add_contact(self, partner_id: int, details: ContactDetails) -> int:
        _validate_contact(details)
        with self.vault.writing(AuditEvent.PARTNER_EDITED, f"partner {partner_id}") as session:
            contact = PartnerContact()
            _write_contact(contact, details)
            # Held in a name: the session keeps only a weak reference to the partner.
            partner = _partner(session, partner_id)
            partner.contacts.append(contact)
            session.flush()
            return contact.id

    def update_contact(self, partner_id: int, contact_id: int, details: ContactDetails) -> None:
        _validate_contact(details)
        with self.vault.writing(AuditEvent.PARTNER_EDITED, f"partner {partner_id}") as session:
            contact = session.get(PartnerContact, contact_id)
            if contact is None or contact.partner_id != partner_id:
                raise NotFound(QT_TRANSLATE_NOOP("Records", "That contact is no longer listed."))
            _write_contact(contact, details)

    def log_contact(self, partner_id: int, entry: LogEntryDetails) -> int:
        check.raise_if_any(
            [
                check.not_in_future("on", entry.on, self.today()),
                check.text("summary", entry.summary, 4000),
            ]
        )
        with self.vault.writing(AuditEvent.PARTNER_LOG_ADDED, f"partner {partner_id}") as session:
            partner = _partner(session, partner_id)
            if entry.contact_id is not None and entry.contact_id not in {
                c.id for c in partner.contacts
            }:
                raise NotFound(QT_TRANSLATE_NOOP("Records", "That contact is no longer listed."))
            row = PartnerLogEntry(
                on=entry.on,
                kind=entry.kind,
                summary=entry.summary.strip(),
                contact_id=entry.contact_id,
            )
            partner.log.append(row)
            session.flush()
            return row.id


def _partner(session: Session, partner_id: int) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFound(QT_TRANSLATE_NOOP("Records", "That partner is no longer in the directory."))
    return partner


def _refuse_duplicate_name(session: Session, name: str, own_id: int | None) -> None:
    # Compared in Python: SQLite's lower() leaves non-ASCII letters alone, so "TŶ" and
    # "Tŷ" (Welsh names) would pass as different. The directory holds dozens, not more.
    wanted = name.strip().casefold()
    clash = next(
        (i for i, n in session.execute(select(Partner.id, Partner.name)) if n.casefold() == wanted),
        None,
    )
    if clash is not None and clash != own_id:
        raise ValidationFailed(
            [
                FieldError(
                    "name",
                    QT_TRANSLATE_NOOP(
                        "Records", "A partner with this name is already in the directory."
                    ),
                )
            ]
        )


def _write_partner(partner: Partner, details: PartnerDetails) -> None:
    partner.name = details.name.strip()
    partner.type = details.type
    partner.area = details.area.strip()
    partner.phone = details.phone.strip()
    partner.email = details.email.strip()
    partner.notes = details.notes
    partner.active = details.active


def _write_contact(contact: PartnerContact, details: ContactDetails) -> None:
    contact.name = details.name.strip()
    contact.role = details.role.strip()
    contact.phone = details.phone.strip()
    contact.email = details.email.strip()
    contact.notes = details.notes.strip()
