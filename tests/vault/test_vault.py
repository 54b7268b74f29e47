"""The vault as a whole: create, open, save, keys, restore, audit, failures."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from sec_desktop.vault import audit
from sec_desktop.vault.backups import list_backups
from sec_desktop.vault.errors import (
    BackupNotReadable,
    InvalidRecoveryKey,
    NoGoodBackup,
    NoVaultThere,
    SaveFailed,
    VaultExists,
    VaultInUse,
    WrongPassphrase,
    WrongRecoveryKey,
)
from sec_desktop.vault.from_backup import open_newest_good_backup
from sec_desktop.vault.vault import Unlock, Vault, check_file
from tests.vault.conftest import FLOOR, PASSPHRASE, MadeVault


def _add_note(vault: Vault, note: str) -> None:
    with vault.transaction() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS note (body TEXT)"))
        connection.execute(text("INSERT INTO note VALUES (:b)"), {"b": note})


def _notes(vault: Vault) -> list[str]:
    with vault.engine.connect() as connection:
        return [row[0] for row in connection.execute(text("SELECT body FROM note ORDER BY rowid"))]


def test_a_new_vault_opens_with_its_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "v.secvault"
    vault, recovery_key = Vault.create(path, PASSPHRASE, kdf_params=FLOOR)
    _add_note(vault, "first")
    vault.close()
    assert len(recovery_key.replace("-", "")) >= 32
    reopened = Vault.open(path, Unlock(passphrase=PASSPHRASE))
    try:
        assert _notes(reopened) == ["first"]
        assert not reopened.must_change_passphrase
    finally:
        reopened.close()


def test_create_refuses_to_overwrite(made_vault: MadeVault) -> None:
    before = made_vault.path.read_bytes()
    with pytest.raises(VaultExists):
        Vault.create(made_vault.path, PASSPHRASE, kdf_params=FLOOR)
    assert made_vault.path.read_bytes() == before


def test_wrong_passphrase(made_vault: MadeVault) -> None:
    with pytest.raises(WrongPassphrase):
        Vault.open(made_vault.path, Unlock(passphrase=PASSPHRASE + "x"))
    made_vault.open().close()  # the failed attempt left no lock behind


def test_recovery_key_typo_and_wrong_key(made_vault: MadeVault, tmp_path: Path) -> None:
    typo = made_vault.recovery_key.replace(
        made_vault.recovery_key[0], "Q" if made_vault.recovery_key[0] != "Q" else "R", 1
    )
    with pytest.raises(InvalidRecoveryKey):
        Vault.open(made_vault.path, Unlock(recovery_key=typo))
    other, other_key = Vault.create(tmp_path / "other.secvault", PASSPHRASE, kdf_params=FLOOR)
    other.close()
    with pytest.raises(WrongRecoveryKey):
        Vault.open(made_vault.path, Unlock(recovery_key=other_key))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NoVaultThere):
        Vault.open(tmp_path / "nothing.secvault", Unlock(passphrase=PASSPHRASE))


def test_the_recovery_key_forces_a_new_passphrase(made_vault: MadeVault) -> None:
    vault = made_vault.open()
    try:
        assert vault.must_change_passphrase
        vault.change_passphrase("new orbit lantern cobalt meadow")
        assert not vault.must_change_passphrase
    finally:
        vault.close()
    with pytest.raises(WrongPassphrase):
        Vault.open(made_vault.path, Unlock(passphrase=PASSPHRASE))
    Vault.open(made_vault.path, Unlock(passphrase="new orbit lantern cobalt meadow")).close()
    made_vault.open().close()  # the recovery key still works: only one slot was rewrapped


def test_rekey_replaces_the_recovery_key_and_keeps_the_records(made_vault: MadeVault) -> None:
    vault = made_vault.open()
    _add_note(vault, "kept through the re-key")
    new_key = vault.rekey(PASSPHRASE)
    vault.close()
    assert new_key != made_vault.recovery_key
    with pytest.raises(WrongRecoveryKey):
        made_vault.open()
    reopened = Vault.open(made_vault.path, Unlock(recovery_key=new_key))
    try:
        assert _notes(reopened) == ["kept through the re-key"]
        events = [row.event for row in _audit_rows(reopened)]
        assert audit.AuditEvent.REKEYED.value in events
    finally:
        reopened.close()
    check = check_file(made_vault.path, Unlock(passphrase=PASSPHRASE))
    assert check.ok, check


def _audit_rows(vault: Vault) -> list[audit.AuditRow]:
    with vault.engine.connect() as connection:
        return audit.rows(connection)


def test_a_second_open_of_the_same_vault_is_refused(made_vault: MadeVault) -> None:
    vault = made_vault.open()
    try:
        with pytest.raises(VaultInUse):
            made_vault.open()
    finally:
        vault.close()
    made_vault.open().close()


def test_each_save_keeps_the_previous_file_as_a_backup(made_vault: MadeVault) -> None:
    vault = made_vault.open()
    try:
        start = vault.generation
        for index in range(3):
            _add_note(vault, f"note {index}")
        assert vault.generation == start + 3
        generations = [b.generation for b in list_backups(made_vault.path)]
        assert generations[:3] == [start + 2, start + 1, start]
        newest = list_backups(made_vault.path)[0].path
        result = vault.verify_backup(newest)
        assert result.ok and result.generation == start + 2
    finally:
        vault.close()


def test_restore_brings_back_the_records_and_is_audited(made_vault: MadeVault) -> None:
    vault = made_vault.open()
    try:
        _add_note(vault, "before")
        backup_with_one_note = None
        _add_note(vault, "after")
        backup_with_one_note = list_backups(made_vault.path)[0].path
        generation_before = vault.generation
        vault.restore(backup_with_one_note)
        assert _notes(vault) == ["before"]
        assert vault.generation == generation_before + 1
        assert _audit_rows(vault)[-1].event == audit.AuditEvent.BACKUP_RESTORED.value
        # The file replaced by the restore is itself kept.
        assert list_backups(made_vault.path)[0].generation == generation_before
    finally:
        vault.close()
    reopened = made_vault.open()
    try:
        assert _notes(reopened) == ["before"]
    finally:
        reopened.close()


def test_a_backup_from_another_vault_is_refused(made_vault: MadeVault, tmp_path: Path) -> None:
    other, _ = Vault.create(tmp_path / "other.secvault", PASSPHRASE, kdf_params=FLOOR)
    other.close()
    vault = made_vault.open()
    try:
        with pytest.raises(BackupNotReadable):
            vault.restore(tmp_path / "other.secvault")
        with pytest.raises(BackupNotReadable):
            vault.verify_backup(tmp_path / "other.secvault")
    finally:
        vault.close()


def test_the_audit_log_refuses_changes(made_vault: MadeVault) -> None:
    vault = made_vault.open()
    try:
        for statement in ("UPDATE audit_log SET event = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(Exception, match="append-only"), vault.engine.begin() as c:
                c.execute(text(statement))
        assert len(_audit_rows(vault)) >= 2
    finally:
        vault.close()


def test_verify_names_the_first_broken_audit_row(made_vault: MadeVault) -> None:
    vault = made_vault.open()
    try:
        for _ in range(3):
            vault.record(audit.AuditEvent.VAULT_OPENED)
        with vault.transaction() as connection:
            connection.execute(text("DROP TRIGGER audit_log_no_update"))
            connection.execute(text("UPDATE audit_log SET detail = 'edited' WHERE id = 3"))
    finally:
        vault.close()
    result = check_file(made_vault.path, Unlock(recovery_key=made_vault.recovery_key))
    assert result.audit_broken_row == 3
    assert not result.ok


def test_a_failed_save_keeps_the_change_and_the_old_file(
    made_vault: MadeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = made_vault.open()
    try:
        _add_note(vault, "saved")
        on_disk = made_vault.path.read_bytes()
        real_replace = os.replace

        def disk_full(src: object, dst: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "replace", disk_full)
        with pytest.raises(SaveFailed) as failure:
            _add_note(vault, "kept in memory")
        assert "disk is full" in failure.value.english()
        assert made_vault.path.read_bytes() == on_disk
        assert vault.unsaved_changes
        assert _notes(vault) == ["saved", "kept in memory"]
        monkeypatch.setattr(os, "replace", real_replace)
        vault.save()  # the retry
        assert not vault.unsaved_changes
    finally:
        vault.close()
    reopened = made_vault.open()
    try:
        assert _notes(reopened) == ["saved", "kept in memory"]
    finally:
        reopened.close()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(
            st.text(max_size=50),
            st.integers(-(2**63), 2**63 - 1),
            st.binary(max_size=64),
            st.floats(allow_nan=False),
        ),
        max_size=30,
    )
)
def test_any_content_survives_save_and_open(
    made_vault: MadeVault, rows: list[tuple[str, int, bytes, float]]
) -> None:
    vault = made_vault.open()
    try:
        with vault.transaction() as connection:
            connection.execute(text("DROP TABLE IF EXISTS sample"))
            connection.execute(text("CREATE TABLE sample (t TEXT, i INTEGER, b BLOB, f REAL)"))
            for row in rows:
                connection.execute(
                    text("INSERT INTO sample VALUES (:t, :i, :b, :f)"),
                    {"t": row[0], "i": row[1], "b": row[2], "f": row[3]},
                )
        before = _dump(vault)
    finally:
        vault.close()
    reopened = made_vault.open()
    try:
        assert _dump(reopened) == before
    finally:
        reopened.close()


def _dump(vault: Vault) -> list[str]:
    # iterdump of the raw connection: every table, row and trigger, audit rows excepted
    # (opening adds one).
    raw = vault.engine.raw_connection()
    try:
        return [
            line
            for line in raw.driver_connection.iterdump()  # type: ignore[union-attr]
            if "audit_log" not in line or "CREATE" in line
        ]
    finally:
        raw.close()


def test_a_damaged_vault_opens_from_its_newest_good_backup(made_vault: MadeVault) -> None:
    vault = made_vault.open()
    _add_note(vault, "in the backup")
    _add_note(vault, "only in the damaged file")
    vault.close()
    damaged = bytearray(made_vault.path.read_bytes())
    damaged[-20] ^= 0xFF
    made_vault.path.write_bytes(bytes(damaged))
    unlock = Unlock(recovery_key=made_vault.recovery_key)
    reopened, backup = open_newest_good_backup(made_vault.path, unlock)
    try:
        assert "in the backup" in _notes(reopened)
        assert _audit_rows(reopened)[-1].event == audit.AuditEvent.BACKUP_RESTORED.value
    finally:
        reopened.close()
    aside = list(made_vault.path.parent.glob("records.secvault.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == bytes(damaged)
    assert backup.generation >= 1


def test_no_good_backup_changes_nothing(made_vault: MadeVault) -> None:
    before = made_vault.path.read_bytes()
    with pytest.raises(NoGoodBackup):
        open_newest_good_backup(made_vault.path, Unlock(passphrase="not the passphrase"))
    assert made_vault.path.read_bytes() == before
    assert not list(made_vault.path.parent.glob("*.damaged-*"))
