"""Demo wellbeing checks after recent group sessions, and the coordinator's own log.

Most named attendees of the focus groups and reference group meetings of the last three
months were checked on within a few days: most were well, some had some distress, a few
were distressed; a follow-up was asked for after each distressed one (and some others),
and most of those whose date has passed were done (not all: the Today page lists
those). The coordinator checked in a few
times a week over the last two months, and had supervision about once a month. All text
is invented; the log is private to the SEC and never leaves the vault.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import cast

from sqlalchemy import select

from sec_desktop.demo.context import DemoContext
from sec_desktop.demo.feedback import Weighted
from sec_desktop.domain.coordinator_log import CoordinatorCheckIn, SupervisionSession
from sec_desktop.domain.engagement import Attendance, Engagement
from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.domain.risk import WellbeingCheck
from sec_desktop.domain.risk_enums import HowTheyAre

RECENT_DAYS = 91
CHECKED_SHARE = 0.85
HOW = Weighted(((HowTheyAre.WELL, 72), (HowTheyAre.SOME_DISTRESS, 20), (HowTheyAre.DISTRESSED, 8)))
FOLLOW_UP = {HowTheyAre.WELL: 0.05, HowTheyAre.SOME_DISTRESS: 0.5, HowTheyAre.DISTRESSED: 1.0}
NOTES = {
    HowTheyAre.WELL: (
        "",
        "Said they enjoyed the session and felt listened to.",
        "Glad to have taken part; would come again.",
        "A bit tired, but fine.",
    ),
    HowTheyAre.SOME_DISTRESS: (
        "Found the part about court hard; felt better after a break.",
        "Upset by another attendee's story, settled by the end of the call.",
        "Low mood the day after; talked it through.",
    ),
    HowTheyAre.DISTRESSED: (
        "Very upset after the session; memories of the first police visit came back.",
        "Left early in tears; said they felt unsafe travelling home.",
        "Not sleeping since the session; worried about being recognised.",
    ),
}
SUPPORT = {
    HowTheyAre.WELL: ("", "", "Reminded them how to get in touch if anything comes up."),
    HowTheyAre.SOME_DISTRESS: (
        "Talked through what helps; agreed to call again next week.",
        "Offered a call with the support worker.",
    ),
    HowTheyAre.DISTRESSED: (
        "Contacted their IDVA with their agreement; a call booked for tomorrow.",
        "Gave the 24-hour helpline number; agreed a call in two days.",
        "Offered a counselling referral, which they accepted.",
    ),
}
CHECK_IN_NOTES = (
    "",
    "",
    "",
    "Heavy week: two disclosures and a panel to prepare for.",
    "Good team meeting; feeling supported.",
    "Tired after the evening focus group.",
    "Took a proper lunch break for once.",
    "A difficult call; talked it through with my manager.",
    "Quiet day catching up on records.",
)
SUPERVISORS = ("Clinical supervisor (external)", "Clinical supervisor (external)", "Line manager")
SUPERVISION_NOTES = (
    "Talked through the impact of the case reviews; agreed to keep panel preparation to mornings.",
    "Reflected on a distressing disclosure; agreed to take the Friday afternoon off.",
    "Workload and boundaries; planned a lighter fortnight.",
    "Went over the follow-up calls after the last focus group.",
)


def write_wellbeing(ctx: DemoContext) -> None:
    checks = _checks(ctx)
    ctx.insert(WellbeingCheck, checks)
    ctx.count("wellbeing checks", len(checks))
    ctx.count(
        "wellbeing checks, distressed",
        sum(c["how_they_are"] is HowTheyAre.DISTRESSED for c in checks),
    )
    ctx.count(
        "wellbeing follow-ups still to do",
        sum(bool(c["follow_up_needed"]) and c["follow_up_done_on"] is None for c in checks),
    )
    check_ins = _check_ins(ctx)
    ctx.insert(CoordinatorCheckIn, check_ins)
    ctx.count("coordinator check-ins", len(check_ins))
    sessions = _supervision(ctx)
    ctx.insert(SupervisionSession, sessions)
    ctx.count("supervision sessions", len(sessions))


# --- checks after sessions ---------------------------------------------------------------------


def _checks(ctx: DemoContext) -> list[dict[str, object]]:
    query = (
        select(Attendance.engagement_id, Attendance.participant_id, Engagement.held_on)
        .join(Engagement, Engagement.id == Attendance.engagement_id)
        .where(
            Engagement.kind.in_((EngagementKind.FOCUS_GROUP, EngagementKind.REFERENCE_GROUP)),
            Engagement.held_on >= ctx.today - timedelta(days=RECENT_DAYS),
            Engagement.held_on <= ctx.today,
        )
        .order_by(Attendance.engagement_id, Attendance.participant_id)
    )
    checks = [
        _check(ctx, engagement_id, participant_id, held_on)
        for engagement_id, participant_id, held_on in ctx.session.execute(query)
        if ctx.chance(CHECKED_SHARE)
    ]
    _one_left_to_do(checks)
    return checks


def _check(
    ctx: DemoContext, engagement_id: int, participant_id: int, held_on: date
) -> dict[str, object]:
    rng = ctx.rng
    checked = min(held_on + timedelta(days=rng.choice((0, 0, 1, 1, 2, 3))), ctx.today)
    how = HOW(ctx.rng)
    follow_up = ctx.chance(FOLLOW_UP[how])
    by = checked + timedelta(days=3 if how is HowTheyAre.DISTRESSED else 7) if follow_up else None
    recorded = datetime.combine(checked, time(rng.randint(10, 17), rng.randint(0, 59)))
    return {
        "engagement_id": engagement_id,
        "participant_id": participant_id,
        "checked_on": checked,
        "how_they_are": how,
        "note": rng.choice(NOTES[how]),
        "support_offered": rng.choice(SUPPORT[how]),
        "follow_up_needed": follow_up,
        "follow_up_by": by,
        "follow_up_done_on": _done_on(ctx, checked, by),
        "created_at": recorded,
        "updated_at": recorded,
    }


def _done_on(ctx: DemoContext, checked: date, by: date | None) -> date | None:
    """Most follow-ups whose date has passed were done (recent ones less often); some
    still to come were done early."""
    first = checked + timedelta(days=1)
    if by is None or first > ctx.today:
        return None
    if by < ctx.today:
        if not ctx.chance(0.9 if by < ctx.today - timedelta(days=14) else 0.5):
            return None
        return ctx.day_between(first, min(by + timedelta(days=2), ctx.today))
    return ctx.day_between(first, ctx.today) if ctx.chance(0.3) else None


def _one_left_to_do(checks: list[dict[str, object]]) -> None:
    """The newest follow-up is still to do if every one was done: a demo shows one."""
    asked = [c for c in checks if c["follow_up_needed"]]
    if asked and all(c["follow_up_done_on"] is not None for c in asked):
        newest = max(asked, key=lambda c: (str(c["checked_on"]), cast(int, c["engagement_id"])))
        newest["follow_up_done_on"] = None


# --- the coordinator's own log -------------------------------------------------------------------


def _check_ins(ctx: DemoContext) -> list[dict[str, object]]:
    """A few times a week over the two months before today, on working days."""
    rows = []
    mood = 4.0
    for days_ago in range(60, 0, -1):
        day = ctx.today - timedelta(days=days_ago)
        if day.weekday() >= 5 or not ctx.chance(0.6):
            continue
        # Mood drifts, and energy follows it loosely.
        mood = min(5.0, max(1.5, mood + ctx.rng.uniform(-0.8, 0.7) + (3.6 - mood) * 0.3))
        local = datetime.combine(day, time(ctx.rng.choice((8, 12, 16)), ctx.rng.randint(0, 59)))
        rows.append(
            {
                "at": _utc(local),
                "mood": round(mood),
                "energy": min(5, max(1, round(mood + ctx.rng.uniform(-1.2, 0.8)))),
                "note": ctx.rng.choice(CHECK_IN_NOTES),
            }
        )
    return rows


def _supervision(ctx: DemoContext) -> list[dict[str, object]]:
    """About monthly over the last half year, the latest some weeks ago."""
    return [
        {
            "held_on": ctx.today - timedelta(days=30 * months + ctx.rng.randint(-8, 4)),
            "with_whom": ctx.rng.choice(SUPERVISORS),
            "note": ctx.rng.choice(SUPERVISION_NOTES),
        }
        for months in range(6, 0, -1)
    ]


def _utc(local: datetime) -> datetime:
    """A local wall-clock time as stored: naive UTC."""
    return local.astimezone(UTC).replace(tzinfo=None)
