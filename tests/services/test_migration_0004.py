"""Migration 0004 on a vault saved by 0.3.0 (schema 0003): it upgrades, audited once; its
tables (risk assessments, wellbeing checks, the coordinator's log) are there and empty;
the upgraded schema is exactly what the models declare; every row 0.3.0 saved is still
there, unchanged; and the search index still follows feedback (0004 adds no trigger)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sec_desktop.vault.vault import Vault
from tests.services import upgrade_checks as check

SAVED = check.SavedVault(
    version="0.3.0",
    revision="0003",
    new_tables=frozenset(
        {"risk_assessment", "wellbeing_check", "coordinator_check_in", "supervision_session"}
    ),
    kept_tables=frozenset({"participant", "engagement", "feedback_item", "disclosure"}),
)


@pytest.fixture
def upgraded(tmp_path: Path) -> Iterator[Vault]:
    vault = SAVED.open_copy(tmp_path)
    yield vault
    vault.close()


def test_the_vault_saved_by_0_3_0_is_at_0003_and_is_upgraded_to_head(upgraded: Vault) -> None:
    check.check_upgraded_to_head(SAVED, upgraded)


def test_the_new_tables_are_there_and_empty(upgraded: Vault) -> None:
    check.check_new_tables_empty(SAVED, upgraded)


def test_the_upgraded_schema_is_exactly_what_the_models_declare(upgraded: Vault) -> None:
    check.check_schema_is_the_models(upgraded)


def test_every_row_0_3_0_saved_is_still_there_unchanged(upgraded: Vault) -> None:
    check.check_rows_unchanged(SAVED, upgraded)


def test_the_search_index_still_follows_feedback(upgraded: Vault) -> None:
    check.check_search_follows_feedback(upgraded)
