"""Migration 0005 on a vault saved by 0.4.0 (schema 0004): it upgrades, audited once; its
tables (actions, telling, service recovery, training, development) are there and empty;
the upgraded schema is exactly what the models declare; every row 0.4.0 saved is still
there, unchanged; and the search index still follows feedback (0005 adds no trigger)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sec_desktop.vault.vault import Vault
from tests.services import upgrade_checks as check

SAVED = check.SavedVault(
    version="0.4.0",
    revision="0004",
    new_tables=frozenset(
        {
            "action",
            "action_feedback",
            "action_update",
            "told_record",
            "recovery_case",
            "recovery_step",
            "training_material",
            "training_session",
            "training_material_use",
            "development_opportunity",
        }
    ),
    kept_tables=frozenset({"participant", "feedback_item", "risk_assessment", "wellbeing_check"}),
)


@pytest.fixture
def upgraded(tmp_path: Path) -> Iterator[Vault]:
    vault = SAVED.open_copy(tmp_path)
    yield vault
    vault.close()


def test_the_vault_saved_by_0_4_0_is_at_0004_and_is_upgraded_to_head(upgraded: Vault) -> None:
    check.check_upgraded_to_head(SAVED, upgraded)


def test_the_new_tables_are_there_and_empty(upgraded: Vault) -> None:
    check.check_new_tables_empty(SAVED, upgraded)


def test_the_upgraded_schema_is_exactly_what_the_models_declare(upgraded: Vault) -> None:
    check.check_schema_is_the_models(upgraded)


def test_every_row_0_4_0_saved_is_still_there_unchanged(upgraded: Vault) -> None:
    check.check_rows_unchanged(SAVED, upgraded)


def test_the_search_index_still_follows_feedback(upgraded: Vault) -> None:
    check.check_search_follows_feedback(upgraded)
