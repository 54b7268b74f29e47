"""What the feedback service takes and gives: a draft to record, the full record of one
item (its own record view, the only place a disclosure's text is shown), and what the
capture form may offer as a source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource, Sentiment
from sec_desktop.services.disclosures import DisclosureRecord
from sec_desktop.services.taxonomy import Term


@dataclass(frozen=True)
class FeedbackDraft:
    """What a form hands in to record or change a feedback item."""

    received_on: date
    source: FeedbackSource
    participant_id: int | None = None
    partner_id: int | None = None
    partner_contact_id: int | None = None
    engagement_id: int | None = None
    case_id: int | None = None
    summary: str = ""
    quote: str = ""
    sentiment: Sentiment | None = None
    stage_ids: tuple[int, ...] = ()
    theme_ids: tuple[int, ...] = ()
    quote_permission: bool = False


@dataclass(frozen=True)
class EngagementRef:
    id: int
    kind: EngagementKind
    title: str
    held_on: date


@dataclass(frozen=True)
class FeedbackRecord:
    """One item in full. Its text is here even for a disclosure: show it only in the
    item's own record."""

    id: int
    draft: FeedbackDraft
    participant_code: str
    partner_name: str
    partner_contact_name: str
    engagement: EngagementRef | None
    # With their names, retired ones included (they stay on the items coded with them).
    stages: tuple[Term, ...]
    themes: tuple[Term, ...]
    # The participant's consent to be quoted holds today.
    quote_consent_current: bool
    # The one quote rule (services/quote_permission.py).
    quotable: bool
    disclosure: DisclosureRecord | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class SourcePerson:
    """A participant the capture form may name as the source, by code."""

    id: int
    code: str
    # Their consent to be quoted holds today: quote permission may be recorded.
    quote_consent: bool


@dataclass(frozen=True)
class CaptureContext:
    engagement: EngagementRef | None
    # An anonymous staff forum session: only "an anonymous survivor" may be the source.
    anonymous_only: bool
    # The engagement records attendees: only they may be named.
    attendees_only: bool
    participants: tuple[SourcePerson, ...]
    # The date to offer: the engagement's (if not in the future), or today.
    received_on: date
    # A scrutiny case's victim, if they are on the roster.
    case_participant_id: int | None = None
