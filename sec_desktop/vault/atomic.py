"""Durable, atomic replacement of a file: the file is always the complete old or new bytes.

The save sequence (design.md, "The vault"): write `.<name>.tmp-<random>` in the same
folder with exclusive create, flush and fsync it; let the caller keep the previous file
as a backup; replace the file; fsync the folder. Whatever fails, the temporary file is
removed, the file at `path` is left as it was, and `SaveFailed` says why in words the
user can act on. A crash can leave a temporary file behind, never a partial vault:
`clean_stale_temp_files` removes those at start.

Windows: a replace refused because another program (an antivirus or a backup agent)
briefly holds the file is retried for about two seconds; folders cannot be fsynced there,
and NTFS makes the rename durable itself.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.paths import ensure_private_dir
from sec_desktop.vault.errors import SaveFailed, VaultError

PRIVATE_FILE_MODE = 0o600
_TEMP_MARK = ".tmp-"
# O_BINARY matters on Windows: without it os.write would turn b"\n" into b"\r\n".
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
# A folder whose file system cannot fsync a directory (some network and FUSE mounts)
# answers with one of these: the rename is then as durable as that file system allows.
_FSYNC_UNSUPPORTED = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EBADF})


@dataclass(frozen=True)
class ReplaceRetry:
    """How long to keep retrying a replace that the OS refused with PermissionError.

    The delays double from `first_delay` up to `max_delay`; with the defaults the total
    wait is about two seconds over `attempts` tries. `sleep` is injectable for tests.
    """

    attempts: int = 8
    first_delay: float = 0.05
    max_delay: float = 0.4
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.first_delay < 0 or self.max_delay < self.first_delay:
            raise ValueError("ReplaceRetry needs attempts >= 1 and 0 <= first_delay <= max_delay")

    def delays(self) -> Iterator[float]:
        """The waits between tries: one fewer than `attempts`."""
        delay = self.first_delay
        for _ in range(self.attempts - 1):
            yield delay
            delay = min(delay * 2, self.max_delay)


DEFAULT_RETRY = ReplaceRetry()

DISK_FULL = QT_TRANSLATE_NOOP("Vault", "the disk is full")
DISK_FULL_ADVICE = QT_TRANSLATE_NOOP(
    "Vault", "Free some space on the drive, or move the vault to another drive."
)
PERMISSION_REFUSED = QT_TRANSLATE_NOOP("Vault", "permission was refused")
PERMISSION_ADVICE = QT_TRANSLATE_NOOP(
    "Vault",
    "Check that you can write to the vault's folder, and that no other program has the file open.",
)
READ_ONLY = QT_TRANSLATE_NOOP("Vault", "the drive is read-only")
READ_ONLY_ADVICE = QT_TRANSLATE_NOOP(
    "Vault",
    "Move the vault to a drive you can write to, or remove the drive's write protection "
    "(for example the switch on a USB stick).",
)
DRIVE_ERROR = QT_TRANSLATE_NOOP("Vault", "the drive reported an error")
DRIVE_ERROR_ADVICE = QT_TRANSLATE_NOOP(
    "Vault", "Check that the drive holding the vault (for example a USB stick) is connected."
)
FOLDER_MISSING = QT_TRANSLATE_NOOP("Vault", "the vault's folder could not be found")
FOLDER_MISSING_ADVICE = DRIVE_ERROR_ADVICE
UNEXPECTED = QT_TRANSLATE_NOOP("Vault", "an unexpected error happened while writing the file")
UNEXPECTED_ADVICE = QT_TRANSLATE_NOOP(
    "Vault", "If this keeps happening, ask your IT support to check the drive."
)

_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: (DISK_FULL, DISK_FULL_ADVICE),
    errno.EACCES: (PERMISSION_REFUSED, PERMISSION_ADVICE),
    errno.EPERM: (PERMISSION_REFUSED, PERMISSION_ADVICE),
    errno.EROFS: (READ_ONLY, READ_ONLY_ADVICE),
    errno.EIO: (DRIVE_ERROR, DRIVE_ERROR_ADVICE),
    errno.ENOENT: (FOLDER_MISSING, FOLDER_MISSING_ADVICE),
    errno.ENODEV: (FOLDER_MISSING, FOLDER_MISSING_ADVICE),
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _REASONS[errno.EDQUOT] = (DISK_FULL, DISK_FULL_ADVICE)


def save_failed(error: BaseException) -> SaveFailed:
    """A `SaveFailed` whose reason and advice fit `error` (chain it with `from error`).

    The reason and advice are themselves marked for translation (context "Vault"):
    translate them before filling the message's placeholders.
    """
    if isinstance(error, PermissionError):
        reason, advice = PERMISSION_REFUSED, PERMISSION_ADVICE
    elif isinstance(error, OSError) and error.errno in _REASONS:
        reason, advice = _REASONS[error.errno]
    else:
        reason, advice = UNEXPECTED, UNEXPECTED_ADVICE
    return SaveFailed(reason=reason, advice=advice)


def temp_name_prefix(path: Path) -> str:
    """The start of the name of every temporary file that `write_atomically(path)` makes."""
    return f".{path.name}{_TEMP_MARK}"


# What a file is written from: its bytes, or its pieces in order (each written before
# the next is asked for, so a producer may reuse one buffer).
Content = bytes | Iterable[bytes | memoryview]


def write_atomically(
    path: Path,
    data: Content,
    *,
    before_replace: Callable[[Path], object] | None = None,
    retries: ReplaceRetry = DEFAULT_RETRY,
) -> None:
    """Replace `path` by `data`, durably: afterwards it holds the old bytes or all of `data`.

    `before_replace(path)` runs once the new bytes are safely on disk and before the
    replace, only if `path` exists: the vault keeps the previous file as a backup there.
    Raises `SaveFailed` (with the OS error as `__cause__`) if anything fails; `path` is
    then as it was, except after a failed folder fsync, where it already holds `data`
    in full but the save is not known to be durable, so it must be retried.
    """
    temp: Path | None = None
    try:
        ensure_folder(path.parent)
        temp = _write_temp_file(path, data)
        if before_replace is not None and path.exists():
            before_replace(path)
        _replace(temp, path, retries)
        temp = None
        fsync_directory(path.parent)
    except VaultError:
        raise
    except Exception as error:
        raise save_failed(error) from error
    finally:
        if temp is not None:
            _remove_quietly(temp)


def ensure_folder(folder: Path) -> None:
    """Create `folder` readable by this user only (0700 on POSIX) if it is missing.

    An existing folder is left as it is: the vault may sit in a folder the user chose,
    such as their home folder, whose permissions are not ours to change.
    """
    if not folder.is_dir():
        ensure_private_dir(folder)


def _write_temp_file(path: Path, data: Content) -> Path:
    """Write `data` to a new temporary file next to `path`, fsynced; return its path.

    If writing fails the temporary file is removed before the error goes on.
    """
    temp = path.with_name(f"{temp_name_prefix(path)}{secrets.token_hex(8)}")
    fd = os.open(temp, _CREATE_FLAGS, PRIVATE_FILE_MODE)
    try:
        try:
            for piece in [data] if isinstance(data, bytes | bytearray | memoryview) else data:
                _write_all(fd, piece)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        _remove_quietly(temp)
        raise
    return temp


def _write_all(fd: int, data: bytes | memoryview) -> None:
    """os.write until every byte is written (a write may take only part of a buffer)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _replace(temp: Path, path: Path, retries: ReplaceRetry) -> None:
    """os.replace, retried while the OS refuses it with PermissionError."""
    delays = retries.delays()
    while True:
        try:
            os.replace(temp, path)
        except PermissionError:
            delay = next(delays, None)
            if delay is None:
                raise
            retries.sleep(delay)
        else:
            return


def fsync_directory(folder: Path) -> None:
    """Make the names in `folder` durable (POSIX only; Windows cannot and need not)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in _FSYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    # If it cannot go now, clean_stale_temp_files removes it at the next start.
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def clean_stale_temp_files(path: Path) -> int:
    """Remove the temporary files a crash left next to `path`; return how many went.

    Call it at start while holding the vault's lock, so that no save is in progress.
    """
    prefix = temp_name_prefix(path)
    removed = 0
    try:
        entries = list(os.scandir(path.parent))
    except FileNotFoundError:
        return 0
    for entry in entries:
        if entry.name.startswith(prefix) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
            except OSError:
                # Gone already, or held open (Windows): it is tried again at the next start.
                continue
            removed += 1
    return removed
