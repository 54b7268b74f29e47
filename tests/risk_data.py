"""Risk assessments for tests: a complete set of answers that passes every page, and a
helper that records a current "proceed" assessment so that someone can take part.

Tests that are not about the gate use `assess(services, participant_id)` in their
setup; tests about the gate change the answers with keyword overrides.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sec_desktop.domain.risk_enums import Answer, DashLevel, Proceedings, Readiness, RiskOutcome
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.risk_records import AssessmentAnswers


def answers(assessed_on: date, **overrides: Any) -> AssessmentAnswers:
    """Every page answered: standard risk, no proceedings, ready, told about the limits
    of confidentiality, outcome "proceed" (the review date is left to the default)."""
    base = AssessmentAnswers(
        assessed_on=assessed_on,
        has_idva_isva=True,
        other_agencies="Example IDVA Service",
        dash_level=DashLevel.STANDARD,
        dash_on=assessed_on,
        dash_source="IDVA",
        harmer_in_contact=Answer.NO,
        harmer_could_learn=Answer.NO,
        safe_travel="Taxi booked both ways.",
        safe_exit="A quiet room next door; the support worker goes with them.",
        proceedings=Proceedings.NONE,
        readiness=Readiness.READY,
        what_helps="A break and a cup of tea.",
        confidentiality_explained=True,
        confidentiality_acknowledged=True,
        outcome=RiskOutcome.PROCEED,
    )
    return replace(base, **overrides)


def assess(services: RecordServices, participant_id: int, **overrides: Any) -> int:
    """Record a current assessment (by default "proceed", done today); returns its id."""
    assessed_on = overrides.pop("assessed_on", services.today())
    return services.risk.save(participant_id, answers(assessed_on, **overrides))
