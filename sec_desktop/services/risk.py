"""Risk assessments before participation: each page checked, saved whole, listed, and
the reviews coming due.

An assessment is never edited: a review records a new one, and the newest (by the day it
was done) is the current one that the participation gate reads (services/eligibility.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import or_, select

from sec_desktop.domain.enums import ParticipantStatus
from sec_desktop.domain.participant import Participant
from sec_desktop.domain.risk import RiskAssessment
from sec_desktop.services import participant_store as store
from sec_desktop.services import risk_checks
from sec_desktop.services.clock import Today, local_today, utc_now
from sec_desktop.services.errors import FieldError, ValidationFailed
from sec_desktop.services.risk_records import (
    RISK_PAGES,
    AssessmentAnswers,
    AssessmentRecord,
    ReviewDue,
    current_assessments,
    current_row,
    record_of,
    write,
)
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

# The records are defined in risk_records.py; screens may import them from here too.
__all__ = [
    "RISK_PAGES",
    "AssessmentAnswers",
    "AssessmentRecord",
    "ReviewDue",
    "RiskService",
]

DEFAULT_REVIEW_HORIZON_DAYS = 14
# Only people who may still take part are reminded (paused or left people are not).
REVIEWED_STATUSES = (ParticipantStatus.ACTIVE, ParticipantStatus.ENQUIRY)


@dataclass
class RiskService:
    vault: Vault
    today: Today = field(default=local_today)

    def check_page(self, page: str, answers: AssessmentAnswers) -> list[FieldError]:
        """What is wrong on one page of the wizard (one of RISK_PAGES); nothing is written.
        Each error names the AssessmentAnswers field it is about."""
        return risk_checks.page_errors(page, answers, self.today())

    def default_review_on(self, answers: AssessmentAnswers) -> date:
        """Three months after the assessment; one month if the DASH risk is high."""
        return risk_checks.default_review_on(answers)

    def save(self, participant_id: int, answers: AssessmentAnswers) -> int:
        """Record a new assessment, every page checked; returns its id. A review date left
        empty is the default one."""
        errors = risk_checks.all_errors(answers, self.today())
        if errors:
            raise ValidationFailed(errors)
        if answers.review_on is None:
            answers = replace(answers, review_on=risk_checks.default_review_on(answers))
        now = utc_now()
        with self.vault.writing(AuditEvent.RISK_ASSESSMENT_SAVED) as session:
            participant = store.load(session, participant_id)
            row = RiskAssessment(participant_id=participant.id, created_at=now, updated_at=now)
            write(row, answers)
            session.add(row)
            session.flush()
            session.info["audit_detail"] = f"{participant.code}: risk assessment {row.id}"
            return row.id

    def assessments(self, participant_id: int) -> list[AssessmentRecord]:
        """Every assessment of this person, the current one first."""
        with self.vault.reading() as session:
            participant = store.load(session, participant_id)
            rows = session.scalars(
                select(RiskAssessment)
                .where(RiskAssessment.participant_id == participant_id)
                .order_by(RiskAssessment.assessed_on.desc(), RiskAssessment.id.desc())
            ).all()
            return [record_of(row, participant.code) for row in rows]

    def current(self, participant_id: int) -> AssessmentRecord | None:
        """The newest assessment (by the day it was done, then the order recorded)."""
        with self.vault.reading() as session:
            participant = store.load(session, participant_id)
            row = current_row(session, participant_id)
            return None if row is None else record_of(row, participant.code)

    def reviews_due(self, within_days: int = DEFAULT_REVIEW_HORIZON_DAYS) -> list[ReviewDue]:
        """Active and enquiry participants whose current assessment is due for review
        within `within_days` (or overdue), soonest first, then those never assessed. By
        pseudonym only: this list is shown on the Today page. One query."""
        today = self.today()
        until = today + timedelta(days=within_days)
        current = current_assessments()
        with self.vault.reading() as session:
            rows = session.execute(
                select(Participant.id, Participant.code, current.c.id, current.c.review_on)
                .outerjoin(current, current.c.participant_id == Participant.id)
                .where(
                    Participant.status.in_(REVIEWED_STATUSES),
                    or_(current.c.id.is_(None), current.c.review_on <= until),
                )
            ).all()
        due = [
            ReviewDue(
                int(pid),
                str(code),
                None if aid is None else int(aid),
                on,
                on is not None and on < today,
            )
            for pid, code, aid, on in rows
        ]
        return sorted(
            due,
            key=lambda d: (d.review_on is None, d.review_on or date.max, d.participant_code),
        )
