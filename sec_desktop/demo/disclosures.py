"""Demo disclosures: about three a year at scale 1, made during one-to-ones and focus
groups. Some are open and still within the 24-hour recording deadline (made on the day
the demo is made), one is overdue (made a few days before and not yet notified), and the
rest were dealt with: the minimum facts, the crime recording team notified with an
incident and crime reference, and the survivor told.

Their text is invented and only ever shown in the item's own record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sec_desktop.demo.context import DemoContext
from sec_desktop.demo.engagements import OVERDUE_DISCLOSURE_DAYS_AGO, disclosure_counts
from sec_desktop.demo.feedback_text import TOWNS
from sec_desktop.demo.scrutiny import crime_reference

if TYPE_CHECKING:
    from sec_desktop.demo.feedback import Slot

# The recording deadline of the Home Office counting rules.
DEADLINE = timedelta(hours=24)
# Only disclosures dealt with at least this long ago are chosen from older sessions.
DEALT_WITH_AFTER = timedelta(days=14)
WHO = ("a former partner", "an ex-partner", "a family member", "someone they knew")
WHAT = (
    ("assaulted them", "Assault"),
    ("damaged their property and threatened them", "Criminal damage and threats"),
    ("sexually assaulted them", "Sexual assault"),
    ("kept sending threatening messages", "Harassment"),
)
WHEN = ("about two years ago", "last winter", "several years ago", "earlier this year")
WHERE = ("At a former home in {town}", "In {town} town centre", "At a relative's home")
OPENINGS = ("Disclosed that", "Told us for the first time that", "Said, unprompted, that")
TOLD_HOW = (
    "By phone, as their safe contact rules allow",
    "In person, at the end of the next session",
    "Through their IDVA, as they asked",
)
NOTIFIED_TO = "Force crime registrar (crime recording team)"


@dataclass
class PlannedDisclosure:
    slot: Slot
    # Local wall-clock time (the row holds it in UTC).
    flagged_at: datetime
    summary: str
    # The disclosure's row, but for the feedback id.
    facts: dict[str, object]


def plan(ctx: DemoContext, slots: list[Slot]) -> list[PlannedDisclosure]:
    """The disclosures, each on a participant's slot at a one-to-one or focus group."""
    open_now, overdue, dealt_with = disclosure_counts(ctx.scale)
    spoken = [s for s in slots if s.kind in ("one-to-one", "attendee") and not s.late_by]
    today = [s for s in spoken if s.day == ctx.today][:open_now]
    days_ago = ctx.today - timedelta(days=OVERDUE_DISCLOSURE_DAYS_AGO)
    late = [s for s in spoken if s.day == days_ago][:overdue]
    older = [s for s in spoken if s.day <= ctx.today - DEALT_WITH_AFTER]
    earlier = ctx.rng.sample(older, min(dealt_with, len(older)))
    planned = []
    for number, slot in enumerate(today):
        flagged = datetime.combine(slot.day, time(8, 40)) + timedelta(minutes=number % 60)
        planned.append(_disclosure(ctx, slot, flagged))
    for slot in late:
        planned.append(_disclosure(ctx, slot, datetime.combine(slot.day, time(10, 15))))
    used: set[str] = set()
    for slot in sorted(earlier, key=lambda s: s.day):
        flagged = datetime.combine(slot.day, time(ctx.rng.randint(11, 16), ctx.rng.randint(0, 59)))
        planned.append(_dealt_with(ctx, _disclosure(ctx, slot, flagged), used))
    return planned


def _utc(local: datetime) -> datetime:
    """A local wall-clock time as stored: naive UTC."""
    return local.astimezone(UTC).replace(tzinfo=None)


def _disclosure(ctx: DemoContext, slot: Slot, flagged_local: datetime) -> PlannedDisclosure:
    # Every fact is given, as the service requires when an item is flagged.
    what, offence = ctx.rng.choice(WHAT)
    when = ctx.rng.choice(WHEN)
    summary = (
        f"{ctx.rng.choice(OPENINGS)} {ctx.rng.choice(WHO)} {what} {when}; it was never "
        "reported. Talked through what happens next."
    )
    flagged = _utc(flagged_local)
    row: dict[str, object] = {
        "flagged_at": flagged,
        "deadline_at": flagged + DEADLINE,
        "offence_type": offence,
        "happened_when": when.capitalize(),
        "happened_where": ctx.rng.choice(WHERE).format(town=ctx.rng.choice(TOWNS)),
        "anyone_at_risk_now": ctx.chance(0.15),
        "notified_at": None,
        "notified_to": "",
        "incident_reference": "",
        "crime_reference": "",
        "survivor_told_on": None,
        "survivor_told_how": "",
    }
    return PlannedDisclosure(slot, flagged_local, summary, row)


def _dealt_with(ctx: DemoContext, planned: PlannedDisclosure, used: set[str]) -> PlannedDisclosure:
    notified = planned.flagged_at + timedelta(
        hours=ctx.rng.randint(1, 20), minutes=ctx.rng.randint(0, 59)
    )
    told: date = min(notified.date() + timedelta(days=ctx.rng.randint(0, 3)), ctx.today)
    planned.facts |= {
        "notified_at": _utc(notified),
        "notified_to": NOTIFIED_TO,
        # "Incident 153 of 24/11/26": the control room's log number and day.
        "incident_reference": f"Incident {ctx.rng.randint(1, 600)} of {notified:%d/%m/%y}",
        "crime_reference": crime_reference(ctx, notified.date(), used),
        "survivor_told_on": told,
        "survivor_told_how": ctx.rng.choice(TOLD_HOW),
    }
    return planned


def count(ctx: DemoContext, facts: list[dict[str, object]]) -> None:
    ctx.count("disclosures", len(facts))
    ctx.count("disclosures dealt with", sum(f["survivor_told_on"] is not None for f in facts))
