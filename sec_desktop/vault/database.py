"""The decrypted database: SQLite in memory, behind SQLAlchemy, never on disk.

SQLite is handed bytes only after they have been decrypted and authenticated, so it never
parses anything an attacker could have shaped. `temp_store=MEMORY` matters: without it,
SQLite spills large sorts to plaintext temporary files even for an in-memory database.
The database lives in SQLite's "memdb" (one buffer in memory, as `deserialize` makes), so
that a save can encrypt that buffer in place (see `sqlite_image`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from sec_desktop.vault import sqlite_image
from sec_desktop.vault.errors import VaultDamaged

# A private (unshared: no leading "/") in-memory database of SQLite's memdb VFS.
_MEMDB = "file:sec-desktop?vfs=memdb"
Fill = Callable[[memoryview], None]

_PRAGMAS = (
    "PRAGMA temp_store = MEMORY",
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
    # An in-memory database keeps its rollback journal in memory too; say so plainly.
    "PRAGMA journal_mode = MEMORY",
    # The pages are in memory already: the cache of copies need not be the default 2 MiB.
    "PRAGMA cache_size = -256",
)


class Database:
    """One in-memory SQLite connection, shared by SQLAlchemy through a static pool.

    Empty, or loaded from a decrypted `image`, or from `size` bytes that `fill` writes
    into the database's own buffer (decrypting into it, with no copy in between)."""

    def __init__(
        self, image: bytes | None = None, *, size: int = 0, fill: Fill | None = None
    ) -> None:
        self._connection = sqlite3.connect(_MEMDB, uri=True, check_same_thread=False)
        try:
            if fill is not None:
                self._fill(size, fill)
            elif image is not None:
                self._load(image)
            self._apply_pragmas()
        except BaseException:
            self._connection.close()
            raise
        self.engine: Engine = create_engine(
            "sqlite://", creator=lambda: self._connection, poolclass=StaticPool
        )
        # SQLAlchemy's pysqlite dialect otherwise leaves BEGIN to the driver, which
        # would not start a transaction before a SELECT; explicit is predictable.
        event.listen(self.engine, "connect", _no_implicit_transactions)
        event.listen(self.engine, "begin", _begin)

    def _load(self, image: bytes | bytearray) -> None:
        try:
            self._connection.deserialize(image)
        except sqlite3.DatabaseError as error:
            raise VaultDamaged() from error
        self._quick_check()

    def _fill(self, size: int, fill: Fill) -> None:
        try:
            loaded = sqlite_image.load(self._connection, size, fill)
        except sqlite3.DatabaseError as error:
            raise VaultDamaged() from error
        if loaded:
            self._quick_check()
            return
        buffer = bytearray(size)
        try:
            fill(memoryview(buffer))
            self._load(buffer)
        finally:
            buffer[:] = bytes(size)  # the plaintext copy does not linger

    def _quick_check(self) -> None:
        try:
            result = self._connection.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as error:
            raise VaultDamaged() from error
        if result is None or result[0] != "ok":
            raise VaultDamaged()

    def _apply_pragmas(self) -> None:
        for pragma in _PRAGMAS:
            self._connection.execute(pragma)

    def image(self) -> bytes:
        """The whole database as bytes (a copy). Plaintext: never write it out."""
        return self._connection.serialize()

    @contextmanager
    def image_view(self) -> Iterator[memoryview | bytes]:
        """The whole database's bytes, in place where possible, for encryption.

        Plaintext: never write it out. Hold the vault's save lock for the whole block
        (a write could move the buffer) and do not keep the view after it."""
        with sqlite_image.view(self._connection) as lent:
            yield lent if lent is not None else self._connection.serialize()

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
