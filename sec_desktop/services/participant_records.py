"""Plain, immutable copies of participant records, for screens and the command line.

They hold no database session, so they can cross threads and outlive a lock safely.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sec_desktop.domain.enums import (
    AgeBand,
    CommunicationNeed,
    ConsentMethod,
    ConsentPurpose,
    ContactChannel,
    Group,
    InvitationResponse,
    Language,
    ParticipantStatus,
    ReferralRoute,
    Weekday,
)


@dataclass(frozen=True)
class ParticipantRef:
    """A participant as every screen but the roster shows them: by pseudonym only."""

    id: int
    code: str


@dataclass(frozen=True)
class ParticipantDetails:
    name: str
    pronouns: str = ""
    language: Language = Language.ENGLISH
    language_other: str = ""
    age_band: AgeBand | None = None
    referral_route: ReferralRoute = ReferralRoute.SELF_OTHER
    referral_partner_id: int | None = None
    referred_on: date | None = None
    status: ParticipantStatus = ParticipantStatus.ENQUIRY
    notes: str = ""
    record_review_on: date | None = None


@dataclass(frozen=True)
class SafeContactRules:
    channels: frozenset[ContactChannel] = frozenset()
    phone: str = ""
    email: str = ""
    postal_address: str = ""
    safe_days: frozenset[Weekday] = frozenset()
    safe_from: time | None = None
    safe_until: time | None = None
    times_note: str = ""
    voicemail_allowed: bool = False
    may_say_police: bool = False
    code_word: str = ""
    third_party_name: str = ""
    third_party_relationship: str = ""
    third_party_contact: str = ""
    notes: str = ""

    @property
    def recorded(self) -> bool:
        """False until any rule has been set: then nobody should make contact."""
        return bool(self.channels)


@dataclass(frozen=True)
class CommunicationNeeds:
    needs: frozenset[CommunicationNeed] = frozenset()
    other: str = ""


@dataclass(frozen=True)
class EqualityAnswers:
    """Answers by characteristic key (see domain.equality); a missing key: not answered."""

    answers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ConsentRecord:
    id: int
    purpose: ConsentPurpose
    given_on: date
    method: ConsentMethod
    review_on: date | None
    withdrawn_on: date | None
    note: str = ""
    partner_id: int | None = None
    partner_name: str = ""

    def is_current(self, today: date) -> bool:
        return self.given_on <= today and self.withdrawn_on is None


@dataclass(frozen=True)
class MembershipRecord:
    id: int
    group: Group
    joined_on: date
    left_on: date | None
    role: str = ""
    left_reason: str = ""

    @property
    def active(self) -> bool:
        return self.left_on is None


@dataclass(frozen=True)
class InvitationRecord:
    id: int
    participant: ParticipantRef
    group: Group
    invited_on: date
    channel: ContactChannel
    response: InvitationResponse
    responded_on: date | None
    follow_up_on: date | None
    context: str = ""


@dataclass(frozen=True)
class ParticipantRecord:
    """Everything the participant page shows."""

    ref: ParticipantRef
    details: ParticipantDetails
    safe_contact: SafeContactRules
    communication: CommunicationNeeds
    equality: EqualityAnswers
    consents: tuple[ConsentRecord, ...]
    memberships: tuple[MembershipRecord, ...]
    invitations: tuple[InvitationRecord, ...]
    created_at: datetime
    updated_at: datetime

    def current_consents(self, today: date) -> tuple[ConsentRecord, ...]:
        return tuple(c for c in self.consents if c.is_current(today))

    def has_consent(self, purpose: ConsentPurpose, today: date) -> bool:
        return any(c.purpose is purpose for c in self.current_consents(today))

    def active_groups(self) -> frozenset[Group]:
        return frozenset(m.group for m in self.memberships if m.active)


@dataclass(frozen=True, slots=True)  # thousands at scale: no __dict__ each
class RosterRow:
    """One line of the roster table; `search_text` is what typing matches (lower case)."""

    id: int
    code: str
    name: str
    pronouns: str
    status: ParticipantStatus
    language: Language
    groups: frozenset[Group]
    needs: frozenset[CommunicationNeed]
    next_review: date | None  # the earliest consent or record review date
    referral_route: ReferralRoute
    referred_on: date | None
    search_text: str


@dataclass(frozen=True, slots=True)  # thousands at scale: no __dict__ each
class ReviewDue:
    """A review coming up or overdue: of one consent, or of the whole record."""

    participant: ParticipantRef
    due_on: date
    purpose: ConsentPurpose | None  # None: the record itself is due for review
    consent_id: int | None = None

    def overdue(self, today: date) -> bool:
        return self.due_on < today
