from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from sec_desktop.paths import AppPaths, ensure_private_dir, resources_dir


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_user_folders_follow_the_xdg_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    paths = AppPaths.for_user()
    assert paths.config_dir == tmp_path / "cfg" / "SEC Desktop"
    assert paths.data_dir == tmp_path / "data" / "SEC Desktop"
    assert paths.log_dir == tmp_path / "state" / "SEC Desktop" / "log"
    assert paths.settings_file.name == "settings.json"
    assert paths.log_file.name == "sec-desktop.log"


def test_resources_are_found_from_the_source_tree() -> None:
    assert (resources_dir() / "icons" / "sec-desktop.svg").is_file()
    assert (resources_dir() / "style.qss").is_file()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_private_folders_are_for_the_user_alone(tmp_path: Path) -> None:
    created = ensure_private_dir(tmp_path / "a" / "b")
    assert created.is_dir()
    assert created.stat().st_mode & 0o777 == 0o700
    existing = tmp_path / "open"
    existing.mkdir(mode=0o755)
    ensure_private_dir(existing)
    assert existing.stat().st_mode & 0o777 == 0o700
