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
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from sec_desktop.i18n import QT_TRANSLATE_NOOP

# The translation context of the messages below (lupdate needs it literally in each call).
MESSAGE_CONTEXT = "Preferences"

IDLE_LOCK_MIN_MINUTES = 1
IDLE_LOCK_MAX_MINUTES = 15
IDLE_LOCK_DEFAULT_MINUTES = 5
# Geometry is Qt's saveGeometry() in base64; a few hundred bytes at most in practice.
GEOMETRY_MAX_CHARS = 4096
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
_BASE64 = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class Preferences:
    window_geometry: str = ""
    idle_lock_minutes: int = IDLE_LOCK_DEFAULT_MINUTES
    language: str = "en"
    theme: Theme = Theme.SYSTEM

    def __post_init__(self) -> None:
        for f in fields(self):
            problem = _VALIDATORS[f.name](getattr(self, f.name))
            if problem:
                raise ValueError(problem)


def _check_geometry(value: object) -> str | None:
    if not isinstance(value, str) or len(value) > GEOMETRY_MAX_CHARS or not _BASE64.match(value):
        return QT_TRANSLATE_NOOP("Preferences", "The saved window position could not be read.")
    return None


def _check_idle_lock(value: object) -> str | None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not IDLE_LOCK_MIN_MINUTES <= value <= IDLE_LOCK_MAX_MINUTES
    ):
        return QT_TRANSLATE_NOOP("Preferences", "The idle lock must be between 1 and 15 minutes.")
    return None


def _check_language(value: object) -> str | None:
    if not isinstance(value, str) or not _LANGUAGE_CODE.match(value):
        return QT_TRANSLATE_NOOP("Preferences", "The saved language is not one SEC Desktop knows.")
    return None


def _check_theme(value: object) -> str | None:
    if not isinstance(value, str) or value not in {t.value for t in Theme}:
        return QT_TRANSLATE_NOOP(
            "Preferences", "The saved theme must be one of: follow the system, light or dark."
        )
    return None


_VALIDATORS: dict[str, Callable[[object], str | None]] = {
    "window_geometry": _check_geometry,
    "idle_lock_minutes": _check_idle_lock,
    "language": _check_language,
    "theme": _check_theme,
}


@dataclass
class LoadResult:
    preferences: Preferences
    # Sentences saying what was wrong with the file, for the status bar.
    problems: list[str] = field(default_factory=list)


def parse_preferences(raw: object) -> LoadResult:
    """Turn decoded JSON into preferences, keeping every valid value and reporting the rest."""
    if not isinstance(raw, dict):
        return LoadResult(
            Preferences(),
            [QT_TRANSLATE_NOOP("Preferences", "The preferences file was not understood.")],
        )
    values: dict[str, Any] = {}
    problems: list[str] = []
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
                [QT_TRANSLATE_NOOP("Preferences", "The preferences file could not be read.")],
            )
        try:
            raw = json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            return LoadResult(
                Preferences(),
                [QT_TRANSLATE_NOOP("Preferences", "The preferences file was damaged.")],
            )
        return parse_preferences(raw)

    def save(self, preferences: Preferences) -> None:
        """Write atomically. Raises OSError (with the cause) if the folder is not writable."""
        self._path.parent.mkdir(parents=True, exist_ok=True)
        data = asdict(preferences)
        data["theme"] = preferences.theme.value
        payload = json.dumps(data, indent=2, sort_keys=True).encode("utf-8")
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
