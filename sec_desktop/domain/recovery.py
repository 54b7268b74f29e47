"""Service recovery cases raised by partners, training and awareness sessions with the
survivor materials they used, and development opportunities offered to participants."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sec_desktop.domain.action_enums import (
    MaterialKind,
    OpportunityKind,
    RecoveryStatus,
    TakenUp,
    TrainingKind,
)
from sec_desktop.domain.base import Base
from sec_desktop.domain.participant import choice


class RecoveryCase(Base):
    __tablename__ = "recovery_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Raised by a named professional at a partner (an IDVA, a service manager).
    raised_by_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner_contact.id", ondelete="SET NULL"), nullable=True, index=True
    )
    raised_by_partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="SET NULL"), nullable=True, index=True
    )
    # The survivor by a pseudonym the partner uses (never a name), and optionally on the
    # roster.
    survivor_pseudonym: Mapped[str] = mapped_column(String(60), default="")
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), nullable=True, index=True
    )
    opened_on: Mapped[date] = mapped_column(Date, index=True)
    concern: Mapped[str] = mapped_column(Text)
    department: Mapped[str] = mapped_column(String(200), default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    survivor_told_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    partner_told_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[RecoveryStatus] = mapped_column(choice(RecoveryStatus), index=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    steps: Mapped[list[RecoveryStep]] = relationship(
        cascade="all, delete-orphan", order_by="RecoveryStep.on"
    )


class RecoveryStep(Base):
    __tablename__ = "recovery_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("recovery_case.id", ondelete="CASCADE"), index=True
    )
    on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text)


class TrainingMaterial(Base):
    """A survivor's story used in training (a video, a case study): usable only while
    their consent to its use in officer training is current."""

    __tablename__ = "training_material"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[MaterialKind] = mapped_column(choice(MaterialKind))
    # Erasing the survivor removes the material: their story goes with them.
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class TrainingSession(Base):
    __tablename__ = "training_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[TrainingKind] = mapped_column(choice(TrainingKind))
    title: Mapped[str] = mapped_column(String(200))
    audience: Mapped[str] = mapped_column(String(200), default="")
    attending: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    materials: Mapped[list[TrainingMaterialUse]] = relationship(cascade="all, delete-orphan")


class TrainingMaterialUse(Base):
    __tablename__ = "training_material_use"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_session.id", ondelete="CASCADE"), primary_key=True
    )
    material_id: Mapped[int] = mapped_column(
        ForeignKey("training_material.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class DevelopmentOpportunity(Base):
    __tablename__ = "development_opportunity"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[OpportunityKind] = mapped_column(choice(OpportunityKind))
    title: Mapped[str] = mapped_column(String(200))
    offered_on: Mapped[date] = mapped_column(Date, index=True)
    taken_up: Mapped[TakenUp] = mapped_column(choice(TakenUp))
    # What came of it, as the survivor chooses to share it.
    what_came_of_it: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
