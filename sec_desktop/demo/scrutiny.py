"""Demo scrutiny panel meetings (DA and RASSO) and the finalised cases they reviewed: a
crime reference in the default format, the offence and outcome, a dated journey
timeline tagged by stage, the Victims' Code rights met or not, and whether the victim
was contacted and agreed to give feedback (their feedback is in `demo/feedback.py`).

Everything is invented from short templates: no case resembles a real one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import select

from sec_desktop.demo.context import DemoContext
from sec_desktop.demo.engagements import (
    PlannedEngagement,
    base_row,
    eligibility_windows,
    pick_people,
    write_planned,
)
from sec_desktop.demo.indexed import insert_indexed
from sec_desktop.domain.engagement import (
    CaseRight,
    CaseTimelineEntry,
    ScrutinyCase,
    TaxonomyTerm,
)
from sec_desktop.domain.engagement_enums import (
    EngagementFormat,
    EngagementKind,
    Panel,
    TermKind,
    VictimsRight,
)

# At scale 1; multiplied by the scale.
MEETINGS = 12
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
OFFENCES = {
    Panel.DA: (
        "Controlling or coercive behaviour",
        "Assault occasioning actual bodily harm",
        "Common assault",
        "Stalking",
        "Harassment",
        "Criminal damage",
        "Breach of a non-molestation order",
        "Non-fatal strangulation",
    ),
    Panel.RASSO: (
        "Rape",
        "Sexual assault",
        "Assault by penetration",
        "Sharing intimate images without consent",
        "Causing sexual activity without consent",
    ),
}
# Stage positions in the seeded order (domain.md): 0 contact and call handling, 1 first
# response, 2 statement, 3 crime recording, 4 safeguarding, 5 referral to support,
# 6 investigation, 7 arrest and bail, 8 police decision, 9 CPS decision, 10 witness care,
# 11 court, 12 after sentence, 13 complaints.
COMPLAINTS = 13


@dataclass(frozen=True)
class Outcome:
    text: str
    path: tuple[int, ...]
    last_note: str


OUTCOMES = {
    Panel.DA: (
        Outcome(
            "Charged: guilty plea",
            (0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12),
            "Restraining order made on sentence; victim contact scheme explained.",
        ),
        Outcome(
            "Charged: convicted after trial",
            (0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11),
            "Trial: found guilty; sentenced the same month.",
        ),
        Outcome(
            "Charged: acquitted after trial",
            (0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11),
            "Trial: found not guilty; victim told at court by the witness care officer.",
        ),
        Outcome(
            "No further action: evidential difficulties (outcome 15)",
            (0, 1, 2, 3, 4, 5, 6, 7, 8),
            "No further action: evidential difficulties; victim told by phone.",
        ),
        Outcome(
            "No further action: victim does not support (outcome 16)",
            (0, 1, 2, 3, 4, 5, 6, 8),
            "No further action: the victim did not support a prosecution.",
        ),
    ),
    Panel.RASSO: (
        Outcome(
            "Charged: convicted after trial",
            (0, 2, 3, 5, 6, 7, 9, 10, 11, 12),
            "Victim contact scheme referral made after sentence.",
        ),
        Outcome(
            "Charged: acquitted after trial",
            (0, 2, 3, 5, 6, 7, 9, 10, 11),
            "Trial: found not guilty; ISVA with the victim at court.",
        ),
        Outcome(
            "CPS decided not to charge (outcome 15)",
            (0, 2, 3, 5, 6, 7, 9),
            "CPS decided not to charge; victim told of the right to review.",
        ),
        Outcome(
            "No further action: evidential difficulties (outcome 15)",
            (0, 2, 3, 5, 6, 7, 8),
            "No further action after review by a detective inspector.",
        ),
        Outcome(
            "Charged: guilty plea",
            (0, 2, 3, 5, 6, 7, 9, 10, 11, 12),
            "Victim contact scheme referral made after sentence.",
        ),
    ),
}
STAGE_NOTES: dict[int, tuple[str, ...]] = {
    0: (
        "Reported by a 999 call; officers dispatched as an emergency.",
        "Reported online; call back from the control room the next day.",
        "Reported by a 101 call after a friend encouraged them.",
        "Reported at the front counter of the local station.",
    ),
    1: (
        "Officers attended; victim spoken to away from the suspect.",
        "Officers attended the next morning.",
        "Body-worn video recorded at the scene.",
    ),
    2: (
        "Statement taken at the victim's home.",
        "Achieving Best Evidence interview recorded.",
        "Photographs of injuries taken; phone handed over for download.",
        "Statement taken over two sessions at the victim's request.",
    ),
    3: (
        "Crime recorded; victim given the crime reference.",
        "Crime recorded after a review of the incident log.",
    ),
    4: (
        "DASH completed: high risk; referred to MARAC.",
        "DASH completed: medium risk; safety plan agreed.",
        "Domestic Violence Protection Notice issued.",
    ),
    5: (
        "Referred to the IDVA service.",
        "Referred to the ISVA service and the SARC.",
        "Declined a referral at first; accepted a month later.",
    ),
    6: (
        "Suspect interviewed under caution.",
        "No update to the victim for eight weeks.",
        "Officer in the case changed; victim told by letter.",
        "Phone download completed and phone returned.",
    ),
    7: (
        "Suspect arrested and released on bail with conditions.",
        "Suspect released under investigation.",
        "Bail conditions breached; suspect arrested again.",
    ),
    8: ("File reviewed by a supervisor.", "Victim told of the decision by phone."),
    9: (
        "CPS authorised a charge.",
        "File passed to the CPS for a charging decision.",
        "Victims' Right to Review requested.",
    ),
    10: (
        "Witness care unit in touch; pre-trial court visit offered.",
        "Special measures application made.",
        "Trial date moved.",
    ),
    11: ("Victim Personal Statement read in court.", "Trial started; victim gave evidence."),
    12: ("Victim contact scheme referral made.", "Restraining order made on sentence."),
    13: (
        "Complaint about the delays; service recovery started through the IDVA.",
        "Concern raised by the ISVA and answered within ten working days.",
    ),
}
QUESTIONS = (
    "Why did the victim wait so long for an update after the suspect was interviewed?",
    "Was the victim told about their right to review the decision?",
    "Could the victim have been referred to support sooner?",
    "Were special measures discussed early enough?",
    "What safeguarding was in place while the suspect was on bail?",
    "Was a Victim Personal Statement offered and explained?",
    "How was the decision explained to the victim, and by whom?",
    "Why was the victim's phone kept for so long?",
)


def write_scrutiny(ctx: DemoContext) -> None:
    windows = eligibility_windows(ctx)
    stages = term_ids(ctx, TermKind.STAGE)
    chairs = {Panel.DA: ctx.fake.name(), Panel.RASSO: ctx.fake.name()}
    plans, cases = [], []
    for number in range(MEETINGS * ctx.scale):
        # Each panel every other month, in turn.
        panel = Panel.DA if number % 2 == 0 else Panel.RASSO
        month_start = ctx.today - timedelta(days=364 - 30 * (number % MEETINGS))
        held_on = ctx.day_between(month_start, month_start + timedelta(days=27))
        row = base_row(ctx, EngagementKind.SCRUTINY_PANEL, held_on, time(10))
        label = "DA" if panel is Panel.DA else "RASSO"
        row |= {
            "title": f"{label} scrutiny panel, {MONTHS[held_on.month - 1]} {held_on.year}",
            "topic": "Finalised cases",
            "format": EngagementFormat.IN_PERSON,
            "venue": f"Police headquarters, meeting room {ctx.rng.randint(1, 4)}",
            "facilitator": chairs[panel],
            "notes": "Panel: police, CPS, IDVA and ISVA services, survivor representatives.",
            "panel": panel,
        }
        plans.append(PlannedEngagement(row))
        cases.append([_case(ctx, panel, held_on) for _ in range(ctx.rng.randint(3, 6))])
    meeting_ids = write_planned(ctx, plans)
    case_rows, timeline, rights = [], [], []
    used: set[str] = set()
    case_ids = iter(ctx.new_ids(ScrutinyCase, sum(len(c) for c in cases)))
    for meeting_id, plan, meeting_cases in zip(meeting_ids, plans, cases, strict=True):
        held_on = plan.held_on
        for case in meeting_cases:
            case_id = next(case_ids)
            reference = crime_reference(ctx, case.reported_on, used)
            victim = (
                pick_people(ctx, windows, held_on - timedelta(days=21), 1)
                if case.agreed and ctx.chance(0.35)
                else []
            )
            case_rows.append(
                {
                    "id": case_id,
                    "engagement_id": meeting_id,
                    "crime_reference": reference,
                    "offence_type": case.offence,
                    "outcome": case.outcome.text,
                    "victim_contacted": case.contacted,
                    "victim_agreed": case.agreed,
                    "participant_id": victim[0].person_id if victim else None,
                    "questions": "\n".join(ctx.rng.sample(QUESTIONS, ctx.rng.randint(1, 2))),
                }
            )
            timeline += [
                {"case_id": case_id, "on": on, "stage_id": stages[stage], "note": note}
                for on, stage, note in _timeline(ctx, case, held_on)
            ]
            rights += _rights(ctx, case_id)
    insert_indexed(ctx, ScrutinyCase, case_rows)
    insert_indexed(ctx, CaseTimelineEntry, timeline)
    ctx.insert(CaseRight, rights)
    ctx.count("scrutiny panel meetings", len(plans))
    ctx.count("scrutiny cases", len(case_rows))
    ctx.count("case timeline entries", len(timeline))


def term_ids(ctx: DemoContext, kind: TermKind) -> list[int]:
    """The ids of the seeded terms of a kind, in their order (a new vault has only those)."""
    query = (
        select(TaxonomyTerm.id)
        .where(TaxonomyTerm.kind == kind)
        .order_by(TaxonomyTerm.position, TaxonomyTerm.id)
    )
    return list(ctx.session.scalars(query))


@dataclass(frozen=True)
class _Case:
    offence: str
    outcome: Outcome
    reported_on: date
    contacted: bool
    agreed: bool


def _case(ctx: DemoContext, panel: Panel, held_on: date) -> _Case:
    contacted = ctx.chance(0.85)
    return _Case(
        offence=ctx.rng.choice(OFFENCES[panel]),
        outcome=ctx.rng.choice(OUTCOMES[panel]),
        reported_on=held_on - timedelta(days=ctx.rng.randint(240, 900)),
        contacted=contacted,
        agreed=contacted and ctx.chance(0.65),
    )


def crime_reference(ctx: DemoContext, reported_on: date, used: set[str]) -> str:
    """Two letters, 5 to 8 digits, the two-digit year: the default format. Never twice."""
    while True:
        length = ctx.pick(((6, 70), (5, 5), (7, 15), (8, 10)))
        digits = f"{ctx.rng.randrange(10**length):0{length}d}"
        reference = f"GW/{digits}/{reported_on.year % 100:02d}"
        if reference not in used:
            used.add(reference)
            return reference


def _timeline(ctx: DemoContext, case: _Case, held_on: date) -> list[tuple[date, int, str]]:
    """4 to 9 dated steps along the outcome's path, the first on the day of the report
    and the last (its decision) at least three weeks before the panel."""
    path = case.outcome.path
    complaint = ctx.chance(0.12)
    how_many = min(len(path) + complaint, ctx.rng.randint(4, 9))
    middle = sorted(ctx.rng.sample(path[1:-1], how_many - 2 - complaint))
    stages = [path[0], *middle, path[-1], *([COMPLAINTS] if complaint else [])]
    span = (held_on - timedelta(days=21) - case.reported_on).days
    offsets = [0, *sorted(ctx.rng.sample(range(1, span + 1), how_many - 1))]
    entries = []
    for offset, stage in zip(offsets, stages, strict=True):
        last = stage == case.outcome.path[-1]
        note = case.outcome.last_note if last else ctx.rng.choice(STAGE_NOTES[stage])
        entries.append((case.reported_on + timedelta(days=offset), stage, note))
    return entries


def _rights(ctx: DemoContext, case_id: int) -> list[dict[str, object]]:
    rights = list(VictimsRight)
    judged = sorted(ctx.rng.sample(range(len(rights)), ctx.rng.randint(4, 8)))
    return [
        {"case_id": case_id, "right": rights[i], "position": i + 1, "met": ctx.chance(0.6)}
        for i in judged
    ]
