"""Plain, immutable copies of actions ("you said, we did"), the people to tell about them,
and the loop-closing figures, for the screens, the governance report and the command line.

People are named by pseudonym code only, and only in the who-to-tell list. Feedback is
shown as `FeedbackRow`s, which carry no text of a disclosure. The loop-closing figures
carry no codes and no feedback text at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sec_desktop.domain.action_enums import ActionStatus, TellingChannel
from sec_desktop.services.feedback_records import FeedbackRow

# A closed action's people who are contactable and still not told this many days after it
# closed are overdue.
TELL_WITHIN_DAYS = 28


@dataclass(frozen=True)
class ActionDetails:
    title: str
    description: str = ""
    # The owning department (free text) and/or a partner organisation from the directory.
    owner_department: str = ""
    owner_partner_id: int | None = None
    due_on: date | None = None
    # The scrutiny panel meeting that raised it (an engagement of that kind).
    raised_at_id: int | None = None


@dataclass(frozen=True, slots=True)  # thousands at scale: no __dict__ each
class ActionRow:
    """One card of the actions board."""

    id: int
    title: str
    # The department and/or the partner's name ("" if neither is recorded).
    owner: str
    due_on: date | None
    status: ActionStatus
    # Open and past its due date, or closed with someone contactable not told within
    # TELL_WITHIN_DAYS (see `due_overdue` and `telling_overdue`).
    overdue: bool
    feedback_count: int
    # People behind it who can be told, or have been (each person once).
    people_to_tell: int
    people_told: int
    # Which of the two makes it overdue.
    due_overdue: bool = False
    telling_overdue: bool = False


@dataclass(frozen=True)
class UpdateRow:
    id: int
    on: date
    note: str


@dataclass(frozen=True)
class ActionRecord:
    id: int
    details: ActionDetails
    status: ActionStatus
    outcome: str
    decline_reason: str
    closed_on: date | None
    # Newest first; a disclosure's row carries no text.
    feedback: tuple[FeedbackRow, ...]
    # Oldest first.
    updates: tuple[UpdateRow, ...]
    owner_partner_name: str
    # The meeting's title; a panel meeting has none, so its panel's label (a "Choices"
    # label: translate it with that context). "" if not raised at a meeting.
    raised_at_title: str
    raised_at_on: date | None = None


@dataclass(frozen=True)
class ToldRow:
    id: int
    told_on: date
    channel: TellingChannel
    what_was_said: str


@dataclass(frozen=True)
class PersonToTell:
    participant_id: int
    code: str
    # Their feedback items behind this action (the person is listed once).
    items: int
    contactable: bool
    # "" or why they cannot be contacted: an English message marked for translation in
    # the "Records" context.
    why_not: str
    # Their safe contact channels (ContactChannel values, in the list's order).
    safe_channels: tuple[str, ...]
    # A "Choices" label of Language, or the other language as recorded.
    preferred_language: str
    # The rules in a line (no phone, email or address): English.
    safe_contact_summary: str
    told: ToldRow | None
    # The action closed more than TELL_WITHIN_DAYS ago, they are contactable and not told.
    overdue: bool
    # The channels `record_told` accepts for them: their safe channels, in person, and
    # through a partner.
    allowed_channels: tuple[TellingChannel, ...] = ()


@dataclass(frozen=True)
class WhoToTell:
    # By code.
    people: tuple[PersonToTell, ...]
    # Anonymous feedback (and feedback of a participant since erased): counted, needs no
    # telling.
    anonymous_items: int
    # Feedback given by partners: counted apart.
    partner_items: int


@dataclass(frozen=True)
class QuarterRate:
    """Actions closed in one calendar quarter and how many of their people were told."""

    # For example "Jul\u2013Sep 2026" (English month abbreviations); `start` and `end` let
    # a screen write its own.
    label: str
    start: date
    end: date
    actions_closed: int
    # Pairs of an action and a person behind it who can be told, or was.
    people_to_tell: int
    told: int
    # told / people_to_tell; None if nobody was there to tell.
    rate: float | None


@dataclass(frozen=True)
class ClosedActionSummary:
    """One closed action, for the governance report: no names, no feedback text."""

    title: str
    status: ActionStatus
    closed_on: date
    # The outcome of a done action, the reason of a declined one.
    outcome: str
    # Themes of its feedback (disclosures left out), the most frequent first.
    themes: tuple[str, ...]
    items: int


@dataclass(frozen=True)
class YouSaidWeDid:
    """The figures and short texts the governance report uses for a period."""

    start: date
    end: date
    # Raised (recorded) in the period.
    raised: int
    # Closed in the period, done or declined.
    done: int
    declined: int
    # In progress now, raised by the end of the period.
    in_progress: int
    # Feedback items answered by the actions closed in the period (each item once).
    items_answered: int
    # People told in the period (told records dated in it).
    people_told: int
    # Of the actions closed in the period: told / people to tell (None: nobody to tell).
    loop_closed_rate: float | None
    # Closed in the period, oldest first.
    closed: tuple[ClosedActionSummary, ...]
