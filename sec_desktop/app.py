"""Builds the QApplication and wires the services into the main window.

The one module outside `ui/` allowed to import Qt. Everything is passed in explicitly:
paths, the preferences store, the exception handler; no global service locator.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from sec_desktop import __version__
from sec_desktop import paths as app_paths
from sec_desktop.about import shipped_components
from sec_desktop.crash_report import build_report, format_exception
from sec_desktop.logs import close_logging, configure_logging
from sec_desktop.paths import AppPaths, ensure_private_dir
from sec_desktop.settings import LoadResult, Preferences, PreferencesStore, Theme
from sec_desktop.ui.about_dialog import AboutDialog
from sec_desktop.ui.background import wait_for_background_work
from sec_desktop.ui.clipboard import ClipboardGuard
from sec_desktop.ui.crash_dialog import CrashDialog, ExceptionHandler
from sec_desktop.ui.main_window import MainWindow
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.self_test import PageResult, QtWarningsCollector, SelfTest
from sec_desktop.ui.theme import apply_theme
from sec_desktop.ui.translation import available_languages, install_translators
from sec_desktop.ui.vault_gate import VaultGate
from sec_desktop.ui.vault_session import VaultSession
from sec_desktop.vault.backups import RetentionPolicy
from sec_desktop.vault.vault import Unlock

log = logging.getLogger(__name__)

DEFAULT_VAULT_NAME = "records.secvault"


def runtime_versions() -> dict[str, str]:
    return {"Qt": qVersion(), "PySide6": pyside_version}


def create_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(list(argv))
    app.setApplicationName("SEC Desktop")
    app.setOrganizationName("SEC Desktop")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("sec-desktop")
    app.setStyle("Fusion")
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
    ) -> None:
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
            retention=self._retention(self.preferences),
            kdf_seconds=kdf_seconds,
        )
        self.clipboard = ClipboardGuard()
        self.writer = RecordWriter()
        self.window = MainWindow(
            store=self.store,
            preferences=self.preferences,
            languages=available_languages(app_paths.translations_dir()),
            paths=paths,
            show_about=self.show_about,
            session=self.session,
        )
        self.window.settings_page.preferences_changed.connect(self._on_preferences_changed)
        self.session.setParent(self.window)
        self.writer.setParent(self.window)
        self.gate = VaultGate(
            self.window,
            self.session,
            default_path=self.default_vault_path,
            idle_minutes=self.preferences.idle_lock_minutes,
            clipboard=self.clipboard,
            remember_vault_path=self._remember_vault_path,
            writer=self.writer,
            parent=self.window,
        )
        app.aboutToQuit.connect(self.close_vault)
        self._startup_messages = self._startup_problems(loaded, log_problem)

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
        return RetentionPolicy(preferences.backup_keep_last, preferences.backup_daily_days)

    def _remember_vault_path(self, path: Path) -> None:
        if self.preferences.vault_path != str(path):
            self.window.settings_page.remember_vault_path(str(path))

    def close_vault(self) -> None:
        """At quit: wait for a save in progress, then drop the key and release the lock."""
        wait_for_background_work()
        self.session.lock()

    def show(self) -> None:
        """Show the window, then any problem found at start, so that it is seen."""
        self.window.show()
        self.gate.start()
        if self._startup_messages:
            self.window.show_status(" ".join(self._startup_messages), persistent=True)

    def show_about(self, parent: QWidget) -> AboutDialog:
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
            messages.append(
                QCoreApplication.translate(
                    "Application",
                    "The log cannot be written ({reason}), so problems are not being recorded.",
                ).format(reason=log_problem)
            )
        if messages:
            log.warning("Startup: %d problem(s) reported to the user", len(messages))
        return messages


def _start_logging(paths: AppPaths) -> str:
    """Start the log file; a log folder that cannot be written must not stop the app."""
    try:
        configure_logging(paths.log_file)
    except OSError as error:
        return error.strerror or type(error).__name__
    return ""


def run_gui(paths: AppPaths | None = None, vault_path: Path | None = None) -> int:
    paths = paths or AppPaths.for_user()
    log_problem = _start_logging(paths)
    log.info("SEC Desktop %s starting", __version__)
    app = create_application(sys.argv[:1])
    try:
        application = Application(app, paths, log_problem, vault_path=vault_path)
    except Exception as error:  # shown to the user, with a safe report
        report = build_report(error, runtime_versions())
        log.error("SEC Desktop could not start\n%s", report)
        CrashDialog(report).exec()
        return 1
    application.exception_handler.install()
    try:
        application.show()
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
