"""Scenarios that start the app with run_gui, each in its own process.

run_gui runs the application's event loop to its end, which leaves PySide in a state
that later tests in the same process would feel; a process per scenario also starts the
app the way a user does. Each prints one JSON line with what it saw.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from sec_desktop.app import Application, create_application, run_gui
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


def lean_start(root: Path) -> dict[str, object]:
    """As run_gui starts it: the unlock screen painted before the vault stack is imported,
    the rest built after, and unlocking through that first screen."""
    vault_path = make_vault(root)
    paths = AppPaths.under(root)
    app = create_application(["sec-desktop"])
    application = Application(app, paths, vault_path=vault_path, defer_workspace=True)
    seen: dict[str, object] = {}

    def painted() -> None:
        seen["gate"] = type(application.window.gate).__name__
        seen["built_when_painted"] = application.built
        seen["vault_stack_when_painted"] = sorted(
            name
            for name in ("sqlalchemy", "alembic", "sec_desktop.vault.vault")
            if name in sys.modules
        )

    application.when_first_painted(painted)
    application.show()
    wait_until(app, lambda: application.built)
    seen["pages"] = len(application.window.workspace_pages())
    page = application.window.gate
    page.passphrase_edit.setText(PASSPHRASE)  # type: ignore[union-attr]
    page.unlock_button.click()  # type: ignore[union-attr]
    wait_until(app, lambda: application.window.workspace_shown)
    seen["unlocked"] = application.session.is_unlocked
    seen["area"] = application.window.current_area()
    application.close_vault()
    return seen


def report_shown(root: Path) -> dict[str, object]:
    """run_gui with SEC_DESKTOP_REPORT_SHOWN set: it writes the time and quits by itself."""
    vault_path = make_vault(root)
    report = root / "shown.txt"
    os.environ["SEC_DESKTOP_REPORT_SHOWN"] = str(report)
    before = time.time()
    code = run_gui(AppPaths.under(root), vault_path=vault_path)
    lines = report.read_text(encoding="utf-8").splitlines()
    return {
        "code": code,
        "lines": len(lines),
        "after_start": before <= float(lines[0]) <= time.time(),
    }


# Made by the test beforehand (making it here would import the vault stack first).
VAULT_NAME = "lean.secvault"
PASSPHRASE = "orbit lantern cobalt meadow ferry"


def make_vault(root: Path) -> Path:
    return root / VAULT_NAME


def wait_until(app: QApplication, done: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there")
        app.processEvents()
        time.sleep(0.005)


def main(scenario: str, root: Path) -> None:
    if scenario == "lean-start":
        print(json.dumps(lean_start(root)))
        return
    if scenario == "report-shown":
        print(json.dumps(report_shown(root)))
        return
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
