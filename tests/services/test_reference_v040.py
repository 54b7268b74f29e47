"""The 0.4.0 reference vault (made by `tests/data/make_reference_v040.py`: the 0.3.0 one,
upgraded by 0.4.0, with its new records) opens with today's code and reads back as 0.4.0
wrote it: risk assessments (one high risk with support and now past its review date, one
deferred), a wellbeing check with a follow-up, the coordinator's log. It was saved at
schema 0004, exactly as 0004 writes it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from sec_desktop.domain.risk_enums import DashLevel, HowTheyAre, Proceedings, RiskOutcome
from sec_desktop.services.eligibility import ASSESSMENT_DEFERRED, ASSESSMENT_EXPIRED
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault.vault import Unlock, Vault
from tests.services.reference_checks import assert_saved_by_final_schema

DATA = Path(__file__).resolve().parents[1] / "data"
REFERENCE = DATA / "reference-v0.4.0.secvault"
RECOVERY_KEY = (DATA / "reference-v0.4.0.recovery-key.txt").read_text(encoding="utf-8").strip()
PASSPHRASE = "reference vault passphrase 2026"
TODAY = date(2026, 12, 5)


@pytest.fixture
def services(tmp_path: Path) -> Iterator[RecordServices]:
    path = tmp_path / REFERENCE.name
    shutil.copyfile(REFERENCE, path)
    vault = Vault.open(path, Unlock(passphrase=PASSPHRASE))
    yield RecordServices.over(vault, today=lambda: TODAY)
    vault.close()


def pid(services: RecordServices, code: str) -> int:
    found = services.roster.find_by_code(code)
    assert found is not None
    return found.id


def test_the_assessments_read_back_and_the_gate_applies_them(services: RecordServices) -> None:
    alex, jo = pid(services, "S-0001"), pid(services, "S-0002")
    current = services.risk.current(alex)
    assert current is not None
    answers = current.answers
    assert (answers.dash_level, answers.outcome) == (
        DashLevel.HIGH,
        RiskOutcome.PROCEED_WITH_SUPPORT,
    )
    assert answers.proceedings is Proceedings.PRE_TRIAL and answers.group_approved
    assert current.expired(TODAY)
    assert ASSESSMENT_EXPIRED in services.groups.eligibility(alex).blockers
    deferred = services.risk.current(jo)
    assert deferred is not None and deferred.answers.outcome is RiskOutcome.DEFER
    assert ASSESSMENT_DEFERRED in services.groups.eligibility(jo).blockers


def test_the_wellbeing_check_and_the_coordinators_log_read_back(
    services: RecordServices,
) -> None:
    (follow_up,) = services.wellbeing.follow_ups_due()
    assert follow_up.participant_code == "S-0001"
    checks = services.wellbeing.for_engagement(follow_up.engagement_id)
    alex = next(c for c in checks if c.participant_code == "S-0001")
    assert alex.details is not None and alex.details.how_they_are is HowTheyAre.SOME_DISTRESS
    (check_in,) = services.coordinator.check_ins()
    assert (check_in.mood, check_in.energy) == (3, 2)
    (session,) = services.coordinator.supervision_sessions()
    assert session.held_on == date(2026, 11, 20)
    assert services.coordinator.threshold() == 4


def test_it_was_saved_by_the_final_schema_0004() -> None:
    assert_saved_by_final_schema(REFERENCE, RECOVERY_KEY, "0004")
