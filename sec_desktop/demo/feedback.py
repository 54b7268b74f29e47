"""Demo feedback: 1,500 items a year at scale 1, spread over the engagements and the
victims of the scrutiny cases, coded by theme, journey stage and sentiment.

Most come from participants who attended the engagement (or whose case was reviewed);
some are anonymous (every one from the staff forum); some come from partners (an IDVA
passing on how the force responded). A few are flagged as disclosures (see
`demo/disclosures.py`). Items are planned as slots (someone who could have said
something, somewhere, on some day) drawn at random by weight, then written in bulk.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from typing import Generic, TypeVar, cast

from sqlalchemy import select

from sec_desktop.demo import disclosures
from sec_desktop.demo.context import DemoContext
from sec_desktop.demo.feedback_text import (
    GROUP_OPENERS,
    OPENERS,
    PARTNER_OPENERS,
    feedback_words,
)
from sec_desktop.demo.indexed import insert_indexed
from sec_desktop.demo.scrutiny import term_ids
from sec_desktop.domain.engagement import Attendance, Engagement, ScrutinyCase
from sec_desktop.domain.engagement_enums import (
    EngagementKind,
    FeedbackSource,
    OneToOneChannel,
    Sentiment,
    TermKind,
)
from sec_desktop.domain.enums import PartnerType
from sec_desktop.domain.feedback import Disclosure, FeedbackItem
from sec_desktop.domain.taxonomy import SEED_STAGES, SEED_THEMES

T = TypeVar("T")

# At scale 1; multiplied by the scale.
ITEMS = 1500
# How much each kind of slot tends to say (relative weights).
WEIGHTS = {
    "attendee": 3.0,
    "group card": 2.0,
    "one-to-one": 2.5,
    "advocate": 1.0,
    "staff forum": 10.0,
    "reference group": 1.0,
    "case victim": 2.0,
}
# Partner feedback not tied to any engagement, in all (spread over advocates).
STANDALONE_PARTNER_WEIGHT = 60.0
ANONYMOUS_OPENERS = (
    "Wrote on an anonymous feedback card that",
    "Said, without giving a name, that",
)


class Weighted(Generic[T]):
    """A choice by weight, its running totals worked out once (chosen 150,000 times)."""

    def __init__(self, table: Sequence[tuple[T, float]]) -> None:
        self.values = [value for value, _weight in table]
        self.totals = list(accumulate(weight for _value, weight in table))

    def __call__(self, rng: random.Random) -> T:
        return rng.choices(self.values, cum_weights=self.totals)[0]


SENTIMENTS = Weighted(((Sentiment.NEGATIVE, 45), (Sentiment.POSITIVE, 30), (Sentiment.MIXED, 25)))
# How often each theme comes up (in SEED_THEMES order), and how many an item has.
THEMES = Weighted(list(zip(SEED_THEMES, (10, 16, 10, 12, 9, 7, 5, 5, 4, 10, 6, 6), strict=True)))
THEME_COUNTS = Weighted(((1, 55), (2, 35), (3, 10)))
STAGE_COUNTS = Weighted(((1, 65), (2, 30), (0, 5)))
STAFF_THEMES = (
    "Support services",
    "Officer attitude and language",
    "Safety and safeguarding",
)
# The journey stages (positions in SEED_STAGES) each theme is most often about.
THEME_STAGES: dict[str, tuple[int, ...]] = {
    "Being believed": (0, 1, 2, 8),
    "Communication and updates": (6, 7, 9, 10, 12),
    "Officer attitude and language": (0, 1, 2, 6),
    "Time and delays": (0, 1, 6, 9, 11),
    "Safety and safeguarding": (1, 4, 7),
    "Information about rights (Victims' Code)": (5, 8, 9, 10, 12),
    "Accessibility and communication barriers": (0, 2, 5, 11),
    "Digital evidence and phones": (2, 6),
    "Special measures at court": (10, 11),
    "Support services": (5, 10, 12),
    "Children and family": (1, 4, 5),
    "Housing and money": (4, 5, 12),
}
# How a disclosure is coded: crime recording, safety.
DISCLOSURE_STAGE = 3
DISCLOSURE_THEME = "Safety and safeguarding"
QUOTED_SHARE = 0.45
PERMISSION_SHARE = 0.6


@dataclass(frozen=True)
class Slot:
    """Someone who could have given feedback, where and when."""

    kind: str
    source: FeedbackSource
    day: date
    engagement_id: int | None = None
    case_id: int | None = None
    participant_id: int | None = None
    partner_contact_id: int | None = None
    # Written feedback may arrive a few days after the engagement.
    late_by: int = 0


@dataclass(frozen=True)
class Terms:
    """The seeded stage and theme ids, by name."""

    stages: dict[str, int]
    themes: dict[str, int]


def write_feedback(ctx: DemoContext) -> None:
    terms = Terms(
        dict(zip(SEED_STAGES, term_ids(ctx, TermKind.STAGE), strict=True)),
        dict(zip(SEED_THEMES, term_ids(ctx, TermKind.THEME), strict=True)),
    )
    partner_of = {c: p.id for p in ctx.partners for c in p.contact_ids}
    slots, weights = feedback_slots(ctx)
    total = ITEMS * ctx.scale
    items = [_disclosed(ctx, planned, terms) for planned in disclosures.plan(ctx, slots)]
    cumulative, running = [], 0.0
    for weight in weights:
        running += weight
        cumulative.append(running)
    for index in ctx.rng.choices(range(len(slots)), cum_weights=cumulative, k=total - len(items)):
        items.append(_item(ctx, slots[index], terms))
    # Ids follow the day each item was received.
    items.sort(key=lambda item: item.received_on)
    rows, coded = [], []
    for item, feedback_id in zip(items, ctx.new_ids(FeedbackItem, len(items)), strict=True):
        contact = item.partner_contact_id
        partner = partner_of.get(contact) if contact is not None else None
        item.row |= {"id": feedback_id, "partner_id": partner}
        rows.append(item.row)
        coded += [(feedback_id, t) for t in item.term_ids]
    insert_indexed(ctx, FeedbackItem, rows)
    # Pairs of ids need no conversion: straight to the driver (375,000 rows at scale 100).
    ctx.session.connection().exec_driver_sql(
        "INSERT INTO feedback_term (feedback_id, term_id) VALUES (?, ?)", coded
    )
    flagged = [{"feedback_id": i.row["id"], **i.disclosure} for i in items if i.disclosure]
    ctx.insert(Disclosure, flagged)
    _count(ctx, rows)
    disclosures.count(ctx, flagged)


@dataclass
class PlannedItem:
    row: dict[str, object]
    term_ids: tuple[int, ...]
    # Set for an item flagged as a disclosure (`demo/disclosures.py`).
    disclosure: dict[str, object] | None = None

    @property
    def received_on(self) -> date:
        return cast(date, self.row["received_on"])

    @property
    def partner_contact_id(self) -> int | None:
        return cast(int | None, self.row["partner_contact_id"])


def feedback_slots(ctx: DemoContext) -> tuple[list[Slot], list[float]]:
    """Every slot, with how likely it is to give each item."""
    engagements = ctx.session.execute(
        select(
            Engagement.id,
            Engagement.kind,
            Engagement.held_on,
            Engagement.channel,
            Engagement.via_partner_contact_id,
        ).order_by(Engagement.id)
    ).all()
    attendees: dict[int, list[int]] = {}
    for engagement_id, participant_id in ctx.session.execute(
        select(Attendance.engagement_id, Attendance.participant_id).order_by(
            Attendance.engagement_id, Attendance.participant_id
        )
    ):
        attendees.setdefault(engagement_id, []).append(participant_id)
    slots: list[Slot] = []
    for engagement_id, kind, held_on, channel, via in engagements:
        people = attendees.get(engagement_id, [])
        source = FeedbackSource.PARTICIPANT
        if kind is EngagementKind.FOCUS_GROUP:
            slots += [
                Slot("attendee", source, held_on, engagement_id, participant_id=p) for p in people
            ]
            slots.append(Slot("group card", FeedbackSource.ANONYMOUS, held_on, engagement_id))
        elif kind is EngagementKind.ONE_TO_ONE:
            late = 5 if channel is OneToOneChannel.WRITTEN else 0
            slots += [
                Slot("one-to-one", source, held_on, engagement_id, participant_id=p, late_by=late)
                for p in people
            ]
            if via is not None:
                slots.append(
                    Slot(
                        "advocate",
                        FeedbackSource.PARTNER,
                        held_on,
                        engagement_id,
                        partner_contact_id=via,
                    )
                )
        elif kind is EngagementKind.STAFF_FORUM:
            slots.append(Slot("staff forum", FeedbackSource.ANONYMOUS, held_on, engagement_id))
        elif kind is EngagementKind.REFERENCE_GROUP:
            slots += [
                Slot("reference group", source, held_on, engagement_id, participant_id=p)
                for p in people
            ]
    slots += _case_slots(ctx)
    weights = [WEIGHTS[slot.kind] for slot in slots]
    advocates = [
        c
        for p in ctx.partners_of(PartnerType.IDVA_SERVICE, PartnerType.ISVA_SERVICE)
        for c in p.contact_ids
    ]
    for contact in advocates:
        # Any day of the year before today.
        first = ctx.today - timedelta(days=364)
        slots.append(
            Slot("advocate", FeedbackSource.PARTNER, first, partner_contact_id=contact, late_by=363)
        )
        weights.append(STANDALONE_PARTNER_WEIGHT * ctx.scale / len(advocates))
    return slots, weights


def _case_slots(ctx: DemoContext) -> list[Slot]:
    """The victims who agreed to give feedback on their case, before the panel met."""
    cases = ctx.session.execute(
        select(ScrutinyCase.id, ScrutinyCase.participant_id, Engagement.held_on)
        .join(Engagement, Engagement.id == ScrutinyCase.engagement_id)
        .where(ScrutinyCase.victim_agreed.is_(True))
        .order_by(ScrutinyCase.id)
    ).all()
    return [
        Slot(
            "case victim",
            FeedbackSource.PARTICIPANT if participant_id else FeedbackSource.ANONYMOUS,
            held_on - timedelta(days=ctx.rng.randint(14, 40)),
            case_id=case_id,
            participant_id=participant_id,
        )
        for case_id, participant_id, held_on in cases
    ]


def _disclosed(
    ctx: DemoContext, planned: disclosures.PlannedDisclosure, terms: Terms
) -> PlannedItem:
    row = feedback_row(
        ctx,
        planned.slot,
        planned.flagged_at.date(),
        summary=planned.summary,
        quote="",
        sentiment=None,
        quote_permission=False,
    )
    coded = (terms.stages[SEED_STAGES[DISCLOSURE_STAGE]], terms.themes[DISCLOSURE_THEME])
    return PlannedItem(row, coded, planned.facts)


def _item(ctx: DemoContext, slot: Slot, terms: Terms) -> PlannedItem:
    rng = ctx.rng
    staff = slot.kind == "staff forum"
    sentiment = SENTIMENTS(rng)
    themes = _themes(ctx, staff)
    stages = _stages(ctx, themes[0], staff)
    openers: tuple[str, ...]
    if slot.source is FeedbackSource.PARTNER:
        openers = PARTNER_OPENERS
    elif slot.kind == "group card":
        openers = ANONYMOUS_OPENERS
    elif slot.kind in ("attendee", "reference group"):
        openers = GROUP_OPENERS
    else:
        openers = OPENERS
    quoted = ctx.chance(QUOTED_SHARE)
    summary, quote = feedback_words(
        rng, None if staff else themes[0], sentiment, rng.choice(openers), quoted
    )
    participant = slot.source is FeedbackSource.PARTICIPANT
    row = feedback_row(
        ctx,
        slot,
        _received_on(ctx, slot),
        summary=summary,
        quote=quote,
        sentiment=sentiment,
        quote_permission=participant and quoted and ctx.chance(PERMISSION_SHARE),
    )
    ids = tuple(terms.stages[s] for s in stages) + tuple(terms.themes[t] for t in themes)
    return PlannedItem(row, ids)


def feedback_row(
    ctx: DemoContext,
    slot: Slot,
    received_on: date,
    *,
    summary: str,
    quote: str,
    sentiment: Sentiment | None,
    quote_permission: bool,
) -> dict[str, object]:
    """Every column but the id and partner (set when written)."""
    recorded = datetime.combine(received_on, time(17)) + timedelta(minutes=ctx.rng.randint(0, 180))
    return {
        "engagement_id": slot.engagement_id,
        "case_id": slot.case_id,
        "source": slot.source,
        "participant_id": slot.participant_id,
        "partner_contact_id": slot.partner_contact_id,
        "received_on": received_on,
        "summary": summary,
        "quote": quote,
        "sentiment": sentiment,
        "quote_permission": quote_permission,
        "created_at": recorded,
        "updated_at": recorded,
    }


def _received_on(ctx: DemoContext, slot: Slot) -> date:
    if not slot.late_by:
        return slot.day
    return min(slot.day + timedelta(days=ctx.rng.randint(0, slot.late_by)), ctx.today)


def _themes(ctx: DemoContext, staff: bool) -> list[str]:
    if staff:
        return [ctx.rng.choice(STAFF_THEMES)]
    themes = [THEMES(ctx.rng) for _ in range(THEME_COUNTS(ctx.rng))]
    return list(dict.fromkeys(themes))


def _stages(ctx: DemoContext, theme: str, staff: bool) -> list[str]:
    if staff:
        return []
    how_many = STAGE_COUNTS(ctx.rng)
    positions = THEME_STAGES[theme]
    return [SEED_STAGES[p] for p in ctx.rng.sample(positions, min(how_many, len(positions)))]


def _count(ctx: DemoContext, rows: list[dict[str, object]]) -> None:
    ctx.count("feedback items", len(rows))
    for source in FeedbackSource:
        ctx.count(f"feedback items, {source.value}", sum(r["source"] is source for r in rows))
    ctx.count(
        "feedback items with quote permission", sum(bool(r["quote_permission"]) for r in rows)
    )
