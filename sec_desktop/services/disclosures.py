"""The disclosure guard: a feedback item that discloses an offence never reported before.

The SEC is police staff: Home Office counting rules mean the force must record such a
crime, normally within 24 hours. Flagging an item starts that clock and asks for the
minimum facts; then the notification to the crime recording team (incident reference,
and the crime reference when it follows) and telling the survivor are recorded. It is
dealt with once both are done.

What was disclosed (the item's text and the minimum facts) is shown only in the item's
own record: the rows here carry codes, times and steps, never text. Audit details name
the item and the participant's code only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from sec_desktop.domain.enums import Choice, _labels
from sec_desktop.domain.feedback import Disclosure, FeedbackItem
from sec_desktop.domain.participant import Participant
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import validation as check
from sec_desktop.services.clock import Today, local_today, utc_now
from sec_desktop.services.crime_reference import CrimeReferenceService, normalise
from sec_desktop.services.errors import FieldError, NotFound, RuleBroken
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

# Home Office counting rules: a disclosed crime is normally recorded within 24 hours.
RECORDING_DEADLINE = timedelta(hours=24)

ITEM_GONE = QT_TRANSLATE_NOOP("Records", "This feedback is no longer in the vault.")
NOT_FLAGGED = QT_TRANSLATE_NOOP(
    "Records", "This feedback is not flagged as a disclosure: flag it first."
)


class AtRisk(Choice):
    """Is anyone at risk now? Kept as yes (True), no (False) or not known (None)."""

    YES = "yes"
    NO = "no"
    NOT_KNOWN = "not known"


_labels(
    AtRisk,
    QT_TRANSLATE_NOOP("Choices", "Yes"),
    QT_TRANSLATE_NOOP("Choices", "No"),
    QT_TRANSLATE_NOOP("Choices", "Not known"),
)
_STORED: dict[AtRisk, bool | None] = {AtRisk.YES: True, AtRisk.NO: False, AtRisk.NOT_KNOWN: None}


def at_risk_of(stored: bool | None) -> AtRisk:
    return next(choice for choice, value in _STORED.items() if value is stored)


@dataclass(frozen=True)
class MinimumFacts:
    """What the crime recording team needs first: all of it is required."""

    offence_type: str
    happened_when: str
    happened_where: str
    anyone_at_risk_now: AtRisk | None


@dataclass(frozen=True)
class Notification:
    """The crime recording team was told. The crime reference may follow later."""

    notified_at: datetime  # naive UTC, as the vault keeps times
    notified_to: str
    incident_reference: str
    crime_reference: str = ""


@dataclass(frozen=True)
class DisclosureRecord:
    """A disclosure's steps in full: for the item's own record only."""

    feedback_id: int
    participant_code: str
    flagged_at: datetime
    deadline_at: datetime
    facts: MinimumFacts
    notification: Notification | None
    survivor_told_on: date | None
    survivor_told_how: str

    @property
    def notified(self) -> bool:
        return self.notification is not None

    @property
    def survivor_told(self) -> bool:
        return self.survivor_told_on is not None

    @property
    def dealt_with(self) -> bool:
        return self.notified and self.survivor_told

    def overdue(self, now: datetime) -> bool:
        """The crime recording team was not told by the deadline (and still has not been)."""
        return not self.notified and now > self.deadline_at


@dataclass(frozen=True)
class DisclosureRow:
    """An open disclosure in a list: who (by code), when, which steps are done. No text."""

    feedback_id: int
    participant_code: str
    received_on: date
    flagged_at: datetime
    deadline_at: datetime
    notified: bool
    survivor_told: bool
    overdue: bool


def item_label(item: FeedbackItem, code: str | None) -> str:
    """How the audit names an item: its id and, if it has one, the participant's code."""
    return f"feedback {item.id} ({code})" if code else f"feedback {item.id}"


def code_of(session: Session, item: FeedbackItem) -> str:
    if item.participant_id is None:
        return ""
    return (
        session.scalar(select(Participant.code).where(Participant.id == item.participant_id)) or ""
    )


@dataclass
class DisclosureService:
    vault: Vault
    today: Today = field(default=local_today)
    now: Callable[[], datetime] = field(default=utc_now)

    def flag(self, feedback_id: int, facts: MinimumFacts) -> DisclosureRecord:
        """Flag an item as a disclosure: the recording clock starts now."""
        _check_facts(facts)
        with self.vault.writing(AuditEvent.DISCLOSURE_FLAGGED) as session:
            item = _item(session, feedback_id)
            if session.get(Disclosure, feedback_id) is not None:
                raise RuleBroken(
                    QT_TRANSLATE_NOOP(
                        "Records", "This feedback is already flagged as a disclosure."
                    )
                )
            flagged_at = self.now().replace(microsecond=0)
            row = Disclosure(
                feedback_id=feedback_id,
                flagged_at=flagged_at,
                deadline_at=flagged_at + RECORDING_DEADLINE,
                offence_type=facts.offence_type.strip(),
                happened_when=facts.happened_when.strip(),
                happened_where=facts.happened_where.strip(),
                anyone_at_risk_now=_STORED[facts.anyone_at_risk_now or AtRisk.NOT_KNOWN],
            )
            session.add(row)
            session.flush()
            code = code_of(session, item)
            session.info["audit_detail"] = item_label(item, code)
            return record_of(row, code)

    def record_notification(self, feedback_id: int, notification: Notification) -> None:
        """The crime recording team was notified. Called again, it adds the crime
        reference that followed (or corrects what was recorded)."""
        now = self.now()
        with self.vault.reading() as session:
            disclosure = _disclosure(session, feedback_id)
            flagged_at = disclosure.flagged_at
        check.raise_if_any(
            [
                _not_before_flag(notification.notified_at, flagged_at),
                (
                    FieldError(
                        "notified_at",
                        QT_TRANSLATE_NOOP(
                            "Records", "This time is in the future: use the time they were told."
                        ),
                    )
                    if notification.notified_at > now
                    else None
                ),
                check.required("notified_to", notification.notified_to, 200),
                check.required("incident_reference", notification.incident_reference, 40),
                self._crime_reference_error(notification.crime_reference),
            ]
        )
        with self.vault.writing(AuditEvent.DISCLOSURE_NOTIFIED) as session:
            disclosure = _disclosure(session, feedback_id)
            disclosure.notified_at = notification.notified_at.replace(microsecond=0)
            disclosure.notified_to = notification.notified_to.strip()
            disclosure.incident_reference = notification.incident_reference.strip()
            disclosure.crime_reference = normalise(notification.crime_reference)
            item = _item(session, feedback_id)
            session.info["audit_detail"] = item_label(item, code_of(session, item))

    def _crime_reference_error(self, reference: str) -> FieldError | None:
        """None if left empty (it may follow later) or in the force's format."""
        if not reference.strip():
            return None
        return CrimeReferenceService(self.vault).check(reference)

    def record_survivor_told(self, feedback_id: int, told_on: date, how: str) -> None:
        """The survivor was told that what they disclosed is being recorded, and how."""
        with self.vault.reading() as session:
            flagged_on = _disclosure(session, feedback_id).flagged_at.date()
        check.raise_if_any(
            [
                check.not_in_future("told_on", told_on, self.today()),
                check.not_before(
                    "told_on",
                    told_on,
                    # A day's slack: the flag's time is UTC, the date typed is local.
                    flagged_on - timedelta(days=1),
                    QT_TRANSLATE_NOOP(
                        "Records", "This is before the disclosure was flagged: check the date."
                    ),
                ),
                check.required("told_how", how, 200),
            ]
        )
        with self.vault.writing(AuditEvent.DISCLOSURE_SURVIVOR_TOLD) as session:
            disclosure = _disclosure(session, feedback_id)
            disclosure.survivor_told_on = told_on
            disclosure.survivor_told_how = how.strip()
            item = _item(session, feedback_id)
            session.info["audit_detail"] = item_label(item, code_of(session, item))

    def record(self, feedback_id: int) -> DisclosureRecord:
        with self.vault.reading() as session:
            item = _item(session, feedback_id)
            return record_of(_disclosure(session, feedback_id), code_of(session, item))

    def open_disclosures(self) -> list[DisclosureRow]:
        """Disclosures not yet dealt with: overdue first, then by deadline. No text."""
        now = self.now()
        query = (
            select(
                Disclosure.feedback_id,
                Participant.code,
                FeedbackItem.received_on,
                Disclosure.flagged_at,
                Disclosure.deadline_at,
                Disclosure.notified_at,
                Disclosure.survivor_told_on,
            )
            .join(FeedbackItem, FeedbackItem.id == Disclosure.feedback_id)
            .outerjoin(Participant, Participant.id == FeedbackItem.participant_id)
            .where((Disclosure.notified_at.is_(None)) | (Disclosure.survivor_told_on.is_(None)))
        )
        with self.vault.reading() as session:
            result = session.execute(query).all()
        rows = [
            DisclosureRow(
                feedback_id=i,
                participant_code=code or "",
                received_on=received,
                flagged_at=flagged,
                deadline_at=deadline,
                notified=notified is not None,
                survivor_told=told is not None,
                overdue=notified is None and now > deadline,
            )
            for i, code, received, flagged, deadline, notified, told in result
        ]
        return sorted(rows, key=lambda r: (not r.overdue, r.deadline_at, r.feedback_id))


def _check_facts(facts: MinimumFacts) -> None:
    check.raise_if_any(
        [
            check.required("offence_type", facts.offence_type, 120),
            check.required("happened_when", facts.happened_when, 120),
            check.required("happened_where", facts.happened_where, 200),
            (
                FieldError(
                    "anyone_at_risk_now",
                    QT_TRANSLATE_NOOP(
                        "Records", "Say whether anyone is at risk now: yes, no or not known."
                    ),
                )
                if facts.anyone_at_risk_now is None
                else None
            ),
        ]
    )


def _not_before_flag(when: datetime, flagged_at: datetime) -> FieldError | None:
    # Flagging may come a little after the call itself: a minute's grace for the clocks.
    if when < flagged_at - timedelta(minutes=1):
        return FieldError(
            "notified_at",
            QT_TRANSLATE_NOOP(
                "Records", "This is before the disclosure was flagged: check the time."
            ),
        )
    return None


def _item(session: Session, feedback_id: int) -> FeedbackItem:
    item = session.get(FeedbackItem, feedback_id)
    if item is None:
        raise NotFound(ITEM_GONE)
    return item


def _disclosure(session: Session, feedback_id: int) -> Disclosure:
    disclosure = session.get(Disclosure, feedback_id)
    if disclosure is None:
        _item(session, feedback_id)
        raise RuleBroken(NOT_FLAGGED)
    return disclosure


def record_of(row: Disclosure, code: str) -> DisclosureRecord:
    notification = (
        Notification(row.notified_at, row.notified_to, row.incident_reference, row.crime_reference)
        if row.notified_at is not None
        else None
    )
    return DisclosureRecord(
        feedback_id=row.feedback_id,
        participant_code=code,
        flagged_at=row.flagged_at,
        deadline_at=row.deadline_at,
        facts=MinimumFacts(
            row.offence_type,
            row.happened_when,
            row.happened_where,
            at_risk_of(row.anyone_at_risk_now),
        ),
        notification=notification,
        survivor_told_on=row.survivor_told_on,
        survivor_told_how=row.survivor_told_how,
    )
