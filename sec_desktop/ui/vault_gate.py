"""What stands between the user and the records: creating the vault, unlocking it, the
recovery key shown once, and locking again (on demand, or after a time without use).

Locking waits for a save in progress, closes every open dialog, keeps unsaved input as
an encrypted draft, clears the clipboard if the app put record text there, drops the key
and the database, and shows the unlock screen. Unlocking returns to the same area with
the drafts given back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from sec_desktop.services.clock import Today, local_today
from sec_desktop.services.demo_vault import is_demo_path
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog
from sec_desktop.ui.clipboard import ClipboardGuard
from sec_desktop.ui.create_vault_page import CreateVaultPage
from sec_desktop.ui.drafts import SealedDrafts
from sec_desktop.ui.idle_lock import IdleWatcher
from sec_desktop.ui.main_window import MainWindow
from sec_desktop.ui.record_page import RecordPage
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.recovery_key_page import RecoveryKeyPage
from sec_desktop.ui.unlock_page import UnlockPage
from sec_desktop.ui.vault_session import VaultSession
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.errors import SaveFailed

log = logging.getLogger(__name__)

SAVE_RETRY_MS = 30_000


class VaultGate(QObject):
    def __init__(
        self,
        window: MainWindow,
        session: VaultSession,
        *,
        default_path: Path,
        idle_minutes: int,
        clipboard: ClipboardGuard,
        remember_vault_path: Callable[[Path], None],
        writer: RecordWriter,
        today: Today = local_today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._writer = writer
        self._today = today
        self._session = session
        self._default_path = default_path
        self._clipboard = clipboard
        self._remember_vault_path = remember_vault_path
        # The user's own vault, while the demo is open: where "Leave the demo" goes.
        self._own_vault_path: Path | None = None if is_demo_path(session.path) else session.path
        self._drafts = SealedDrafts()
        self._area_before_lock = "today"
        self.idle = IdleWatcher(idle_minutes, self)
        self.idle.idle.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            # Removed by Qt when the watcher is destroyed (with the window it belongs to).
            app.installEventFilter(self.idle)
        self._retry = QTimer(self)
        self._retry.setInterval(SAVE_RETRY_MS)
        self._retry.timeout.connect(self._retry_save)
        session.created.connect(self._on_created)
        session.unlocked.connect(self._on_unlocked)
        session.failed.connect(self._on_failed)
        writer.save_failed.connect(self._on_failed)
        window.lock_requested.connect(self.lock)

    @property
    def drafts(self) -> SealedDrafts:
        return self._drafts

    def start(self) -> None:
        """The first screen: unlock the vault if there is one, else create one."""
        if self._session.vault_exists():
            self._show_unlock()
        else:
            self._window.show_gate(CreateVaultPage(self._session, self._default_path))

    def set_idle_minutes(self, minutes: int) -> None:
        self.idle.set_minutes(minutes)

    # --- locking ------------------------------------------------------------------------

    def lock(self) -> None:
        vault = self._session.vault
        if vault is None:
            return
        if self._window.workspace_shown:
            self._area_before_lock = self._window.current_area()
        dialogs = [
            widget
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, QDialog) and widget.isVisible()
        ]
        sealed = self._drafts.seal([*dialogs, *self._window.workspace_pages()], vault.draft_key)
        for dialog in dialogs:
            dialog.reject()
        # Writes still running finish (the vault waits for them); their screens are gone.
        self._writer.forget_pending()
        for page in self._record_pages():
            page.detach()
        self._window.set_demo(False)
        if self._clipboard.clear_ours():
            log.info("Clipboard cleared on lock")
        self.idle.stop()
        self._retry.stop()
        self._session.lock()  # waits for a save in progress, then drops the key
        log.info("Locked (%d draft(s) kept)", sealed)
        self._show_unlock()

    def _show_unlock(self) -> None:
        page = UnlockPage(self._session)
        page.leave_demo_requested.connect(self.leave_demo)
        self._window.show_gate(page)

    def leave_demo(self) -> None:
        """From the demo vault's unlock screen back to the user's own vault (or to
        creating one). The demo file stays, for next time."""
        own = self._own_vault_path or self._default_path
        self._session.path = own
        self.start()

    # --- unlocking ----------------------------------------------------------------------

    def _remember(self, path: Path) -> None:
        if is_demo_path(path):
            return  # never the vault to open next time
        self._own_vault_path = path
        self._remember_vault_path(path)

    def _on_created(self, recovery_key: str) -> None:
        self._remember(self._session.path)
        page = RecoveryKeyPage(recovery_key, self._session.path)
        page.confirmed.connect(self.enter_workspace)
        page.printed.connect(self._record_printed)
        self._window.show_gate(page)

    def _record_printed(self) -> None:
        vault = self._session.vault
        if vault is not None:
            self._session.run(lambda open_vault: open_vault.record(AuditEvent.RECOVERY_KEY_PRINTED))

    def _on_unlocked(self) -> None:
        vault = self._session.vault
        if vault is None:
            return
        self._remember(self._session.path)
        if vault.must_change_passphrase:
            dialog = ChangePassphraseDialog(self._session, forced=True, parent=self._window)
            dialog.accepted.connect(self.enter_workspace)
            dialog.open()
            return
        self.enter_workspace()

    def enter_workspace(self) -> None:
        vault = self._session.vault
        if vault is None:
            return
        services = RecordServices.over(vault, self._today)
        for page in self._record_pages():
            page.attach(services, self._writer)
        self._window.set_demo(services.facts.is_demo())
        self._window.show_workspace()
        self._window.go_to(self._area_before_lock)
        restored = self._drafts.restore(self._window.workspace_pages(), vault.draft_key)
        if restored:
            self._window.show_status(
                QCoreApplication.translate("VaultGate", "Your unsaved input was kept while locked.")
            )
        self.idle.start()

    def _record_pages(self) -> list[RecordPage]:
        return [page for page in self._window.workspace_pages() if isinstance(page, RecordPage)]

    # --- saving problems ----------------------------------------------------------------

    def _on_failed(self, error: object) -> None:
        if isinstance(error, SaveFailed) and self._session.is_unlocked:
            reason = QCoreApplication.translate("Vault", str(error.values.get("reason", "")))
            advice = QCoreApplication.translate("Vault", str(error.values.get("advice", "")))
            text = QCoreApplication.translate("Vault", error.message).format(
                reason=reason, advice=advice
            )
            self._window.show_status(text, persistent=True)
            self._retry.start()

    def _retry_save(self) -> None:
        vault = self._session.vault
        if vault is None or not vault.unsaved_changes:
            self._retry.stop()
            return

        def saved(_result: object) -> None:
            self._retry.stop()
            self._window.show_status(
                QCoreApplication.translate("VaultGate", "All changes are saved again.")
            )

        self._session.run(lambda open_vault: open_vault.save(), saved)
