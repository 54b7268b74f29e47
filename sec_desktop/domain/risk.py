"""Risk assessments before participation, and wellbeing checks after a session.

An assessment belongs to one participant and goes with their record when it is erased.
The participation gate (services/eligibility.py) reads the newest assessment.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sec_desktop.domain.base import Base
from sec_desktop.domain.participant import choice
from sec_desktop.domain.risk_enums import (
    Answer,
    DashLevel,
    HowTheyAre,
    Proceedings,
    Readiness,
    RiskOutcome,
)


class RiskAssessment(Base):
    __tablename__ = "risk_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    assessed_on: Mapped[date] = mapped_column(Date, index=True)
    # 1. Context and support in place.
    has_idva_isva: Mapped[bool] = mapped_column(Boolean, default=False)
    has_counsellor: Mapped[bool] = mapped_column(Boolean, default=False)
    other_agencies: Mapped[str] = mapped_column(String(400), default="")
    context_note: Mapped[str] = mapped_column(Text, default="")
    # 2. Current risk.
    dash_level: Mapped[DashLevel] = mapped_column(choice(DashLevel))
    dash_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    dash_source: Mapped[str] = mapped_column(String(200), default="")
    at_marac: Mapped[bool] = mapped_column(Boolean, default=False)
    # 3. Safety.
    harmer_in_contact: Mapped[Answer] = mapped_column(choice(Answer))
    harmer_could_learn: Mapped[Answer] = mapped_column(choice(Answer))
    safe_travel: Mapped[str] = mapped_column(Text, default="")
    childcare: Mapped[str] = mapped_column(Text, default="")
    safe_exit: Mapped[str] = mapped_column(Text, default="")
    # 4. Criminal proceedings; pre-trial or trial blocks groups unless approved.
    proceedings: Mapped[Proceedings] = mapped_column(choice(Proceedings))
    group_approved: Mapped[bool] = mapped_column(Boolean, default=False)
    group_approval_reason: Mapped[str] = mapped_column(Text, default="")
    # 5. Emotional readiness.
    readiness: Mapped[Readiness] = mapped_column(choice(Readiness))
    triggers: Mapped[str] = mapped_column(Text, default="")
    what_helps: Mapped[str] = mapped_column(Text, default="")
    # 6. Limits of confidentiality.
    confidentiality_explained: Mapped[bool] = mapped_column(Boolean, default=False)
    confidentiality_acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)
    # 7. Outcome.
    outcome: Mapped[RiskOutcome] = mapped_column(choice(RiskOutcome))
    support_plan: Mapped[str] = mapped_column(Text, default="")
    defer_reason: Mapped[str] = mapped_column(Text, default="")
    review_on: Mapped[date] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class WellbeingCheck(Base):
    """How an attendee was after a session, and any follow-up it needs."""

    __tablename__ = "wellbeing_check"
    __table_args__ = (UniqueConstraint("engagement_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    checked_on: Mapped[date] = mapped_column(Date, index=True)
    how_they_are: Mapped[HowTheyAre] = mapped_column(choice(HowTheyAre))
    note: Mapped[str] = mapped_column(Text, default="")
    support_offered: Mapped[str] = mapped_column(Text, default="")
    follow_up_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    follow_up_by: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    follow_up_done_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
