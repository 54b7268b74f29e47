"""The 0.5.0 reference vault (made by `tests/data/make_reference_v050.py`: the 0.4.0 one,
upgraded by 0.5.0, with its new records) opens with today's code and reads back as 0.5.0
wrote it: a done action answering S-0001's and an anonymous survivor's feedback, S-0001
told by phone, a second proposed action; a closed service recovery case with a step and
both told; a training material (listed as lapsed: no training consent) and a session; a
development opportunity taken up. It was saved at schema 0005, exactly as 0005 writes it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from sec_desktop.domain.action_enums import ActionStatus, RecoveryStatus, TakenUp, TellingChannel
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault.vault import Unlock, Vault
from tests.services.reference_checks import assert_saved_by_final_schema

DATA = Path(__file__).resolve().parents[1] / "data"
REFERENCE = DATA / "reference-v0.5.0.secvault"
RECOVERY_KEY = (DATA / "reference-v0.5.0.recovery-key.txt").read_text(encoding="utf-8").strip()
PASSPHRASE = "reference vault passphrase 2026"
TODAY = date(2026, 12, 5)


@pytest.fixture
def services(tmp_path: Path) -> Iterator[RecordServices]:
    path = tmp_path / REFERENCE.name
    shutil.copyfile(REFERENCE, path)
    vault = Vault.open(path, Unlock(passphrase=PASSPHRASE))
    yield RecordServices.over(vault, today=lambda: TODAY)
    vault.close()


def test_the_actions_and_who_was_told_read_back(services: RecordServices) -> None:
    rows = services.actions.rows()
    assert sorted(r.status for r in rows) == sorted([ActionStatus.DONE, ActionStatus.PROPOSED])
    done = next(r for r in rows if r.status is ActionStatus.DONE)
    record = services.actions.record(done.id)
    assert record.outcome == "Synthetic: the new letter is used."
    assert len(record.feedback) == 2 and len(record.updates) == 1
    told = services.actions.who_to_tell(done.id)
    assert told.anonymous_items == 1
    (alex,) = told.people
    assert alex.code == "S-0001" and alex.told is not None
    assert alex.told.channel is TellingChannel.PHONE and not alex.overdue


def test_the_recovery_case_training_and_development_read_back(
    services: RecordServices,
) -> None:
    (case,) = services.recovery.rows()
    assert (case.survivor, case.status, case.days_open) == ("IDVA-0042", RecoveryStatus.CLOSED, 10)
    assert case.survivor_told and case.partner_told
    assert len(services.recovery.record(case.id).steps) == 1
    (material,) = services.training.lapsed_materials()
    assert material.participant_code == "S-0001" and not material.consent_current
    assert len(services.training.sessions()) == 1
    found = services.roster.find_by_code("S-0001")
    assert found is not None
    (offer,) = services.development.for_participant(found.id)
    assert offer.taken_up is TakenUp.TAKEN_UP


def test_it_was_saved_by_the_final_schema_0005() -> None:
    assert_saved_by_final_schema(REFERENCE, RECOVERY_KEY, "0005")
