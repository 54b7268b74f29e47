"""Demo actions ("you said, we did"): what the force or a partner changed, or will, because
of feedback, each answering 2 to 8 items on its theme; some raised by a scrutiny panel
meeting from the feedback of the cases it reviewed. About 25 a year at scale 1: most done
or under way, a few declined with a reason, some still proposed.

The actions obey the rules the action service enforces: a status reached only by the
allowed steps (dated updates show them), done with an outcome, declined with a reason,
closed_on set when closed. Everyone behind a closed action who can be contacted (their
consent to be contacted not withdrawn, not left) is told after it closed, by one of
their safe channels (or in person, or through the partner who referred them): most
soon after, some not yet (overdue once 28 days have passed). Disclosures are never
linked, so no action shows one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sec_desktop.demo.action_text import (
    ACTION_WORDS,
    AGREED_NOTE,
    DECLINE_FALLBACK,
    DECLINED_NOTE,
    DONE_NOTE,
    TOLD,
    UPDATE_NOTES,
    ActionWords,
)
from sec_desktop.demo.context import DemoContext
from sec_desktop.demo.history import DemoConsent
from sec_desktop.demo.people import DemoPerson
from sec_desktop.demo.scrutiny import term_ids
from sec_desktop.domain.action import Action, ActionFeedback, ActionUpdate, ToldRecord
from sec_desktop.domain.action_enums import ActionStatus, TellingChannel
from sec_desktop.domain.engagement_enums import EngagementKind, TermKind
from sec_desktop.domain.enums import ConsentPurpose, ContactChannel, ParticipantStatus
from sec_desktop.domain.taxonomy import SEED_THEMES
from sec_desktop.services.participant_records import SafeContactRules

# Per 25 actions (scale 1); shuffled.
STATUS_DECK = (
    (ActionStatus.DONE, 10),
    (ActionStatus.DECLINED, 3),
    (ActionStatus.IN_PROGRESS, 5),
    (ActionStatus.AGREED, 4),
    (ActionStatus.PROPOSED, 3),
)
FROM_PANEL_SHARE = 0.2
UNREACHABLE_SHARE = 0.3
# Days before today that an action in each status was raised.
RAISED_DAYS_AGO = {
    ActionStatus.PROPOSED: (3, 45),
    ActionStatus.AGREED: (20, 150),
    ActionStatus.IN_PROGRESS: (40, 280),
    ActionStatus.DONE: (45, 300),
    ActionStatus.DECLINED: (30, 300),
}
# Feedback answered: received within this many days before the action was raised.
FEEDBACK_WINDOW = 180
TOLD_WITHIN = 30
OVERDUE_AFTER = 28
DIRECT = {
    ContactChannel.PHONE: TellingChannel.PHONE,
    ContactChannel.TEXT: TellingChannel.TEXT,
    ContactChannel.EMAIL: TellingChannel.EMAIL,
    ContactChannel.LETTER: TellingChannel.LETTER,
}


@dataclass(frozen=True)
class Answerable:
    """Feedback an action may answer (no disclosures), indexed by theme and by case."""

    by_theme: dict[int, tuple[list[int], list[str]]]  # ids and received days, by day
    person_of: dict[int, int]
    themes_of: dict[int, list[int]]
    by_meeting: dict[int, list[int]]
    # Items from people who can no longer be contacted (withdrew, or left), by theme.
    unreachable: dict[int, tuple[list[int], list[str]]]


@dataclass
class PlannedAction:
    row: dict[str, object]
    feedback: list[int]
    updates: list[tuple[date, str]] = field(default_factory=list)


def write_actions(ctx: DemoContext) -> None:
    themes = dict(zip(term_ids(ctx, TermKind.THEME), SEED_THEMES, strict=True))
    answerable = _answerable(ctx, set(themes), {p.id for p in ctx.people if _withdrew(p)})
    meetings = _meetings(ctx)
    deck = [status for status, n in STATUS_DECK for _ in range(n * ctx.scale)]
    ctx.rng.shuffle(deck)
    planned = [p for p in (_plan(ctx, s, themes, answerable, meetings) for s in deck) if p]
    planned.sort(key=lambda p: (p.row["created_at"], p.row["title"]))
    people = {p.id: p for p in ctx.people}
    links, updates, told = [], [], []
    for action, action_id in zip(planned, ctx.new_ids(Action, len(planned)), strict=True):
        action.row["id"] = action_id
        links += [{"action_id": action_id, "feedback_id": f} for f in action.feedback]
        updates += [{"action_id": action_id, "on": on, "note": n} for on, n in action.updates]
        told += _told(ctx, action, answerable, people)
    ctx.insert(Action, [p.row for p in planned])
    ctx.insert(ActionFeedback, links)
    ctx.insert(ActionUpdate, updates)
    ctx.insert(ToldRecord, told)
    ctx.count("actions", len(planned))
    for status in ActionStatus:
        ctx.count(f"actions, {status.value}", sum(p.row["status"] is status for p in planned))
    ctx.count("feedback items answered by actions", len({link["feedback_id"] for link in links}))
    ctx.count("action updates", len(updates))
    ctx.count("people told what came of their feedback", len(told))


def _answerable(ctx: DemoContext, themes: set[int], unreachable: set[int]) -> Answerable:
    # Straight from the driver: 150,000 items and 230,000 theme codes at scale 100.
    cursor = ctx.session.connection().connection.cursor()
    items = cursor.execute(
        "SELECT f.id, f.received_on, f.participant_id, e.id FROM feedback_item f "
        "LEFT JOIN scrutiny_case c ON c.id = f.case_id "
        "LEFT JOIN engagement e ON e.id = c.engagement_id "
        "WHERE f.id NOT IN (SELECT feedback_id FROM disclosure) ORDER BY f.id"
    ).fetchall()
    received = {item_id: day for item_id, day, _p, _m in items}
    person_of = {item_id: p for item_id, _d, p, _m in items if p is not None}
    by_meeting: dict[int, list[int]] = {}
    for item_id, _day, _p, meeting in items:
        if meeting is not None:
            by_meeting.setdefault(meeting, []).append(item_id)
    by_theme: dict[int, tuple[list[int], list[str]]] = {}
    themes_of: dict[int, list[int]] = {}
    by_theme_unreachable: dict[int, tuple[list[int], list[str]]] = {}
    pairs = cursor.execute(
        "SELECT feedback_id, term_id FROM feedback_term WHERE term_id IN "
        "(SELECT id FROM taxonomy_term WHERE kind = ?) ORDER BY feedback_id, term_id",
        (TermKind.THEME.value,),
    ).fetchall()
    cursor.close()
    for item_id, term_id in pairs:
        if term_id in themes and item_id in received:
            ids, days = by_theme.setdefault(term_id, ([], []))
            ids.append(item_id)
            days.append(received[item_id])
            themes_of.setdefault(item_id, []).append(term_id)
            if person_of.get(item_id) in unreachable:
                ids, days = by_theme_unreachable.setdefault(term_id, ([], []))
                ids.append(item_id)
                days.append(received[item_id])
    return Answerable(by_theme, person_of, themes_of, by_meeting, by_theme_unreachable)


def _meetings(ctx: DemoContext) -> list[tuple[int, date]]:
    rows = ctx.session.connection().exec_driver_sql(
        "SELECT id, held_on FROM engagement WHERE kind = ? AND held_on <= ? ORDER BY held_on, id",
        (EngagementKind.SCRUTINY_PANEL.value, (ctx.today - timedelta(days=20)).isoformat()),
    )
    return [(meeting_id, date.fromisoformat(day)) for meeting_id, day in rows]


def _plan(
    ctx: DemoContext,
    status: ActionStatus,
    themes: dict[int, str],
    answerable: Answerable,
    meetings: list[tuple[int, date]],
) -> PlannedAction | None:
    rng = ctx.rng
    low, high = RAISED_DAYS_AGO[status]
    raised = ctx.today - timedelta(days=rng.randint(low, high))
    # A panel's action is raised at its meeting, long enough ago to have come this far.
    held = bisect_right(meetings, ctx.today - timedelta(days=low), key=lambda m: m[1])
    meeting = rng.choice(meetings[:held]) if held and ctx.chance(FROM_PANEL_SHARE) else None
    if meeting is not None:
        raised = meeting[1]
    feedback, theme_id = _feedback(ctx, raised, answerable, meeting)
    if status.closed and ctx.chance(UNREACHABLE_SHARE):
        # Some of those behind a closed action can no longer be told.
        ids, days = answerable.unreachable.get(theme_id, ([], []))
        window = _window(days, raised)
        extra = ids[rng.choice(window)] if window else None
        if extra is not None and extra not in feedback:
            feedback = sorted([*feedback[:7], extra])
    if len(feedback) < 2:
        return None
    fitting = [w for w in ACTION_WORDS if w.theme == themes[theme_id]]
    words = rng.choice(fitting or list(ACTION_WORDS))
    action = PlannedAction(_row(ctx, words, status, raised, meeting), feedback)
    _progress(ctx, action, status, raised)
    return action


def _feedback(
    ctx: DemoContext, raised: date, answerable: Answerable, meeting: tuple[int, date] | None
) -> tuple[list[int], int]:
    """2 to 8 items received before the action was raised, sharing a theme; from a panel,
    the feedback on the cases it reviewed first."""
    rng = ctx.rng
    from_cases = answerable.by_meeting.get(meeting[0], []) if meeting else []
    themes = [t for item in from_cases for t in answerable.themes_of.get(item, [])]
    if themes:
        theme_id = max(sorted(set(themes)), key=themes.count)
    else:
        theme_id = rng.choice(sorted(answerable.by_theme))
    ids, days = answerable.by_theme.get(theme_id, ([], []))
    window = _window(days, raised)
    chosen = [i for i in from_cases if theme_id in answerable.themes_of.get(i, [])][:8]
    wanted = rng.randint(2, 8) - len(chosen)
    # Drawn by position: the window holds thousands at scale 100.
    drawn = rng.sample(window, min(max(wanted, 0) + len(chosen), len(window)))
    chosen += [ids[j] for j in drawn if ids[j] not in chosen][: max(wanted, 0)]
    return sorted(chosen), theme_id


def _window(days: list[str], raised: date) -> range:
    """The positions of the items received in the window before `raised`."""
    first = bisect_left(days, (raised - timedelta(days=FEEDBACK_WINDOW)).isoformat())
    return range(first, bisect_right(days, raised.isoformat()))


def _row(
    ctx: DemoContext,
    words: ActionWords,
    status: ActionStatus,
    raised: date,
    meeting: tuple[int, date] | None,
) -> dict[str, object]:
    partners = ctx.partners_of(words.partner_type) if words.partner_type else []
    partner = ctx.rng.choice(partners).id if partners else None
    created = datetime.combine(raised, time(10)) + timedelta(minutes=ctx.rng.randint(0, 400))
    return {
        "title": words.title,
        "description": words.description,
        "owner_department": "" if partner else (words.department or "Victim Services"),
        "owner_partner_id": partner,
        "due_on": _due_on(ctx, status, raised),
        "status": status,
        "outcome": words.outcome if status is ActionStatus.DONE else "",
        "decline_reason": (words.decline_reason or DECLINE_FALLBACK)
        if status is ActionStatus.DECLINED
        else "",
        "closed_on": None,
        "raised_at_id": meeting[0] if meeting else None,
        "created_at": created,
        "updated_at": created,
    }


def _due_on(ctx: DemoContext, status: ActionStatus, raised: date) -> date | None:
    """Set when agreed (some proposals suggest one); a few open ones now overdue."""
    if status is ActionStatus.PROPOSED and ctx.chance(0.5):
        return None
    due = raised + timedelta(days=ctx.rng.randint(60, 180))
    if status.closed:
        return due
    # Open ones were often given more time: most are due in the months ahead.
    return max(due, ctx.today + timedelta(days=ctx.rng.randint(-45, 120)))


def _progress(ctx: DemoContext, action: PlannedAction, status: ActionStatus, raised: date) -> None:
    """Dated updates along the allowed steps, and the day it closed."""
    rng = ctx.rng
    if status is ActionStatus.PROPOSED:
        return
    last = ctx.today - timedelta(days=2)
    declined_early = status is ActionStatus.DECLINED and ctx.chance(0.4)
    agreed = min(raised + timedelta(days=rng.randint(3, 30)), last)
    if not declined_early:
        action.updates.append((agreed, AGREED_NOTE))
    if not status.closed:
        end = last
    else:
        end = min(agreed + timedelta(days=rng.randint(14, 150)), last)
        if status is ActionStatus.DONE:
            end = max(end, min(raised + timedelta(days=45), last))
    if status is not ActionStatus.AGREED and not declined_early:
        for note in rng.sample(UPDATE_NOTES, rng.randint(0, 3)):
            action.updates.append((ctx.day_between(agreed, end), note))
    if status.closed:
        closing = DONE_NOTE if status is ActionStatus.DONE else DECLINED_NOTE
        action.updates.append((end, closing))
        action.row["closed_on"] = end
    action.updates.sort()
    if action.updates:
        action.row["updated_at"] = datetime.combine(action.updates[-1][0], time(16))


def _told(
    ctx: DemoContext, action: PlannedAction, answerable: Answerable, people: dict[int, DemoPerson]
) -> list[dict[str, object]]:
    closed_on = action.row["closed_on"]
    if not isinstance(closed_on, date):
        return []
    behind = dict.fromkeys(
        answerable.person_of[f] for f in action.feedback if f in answerable.person_of
    )
    rows = []
    for person_id in behind:
        person = people.get(person_id)
        contact = _contact(person)
        if person is None or person.rules is None or contact is None:
            continue
        overdue = closed_on <= ctx.today - timedelta(days=OVERDUE_AFTER)
        if not ctx.chance(0.85 if overdue else 0.5):
            continue
        first = max(closed_on, contact.given_on)
        told_on = ctx.day_between(first, min(first + timedelta(days=TOLD_WITHIN), ctx.today))
        if told_on > ctx.today:
            continue
        rows.append(
            {
                "action_id": action.row["id"],
                "participant_id": person_id,
                "told_on": told_on,
                "channel": _channel(ctx, person.rules, person.referral_partner_id),
                "what_was_said": ctx.rng.choice(
                    TOLD[:3] if action.row["status"] is ActionStatus.DONE else TOLD[3:]
                ),
            }
        )
    return rows


def _withdrew(person: DemoPerson) -> bool:
    """Not to be contacted any more: left, or withdrew their consent to contact."""
    contact = person.consent(ConsentPurpose.CONTACT)
    withdrawn = contact is not None and contact.withdrawn_on is not None
    return withdrawn or person.status is ParticipantStatus.LEFT


def _contact(person: DemoPerson | None) -> DemoConsent | None:
    """Their consent to be contacted, if they can be: not withdrawn, and not left."""
    if person is None or person.status is ParticipantStatus.LEFT:
        return None
    contact = person.consent(ConsentPurpose.CONTACT)
    return contact if contact is not None and contact.withdrawn_on is None else None


def _channel(ctx: DemoContext, rules: SafeContactRules, partner_id: int | None) -> TellingChannel:
    """One of their safe channels; or in person; or through the partner who referred them."""
    direct = [DIRECT[c] for c in sorted(rules.channels) if c in DIRECT]
    if partner_id is not None and ctx.chance(0.15):
        return TellingChannel.THROUGH_PARTNER
    if not direct or ctx.chance(0.1):
        return TellingChannel.IN_PERSON
    return ctx.rng.choice(direct)
