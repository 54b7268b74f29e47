"""The vault's settings: locking, keeping backups, checking and restoring one, and
replacing the keys, on real vaults (made with the minimum KDF settings)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import text

from sec_desktop.settings import Preferences, PreferencesStore
from sec_desktop.ui import backup_settings
from sec_desktop.ui.background import wait_for_background_work
from sec_desktop.ui.recovery_key_page import RecoveryKeyPage
from sec_desktop.ui.settings_page import SettingsPage
from sec_desktop.ui.translation import Language
from sec_desktop.ui.vault_session import VaultSession
from sec_desktop.vault import kdf
from sec_desktop.vault.backups import RetentionPolicy, list_backups
from sec_desktop.vault.errors import WrongRecoveryKey
from sec_desktop.vault.vault import Unlock, Vault
from tests.ui.test_translations import (
    PACKAGE,
    _tool,
    _untranslated,
    _visible_texts,
    pseudo_translate,
)

PASSPHRASE = "orbit lantern cobalt meadow ferry"
FLOOR = kdf.Argon2Params(memory_kib=65536, iterations=3, lanes=4)


@pytest.fixture(scope="module")
def pseudo_language(tmp_path_factory) -> Path:
    """Every string "translated" into itself between angle quotes (see test_translations)."""
    folder = tmp_path_factory.mktemp("translations")
    ts_file = folder / "sec_desktop_cy.ts"
    sources = [str(p) for p in sorted(PACKAGE.rglob("*.py"))]
    for command in (
        [_tool("pyside6-lupdate"), *sources, "-ts", str(ts_file)],
        [_tool("pyside6-lrelease"), str(ts_file)],
    ):
        done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        if command[0].endswith("lupdate"):
            pseudo_translate(ts_file)
    return folder


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("template")
    vault, recovery_key = Vault.create(folder / "t.secvault", PASSPHRASE, kdf_params=FLOOR)
    vault.close()
    return folder / "t.secvault", recovery_key


@pytest.fixture
def session(qapp, qtbot, template, tmp_path):
    path = tmp_path / "vaults" / "records.secvault"
    path.parent.mkdir()
    shutil.copyfile(template[0], path)
    session = VaultSession(path, opener=Vault.open)
    with qtbot.waitSignal(session.unlocked, timeout=10000):
        session.unlock(Unlock(passphrase=PASSPHRASE))
    yield session
    wait_for_background_work()
    session.lock()


def make_page(qtbot, app_paths, session, preferences: Preferences | None = None) -> SettingsPage:
    page = SettingsPage(
        store=PreferencesStore(app_paths.settings_file),
        preferences=preferences or Preferences(),
        languages=[Language("en", "English")],
        paths=app_paths,
        session=session,
    )
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def page(qtbot, app_paths, session):
    return make_page(qtbot, app_paths, session)


def saved_preferences(app_paths) -> Preferences:
    return PreferencesStore(app_paths.settings_file).load().preferences


def add_rows(vault: Vault, *values: str) -> None:
    """One save per row (each save keeps the file before it as a backup)."""
    with vault.transaction() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS note (body TEXT)"))
    for value in values:
        with vault.transaction() as connection:
            connection.execute(text("INSERT INTO note (body) VALUES (:v)"), {"v": value})


def rows(vault: Vault) -> list[str]:
    with vault.engine.connect() as connection:
        return [r[0] for r in connection.execute(text("SELECT body FROM note ORDER BY rowid"))]


def table_generations(group) -> list[int]:
    return [int(group.table.item(row, 0).text()) for row in range(group.table.rowCount())]


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


# --- the section on the page ---------------------------------------------------------------


def test_no_vault_section_without_a_session(qtbot, app_paths) -> None:
    page = make_page(qtbot, app_paths, None)
    assert page.vault_section is None


def test_the_vault_location_is_shown_and_selectable(page, session) -> None:
    label = page.vault_section.location_label
    assert label.text() == str(session.path)
    assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_idle_minutes_are_saved_and_announced(qtbot, page, app_paths) -> None:
    spin = page.vault_section.idle_spin
    assert (spin.minimum(), spin.maximum(), spin.value()) == (1, 15, 5)
    with qtbot.waitSignal(page.preferences_changed) as changed:
        spin.setValue(9)
    assert changed.args[0].idle_lock_minutes == 9
    assert saved_preferences(app_paths).idle_lock_minutes == 9


def test_idle_minutes_typed_apply_when_typing_is_done(qtbot, page, app_paths) -> None:
    spin = page.vault_section.idle_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "12")
    assert saved_preferences(app_paths).idle_lock_minutes == 5  # not "1" on the way to "12"
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert saved_preferences(app_paths).idle_lock_minutes == 12


def test_retention_is_saved_and_applied_to_the_open_vault(page, session, app_paths) -> None:
    group = page.vault_section.backups
    assert (group.keep_last_spin.minimum(), group.keep_last_spin.maximum()) == (1, 100)
    assert (group.daily_days_spin.minimum(), group.daily_days_spin.maximum()) == (0, 365)
    group.keep_last_spin.setValue(3)
    group.daily_days_spin.setValue(0)
    saved = saved_preferences(app_paths)
    assert (saved.backup_keep_last, saved.backup_daily_days) == (3, 0)
    assert session.vault.retention == RetentionPolicy(3, 0)
    add_rows(session.vault, "a", "b", "c", "d", "e")
    session.vault.wait_for_pruning()  # old backups are deleted after each save, off its path
    assert len(list_backups(session.path)) == 3


def test_saved_retention_is_shown(qtbot, app_paths, session) -> None:
    page = make_page(
        qtbot, app_paths, session, Preferences(backup_keep_last=7, backup_daily_days=0)
    )
    group = page.vault_section.backups
    assert (group.keep_last_spin.value(), group.daily_days_spin.value()) == (7, 0)


# --- the list of backups -------------------------------------------------------------------


def test_backups_are_listed_newest_first_with_their_generations(qtbot, page, session) -> None:
    add_rows(session.vault, "one", "two", "three")
    group = page.vault_section.backups
    page.hide()
    page.show()  # the list is read again when shown
    expected = [b.generation for b in list_backups(session.path)]
    assert len(expected) >= 4
    assert table_generations(group) == expected
    assert expected == sorted(expected, reverse=True)
    assert expected[0] == session.vault.generation - 1
    assert group.table.item(0, 1).text()  # saved at, local time
    assert group.table.item(0, 2).text()  # size
    assert not group.empty_label.isVisible()


def test_verify_and_restore_need_a_chosen_backup(page) -> None:
    group = page.vault_section.backups
    group.table.clearSelection()
    assert not group.verify_button.isEnabled()
    assert not group.restore_button.isEnabled()
    group.table.selectRow(0)
    assert group.verify_button.isEnabled()
    assert group.restore_button.isEnabled()


def test_a_good_backup_verifies(qtbot, page, session) -> None:
    add_rows(session.vault, "one")
    group = page.vault_section.backups
    group.refresh()
    group.table.selectRow(0)
    generation = group.selected_backup().generation
    qtbot.mouseClick(group.verify_button, Qt.MouseButton.LeftButton)
    assert group.busy
    assert not group.verify_button.isEnabled()
    qtbot.waitUntil(lambda: not group.busy, timeout=10000)
    assert not group.feedback.is_error()
    assert group.feedback.text() == (
        f"Backup of generation {generation} is readable and intact "
        "(integrity and audit checks passed)."
    )


def test_a_damaged_backup_fails_to_verify(qtbot, page, session) -> None:
    add_rows(session.vault, "one")
    group = page.vault_section.backups
    group.refresh()
    group.table.selectRow(0)
    path: Path = group.selected_backup().path
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF
    path.unlink()  # a hard link may share its bytes with another file: write a new one
    path.write_bytes(bytes(data))
    group.verify_selected()
    qtbot.waitUntil(lambda: not group.busy, timeout=10000)
    assert group.feedback.is_error()
    assert "cannot be read" in group.feedback.text()
    assert group.feedback.error.isVisible()


# --- restoring -----------------------------------------------------------------------------


def test_restore_brings_back_the_records_of_the_backup(qtbot, page, session, monkeypatch) -> None:
    asked = []
    monkeypatch.setattr(backup_settings, "confirm", lambda *args: asked.append(args) or True)
    add_rows(session.vault, "before")
    kept = session.vault.generation
    add_rows(session.vault, "after")
    assert rows(session.vault) == ["before", "after"]
    group = page.vault_section.backups
    group.refresh()
    group.select_generation(kept)
    with qtbot.waitSignal(page.vault_section.restored, timeout=10000):
        qtbot.mouseClick(group.restore_button, Qt.MouseButton.LeftButton)
    question = asked[0][2]
    assert "replaced by the backup's" in question
    assert "kept as a backup first" in question
    assert "audit log" in question
    assert rows(session.vault) == ["before"]
    assert f"generation {kept} was restored" in group.feedback.text()
    # The records before the restore are the newest backup, ready to go back to.
    assert table_generations(group)[0] == session.vault.generation - 1


def test_restore_not_confirmed_changes_nothing(qtbot, page, session, monkeypatch) -> None:
    monkeypatch.setattr(backup_settings, "confirm", lambda *args: False)
    add_rows(session.vault, "before")
    kept = session.vault.generation
    add_rows(session.vault, "after")
    generation = session.vault.generation
    backups = list_backups(session.path)
    group = page.vault_section.backups
    group.refresh()
    group.select_generation(kept)
    qtbot.mouseClick(group.restore_button, Qt.MouseButton.LeftButton)
    wait_for_background_work()
    assert not group.busy
    assert rows(session.vault) == ["before", "after"]
    assert session.vault.generation == generation
    assert list_backups(session.path) == backups


# --- passphrase and keys -------------------------------------------------------------------


def test_change_passphrase_opens_the_dialog(qtbot, page, session) -> None:
    section = page.vault_section
    qtbot.mouseClick(section.change_passphrase_button, Qt.MouseButton.LeftButton)
    dialog = section.passphrase_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.forced
    dialog.current_edit.setText(PASSPHRASE)
    dialog.new_edit.setText("quartz harbour velvet tundra saddle")
    dialog.confirm_edit.setText("quartz harbour velvet tundra saddle")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "Passphrase changed" in section.feedback.text()


def test_rekey_shows_the_new_recovery_key_and_it_opens_the_vault(
    qtbot, page, session, template
) -> None:
    section = page.vault_section
    qtbot.mouseClick(section.rekey_button, Qt.MouseButton.LeftButton)
    dialog = section.rekey_dialog
    assert dialog is not None and dialog.isVisible()
    assert "recovery key" in " ".join(
        label.text() for label in dialog.findChildren(type(section.location_label))
    )
    dialog.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.rekeyed, timeout=10000) as rekeyed:
        qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    new_key = rekeyed.args[0]
    shown = section.recovery_dialog
    assert shown is not None and shown.isVisible()
    assert shown.isModal()
    key_page = shown.findChild(RecoveryKeyPage)
    assert key_page is not None
    qtbot.keyClick(shown, Qt.Key.Key_Escape)  # the key is shown until it is confirmed
    assert shown.isVisible()
    key_page.stored_check.setChecked(True)
    with qtbot.waitSignal(shown.finished):
        qtbot.mouseClick(key_page.continue_button, Qt.MouseButton.LeftButton)
    assert "keys were replaced" in section.feedback.text()
    path = session.path
    session.lock()
    with pytest.raises(WrongRecoveryKey):
        Vault.open(path, Unlock(recovery_key=template[1]))
    Vault.open(path, Unlock(recovery_key=new_key)).close()
    Vault.open(path, Unlock(passphrase=PASSPHRASE)).close()


def test_rekey_with_a_wrong_passphrase_is_refused(qtbot, page, session) -> None:
    generation = session.vault.generation
    dialog = page.vault_section.replace_keys()
    dialog.passphrase_edit.setText("not the passphrase at all")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert dialog.isVisible()
    assert "not the current passphrase" in dialog.error_label.text()
    assert dialog.passphrase_edit.text() == ""
    assert session.vault.generation == generation


def test_a_recovery_key_closed_by_locking_is_flagged(qtbot, page, session) -> None:
    section = page.vault_section
    section._show_recovery_key("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH-IIII")
    section.recovery_dialog.reject()  # what locking does
    assert section.feedback.is_error()
    assert "replace the keys once more" in section.feedback.text()


def test_locked_vault_disables_the_actions(qtbot, page, session) -> None:
    section = page.vault_section
    session.lock()
    assert not section.change_passphrase_button.isEnabled()
    assert not section.rekey_button.isEnabled()
    section.backups.table.selectRow(0)
    assert not section.backups.verify_button.isEnabled()


# --- accessibility, translation, size ------------------------------------------------------


def test_every_control_has_an_accessible_name(qtbot, page) -> None:
    section = page.vault_section
    dialogs = [section.change_passphrase(), section.replace_keys()]
    for root in [page, *dialogs]:
        for widget in root.findChildren(QWidget):
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(root):
                continue
            where = f"{type(widget).__name__} {widget.objectName()!r}"
            assert accessible_name(widget), f"{where} has no accessible name"


def test_tab_reaches_the_vault_controls(qtbot, page) -> None:
    section = page.vault_section
    page.theme_combo.setFocus()
    reached = set()
    for _ in range(20):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.add(QApplication.focusWidget())
    wanted = {
        section.idle_spin,
        section.change_passphrase_button,
        section.rekey_button,
        section.backups.keep_last_spin,
        section.backups.daily_days_spin,
        section.backups.table,
    }
    assert wanted <= reached


def test_fits_a_small_window(page) -> None:
    assert page.minimumSizeHint().height() <= 600
    assert page.vault_section.minimumSizeHint().width() <= 1366 - 300


def test_every_visible_string_goes_through_translation(
    pseudo_language, qapp, qtbot, app_paths, session
) -> None:
    translator = QTranslator()
    assert translator.load(str(pseudo_language / "sec_desktop_cy.qm"))
    qapp.installTranslator(translator)
    try:
        page = make_page(qtbot, app_paths, session)
        section = page.vault_section
        texts = [(where, t) for where, t in _visible_texts(page) if where != "window title"]
        assert _untranslated(texts) == []
        for dialog in (section.change_passphrase(), section.replace_keys()):
            assert _untranslated(_visible_texts(dialog)) == [], dialog.objectName()
    finally:
        qapp.removeTranslator(translator)
