"""Service recovery: a partner's concern about one survivor's service, taken by the SEC to
the right department, with the steps taken, the outcome, and whether the survivor and the
partner were told; days open, for timeliness figures.

The audit log names the case id and the partner id only: never the concern, the
partner's reference for the survivor, or what was done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from statistics import median

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from sec_desktop.domain.action_enums import RecoveryStatus
from sec_desktop.domain.participant import Participant
from sec_desktop.domain.partner import Partner, PartnerContact
from sec_desktop.domain.recovery import RecoveryCase, RecoveryStep
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import recovery_records as records
from sec_desktop.services import validation as check
from sec_desktop.services.clock import Today, local_today, utc_now
from sec_desktop.services.errors import FieldError, NotFound, RuleBroken
from sec_desktop.services.recovery_records import (
    RecoveryDetails,
    RecoveryRecord,
    RecoveryRow,
    StepRow,
    Timeliness,
    days_open,
)
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault


@dataclass
class RecoveryService:
    vault: Vault
    today: Today = field(default=local_today)

    # --- reading ------------------------------------------------------------------------

    def rows(
        self,
        *,
        status: RecoveryStatus | None = None,
        partner_id: int | None = None,
        department: str = "",
    ) -> list[RecoveryRow]:
        """Open cases first, the longest waiting at the top; then closed ones, the most
        recently opened first. `department` matches whole, ignoring case."""
        query = select(RecoveryCase)
        if status is not None:
            query = query.where(RecoveryCase.status == status)
        if partner_id is not None:
            query = query.where(RecoveryCase.raised_by_partner_id == partner_id)
        wanted = department.strip().casefold()
        today = self.today()
        with self.vault.reading() as session:
            names = _names(session)
            rows = [
                _row(case, names, today)
                for case in session.scalars(query)
                if not wanted or case.department.casefold() == wanted
            ]
        return sorted(rows, key=_row_order)

    def departments(self) -> list[str]:
        """The departments cases have gone to, for a filter: each once, whatever its
        case, as first typed; by name."""
        query = select(RecoveryCase.department).order_by(RecoveryCase.id)
        with self.vault.reading() as session:
            found = session.scalars(query).all()
        unique: dict[str, str] = {}
        for name in found:
            if name.strip():
                unique.setdefault(name.casefold(), name)
        return sorted(unique.values(), key=str.casefold)

    def record(self, case_id: int) -> RecoveryRecord:
        with self.vault.reading() as session:
            case = _case(session, case_id)
            names = _names(session)
            return RecoveryRecord(
                id=case.id,
                details=_details_of(case),
                status=case.status,
                outcome=case.outcome,
                closed_on=case.closed_on,
                survivor_told_on=case.survivor_told_on,
                partner_told_on=case.partner_told_on,
                steps=tuple(StepRow(s.id, s.on, s.note) for s in case.steps),
                days_open=days_open(case.opened_on, case.closed_on, self.today()),
                partner_name=names.partners.get(case.raised_by_partner_id or 0, ""),
                contact_name=names.contacts.get(case.raised_by_contact_id or 0, ""),
                participant_code=names.codes.get(case.participant_id or 0, ""),
            )

    def timeliness(self, start: date, end: date) -> Timeliness:
        today = self.today()
        with self.vault.reading() as session:
            cases = session.scalars(select(RecoveryCase)).all()
            closed = [
                c
                for c in cases
                if c.status == RecoveryStatus.CLOSED
                and c.closed_on is not None
                and start <= c.closed_on <= end
            ]
            still_open = [c for c in cases if c.status == RecoveryStatus.OPEN]
            durations = [days_open(c.opened_on, c.closed_on, today) for c in closed]
            oldest = min(still_open, key=lambda c: (c.opened_on, c.id), default=None)
            return Timeliness(
                start=start,
                end=end,
                opened=sum(1 for c in cases if start <= c.opened_on <= end),
                closed=len(closed),
                median_days_open=float(median(durations)) if durations else None,
                longest_days_open=max(durations, default=None),
                survivor_told=sum(1 for c in closed if c.survivor_told_on is not None),
                partner_told=sum(1 for c in closed if c.partner_told_on is not None),
                open_now=len(still_open),
                oldest_open_days=(
                    days_open(oldest.opened_on, None, today) if oldest is not None else None
                ),
                oldest_open_id=oldest.id if oldest is not None else None,
            )

    # --- writing ------------------------------------------------------------------------

    def open_case(self, details: RecoveryDetails) -> int:
        """Open a case; returns its id."""
        check.raise_if_any(records.detail_errors(details, self.today()))
        with self.vault.writing(AuditEvent.RECOVERY_CASE_OPENED) as session:
            check.raise_if_any(_link_errors(session, details))
            now = utc_now()
            case = RecoveryCase(status=RecoveryStatus.OPEN, created_at=now, updated_at=now)
            _write(case, details)
            session.add(case)
            session.flush()
            session.info["audit_detail"] = _audit(case)
            return case.id

    def update(self, case_id: int, details: RecoveryDetails) -> None:
        """Change what the case is about (closed cases too: a correction)."""
        check.raise_if_any(records.detail_errors(details, self.today()))
        with self.vault.writing(AuditEvent.RECOVERY_CASE_EDITED) as session:
            case = _case(session, case_id)
            dated: list[date | None] = [s.on for s in case.steps]
            dated += [case.closed_on, case.survivor_told_on, case.partner_told_on]
            errors = _link_errors(session, details)
            check.raise_if_any([*errors, records.opened_after(dated, details.opened_on)])
            _write(case, details)
            case.updated_at = utc_now()
            session.info["audit_detail"] = _audit(case)

    def add_step(self, case_id: int, on: date, note: str) -> int:
        with self.vault.writing(AuditEvent.RECOVERY_STEP_ADDED) as session:
            case = _open_case(session, case_id)
            records.step_errors(on, note, case.opened_on, self.today())
            step = RecoveryStep(on=on, note=note.strip())
            case.steps.append(step)
            case.updated_at = utc_now()
            session.flush()
            session.info["audit_detail"] = f"{_audit(case)}, step {step.id}"
            return step.id

    def record_told(
        self,
        case_id: int,
        *,
        survivor_told_on: date | None = None,
        partner_told_on: date | None = None,
    ) -> None:
        """Record when the survivor and/or the partner were told; a date not given is
        left as it was (see clear_told to take one back)."""
        with self.vault.writing(AuditEvent.RECOVERY_TOLD_RECORDED) as session:
            case = _case(session, case_id)
            records.told_errors(survivor_told_on, partner_told_on, case.opened_on, self.today())
            if survivor_told_on is not None:
                case.survivor_told_on = survivor_told_on
            if partner_told_on is not None:
                case.partner_told_on = partner_told_on
            case.updated_at = utc_now()
            session.info["audit_detail"] = _audit(case)

    def set_told(
        self, case_id: int, *, survivor_told_on: date | None, partner_told_on: date | None
    ) -> None:
        """Record exactly who was told and when, as a form shows it: None is "not told
        yet" (taking back a date recorded by mistake)."""
        with self.vault.writing(AuditEvent.RECOVERY_TOLD_RECORDED) as session:
            case = _case(session, case_id)
            records.told_errors(
                survivor_told_on, partner_told_on, case.opened_on, self.today(), none_allowed=True
            )
            case.survivor_told_on = survivor_told_on
            case.partner_told_on = partner_told_on
            case.updated_at = utc_now()
            session.info["audit_detail"] = _audit(case)

    def clear_told(self, case_id: int, *, survivor: bool = False, partner: bool = False) -> None:
        """Take back a telling recorded by mistake."""
        with self.vault.writing(AuditEvent.RECOVERY_TOLD_RECORDED) as session:
            case = _case(session, case_id)
            if survivor:
                case.survivor_told_on = None
            if partner:
                case.partner_told_on = None
            case.updated_at = utc_now()
            session.info["audit_detail"] = f"{_audit(case)}, told cleared"

    def close(self, case_id: int, closed_on: date, outcome: str) -> None:
        with self.vault.writing(AuditEvent.RECOVERY_CASE_CLOSED) as session:
            case = _open_case(session, case_id)
            last_step = max((s.on for s in case.steps), default=None)
            records.close_errors(closed_on, outcome, case.opened_on, last_step, self.today())
            case.status = RecoveryStatus.CLOSED
            case.closed_on = closed_on
            case.outcome = outcome.strip()
            case.updated_at = utc_now()
            session.info["audit_detail"] = _audit(case)

    def reopen(self, case_id: int) -> None:
        """Open a closed case again; its outcome is kept to be revised when it closes."""
        with self.vault.writing(AuditEvent.RECOVERY_CASE_REOPENED) as session:
            case = _case(session, case_id)
            if case.status != RecoveryStatus.CLOSED:
                raise RuleBroken(records.NOT_CLOSED)
            case.status = RecoveryStatus.OPEN
            case.closed_on = None
            case.updated_at = utc_now()
            session.info["audit_detail"] = _audit(case)


@dataclass(frozen=True)
class _Names:
    partners: dict[int, str]
    contacts: dict[int, str]
    codes: dict[int, str]


def _names(session: Session) -> _Names:
    return _Names(
        partners=_pairs(session, select(Partner.id, Partner.name)),
        contacts=_pairs(session, select(PartnerContact.id, PartnerContact.name)),
        codes=_pairs(session, select(Participant.id, Participant.code)),
    )


def _pairs(session: Session, query: Select[int, str]) -> dict[int, str]:
    return {int(key): str(value) for key, value in session.execute(query)}


def _row(case: RecoveryCase, names: _Names, today: date) -> RecoveryRow:
    code = names.codes.get(case.participant_id or 0, "")
    return RecoveryRow(
        id=case.id,
        opened_on=case.opened_on,
        partner=names.partners.get(case.raised_by_partner_id or 0, ""),
        contact=names.contacts.get(case.raised_by_contact_id or 0, ""),
        survivor=case.survivor_pseudonym or code,
        department=case.department,
        status=case.status,
        days_open=days_open(case.opened_on, case.closed_on, today),
        survivor_told=case.survivor_told_on is not None,
        partner_told=case.partner_told_on is not None,
    )


def _row_order(row: RecoveryRow) -> tuple[object, ...]:
    if row.status == RecoveryStatus.OPEN:
        return (0, row.opened_on.toordinal(), row.id)
    return (1, -row.opened_on.toordinal(), -row.id)


def _details_of(case: RecoveryCase) -> RecoveryDetails:
    return RecoveryDetails(
        opened_on=case.opened_on,
        concern=case.concern,
        raised_by_partner_id=case.raised_by_partner_id,
        raised_by_contact_id=case.raised_by_contact_id,
        survivor_pseudonym=case.survivor_pseudonym,
        participant_id=case.participant_id,
        department=case.department,
    )


def _case(session: Session, case_id: int) -> RecoveryCase:
    case = session.get(RecoveryCase, case_id)
    if case is None:
        raise NotFound(records.CASE_GONE)
    return case


def _open_case(session: Session, case_id: int) -> RecoveryCase:
    case = _case(session, case_id)
    if case.status != RecoveryStatus.OPEN:
        raise RuleBroken(records.CASE_CLOSED)
    return case


def _link_errors(session: Session, details: RecoveryDetails) -> list[FieldError | None]:
    """The partner and contact are in the directory, the contact is one of the partner's,
    and a linked participant is still on the roster."""
    errors: list[FieldError | None] = []
    if session.get(Partner, details.raised_by_partner_id) is None:
        errors.append(
            FieldError(
                "raised_by_partner_id",
                QT_TRANSLATE_NOOP("Records", "That partner is no longer in the directory."),
            )
        )
    contact = session.get(PartnerContact, details.raised_by_contact_id)
    if contact is None or contact.partner_id != details.raised_by_partner_id:
        errors.append(
            FieldError(
                "raised_by_contact_id",
                QT_TRANSLATE_NOOP(
                    "Records",
                    "This contact is not listed under the partner chosen: choose one of theirs.",
                ),
            )
        )
    linked = details.participant_id
    if linked is not None and session.get(Participant, linked) is None:
        errors.append(
            FieldError(
                "participant_id",
                QT_TRANSLATE_NOOP("Records", "That participant is no longer on the roster."),
            )
        )
    return errors


def _write(case: RecoveryCase, details: RecoveryDetails) -> None:
    case.opened_on = details.opened_on
    case.concern = details.concern.strip()
    case.raised_by_partner_id = details.raised_by_partner_id
    case.raised_by_contact_id = details.raised_by_contact_id
    case.survivor_pseudonym = details.survivor_pseudonym.strip()
    case.participant_id = details.participant_id
    case.department = details.department.strip()


def _audit(case: RecoveryCase) -> str:
    return f"case {case.id}, partner {case.raised_by_partner_id}"
