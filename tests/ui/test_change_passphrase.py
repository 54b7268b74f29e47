"""The change-passphrase dialog, on a real vault (made with the minimum KDF settings)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from sec_desktop.ui.background import wait_for_background_work
from sec_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog
from sec_desktop.ui.vault_session import VaultSession
from sec_desktop.vault import kdf
from sec_desktop.vault.errors import WrongPassphrase
from sec_desktop.vault.vault import Unlock, Vault

PASSPHRASE = "orbit lantern cobalt meadow ferry"
NEW_PASSPHRASE = "quartz harbour velvet tundra saddle"
FLOOR = kdf.Argon2Params(memory_kib=65536, iterations=3, lanes=4)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("template")
    vault, recovery_key = Vault.create(folder / "t.secvault", PASSPHRASE, kdf_params=FLOOR)
    vault.close()
    return folder / "t.secvault", recovery_key


def open_session(qtbot, template, tmp_path, unlock: Unlock | None = None) -> VaultSession:
    path = tmp_path / "vaults" / "records.secvault"
    path.parent.mkdir()
    shutil.copyfile(template[0], path)
    session = VaultSession(path, opener=Vault.open)
    with qtbot.waitSignal(session.unlocked, timeout=10000):
        session.unlock(unlock or Unlock(passphrase=PASSPHRASE))
    return session


@pytest.fixture
def session(qapp, qtbot, template, tmp_path):
    session = open_session(qtbot, template, tmp_path)
    yield session
    wait_for_background_work()
    session.lock()


def make_dialog(qtbot, session, **kwargs) -> ChangePassphraseDialog:
    dialog = ChangePassphraseDialog(session, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fill(dialog, current: str, new: str, confirmation: str | None = None) -> None:
    if current:
        dialog.current_edit.setText(current)
    dialog.new_edit.setText(new)
    dialog.confirm_edit.setText(new if confirmation is None else confirmation)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def test_the_passphrase_changes_and_only_the_new_one_opens(qtbot, session) -> None:
    dialog = make_dialog(qtbot, session)
    fill(dialog, PASSPHRASE, NEW_PASSPHRASE)
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.new_edit.text() == ""  # nothing kept in the dialog afterwards
    path = session.path
    session.lock()
    with pytest.raises(WrongPassphrase):
        Vault.open(path, Unlock(passphrase=PASSPHRASE))
    Vault.open(path, Unlock(passphrase=NEW_PASSPHRASE)).close()


def test_enter_changes_the_passphrase(qtbot, session) -> None:
    dialog = make_dialog(qtbot, session)
    fill(dialog, PASSPHRASE, NEW_PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.keyClick(dialog.confirm_edit, Qt.Key.Key_Return)


def test_a_wrong_current_passphrase_is_explained_and_changes_nothing(qtbot, session) -> None:
    dialog = make_dialog(qtbot, session)
    fill(dialog, "not the passphrase at all", NEW_PASSPHRASE)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.busy
    assert dialog.progress.isVisible()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert "not the current passphrase" in dialog.error_label.text()
    assert dialog.current_edit.text() == ""
    assert dialog.new_edit.text() == NEW_PASSPHRASE
    assert dialog.confirm_edit.text() == NEW_PASSPHRASE
    assert not dialog.ok_button.isEnabled()  # until the current one is typed again
    assert session.vault.verify_passphrase(PASSPHRASE)


def test_ok_needs_a_strong_matching_passphrase(qtbot, session) -> None:
    dialog = make_dialog(qtbot, session)
    assert not dialog.ok_button.isEnabled()
    fill(dialog, PASSPHRASE, "password123")
    assert not dialog.ok_button.isEnabled()
    assert dialog.meter.strength is not None and not dialog.meter.strength.acceptable
    fill(dialog, PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE + "x")
    assert not dialog.ok_button.isEnabled()
    assert dialog.mismatch_label.isVisible()
    assert dialog.mismatch_label.text() == "The two passphrases are not the same."
    dialog.confirm_edit.setText(NEW_PASSPHRASE)
    assert not dialog.mismatch_label.isVisible()
    assert dialog.ok_button.isEnabled()
    dialog.current_edit.clear()
    assert not dialog.ok_button.isEnabled()


def test_the_same_passphrase_again_is_refused(qtbot, session) -> None:
    dialog = make_dialog(qtbot, session)
    fill(dialog, PASSPHRASE, PASSPHRASE)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert dialog.isVisible()
    assert "same as the current one" in dialog.error_label.text()


def test_forced_has_no_current_field_and_no_way_out(qtbot, template, tmp_path, qapp) -> None:
    session = open_session(qtbot, template, tmp_path, Unlock(recovery_key=template[1]))
    try:
        assert session.vault.must_change_passphrase
        dialog = make_dialog(qtbot, session, forced=True)
        assert not dialog.current_edit.isVisibleTo(dialog)
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel) is None
        assert "recovery key" in dialog.intro.text()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        dialog.close()
        assert dialog.isVisible()
        fill(dialog, "", NEW_PASSPHRASE)
        assert dialog.ok_button.isEnabled()
        with qtbot.waitSignal(dialog.accepted, timeout=10000):
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert not session.vault.must_change_passphrase
        path = session.path
        wait_for_background_work()
        session.lock()
        Vault.open(path, Unlock(passphrase=NEW_PASSPHRASE)).close()
    finally:
        wait_for_background_work()
        session.lock()


def test_locking_still_closes_a_forced_dialog(qtbot, session) -> None:
    dialog = make_dialog(qtbot, session, forced=True)
    dialog.reject()  # what the gate does to every dialog when it locks
    assert not dialog.isVisible()


def test_cancel_closes_and_changes_nothing(qtbot, session) -> None:
    dialog = make_dialog(qtbot, session)
    fill(dialog, PASSPHRASE, NEW_PASSPHRASE)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.new_edit.text() == ""
    assert session.vault.verify_passphrase(PASSPHRASE)


def test_labels_name_the_fields_and_every_control_has_a_name(qtbot, session) -> None:
    dialog = make_dialog(qtbot, session)
    dialog.show_check.setChecked(True)
    assert dialog.new_edit.echoMode() == dialog.new_edit.EchoMode.Normal
    for widget in dialog.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(dialog):
            continue
        assert accessible_name(widget), f"{type(widget).__name__} has no accessible name"
    assert accessible_name(dialog.current_edit) == "Current passphrase"


def test_ok_follows_the_new_passphrase_as_it_is_typed(qtbot, session) -> None:
    dialog = make_dialog(qtbot, session)
    dialog.current_edit.setText(PASSPHRASE)
    dialog.confirm_edit.setText(NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.new_edit, NEW_PASSPHRASE)
    assert dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.new_edit, Qt.Key.Key_Backspace)
    assert not dialog.ok_button.isEnabled()


def test_the_dialog_grows_to_show_a_long_verdict_and_an_error(qtbot, session) -> None:
    dialog = make_dialog(qtbot, session)
    dialog.new_edit.setText("aaa")  # a verdict with two problems: three lines or more
    dialog._show_error("A long message " * 12)
    for label in (dialog.meter.verdict, dialog.error_label, dialog.intro):
        assert label.height() >= label.heightForWidth(label.width()), label.text()
