from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from sec_desktop.app import Application, create_application
from sec_desktop.paths import AppPaths
from sec_desktop.settings import Theme
from sec_desktop.ui.theme import apply_theme


@pytest.fixture(scope="session")
def qapp() -> Iterator[QApplication]:
    """The application as SEC Desktop builds it (Fusion style, icon, names)."""
    yield create_application(["sec-desktop-tests"])


@pytest.fixture
def application(qapp: QApplication, qtbot, app_paths: AppPaths) -> Iterator[Application]:
    application = Application(qapp, app_paths)
    qtbot.addWidget(application.window)
    application.show()
    qtbot.waitExposed(application.window)
    yield application
    application.exception_handler.uninstall()
    apply_theme(qapp, Theme.SYSTEM)
