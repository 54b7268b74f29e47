"""One process at a time per vault, across real processes, and stale locks after a crash."""

from __future__ import annotations

import os
import platform
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sec_desktop.vault import lock as lock_module
from sec_desktop.vault.errors import EXIT_IN_USE, SaveFailed, VaultInUse
from sec_desktop.vault.lock import (
    IN_USE_BY,
    LockHolder,
    VaultLock,
    in_use_error,
    info_path_for,
    lock_path_for,
    read_holder,
)

HOLDER = """
import sys
from pathlib import Path
from sec_desktop.vault.lock import VaultLock

lock = VaultLock(Path(sys.argv[1]))
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
"""


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return tmp_path / "vaults" / "case.secvault"


@pytest.fixture
def holder(vault: Path) -> Iterator[subprocess.Popen[str]]:
    """A second process that holds the vault's lock until told to let go."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(vault)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "held"
    try:
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=10)


def test_acquire_records_the_holder_and_release_removes_it(vault: Path) -> None:
    lock = VaultLock(vault)
    lock.acquire()
    try:
        assert lock.is_held
        assert not lock.stale_lock_found
        assert lock.stale_holder is None
        holder = read_holder(vault)
        assert holder is not None
        assert holder.pid == os.getpid()
        assert holder.host == platform.node()
        assert holder.started_at.tzinfo is not None
        assert abs((datetime.now(UTC) - holder.started_at).total_seconds()) < 60
        assert lock_path_for(vault).name == "case.secvault.lock"
    finally:
        lock.release()
    assert not lock.is_held
    assert not info_path_for(vault).exists()
    lock.release()  # a second release does nothing


def test_the_lock_works_as_a_context_manager(vault: Path) -> None:
    with VaultLock(vault) as lock:
        assert lock.is_held
        with pytest.raises(VaultInUse):
            VaultLock(vault).acquire()
    assert not lock.is_held
    with VaultLock(vault):
        pass


def test_a_second_lock_in_the_same_process_is_refused(vault: Path) -> None:
    with VaultLock(vault), pytest.raises(VaultInUse) as caught:
        VaultLock(vault).acquire()
    assert caught.value.exit_code == EXIT_IN_USE
    assert caught.value.values["pid"] == os.getpid()
    assert str(os.getpid()) in str(caught.value)


def test_a_lock_is_not_reentrant(vault: Path) -> None:
    with VaultLock(vault) as lock, pytest.raises(RuntimeError):
        lock.acquire()


def test_different_vaults_in_one_folder_do_not_conflict(vault: Path) -> None:
    with VaultLock(vault), VaultLock(vault.with_name("other.secvault")):
        pass


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_lock_files_are_owner_only(vault: Path) -> None:
    with VaultLock(vault):
        assert stat.S_IMODE(lock_path_for(vault).stat().st_mode) == 0o600
        assert stat.S_IMODE(info_path_for(vault).stat().st_mode) == 0o600
        assert stat.S_IMODE(vault.parent.stat().st_mode) == 0o700


def test_info_left_behind_means_a_stale_lock(vault: Path) -> None:
    crashed = LockHolder(
        pid=4242, host="desk-17", started_at=datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    )
    vault.parent.mkdir(parents=True)
    info_path_for(vault).write_bytes(crashed.to_json())
    lock_path_for(vault).write_bytes(b"")
    partial_info = vault.parent / ".case.secvault.lock.info.tmp-0a1b"
    partial_info.write_bytes(b'{"pid": 42')
    with VaultLock(vault) as lock:
        assert lock.stale_lock_found
        assert lock.stale_holder == crashed
        now_holder = read_holder(vault)
        assert now_holder is not None
        assert now_holder.pid == os.getpid()
        assert not partial_info.exists()
    with VaultLock(vault) as again:
        assert not again.stale_lock_found


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json",
        b'{"pid": "1", "host": "h", "started_at": "2025-01-01T00:00:00+00:00"}',
        b'{"pid": 1, "host": "h", "started_at": "2025-01-01T00:00:00"}',
        b'{"pid": 1, "host": "h"}',
        b"[]",
        b"\xff\xfe",
        b"[" * 100_000,
    ],
)
def test_an_unreadable_info_file_is_still_a_stale_lock(vault: Path, content: bytes) -> None:
    vault.parent.mkdir(parents=True)
    info_path_for(vault).write_bytes(content)
    with VaultLock(vault) as lock:
        assert lock.stale_lock_found
        assert lock.stale_holder is None


def test_the_vault_opens_even_if_the_info_cannot_be_written(
    vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, data: bytes) -> None:
        raise SaveFailed(reason="r", advice="a")

    monkeypatch.setattr(lock_module, "write_atomically", refuse)
    with VaultLock(vault) as lock:
        assert lock.is_held
        assert read_holder(vault) is None
        with pytest.raises(VaultInUse) as caught:
            VaultLock(vault).acquire()
        assert caught.value.message == VaultInUse.default_message


def test_the_in_use_message_names_the_holder_when_known() -> None:
    holder = LockHolder(pid=77, host="desk-3", started_at=datetime(2025, 5, 4, 8, 0, tzinfo=UTC))
    error = in_use_error(holder)
    assert error.message == IN_USE_BY
    assert "77" in str(error)
    assert "desk-3" in str(error)
    assert "2025-05-04 08:00:00" in str(error)
    assert in_use_error(None).message == VaultInUse.default_message


# --- across real processes -------------------------------------------------------------


def test_another_process_holding_the_vault_is_named(
    vault: Path, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(VaultInUse) as caught:
        VaultLock(vault).acquire()
    assert caught.value.values["pid"] == holder.pid
    assert str(holder.pid) in str(caught.value)


def test_a_vault_released_by_another_process_is_not_stale(
    vault: Path, holder: subprocess.Popen[str]
) -> None:
    out, _ = holder.communicate("\n", timeout=10)
    assert out.strip() == "released"
    assert holder.returncode == 0
    with VaultLock(vault) as lock:
        assert not lock.stale_lock_found


def test_a_holder_killed_with_sigkill_leaves_a_stale_lock_that_is_taken_over(
    vault: Path, holder: subprocess.Popen[str]
) -> None:
    holder.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
    holder.wait(timeout=10)
    assert info_path_for(vault).exists()
    with VaultLock(vault) as lock:
        assert lock.stale_lock_found
        assert lock.stale_holder is not None
        assert lock.stale_holder.pid == holder.pid
    with VaultLock(vault) as again:
        assert not again.stale_lock_found
