"""Test setup shared by every test.

Qt must be told to draw offscreen before it loads: with no display, pytest-qt would abort.
Home and the XDG folders point at a throwaway place, so no test can touch a real user's
settings or logs.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
_SANDBOX = Path(tempfile.mkdtemp(prefix="sec-desktop-tests-"))
atexit.register(shutil.rmtree, _SANDBOX, ignore_errors=True)
for _name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = str(_SANDBOX / _name.lower())

import pytest  # noqa: E402 (the environment above must be set first)

from sec_desktop.paths import AppPaths  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app_paths(tmp_path: Path) -> Iterator[AppPaths]:
    yield AppPaths.under(tmp_path / "user")


# Vaults with record services (tests/records.py), for every test folder.
pytest_plugins = ["tests.records"]
