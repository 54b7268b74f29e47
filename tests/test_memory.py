"""The process-wide malloc setting (glibc only)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sec_desktop.memory import limit_malloc_arenas


def test_glibc_agrees_to_fewer_arenas_in_a_fresh_process() -> None:
    # In a fresh process (before its threads): the setting applies to the whole process.
    script = "from sec_desktop.memory import limit_malloc_arenas; print(limit_malloc_arenas())"
    found = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == ("True" if sys.platform.startswith("linux") else "False")


def test_nothing_is_changed_off_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    assert limit_malloc_arenas() is False
