"""Service recovery cases as the screens see them, and the checks of what is typed in.

A case is raised by a named contact at a partner (an IDVA, a service manager) about one
survivor, known by the partner's own reference for them (never a name) and, if they are
on the roster, by their pseudonym code. Nothing here carries a name of a survivor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sec_desktop.domain.action_enums import RecoveryStatus
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import validation as check
from sec_desktop.services.errors import FieldError

MAX_CONCERN = 4000
MAX_OUTCOME = 4000
MAX_STEP_NOTE = 4000
MAX_DEPARTMENT = 200
# The partner's reference for the survivor: a short reference, not a name.
MAX_PSEUDONYM = 60

CASE_GONE = QT_TRANSLATE_NOOP("Records", "That service recovery case is no longer on record.")
CASE_CLOSED = QT_TRANSLATE_NOOP(
    "Records", "This case is closed: reopen it first to add a step or change it."
)
NOT_CLOSED = QT_TRANSLATE_NOOP("Records", "This case is open: there is nothing to reopen.")
BEFORE_OPENED = QT_TRANSLATE_NOOP(
    "Records", "This is before the case was opened: use its opening date or later."
)


@dataclass(frozen=True)
class RecoveryDetails:
    opened_on: date
    concern: str
    raised_by_partner_id: int | None = None
    raised_by_contact_id: int | None = None
    # The partner's own reference for the survivor (never a name); "" if only linked.
    survivor_pseudonym: str = ""
    participant_id: int | None = None
    department: str = ""


@dataclass(frozen=True, slots=True)  # thousands at scale: no __dict__ each
class RecoveryRow:
    id: int
    opened_on: date
    partner: str
    contact: str
    survivor: str  # the partner's reference, or the roster code
    department: str
    status: RecoveryStatus
    days_open: int
    survivor_told: bool
    partner_told: bool


@dataclass(frozen=True)
class StepRow:
    id: int
    on: date
    note: str


@dataclass(frozen=True)
class RecoveryRecord:
    id: int
    details: RecoveryDetails
    status: RecoveryStatus
    outcome: str
    closed_on: date | None
    survivor_told_on: date | None
    partner_told_on: date | None
    steps: tuple[StepRow, ...]
    days_open: int
    partner_name: str
    contact_name: str
    participant_code: str


@dataclass(frozen=True)
class Timeliness:
    """How quickly cases are dealt with: those closed in the period (by their closing
    date), and those open now (on today's date, whatever the period)."""

    start: date
    end: date
    opened: int  # opened in the period
    closed: int  # closed in the period
    median_days_open: float | None  # of those closed in the period
    longest_days_open: int | None  # of those closed in the period
    survivor_told: int  # of those closed in the period
    partner_told: int  # of those closed in the period
    open_now: int
    oldest_open_days: int | None
    oldest_open_id: int | None


def days_open(opened_on: date, closed_on: date | None, today: date) -> int:
    """Days from opening to closing, or to today while open (never below 0)."""
    return max(0, ((closed_on or today) - opened_on).days)


def detail_errors(details: RecoveryDetails, today: date) -> list[FieldError | None]:
    """The checks that need nothing but the details and today."""
    return [
        check.not_in_future("opened_on", details.opened_on, today),
        check.required("concern", details.concern, MAX_CONCERN),
        check.text("survivor_pseudonym", details.survivor_pseudonym, MAX_PSEUDONYM),
        check.text("department", details.department, MAX_DEPARTMENT),
        _who_raised(details),
        _survivor(details),
    ]


def _who_raised(details: RecoveryDetails) -> FieldError | None:
    if details.raised_by_partner_id is None:
        return FieldError(
            "raised_by_partner_id",
            QT_TRANSLATE_NOOP("Records", "Choose the partner who raised this case."),
        )
    if details.raised_by_contact_id is None:
        return FieldError(
            "raised_by_contact_id",
            QT_TRANSLATE_NOOP("Records", "Choose the contact at the partner who raised it."),
        )
    return None


def _survivor(details: RecoveryDetails) -> FieldError | None:
    if details.survivor_pseudonym.strip() or details.participant_id is not None:
        return None
    return FieldError(
        "survivor_pseudonym",
        QT_TRANSLATE_NOOP(
            "Records",
            "Give the partner's reference for the survivor (not their name), or link the "
            "case to a participant.",
        ),
    )


def step_errors(on: date, note: str, opened_on: date, today: date) -> None:
    check.raise_if_any(
        [
            check.not_in_future("on", on, today),
            check.not_before("on", on, opened_on, BEFORE_OPENED),
            check.required("note", note, MAX_STEP_NOTE),
        ]
    )


def told_errors(
    survivor_told_on: date | None,
    partner_told_on: date | None,
    opened_on: date,
    today: date,
    *,
    none_allowed: bool = False,
) -> None:
    nothing = (
        FieldError(
            "survivor_told_on",
            QT_TRANSLATE_NOOP("Records", "Give the date the survivor or the partner was told."),
        )
        if survivor_told_on is None and partner_told_on is None and not none_allowed
        else None
    )
    check.raise_if_any(
        [
            nothing,
            check.not_in_future("survivor_told_on", survivor_told_on, today),
            check.not_before("survivor_told_on", survivor_told_on, opened_on, BEFORE_OPENED),
            check.not_in_future("partner_told_on", partner_told_on, today),
            check.not_before("partner_told_on", partner_told_on, opened_on, BEFORE_OPENED),
        ]
    )


def close_errors(
    closed_on: date, outcome: str, opened_on: date, last_step: date | None, today: date
) -> None:
    check.raise_if_any(
        [
            check.not_in_future("closed_on", closed_on, today),
            check.not_before("closed_on", closed_on, opened_on, BEFORE_OPENED),
            check.not_before(
                "closed_on",
                closed_on,
                last_step,
                QT_TRANSLATE_NOOP(
                    "Records",
                    "A step is dated after this: close the case on or after its last step.",
                ),
            ),
            check.required("outcome", outcome, MAX_OUTCOME),
        ]
    )


def opened_after(field_dates: list[date | None], opened_on: date) -> FieldError | None:
    """On an edit: the opening date may not move after anything already dated on the
    case (a step, the telling, the closing)."""
    dated = [d for d in field_dates if d is not None]
    if dated and opened_on > min(dated):
        return FieldError(
            "opened_on",
            QT_TRANSLATE_NOOP(
                "Records",
                "Something on this case is dated {date}, before this: the case must open on "
                "or before it.",
            ),
            {"date": min(dated)},
        )
    return None
