"""After-session wellbeing checks: how each named attendee was, the support offered, and
any follow-up it needs (a task on the Today page until it is marked done).

One check per attendee of an engagement, updated in place. Anonymous staff forum
sessions have no named attendees, so nobody on them can be checked by name. Notes are
kept out of search (the index never reads this table) and out of the audit log, whose
details name the engagement and the participant's code only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from sec_desktop.domain.engagement import Attendance, Engagement
from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.domain.participant import Participant
from sec_desktop.domain.risk import WellbeingCheck
from sec_desktop.domain.risk_enums import HowTheyAre
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import engagement_store, participant_store
from sec_desktop.services import validation as check
from sec_desktop.services.clock import Today, local_today, utc_now
from sec_desktop.services.errors import FieldError, NotFound, RuleBroken
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

MAX_NOTE = 2000
MAX_SUPPORT = 1000
# What a form suggests for a follow-up date: a week after the check (the user may change it).
FOLLOW_UP_AFTER_DAYS = 7

CHECK_GONE = QT_TRANSLATE_NOOP("Records", "That wellbeing check is no longer on record.")


@dataclass(frozen=True)
class CheckDetails:
    checked_on: date
    how_they_are: HowTheyAre
    note: str = ""
    support_offered: str = ""
    follow_up_needed: bool = False
    follow_up_by: date | None = None


@dataclass(frozen=True)
class AttendeeCheck:
    """One named attendee of an engagement, with their check if one is recorded."""

    participant_id: int
    participant_code: str
    check_id: int | None
    details: CheckDetails | None
    follow_up_done_on: date | None


@dataclass(frozen=True)
class FollowUp:
    """A follow-up still to do: by code and engagement, never a name or the note."""

    check_id: int
    engagement_id: int
    engagement_title: str
    participant_id: int
    participant_code: str
    follow_up_by: date | None
    overdue: bool


def suggested_follow_up_by(checked_on: date) -> date:
    """A form's first suggestion for the follow-up date; the service requires one chosen."""
    return checked_on + timedelta(days=FOLLOW_UP_AFTER_DAYS)


def details_of(row: WellbeingCheck) -> CheckDetails:
    return CheckDetails(
        checked_on=row.checked_on,
        how_they_are=row.how_they_are,
        note=row.note,
        support_offered=row.support_offered,
        follow_up_needed=row.follow_up_needed,
        follow_up_by=row.follow_up_by,
    )


def check_details(details: CheckDetails, held_on: date, today: date) -> None:
    """Every field of a check, against the session's date and today."""
    check.raise_if_any(
        [
            check.not_in_future("checked_on", details.checked_on, today),
            check.not_before(
                "checked_on",
                details.checked_on,
                held_on,
                QT_TRANSLATE_NOOP(
                    "Records", "This is before the session was held: use its date or later."
                ),
            ),
            check.text("note", details.note, MAX_NOTE),
            check.text("support_offered", details.support_offered, MAX_SUPPORT),
            _follow_up_problem(details),
        ]
    )


def _follow_up_problem(details: CheckDetails) -> FieldError | None:
    if not details.follow_up_needed:
        return None
    if details.follow_up_by is None:
        return FieldError(
            "follow_up_by",
            QT_TRANSLATE_NOOP("Records", "Choose the date the follow-up should be done by."),
        )
    return check.not_before(
        "follow_up_by",
        details.follow_up_by,
        details.checked_on,
        QT_TRANSLATE_NOOP(
            "Records", "This is before the check itself: choose the check's date or later."
        ),
    )


@dataclass
class WellbeingCheckService:
    vault: Vault
    today: Today = field(default=local_today)

    def for_engagement(self, engagement_id: int) -> list[AttendeeCheck]:
        """Every named attendee, by code, with their check or None."""
        query = (
            select(Participant.id, Participant.code, WellbeingCheck)
            .join(Attendance, Attendance.participant_id == Participant.id)
            .outerjoin(
                WellbeingCheck,
                (WellbeingCheck.participant_id == Participant.id)
                & (WellbeingCheck.engagement_id == engagement_id),
            )
            .where(Attendance.engagement_id == engagement_id)
            .order_by(Participant.code)
        )
        with self.vault.reading() as session:
            engagement_store.engagement(session, engagement_id)
            result = session.execute(query).all()
            return [
                AttendeeCheck(
                    participant_id=pid,
                    participant_code=code,
                    check_id=row.id if row is not None else None,
                    details=details_of(row) if row is not None else None,
                    follow_up_done_on=row.follow_up_done_on if row is not None else None,
                )
                for pid, code, row in result
            ]

    def save(self, engagement_id: int, participant_id: int, details: CheckDetails) -> int:
        """Record (or update in place) one attendee's check; returns its id."""
        with self.vault.reading() as session:
            held_on = _attended(session, engagement_id, participant_id)[0].held_on
        check_details(details, held_on, self.today())
        with self.vault.writing(AuditEvent.WELLBEING_CHECK_SAVED) as session:
            engagement, code = _attended(session, engagement_id, participant_id)
            row = session.scalar(
                select(WellbeingCheck).where(
                    WellbeingCheck.engagement_id == engagement_id,
                    WellbeingCheck.participant_id == participant_id,
                )
            )
            now = utc_now().replace(microsecond=0)
            if row is None:
                row = WellbeingCheck(
                    engagement_id=engagement_id, participant_id=participant_id, created_at=now
                )
                session.add(row)
            _apply(row, details)
            row.updated_at = now
            session.flush()
            session.info["audit_detail"] = f"engagement {engagement.id}: {code}"
            return row.id

    def follow_ups_due(self) -> list[FollowUp]:
        """Follow-ups needed and not yet done, soonest first (overdue ones lead)."""
        today = self.today()
        query = (
            select(
                WellbeingCheck.id,
                Engagement.id,
                Engagement.title,
                Engagement.topic,
                Participant.id,
                Participant.code,
                WellbeingCheck.follow_up_by,
            )
            .join(Engagement, Engagement.id == WellbeingCheck.engagement_id)
            .join(Participant, Participant.id == WellbeingCheck.participant_id)
            .where(
                WellbeingCheck.follow_up_needed.is_(True),
                WellbeingCheck.follow_up_done_on.is_(None),
            )
        )
        with self.vault.reading() as session:
            result = session.execute(query).all()
        due = [
            FollowUp(
                check_id=cid,
                engagement_id=eid,
                engagement_title=title or topic,
                participant_id=pid,
                participant_code=code,
                follow_up_by=by,
                overdue=by is not None and by < today,
            )
            for cid, eid, title, topic, pid, code, by in result
        ]
        return sorted(due, key=lambda f: (f.follow_up_by or date.max, f.participant_code))

    def mark_follow_up_done(self, check_id: int, done_on: date) -> None:
        """The follow-up was done on `done_on` (today or earlier, not before the check)."""
        with self.vault.reading() as session:
            checked_on = _check(session, check_id).checked_on
        check.raise_if_any(
            [
                check.not_in_future("done_on", done_on, self.today()),
                check.not_before(
                    "done_on",
                    done_on,
                    checked_on,
                    QT_TRANSLATE_NOOP(
                        "Records", "This is before the wellbeing check: check the date."
                    ),
                ),
            ]
        )
        with self.vault.writing(AuditEvent.WELLBEING_FOLLOW_UP_DONE) as session:
            row = _check(session, check_id)
            if not row.follow_up_needed:
                raise RuleBroken(
                    QT_TRANSLATE_NOOP("Records", "No follow-up was asked for on this check.")
                )
            row.follow_up_done_on = done_on
            row.updated_at = utc_now().replace(microsecond=0)
            code = session.scalar(
                select(Participant.code).where(Participant.id == row.participant_id)
            )
            session.info["audit_detail"] = f"engagement {row.engagement_id}: {code or ''}"


def _apply(row: WellbeingCheck, details: CheckDetails) -> None:
    row.checked_on = details.checked_on
    row.how_they_are = details.how_they_are
    row.note = details.note.strip()
    row.support_offered = details.support_offered.strip()
    row.follow_up_needed = details.follow_up_needed
    row.follow_up_by = details.follow_up_by if details.follow_up_needed else None
    if not details.follow_up_needed:
        row.follow_up_done_on = None


def _attended(session: Session, engagement_id: int, participant_id: int) -> tuple[Engagement, str]:
    """The engagement and the attendee's code; refused unless they are a named attendee."""
    engagement = engagement_store.engagement(session, engagement_id)
    if engagement.kind == EngagementKind.STAFF_FORUM:
        raise RuleBroken(
            QT_TRANSLATE_NOOP(
                "Records",
                "This session was anonymous: nobody who came can be checked on by name.",
            )
        )
    code = session.scalar(select(Participant.code).where(Participant.id == participant_id))
    if code is None:
        raise NotFound(participant_store.GONE)
    if session.get(Attendance, (engagement_id, participant_id)) is None:
        raise RuleBroken(
            QT_TRANSLATE_NOOP(
                "Records",
                "{code} is not recorded as attending this session: add them to the "
                "attendees first.",
            ),
            code=code,
        )
    return engagement, code


def _check(session: Session, check_id: int) -> WellbeingCheck:
    row = session.get(WellbeingCheck, check_id)
    if row is None:
        raise NotFound(CHECK_GONE)
    return row
