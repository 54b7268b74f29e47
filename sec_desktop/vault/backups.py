"""Rotated copies of the vault file (ciphertext: opaque bytes here), with their generation.

Backups live in `<vault folder>/<vault stem>-backups/` (0700), one file per kept
generation, named `<stem>-g<generation:010d>-<UTC %Y%m%dT%H%M%SZ>.secvault`, so that the
list needs no index that could itself be damaged. `keep_previous` is the
`before_replace` step of `write_atomically`: the file about to be replaced becomes the
newest backup, by hard link where the file system allows it (instant, no extra space),
else by a copy written under a temporary name and renamed, so that a crash never leaves a
partial backup under a final name. `prune_backups` applies the retention policy.
"""

from __future__ import annotations

import filecmp
import logging
import os
import re
import secrets
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.paths import ensure_private_dir
from sec_desktop.vault.atomic import PRIVATE_FILE_MODE, fsync_directory

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".secvault"
_TIME_FORMAT = "%Y%m%dT%H%M%SZ"
_TEMP_MARK = ".tmp-"
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)

KEEP_LAST_MIN, KEEP_LAST_MAX, KEEP_LAST_DEFAULT = 1, 100, 10
DAILY_DAYS_MIN, DAILY_DAYS_MAX, DAILY_DAYS_DEFAULT = 0, 365, 30


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    generation: int
    saved_at: datetime  # UTC, aware


@dataclass(frozen=True)
class RetentionPolicy:
    """Keep the newest `keep_last` backups, and the newest of each of the last
    `daily_days` UTC days (today included)."""

    keep_last: int = KEEP_LAST_DEFAULT
    daily_days: int = DAILY_DAYS_DEFAULT

    def __post_init__(self) -> None:
        if not _is_int_between(self.keep_last, KEEP_LAST_MIN, KEEP_LAST_MAX):
            message = QT_TRANSLATE_NOOP("Vault", "Keep between {min} and {max} recent backups.")
            raise ValueError(message.format(min=KEEP_LAST_MIN, max=KEEP_LAST_MAX))
        if not _is_int_between(self.daily_days, DAILY_DAYS_MIN, DAILY_DAYS_MAX):
            message = QT_TRANSLATE_NOOP(
                "Vault", "Keep daily backups for between {min} and {max} days."
            )
            raise ValueError(message.format(min=DAILY_DAYS_MIN, max=DAILY_DAYS_MAX))


def _is_int_between(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def backup_dir_for(vault_path: Path) -> Path:
    return vault_path.with_name(f"{vault_path.stem}-backups")


def backup_name(vault_path: Path, generation: int, saved_at: datetime) -> str:
    if generation < 0:
        raise ValueError("a generation is never negative")
    stamp = _utc(saved_at).strftime(_TIME_FORMAT)
    return f"{vault_path.stem}-g{generation:010d}-{stamp}{BACKUP_SUFFIX}"


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("times given to the backups must be timezone-aware")
    return moment.astimezone(UTC)


def _name_pattern(vault_path: Path) -> re.Pattern[str]:
    return re.compile(
        rf"{re.escape(vault_path.stem)}-g(\d{{10,}})-(\d{{8}}T\d{{6}}Z){re.escape(BACKUP_SUFFIX)}"
    )


def _parse(pattern: re.Pattern[str], path: Path) -> BackupInfo | None:
    match = pattern.fullmatch(path.name)
    if match is None:
        return None
    stamp = match[2]  # YYYYmmddTHHMMSSZ; parsed by hand: strptime is slow, and runs per save
    try:
        saved_at = datetime(
            int(stamp[0:4]),
            int(stamp[4:6]),
            int(stamp[6:8]),
            int(stamp[9:11]),
            int(stamp[11:13]),
            int(stamp[13:15]),
            tzinfo=UTC,
        )
    except ValueError:  # matches the shape but is no date, e.g. month 13
        return None
    return BackupInfo(path, int(match[1]), saved_at)


def _newest_first_key(backup: BackupInfo) -> tuple[datetime, int, str]:
    return (backup.saved_at, backup.generation, backup.path.name)


def list_backups(vault_path: Path) -> list[BackupInfo]:
    """The vault's backups, newest first; files that are not backups are ignored."""
    folder = backup_dir_for(vault_path)
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    pattern = _name_pattern(vault_path)
    backups = []
    for entry in entries:
        if entry.is_file(follow_symlinks=False):
            info = _parse(pattern, Path(entry.path))
            if info is not None:
                backups.append(info)
    return sorted(backups, key=_newest_first_key, reverse=True)


def keep_previous(
    vault_path: Path, generation: int, now: datetime, *, durable: bool = True
) -> Path:
    """Keep the current vault file as the backup of `generation` saved at `now`.

    Returns the backup's path. A backup of this generation with the same bytes is
    reused rather than made again (a save retried after a failed replace). Raises
    OSError if the backup cannot be made; the vault file itself is never changed.
    With `durable=False` a hard link's folder is not fsynced: the caller does it just
    after (on a journaling file system the vault folder's fsync has carried it already).
    """
    folder = ensure_private_dir(backup_dir_for(vault_path))
    existing = _same_backup(vault_path, generation)
    if existing is not None:
        return existing
    target = folder / backup_name(vault_path, generation, now)
    if target.exists():
        raise FileExistsError(target)
    try:
        os.link(vault_path, target)
    except (FileExistsError, FileNotFoundError):
        raise
    except OSError:
        # No hard links here (FAT and exFAT USB sticks, some network shares): copy. Such
        # drives have no journal to carry the new name with the vault folder's fsync, so
        # the copy's folder is made durable now whatever the caller asked.
        _copy_durably(vault_path, target)
        durable = True
    if durable:
        fsync_directory(folder)
    return target


def _same_backup(vault_path: Path, generation: int) -> Path | None:
    # Only names of this generation are looked at: this runs on every save.
    prefix = f"{vault_path.stem}-g{generation:010d}-"
    try:
        entries = [e for e in os.scandir(backup_dir_for(vault_path)) if e.name.startswith(prefix)]
    except FileNotFoundError:
        return None
    pattern = _name_pattern(vault_path)
    for entry in entries:
        backup = _parse(pattern, Path(entry.path))
        matches = backup is not None and backup.generation == generation
        if matches and _same_content(vault_path, entry.path):
            return Path(entry.path)
    return None


def _same_content(first: Path, second: Path | str) -> bool:
    try:
        return os.path.samefile(first, second) or filecmp.cmp(first, second, shallow=False)
    except OSError:
        return False


def _copy_durably(source: Path, target: Path) -> None:
    """Copy to a temporary name in the target's folder, fsync, then rename into place."""
    temp = target.with_name(f".{target.name}{_TEMP_MARK}{secrets.token_hex(8)}")
    fd = os.open(temp, _CREATE_FLAGS, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def clean_stale_backup_temp_files(vault_path: Path) -> int:
    """Remove partial backup copies a crash left in the backup folder; return how many.

    Call it at start while holding the vault's lock.
    """
    folder = backup_dir_for(vault_path)
    prefix = f".{vault_path.stem}-g"
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return 0
    for entry in entries:
        name = entry.name
        if name.startswith(prefix) and _TEMP_MARK in name and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
            except OSError:
                continue
            removed += 1
    return removed


def choose_backups_to_keep(
    backups: Iterable[BackupInfo], policy: RetentionPolicy, now: datetime
) -> set[Path]:
    """The backups the policy keeps: the newest `keep_last`, and the newest backup of
    each of the last `daily_days` UTC days (today, as of `now`, included)."""
    ordered = sorted(backups, key=_newest_first_key, reverse=True)
    keep = {backup.path for backup in ordered[: policy.keep_last]}
    today = _utc(now).date()
    days = {today - timedelta(days=back) for back in range(policy.daily_days)}
    seen: set[date] = set()
    for backup in ordered:
        day = backup.saved_at.astimezone(UTC).date()
        if day in days and day not in seen:
            seen.add(day)
            keep.add(backup.path)
    return keep


def prune_backups(vault_path: Path, policy: RetentionPolicy, now: datetime) -> list[Path]:
    """Delete the backups the policy does not keep; return those deleted.

    A backup that cannot be deleted now (held open by another program) is left for the
    next prune and logged by name only.
    """
    backups = list_backups(vault_path)
    keep = choose_backups_to_keep(backups, policy, now)
    deleted = []
    for backup in backups:
        if backup.path in keep:
            continue
        try:
            backup.path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            log.warning("Could not delete old backup %s (%s)", backup.path.name, error.strerror)
            continue
        deleted.append(backup.path)
    return deleted
