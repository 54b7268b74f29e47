"""Demo service recovery cases, training and awareness sessions with the survivor
materials they used, and development opportunities offered to participants.

Recovery cases are raised by a named contact at an advocacy or support partner, about a
survivor the partner knows by its own reference (some also on the roster); most were
closed with an outcome after 3 to 60 days, the survivor and the partner told; a few are
open. A training material is made only while its survivor's consent to training use
held, and a session uses one only if that consent was current on the day it was held;
one material's consent has since lapsed (where the people allow), so the lapsed list
shows it. Opportunities go to people who could be contacted on the day offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import cast

from sec_desktop.demo.action_text import CONCERNS, OPPORTUNITY_WORDS
from sec_desktop.demo.context import DemoContext, DemoPartner
from sec_desktop.demo.history import DemoConsent
from sec_desktop.demo.people import DemoPerson
from sec_desktop.domain.action_enums import (
    MaterialKind,
    OpportunityKind,
    RecoveryStatus,
    TakenUp,
    TrainingKind,
)
from sec_desktop.domain.enums import ConsentPurpose, ParticipantStatus, PartnerType
from sec_desktop.domain.recovery import (
    DevelopmentOpportunity,
    RecoveryCase,
    RecoveryStep,
    TrainingMaterial,
    TrainingMaterialUse,
    TrainingSession,
)

# At scale 1; multiplied by the scale.
CASES = 12
OPEN_CASES = 3
SESSIONS = 15
MATERIALS = 6
OPPORTUNITIES = 30
RAISING = (
    PartnerType.IDVA_SERVICE,
    PartnerType.ISVA_SERVICE,
    PartnerType.REFUGE,
    PartnerType.CHARITY,
)
REFERENCE_PREFIX = {
    PartnerType.IDVA_SERVICE: "IDVA",
    PartnerType.ISVA_SERVICE: "ISVA",
    PartnerType.REFUGE: "REF",
    PartnerType.CHARITY: "CL",
}
SESSION_WORDS = {
    TrainingKind.OFFICER_TRAINING: (
        ("Trauma-informed first response", "New response officers", (12, 30)),
        ("Domestic abuse: hearing the victim's voice", "Public Protection Unit", (10, 24)),
        ("Keeping victims updated", "Detective constables", (8, 20)),
    ),
    TrainingKind.BRIEFING: (
        ("Survivor engagement: this quarter's themes", "Chief officer group", (6, 12)),
        ("What survivors told us about court", "Criminal justice managers", (6, 15)),
        ("Feedback from the scrutiny panels", "Inspectors' meeting", (8, 20)),
    ),
    TrainingKind.TALK: (
        ("The Survivor Engagement Coordinator role", "Partner conference", (30, 90)),
        ("Why lived experience matters", "University criminology students", (20, 60)),
    ),
    TrainingKind.OTHER: (("Stall at the force open day", "Public and staff", (40, 150)),),
}
KIND_DECK = (
    (TrainingKind.OFFICER_TRAINING, 6),
    (TrainingKind.BRIEFING, 5),
    (TrainingKind.TALK, 3),
    (TrainingKind.OTHER, 1),
)
MATERIAL_KINDS = (
    (MaterialKind.VIDEO, 35),
    (MaterialKind.CASE_STUDY, 40),
    (MaterialKind.AUDIO, 10),
    (MaterialKind.WRITTEN, 15),
)
MATERIAL_TITLES = {
    MaterialKind.VIDEO: "Video: the night I called 999",
    MaterialKind.CASE_STUDY: "Case study: waiting for a charging decision",
    MaterialKind.AUDIO: "Audio: what the first officer said",
    MaterialKind.WRITTEN: "Written account: going to court",
}


def write_recovery(ctx: DemoContext) -> None:
    cases, steps = _cases(ctx)
    ctx.insert(RecoveryCase, cases)
    ctx.insert(RecoveryStep, steps)
    ctx.count("service recovery cases", len(cases))
    ctx.count(
        "service recovery cases, open",
        sum(c["status"] is RecoveryStatus.OPEN for c in cases),
    )
    ctx.count("service recovery steps", len(steps))
    _training(ctx)
    opportunities = _opportunities(ctx)
    ctx.insert(DevelopmentOpportunity, opportunities)
    ctx.count("development opportunities", len(opportunities))
    ctx.count(
        "development opportunities, taken up",
        sum(o["taken_up"] is TakenUp.TAKEN_UP for o in opportunities),
    )


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour))


# --- service recovery ----------------------------------------------------------------------


def _cases(ctx: DemoContext) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    partners = [p for p in ctx.partners_of(*RAISING) if p.contact_ids]
    if not partners:
        return [], []
    referred: dict[int, list[int]] = {}
    for person in ctx.people:
        if person.referral_partner_id is not None:
            referred.setdefault(person.referral_partner_id, []).append(person.id)
    total = CASES * ctx.scale
    statuses = [RecoveryStatus.OPEN] * (OPEN_CASES * ctx.scale)
    statuses += [RecoveryStatus.CLOSED] * (total - len(statuses))
    ctx.rng.shuffle(statuses)
    cases, steps = [], []
    for status, case_id in zip(statuses, ctx.new_ids(RecoveryCase, total), strict=True):
        case, case_steps = _case(ctx, status, ctx.rng.choice(partners), referred)
        cases.append({"id": case_id, **case})
        steps += [{"case_id": case_id, "on": on, "note": note} for on, note in case_steps]
    return cases, steps


def _case(
    ctx: DemoContext, status: RecoveryStatus, partner: DemoPartner, referred: dict[int, list[int]]
) -> tuple[dict[str, object], list[tuple[date, str]]]:
    rng = ctx.rng
    concern, department, notes, outcome = rng.choice(CONCERNS)
    days_open = rng.randint(3, 60)
    if status is RecoveryStatus.OPEN:
        opened = ctx.today - timedelta(days=days_open)
        closed = None
    else:
        closed = ctx.today - timedelta(days=rng.randint(1, 300))
        opened = closed - timedelta(days=days_open)
    end = closed or ctx.today
    steps = [(opened, "Concern received from the partner; acknowledged the same day.")]
    steps += sorted((ctx.day_between(opened, end), n) for n in notes[: rng.randint(1, 2)])
    people = referred.get(partner.id, [])
    told = closed is not None
    return {
        "raised_by_contact_id": rng.choice(partner.contact_ids),
        "raised_by_partner_id": partner.id,
        "survivor_pseudonym": f"{REFERENCE_PREFIX[partner.type]}-{rng.randint(1000, 9999)}",
        "participant_id": rng.choice(people) if people and ctx.chance(0.35) else None,
        "opened_on": opened,
        "concern": concern,
        "department": department,
        "outcome": outcome if closed else "",
        "survivor_told_on": _told_on(ctx, closed, 0.85) if told else None,
        "partner_told_on": _told_on(ctx, closed, 0.95) if told else None,
        "status": status,
        "closed_on": closed,
        "created_at": _at(opened),
        "updated_at": _at(end, 16),
    }, steps


def _told_on(ctx: DemoContext, closed: date | None, share: float) -> date | None:
    if closed is None or not ctx.chance(share):
        return None
    return min(closed + timedelta(days=ctx.rng.randint(0, 4)), ctx.today)


# --- training and awareness ----------------------------------------------------------------


def training_current(consent: DemoConsent | None, day: date) -> bool:
    """The training consent lets the story be used on `day` (given, not withdrawn, not
    past its review date)."""
    return (
        consent is not None
        and consent.given_on <= day
        and (consent.withdrawn_on is None or day < consent.withdrawn_on)
        and (consent.review_on is None or day <= consent.review_on)
    )


@dataclass(frozen=True)
class PlannedMaterial:
    row: dict[str, object]
    consent: DemoConsent
    made_on: date


def _training(ctx: DemoContext) -> None:
    materials = _materials(ctx)
    ctx.insert(TrainingMaterial, [m.row for m in materials])
    ctx.count("training materials", len(materials))
    ctx.count(
        "training materials, consent lapsed",
        sum(not training_current(m.consent, ctx.today) for m in materials),
    )
    sessions, uses, reached = _sessions(ctx, materials)
    ctx.insert(TrainingSession, sessions)
    ctx.insert(TrainingMaterialUse, uses)
    ctx.count("training sessions", len(sessions))
    ctx.count("people reached by training sessions", reached)
    ctx.count("training material uses", len(uses))


def _materials(ctx: DemoContext) -> list[PlannedMaterial]:
    """One material each for some of the people who consented to training use: one per
    scale whose consent has since lapsed (if any has), the rest current."""
    consenting = [
        (p, c) for p in ctx.people if (c := p.consent(ConsentPurpose.TRAINING)) is not None
    ]
    lapsed = [(p, c) for p, c in consenting if not training_current(c, ctx.today)]
    current = [(p, c) for p, c in consenting if training_current(c, ctx.today)]
    chosen = ctx.rng.sample(lapsed, min(ctx.scale, len(lapsed)))
    wanted = MATERIALS * ctx.scale - len(chosen)
    chosen += ctx.rng.sample(current, min(wanted, len(current)))
    chosen.sort(key=lambda pc: pc[0].id)
    materials = []
    ids = ctx.new_ids(TrainingMaterial, len(chosen))
    for (person, consent), material_id in zip(chosen, ids, strict=True):
        kind = ctx.pick(MATERIAL_KINDS)
        last = _last_usable(consent, ctx.today)
        made = ctx.day_between(consent.given_on, min(consent.given_on + timedelta(days=20), last))
        row = {
            "id": material_id,
            "title": MATERIAL_TITLES[kind],
            "kind": kind,
            "participant_id": person.id,
            "notes": "Made with the survivor; they chose what to include.",
            "created_at": _at(made, 14),
        }
        materials.append(PlannedMaterial(row, consent, made))
    return materials


def _last_usable(consent: DemoConsent, today: date) -> date:
    limits = [today]
    if consent.withdrawn_on is not None:
        limits.append(consent.withdrawn_on - timedelta(days=1))
    if consent.review_on is not None:
        limits.append(consent.review_on)
    return max(consent.given_on, min(limits))


def _sessions(
    ctx: DemoContext, materials: list[PlannedMaterial]
) -> tuple[list[dict[str, object]], list[dict[str, object]], int]:
    """The sessions, the materials they used, and how many people attended in all."""
    kinds = [kind for kind, n in KIND_DECK for _ in range(n * ctx.scale)]
    ctx.rng.shuffle(kinds)
    sessions, uses, reached = [], [], 0
    for kind, session_id in zip(kinds, ctx.new_ids(TrainingSession, len(kinds)), strict=True):
        title, audience, (low, high) = ctx.rng.choice(SESSION_WORDS[kind])
        held = ctx.today - timedelta(days=ctx.rng.randint(1, 360))
        attending = ctx.rng.randint(low, high)
        reached += attending
        sessions.append(
            {
                "id": session_id,
                "held_on": held,
                "kind": kind,
                "title": title,
                "audience": audience,
                "attending": attending,
                "notes": "",
                "created_at": _at(held, 17),
                "updated_at": _at(held, 17),
            }
        )
        if kind in (TrainingKind.OFFICER_TRAINING, TrainingKind.BRIEFING) and ctx.chance(0.7):
            usable = [
                m.row["id"]
                for m in materials
                if m.made_on <= held and training_current(m.consent, held)
            ]
            picked = ctx.rng.sample(usable, min(len(usable), ctx.rng.randint(1, 2)))
            uses += [{"session_id": session_id, "material_id": m} for m in picked]
    return sessions, uses, reached


# --- development opportunities -------------------------------------------------------------


def _opportunities(ctx: DemoContext) -> list[dict[str, object]]:
    """Offered to people who could be contacted that day: older offers answered, recent
    ones often still waiting."""
    eligible = [(p, d) for p in ctx.people if (d := _offerable_from(p, ctx.today)) is not None]
    rows = []
    for _ in range(OPPORTUNITIES * ctx.scale if eligible else 0):
        person, first = ctx.rng.choice(eligible)
        offered = ctx.day_between(max(first, ctx.today - timedelta(days=365)), ctx.today)
        kind = ctx.rng.choice(list(OpportunityKind))
        title, came_of_it = OPPORTUNITY_WORDS[kind]
        recent = offered > ctx.today - timedelta(days=30)
        taken = ctx.pick(
            (
                (TakenUp.WAITING, 60 if recent else 5),
                (TakenUp.TAKEN_UP, 25 if recent else 60),
                (TakenUp.DECLINED, 15 if recent else 35),
            )
        )
        shared = taken is TakenUp.TAKEN_UP and ctx.chance(0.7)
        rows.append(
            {
                "participant_id": person.id,
                "kind": kind,
                "title": title,
                "offered_on": offered,
                "taken_up": taken,
                "what_came_of_it": came_of_it if shared else "",
                "created_at": _at(offered),
                "updated_at": _at(offered),
            }
        )
    # Stable: the same day keeps the order drawn.
    rows.sort(key=lambda r: cast(date, r["offered_on"]))
    return rows


def _offerable_from(person: DemoPerson, today: date) -> date | None:
    """From when they could be offered something: active, with a contact consent not
    withdrawn, and a safe way to reach them."""
    contact = person.consent(ConsentPurpose.CONTACT)
    if (
        person.status is not ParticipantStatus.ACTIVE
        or contact is None
        or contact.withdrawn_on is not None
        or person.rules is None
        or contact.given_on > today
    ):
        return None
    return contact.given_on
