from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from sec_desktop.app import Application, create_application
from sec_desktop.paths import AppPaths
from sec_desktop.settings import Theme
from sec_desktop.ui.background import wait_for_background_work
from sec_desktop.ui.theme import apply_theme

# A strong passphrase for test vaults (made with the minimum KDF settings: fast).
TEST_PASSPHRASE = "orbit lantern cobalt meadow ferry"


@pytest.fixture(scope="session")
def qapp() -> Iterator[QApplication]:
    """The application as SEC Desktop builds it (Fusion style, icon, names)."""
    yield create_application(["sec-desktop-tests"])


def start_application(qapp: QApplication, qtbot, app_paths: AppPaths) -> Application:
    """The app, shown, with no vault yet: the first-run screen."""
    application = Application(qapp, app_paths, kdf_seconds=0.0)
    qtbot.addWidget(application.window)
    application.show()
    qtbot.waitExposed(application.window)
    return application


def unlock_new_vault(application: Application, qtbot) -> None:
    """Create a vault as the first-run screen would, and go on to the workspace."""
    session = application.session
    with qtbot.waitSignal(session.created, timeout=20000):
        session.create(session.path, TEST_PASSPHRASE)
    application.gate.enter_workspace()
    assert application.window.workspace_shown


@pytest.fixture
def locked_application(qapp: QApplication, qtbot, app_paths: AppPaths) -> Iterator[Application]:
    application = start_application(qapp, qtbot, app_paths)
    yield application
    _tidy(application, qapp)


@pytest.fixture
def application(qapp: QApplication, qtbot, app_paths: AppPaths) -> Iterator[Application]:
    """The app with a new vault, unlocked, showing the workspace."""
    application = start_application(qapp, qtbot, app_paths)
    unlock_new_vault(application, qtbot)
    yield application
    _tidy(application, qapp)


def _tidy(application: Application, qapp: QApplication) -> None:
    application.exception_handler.uninstall()
    wait_for_background_work()
    application.session.lock()
    apply_theme(qapp, Theme.SYSTEM)
