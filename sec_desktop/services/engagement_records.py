"""Plain, immutable copies of engagements and reference group projects, and what the forms
hand to the service.

People appear by pseudonym code only. An anonymous staff forum session's details have no
field for anyone's identity at all: there is nothing to fill in, so nothing can be kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sec_desktop.domain.engagement_enums import (
    EngagementFormat,
    EngagementKind,
    OneToOneChannel,
    Panel,
    ProjectStatus,
)
from sec_desktop.services.participant_records import ParticipantRef

MAX_HEADCOUNT = 500

# --- what the forms hand in ------------------------------------------------------------------


@dataclass(frozen=True)
class AttendeeChoice:
    """Someone chosen from the roster, and whether the limits of confidentiality were
    explained to them this time."""

    participant_id: int
    confidentiality_explained: bool = False


@dataclass(frozen=True)
class FocusGroupDetails:
    title: str
    held_on: date
    topic: str = ""
    starts_at: time | None = None
    format: EngagementFormat = EngagementFormat.IN_PERSON
    venue: str = ""
    advertised_via: str = ""
    facilitator: str = ""
    support_worker: str = ""
    wellbeing_follow_up: bool = False
    notes: str = ""


@dataclass(frozen=True)
class OneToOneDetails:
    held_on: date
    channel: OneToOneChannel
    # None: an anonymous survivor (nobody on the roster).
    participant_id: int | None = None
    # Given by an IDVA or ISVA on the survivor's behalf: the partner contact who gave it.
    via_partner_contact_id: int | None = None
    # Kept with the participant's attendance, so only for a named participant.
    confidentiality_explained: bool = False
    starts_at: time | None = None
    topic: str = ""
    wellbeing_follow_up: bool = False
    notes: str = ""


@dataclass(frozen=True)
class StaffForumDetails:
    """An anonymous staff forum session: how many came, never who."""

    held_on: date
    headcount: int
    starts_at: time | None = None
    format: EngagementFormat = EngagementFormat.IN_PERSON
    venue: str = ""
    facilitator: str = ""
    wellbeing_follow_up: bool = False
    notes: str = ""


@dataclass(frozen=True)
class ReferenceMeetingDetails:
    project_id: int
    held_on: date
    title: str = ""
    starts_at: time | None = None
    format: EngagementFormat = EngagementFormat.IN_PERSON
    venue: str = ""
    facilitator: str = ""
    support_worker: str = ""
    wellbeing_follow_up: bool = False
    notes: str = ""


@dataclass(frozen=True)
class ProjectDetails:
    title: str
    # The requesting organisation: a partner from the directory, or a name typed here.
    partner_id: int | None = None
    organisation: str = ""
    description: str = ""
    requested_on: date | None = None
    status: ProjectStatus = ProjectStatus.REQUESTED
    # What the group produced.
    outputs: str = ""


# --- what the screens are given ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)  # thousands at scale: no __dict__ each
class EngagementRow:
    """One line of the engagements list (every kind, scrutiny meetings included)."""

    id: int
    kind: EngagementKind
    held_on: date
    starts_at: time | None
    title: str
    topic: str
    # Scrutiny panel meetings: DA or RASSO (shown where the topic would be).
    panel: Panel | None
    format: EngagementFormat | None
    channel: OneToOneChannel | None
    # How many took part: the attendees on record, or an anonymous session's headcount.
    attendees: int
    feedback: int
    wellbeing_follow_up: bool
    # Reference group meetings: the project's title.
    project_title: str = ""
    # One-to-ones: the participant's code ("" for an anonymous survivor).
    participant_code: str = ""

    @property
    def anonymous(self) -> bool:
        return self.kind is EngagementKind.STAFF_FORUM


@dataclass(frozen=True)
class EngagementPage:
    """The newest engagements that match a filter, at most a limit of them."""

    rows: tuple[EngagementRow, ...]
    # How many engagements match (all of them, not only those in `rows`).
    total: int

    @property
    def capped(self) -> bool:
        return len(self.rows) < self.total


@dataclass(frozen=True)
class Attendee:
    participant: ParticipantRef
    confidentiality_explained: bool


@dataclass(frozen=True)
class ProjectRecord:
    id: int
    details: ProjectDetails
    # The partner's name, or the organisation as typed.
    organisation_name: str
    meetings: int = 0


@dataclass(frozen=True)
class EngagementRecord:
    """One engagement in full."""

    id: int
    kind: EngagementKind
    held_on: date
    starts_at: time | None
    title: str
    topic: str
    format: EngagementFormat | None
    venue: str
    advertised_via: str
    facilitator: str
    support_worker: str
    notes: str
    wellbeing_follow_up: bool
    headcount: int | None
    channel: OneToOneChannel | None
    via_partner_contact_id: int | None
    # "Contact name (Partner name)", for a one-to-one given through an IDVA or ISVA.
    via_partner_contact: str
    panel: Panel | None
    project: ProjectRecord | None
    # Sorted by code.
    attendees: tuple[Attendee, ...]
    feedback_count: int
    created_at: datetime
    updated_at: datetime

    @property
    def anonymous(self) -> bool:
        return self.kind is EngagementKind.STAFF_FORUM

    def unexplained(self) -> tuple[ParticipantRef, ...]:
        """Attendees whose limits of confidentiality are not recorded as explained."""
        return tuple(a.participant for a in self.attendees if not a.confidentiality_explained)

    def is_planned(self, today: date) -> bool:
        return self.held_on > today

    def focus_group_details(self) -> FocusGroupDetails:
        return FocusGroupDetails(
            title=self.title,
            held_on=self.held_on,
            topic=self.topic,
            starts_at=self.starts_at,
            format=self.format or EngagementFormat.IN_PERSON,
            venue=self.venue,
            advertised_via=self.advertised_via,
            facilitator=self.facilitator,
            support_worker=self.support_worker,
            wellbeing_follow_up=self.wellbeing_follow_up,
            notes=self.notes,
        )

    def one_to_one_details(self) -> OneToOneDetails:
        who = self.attendees[0] if self.attendees else None
        return OneToOneDetails(
            held_on=self.held_on,
            channel=self.channel or OneToOneChannel.PHONE,
            participant_id=who.participant.id if who else None,
            via_partner_contact_id=self.via_partner_contact_id,
            confidentiality_explained=who.confidentiality_explained if who else False,
            starts_at=self.starts_at,
            topic=self.topic,
            wellbeing_follow_up=self.wellbeing_follow_up,
            notes=self.notes,
        )

    def staff_forum_details(self) -> StaffForumDetails:
        return StaffForumDetails(
            held_on=self.held_on,
            headcount=self.headcount or 0,
            starts_at=self.starts_at,
            format=self.format or EngagementFormat.IN_PERSON,
            venue=self.venue,
            facilitator=self.facilitator,
            wellbeing_follow_up=self.wellbeing_follow_up,
            notes=self.notes,
        )

    def reference_meeting_details(self) -> ReferenceMeetingDetails:
        return ReferenceMeetingDetails(
            project_id=self.project.id if self.project else 0,
            held_on=self.held_on,
            title=self.title,
            starts_at=self.starts_at,
            format=self.format or EngagementFormat.IN_PERSON,
            venue=self.venue,
            facilitator=self.facilitator,
            support_worker=self.support_worker,
            wellbeing_follow_up=self.wellbeing_follow_up,
            notes=self.notes,
        )

    def attendee_choices(self) -> tuple[AttendeeChoice, ...]:
        return tuple(
            AttendeeChoice(a.participant.id, a.confidentiality_explained) for a in self.attendees
        )
