"""The first-run screen's "Explore with demo data": a separate, marked demo vault."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton

from sec_desktop.app import Application
from sec_desktop.services.demo_vault import DEMO_PASSPHRASE, is_demo_path
from sec_desktop.ui.create_vault_page import CreateVaultPage
from sec_desktop.ui.unlock_page import UnlockPage


def explore_demo(application: Application, qtbot) -> None:
    page = application.window.gate
    assert isinstance(page, CreateVaultPage)
    button = page.findChild(QPushButton, "exploreDemo")
    with qtbot.waitSignal(application.session.unlocked, timeout=120_000):
        button.click()
    assert application.window.workspace_shown


def test_the_demo_opens_marked_demo_and_is_never_remembered(
    locked_application: Application, qtbot
) -> None:
    application = locked_application
    explore_demo(application, qtbot)
    window = application.window
    assert is_demo_path(application.session.path)
    assert window.windowTitle().endswith("DEMO")
    assert window.demo_label.isVisible()
    # The user's own vault is still the one to open next time.
    assert not application.preferences.vault_path.endswith("demo.secvault")
    assert application.session.path.parent == application.default_vault_path.parent


def test_locking_the_demo_shows_its_passphrase_and_a_way_back(
    locked_application: Application, qtbot
) -> None:
    application = locked_application
    explore_demo(application, qtbot)
    application.gate.lock()
    page = application.window.gate
    assert isinstance(page, UnlockPage)
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert DEMO_PASSPHRASE in texts
    assert not application.window.demo_label.isVisible()
    leave = page.findChild(QPushButton, "leaveDemo")
    leave.click()
    assert isinstance(application.window.gate, CreateVaultPage)
    assert application.session.path == application.default_vault_path


def test_the_demo_opens_again_with_its_records(locked_application: Application, qtbot) -> None:
    application = locked_application
    explore_demo(application, qtbot)
    vault = application.session.vault
    assert vault is not None
    application.gate.lock()
    page = application.window.gate
    assert isinstance(page, UnlockPage)
    page.passphrase_edit.setText(DEMO_PASSPHRASE)
    with qtbot.waitSignal(application.session.unlocked, timeout=60_000):
        page.unlock()
    assert application.window.windowTitle().endswith("DEMO")


def test_an_own_vault_is_not_marked_demo(application: Application) -> None:
    assert "DEMO" not in application.window.windowTitle()
    assert not application.window.demo_label.isVisible()
