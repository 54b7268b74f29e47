"""Plain, immutable copies of feedback items, for screens, reports and the command line.

Rows name the source by pseudonym code only. A row of an item flagged as a disclosure
carries no text at all (`summary` and `quote` are empty and `disclosure` is True): only
the item's own record shows what was said.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource, Sentiment


@dataclass(frozen=True, slots=True)  # thousands at scale: no __dict__ each
class FeedbackRow:
    id: int
    received_on: date
    source: FeedbackSource
    # The participant's pseudonym code ("" for anonymous or partner feedback, or once the
    # participant's record has been erased).
    participant_code: str
    # The partner organisation's name, for partner feedback.
    partner_name: str
    engagement_id: int | None
    engagement_kind: EngagementKind | None
    case_id: int | None
    summary: str
    quote: str
    sentiment: Sentiment | None
    stages: tuple[str, ...]
    themes: tuple[str, ...]
    # Stored with the survivor's permission AND their quote consent is current today.
    quotable: bool
    disclosure: bool
    # For a disclosure: True once notified and the survivor told.
    disclosure_dealt_with: bool = False


@dataclass(frozen=True)
class FeedbackPage:
    """The newest items of a period that match a filter, at most a limit of them."""

    rows: tuple[FeedbackRow, ...]
    # How many items of the period match (all of them, not only those in `rows`).
    total: int

    @property
    def capped(self) -> bool:
        return len(self.rows) < self.total
