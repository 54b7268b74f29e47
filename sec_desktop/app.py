"""Builds the QApplication and wires the services into the main window.

The one module outside `ui/` allowed to import Qt. Everything is passed in explicitly:
paths, the preferences store, the exception handler; no global service locator.

Started by a user (`run_gui`), it shows the unlock screen first and only then loads the
rest (the vault stack, the services, every page of the workspace), a step per turn of
the event loop, so that the window appears as fast as an empty one and keeps answering.
This module therefore imports nothing heavy at the top.

`SEC_DESKTOP_REPORT_SHOWN=<file>` (for the start-up benchmark, bench/startup.py): once
the first screen is painted, the app appends one line to that file (the wall-clock time,
`time.time()`) and quits. Unset, nothing changes.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from sec_desktop import __version__
from sec_desktop import paths as app_paths
from sec_desktop.crash_report import build_report, format_exception
from sec_desktop.logs import (
    close_logging,
    configure_logging,
    drop_early_records,
    hold_early_records,
)
from sec_desktop.memory import limit_malloc_arenas
from sec_desktop.paths import AppPaths, ensure_private_dir
from sec_desktop.settings import LoadResult, Preferences, PreferencesStore, Theme
from sec_desktop.ui.background import wait_for_background_work
from sec_desktop.ui.exception_handler import ExceptionHandler
from sec_desktop.ui.main_window import MainWindow
from sec_desktop.ui.theme import apply_theme
from sec_desktop.ui.translation import available_languages, install_translators
from sec_desktop.ui.unlock_page import UnlockPage
from sec_desktop.ui.vault_session import VaultSession

if TYPE_CHECKING:
    from sec_desktop.ui.about_dialog import AboutDialog
    from sec_desktop.ui.self_test import PageResult
    from sec_desktop.ui.vault_gate import VaultGate
    from sec_desktop.vault.backups import RetentionPolicy

log = logging.getLogger(__name__)

DEFAULT_VAULT_NAME = "records.secvault"
REPORT_SHOWN_ENV = "SEC_DESKTOP_REPORT_SHOWN"


def runtime_versions() -> dict[str, str]:
    return {"Qt": qVersion(), "PySide6": pyside_version}


def create_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fusion from the start (as `-style`): cheaper than setStyle, which wraps a QStyle.
    app = QApplication([*argv[:1], "-style", "Fusion", *argv[1:]])
    app.setApplicationName("SEC Desktop")
    app.setOrganizationName("SEC Desktop")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("sec-desktop")
    app.setWindowIcon(QIcon(str(app_paths.icon_path("sec-desktop.svg"))))
    app.setStyleSheet(_read_stylesheet())
    return app


def _read_stylesheet() -> str:
    try:
        return (app_paths.resources_dir() / "style.qss").read_text(encoding="utf-8")
    except OSError:
        log.warning("Stylesheet not found; the plain style is used")
        return ""


class Application:
    """The running application: owns the window, the translators and the exception hook.

    It holds the one current copy of the preferences: the settings page reports each
    change, and the application applies it.
    """

    def __init__(
        self,
        app: QApplication,
        paths: AppPaths,
        log_problem: str = "",
        *,
        vault_path: Path | None = None,
        kdf_seconds: float = 1.0,
        defer_workspace: bool = False,
    ) -> None:
        """With `defer_workspace` (as a user starts it), the window is only a frame until
        it has been painted once; the workspace and the gate are built after, in steps.
        Anything that needs them sooner (unlocking, `gate`) finishes the build at once."""
        self.app = app
        self.paths = paths
        # Dialogs of the exception handler belong to the main window, once there is one.
        self.exception_handler = ExceptionHandler(
            runtime_versions(), lambda: getattr(self, "window", None), app
        )
        self.store = PreferencesStore(paths.settings_file)
        loaded: LoadResult = self.store.load()
        self.preferences = loaded.preferences
        self._translators = install_translators(
            app, self.preferences.language, app_paths.translations_dir()
        )
        apply_theme(app, self.preferences.theme)
        app.styleHints().colorSchemeChanged.connect(self._on_system_scheme_changed)
        self.session = VaultSession(
            self._vault_path(vault_path),
            kdf_seconds=kdf_seconds,
        )
        self.window = MainWindow(
            store=self.store,
            preferences=self.preferences,
            languages=available_languages(app_paths.translations_dir()),
            paths=paths,
            show_about=self.show_about,
            session=self.session,
            defer_workspace=defer_workspace,
        )
        self.session.setParent(self.window)
        self._gate: VaultGate | None = None
        self._defer_workspace = defer_workspace
        self._steps: Iterator[None] | None = None
        self._when_painted: list[Callable[[], None]] = []
        self._first_paint = _FirstPaint(self.window, self._on_first_paint)
        app.aboutToQuit.connect(self.close_vault)
        self._startup_messages = self._startup_problems(loaded, log_problem)
        if not defer_workspace:
            self.finish_building()

    # --- building in stages ---------------------------------------------------------------

    @property
    def gate(self) -> VaultGate:
        """The gate (create, unlock, lock); asking for it finishes building the window."""
        self.finish_building()
        if self._gate is None:  # finish_building makes it
            raise RuntimeError("the gate was not built")
        return self._gate

    @property
    def built(self) -> bool:
        return self._gate is not None

    def finish_building(self) -> None:
        """Build whatever is left of the workspace, then the gate. Idempotent."""
        if self._gate is not None:
            return
        self.window.build_workspace()
        from sec_desktop.ui.clipboard import ClipboardGuard  # noqa: PLC0415 (after the paint)
        from sec_desktop.ui.record_writer import RecordWriter  # noqa: PLC0415
        from sec_desktop.ui.vault_gate import VaultGate  # noqa: PLC0415 (heavy: after the paint)

        # The unlock screen needs neither: they come with the workspace.
        self.clipboard = ClipboardGuard()
        self.writer = RecordWriter(self.window)

        # Before any vault is opened (an unlock finishes the build first).
        self.session.set_retention(self._retention(self.preferences))

        self.window.settings_page.preferences_changed.connect(self._on_preferences_changed)
        self._gate = VaultGate(
            self.window,
            self.session,
            default_path=self.default_vault_path,
            idle_minutes=self.preferences.idle_lock_minutes,
            clipboard=self.clipboard,
            remember_vault_path=self._remember_vault_path,
            writer=self.writer,
            parent=self.window,
        )
        log.info("Window built")
        if self._defer_workspace:  # as a user starts it (tests keep Python's defaults)
            _settle_the_heap()
            from sec_desktop.ui.quiet_collector import QuietCollector  # noqa: PLC0415

            self._collector = QuietCollector(self._gate.idle, self.window)

    def when_first_painted(self, callback: Callable[[], None]) -> None:
        """Call `callback` when the window is first painted (at once if it has been)."""
        if self._first_paint.seen:
            callback()
        else:
            self._when_painted.append(callback)

    def _on_first_paint(self) -> None:
        limit_malloc_arenas()  # before any worker thread: see sec_desktop/memory.py
        for callback in self._when_painted:
            callback()
        self._when_painted.clear()
        if self._gate is None:
            self._steps = self.window.workspace_steps()
            QTimer.singleShot(0, self._next_step)

    def _next_step(self) -> None:
        """One step of the build per turn of the event loop: typing on the unlock screen
        is answered between steps."""
        if self._gate is not None or self._steps is None:
            return
        if next(self._steps, _DONE) is _DONE:
            self.finish_building()
        else:
            QTimer.singleShot(0, self._next_step)

    @property
    def default_vault_path(self) -> Path:
        return self.paths.data_dir / DEFAULT_VAULT_NAME

    def _vault_path(self, given: Path | None) -> Path:
        """The vault named on the command line, else the last one used, else the default."""
        if given is not None:
            return given.absolute()
        if self.preferences.vault_path:
            return Path(self.preferences.vault_path)
        ensure_private_dir(self.paths.data_dir)
        return self.default_vault_path

    @staticmethod
    def _retention(preferences: Preferences) -> RetentionPolicy:
        from sec_desktop.vault.backups import RetentionPolicy  # noqa: PLC0415

        return RetentionPolicy(preferences.backup_keep_last, preferences.backup_daily_days)

    def _remember_vault_path(self, path: Path) -> None:
        if self.preferences.vault_path != str(path):
            self.window.settings_page.remember_vault_path(str(path))

    def close_vault(self) -> None:
        """At quit: wait for a save in progress, then drop the key and release the lock."""
        wait_for_background_work()
        self.session.lock()

    def show(self) -> None:
        """Show the window, then any problem found at start, so that it is seen.

        While the window is still being built, the unlock screen is shown on its own;
        the build is finished before an unlock can complete (the gate takes over)."""
        self.window.show()
        if self._gate is None and self.session.vault_exists():
            self._show_first_unlock()
        else:
            self.gate.start()
        if self._startup_messages:
            self.window.show_status(" ".join(self._startup_messages), persistent=True)

    def log_started(self, problem: str) -> None:
        """The log file was opened after the first paint; if it could not be, say so with
        the other problems found at start."""
        if not problem:
            return
        log.warning("Startup: the log cannot be written")
        self._startup_messages.append(_log_problem_message(problem))
        self.window.show_status(" ".join(self._startup_messages), persistent=True)

    def _show_first_unlock(self) -> None:
        page = UnlockPage(self.session)
        page.leave_demo_requested.connect(self._leave_demo)
        # Unlocking starts on the GUI thread; the gate must be there to receive its end.
        self.session.busy_changed.connect(self._finish_before_unlocking)
        self.window.show_gate(page)

    def _leave_demo(self) -> None:
        self.gate.leave_demo()

    def _finish_before_unlocking(self, busy: bool) -> None:
        if busy:
            self.session.busy_changed.disconnect(self._finish_before_unlocking)
            self.finish_building()

    def show_about(self, parent: QWidget) -> AboutDialog:
        from sec_desktop.about import shipped_components  # noqa: PLC0415
        from sec_desktop.ui.about_dialog import AboutDialog  # noqa: PLC0415

        dialog = AboutDialog(shipped_components(), runtime_versions(), parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_preferences_changed(self, preferences: Preferences) -> None:
        if preferences.theme is not self.preferences.theme:
            apply_theme(self.app, preferences.theme)
        if preferences.idle_lock_minutes != self.preferences.idle_lock_minutes:
            self.gate.set_idle_minutes(preferences.idle_lock_minutes)
        if self._retention(preferences) != self._retention(self.preferences):
            self.session.set_retention(self._retention(preferences))
        self.preferences = preferences

    def _on_system_scheme_changed(self) -> None:
        if self.preferences.theme is Theme.SYSTEM:
            apply_theme(self.app, Theme.SYSTEM)

    def _startup_problems(self, loaded: LoadResult, log_problem: str) -> list[str]:
        messages = [
            QCoreApplication.translate("Preferences", p.message).format(**p.values)
            for p in loaded.problems
        ]
        if self.preferences.language != "en" and not self._translators:
            messages.append(
                QCoreApplication.translate(
                    "Application", "The chosen language could not be loaded, so English is used."
                )
            )
        if log_problem:
            messages.append(_log_problem_message(log_problem))
        if messages:
            log.warning("Startup: %d problem(s) reported to the user", len(messages))
        return messages


def _log_problem_message(reason: str) -> str:
    return QCoreApplication.translate(
        "Application",
        "The log cannot be written ({reason}), so problems are not being recorded.",
    ).format(reason=reason)


_DONE = object()


def _settle_the_heap() -> None:
    """Once the window is built, before any vault is opened: collect what building left,
    then exclude everything alive now (the modules, the window: all there for good) from
    future garbage collections. Otherwise every full collection walks them all again,
    blocking the GUI thread for 40-70 ms at a time while records are shown. Nothing
    of a vault is frozen: it does not exist yet (unlocking finishes the build first)."""
    gc.collect()
    gc.freeze()


class _FirstPaint(QObject):
    """Calls back once, when the window receives its first paint event (the callback runs
    before the painting; work it schedules with a zero timer runs after the frame)."""

    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self.seen = False
        self._callback = callback
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            watched.removeEventFilter(self)
            self._callback()
        return False


def report_shown_when_asked(
    application: Application, environ: Mapping[str, str] = os.environ
) -> bool:
    """The start-up benchmark's hook: with SEC_DESKTOP_REPORT_SHOWN=<file>, append the
    time the first screen was painted to the file, then quit. Returns whether it is set."""
    target = environ.get(REPORT_SHOWN_ENV, "")
    if not target:
        return False

    def report() -> None:
        shown = time.time()
        with open(target, "a", encoding="utf-8") as out:
            out.write(f"{shown!r}\n")
        application.app.quit()

    # After the frame: the zero timer runs once the paint event has been handled.
    application.when_first_painted(lambda: QTimer.singleShot(0, report))
    return True


def _start_logging(paths: AppPaths) -> str:
    """Start the log file; a log folder that cannot be written must not stop the app."""
    try:
        configure_logging(paths.log_file)
    except OSError as error:
        drop_early_records()
        return error.strerror or type(error).__name__
    return ""


def run_gui(paths: AppPaths | None = None, vault_path: Path | None = None) -> int:
    paths = paths or AppPaths.for_user()
    # The log file opens once the first window is painted; what is logged before is held.
    hold_early_records()
    log.info("SEC Desktop %s starting", __version__)
    app = create_application(sys.argv[:1])
    try:
        application = Application(app, paths, vault_path=vault_path, defer_workspace=True)
    except Exception as error:  # shown to the user, with a safe report
        _start_logging(paths)  # the failure is logged, with what came before it
        report = build_report(error, runtime_versions())
        log.error("SEC Desktop could not start\n%s", report)
        from sec_desktop.ui.crash_dialog import CrashDialog  # noqa: PLC0415

        CrashDialog(report).exec()
        return 1
    application.exception_handler.install()
    report_shown_when_asked(application)
    try:
        application.show()

        def start_log() -> None:
            application.log_started(_start_logging(paths))

        if application.built:  # built at once (no vault yet): nothing to hurry for
            start_log()
        else:  # after the unlock screen's first frame
            application.when_first_painted(lambda: QTimer.singleShot(0, start_log))
        return app.exec()
    finally:
        log.info("SEC Desktop stopped")
        application.exception_handler.uninstall()


def run_self_test(
    screenshots: Path | None, vault: Path | None = None, passphrase: str | None = None
) -> list[PageResult]:
    """Build every screen offscreen with throwaway settings; the user's files are untouched.

    Without a vault, a throwaway one is created (and the create, recovery key and unlock
    screens are checked on the way); with one, it is unlocked with `passphrase`.
    """
    # Offscreen always; a caller may pass offscreen options (a screen size, a pixel ratio).
    if not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import tempfile  # noqa: PLC0415 (the self-test only)

    with tempfile.TemporaryDirectory(prefix="sec-desktop-self-test-") as root:
        paths = AppPaths.under(Path(root))
        _start_logging(paths)
        try:
            return _check_every_screen(paths, screenshots, vault, passphrase)
        finally:
            close_logging()


def _check_every_screen(
    paths: AppPaths, screenshots: Path | None, vault: Path | None, passphrase: str | None
) -> list[PageResult]:
    from sec_desktop.about import shipped_components  # noqa: PLC0415
    from sec_desktop.ui.about_dialog import AboutDialog  # noqa: PLC0415
    from sec_desktop.ui.self_test import QtWarningsCollector, SelfTest  # noqa: PLC0415
    from sec_desktop.vault.vault import Unlock  # noqa: PLC0415

    app = create_application(sys.argv[:1])
    with QtWarningsCollector() as warnings:
        try:
            application = Application(app, paths, vault_path=vault, kdf_seconds=0.0)
        except Exception as error:  # a window that cannot be built is the first failure
            log.error("Self-test: the main window failed\n%s", "\n".join(format_exception(error)))
            return [PageResult("window", False, type(error).__name__)]
        checker = SelfTest(application.window, screenshots, warnings)
        try:
            application.show()
            if vault is None:
                checker.through_a_new_vault(application.session, application.gate)
            else:
                checker.unlock(application.session, Unlock(passphrase=passphrase or ""))
            if application.session.is_unlocked:
                about = AboutDialog(shipped_components(), runtime_versions(), application.window)
                checker.workspace_pages({"about": about})
                about.deleteLater()
                if vault is None:
                    application.gate.lock()
                    checker.screen("unlock", application.window)
            return checker.results
        finally:
            application.close_vault()
            application.window.close()
            application.window.deleteLater()
