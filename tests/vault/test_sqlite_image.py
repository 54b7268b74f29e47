"""The database's own buffer, lent for a save and filled at open: the same bytes as
SQLite's serialize, no whole copy in Python's memory, and the copying way still works
where the C interface cannot be reached."""

from __future__ import annotations

import sqlite3
import tracemalloc
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from sec_desktop.vault import sqlite_image
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.database import Database
from sec_desktop.vault.errors import VaultDamaged
from tests.vault.conftest import MadeVault

ROW = "r" * 2000


def fill_rows(database: Database, rows: int) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)"))
        connection.execute(text("INSERT INTO filler (body) VALUES (:b)"), [{"b": ROW}] * rows)


@pytest.fixture
def database() -> Iterator[Database]:
    made = Database()
    yield made
    made.close()


def test_the_lent_buffer_is_the_serialised_database(database: Database) -> None:
    fill_rows(database, 500)
    with database.image_view() as lent:
        # Lent in place where SQLite's C interface is reachable (Linux), copied elsewhere.
        assert isinstance(lent, memoryview) == sqlite_image.available()
        assert bytes(lent) == database.image()
        if isinstance(lent, memoryview):
            assert lent.readonly


def test_a_view_kept_after_its_block_can_no_longer_be_read(database: Database) -> None:
    fill_rows(database, 10)
    with sqlite_image.view(database._connection) as lent:
        kept = lent
    if kept is not None:  # where there is a view to lend
        with pytest.raises(ValueError, match="released"):
            bytes(kept)


def test_the_buffer_follows_the_database_as_it_grows(database: Database) -> None:
    fill_rows(database, 10)
    with database.image_view() as before:
        size_before = len(before)
    with database.engine.begin() as connection:
        connection.execute(text("INSERT INTO filler (body) VALUES (:b)"), [{"b": ROW}] * 400)
    with database.image_view() as after:
        assert len(after) > size_before
        assert bytes(after) == database.image()


def test_a_filled_database_holds_the_same_records(database: Database) -> None:
    fill_rows(database, 50)
    image = database.image()
    loaded = Database(size=len(image), fill=lambda target: target.__setitem__(slice(None), image))
    try:
        with loaded.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM filler")).scalar_one() == 50
    finally:
        loaded.close()


def test_a_failed_fill_loads_nothing() -> None:
    def refuse(target: memoryview) -> None:
        target[:4] = b"SQLi"
        raise VaultDamaged()

    with pytest.raises(VaultDamaged):
        Database(size=8192, fill=refuse)


def test_bytes_that_are_not_a_database_are_damage() -> None:
    with pytest.raises(VaultDamaged):
        Database(size=8192, fill=lambda target: target.__setitem__(slice(None), b"\1" * 8192))


def test_without_the_c_interface_the_copying_way_works(
    monkeypatch: pytest.MonkeyPatch, made_vault: MadeVault
) -> None:
    monkeypatch.setattr(sqlite_image, "_library", lambda: None)
    assert not sqlite_image.available()
    vault = made_vault.open()
    with vault.transaction() as connection:
        connection.execute(text("CREATE TABLE note (body TEXT)"))
        connection.execute(text("INSERT INTO note VALUES ('kept')"))
    vault.close()
    vault = made_vault.open()
    try:
        with vault.engine.connect() as connection:
            assert connection.execute(text("SELECT body FROM note")).scalar_one() == "kept"
    finally:
        vault.close()


def test_saving_and_opening_make_no_whole_copy_of_the_records(made_vault: MadeVault) -> None:
    vault = made_vault.open()
    with vault.transaction() as connection:
        connection.execute(text("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)"))
        connection.execute(text("INSERT INTO filler (body) VALUES (:b)"), [{"b": ROW}] * 8000)
    size = made_vault.path.stat().st_size
    assert size > 16_000_000
    tracemalloc.start()
    try:
        vault.record(AuditEvent.VAULT_OPENED)
        _current, saving_peak = tracemalloc.get_traced_memory()
        vault.close()
        tracemalloc.reset_peak()
        vault = made_vault.open()
        _current, opening_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        vault.close()
    # A few 1 MiB buffers at most; a whole copy would be the size of the file.
    assert saving_peak < size / 2
    assert opening_peak < size / 2


def test_old_backups_go_after_the_save_and_before_close(made_vault: MadeVault) -> None:
    from sec_desktop.vault.backups import RetentionPolicy, list_backups

    vault = made_vault.open()
    vault.retention = RetentionPolicy(keep_last=2, daily_days=0)
    for _ in range(6):
        vault.record(AuditEvent.VAULT_OPENED)
    vault.close()  # waits for the pruning
    assert len(list_backups(made_vault.path)) == 2


def test_a_closed_connection_is_not_lent() -> None:
    connection = sqlite3.connect(":memory:")
    connection.close()
    with pytest.raises(sqlite3.ProgrammingError), sqlite_image.view(connection):
        pass


def test_a_plain_memory_database_lends_nothing() -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (x)")
    with sqlite_image.view(connection) as lent:
        assert lent is None
    connection.close()
