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
from sec_desktop.paths import AppPaths
from sec_desktop.settings import LoadResult, Preferences, PreferencesStore, Theme
from sec_desktop.ui.about_dialog import AboutDialog
from sec_desktop.ui.crash_dialog import CrashDialog, ExceptionHandler
from sec_desktop.ui.main_window import MainWindow
from sec_desktop.ui.self_test import PageResult, QtWarningsCollector, check_pages
from sec_desktop.ui.theme import apply_theme
from sec_desktop.ui.translation import available_languages, install_translators

log = logging.getLogger(__name__)


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

    def __init__(self, app: QApplication, paths: AppPaths, log_problem: str = "") -> None:
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
        self.window = MainWindow(
            store=self.store,
            preferences=self.preferences,
            languages=available_languages(app_paths.translations_dir()),
            paths=paths,
            show_about=self.show_about,
        )
        self.window.settings_page.preferences_changed.connect(self._on_preferences_changed)
        self._startup_messages = self._startup_problems(loaded, log_problem)

    def show(self) -> None:
        """Show the window, then any problem found at start, so that it is seen."""
        self.window.show()
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


def run_gui(paths: AppPaths | None = None) -> int:
    paths = paths or AppPaths.for_user()
    log_problem = _start_logging(paths)
    log.info("SEC Desktop %s starting", __version__)
    app = create_application(sys.argv[:1])
    try:
        application = Application(app, paths, log_problem)
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


def run_self_test(screenshots: Path | None) -> list[PageResult]:
    """Build every page offscreen with throwaway settings; the user's files are untouched."""
    # Offscreen always; a caller may pass offscreen options (a screen size, a pixel ratio).
    if not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="sec-desktop-self-test-") as root:
        paths = AppPaths.under(Path(root))
        _start_logging(paths)
        try:
            return _check_every_page(paths, screenshots)
        finally:
            close_logging()


def _check_every_page(paths: AppPaths, screenshots: Path | None) -> list[PageResult]:
    app = create_application(sys.argv[:1])
    with QtWarningsCollector() as warnings:
        try:
            application = Application(app, paths)
        except Exception as error:  # a window that cannot be built is the first failure
            log.error("Self-test: the main window failed\n%s", "\n".join(format_exception(error)))
            return [PageResult("window", False, type(error).__name__)]
        window = application.window
        about = AboutDialog(shipped_components(), runtime_versions(), window)
        try:
            return check_pages(window, {"about": about}, screenshots, warnings)
        finally:
            about.deleteLater()
            window.close()
            window.deleteLater()
