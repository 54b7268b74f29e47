"""The decrypted database: SQLite in memory, behind SQLAlchemy, never on disk.

SQLite is handed bytes only after they have been decrypted and authenticated, so it never
parses anything an attacker could have shaped. `temp_store=MEMORY` matters: without it,
SQLite spills large sorts to plaintext temporary files even for an in-memory database.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from sec_desktop.vault.errors import VaultDamaged

_PRAGMAS = (
    "PRAGMA temp_store = MEMORY",
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
    # An in-memory database keeps its rollback journal in memory too; say so plainly.
    "PRAGMA journal_mode = MEMORY",
)


class Database:
    """One in-memory SQLite connection, shared by SQLAlchemy through a static pool."""

    def __init__(self, image: bytes | None = None) -> None:
        self._connection = sqlite3.connect(":memory:", check_same_thread=False)
        if image is not None:
            self._load(image)
        self._apply_pragmas()
        self.engine: Engine = create_engine(
            "sqlite://", creator=lambda: self._connection, poolclass=StaticPool
        )
        # SQLAlchemy's pysqlite dialect otherwise leaves BEGIN to the driver, which
        # would not start a transaction before a SELECT; explicit is predictable.
        event.listen(self.engine, "connect", _no_implicit_transactions)
        event.listen(self.engine, "begin", _begin)

    def _load(self, image: bytes) -> None:
        try:
            self._connection.deserialize(image)
            result = self._connection.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as error:
            raise VaultDamaged() from error
        if result is None or result[0] != "ok":
            raise VaultDamaged()

    def _apply_pragmas(self) -> None:
        for pragma in _PRAGMAS:
            self._connection.execute(pragma)

    def image(self) -> bytes:
        """The whole database as bytes, for encryption. Plaintext: never write it out."""
        return self._connection.serialize()

    def integrity_check(self) -> list[str]:
        rows = self._connection.execute("PRAGMA integrity_check").fetchall()
        return [str(row[0]) for row in rows if row[0] != "ok"]

    def close(self) -> None:
        self.engine.dispose()
        self._connection.close()


def _no_implicit_transactions(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None


def _begin(connection: object) -> None:
    connection.exec_driver_sql("BEGIN")  # type: ignore[attr-defined]
