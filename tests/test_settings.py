from __future__ import annotations

import errno
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sec_desktop.settings import (
    IDLE_LOCK_MAX_MINUTES,
    IDLE_LOCK_MIN_MINUTES,
    Preferences,
    PreferencesStore,
    Problem,
    Theme,
    parse_preferences,
    with_changes,
)


def english(problems: list[Problem]) -> list[str]:
    return [p.english() for p in problems]


def test_missing_file_gives_defaults_without_problems(tmp_path: Path) -> None:
    result = PreferencesStore(tmp_path / "settings.json").load()
    assert result.preferences == Preferences()
    assert english(result.problems) == []
    assert result.preferences.idle_lock_minutes == 5
    assert result.preferences.theme is Theme.SYSTEM
    assert result.preferences.language == "en"


def test_saved_preferences_come_back(tmp_path: Path) -> None:
    store = PreferencesStore(tmp_path / "nested" / "settings.json")
    chosen = Preferences(
        window_geometry="AdnQyw==", idle_lock_minutes=12, language="cy", theme=Theme.DARK
    )
    store.save(chosen)
    result = store.load()
    assert result.preferences == chosen
    assert english(result.problems) == []


def test_save_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = PreferencesStore(tmp_path / "settings.json")
    store.save(Preferences())
    store.save(Preferences(theme=Theme.LIGHT))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]


def test_failed_save_raises_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = PreferencesStore(tmp_path / "settings.json")
    store.save(Preferences(theme=Theme.DARK))

    def disk_full(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("sec_desktop.settings.os.replace", disk_full)
    with pytest.raises(OSError, match="No space left"):
        store.save(Preferences(theme=Theme.LIGHT))
    monkeypatch.undo()
    assert store.load().preferences.theme is Theme.DARK
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]


def test_damaged_file_gives_defaults_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"theme": "dark", ', encoding="utf-8")
    result = PreferencesStore(path).load()
    assert result.preferences == Preferences()
    assert english(result.problems) == ["The preferences file was damaged."]


def test_unreadable_bytes_give_defaults_and_say_so(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    result = PreferencesStore(path).load()
    assert result.preferences == Preferences()
    assert english(result.problems) == ["The preferences file could not be read."]


@pytest.mark.parametrize(
    ("key", "bad", "message"),
    [
        ("idle_lock_minutes", 0, "The idle lock must be between 1 and 15 minutes."),
        ("idle_lock_minutes", 16, "The idle lock must be between 1 and 15 minutes."),
        ("idle_lock_minutes", "5", "The idle lock must be between 1 and 15 minutes."),
        ("idle_lock_minutes", True, "The idle lock must be between 1 and 15 minutes."),
        ("theme", "purple", "The saved theme must be one of: follow the system, light or dark."),
        ("language", "../../etc", "The saved language is not one SEC Desktop knows."),
        ("window_geometry", "not base64!", "The saved window position could not be read."),
        ("window_geometry", 42, "The saved window position could not be read."),
        ("vault_path", 7, "The saved vault location could not be read."),
        ("backup_keep_last", 0, "The number of recent backups to keep must be between 1 and 100."),
        ("backup_daily_days", 400, "The days of daily backups to keep must be between 0 and 365."),
    ],
)
def test_one_bad_value_falls_back_alone(key: str, bad: object, message: str) -> None:
    raw: dict[str, Any] = {"theme": "dark", "idle_lock_minutes": 7, "language": "cy"}
    raw[key] = bad
    result = parse_preferences(raw)
    assert english(result.problems) == [message]
    assert getattr(result.preferences, key) == getattr(Preferences(), key)
    kept = {k: v for k, v in raw.items() if k != key}
    for name, value in kept.items():
        assert getattr(result.preferences, name) == value


def test_the_idle_lock_message_names_the_real_bounds() -> None:
    problem = parse_preferences({"idle_lock_minutes": IDLE_LOCK_MAX_MINUTES + 1}).problems[0]
    assert "{min}" in problem.message  # translators see placeholders, not numbers
    assert problem.english() == (
        f"The idle lock must be between {IDLE_LOCK_MIN_MINUTES} and "
        f"{IDLE_LOCK_MAX_MINUTES} minutes."
    )
    assert parse_preferences({"idle_lock_minutes": IDLE_LOCK_MAX_MINUTES}).problems == []
    assert parse_preferences({"idle_lock_minutes": IDLE_LOCK_MIN_MINUTES}).problems == []


def test_non_object_json_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("[1, 2, 3]", encoding="utf-8")
    result = PreferencesStore(path).load()
    assert result.preferences == Preferences()
    assert english(result.problems) == ["The preferences file was not understood."]


def test_unknown_keys_are_ignored() -> None:
    result = parse_preferences({"theme": "light", "from_a_newer_version": 1})
    assert result.preferences.theme is Theme.LIGHT
    assert english(result.problems) == []


def test_invalid_change_is_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="between 1 and 15 minutes"):
        with_changes(Preferences(), idle_lock_minutes=30)
    with pytest.raises(ValueError, match="theme"):
        Preferences(theme="sepia")  # type: ignore[arg-type]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(
    st.one_of(
        json_values,
        st.fixed_dictionaries(
            {},
            optional={
                "window_geometry": json_values,
                "idle_lock_minutes": st.one_of(st.integers(-100, 100), json_values),
                "language": st.one_of(st.sampled_from(["en", "cy", "pt_BR"]), json_values),
                "theme": st.one_of(st.sampled_from(["system", "light", "dark"]), json_values),
            },
        ),
    )
)
def test_any_json_gives_valid_preferences(raw: object) -> None:
    result = parse_preferences(raw)
    # Constructing again re-runs every validator: the result is always valid.
    assert Preferences(**vars(result.preferences)) == result.preferences
    assert all(p.english() for p in result.problems)


@given(st.binary(max_size=200))
def test_any_file_content_loads_without_error(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.json"
        path.write_bytes(content)
        result = PreferencesStore(path).load()
    assert isinstance(result.preferences, Preferences)


def test_saved_file_is_plain_json_with_every_key(tmp_path: Path) -> None:
    store = PreferencesStore(tmp_path / "settings.json")
    store.save(Preferences(theme=Theme.DARK))
    data = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert data == {
        "idle_lock_minutes": 5,
        "language": "en",
        "theme": "dark",
        "window_geometry": "",
        "vault_path": "",
        "backup_keep_last": 10,
        "backup_daily_days": 30,
    }
