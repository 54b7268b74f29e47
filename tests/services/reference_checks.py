"""A check every reference vault gets: it was saved by its version's final schema, that is,
its tables, foreign keys, indexes and triggers are exactly what that revision's
migrations write now (compared as saved, before any upgrade)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sec_desktop.vault import crypto, schema
from sec_desktop.vault.database import Database
from sec_desktop.vault.format import split_file
from sec_desktop.vault.keys import unwrap
from sec_desktop.vault.vault import Unlock


def schema_of(connection: sqlite3.Connection) -> set[tuple[str, str, str]]:
    rows = connection.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
    return {tuple(row) for row in rows}


def assert_saved_by_final_schema(path: Path, recovery_key: str, revision: str) -> None:
    header, header_bytes, body = split_file(path.read_bytes())
    data_key = unwrap(header, Unlock(recovery_key=recovery_key))
    image = crypto.decrypt_body(data_key, header.body_salt, header.body_nonce, header_bytes, body)
    saved = sqlite3.connect(":memory:")
    saved.deserialize(image)
    fresh = Database()
    schema.upgrade(fresh.engine, revision)
    made = sqlite3.connect(":memory:")
    made.deserialize(fresh.image())
    fresh.close()
    try:
        found = saved.execute("SELECT version_num FROM alembic_version").fetchall()
        assert found == [(revision,)]
        assert schema_of(saved) == schema_of(made)
    finally:
        saved.close()
        made.close()
