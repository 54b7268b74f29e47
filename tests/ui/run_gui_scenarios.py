"""Scenarios that start the app with run_gui, each in its own process.

run_gui runs the application's event loop to its end, which leaves PySide in a state
that later tests in the same process would feel; a process per scenario also starts the
app the way a user does. Each prints one JSON line with what it saw.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from sec_desktop.app import create_application, run_gui
from sec_desktop.paths import AppPaths
from sec_desktop.ui.crash_dialog import CrashDialog

PLANTED = "Planted Personname"


def fail_in_the_event_loop() -> None:
    name = PLANTED
    raise KeyError(name)


def look_then_quit(
    app: QApplication, seen: dict[str, object], expect_report: bool = False
) -> Callable[[], None]:
    # On a busy machine the window may take longer to build than the first look waits:
    # a report that is expected is waited for (for a while) rather than missed.
    tries = [50]

    def look() -> None:
        widgets = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        if expect_report and tries[0] and not any(isinstance(w, CrashDialog) for w in widgets):
            tries[0] -= 1
            QTimer.singleShot(100, look)
            return
        seen["reports"] = [w.report() for w in widgets if isinstance(w, CrashDialog)]
        seen["status"] = [
            w.statusBar().currentMessage() for w in widgets if w.objectName() == "mainWindow"
        ]
        for widget in widgets:
            widget.close()
        app.quit()

    return look


def main(scenario: str, root: Path) -> None:
    paths = AppPaths.under(root)
    app = create_application(["sec-desktop"])
    seen: dict[str, object] = {"hook_before": repr(sys.excepthook)}
    if scenario == "error-in-event-loop":
        QTimer.singleShot(50, fail_in_the_event_loop)
    elif scenario == "failure-at-start":

        def broken_window(**kwargs: object) -> None:
            fail_in_the_event_loop()

        import sec_desktop.app

        sec_desktop.app.MainWindow = broken_window  # type: ignore[assignment,misc]
        CrashDialog.exec = lambda self: seen.setdefault("reports", [self.report()]) and 0  # type: ignore[method-assign]
    elif scenario == "unwritable-log-folder":
        paths.log_dir.parent.mkdir(parents=True, exist_ok=True)
        paths.log_dir.write_text("a file where the folder should be", encoding="utf-8")
    expect_report = scenario == "error-in-event-loop"
    QTimer.singleShot(400, look_then_quit(app, seen, expect_report))
    seen["code"] = run_gui(paths)
    seen["hook_after"] = repr(sys.excepthook)
    print(json.dumps(seen))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
