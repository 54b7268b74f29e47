"""Demo engagements: focus groups, one-to-ones, anonymous staff forum sessions, and the
Victim Reference Group's projects with their meetings, over the year before the day.

Attendees are chosen among the people who would pass the eligibility check on the day
of the engagement (`services/eligibility.py`): active, with a safe way to contact them
and a contact consent that held that day and was not overdue for review. Anonymous staff
forum sessions keep a headcount and nothing else. Scrutiny panel meetings are in
`demo/scrutiny.py`; what was said at all of them is in `demo/feedback.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import cast

from sec_desktop.demo import fakes
from sec_desktop.demo.context import DemoContext
from sec_desktop.demo.indexed import insert_indexed
from sec_desktop.domain.engagement import Attendance, Engagement, ReferenceProject
from sec_desktop.domain.engagement_enums import (
    EngagementFormat,
    EngagementKind,
    OneToOneChannel,
    ProjectStatus,
)
from sec_desktop.domain.enums import ConsentPurpose, Group, ParticipantStatus, PartnerType

# At scale 1 (one coordinator's year); multiplied by the scale.
FOCUS_GROUPS = 40
ONE_TO_ONES = 150
STAFF_FORUM_SESSIONS = 12
REFERENCE_PROJECTS = 3
# Disclosures per scale (`demo/feedback.py`): one-to-ones are held for them on the day
# the demo is made (still within the recording deadline) and a few days before (overdue).
DISCLOSURES = 3
OVERDUE_DISCLOSURE_DAYS_AGO = 3

FOCUS_TOPICS = (
    "Reporting by phone and online",
    "The first police visit",
    "Keeping victims updated",
    "Going to court",
    "After a no further action decision",
    "Digital evidence and your phone",
    "Protective orders and bail",
    "Being a witness",
    "Welsh-language services",
    "Men's experiences of domestic abuse",
    "LGBTQ+ survivors' experiences",
    "Stalking and harassment",
    "Support for children and families",
    "Disabled survivors' access to services",
)
TITLE_PATTERNS = ("{topic}", "{topic}: what helped, what didn't", "{topic} ({area})")
ADVERTISED = (
    "Force social media",
    "Partner newsletters",
    "Survivor Network mail-out",
    "IDVA and ISVA services",
    "Community groups and social media",
)
VENUES = ("Community Centre", "Family Centre", "Library meeting room", "Neuadd Gymunedol")
FOCUS_NOTES = (
    "Tea and coffee provided; travel costs paid on the day.",
    "Two people asked for a follow-up call.",
    "Welsh-language interpreter present.",
    "Childcare costs reimbursed.",
    "Quiet room available throughout.",
    "",
    "",
)
STAFF_TOPICS = (
    "Support at work after abuse",
    "Telling your line manager",
    "Occupational health support",
    "Flexible working and safety at work",
    "Colleagues' attitudes",
    "Time off for court",
)
ONE_TO_ONE_TITLES = {
    OneToOneChannel.PHONE: "Feedback call",
    OneToOneChannel.VIDEO: "Feedback by video call",
    OneToOneChannel.IN_PERSON: "Feedback meeting",
    OneToOneChannel.WRITTEN: "Written feedback",
}
CHANNEL_FORMAT = {
    OneToOneChannel.PHONE: EngagementFormat.PHONE,
    OneToOneChannel.VIDEO: EngagementFormat.ONLINE,
    OneToOneChannel.IN_PERSON: EngagementFormat.IN_PERSON,
    OneToOneChannel.WRITTEN: None,
}
PROJECTS = (
    ("Leaflet: applying for a protective order", "A plain-language leaflet for survivors."),
    ("Maternity services: asking about abuse", "Routine enquiry in antenatal appointments."),
    ("Force policy: keeping victims updated", "How often, by whom, and by what channel."),
    ("Housing options letter for survivors", "The first letter sent after a homeless claim."),
    ("Online reporting form", "Wording and safety of the force's online form."),
    ("Victim Personal Statement guidance", "What survivors are told before writing one."),
)
PROJECT_PARTNERS = (
    PartnerType.HEALTH,
    PartnerType.LOCAL_AUTHORITY,
    PartnerType.CHARITY,
    PartnerType.CPS,
    PartnerType.GOVERNMENT,
)
OUTPUTS = (
    "Eleven recommendations on wording; a revised draft returned to the organisation.",
    "A short report with the group's views, presented by two members.",
    "Revised leaflet agreed; the group asked to see it again in six months.",
)


@dataclass(frozen=True)
class Window:
    """The days on which someone would pass the eligibility check."""

    person_id: int
    first: date
    last: date


@dataclass
class PlannedEngagement:
    row: dict[str, object]
    # (participant id, limits of confidentiality explained)
    attendees: list[tuple[int, bool]] = field(default_factory=list)

    @property
    def held_on(self) -> date:
        return cast(date, self.row["held_on"])


def disclosure_counts(scale: int) -> tuple[int, int, int]:
    """(open within the deadline, overdue, dealt with) for a scale."""
    total = DISCLOSURES * scale
    open_now = max(1, total // 10)
    return open_now, 1, total - open_now - 1


def write_engagements(ctx: DemoContext) -> None:
    windows = eligibility_windows(ctx)
    staff = staff_names(ctx)
    plans = [_focus_group(ctx, windows, staff) for _ in range(FOCUS_GROUPS * ctx.scale)]
    plans += _one_to_ones(ctx, windows)
    plans += [_staff_session(ctx, staff) for _ in range(STAFF_FORUM_SESSIONS * ctx.scale)]
    projects, meetings = _reference_projects(ctx, windows, staff)
    plans += meetings
    ctx.insert(ReferenceProject, projects)
    write_planned(ctx, plans)
    ctx.count("reference group projects", len(projects))
    for kind, what in (
        (EngagementKind.FOCUS_GROUP, "focus groups"),
        (EngagementKind.ONE_TO_ONE, "one-to-ones"),
        (EngagementKind.STAFF_FORUM, "staff forum sessions (anonymous)"),
        (EngagementKind.REFERENCE_GROUP, "reference group meetings"),
    ):
        ctx.count(what, sum(p.row["kind"] is kind for p in plans))


def write_planned(ctx: DemoContext, plans: list[PlannedEngagement]) -> list[int]:
    """Write engagements in the order they were held (ids follow the dates) with their
    attendees; returns the ids in the order of `plans`."""
    order = sorted(range(len(plans)), key=lambda i: (plans[i].held_on, i))
    ids = [0] * len(plans)
    for index, engagement_id in zip(order, ctx.new_ids(Engagement, len(plans)), strict=True):
        ids[index] = engagement_id
        plans[index].row["id"] = engagement_id
    insert_indexed(ctx, Engagement, [plans[i].row for i in order])
    ctx.insert(
        Attendance,
        [
            {"engagement_id": ids[i], "participant_id": pid, "confidentiality_explained": told}
            for i in order
            for pid, told in plans[i].attendees
        ],
    )
    ctx.count("engagements", len(plans))
    ctx.count("attendances", sum(len(p.attendees) for p in plans))
    return ids


# --- who may take part, when -----------------------------------------------------------------


def eligibility_windows(ctx: DemoContext) -> list[Window]:
    """Everyone who would pass the eligibility check on some day, with those days. The
    status is today's: someone paused or gone now is not chosen for earlier sessions."""
    windows = []
    for person in ctx.people:
        contact = person.consent(ConsentPurpose.CONTACT)
        if (
            person.status is not ParticipantStatus.ACTIVE
            or person.rules is None
            or not person.rules.channels
            or contact is None
        ):
            continue
        ends = (contact.withdrawn_on, contact.review_on, ctx.today)
        last = min(d for d in ends if d is not None)
        first = max(contact.given_on, person.referred_on)
        if first <= last:
            windows.append(Window(person.id, first, last))
    return windows


def pick_people(ctx: DemoContext, windows: list[Window], day: date, how_many: int) -> list[Window]:
    """Up to `how_many` different people eligible on `day`, chosen at random (a few
    tries each, so that choosing stays fast among 15,000 people)."""
    chosen: dict[int, Window] = {}
    for _ in range(40 * how_many):
        if len(chosen) == how_many or not windows:
            break
        window = windows[ctx.rng.randrange(len(windows))]
        if window.first <= day <= window.last:
            chosen.setdefault(window.person_id, window)
    return list(chosen.values())


def staff_names(ctx: DemoContext) -> list[str]:
    """The coordinator first, then the colleagues and support workers who help."""
    return [ctx.fake.name() for _ in range(6)]


# --- each kind ---------------------------------------------------------------------------------


def base_row(
    ctx: DemoContext, kind: EngagementKind, held_on: date, starts_at: time | None
) -> dict[str, object]:
    """Every column, so that rows of all kinds can be written in one statement."""
    recorded = datetime.combine(held_on, starts_at or time(15)) + timedelta(
        hours=2, minutes=ctx.rng.randint(0, 59)
    )
    return {
        "kind": kind,
        "title": "",
        "topic": "",
        "held_on": held_on,
        "starts_at": starts_at,
        "format": None,
        "venue": "",
        "advertised_via": "",
        "facilitator": "",
        "support_worker": "",
        "notes": "",
        "wellbeing_follow_up": False,
        "headcount": None,
        "channel": None,
        "via_partner_contact_id": None,
        "panel": None,
        "project_id": None,
        "created_at": recorded,
        "updated_at": recorded,
    }


def venue(ctx: DemoContext, engagement_format: EngagementFormat | None) -> str:
    if engagement_format is EngagementFormat.ONLINE:
        return "Online (video call)"
    if engagement_format is EngagementFormat.PHONE:
        return "Phone conference"
    place = ctx.rng.choice(fakes.INVENTED_PLACES)
    return f"{place} {ctx.rng.choice(VENUES)}, {ctx.rng.choice(fakes.REAL_TOWNS)}"


def _past_day(ctx: DemoContext) -> date:
    return ctx.day_between(ctx.today - timedelta(days=364), ctx.today - timedelta(days=1))


def _focus_group(ctx: DemoContext, windows: list[Window], staff: list[str]) -> PlannedEngagement:
    held_on = _past_day(ctx)
    starts_at = time(ctx.rng.choice((10, 13, 18)), ctx.rng.choice((0, 30)))
    topic = ctx.rng.choice(FOCUS_TOPICS)
    row = base_row(ctx, EngagementKind.FOCUS_GROUP, held_on, starts_at)
    engagement_format = ctx.pick(
        (
            (EngagementFormat.IN_PERSON, 60),
            (EngagementFormat.ONLINE, 35),
            (EngagementFormat.PHONE, 5),
        )
    )
    row |= {
        "title": ctx.rng.choice(TITLE_PATTERNS).format(
            topic=topic, area=ctx.rng.choice(fakes.AREAS)
        ),
        "topic": topic,
        "format": engagement_format,
        "venue": venue(ctx, engagement_format),
        "advertised_via": ctx.rng.choice(ADVERTISED),
        "facilitator": staff[0],
        "support_worker": ctx.rng.choice(staff[1:]) if ctx.chance(0.8) else "",
        "notes": ctx.rng.choice(FOCUS_NOTES),
        "wellbeing_follow_up": ctx.chance(0.2),
    }
    people = pick_people(ctx, windows, held_on, ctx.rng.randint(4, 10))
    return PlannedEngagement(row, [(w.person_id, ctx.chance(0.93)) for w in people])


def _one_to_ones(ctx: DemoContext, windows: list[Window]) -> list[PlannedEngagement]:
    advocates = [
        contact_id
        for partner in ctx.partners_of(PartnerType.IDVA_SERVICE, PartnerType.ISVA_SERVICE)
        for contact_id in partner.contact_ids
    ]
    open_now, overdue, _dealt = disclosure_counts(ctx.scale)
    # Where the newest disclosures were made (see DISCLOSURES).
    days = [ctx.today] * open_now + [ctx.today - timedelta(OVERDUE_DISCLOSURE_DAYS_AGO)] * overdue
    days += [_past_day(ctx) for _ in range(ONE_TO_ONES * ctx.scale - len(days))]
    plans = []
    for held_on in days:
        channel = ctx.pick(
            (
                (OneToOneChannel.PHONE, 45),
                (OneToOneChannel.VIDEO, 15),
                (OneToOneChannel.IN_PERSON, 30),
                (OneToOneChannel.WRITTEN, 10),
            )
        )
        written = channel is OneToOneChannel.WRITTEN
        # Today's start before the demo is likely made, so its disclosure is in time.
        hour = 8 if held_on == ctx.today else ctx.rng.randint(9, 16)
        row = base_row(ctx, EngagementKind.ONE_TO_ONE, held_on, None if written else time(hour))
        row |= {
            "title": ONE_TO_ONE_TITLES[channel],
            "topic": ctx.rng.choice(FOCUS_TOPICS) if ctx.chance(0.4) else "",
            "format": CHANNEL_FORMAT[channel],
            "channel": channel,
            "via_partner_contact_id": (
                ctx.rng.choice(advocates) if advocates and ctx.chance(0.2) else None
            ),
            "wellbeing_follow_up": ctx.chance(0.1),
        }
        people = pick_people(ctx, windows, held_on, 1)
        plans.append(PlannedEngagement(row, [(w.person_id, ctx.chance(0.96)) for w in people]))
    return plans


def _staff_session(ctx: DemoContext, staff: list[str]) -> PlannedEngagement:
    held_on = _past_day(ctx)
    row = base_row(ctx, EngagementKind.STAFF_FORUM, held_on, time(12, 30))
    engagement_format = ctx.pick(((EngagementFormat.IN_PERSON, 50), (EngagementFormat.ONLINE, 50)))
    row |= {
        "title": "Staff forum",
        "topic": ctx.rng.choice(STAFF_TOPICS),
        "format": engagement_format,
        "venue": venue(ctx, engagement_format),
        "facilitator": staff[0],
        "headcount": ctx.rng.randint(3, 14),
    }
    return PlannedEngagement(row)


def _reference_projects(
    ctx: DemoContext, windows: list[Window], staff: list[str]
) -> tuple[list[dict[str, object]], list[PlannedEngagement]]:
    by_id = {w.person_id: w for w in windows}
    members = [
        (by_id[p.id], m)
        for p in ctx.people
        if p.id in by_id
        for m in p.memberships
        if m.group is Group.REFERENCE_GROUP
    ]
    partners = ctx.partners_of(*PROJECT_PARTNERS)
    projects: list[dict[str, object]] = []
    meetings = []
    first = ctx.rng.randrange(len(PROJECTS))
    ids = ctx.new_ids(ReferenceProject, REFERENCE_PROJECTS * ctx.scale)
    for number, project_id in enumerate(ids):
        title, description = PROJECTS[(first + number) % len(PROJECTS)]
        requested = ctx.today - timedelta(days=ctx.rng.randint(100, 330))
        held_on = requested
        for _ in range(ctx.rng.randint(2, 4)):
            # Every two to six weeks; at least two meetings fit before today.
            next_meeting = held_on + timedelta(days=ctx.rng.randint(14, 42))
            if next_meeting >= ctx.today:
                break
            held_on = next_meeting
            row = base_row(ctx, EngagementKind.REFERENCE_GROUP, held_on, time(18))
            row |= {
                "title": title,
                "topic": description,
                "format": EngagementFormat.ONLINE,
                "venue": venue(ctx, EngagementFormat.ONLINE),
                "facilitator": staff[0],
                "project_id": project_id,
            }
            present = [
                w
                for w, m in members
                if m.joined_on <= held_on
                and (m.left_on is None or held_on < m.left_on)
                and w.first <= held_on <= w.last
            ]
            chosen = ctx.rng.sample(present, min(len(present), ctx.rng.randint(3, 8)))
            meetings.append(PlannedEngagement(row, [(w.person_id, True) for w in chosen]))
        done = held_on < ctx.today - timedelta(days=30)
        partner = ctx.rng.choice(partners) if partners and ctx.chance(0.8) else None
        projects.append(
            {
                "id": project_id,
                "title": title,
                "partner_id": partner.id if partner else None,
                "organisation": "" if partner else "The force's Public Protection Unit",
                "description": description,
                "requested_on": requested,
                "status": ProjectStatus.COMPLETED if done else ProjectStatus.IN_PROGRESS,
                "outputs": ctx.rng.choice(OUTPUTS) if done else "",
            }
        )
    return projects, meetings
