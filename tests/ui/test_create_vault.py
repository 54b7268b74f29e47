"""The first-run screen: where the vault goes, the passphrase, and creating it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from sec_desktop.ui import create_vault_page
from sec_desktop.ui.background import wait_for_background_work
from sec_desktop.ui.create_vault_page import CreateVaultPage, choose_vault_file
from sec_desktop.ui.vault_session import VaultSession
from sec_desktop.vault.errors import SaveFailed
from sec_desktop.vault.vault import Vault
from tests.vault.conftest import FLOOR, PASSPHRASE


def fast_creator(path, passphrase):
    return Vault.create(path, passphrase, kdf_params=FLOOR)


@pytest.fixture
def session(tmp_path):
    session = VaultSession(tmp_path / "unused.secvault", creator=fast_creator)
    yield session
    wait_for_background_work()
    session.lock()


@pytest.fixture
def vault_path(tmp_path):
    return tmp_path / "data" / "records.secvault"


@pytest.fixture
def page(qtbot, session, vault_path):
    page = CreateVaultPage(session, vault_path)
    qtbot.addWidget(page)
    page.resize(1000, 650)
    page.show()
    qtbot.waitExposed(page)
    return page


def fill(page, passphrase=PASSPHRASE, confirmation=None):
    page.passphrase_edit.setText(passphrase)
    page.confirm_edit.setText(passphrase if confirmation is None else confirmation)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def focus_chain(start: QWidget, count: int) -> list[QWidget]:
    """The widgets Tab visits after `start`, in order."""
    chain, widget = [], start
    while len(chain) < count:
        widget = widget.nextInFocusChain()
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            chain.append(widget)
        assert widget is not start, "the chain came back round"
    return chain


def test_the_welcome_says_what_a_vault_is(page, vault_path) -> None:
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "one encrypted file" in texts
    assert "Nothing readable is ever written to disk" in texts
    assert "recovery key" in texts and "Nobody can recover a forgotten" in texts
    assert "encrypted USB stick" in texts
    assert page.location_edit.text() == str(vault_path)
    assert page.passphrase_edit.echoMode() == page.passphrase_edit.EchoMode.Password
    assert page.confirm_edit.echoMode() == page.confirm_edit.EchoMode.Password
    assert not page.create_button.isEnabled()
    assert not page.progress.isVisible() and not page.error_label.isVisible()


def test_creating_a_vault(page, session, vault_path, qtbot) -> None:
    qtbot.keyClicks(page.passphrase_edit, PASSPHRASE)
    qtbot.keyClicks(page.confirm_edit, PASSPHRASE)
    assert "Very strong" in page.meter.verdict.text()
    assert page.create_button.isEnabled()
    with qtbot.waitSignal(session.created, timeout=10000) as created:
        qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
        assert page.progress.isVisible()
        assert "Creating the vault (this takes a few seconds)" in page.progress.label.text()
        assert not page.form.isEnabled()
    assert vault_path.exists()
    assert session.is_unlocked and session.path == vault_path
    assert len(created.args[0]) == 44  # the recovery key, 9 groups of 4
    assert page.passphrase_edit.text() == "" and page.confirm_edit.text() == ""
    assert not page.progress.isVisible()
    assert page.location_edit.text() == str(vault_path)


def test_enter_in_the_confirmation_creates(page, session, vault_path, qtbot) -> None:
    fill(page)
    with qtbot.waitSignal(session.created, timeout=10000):
        qtbot.keyClick(page.confirm_edit, Qt.Key.Key_Return)
    assert vault_path.exists()


@pytest.mark.parametrize(
    ("passphrase", "message"),
    [
        ("Tr0ub4dor&3", "Use at least 12 characters."),
        ("passwordpassword", "This passphrase is easy to guess"),
        ("qwertyuiop123", "This passphrase is easy to guess"),
    ],
)
def test_a_weak_passphrase_is_refused_with_the_reason(page, passphrase, message) -> None:
    fill(page, passphrase)
    assert not page.create_button.isEnabled()
    assert message in page.meter.verdict.text()
    assert not page.mismatch_label.isVisible()


def test_different_passphrases_are_refused_with_the_reason(page, qtbot) -> None:
    fill(page, PASSPHRASE, PASSPHRASE + "x")
    assert not page.create_button.isEnabled()
    assert page.mismatch_label.isVisible()
    assert page.mismatch_label.text() == "The two passphrases are not the same."
    page.confirm_edit.setText(PASSPHRASE)
    assert not page.mismatch_label.isVisible()
    assert page.create_button.isEnabled()
    page.confirm_edit.clear()
    assert not page.mismatch_label.isVisible()  # nothing typed: nothing to complain about


def test_no_complaint_while_the_confirmation_is_right_so_far(page, qtbot) -> None:
    page.passphrase_edit.setText(PASSPHRASE)
    page.confirm_edit.setFocus()
    qtbot.waitUntil(page.confirm_edit.hasFocus)
    qtbot.keyClicks(page.confirm_edit, PASSPHRASE[:10])
    assert not page.mismatch_label.isVisible()
    assert not page.create_button.isEnabled()
    qtbot.keyClick(page.confirm_edit, Qt.Key.Key_Return)  # Enter on a half-typed copy
    assert page.mismatch_label.isVisible()
    qtbot.keyClicks(page.confirm_edit, PASSPHRASE[10:])
    assert not page.mismatch_label.isVisible()
    assert page.create_button.isEnabled()


def test_show_reveals_both_passphrases(page, qtbot) -> None:
    qtbot.mouseClick(page.show_check, Qt.MouseButton.LeftButton)
    assert page.passphrase_edit.echoMode() == page.passphrase_edit.EchoMode.Normal
    assert page.confirm_edit.echoMode() == page.confirm_edit.EchoMode.Normal
    qtbot.mouseClick(page.show_check, Qt.MouseButton.LeftButton)
    assert page.passphrase_edit.echoMode() == page.passphrase_edit.EchoMode.Password


def test_an_existing_file_is_refused_before_creating(page, session, vault_path, qtbot) -> None:
    vault_path.parent.mkdir(parents=True)
    vault_path.write_bytes(b"something else")
    fill(page)
    with qtbot.assertNotEmitted(session.busy_changed):
        qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert page.error_label.isVisible()
    assert "There is already a file at that place" in page.error_label.text()
    assert vault_path.read_bytes() == b"something else"
    assert page.passphrase_edit.text() == PASSPHRASE  # nothing typed is lost


def test_a_folder_that_cannot_be_made_is_refused(page, session, tmp_path, qtbot) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    page.location_edit.setText(str(blocker / "inside" / "records.secvault"))
    fill(page)
    with qtbot.assertNotEmitted(session.busy_changed):
        qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert "could not be made" in page.error_label.text()
    assert str(blocker / "inside") in page.error_label.text()


def test_a_folder_given_as_the_file_is_refused(page, session, tmp_path, qtbot) -> None:
    page.location_edit.setText(str(tmp_path))
    fill(page)
    with qtbot.assertNotEmitted(session.busy_changed):
        qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert "That is a folder" in page.error_label.text()


def test_a_missing_folder_is_made(page, session, tmp_path, qtbot) -> None:
    target = tmp_path / "usb" / "deep" / "mine.secvault"
    page.location_edit.setText(str(target))
    fill(page)
    with qtbot.waitSignal(session.created, timeout=10000):
        qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert target.exists()


def test_choose_puts_the_chosen_file_in_the_field(page, qtbot, tmp_path, monkeypatch) -> None:
    asked = []
    chosen = tmp_path / "usb" / "mine.secvault"

    def fake_chooser(parent, start):
        asked.append((parent, start))
        return chosen

    monkeypatch.setattr(create_vault_page, "choose_vault_file", fake_chooser)
    start = page.location
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)
    assert asked == [(page, start)]
    assert page.location_edit.text() == str(chosen)


def test_cancelling_choose_keeps_the_field(page, qtbot, vault_path, monkeypatch) -> None:
    monkeypatch.setattr(create_vault_page, "choose_vault_file", lambda parent, start: None)
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)
    assert page.location_edit.text() == str(vault_path)


def test_the_chooser_adds_the_vault_suffix(monkeypatch, tmp_path) -> None:
    dialog = create_vault_page.QFileDialog
    monkeypatch.setattr(
        dialog, "getSaveFileName", lambda *args, **kwargs: (str(tmp_path / "mine"), "")
    )
    assert choose_vault_file(None, tmp_path) == tmp_path / "mine.secvault"
    monkeypatch.setattr(dialog, "getSaveFileName", lambda *args, **kwargs: ("", ""))
    assert choose_vault_file(None, tmp_path) is None


def test_a_failed_create_is_shown_and_the_form_comes_back(qtbot, tmp_path) -> None:
    def failing_creator(path, passphrase):
        raise SaveFailed(reason="No space left on device", advice="Free some space.")

    session = VaultSession(tmp_path / "x.secvault", creator=failing_creator)
    page = CreateVaultPage(session, tmp_path / "records.secvault")
    qtbot.addWidget(page)
    page.show()
    fill(page)
    with qtbot.waitSignal(session.failed, timeout=10000):
        qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert page.error_label.isVisible()
    assert "No space left on device" in page.error_label.text()
    assert "Free some space." in page.error_label.text()
    assert page.form.isEnabled() and not page.progress.isVisible()
    assert page.passphrase_edit.text() == PASSPHRASE
    assert page.confirm_edit.text() == PASSPHRASE
    assert page.create_button.isEnabled()


def test_every_control_has_a_name_and_a_mnemonic(page) -> None:
    for widget in page.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisible():
            continue
        assert accessible_name(widget), f"{type(widget).__name__} {widget.objectName()!r}"
    buddies = {label.buddy(): label.text() for label in page.findChildren(QLabel) if label.buddy()}
    for field in (page.location_edit, page.passphrase_edit, page.confirm_edit):
        assert "&" in buddies[field]
    for button in (page.choose_button, page.show_check, page.create_button):
        assert "&" in button.text()


def test_tab_goes_through_the_form_in_order(page) -> None:
    fill(page)
    assert focus_chain(page.location_edit, 5) == [
        page.choose_button,
        page.passphrase_edit,
        page.confirm_edit,
        page.show_check,
        page.create_button,
    ]


def test_the_passphrase_field_takes_the_focus(page, qtbot) -> None:
    page.activateWindow()
    page.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.passphrase_edit)
