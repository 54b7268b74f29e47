"""The coordinator's own wellbeing log: check-ins, supervision sessions, and how heavy
this week has been (the exposure figure, computed from the records).

Private to the SEC: nothing here goes into any report, export or search (no index reads
these tables), and the audit log records only that an entry was added ("check-in
recorded"), never the mood, energy, who supervised or any note.

Exposure counts the heavy contacts of the 7 days ending today: disclosures flagged,
cases reviewed at RASSO panel meetings held, and attendees whose wellbeing check found
them distressed. When it reaches the threshold the SEC sets (a vault fact, default 5)
and there has been no supervision session for 14 days, supervision is suggested.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select, text

from sec_desktop.domain.coordinator_log import CoordinatorCheckIn, SupervisionSession
from sec_desktop.domain.engagement import Engagement, ScrutinyCase
from sec_desktop.domain.engagement_enums import EngagementKind, Panel
from sec_desktop.domain.feedback import Disclosure
from sec_desktop.domain.risk import WellbeingCheck
from sec_desktop.domain.risk_enums import HowTheyAre
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import validation as check
from sec_desktop.services.clock import Today, local_today, utc_now
from sec_desktop.services.errors import FieldError, ValidationFailed
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

THRESHOLD_FACT = "supervision_exposure_threshold"
DEFAULT_THRESHOLD = 5
MIN_THRESHOLD, MAX_THRESHOLD = 1, 50
WEEK_DAYS = 7
# Supervision is suggested only if none was held within this many days.
SUPERVISION_WITHIN_DAYS = 14
MIN_SCALE, MAX_SCALE = 1, 5
MAX_NOTE = 2000
MAX_WITH_WHOM = 200

# What the audit log says about an entry: nothing more.
CHECK_IN_RECORDED = "check-in recorded"
SUPERVISION_RECORDED = "supervision session recorded"
THRESHOLD_DETAIL = "supervision threshold"


@dataclass(frozen=True)
class CheckInRow:
    id: int
    at: datetime  # naive UTC
    mood: int
    energy: int
    note: str


@dataclass(frozen=True)
class SupervisionRow:
    id: int
    held_on: date
    with_whom: str
    note: str


@dataclass(frozen=True)
class Exposure:
    """Heavy contacts in the week from `week_start` to `week_end` (today), both included."""

    week_start: date
    week_end: date
    disclosures: int
    rasso_cases: int
    distressed: int
    threshold: int

    @property
    def total(self) -> int:
        return self.disclosures + self.rasso_cases + self.distressed

    @property
    def over(self) -> bool:
        return self.total >= self.threshold


def _scale_problem(name: str, value: int) -> FieldError | None:
    if MIN_SCALE <= value <= MAX_SCALE:
        return None
    return FieldError(
        name,
        QT_TRANSLATE_NOOP("Records", "Choose a number from {low} to {high}."),
        {"low": MIN_SCALE, "high": MAX_SCALE},
    )


def _threshold_of(stored: object) -> int:
    """The stored threshold, or the default if none (or a broken one) is stored."""
    try:
        value = int(str(stored))
    except ValueError:
        return DEFAULT_THRESHOLD
    return value if MIN_THRESHOLD <= value <= MAX_THRESHOLD else DEFAULT_THRESHOLD


@dataclass
class CoordinatorLogService:
    vault: Vault
    today: Today = field(default=local_today)
    now: Callable[[], datetime] = field(default=utc_now)

    def check_in(self, mood: int, energy: int, note: str = "") -> int:
        """A quick check-in now; returns its id."""
        check.raise_if_any(
            [
                _scale_problem("mood", mood),
                _scale_problem("energy", energy),
                check.text("note", note, MAX_NOTE),
            ]
        )
        with self.vault.writing(AuditEvent.COORDINATOR_LOG_CHANGED, CHECK_IN_RECORDED) as s:
            row = CoordinatorCheckIn(
                at=self.now().replace(microsecond=0), mood=mood, energy=energy, note=note.strip()
            )
            s.add(row)
            s.flush()
            return row.id

    def check_ins(self, limit: int = 50) -> list[CheckInRow]:
        """The newest `limit` check-ins, newest first."""
        query = (
            select(CoordinatorCheckIn)
            .order_by(CoordinatorCheckIn.at.desc(), CoordinatorCheckIn.id.desc())
            .limit(limit)
        )
        with self.vault.reading() as session:
            return [
                CheckInRow(r.id, r.at, r.mood, r.energy, r.note) for r in session.scalars(query)
            ]

    def add_supervision(self, held_on: date, with_whom: str, note: str = "") -> int:
        """A supervision session that was held (today or earlier); returns its id."""
        check.raise_if_any(
            [
                check.not_in_future("held_on", held_on, self.today()),
                check.text("with_whom", with_whom, MAX_WITH_WHOM),
                check.text("note", note, MAX_NOTE),
            ]
        )
        with self.vault.writing(AuditEvent.COORDINATOR_LOG_CHANGED, SUPERVISION_RECORDED) as s:
            row = SupervisionSession(
                held_on=held_on, with_whom=with_whom.strip(), note=note.strip()
            )
            s.add(row)
            s.flush()
            return row.id

    def supervision_sessions(self) -> list[SupervisionRow]:
        """Every supervision session, newest first."""
        query = select(SupervisionSession).order_by(
            SupervisionSession.held_on.desc(), SupervisionSession.id.desc()
        )
        with self.vault.reading() as session:
            return [
                SupervisionRow(r.id, r.held_on, r.with_whom, r.note) for r in session.scalars(query)
            ]

    def exposure(self) -> Exposure:
        """Heavy contacts of the 7 days ending today."""
        end = self.today()
        start = end - timedelta(days=WEEK_DAYS - 1)
        # Flag times are naive UTC; the week is whole local days, turned into UTC.
        from_time = _utc(datetime.combine(start, time.min))
        until_time = _utc(datetime.combine(end + timedelta(days=1), time.min))
        disclosures = select(func.count()).where(
            Disclosure.flagged_at >= from_time, Disclosure.flagged_at < until_time
        )
        rasso = (
            select(func.count(ScrutinyCase.id))
            .join(Engagement, Engagement.id == ScrutinyCase.engagement_id)
            .where(
                Engagement.kind == EngagementKind.SCRUTINY_PANEL,
                Engagement.panel == Panel.RASSO,
                Engagement.held_on.between(start, end),
            )
        )
        distressed = select(func.count()).where(
            WellbeingCheck.how_they_are == HowTheyAre.DISTRESSED,
            WellbeingCheck.checked_on.between(start, end),
        )
        with self.vault.reading() as session:
            flagged, cases, upset = (
                int(session.scalar(query) or 0) for query in (disclosures, rasso, distressed)
            )
        return Exposure(start, end, flagged, cases, upset, self.threshold())

    def threshold(self) -> int:
        with self.vault.reading() as session:
            stored = session.execute(
                text("SELECT value FROM vault_fact WHERE name = :name"), {"name": THRESHOLD_FACT}
            ).scalar()
        return _threshold_of(stored) if stored is not None else DEFAULT_THRESHOLD

    def set_threshold(self, value: int) -> None:
        """The exposure at which supervision is suggested: 1 to 50."""
        if not MIN_THRESHOLD <= value <= MAX_THRESHOLD:
            raise ValidationFailed(
                [
                    FieldError(
                        "threshold",
                        QT_TRANSLATE_NOOP("Records", "Choose a number from {low} to {high}."),
                        {"low": MIN_THRESHOLD, "high": MAX_THRESHOLD},
                    )
                ]
            )
        with self.vault.writing(AuditEvent.RECORD_SETTING_CHANGED, THRESHOLD_DETAIL) as s:
            s.execute(
                text("INSERT OR REPLACE INTO vault_fact (name, value) VALUES (:name, :value)"),
                {"name": THRESHOLD_FACT, "value": str(value)},
            )

    def last_supervision(self) -> date | None:
        """When supervision was last held (today or earlier), if ever."""
        query = select(func.max(SupervisionSession.held_on)).where(
            SupervisionSession.held_on <= self.today()
        )
        with self.vault.reading() as session:
            return session.scalar(query)

    def supervision_suggested(self) -> bool:
        """This week's exposure reached the threshold, and no supervision in 14 days."""
        if not self.exposure().over:
            return False
        last = self.last_supervision()
        return last is None or last < self.today() - timedelta(days=SUPERVISION_WITHIN_DAYS)


def _utc(local: datetime) -> datetime:
    """A local wall-clock time as stored: naive UTC."""
    return local.astimezone(UTC).replace(tzinfo=None)
