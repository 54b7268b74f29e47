"""Make the 0.4.0 reference vault (schema 0004): the 0.3.0 reference vault, opened (and so
upgraded) by 0.4.0, with a few invented records of every kind 0.4.0 adds, written through
its own services, so that later versions can prove they still open and upgrade a vault it
saved (`tests/services/test_reference_v040.py`).

Run once, from the repository root, when releasing 0.4.0:

    .venv/bin/python tests/data/make_reference_v040.py

It writes `reference-v0.4.0.secvault` and `reference-v0.4.0.recovery-key.txt` (the 0.3.0
vault's key, which the upgrade keeps) next to this file, and refuses to replace them. The
records are the same on every run. Synthetic data only.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the repository root on the path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.domain.risk_enums import (
    Answer,
    DashLevel,
    HowTheyAre,
    Proceedings,
    Readiness,
    RiskOutcome,
)
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.risk_records import AssessmentAnswers
from sec_desktop.services.wellbeing_checks import CheckDetails
from sec_desktop.vault.vault import Unlock, Vault
from tests.data.reference_making import write_reference

NAME = "reference-v0.4.0"
BEFORE = "reference-v0.3.0"
# The day the records were made; everything they hold is on or before it.
TODAY = date(2026, 12, 5)


def make(path: Path, recovery_key: str) -> None:
    vault = Vault.open(path, Unlock(recovery_key=recovery_key))
    try:
        services = RecordServices.over(vault, today=lambda: TODAY)
        alex = _code(services, "S-0001")
        jo = _code(services, "S-0002")
        services.risk.save(alex, _alex_proceeds_with_support())
        services.risk.save(jo, _jo_deferred())
        group = next(
            r.id for r in services.engagements.rows() if r.kind is EngagementKind.FOCUS_GROUP
        )
        held_on = services.engagements.record(group).held_on
        services.wellbeing.save(
            group,
            alex,
            CheckDetails(
                checked_on=held_on,
                how_they_are=HowTheyAre.SOME_DISTRESS,
                note="Synthetic: tired after talking about court.",
                support_offered="A call from their ISVA the next day.",
                follow_up_needed=True,
                follow_up_by=held_on.replace(day=min(held_on.day + 7, 28)),
            ),
        )
        services.coordinator.check_in(3, 2, "Synthetic check-in: a heavy week.")
        services.coordinator.add_supervision(date(2026, 11, 20), "Clinical supervisor")
        services.coordinator.set_threshold(4)
    finally:
        vault.close()


def _code(services: RecordServices, code: str) -> int:
    found = services.roster.find_by_code(code)
    assert found is not None, code
    return found.id


def _alex_proceeds_with_support() -> AssessmentAnswers:
    return AssessmentAnswers(
        assessed_on=date(2026, 11, 2),
        has_idva_isva=True,
        other_agencies="Synthetic: a women's aid refuge outreach worker",
        dash_level=DashLevel.HIGH,
        dash_on=date(2026, 10, 1),
        dash_source="IDVA service",
        at_marac=True,
        harmer_in_contact=Answer.NO,
        harmer_could_learn=Answer.NOT_KNOWN,
        safe_travel="Taxi paid both ways",
        childcare="Paid for on the day",
        safe_exit="A quiet room next door, and the support worker",
        proceedings=Proceedings.PRE_TRIAL,
        group_approved=True,
        group_approval_reason="Synthetic: the topic is online reporting, not their case.",
        readiness=Readiness.SOME_CONCERNS,
        triggers="Talk of court dates",
        what_helps="A break, and a glass of water",
        confidentiality_explained=True,
        confidentiality_acknowledged=True,
        outcome=RiskOutcome.PROCEED_WITH_SUPPORT,
        support_plan="ISVA present; check-in call the next day",
        review_on=date(2026, 12, 2),
    )


def _jo_deferred() -> AssessmentAnswers:
    return AssessmentAnswers(
        assessed_on=date(2026, 11, 10),
        dash_level=DashLevel.MEDIUM,
        harmer_in_contact=Answer.YES,
        harmer_could_learn=Answer.YES,
        proceedings=Proceedings.UNDER_INVESTIGATION,
        readiness=Readiness.NOT_READY,
        confidentiality_explained=True,
        outcome=RiskOutcome.DEFER,
        defer_reason="Synthetic: they asked to wait until after a house move.",
        review_on=date(2027, 2, 10),
    )


if __name__ == "__main__":
    sys.exit(write_reference(NAME, BEFORE, make))
