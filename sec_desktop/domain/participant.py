"""The participant and everything kept about how to reach them safely and what they agreed.

Names and contact details live here and nowhere else; every other record refers to a
participant by id and shows the pseudonym code.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sec_desktop.domain.base import Base
from sec_desktop.domain.enums import (
    AgeBand,
    Choice,
    CommunicationNeed,
    ConsentMethod,
    ConsentPurpose,
    ContactChannel,
    Group,
    InvitationResponse,
    Language,
    ParticipantStatus,
    ReferralRoute,
)


def choice(enum: type[Choice]) -> Enum:
    """A column of one of the fixed choices, stored as its value (not the member name)."""
    return Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=40,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class PseudonymCounter(Base):
    """The last pseudonym number issued. It only ever goes up: codes are never reused,
    not even after a participant's record has been erased."""

    __tablename__ = "pseudonym_counter"

    prefix: Mapped[str] = mapped_column(String(8), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class Participant(Base):
    __tablename__ = "participant"
    # Ids are never reused after an erasure either, so a stale reference finds nobody.
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012 (SQLAlchemy's form)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    pronouns: Mapped[str] = mapped_column(String(60), default="")
    language: Mapped[Language] = mapped_column(choice(Language), default=Language.ENGLISH)
    language_other: Mapped[str] = mapped_column(String(80), default="")
    age_band: Mapped[AgeBand | None] = mapped_column(choice(AgeBand), nullable=True)
    referral_route: Mapped[ReferralRoute] = mapped_column(choice(ReferralRoute))
    referral_partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="SET NULL"), nullable=True
    )
    referred_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[ParticipantStatus] = mapped_column(
        choice(ParticipantStatus), default=ParticipantStatus.ENQUIRY
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    communication_other: Mapped[str] = mapped_column(String(400), default="")
    # "Keep only what is needed": when this record is next looked at.
    record_review_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    safe_contact: Mapped[SafeContact | None] = relationship(
        back_populates="participant", cascade="all, delete-orphan", uselist=False
    )
    needs: Mapped[list[ParticipantNeed]] = relationship(cascade="all, delete-orphan")
    equality: Mapped[EqualityMonitoring | None] = relationship(
        cascade="all, delete-orphan", uselist=False
    )
    consents: Mapped[list[Consent]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", order_by="Consent.id"
    )
    memberships: Mapped[list[Membership]] = relationship(
        cascade="all, delete-orphan", order_by="Membership.id"
    )
    invitations: Mapped[list[Invitation]] = relationship(
        cascade="all, delete-orphan", order_by="Invitation.id"
    )


class SafeContact(Base):
    """How this person may be contacted without putting them at risk."""

    __tablename__ = "safe_contact"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True
    )
    # Allowed channels, as ContactChannel values joined by commas.
    channels: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    postal_address: Mapped[str] = mapped_column(String(400), default="")
    # Safe days, as Weekday values joined by commas (empty: no day agreed yet).
    safe_days: Mapped[str] = mapped_column(String(40), default="")
    safe_from: Mapped[time | None] = mapped_column(Time, nullable=True)
    safe_until: Mapped[time | None] = mapped_column(Time, nullable=True)
    times_note: Mapped[str] = mapped_column(String(200), default="")
    # The safe defaults: no voicemail, and the caller does not say they are the police.
    voicemail_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    may_say_police: Mapped[bool] = mapped_column(Boolean, default=False)
    code_word: Mapped[str] = mapped_column(String(80), default="")
    third_party_name: Mapped[str] = mapped_column(String(200), default="")
    third_party_relationship: Mapped[str] = mapped_column(String(100), default="")
    third_party_contact: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    participant: Mapped[Participant] = relationship(back_populates="safe_contact")

    def channel_set(self) -> frozenset[ContactChannel]:
        return frozenset(ContactChannel(v) for v in self.channels.split(",") if v)


class ParticipantNeed(Base):
    __tablename__ = "participant_need"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True
    )
    need: Mapped[CommunicationNeed] = mapped_column(choice(CommunicationNeed), primary_key=True)


class EqualityMonitoring(Base):
    """Kept apart from the participant and used only in aggregate. NULL: not asked or
    not answered; "prefer not to say" is an answer of its own."""

    __tablename__ = "equality_monitoring"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True
    )
    age: Mapped[str | None] = mapped_column(String(40), nullable=True)
    disability: Mapped[str | None] = mapped_column(String(40), nullable=True)
    gender_reassignment: Mapped[str | None] = mapped_column(String(40), nullable=True)
    marriage_civil_partnership: Mapped[str | None] = mapped_column(String(40), nullable=True)
    pregnancy_maternity: Mapped[str | None] = mapped_column(String(40), nullable=True)
    race: Mapped[str | None] = mapped_column(String(40), nullable=True)
    religion_belief: Mapped[str | None] = mapped_column(String(40), nullable=True)
    sex: Mapped[str | None] = mapped_column(String(40), nullable=True)
    sexual_orientation: Mapped[str | None] = mapped_column(String(40), nullable=True)


class Consent(Base):
    """One consent for one purpose: given on a date, perhaps withdrawn later. Giving it
    again after a withdrawal is a new row, so the history stays."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[ConsentPurpose] = mapped_column(choice(ConsentPurpose))
    # For sharing with a named partner: which one.
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="SET NULL"), nullable=True
    )
    given_on: Mapped[date] = mapped_column(Date)
    method: Mapped[ConsentMethod] = mapped_column(choice(ConsentMethod))
    review_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    withdrawn_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(String(400), default="")

    participant: Mapped[Participant] = relationship(back_populates="consents")


class Membership(Base):
    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    group: Mapped[Group] = mapped_column(choice(Group))
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    role: Mapped[str] = mapped_column(String(80), default="")
    left_reason: Mapped[str] = mapped_column(String(200), default="")


class Invitation(Base):
    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    group: Mapped[Group] = mapped_column(choice(Group))
    invited_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[ContactChannel] = mapped_column(choice(ContactChannel))
    response: Mapped[InvitationResponse] = mapped_column(
        choice(InvitationResponse), default=InvitationResponse.AWAITING
    )
    responded_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    follow_up_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Where it came from ("after the March focus group"): no personal detail.
    context: Mapped[str] = mapped_column(String(200), default="")
