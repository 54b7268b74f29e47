"""The checks every schema upgrade gets, on the reference vault the previous version saved:
it is at its own revision and is upgraded to head, audited; the new tables are there and
empty; the upgraded schema is what the models declare; every row it saved is unchanged;
and the full-text index still follows feedback. Each `test_migration_NNNN.py` names its
saved vault and its new tables and runs these."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, text

from sec_desktop.domain.models import Base
from sec_desktop.vault import audit, schema
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Unlock, Vault
from tests.services.test_migration_0002 import differences, not_declared
from tests.services.test_migration_0003 import rows_of, saved_image

DATA = Path(__file__).resolve().parents[1] / "data"
# Kept by the vault (the audit chain grows with the upgrade) or by Alembic.
CHANGED_BY_OPENING = {"audit_log", "alembic_version"}


@dataclass(frozen=True)
class SavedVault:
    version: str  # "0.4.0": reference-v0.4.0.secvault and its recovery key
    revision: str  # the schema it was saved at
    new_tables: frozenset[str]  # what the upgrade adds
    kept_tables: frozenset[str]  # some tables it saved, to be sure rows were compared

    @property
    def path(self) -> Path:
        return DATA / f"reference-v{self.version}.secvault"

    @property
    def recovery_key(self) -> str:
        key = DATA / f"reference-v{self.version}.recovery-key.txt"
        return key.read_text(encoding="utf-8").strip()

    def open_copy(self, folder: Path) -> Vault:
        """A copy in `folder`, opened (and so upgraded) by today's code."""
        copy = folder / self.path.name
        shutil.copyfile(self.path, copy)
        return Vault.open(copy, Unlock(recovery_key=self.recovery_key))


def check_upgraded_to_head(saved: SavedVault, upgraded: Vault) -> None:
    image = saved_image(saved.path, saved.recovery_key)
    assert image.execute("SELECT version_num FROM alembic_version").fetchall() == [
        (saved.revision,)
    ]
    image.close()
    assert schema.current_revision(upgraded.engine) == schema.head_revision()
    with upgraded.engine.connect() as connection:
        upgrades = [
            r.detail for r in audit.rows(connection) if r.event == AuditEvent.SCHEMA_UPGRADED.value
        ]
    assert upgrades[-1] == f"from {saved.revision} to {schema.head_revision()}"


def check_new_tables_empty(saved: SavedVault, upgraded: Vault) -> None:
    tables = set(inspect(upgraded.engine).get_table_names())
    assert tables >= saved.new_tables
    declared = {t for t in tables if not not_declared(t)} - {"alembic_version"}
    assert declared == set(Base.metadata.tables)
    with upgraded.engine.connect() as connection:
        for table in sorted(saved.new_tables):
            count = connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()  # noqa: S608
            assert count == 0, table


def check_schema_is_the_models(upgraded: Vault) -> None:
    assert differences(upgraded, Base.metadata) == []


def check_rows_unchanged(saved: SavedVault, upgraded: Vault) -> None:
    image = saved_image(saved.path, saved.recovery_key)
    tables = [
        name
        for (name,) in image.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        # The search index's own shadow tables are compared through what it finds.
        if name not in CHANGED_BY_OPENING and not name.startswith("search_index")
    ]
    assert saved.kept_tables <= set(tables)
    with upgraded.engine.connect() as connection:
        for table in tables:
            assert rows_of(connection, table) == rows_of(image, table), table
        before = rows_of(image, "audit_log")
        assert rows_of(connection, "audit_log")[: len(before)] == before
    image.close()


def check_search_follows_feedback(upgraded: Vault) -> None:
    query = text("SELECT count(*) FROM search_index WHERE search_index MATCH 'zzyzxunique'")
    with upgraded.engine.connect() as connection:
        assert connection.execute(query).scalar_one() == 0
    with upgraded.transaction() as connection:
        connection.execute(
            text(
                "INSERT INTO feedback_item (source, received_on, summary, quote, "
                "quote_permission, created_at, updated_at) VALUES ('anonymous survivor', "
                "'2026-12-01', 'zzyzxunique words', '', 0, '2026-12-01', '2026-12-01')"
            )
        )
    with upgraded.engine.connect() as connection:
        assert connection.execute(query).scalar_one() == 1
