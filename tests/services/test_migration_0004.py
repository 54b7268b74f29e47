"""Migration 0004 on a vault saved by 0.3.0 (schema 0003): it upgrades, audited once; its
tables (risk assessments, wellbeing checks, the coordinator's log) are there and empty;
the upgraded schema is exactly what the models declare; every row 0.3.0 saved is still
there, unchanged; and the search index still follows feedback (0004 adds no trigger)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from sec_desktop.domain.models import Base
from sec_desktop.vault import audit, schema
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Unlock, Vault
from tests.services.test_migration_0002 import differences, not_declared
from tests.services.test_migration_0003 import rows_of, saved_image

DATA = Path(__file__).resolve().parents[1] / "data"
REFERENCE = DATA / "reference-v0.3.0.secvault"
RECOVERY_KEY = (DATA / "reference-v0.3.0.recovery-key.txt").read_text(encoding="utf-8").strip()
TODAY = date(2026, 12, 5)
NEW_TABLES = {"risk_assessment", "wellbeing_check", "coordinator_check_in", "supervision_session"}
# Kept by the vault (the audit chain grows with the upgrade) or by Alembic.
CHANGED_BY_OPENING = {"audit_log", "alembic_version"}


@pytest.fixture
def reference_path(tmp_path: Path) -> Path:
    path = tmp_path / "vault" / REFERENCE.name
    path.parent.mkdir()
    shutil.copyfile(REFERENCE, path)
    return path


@pytest.fixture
def upgraded(reference_path: Path) -> Iterator[Vault]:
    vault = Vault.open(reference_path, Unlock(recovery_key=RECOVERY_KEY))
    yield vault
    vault.close()


def test_the_vault_saved_by_0_3_0_is_at_0003_and_is_upgraded_to_head(upgraded: Vault) -> None:
    saved = saved_image(REFERENCE, RECOVERY_KEY)
    assert saved.execute("SELECT version_num FROM alembic_version").fetchall() == [("0003",)]
    saved.close()
    assert schema.current_revision(upgraded.engine) == schema.head_revision()
    with upgraded.engine.connect() as connection:
        upgrades = [
            r.detail for r in audit.rows(connection) if r.event == AuditEvent.SCHEMA_UPGRADED.value
        ]
    assert upgrades[-1] == f"from 0003 to {schema.head_revision()}"


def test_the_new_tables_are_there_and_empty(upgraded: Vault) -> None:
    tables = set(inspect(upgraded.engine).get_table_names())
    assert tables >= NEW_TABLES
    declared = {t for t in tables if not not_declared(t)} - {"alembic_version"}
    assert declared == set(Base.metadata.tables)
    with upgraded.engine.connect() as connection:
        for table in sorted(NEW_TABLES):
            count = connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()  # noqa: S608
            assert count == 0, table


def test_the_upgraded_schema_is_exactly_what_the_models_declare(upgraded: Vault) -> None:
    assert differences(upgraded, Base.metadata) == []


def test_every_row_0_3_0_saved_is_still_there_unchanged(upgraded: Vault) -> None:
    saved = saved_image(REFERENCE, RECOVERY_KEY)
    tables = [
        name
        for (name,) in saved.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        # The search index's own shadow tables are compared through what it finds.
        if name not in CHANGED_BY_OPENING and not name.startswith("search_index")
    ]
    assert {"participant", "engagement", "feedback_item", "disclosure"} <= set(tables)
    with upgraded.engine.connect() as connection:
        for table in tables:
            assert rows_of(connection, table) == rows_of(saved, table), table
        before = rows_of(saved, "audit_log")
        assert rows_of(connection, "audit_log")[: len(before)] == before
    saved.close()


def test_the_search_index_still_follows_feedback(upgraded: Vault) -> None:
    with upgraded.engine.connect() as connection:
        found = connection.execute(
            text("SELECT count(*) FROM search_index WHERE search_index MATCH 'zzyzxunique'")
        ).scalar_one()
    assert found == 0
    with upgraded.transaction() as connection:
        connection.execute(
            text(
                "INSERT INTO feedback_item (source, received_on, summary, quote, "
                "quote_permission, created_at, updated_at) VALUES ('anonymous survivor', "
                "'2026-12-01', 'zzyzxunique words', '', 0, '2026-12-01', '2026-12-01')"
            )
        )
    with upgraded.engine.connect() as connection:
        found = connection.execute(
            text("SELECT count(*) FROM search_index WHERE search_index MATCH 'zzyzxunique'")
        ).scalar_one()
    assert found == 1
