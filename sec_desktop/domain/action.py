"""\u201cYou said, we did\u201d: actions that answer feedback, their dated updates, and the
record of telling each person whose feedback led to one."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sec_desktop.domain.action_enums import ActionStatus, TellingChannel
from sec_desktop.domain.base import Base
from sec_desktop.domain.participant import choice


class Action(Base):
    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What will change, in a line, and more if needed.
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    # The owning department (free text), or a partner organisation.
    owner_department: Mapped[str] = mapped_column(String(200), default="")
    owner_partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="SET NULL"), nullable=True, index=True
    )
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    status: Mapped[ActionStatus] = mapped_column(choice(ActionStatus), index=True)
    outcome: Mapped[str] = mapped_column(Text, default="")
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    # Set when it reached done or declined.
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    # Raised by a scrutiny panel: the meeting (an engagement of that kind).
    raised_at_id: Mapped[int | None] = mapped_column(
        ForeignKey("engagement.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    feedback: Mapped[list[ActionFeedback]] = relationship(cascade="all, delete-orphan")
    updates: Mapped[list[ActionUpdate]] = relationship(
        cascade="all, delete-orphan", order_by="ActionUpdate.on"
    )
    told: Mapped[list[ToldRecord]] = relationship(cascade="all, delete-orphan")


class ActionFeedback(Base):
    """An action answers these feedback items (many to many)."""

    __tablename__ = "action_feedback"

    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), primary_key=True
    )
    feedback_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_item.id", ondelete="RESTRICT"), primary_key=True, index=True
    )


class ActionUpdate(Base):
    __tablename__ = "action_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text)


class ToldRecord(Base):
    """That a participant was told what came of their feedback: once per action."""

    __tablename__ = "told_record"
    __table_args__ = (UniqueConstraint("action_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    # Erasing the participant removes the record of telling them.
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    told_on: Mapped[date] = mapped_column(Date, index=True)
    channel: Mapped[TellingChannel] = mapped_column(choice(TellingChannel))
    what_was_said: Mapped[str] = mapped_column(Text, default="")
