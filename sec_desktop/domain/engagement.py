"""Engagements: focus groups, one-to-ones, anonymous staff forum sessions, scrutiny panel
meetings (with the cases they review) and reference group meetings (with the project an
organisation asked the group to scrutinise). Also the editable taxonomy of journey
stages and themes.

An anonymous staff forum session holds a headcount and nothing else about who came:
triggers in the schema refuse an attendee on one, and feedback on it from anyone but an
anonymous survivor, whether written there or moved there by an update.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sec_desktop.domain.base import Base
from sec_desktop.domain.engagement_enums import (
    EngagementFormat,
    EngagementKind,
    OneToOneChannel,
    Panel,
    ProjectStatus,
    TermKind,
    VictimsRight,
)
from sec_desktop.domain.participant import choice


class TaxonomyTerm(Base):
    """A journey stage or a theme. Retired terms stay on the records coded with them but
    are no longer offered."""

    __tablename__ = "taxonomy_term"
    __table_args__ = (UniqueConstraint("kind", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[TermKind] = mapped_column(choice(TermKind))
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)


class ReferenceProject(Base):
    """A piece of work an organisation asked the Victim Reference Group to scrutinise."""

    __tablename__ = "reference_project"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    # The requesting organisation: from the partner directory, or named here.
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="SET NULL"), nullable=True, index=True
    )
    organisation: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    requested_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[ProjectStatus] = mapped_column(
        choice(ProjectStatus), default=ProjectStatus.REQUESTED
    )
    # What the group produced (recommendations, a revised leaflet, a report).
    outputs: Mapped[str] = mapped_column(Text, default="")


class Engagement(Base):
    """Deleting one is refused by the database while feedback is recorded on it (or on one
    of its scrutiny cases): feedback is never lost with the record it was given at."""

    __tablename__ = "engagement"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EngagementKind] = mapped_column(choice(EngagementKind), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    topic: Mapped[str] = mapped_column(String(200), default="")
    held_on: Mapped[date] = mapped_column(Date, index=True)
    starts_at: Mapped[time | None] = mapped_column(Time, nullable=True)
    format: Mapped[EngagementFormat | None] = mapped_column(choice(EngagementFormat), nullable=True)
    venue: Mapped[str] = mapped_column(String(200), default="")
    advertised_via: Mapped[str] = mapped_column(String(200), default="")
    # Staff, not survivors.
    facilitator: Mapped[str] = mapped_column(String(200), default="")
    support_worker: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    wellbeing_follow_up: Mapped[bool] = mapped_column(Boolean, default=False)
    # Anonymous staff forum sessions: how many came, and nothing else.
    headcount: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # One-to-ones.
    channel: Mapped[OneToOneChannel | None] = mapped_column(choice(OneToOneChannel), nullable=True)
    via_partner_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner_contact.id", ondelete="SET NULL"), nullable=True, index=True
    )
    # Scrutiny panel meetings.
    panel: Mapped[Panel | None] = mapped_column(choice(Panel), nullable=True)
    # Reference group meetings.
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("reference_project.id", ondelete="SET NULL"), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    attendees: Mapped[list[Attendance]] = relationship(
        cascade="all, delete-orphan", order_by="Attendance.participant_id"
    )
    cases: Mapped[list[ScrutinyCase]] = relationship(
        cascade="all, delete-orphan", order_by="ScrutinyCase.id"
    )


class Attendance(Base):
    """Someone on the roster who took part. Erasing the participant removes the row."""

    __tablename__ = "attendance"

    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), primary_key=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # Were the limits of confidentiality explained to this person, this time?
    confidentiality_explained: Mapped[bool] = mapped_column(Boolean, default=False)


class ScrutinyCase(Base):
    """A finalised case reviewed by a DA or RASSO panel. The victim's feedback on it keeps
    it: the database refuses to delete a case (or its meeting) while feedback is on it."""

    __tablename__ = "scrutiny_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), index=True
    )
    crime_reference: Mapped[str] = mapped_column(String(40))
    offence_type: Mapped[str] = mapped_column(String(120), default="")
    outcome: Mapped[str] = mapped_column(String(120), default="")
    victim_contacted: Mapped[bool] = mapped_column(Boolean, default=False)
    victim_agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    # If the victim is on the roster (so their quote consent can be checked).
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), nullable=True, index=True
    )
    questions: Mapped[str] = mapped_column(Text, default="")

    rights: Mapped[list[CaseRight]] = relationship(
        cascade="all, delete-orphan", order_by="CaseRight.position"
    )
    timeline: Mapped[list[CaseTimelineEntry]] = relationship(
        cascade="all, delete-orphan", order_by="(CaseTimelineEntry.on, CaseTimelineEntry.id)"
    )


class CaseRight(Base):
    """A Victims' Code right judged for a case: met, or not met."""

    __tablename__ = "case_right"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("scrutiny_case.id", ondelete="CASCADE"), primary_key=True
    )
    right: Mapped[VictimsRight] = mapped_column(choice(VictimsRight), primary_key=True)
    # The right's number in the Code (1 to 12), for listing them in order.
    position: Mapped[int] = mapped_column(Integer)
    met: Mapped[bool] = mapped_column(Boolean)


class CaseTimelineEntry(Base):
    """A dated step of the victim's journey through the case, tagged by stage."""

    __tablename__ = "case_timeline_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("scrutiny_case.id", ondelete="CASCADE"), index=True
    )
    on: Mapped[date] = mapped_column(Date)
    stage_id: Mapped[int | None] = mapped_column(
        ForeignKey("taxonomy_term.id", ondelete="SET NULL"), nullable=True, index=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
