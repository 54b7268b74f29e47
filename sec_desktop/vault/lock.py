"""One process at a time per vault.

The lock is an OS lock (`filelock`: flock on POSIX, LockFileEx on Windows) on
`<vault name>.lock` next to the vault, so the OS drops it when the holder dies, however
it dies. Who holds it (PID, computer, since when) is written to `<vault name>.lock.info`
so that a second copy can say which process has the vault open. The info file is
removed on release; finding it when the lock is free means the last holder crashed
(`stale_lock_found`, for the caller to log).
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import filelock

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.vault.atomic import (
    PRIVATE_FILE_MODE,
    clean_stale_temp_files,
    ensure_folder,
    write_atomically,
)
from sec_desktop.vault.errors import VaultError, VaultInUse

IN_USE_BY = QT_TRANSLATE_NOOP(
    "Vault",
    "The vault is open in another copy of SEC Desktop (process {pid} on the computer "
    "{host}, open since {since}). Close that copy first, then try again.",
)
_INFO_MAX_BYTES = 4096


@dataclass(frozen=True)
class LockHolder:
    """Who holds (or last held) a vault's lock. Facts about a process, never contents."""

    pid: int
    host: str
    started_at: datetime

    @classmethod
    def this_process(cls) -> LockHolder:
        return cls(os.getpid(), platform.node(), datetime.now(UTC).replace(microsecond=0))

    def to_json(self) -> bytes:
        info = {"pid": self.pid, "host": self.host, "started_at": self.started_at.isoformat()}
        return json.dumps(info).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> LockHolder | None:
        """The holder described by `raw`, or None if it is not a well-formed info file."""
        try:
            info = json.loads(raw.decode("utf-8"))
            pid, host, started = info["pid"], info["host"], info["started_at"]
            if not (isinstance(pid, int) and isinstance(host, str) and isinstance(started, str)):
                return None
            started_at = datetime.fromisoformat(started)
        except (ValueError, TypeError, KeyError, RecursionError):
            return None
        if started_at.tzinfo is None:
            return None
        return cls(pid, host, started_at)


def lock_path_for(vault_path: Path) -> Path:
    return vault_path.with_name(f"{vault_path.name}.lock")


def info_path_for(vault_path: Path) -> Path:
    return vault_path.with_name(f"{vault_path.name}.lock.info")


def read_holder(vault_path: Path) -> LockHolder | None:
    """The holder named in the vault's lock info file, if there is a readable one."""
    try:
        with info_path_for(vault_path).open("rb") as handle:
            raw = handle.read(_INFO_MAX_BYTES + 1)
    except OSError:
        return None
    if len(raw) > _INFO_MAX_BYTES:
        return None
    return LockHolder.from_json(raw)


def in_use_error(holder: LockHolder | None) -> VaultInUse:
    """The "in use" error, naming the holder when it is known."""
    if holder is None:
        return VaultInUse()
    return VaultInUse(
        IN_USE_BY,
        pid=holder.pid,
        host=holder.host,
        since=holder.started_at.isoformat(sep=" "),
    )


class VaultLock:
    """Exclusive use of one vault by this process.

    `acquire()` raises `VaultInUse` at once if another process (or another `VaultLock` in
    this one) holds the vault. Usable as a context manager. Not reentrant.
    """

    def __init__(self, vault_path: Path) -> None:
        self._vault_path = vault_path
        self._lock = filelock.FileLock(
            lock_path_for(vault_path), mode=PRIVATE_FILE_MODE, thread_local=False
        )
        self._held = False
        self.stale_lock_found = False
        # The holder recorded by the process that crashed, when stale_lock_found.
        self.stale_holder: LockHolder | None = None

    @property
    def vault_path(self) -> Path:
        return self._vault_path

    @property
    def is_held(self) -> bool:
        return self._held

    def acquire(self) -> None:
        """Take the vault, without waiting.

        Raises `VaultInUse` if it is held elsewhere (naming the holder when the info file
        says who), and OSError if the lock file cannot be made (a read-only folder).
        Sets `stale_lock_found` (and `stale_holder`) when the last holder died holding it.
        """
        if self._held:
            raise RuntimeError("VaultLock is not reentrant: this lock is already held")
        ensure_folder(self._vault_path.parent)
        try:
            self._lock.acquire(timeout=0)
        except filelock.Timeout as busy:
            raise in_use_error(read_holder(self._vault_path)) from busy
        self._held = True
        info = info_path_for(self._vault_path)
        self.stale_lock_found = info.exists()
        self.stale_holder = read_holder(self._vault_path) if self.stale_lock_found else None
        clean_stale_temp_files(info)
        self._write_info()

    def _write_info(self) -> None:
        # Only for the "in use" message: a vault that cannot have it still opens.
        with contextlib.suppress(VaultError):
            write_atomically(info_path_for(self._vault_path), LockHolder.this_process().to_json())

    def release(self) -> None:
        """Give the vault up; does nothing if it is not held."""
        if not self._held:
            return
        # The info goes first, while the lock is still held: removed after the release, it
        # could be the next holder's.
        with contextlib.suppress(OSError):
            info_path_for(self._vault_path).unlink(missing_ok=True)
        self._held = False
        self._lock.release()

    def __enter__(self) -> VaultLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()
