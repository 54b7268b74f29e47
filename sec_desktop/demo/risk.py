"""Demo risk assessments. Each person's assessments form a chain of reviews, each one
done before the last one's review date, from shortly before they first needed the
participation gate's clearance: whoever attended a session or was invited had a current
assessment, not deferred, on that day (and, for a group session, no unapproved pre-trial
case). That is most active people (nine in ten at scale 1); others are added up to at
least four in five, and some enquiries. Where a chain ends is what the gate sees today:
mostly current; a few deferred, expired (the review date passed), pre-trial with or
without the SEC's approval for groups, and some high risk with support in place.

The wellbeing checks after recent sessions and the coordinator's own log are in
`demo/wellbeing.py`. All text is invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum

from sqlalchemy import func, select

from sec_desktop.demo.context import DemoContext
from sec_desktop.demo.feedback import Weighted
from sec_desktop.domain.engagement import Attendance, Engagement
from sec_desktop.domain.enums import InvitationResponse, ParticipantStatus, ReferralRoute
from sec_desktop.domain.risk import RiskAssessment
from sec_desktop.domain.risk_enums import Answer, DashLevel, Proceedings, Readiness, RiskOutcome
from sec_desktop.services.risk_checks import add_months

# The least share of active participants assessed, and the share of other enquiries.
ASSESSED_ACTIVE = 0.8
ASSESSED_ENQUIRIES = 0.4


class End(Enum):
    """Where a person's chain of assessments ends, as the gate sees it today."""

    CURRENT = "current"
    HIGH_RISK = "high risk, with support"
    DEFERRED = "deferred"
    EXPIRED = "expired"
    PRE_TRIAL_APPROVED = "pre-trial, groups approved"
    PRE_TRIAL = "pre-trial, groups not approved"


ENDS = Weighted(
    (
        (End.CURRENT, 69),
        (End.HIGH_RISK, 8),
        (End.DEFERRED, 6),
        (End.EXPIRED, 8),
        (End.PRE_TRIAL_APPROVED, 4),
        (End.PRE_TRIAL, 5),
    )
)
# Chosen for each of 30,000 assessments at scale 100: their running totals made once.
LEVELS = Weighted(((DashLevel.STANDARD, 65), (DashLevel.MEDIUM, 35)))
ANSWERS = {
    high: Weighted(((Answer.NO, 85 - yes), (Answer.YES, yes), (Answer.NOT_KNOWN, 15)))
    for high, yes in ((False, 10), (True, 30))
}
TRIAL = Weighted(((Proceedings.PRE_TRIAL, 80), (Proceedings.TRIAL, 20)))
STAGES = Weighted(
    (
        (Proceedings.NONE, 45),
        (Proceedings.UNDER_INVESTIGATION, 10),
        (Proceedings.AWAITING_CHARGE, 8),
        (Proceedings.CONCLUDED, 37),
    )
)
READINESS = {
    deferred: Weighted(table)
    for deferred, table in (
        (False, ((Readiness.READY, 72), (Readiness.SOME_CONCERNS, 28))),
        (True, ((Readiness.NOT_READY, 70), (Readiness.SOME_CONCERNS, 30))),
    )
}
AGENCIES = (
    "",
    "",
    "Housing support officer",
    "Community mental health team",
    "Refuge outreach worker",
    "Victim support caseworker",
    "Children's services (family support)",
    "Drug and alcohol service",
)
CONTEXT_NOTES = (
    "",
    "",
    "Referred after a call with their IDVA; keen to help other survivors.",
    "Recently moved; settling into a new area.",
    "Back at work part-time; sessions after 5pm suit best.",
    "Counselling ends next month; they know how to self-refer again.",
)
DASH_SOURCES = (
    "IDVA service",
    "ISVA service",
    "Police officer at the last incident",
    "Refuge outreach",
    "Completed with the SEC",
)
SAFE_TRAVEL = (
    "Drives; parks near the entrance.",
    "Taxi booked and paid by the SEC.",
    "Online sessions only: no travel.",
    "Bus; a support worker meets them at the stop.",
    "A friend brings them and waits nearby.",
)
CHILDCARE = ("Not needed.", "Childminder; costs reimbursed.", "Family look after the children.")
SAFE_EXIT = (
    "Quiet room available; agreed signal with the support worker.",
    "Can leave the call at any time; the SEC rings back within ten minutes.",
    "Sits near the door; the support worker is present throughout.",
)
APPROVALS = (
    "The session is about reporting online, not their case; they agreed with the officer "
    "in the case not to discuss the evidence, and the facilitator will steer away from it.",
    "Reference group work on a leaflet only; ground rules on not discussing cases "
    "explained and agreed in writing.",
)
TRIGGERS = (
    "",
    "Talk of court dates.",
    "Raised voices and sudden noises.",
    "Being asked to repeat their account.",
    "Anniversaries in early spring.",
)
WHAT_HELPS = (
    "",
    "A short break and a glass of water.",
    "Time with the support worker outside the room.",
    "A grounding exercise; a call from their IDVA the next day.",
)
SUPPORT_PLANS = (
    "Support worker sits in; a check-in call the day after.",
    "IDVA told the session date; a debrief call is arranged.",
    "Breaks offered every half hour; a quiet room is booked.",
)
DEFER_REASONS = (
    "Not ready to talk about their experience in a group yet; review once counselling has started.",
    "A recent incident: their safety plan is being updated with their IDVA.",
    "Moving house this month; revisit once they are settled.",
)


@dataclass(frozen=True)
class Sessions:
    """The first and last day a person needed the participation gate's clearance (a
    session attended, an invitation sent), and whether an invitation still awaits a
    reply (they must still be cleared today)."""

    first: date
    last: date
    awaiting: bool = False


def write_risk(ctx: DemoContext) -> None:
    sessions = _sessions(ctx)
    chosen = _chosen(ctx, sessions)
    rows: list[dict[str, object]] = []
    ends: dict[End, int] = {}
    for person in ctx.people:
        if person.id not in chosen:
            continue
        taken = sessions.get(person.id)
        end = _wanted_end(ctx, person.status, taken)
        chain, end = _chain(ctx, person.referred_on, person.referral_route, taken, end)
        rows += [{"participant_id": person.id, **row} for row in chain]
        ends[end] = ends.get(end, 0) + 1
    ctx.insert(RiskAssessment, rows)
    ctx.count("risk assessments", len(rows))
    ctx.count("participants assessed", sum(ends.values()))
    for end in End:
        if end is not End.CURRENT:
            ctx.count(f"participants assessed, {end.value}", ends.get(end, 0))


def _wanted_end(ctx: DemoContext, status: ParticipantStatus, taken: Sessions | None) -> End:
    """Active people end every way; enquiries are current; whoever is paused or has left
    was last assessed while taking part (their review date has mostly passed)."""
    if status is ParticipantStatus.ENQUIRY:
        return End.CURRENT
    if status is not ParticipantStatus.ACTIVE:
        return End.EXPIRED
    end = ENDS(ctx.rng)
    if taken is not None and taken.awaiting and end in (End.DEFERRED, End.EXPIRED):
        return End.CURRENT
    return end


def _sessions(ctx: DemoContext) -> dict[int, Sessions]:
    query = (
        select(
            Attendance.participant_id, func.min(Engagement.held_on), func.max(Engagement.held_on)
        )
        .join(Engagement, Engagement.id == Attendance.engagement_id)
        .group_by(Attendance.participant_id)
    )
    days = {pid: [_day(first), _day(last)] for pid, first, last in ctx.session.execute(query)}
    awaiting = set()
    for person in ctx.people:
        for invitation in person.invitations:
            seen = days.setdefault(person.id, [invitation.invited_on, invitation.invited_on])
            seen[0] = min(seen[0], invitation.invited_on)
            seen[1] = max(seen[1], invitation.invited_on)
            if invitation.response is InvitationResponse.AWAITING:
                awaiting.add(person.id)
    return {pid: Sessions(first, last, pid in awaiting) for pid, (first, last) in days.items()}


def _day(value: object) -> date:
    """min()/max() of a date column come back as ISO text from SQLite."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _chosen(ctx: DemoContext, sessions: dict[int, Sessions]) -> set[int]:
    """Who is assessed: whoever needed clearance, then other active people until their
    share is reached (most active people have taken part in something); some enquiries."""
    chosen = set(sessions)
    others = [
        p.id for p in ctx.people if p.status is ParticipantStatus.ACTIVE and p.id not in chosen
    ]
    active = sum(p.status is ParticipantStatus.ACTIVE for p in ctx.people)
    wanted = round(ASSESSED_ACTIVE * active) - (active - len(others))
    chosen.update(ctx.rng.sample(others, min(max(wanted, 0), len(others))))
    enquiries = (p.id for p in ctx.people if p.status is ParticipantStatus.ENQUIRY)
    chosen.update(pid for pid in enquiries if pid not in chosen and ctx.chance(ASSESSED_ENQUIRIES))
    return chosen


# --- one person's chain ------------------------------------------------------------------------


def _chain(
    ctx: DemoContext,
    referred_on: date,
    route: ReferralRoute,
    taken: Sessions | None,
    end: End,
) -> tuple[list[dict[str, object]], End]:
    """The assessments, oldest first, and where the chain really ended (an end that the
    person's sessions rule out falls back to a current assessment)."""
    if taken is not None:
        start = max(referred_on, taken.first - timedelta(days=ctx.rng.randint(2, 21)))
        start = min(start, taken.first)
    else:
        start = ctx.day_between(max(referred_on, ctx.today - timedelta(days=300)), ctx.today)
    days, end = _ending(ctx, _review_days(ctx, start, end), taken, end)
    support = route in (ReferralRoute.IDVA, ReferralRoute.ISVA) or ctx.chance(0.4)
    rows = [_row(ctx, day, review, End.CURRENT, support) for day, review in days[:-1]]
    rows.append(_row(ctx, *days[-1], end, support))
    return rows, end


def _ending(
    ctx: DemoContext, days: list[tuple[date, date]], taken: Sessions | None, end: End
) -> tuple[list[tuple[date, date]], End]:
    """The chain cut or added to so that it ends as wanted, if the sessions allow."""
    covered = _covering(days, taken)
    last_session = taken.last if taken else None
    if end is End.EXPIRED:
        assessed, review = days[covered]
        earliest = max(assessed + timedelta(days=28), last_session or assessed)
        if review < ctx.today:
            return days[: covered + 1], end
        if earliest < ctx.today:
            review = ctx.day_between(earliest, ctx.today - timedelta(days=1))
            return [*days[:covered], (assessed, review)], end
        return days, End.CURRENT
    if end in (End.DEFERRED, End.PRE_TRIAL):
        # A newer assessment, after their last session: it would have stopped it.
        kept = days[: covered + 1] if taken else []
        after = max(ctx.today - timedelta(days=60), *(d + timedelta(days=1) for d, _r in kept))
        if last_session is not None:
            after = max(after, last_session + timedelta(days=1))
        if after > ctx.today:
            return days, End.CURRENT
        assessed = ctx.day_between(after, ctx.today)
        return [*kept, (assessed, _last_review(ctx, assessed))], end
    if end is End.HIGH_RISK and days[-1][1] > add_months(days[-1][0], 1):
        assessed = ctx.day_between(
            max(days[-1][0] + timedelta(days=1), ctx.today - timedelta(days=25)), ctx.today
        )
        days = [*days, (assessed, add_months(assessed, 1))]
    return days, end


def _review_days(ctx: DemoContext, start: date, end: End) -> list[tuple[date, date]]:
    """(assessed on, review on) from `start`, each review done a little before the last
    one's date, until one is current today. High risk reviews monthly in the last weeks."""
    days = []
    assessed = start
    while True:
        high = end is End.HIGH_RISK and assessed >= ctx.today - timedelta(days=75)
        review = add_months(assessed, 1 if high else 3)
        days.append((assessed, review))
        if review >= ctx.today:
            return days
        assessed = max(assessed + timedelta(days=1), review - timedelta(ctx.rng.randint(0, 14)))
        assessed = min(assessed, ctx.today)


def _covering(days: list[tuple[date, date]], taken: Sessions | None) -> int:
    """The first assessment whose review date is on or after the last session."""
    if taken is None:
        return 0
    return next((i for i, (_a, review) in enumerate(days) if review >= taken.last), len(days) - 1)


def _last_review(ctx: DemoContext, assessed: date) -> date:
    """A review date still to come for the assessment that ends a chain."""
    later = add_months(assessed, ctx.rng.choice((2, 3)))
    return max(later, ctx.today + timedelta(days=ctx.rng.randint(5, 60)))


# --- one assessment ------------------------------------------------------------------------------


def _row(
    ctx: DemoContext, assessed: date, review: date, end: End, support: bool
) -> dict[str, object]:
    rng = ctx.rng
    high = end is End.HIGH_RISK and review <= add_months(assessed, 1)
    level = DashLevel.HIGH if high else LEVELS(ctx.rng)
    recorded = datetime.combine(assessed, time(rng.randint(9, 16), rng.randint(0, 59)))
    dash_on = assessed - timedelta(days=rng.randint(3, 200)) if ctx.chance(0.85) else None
    return {
        "assessed_on": assessed,
        "has_idva_isva": support,
        "has_counsellor": ctx.chance(0.35),
        "other_agencies": rng.choice(AGENCIES),
        "context_note": rng.choice(CONTEXT_NOTES),
        "dash_level": level,
        "dash_on": dash_on,
        "dash_source": rng.choice(DASH_SOURCES) if dash_on else "",
        "at_marac": ctx.chance(0.7 if high else 0.05),
        "harmer_in_contact": ANSWERS[high](ctx.rng),
        "harmer_could_learn": ANSWERS[high](ctx.rng),
        "safe_travel": rng.choice(SAFE_TRAVEL),
        "childcare": rng.choice(CHILDCARE),
        "safe_exit": rng.choice(SAFE_EXIT),
        **_proceedings(ctx, end),
        **_readiness(ctx, end),
        **_outcome(ctx, end, level),
        "review_on": review,
        "created_at": recorded,
        "updated_at": recorded,
    }


def _proceedings(ctx: DemoContext, end: End) -> dict[str, object]:
    if end in (End.PRE_TRIAL, End.PRE_TRIAL_APPROVED):
        approved = end is End.PRE_TRIAL_APPROVED
        return {
            "proceedings": TRIAL(ctx.rng),
            "group_approved": approved,
            "group_approval_reason": ctx.rng.choice(APPROVALS) if approved else "",
        }
    return {"proceedings": STAGES(ctx.rng), "group_approved": False, "group_approval_reason": ""}


def _readiness(ctx: DemoContext, end: End) -> dict[str, object]:
    return {
        "readiness": READINESS[end is End.DEFERRED](ctx.rng),
        "triggers": ctx.rng.choice(TRIGGERS),
        "what_helps": ctx.rng.choice(WHAT_HELPS),
    }


def _outcome(ctx: DemoContext, end: End, level: DashLevel) -> dict[str, object]:
    if end is End.DEFERRED:
        told = ctx.chance(0.5)
        return {
            "confidentiality_explained": told,
            "confidentiality_acknowledged": told and ctx.chance(0.7),
            "outcome": RiskOutcome.DEFER,
            "support_plan": "",
            "defer_reason": ctx.rng.choice(DEFER_REASONS),
        }
    supported = level is DashLevel.HIGH or ctx.chance(0.35 if level is DashLevel.MEDIUM else 0.1)
    return {
        "confidentiality_explained": True,
        "confidentiality_acknowledged": True,
        "outcome": RiskOutcome.PROCEED_WITH_SUPPORT if supported else RiskOutcome.PROCEED,
        "support_plan": ctx.rng.choice(SUPPORT_PLANS) if supported else "",
        "defer_reason": "",
    }
