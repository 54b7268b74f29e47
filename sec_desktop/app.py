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
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from sec_desktop import paths as app_paths
from sec_desktop.about import shipped_components
from sec_desktop.crash_report import build_report
from sec_desktop.logs import close_logging, configure_logging
from sec_desktop.paths import AppPaths
from sec_desktop.settings import LoadResult, PreferencesStore, Theme
from sec_desktop.ui.about_dialog import AboutDialog
from sec_desktop.ui.crash_dialog import CrashDialog, ExceptionHandler
from sec_desktop.ui.main_window import MainWindow
from sec_desktop.ui.self_test import PageResult, check_pages
from sec_desktop.ui.theme import apply_theme
from sec_desktop.ui.translation import available_languages, install_translators

log = logging.getLogger(__name__)


def runtime_versions() -> dict[str, str]:
    return {"Qt": qVersion(), "PySide6": pyside_version}


def create_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional scaling (125 %, 150 %) as the system asks, not rounded to whole numbers.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(list(argv))
    app.setApplicationName("SEC Desktop")
    app.setOrganizationName("SEC Desktop")
    app.setApplicationVersion(_version())
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


def _version() -> str:
    from sec_desktop import __version__  # noqa: PLC0415 (kept local: one source of truth)

    return __version__


class Application:
    """The running application: owns the window, the translators and the exception hook."""

    def __init__(self, app: QApplication, paths: AppPaths) -> None:
        self.app = app
        self.paths = paths
        self.store = PreferencesStore(paths.settings_file)
        loaded: LoadResult = self.store.load()
        self.preferences = loaded.preferences
        self._translators = install_translators(
            app, self.preferences.language, app_paths.translations_dir()
        )
        self.theme = self.preferences.theme
        apply_theme(app, self.theme)
        app.styleHints().colorSchemeChanged.connect(self._on_system_scheme_changed)
        self.exception_handler = ExceptionHandler(runtime_versions(), self._active_window, app)
        self.window = MainWindow(
            store=self.store,
            preferences=self.preferences,
            languages=available_languages(app_paths.translations_dir()),
            paths=paths,
            apply_theme=self.set_theme,
            show_about=self.show_about,
        )
        self._report_startup_problems(loaded)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        apply_theme(self.app, theme)

    def show_about(self, parent: QWidget) -> AboutDialog:
        dialog = AboutDialog(shipped_components(), runtime_versions(), parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _active_window(self) -> QWidget | None:
        return QApplication.activeWindow() or self.window

    def _on_system_scheme_changed(self) -> None:
        if self.theme is Theme.SYSTEM:
            apply_theme(self.app, Theme.SYSTEM)

    def _report_startup_problems(self, loaded: LoadResult) -> None:
        messages = [QCoreApplication.translate("Preferences", p) for p in loaded.problems]
        if self.preferences.language != "en" and not self._translators:
            messages.append(
                QCoreApplication.translate(
                    "Application", "The chosen language could not be loaded, so English is used."
                )
            )
        if messages:
            log.warning("Startup: %d preference problem(s)", len(messages))
            self.window.show_status(" ".join(messages))


def run_gui(paths: AppPaths | None = None) -> int:
    paths = paths or AppPaths.for_user()
    configure_logging(paths.log_file)
    log.info("SEC Desktop %s starting", _version())
    app = create_application(sys.argv[:1])
    try:
        application = Application(app, paths)
    except Exception as error:  # shown to the user, with a safe report
        report = build_report(error, runtime_versions())
        log.error("SEC Desktop could not start\n%s", report)
        CrashDialog(report).exec()
        return 1
    application.exception_handler.install()
    application.window.show()
    try:
        return app.exec()
    finally:
        application.exception_handler.uninstall()
        log.info("SEC Desktop stopped")


def run_self_test(screenshots: Path | None) -> list[PageResult]:
    """Build every page offscreen with throwaway settings; the user's files are untouched."""
    # Offscreen always; a caller may pass offscreen options (a screen size, a pixel ratio).
    if not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="sec-desktop-self-test-") as root:
        paths = AppPaths.under(Path(root))
        configure_logging(paths.log_file)
        app = create_application(sys.argv[:1])
        application = Application(app, paths)
        about = AboutDialog(shipped_components(), runtime_versions(), application.window)
        results = check_pages(application.window, {"about": about}, screenshots)
        about.deleteLater()
        application.window.close()
        application.window.deleteLater()
        close_logging()
        return results
