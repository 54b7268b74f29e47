"""Non-sensitive preferences (window geometry, idle lock, language, theme).

Nothing about a survivor ever goes here: the file is plain JSON in the user's config
folder. Reading never fails: a missing file gives the defaults, an unreadable file or a
bad value gives the default for what was wrong, and each problem is reported in words the
user can act on (marked for translation; the UI translates them).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.paths import ensure_private_dir

IDLE_LOCK_MIN_MINUTES = 1
IDLE_LOCK_MAX_MINUTES = 15
IDLE_LOCK_DEFAULT_MINUTES = 5
BACKUP_KEEP_LAST_DEFAULT = 10
BACKUP_KEEP_LAST_MAX = 100
BACKUP_DAILY_DAYS_DEFAULT = 30
BACKUP_DAILY_DAYS_MAX = 365
VAULT_PATH_MAX_CHARS = 4096
# Geometry is Qt's saveGeometry() in base64; a few hundred bytes at most in practice.
GEOMETRY_MAX_CHARS = 4096
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
_BASE64 = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class Problem:
    """What was wrong, as a message marked for translation (context "Preferences") with
    {placeholders} filled from `values` after translating."""

    message: str
    values: Mapping[str, object] = field(default_factory=dict)

    def english(self) -> str:
        return self.message.format(**self.values)


@dataclass(frozen=True)
class Preferences:
    window_geometry: str = ""
    idle_lock_minutes: int = IDLE_LOCK_DEFAULT_MINUTES
    language: str = "en"
    theme: Theme = Theme.SYSTEM
    # The vault last opened ("" for the default place under the user's data folder).
    vault_path: str = ""
    backup_keep_last: int = BACKUP_KEEP_LAST_DEFAULT
    backup_daily_days: int = BACKUP_DAILY_DAYS_DEFAULT

    def __post_init__(self) -> None:
        for f in fields(self):
            problem = _VALIDATORS[f.name](getattr(self, f.name))
            if problem:
                raise ValueError(problem.english())


def _check_geometry(value: object) -> Problem | None:
    if not isinstance(value, str) or len(value) > GEOMETRY_MAX_CHARS or not _BASE64.match(value):
        return Problem(
            QT_TRANSLATE_NOOP("Preferences", "The saved window position could not be read.")
        )
    return None


def _check_idle_lock(value: object) -> Problem | None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not IDLE_LOCK_MIN_MINUTES <= value <= IDLE_LOCK_MAX_MINUTES
    ):
        return Problem(
            QT_TRANSLATE_NOOP(
                "Preferences", "The idle lock must be between {min} and {max} minutes."
            ),
            {"min": IDLE_LOCK_MIN_MINUTES, "max": IDLE_LOCK_MAX_MINUTES},
        )
    return None


def _check_language(value: object) -> Problem | None:
    if not isinstance(value, str) or not _LANGUAGE_CODE.match(value):
        return Problem(
            QT_TRANSLATE_NOOP("Preferences", "The saved language is not one SEC Desktop knows.")
        )
    return None


def _check_theme(value: object) -> Problem | None:
    if not isinstance(value, str) or value not in {t.value for t in Theme}:
        return Problem(
            QT_TRANSLATE_NOOP(
                "Preferences", "The saved theme must be one of: follow the system, light or dark."
            )
        )
    return None


def _check_vault_path(value: object) -> Problem | None:
    if not isinstance(value, str) or len(value) > VAULT_PATH_MAX_CHARS or "\x00" in value:
        return Problem(
            QT_TRANSLATE_NOOP("Preferences", "The saved vault location could not be read.")
        )
    return None


def _check_keep_last(value: object) -> Problem | None:
    if not _int_between(value, 1, BACKUP_KEEP_LAST_MAX):
        return Problem(
            QT_TRANSLATE_NOOP(
                "Preferences",
                "The number of recent backups to keep must be between {min} and {max}.",
            ),
            {"min": 1, "max": BACKUP_KEEP_LAST_MAX},
        )
    return None


def _check_daily_days(value: object) -> Problem | None:
    if not _int_between(value, 0, BACKUP_DAILY_DAYS_MAX):
        return Problem(
            QT_TRANSLATE_NOOP(
                "Preferences", "The days of daily backups to keep must be between {min} and {max}."
            ),
            {"min": 0, "max": BACKUP_DAILY_DAYS_MAX},
        )
    return None


def _int_between(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


_VALIDATORS: dict[str, Callable[[object], Problem | None]] = {
    "window_geometry": _check_geometry,
    "idle_lock_minutes": _check_idle_lock,
    "language": _check_language,
    "theme": _check_theme,
    "vault_path": _check_vault_path,
    "backup_keep_last": _check_keep_last,
    "backup_daily_days": _check_daily_days,
}


@dataclass
class LoadResult:
    preferences: Preferences
    # What was wrong with the file, for the status bar.
    problems: list[Problem] = field(default_factory=list)


def parse_preferences(raw: object) -> LoadResult:
    """Turn decoded JSON into preferences, keeping every valid value and reporting the rest."""
    if not isinstance(raw, dict):
        return LoadResult(
            Preferences(),
            [Problem(QT_TRANSLATE_NOOP("Preferences", "The preferences file was not understood."))],
        )
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for f in fields(Preferences):
        if f.name not in raw:
            continue
        problem = _VALIDATORS[f.name](raw[f.name])
        if problem:
            problems.append(problem)
        else:
            values[f.name] = Theme(raw[f.name]) if f.name == "theme" else raw[f.name]
    return LoadResult(Preferences(**values), problems)


class PreferencesStore:
    """Reads and writes the preferences file; writes are atomic so a crash never corrupts it."""

    def __init__(self, path: Path) -> None:
        self._path = path

    @property
    def path(self) -> Path:
        return self._path

    def load(self) -> LoadResult:
        try:
            text = self._path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return LoadResult(Preferences())
        except (OSError, UnicodeDecodeError):
            return LoadResult(
                Preferences(),
                [
                    Problem(
                        QT_TRANSLATE_NOOP("Preferences", "The preferences file could not be read.")
                    )
                ],
            )
        try:
            raw = json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            return LoadResult(
                Preferences(),
                [Problem(QT_TRANSLATE_NOOP("Preferences", "The preferences file was damaged."))],
            )
        return parse_preferences(raw)

    def save(self, preferences: Preferences) -> None:
        """Write atomically. Raises OSError (with the cause) if the folder is not writable."""
        ensure_private_dir(self._path.parent)
        data = asdict(preferences)
        data["theme"] = preferences.theme.value
        payload = json.dumps(data, indent=2, sort_keys=True).encode("utf-8")
        import secrets  # noqa: PLC0415 (only when saving; its import slows the first window)

        tmp = self._path.with_name(f".{self._path.name}.tmp-{secrets.token_hex(6)}")
        try:
            with open(tmp, "xb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self._path)
        finally:
            tmp.unlink(missing_ok=True)


def with_changes(preferences: Preferences, **changes: Any) -> Preferences:
    """A copy with some values changed; raises ValueError with a readable message if invalid."""
    return replace(preferences, **changes)
