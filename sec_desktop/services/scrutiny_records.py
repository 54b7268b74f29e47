"""Plain, immutable copies of scrutiny panel meetings and the cases they review, for the
screens, the briefings and the command line.

A case names its victim only by pseudonym code (and only if they are on the roster). The
crime reference identifies a case, so it stays out of audit details and logs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time

from sec_desktop.domain.engagement_enums import EngagementFormat, Panel, VictimsRight


@dataclass(frozen=True)
class MeetingDetails:
    # None only in a form not yet filled in: saving asks for it.
    panel: Panel | None
    held_on: date
    starts_at: time | None = None
    format: EngagementFormat | None = None
    venue: str = ""
    # Who chairs or facilitates the panel (staff, never a survivor).
    facilitator: str = ""
    notes: str = ""


@dataclass(frozen=True)
class MeetingRow:
    id: int
    held_on: date
    panel: Panel
    venue: str
    cases: int
    starts_at: time | None = None
    format: EngagementFormat | None = None


@dataclass(frozen=True)
class TimelineEntry:
    """A dated step of the victim's journey, tagged by stage. `stage_name` is filled when
    read (and ignored when saved); "" if the stage has since been deleted."""

    on: date
    stage_id: int | None
    note: str = ""
    stage_name: str = ""


@dataclass(frozen=True)
class CaseDetails:
    crime_reference: str
    offence_type: str = ""
    outcome: str = ""
    # In the order typed; kept in date order once saved.
    timeline: tuple[TimelineEntry, ...] = ()
    # The rights judged: True met, False not met. A right not judged is not here.
    rights: Mapping[VictimsRight, bool] = field(default_factory=dict)
    victim_contacted: bool = False
    victim_agreed: bool = False
    # The victim's pseudonym code if they are on the roster ("" if not), so that their
    # quote consent can be checked for the briefing.
    participant_code: str = ""
    questions: str = ""


@dataclass(frozen=True, slots=True)  # thousands at scale: no __dict__ each
class CaseRow:
    id: int
    meeting_id: int
    crime_reference: str
    offence_type: str
    outcome: str
    victim_contacted: bool
    victim_agreed: bool
    participant_code: str
    timeline_entries: int
    rights_met: int
    rights_not_met: int
    feedback_items: int


@dataclass(frozen=True)
class CaseRecord:
    id: int
    meeting_id: int
    panel: Panel
    held_on: date
    details: CaseDetails


@dataclass(frozen=True)
class MeetingRecord:
    id: int
    details: MeetingDetails
    cases: tuple[CaseRow, ...]

    @property
    def panel(self) -> Panel:
        # Every saved meeting has its panel.
        return self.details.panel or Panel.DA
