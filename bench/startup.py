"""Start-up: from spawning the app to its unlock window shown, against an empty window.

    python -m bench.startup [--repeat 7] [--out FILE]

Both are fresh processes, offscreen, started alternately in the same run:

- the app: `python -m sec_desktop <vault>` (the real launch path), with
  SEC_DESKTOP_REPORT_SHOWN=<file>: once its first screen (the unlock window) is painted,
  the app writes the time to the file and quits (see sec_desktop/app.py);
- the floor: bench/gui_empty_window.py, which imports PySide6, makes a QApplication,
  shows an empty QWidget and writes the time of its first paint the same way.

The value is the median of (time painted - time spawned), both wall-clock on this machine.
Each process gets its own empty HOME, so no user preferences or vault are read. The
package's bytecode is compiled first, as an installed copy's is (this environment may set
PYTHONDONTWRITEBYTECODE, which would otherwise bill compiling edited modules to the app).
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import vaults
from bench.harness import Result, group_main, scratch_copy

NAME = "start to unlock window shown"
SHOWN_ENV = "SEC_DESKTOP_REPORT_SHOWN"
TIMEOUT_S = 120


def _time_to_shown(
    command: list[str], home: Path, report: Path, extra_env: dict[str, str]
) -> float:
    """Seconds from spawning `command` to the first-paint time it wrote to `report`."""
    report.unlink(missing_ok=True)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        **extra_env,
    }
    spawned = time.time()
    completed = subprocess.run(  # noqa: S603 (this interpreter, our own module or the app)
        command, env=env, check=False, timeout=TIMEOUT_S, capture_output=True, text=True
    )
    if completed.returncode != 0 or not report.exists():
        problem = completed.stderr[-2000:]
        raise RuntimeError(
            f"{command[2]} exited {completed.returncode} without reporting: {problem}"
        )
    shown = float(report.read_text(encoding="utf-8").split()[0])
    return shown - spawned


def app_command(vault: Path) -> list[str]:
    return [sys.executable, "-m", "sec_desktop", str(vault)]


def floor_command(report: Path) -> list[str]:
    return [sys.executable, "-m", "bench.gui_empty_window", str(report)]


def group(scales: tuple[int, ...], repeat: int) -> list[Result]:
    del scales  # one measure, independent of the vault's size (it is not opened)
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "sec_desktop", quiet=1)
    with tempfile.TemporaryDirectory(prefix="sec-bench-startup-") as folder:
        root = Path(folder)
        report = root / "shown.txt"
        with scratch_copy(vaults.demo_vault(1), root / "vault") as vault:
            app_times: list[float] = []
            floor_times: list[float] = []
            # One untimed start of each first (file caches), then alternately.
            for timed in [False] + [True] * repeat:
                home = root / f"home-{len(app_times)}"
                home.mkdir(exist_ok=True)
                app = _time_to_shown(app_command(vault), home, report, {SHOWN_ENV: str(report)})
                floor = _time_to_shown(floor_command(report), home, report, {})
                if timed:
                    app_times.append(app)
                    floor_times.append(floor)
    return [
        Result(
            NAME,
            None,
            statistics.median(app_times),
            statistics.median(floor_times),
            max_ratio=1.5,
            detail=(
                f"median of {repeat} fresh starts each, alternated; floor: an empty PySide6 "
                "QWidget shown; app: python -m sec_desktop VAULT to its unlock window painted"
            ),
        )
    ]


if __name__ == "__main__":
    group_main(group, (1,))
