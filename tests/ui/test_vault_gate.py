"""Create, unlock and lock as a user meets them: nothing of the workspace while locked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QWidget

from sec_desktop.ui.about_dialog import AboutDialog
from sec_desktop.ui.create_vault_page import CreateVaultPage
from sec_desktop.ui.recovery_key_page import RecoveryKeyPage
from sec_desktop.ui.unlock_page import UnlockPage
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Unlock
from tests.ui.conftest import TEST_PASSPHRASE


def test_first_run_shows_the_create_screen_and_nothing_else(locked_application, qtbot) -> None:
    window = locked_application.window
    assert isinstance(window.gate, CreateVaultPage)
    assert not window.workspace_shown
    assert window.windowTitle() == "SEC Desktop"
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert not window.workspace_shown
    assert not window.lock_action.isEnabled()


def test_creating_shows_the_recovery_key_then_the_workspace(locked_application, qtbot) -> None:
    session = locked_application.session
    with qtbot.waitSignal(session.created, timeout=20000):
        session.create(session.path, TEST_PASSPHRASE)
    page = locked_application.window.gate
    assert isinstance(page, RecoveryKeyPage)
    page.confirmed.emit()
    assert locked_application.window.workspace_shown
    assert session.path.exists()
    assert locked_application.preferences.vault_path in ("", str(session.path))


def _lock(application, qtbot) -> None:
    with qtbot.waitSignal(application.session.locked, timeout=10000):
        qtbot.keyClick(application.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_l_locks_closes_dialogs_and_returns_to_the_same_area(application, qtbot) -> None:
    window = application.window
    window.go_to("reports")
    window.about_action.trigger()
    about = window.findChild(AboutDialog)
    assert about is not None and about.isVisible()
    # The About dialog is modal, so Ctrl+L cannot reach the window: the idle lock can.
    with qtbot.waitSignal(application.session.locked, timeout=10000):
        application.gate.lock()
    assert application.session.vault is None
    assert isinstance(window.gate, UnlockPage)
    assert not about.isVisible()
    assert not window.workspace_shown and not window.workspace.isEnabled()
    with qtbot.waitSignal(application.session.unlocked, timeout=20000):
        application.session.unlock(Unlock(passphrase=TEST_PASSPHRASE))
    assert window.workspace_shown
    assert window.current_area() == "reports"


class DraftPage(QWidget):
    """A workspace page with a half-filled form."""

    def __init__(self) -> None:
        super().__init__()
        self.field = QLineEdit(self)

    def draft_key(self) -> str:
        return "test-form"

    def take_draft(self):
        text, _ = self.field.text(), self.field.clear()
        return {"text": text} if text else None

    def restore_draft(self, state) -> None:
        self.field.setText(state["text"])


def test_ctrl_l_locks(application, qtbot) -> None:
    _lock(application, qtbot)
    assert isinstance(application.window.gate, UnlockPage)


def test_unsaved_input_survives_a_lock(application, qtbot, monkeypatch) -> None:
    page = DraftPage()
    qtbot.addWidget(page)
    pages = [*application.window.workspace_pages(), page]
    monkeypatch.setattr(application.window, "workspace_pages", lambda: pages)
    page.field.setText("half-typed feedback")
    _lock(application, qtbot)
    assert page.field.text() == ""  # nothing readable while locked
    assert application.gate.drafts.holds_drafts
    with qtbot.waitSignal(application.session.unlocked, timeout=20000):
        application.session.unlock(Unlock(passphrase=TEST_PASSPHRASE))
    assert page.field.text() == "half-typed feedback"


def test_locking_clears_record_text_the_app_copied(application, qtbot) -> None:
    application.clipboard.copy("S-0001 feedback text")
    _lock(application, qtbot)
    assert QGuiApplication.clipboard().text() == ""


def test_the_vault_locks_after_the_idle_time(application, qtbot) -> None:
    application.gate.idle.set_interval_ms(300)
    application.gate.idle.start()
    with qtbot.waitSignal(application.session.locked, timeout=5000):
        pass
    assert isinstance(application.window.gate, UnlockPage)


def test_idle_minutes_follow_the_setting(application) -> None:
    settings = application.window.settings_page
    settings._change(idle_lock_minutes=2)
    assert application.gate.idle.interval_ms == 2 * 60_000


def test_the_recovery_key_asks_for_a_new_passphrase_first(application, qtbot) -> None:
    from sec_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog

    vault = application.session.vault
    assert vault is not None
    recovery_key = vault.rekey(TEST_PASSPHRASE)
    _lock(application, qtbot)
    with qtbot.waitSignal(application.session.unlocked, timeout=20000):
        application.session.unlock(Unlock(recovery_key=recovery_key))
    dialog = application.window.findChild(ChangePassphraseDialog)
    assert dialog is not None and dialog.isVisible()
    assert not application.window.workspace_shown
    with application.session.vault.engine.connect() as connection:
        rows = [row.event for row in audit.rows(connection)]
    assert AuditEvent.OPENED_WITH_RECOVERY_KEY.value in rows


def test_printing_the_recovery_key_is_audited(locked_application, qtbot) -> None:
    session = locked_application.session
    with qtbot.waitSignal(session.created, timeout=20000):
        session.create(session.path, TEST_PASSPHRASE)
    page = locked_application.window.gate
    assert isinstance(page, RecoveryKeyPage)
    page.printed.emit()
    qtbot.waitUntil(lambda: not session.busy, timeout=10000)
    with session.vault.engine.connect() as connection:
        events = [row.event for row in audit.rows(connection)]
    assert events[-1] == AuditEvent.RECOVERY_KEY_PRINTED.value
