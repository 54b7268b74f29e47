"""Risk assessments as the screens and the participation gate see them, and the queries
that find each person's current assessment (shared by services/risk.py and the gate in
services/eligibility.py).

The current assessment is the newest by the day it was done, then by the order it was
recorded. Nothing here carries a name: at most a pseudonym code.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import Subquery, func, select
from sqlalchemy.orm import Session

from sec_desktop.domain.risk import RiskAssessment
from sec_desktop.domain.risk_enums import Answer, DashLevel, Proceedings, Readiness, RiskOutcome

# The wizard's pages, in order; each checks its own fields (services/risk_checks.py).
RISK_PAGES = ("context", "risk", "safety", "proceedings", "readiness", "confidentiality", "outcome")


@dataclass(frozen=True)
class AssessmentAnswers:
    """What the wizard hands in; None means not answered yet."""

    assessed_on: date
    # 1. Context and support in place.
    has_idva_isva: bool = False
    has_counsellor: bool = False
    other_agencies: str = ""
    context_note: str = ""
    # 2. Current risk.
    dash_level: DashLevel | None = None
    dash_on: date | None = None
    dash_source: str = ""
    at_marac: bool = False
    # 3. Safety.
    harmer_in_contact: Answer | None = None
    harmer_could_learn: Answer | None = None
    safe_travel: str = ""
    childcare: str = ""
    safe_exit: str = ""
    # 4. Criminal proceedings.
    proceedings: Proceedings | None = None
    group_approved: bool = False
    group_approval_reason: str = ""
    # 5. Emotional readiness.
    readiness: Readiness | None = None
    triggers: str = ""
    what_helps: str = ""
    # 6. Limits of confidentiality.
    confidentiality_explained: bool = False
    confidentiality_acknowledged: bool = False
    # 7. Outcome.
    outcome: RiskOutcome | None = None
    support_plan: str = ""
    defer_reason: str = ""
    review_on: date | None = None


ANSWER_FIELDS = tuple(f.name for f in fields(AssessmentAnswers))


@dataclass(frozen=True)
class AssessmentRecord:
    id: int
    participant_id: int
    participant_code: str
    answers: AssessmentAnswers
    created_at: datetime
    updated_at: datetime

    def expired(self, today: date) -> bool:
        """The review date has passed: the assessment no longer lets them take part."""
        review_on = self.answers.review_on
        return review_on is not None and review_on < today


@dataclass(frozen=True, slots=True)  # thousands at scale: no __dict__ each
class ReviewDue:
    """Someone whose risk assessment is due for review (or who has none yet)."""

    participant_id: int
    participant_code: str
    assessment_id: int | None
    review_on: date | None
    overdue: bool


def answers_of(row: RiskAssessment) -> AssessmentAnswers:
    return AssessmentAnswers(**{name: getattr(row, name) for name in ANSWER_FIELDS})


def record_of(row: RiskAssessment, code: str) -> AssessmentRecord:
    return AssessmentRecord(
        row.id, row.participant_id, code, answers_of(row), row.created_at, row.updated_at
    )


def write(row: RiskAssessment, answers: AssessmentAnswers) -> None:
    """Copy the answers onto the row, text stripped."""
    for name in ANSWER_FIELDS:
        value = getattr(answers, name)
        setattr(row, name, value.strip() if isinstance(value, str) else value)


def current_row(session: Session, participant_id: int) -> RiskAssessment | None:
    """This person's current assessment, if any."""
    return session.scalars(
        select(RiskAssessment)
        .where(RiskAssessment.participant_id == participant_id)
        .order_by(RiskAssessment.assessed_on.desc(), RiskAssessment.id.desc())
        .limit(1)
    ).first()


def current_assessments() -> Subquery:
    """Everyone's current assessment in one subquery: join it on `participant_id`.

    Columns: participant_id, id, outcome, review_on, proceedings, group_approved."""
    rank = (
        func.row_number()
        .over(
            partition_by=RiskAssessment.participant_id,
            order_by=(RiskAssessment.assessed_on.desc(), RiskAssessment.id.desc()),
        )
        .label("rank")
    )
    ranked = select(
        RiskAssessment.participant_id,
        RiskAssessment.id,
        RiskAssessment.outcome,
        RiskAssessment.review_on,
        RiskAssessment.proceedings,
        RiskAssessment.group_approved,
        rank,
    ).subquery("ranked_assessment")
    return (
        select(
            ranked.c.participant_id,
            ranked.c.id,
            ranked.c.outcome,
            ranked.c.review_on,
            ranked.c.proceedings,
            ranked.c.group_approved,
        )
        .where(ranked.c.rank == 1)
        .subquery("current_assessment")
    )
