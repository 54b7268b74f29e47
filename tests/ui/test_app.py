"""run_gui as a user starts it: the hook is in place, and a failure at start is shown safely."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.ui.run_gui_scenarios import PLANTED

REPO = Path(__file__).resolve().parents[2]


def run_scenario(name: str, root: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.run_gui_scenarios", name, str(root)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=dict(os.environ, HOME=str(root)),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert PLANTED not in result.stderr  # nothing printed the failing code's data
    seen: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return seen


def test_run_gui_routes_errors_to_the_dialog_and_restores_hooks(tmp_path: Path) -> None:
    seen = run_scenario("error-in-event-loop", tmp_path)
    assert seen["code"] == 0
    assert seen["hook_after"] == seen["hook_before"]
    assert len(seen["reports"]) == 1
    assert "fail_in_the_event_loop" in seen["reports"][0]
    assert PLANTED not in seen["reports"][0]
    log_text = (tmp_path / "logs" / "sec-desktop.log").read_text(encoding="utf-8")
    assert "starting" in log_text and "stopped" in log_text
    assert "fail_in_the_event_loop" in log_text
    assert PLANTED not in log_text


def test_a_failure_at_start_is_shown_without_personal_data(tmp_path: Path) -> None:
    seen = run_scenario("failure-at-start", tmp_path)
    assert seen["code"] == 1
    assert len(seen["reports"]) == 1 and "KeyError (message withheld" in seen["reports"][0]
    assert PLANTED not in seen["reports"][0]
    assert PLANTED not in (tmp_path / "logs" / "sec-desktop.log").read_text(encoding="utf-8")


def test_an_unwritable_log_folder_does_not_stop_the_app(tmp_path: Path) -> None:
    seen = run_scenario("unwritable-log-folder", tmp_path)
    assert seen["code"] == 0
    assert seen["status"] and "The log cannot be written" in seen["status"][0]
