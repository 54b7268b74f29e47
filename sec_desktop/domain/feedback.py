"""Feedback items, their coding by journey stage and theme, and the disclosure guard.

A feedback item flagged as a disclosure (an offence never reported before) keeps its text
in its own record only: theme views, search snippets, briefings and exports leave it out.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sec_desktop.domain.base import Base
from sec_desktop.domain.engagement_enums import FeedbackSource, Sentiment
from sec_desktop.domain.participant import choice


class FeedbackItem(Base):
    __tablename__ = "feedback_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    # RESTRICT: deleting the engagement or case it was given at never deletes feedback
    # with it (services refuse first, with a message; the database is the last guard).
    engagement_id: Mapped[int | None] = mapped_column(
        ForeignKey("engagement.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    # A scrutiny case's victim feedback.
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("scrutiny_case.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    source: Mapped[FeedbackSource] = mapped_column(choice(FeedbackSource))
    # Erasing the participant keeps the feedback, anonymised.
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), nullable=True, index=True
    )
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="SET NULL"), nullable=True, index=True
    )
    partner_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner_contact.id", ondelete="SET NULL"), nullable=True, index=True
    )
    received_on: Mapped[date] = mapped_column(Date, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    quote: Mapped[str] = mapped_column(Text, default="")
    sentiment: Mapped[Sentiment | None] = mapped_column(choice(Sentiment), nullable=True)
    # The survivor agreed to this quote being used; it is quoted only while their
    # consent to be quoted is also current.
    quote_permission: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    terms: Mapped[list[FeedbackTerm]] = relationship(cascade="all, delete-orphan")
    # Never deleted with the item: the crime recording steps stay on record, and the
    # database refuses to delete an item that has a disclosure (passive: the ORM leaves
    # that refusal to the database rather than deleting the disclosure first).
    disclosure: Mapped[Disclosure | None] = relationship(
        cascade="save-update, merge", passive_deletes="all", uselist=False
    )


class FeedbackTerm(Base):
    """A journey stage or theme coded on a feedback item."""

    __tablename__ = "feedback_term"

    feedback_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_item.id", ondelete="CASCADE"), primary_key=True
    )
    term_id: Mapped[int] = mapped_column(
        ForeignKey("taxonomy_term.id", ondelete="RESTRICT"), primary_key=True, index=True
    )


class Disclosure(Base):
    """The crime recording steps for a disclosure: the minimum facts, the notification to
    the crime recording team, and telling the survivor. Dealt with when both are done."""

    __tablename__ = "disclosure"

    feedback_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_item.id", ondelete="RESTRICT"), primary_key=True
    )
    flagged_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    # Home Office counting rules: normally recorded within 24 hours.
    deadline_at: Mapped[datetime] = mapped_column(DateTime)
    # The minimum facts.
    offence_type: Mapped[str] = mapped_column(String(120), default="")
    happened_when: Mapped[str] = mapped_column(String(120), default="")
    happened_where: Mapped[str] = mapped_column(String(200), default="")
    anyone_at_risk_now: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    # The notification.
    notified_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    notified_to: Mapped[str] = mapped_column(String(200), default="")
    incident_reference: Mapped[str] = mapped_column(String(40), default="")
    crime_reference: Mapped[str] = mapped_column(String(40), default="")
    # Telling the survivor what happens next.
    survivor_told_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    survivor_told_how: Mapped[str] = mapped_column(String(200), default="")
