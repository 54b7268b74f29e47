"""Durable atomic replacement: failure at every step leaves the old file, a crash never
leaves a partial one."""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sec_desktop.vault import atomic
from sec_desktop.vault.atomic import (
    DEFAULT_RETRY,
    DISK_FULL,
    PERMISSION_REFUSED,
    ReplaceRetry,
    clean_stale_temp_files,
    temp_name_prefix,
    write_atomically,
)
from sec_desktop.vault.errors import EXIT_ERROR, SaveFailed

OLD = b"old vault bytes " * 1000
NEW = b"new vault bytes, with a canary-7f3e in them " * 1000
POSIX = os.name == "posix"

real_open = os.open
real_write = os.write
real_fsync = os.fsync
real_replace = os.replace


class Sleeps:
    """A fake sleep that records what it was asked to wait."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    path = tmp_path / "vaults" / "case.secvault"
    write_atomically(path, OLD)
    return path


def temp_files(path: Path) -> list[str]:
    return sorted(
        p.name for p in path.parent.iterdir() if p.name.startswith(temp_name_prefix(path))
    )


def is_dir_fd(fd: int) -> bool:
    return stat.S_ISDIR(os.fstat(fd).st_mode)


# --- the happy path --------------------------------------------------------------------


def test_creates_then_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "case.secvault"
    write_atomically(path, OLD)
    assert path.read_bytes() == OLD
    write_atomically(path, NEW)
    assert path.read_bytes() == NEW
    write_atomically(path, b"")
    assert path.read_bytes() == b""
    assert temp_files(path) == []


def test_before_replace_sees_the_old_file_and_the_new_bytes_already_on_disk(vault: Path) -> None:
    seen: list[tuple[bytes, list[bytes]]] = []

    def before(path: Path) -> None:
        temps = [(path.parent / name).read_bytes() for name in temp_files(path)]
        seen.append((path.read_bytes(), temps))

    write_atomically(vault, NEW, before_replace=before)
    assert seen == [(OLD, [NEW])]
    assert vault.read_bytes() == NEW


def test_before_replace_is_not_called_when_there_is_no_file_yet(tmp_path: Path) -> None:
    calls: list[Path] = []
    write_atomically(tmp_path / "case.secvault", NEW, before_replace=calls.append)
    assert calls == []


def test_large_data_is_written_in_full(tmp_path: Path) -> None:
    data = os.urandom(3 * 1024 * 1024 + 17)
    path = tmp_path / "case.secvault"
    write_atomically(path, data)
    assert path.read_bytes() == data


@pytest.mark.skipif(not POSIX, reason="POSIX modes")
def test_new_folder_is_private_and_file_is_owner_only(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        path = tmp_path / "made" / "case.secvault"
        write_atomically(path, OLD)
        write_atomically(path, NEW)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.skipif(not POSIX, reason="POSIX modes")
def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "chosen"
    folder.mkdir()
    folder.chmod(0o755)
    write_atomically(folder / "case.secvault", NEW)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755


# --- failure injection at each step ----------------------------------------------------


def fail_open(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def fake(path: str | os.PathLike[str], flags: int, mode: int = 0o777) -> int:
        if ".tmp-" in os.fspath(path):
            raise error
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", fake)


def fail_write(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """The first write goes through in part (as when a disk fills up), the next fails."""
    calls = 0

    def fake(fd: int, data: bytes | memoryview) -> int:
        nonlocal calls
        calls += 1
        if calls == 1:
            return real_write(fd, bytes(data)[: len(data) // 2])
        raise error

    monkeypatch.setattr(os, "write", fake)


def fail_file_fsync(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def fake(fd: int) -> None:
        if not is_dir_fd(fd):
            raise error
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fake)


def fail_replace(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def fake(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        raise error

    monkeypatch.setattr(os, "replace", fake)


def fail_folder_fsync(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def fake(fd: int) -> None:
        if is_dir_fd(fd):
            raise error
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fake)


STEPS: dict[str, Callable[[pytest.MonkeyPatch, BaseException], None]] = {
    "open": fail_open,
    "write": fail_write,
    "fsync": fail_file_fsync,
    "replace": fail_replace,
    "folder-fsync": fail_folder_fsync,
}
ERRORS: dict[str, tuple[Callable[[], BaseException], str]] = {
    "ENOSPC": (lambda: OSError(errno.ENOSPC, "No space left on device"), DISK_FULL),
    "PermissionError": (lambda: PermissionError(errno.EACCES, "Access denied"), PERMISSION_REFUSED),
}
NO_WAIT = ReplaceRetry(attempts=3, sleep=Sleeps())


@pytest.mark.parametrize("error_name", sorted(ERRORS))
@pytest.mark.parametrize("step", sorted(STEPS))
def test_a_failing_step_keeps_the_previous_file(
    vault: Path, monkeypatch: pytest.MonkeyPatch, step: str, error_name: str
) -> None:
    make_error, reason = ERRORS[error_name]
    injected = make_error()
    with monkeypatch.context() as patch:
        STEPS[step](patch, injected)
        with pytest.raises(SaveFailed) as caught:
            write_atomically(vault, NEW, retries=NO_WAIT)
    assert caught.value.values["reason"] == reason
    assert caught.value.__cause__ is injected
    assert caught.value.exit_code == EXIT_ERROR
    assert temp_files(vault) == []
    if step == "folder-fsync":
        # The replace had happened: the file is the complete new one, but not known to
        # be durable, so the caller saves again.
        assert vault.read_bytes() == NEW
    else:
        assert vault.read_bytes() == OLD
    write_atomically(vault, NEW + b"again")
    assert vault.read_bytes() == NEW + b"again"
    assert temp_files(vault) == []


@pytest.mark.parametrize("error_name", sorted(ERRORS))
def test_a_failing_before_replace_keeps_the_previous_file(vault: Path, error_name: str) -> None:
    make_error, reason = ERRORS[error_name]
    injected = make_error()

    def before(path: Path) -> None:
        raise injected

    with pytest.raises(SaveFailed) as caught:
        write_atomically(vault, NEW, before_replace=before)
    assert caught.value.values["reason"] == reason
    assert caught.value.__cause__ is injected
    assert vault.read_bytes() == OLD
    assert temp_files(vault) == []
    write_atomically(vault, NEW, before_replace=lambda path: None)
    assert vault.read_bytes() == NEW


def test_an_unexpected_exception_is_a_save_failure_too(vault: Path) -> None:
    def before(path: Path) -> None:
        raise ValueError("a bug")

    with pytest.raises(SaveFailed) as caught:
        write_atomically(vault, NEW, before_replace=before)
    assert caught.value.values["reason"] == atomic.UNEXPECTED
    assert isinstance(caught.value.__cause__, ValueError)
    assert vault.read_bytes() == OLD
    assert temp_files(vault) == []


def test_a_save_failed_from_before_replace_goes_through_unchanged(vault: Path) -> None:
    mine = SaveFailed(reason="r", advice="a")

    def before(path: Path) -> None:
        raise mine

    with pytest.raises(SaveFailed) as caught:
        write_atomically(vault, NEW, before_replace=before)
    assert caught.value is mine
    assert vault.read_bytes() == OLD


@pytest.mark.parametrize(
    ("error", "reason", "advice"),
    [
        (OSError(errno.ENOSPC, "x"), atomic.DISK_FULL, atomic.DISK_FULL_ADVICE),
        (OSError(getattr(errno, "EDQUOT", errno.ENOSPC), "x"), atomic.DISK_FULL, None),
        (OSError(errno.EACCES, "x"), atomic.PERMISSION_REFUSED, atomic.PERMISSION_ADVICE),
        (OSError(errno.EPERM, "x"), atomic.PERMISSION_REFUSED, None),
        (PermissionError("no errno"), atomic.PERMISSION_REFUSED, None),
        (OSError(errno.EROFS, "x"), atomic.READ_ONLY, atomic.READ_ONLY_ADVICE),
        (OSError(errno.EIO, "x"), atomic.DRIVE_ERROR, atomic.DRIVE_ERROR_ADVICE),
        (OSError(errno.ENOENT, "x"), atomic.FOLDER_MISSING, None),
        (OSError(errno.EMLINK, "x"), atomic.UNEXPECTED, atomic.UNEXPECTED_ADVICE),
        (OSError("no errno at all"), atomic.UNEXPECTED, None),
    ],
)
def test_reason_and_advice_follow_the_errno(
    vault: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, reason: str, advice: str | None
) -> None:
    fail_file_fsync(monkeypatch, error)
    with pytest.raises(SaveFailed) as caught:
        write_atomically(vault, NEW)
    assert caught.value.values["reason"] == reason
    if advice is not None:
        assert caught.value.values["advice"] == advice
    message = str(caught.value)
    assert reason in message
    assert str(caught.value.values["advice"]) in message
    assert vault.read_bytes() == OLD


def test_messages_never_hold_file_contents(vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fail_write(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    with pytest.raises(SaveFailed) as caught:
        write_atomically(vault, NEW)
    texts = [str(caught.value), repr(caught.value), *map(str, caught.value.values.values())]
    assert not any("canary" in text or "vault bytes" in text for text in texts)


# --- the replace retry -----------------------------------------------------------------


def test_a_briefly_held_file_is_replaced_after_retries(
    vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0

    def held_twice(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        nonlocal calls
        calls += 1
        if calls <= 2:
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", held_twice)
    sleeps = Sleeps()
    write_atomically(vault, NEW, retries=ReplaceRetry(sleep=sleeps))
    assert calls == 3
    assert sleeps.waits == [0.05, 0.1]
    assert vault.read_bytes() == NEW
    assert temp_files(vault) == []


def test_a_file_held_for_good_fails_after_bounded_retries(
    vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0

    def always_held(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        nonlocal calls
        calls += 1
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", always_held)
    sleeps = Sleeps()
    retry = ReplaceRetry(sleep=sleeps)
    with pytest.raises(SaveFailed) as caught:
        write_atomically(vault, NEW, retries=retry)
    assert caught.value.values["reason"] == PERMISSION_REFUSED
    assert calls == retry.attempts
    assert len(sleeps.waits) == retry.attempts - 1
    assert 1.5 <= sum(sleeps.waits) <= 2.5
    assert vault.read_bytes() == OLD
    assert temp_files(vault) == []


def test_other_replace_errors_are_not_retried(vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sleeps = Sleeps()
    fail_replace(monkeypatch, OSError(errno.EROFS, "Read-only file system"))
    with pytest.raises(SaveFailed):
        write_atomically(vault, NEW, retries=ReplaceRetry(sleep=sleeps))
    assert sleeps.waits == []


def test_the_default_retry_waits_about_two_seconds() -> None:
    assert 1.5 <= sum(DEFAULT_RETRY.delays()) <= 2.5
    assert max(DEFAULT_RETRY.delays()) <= 0.5


@pytest.mark.parametrize(
    "kwargs",
    [{"attempts": 0}, {"first_delay": -1.0}, {"first_delay": 1.0, "max_delay": 0.5}],
)
def test_a_retry_policy_is_checked(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="ReplaceRetry"):
        ReplaceRetry(**kwargs)  # type: ignore[arg-type]


# --- stale temporary files -------------------------------------------------------------


def test_stale_temp_files_are_cleaned(vault: Path) -> None:
    folder = vault.parent
    for name in (".case.secvault.tmp-0123abcd", ".case.secvault.tmp-ffff"):
        (folder / name).write_bytes(b"partial")
    keep = [".other.secvault.tmp-0000", "case.secvault.tmp-0000", ".case.secvault.lock.info"]
    for name in keep:
        (folder / name).write_bytes(b"not ours")
    (folder / ".case.secvault.tmp-folder").mkdir()
    assert clean_stale_temp_files(vault) == 2
    assert temp_files(vault) == [".case.secvault.tmp-folder"]
    assert all((folder / name).exists() for name in keep)
    assert vault.read_bytes() == OLD
    assert clean_stale_temp_files(vault) == 0


def test_cleaning_a_missing_folder_finds_nothing(tmp_path: Path) -> None:
    assert clean_stale_temp_files(tmp_path / "nowhere" / "case.secvault") == 0


# --- crash: a writer killed at random moments ------------------------------------------

WRITER = """
import hashlib, os, sys
from pathlib import Path
from sec_desktop.vault.atomic import write_atomically

path, generation = Path(sys.argv[1]), int(sys.argv[2])
print("ready", flush=True)
while True:
    generation += 1
    body = generation.to_bytes(8, "big") + os.urandom(20_000 + generation % 7 * 40_000)
    write_atomically(path, hashlib.sha256(body).digest() + body)
"""


def read_generation(path: Path) -> int:
    """The generation in a file the writer made; fails the test if the file is partial."""
    data = path.read_bytes()
    digest, body = data[:32], data[32:]
    # The first file holds the 8-byte generation 0 only: a kill before the writer's first
    # save finds it unchanged, which is right.
    assert len(data) >= 40
    assert hashlib.sha256(body).digest() == digest, "the vault file is partial or mixed"
    return int.from_bytes(body[:8], "big")


def test_a_writer_killed_at_random_moments_never_leaves_a_partial_file(tmp_path: Path) -> None:
    path = tmp_path / "crash" / "case.secvault"
    body = (0).to_bytes(8, "big")
    write_atomically(path, hashlib.sha256(body).digest() + body)
    rng = secrets.SystemRandom()
    generation = 0
    stale = 0
    deadline = time.monotonic() + 20
    for _ in range(30):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(generation)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.05))
        child.kill()
        child.wait(timeout=10)
        child.stdout.close()
        found = read_generation(path)
        assert found >= generation
        generation = found
        stale += clean_stale_temp_files(path)
        assert temp_files(path) == []
        assert time.monotonic() < deadline, "the crash test is too slow"
    assert generation > 0, "the writer never finished a save"
    print(f"crash test: generation {generation}, {stale} temp files left by kills")
