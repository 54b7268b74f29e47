"""The unlock screen, against real vaults: each failure says what it is and what to do."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from sec_desktop.ui.background import wait_for_background_work
from sec_desktop.ui.unlock_page import UnlockPage
from sec_desktop.ui.vault_session import VaultSession
from sec_desktop.vault.backups import list_backups
from sec_desktop.vault.errors import UnsupportedVersion
from sec_desktop.vault.recovery import format_recovery_key, new_recovery_key
from sec_desktop.vault.vault import Unlock, Vault
from tests.vault.conftest import FLOOR, PASSPHRASE


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A vault made once (at the fast KDF floor), and its recovery key."""
    path = tmp_path_factory.mktemp("template") / "records.secvault"
    vault, recovery_key = Vault.create(path, PASSPHRASE, kdf_params=FLOOR)
    vault.close()
    return path, recovery_key


@pytest.fixture
def vault(template, tmp_path):
    """A fresh copy of the template: (path, recovery key)."""
    source, recovery_key = template
    path = tmp_path / "vaults" / "records.secvault"
    path.parent.mkdir()
    shutil.copyfile(source, path)
    return path, recovery_key


@pytest.fixture
def session(vault):
    session = VaultSession(vault[0])
    yield session
    wait_for_background_work()
    session.lock()


def show(qtbot, session):
    page = UnlockPage(session)
    qtbot.addWidget(page)
    page.resize(1000, 650)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def page(qtbot, session):
    return show(qtbot, session)


def fail(qtbot, page, session, key=Qt.Key.Key_Return):
    """Press Enter in the field in use and wait for the failure."""
    field = page.recovery_edit if page.using_recovery_key else page.passphrase_edit
    with qtbot.waitSignal(session.failed, timeout=10000) as failed:
        qtbot.keyClick(field, key)
    assert page.form.isEnabled() and not page.progress.isVisible()
    assert page.error_label.isVisible()
    return failed.args[0]


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def test_the_page_says_which_vault(page, vault) -> None:
    path = vault[0]
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert path.name in texts and str(path.parent) in texts
    assert page.passphrase_edit.echoMode() == page.passphrase_edit.EchoMode.Password
    assert not page.recovery_edit.isVisible()
    assert not page.error_label.isVisible() and not page.backup_button.isVisible()


def test_unlocking_with_the_passphrase(page, session, qtbot) -> None:
    qtbot.keyClicks(page.passphrase_edit, PASSPHRASE)
    with qtbot.waitSignal(session.unlocked, timeout=10000):
        qtbot.keyClick(page.passphrase_edit, Qt.Key.Key_Return)
        assert page.progress.isVisible() and not page.form.isEnabled()
        assert page.progress.label.text() == "Unlocking…"
    assert session.is_unlocked
    assert not session.vault.must_change_passphrase
    assert page.passphrase_edit.text() == ""
    assert not page.progress.isVisible()


def test_the_unlock_button_unlocks(page, session, qtbot) -> None:
    page.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(session.unlocked, timeout=10000):
        qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)


def test_unlocking_with_the_recovery_key(page, session, vault, qtbot) -> None:
    qtbot.mouseClick(page.switch_button, Qt.MouseButton.LeftButton)
    assert page.recovery_edit.isVisible() and not page.passphrase_edit.isVisible()
    assert page.recovery_edit.placeholderText().startswith("XXXX-XXXX-")
    assert page.recovery_edit.placeholderText().count("-") == 8
    # As a person might type it from the sheet: small letters, spaces between groups.
    qtbot.keyClicks(page.recovery_edit, vault[1].lower().replace("-", " "))
    with qtbot.waitSignal(session.unlocked, timeout=10000):
        qtbot.keyClick(page.recovery_edit, Qt.Key.Key_Return)
    assert session.vault.must_change_passphrase
    assert page.recovery_edit.text() == ""


def test_switching_back_to_the_passphrase(page, qtbot) -> None:
    qtbot.mouseClick(page.switch_button, Qt.MouseButton.LeftButton)
    assert "passphrase" in page.switch_button.text()
    qtbot.mouseClick(page.switch_button, Qt.MouseButton.LeftButton)
    assert page.passphrase_edit.isVisible() and not page.recovery_edit.isVisible()
    assert "recovery key" in page.switch_button.text()


def test_a_wrong_passphrase_is_said_and_the_field_cleared(page, session, qtbot) -> None:
    page.activateWindow()
    qtbot.keyClicks(page.passphrase_edit, "orbit lantern cobalt meadow fairy")
    error = fail(qtbot, page, session)
    assert type(error).__name__ == "WrongPassphrase"
    assert "The passphrase is not right" in page.error_label.text()
    assert "Caps Lock" in page.error_label.text()
    assert page.passphrase_edit.text() == ""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.passphrase_edit)
    assert not page.backup_button.isVisible()
    assert not session.is_unlocked


def test_another_vaults_recovery_key_is_said_and_kept(page, session, qtbot) -> None:
    other = format_recovery_key(new_recovery_key())
    qtbot.mouseClick(page.switch_button, Qt.MouseButton.LeftButton)
    page.recovery_edit.setText(other)
    fail(qtbot, page, session)
    assert "does not open this vault" in page.error_label.text()
    assert page.recovery_edit.text() == other


def test_a_typing_mistake_in_the_recovery_key_is_said_and_kept(page, session, vault, qtbot):
    key = vault[1]
    typo = key[:5] + ("A" if key[5] != "A" else "B") + key[6:]
    qtbot.mouseClick(page.switch_button, Qt.MouseButton.LeftButton)
    page.recovery_edit.setText(typo)
    error = fail(qtbot, page, session)
    assert type(error).__name__ == "InvalidRecoveryKey"
    assert "typing mistake" in page.error_label.text()
    assert page.recovery_edit.text() == typo


def test_an_empty_field_asks_for_the_passphrase(page, session, qtbot) -> None:
    with qtbot.assertNotEmitted(session.busy_changed):
        qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    assert page.error_label.text() == "Type your passphrase first."


def open_and_close(path, recovery_key) -> None:
    Vault.open(path, Unlock(recovery_key=recovery_key)).close()


def test_a_damaged_vault_offers_the_newest_good_backup(page, session, vault, qtbot) -> None:
    path, recovery_key = vault
    open_and_close(path, recovery_key)  # each save keeps the file before as a backup
    open_and_close(path, recovery_key)
    assert list_backups(path)
    data = bytearray(path.read_bytes())
    data[-20] ^= 0x01  # one bit of the encrypted body
    path.write_bytes(bytes(data))

    page.passphrase_edit.setText(PASSPHRASE)
    error = fail(qtbot, page, session)
    assert type(error).__name__ == "VaultDamaged"
    assert "damaged or has been changed outside SEC Desktop" in page.error_label.text()
    assert page.backup_button.isVisible()
    assert "set aside" in page.backup_note.text() and "not deleted" in page.backup_note.text()

    with qtbot.waitSignal(session.unlocked, timeout=10000):
        qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
        assert page.progress.label.text() == "Opening the newest good backup…"
    assert session.is_unlocked
    set_aside = list(path.parent.glob(f"{path.name}.damaged-*"))
    assert len(set_aside) == 1
    assert set_aside[0].read_bytes() == bytes(data)  # kept as it was, not deleted
    assert not page.backup_button.isVisible()


def test_not_a_vault_offers_a_backup_and_says_when_there_is_none(
    page, session, vault, qtbot
) -> None:
    path = vault[0]
    path.write_bytes(b"just some text, not a vault")
    page.passphrase_edit.setText(PASSPHRASE)
    error = fail(qtbot, page, session)
    assert type(error).__name__ == "NotAVault"
    assert page.backup_button.isVisible()
    with qtbot.waitSignal(session.failed, timeout=10000):
        qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    assert "None of the vault's backups could be opened" in page.error_label.text()
    assert not page.backup_button.isVisible()
    assert path.read_bytes() == b"just some text, not a vault"


def test_a_vault_in_use_says_so(page, session, vault, qtbot) -> None:
    path, recovery_key = vault
    held = Vault.open(path, Unlock(recovery_key=recovery_key))
    try:
        page.passphrase_edit.setText(PASSPHRASE)
        error = fail(qtbot, page, session)
    finally:
        held.close()
    assert type(error).__name__ == "VaultInUse"
    assert "open in another copy of SEC Desktop" in page.error_label.text()
    assert "Close that copy first" in page.error_label.text()
    assert not page.backup_button.isVisible()
    assert page.passphrase_edit.text() == PASSPHRASE  # the passphrase was not the problem


def test_a_vault_from_a_newer_version_says_so(qtbot, vault) -> None:
    def newer(path, unlock):
        raise UnsupportedVersion(version=7)

    session = VaultSession(vault[0], opener=newer)
    page = show(qtbot, session)
    page.passphrase_edit.setText(PASSPHRASE)
    fail(qtbot, page, session)
    assert "saved by a newer version of SEC Desktop (format 7)" in page.error_label.text()
    assert not page.backup_button.isVisible()


def test_reset_clears_everything(page, session, qtbot) -> None:
    page.passphrase_edit.setText("not it at all")
    fail(qtbot, page, session)
    qtbot.mouseClick(page.switch_button, Qt.MouseButton.LeftButton)
    page.recovery_edit.setText("ABCD")
    page.reset()
    assert page.passphrase_edit.text() == "" and page.recovery_edit.text() == ""
    assert not page.error_label.isVisible() and page.error_label.text() == ""
    assert page.passphrase_edit.isVisible() and not page.recovery_edit.isVisible()
    assert page.form.isEnabled()


def test_failures_of_other_work_are_not_shown_here(page, session) -> None:
    session.failed.emit(RuntimeError("something elsewhere"))
    assert not page.error_label.isVisible()


def test_every_control_has_a_name_and_keys_work(page, qtbot) -> None:
    for recovery in (False, True):
        if recovery:
            qtbot.mouseClick(page.switch_button, Qt.MouseButton.LeftButton)
        for widget in page.findChildren(QWidget):
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisible():
                continue
            assert accessible_name(widget), f"{type(widget).__name__} {widget.objectName()!r}"
    buddies = {label.buddy(): label.text() for label in page.findChildren(QLabel) if label.buddy()}
    assert buddies[page.passphrase_edit] == "&Passphrase:"
    assert buddies[page.recovery_edit] == "&Recovery key:"
    assert "&" in page.unlock_button.text() and "&" in page.switch_button.text()


def test_tab_order_is_field_unlock_switch(page) -> None:
    chain, widget = [], page.passphrase_edit
    while len(chain) < 2:
        widget = widget.nextInFocusChain()
        if widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
    assert chain == [page.unlock_button, page.switch_button]
