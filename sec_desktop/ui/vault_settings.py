"""The vault's part of the settings page: where the vault is, when it locks, its
passphrase and keys (the "Vault" group), and its backups (the "Backups" group).

Preferences are changed through the settings page's `change` (which saves them and
emits `preferences_changed`, which the idle timer and the session's retention follow).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.settings import IDLE_LOCK_MAX_MINUTES, IDLE_LOCK_MIN_MINUTES, Preferences
from sec_desktop.ui.backup_settings import BackupsGroup
from sec_desktop.ui.change_passphrase_dialog import ChangePassphraseDialog
from sec_desktop.ui.rekey_dialog import RecoveryKeyDialog, RekeyDialog
from sec_desktop.ui.settings_widgets import Feedback, path_label, sentence, spin_box
from sec_desktop.ui.vault_session import VaultSession


class VaultSettingsSection(QWidget):
    """The "Vault" and "Backups" groups of the settings page."""

    status_message = Signal(str)
    # A backup was restored: the records on every screen are now the backup's.
    restored = Signal()

    def __init__(
        self,
        session: VaultSession,
        preferences: Preferences,
        change: Callable[..., bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("vaultSettings")
        self._session = session
        self._change = change
        self.passphrase_dialog: ChangePassphraseDialog | None = None
        self.rekey_dialog: RekeyDialog | None = None
        self.recovery_dialog: RecoveryKeyDialog | None = None

        self.backups = BackupsGroup(session, preferences, change, self)
        self.backups.status_message.connect(self.status_message)
        self.backups.restored.connect(self.restored)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self._build_vault_group(preferences))
        layout.addWidget(self.backups)
        session.unlocked.connect(self.refresh)
        session.locked.connect(self.refresh)
        self.refresh()

    def _build_vault_group(self, preferences: Preferences) -> QGroupBox:
        group = QGroupBox(self.tr("Vault"), self)
        group.setObjectName("vaultGroup")
        self.location_label = path_label(group)

        self.idle_spin = spin_box(
            group,
            IDLE_LOCK_MIN_MINUTES,
            IDLE_LOCK_MAX_MINUTES,
            preferences.idle_lock_minutes,
            self.tr("Minutes without use before the vault locks"),
        )
        self.idle_spin.valueChanged.connect(self._on_idle_changed)

        self.change_passphrase_button = QPushButton(self.tr("&Change passphrase\u2026"), group)
        self.change_passphrase_button.clicked.connect(self.change_passphrase)
        self.rekey_button = QPushButton(self.tr("&Replace keys (re-key)\u2026"), group)
        self.rekey_button.setToolTip(
            self.tr(
                "A new encryption key and recovery key, for when someone else may have had "
                "the vault file together with the passphrase or the recovery key"
            )
        )
        self.rekey_button.clicked.connect(self.replace_keys)
        buttons = QHBoxLayout()
        buttons.addWidget(self.change_passphrase_button)
        buttons.addWidget(self.rekey_button)
        buttons.addStretch(1)
        self.feedback = Feedback(group)

        form = QFormLayout(group)
        form.addRow(self.tr("Location:"), self.location_label)
        form.addRow(
            self.tr("Locking:"),
            sentence(
                group, (self.tr("L&ock after"), self.idle_spin), self.tr("minutes without use")
            ),
        )
        form.addRow(self.tr("Keys:"), buttons)
        form.addRow("", self.feedback)
        return group

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self.location_label.setText(str(self._session.path))
        unlocked = self._session.is_unlocked
        self.change_passphrase_button.setEnabled(unlocked)
        self.rekey_button.setEnabled(unlocked)

    # --- locking --------------------------------------------------------------------------

    def _on_idle_changed(self, minutes: int) -> None:
        if self._change(idle_lock_minutes=minutes):
            self.status_message.emit(
                self.tr("The vault now locks after {minutes} minutes without use.").format(
                    minutes=minutes
                )
            )

    # --- passphrase -----------------------------------------------------------------------

    def change_passphrase(self) -> ChangePassphraseDialog:
        dialog = ChangePassphraseDialog(self._session, parent=self)
        dialog.accepted.connect(lambda: self._on_passphrase_changed(dialog.save_failed))
        dialog.finished.connect(dialog.deleteLater)
        self.passphrase_dialog = dialog
        dialog.open()
        return dialog

    def _on_passphrase_changed(self, save_failed: bool) -> None:
        if save_failed:
            return  # the window shows the save warning; the change is saved at the retry
        self.feedback.say(self.tr("Passphrase changed. Use the new one from now on."))
        self.status_message.emit(self.tr("Passphrase changed."))
        self.backups.refresh()

    # --- keys -----------------------------------------------------------------------------

    def replace_keys(self) -> RekeyDialog:
        dialog = RekeyDialog(self._session, parent=self)
        dialog.rekeyed.connect(self._show_recovery_key)
        dialog.finished.connect(dialog.deleteLater)
        self.rekey_dialog = dialog
        dialog.open()
        return dialog

    def _show_recovery_key(self, recovery_key: str) -> None:
        self.backups.refresh()
        dialog = RecoveryKeyDialog(recovery_key, self._session.path, parent=self)
        dialog.finished.connect(self._on_recovery_key_closed)
        dialog.finished.connect(dialog.deleteLater)
        self.recovery_dialog = dialog
        dialog.open()

    def _on_recovery_key_closed(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            self.feedback.say(
                self.tr(
                    "The keys were replaced. Only the new recovery key opens the vault now; "
                    "backups made before keep the old keys."
                )
            )
            self.status_message.emit(self.tr("Keys replaced."))
            return
        self.feedback.say(
            self.tr(
                "The keys were replaced, but the new recovery key was closed before you "
                "confirmed storing it (the vault was locked). It cannot be shown again: "
                "replace the keys once more to get one you can store."
            ),
            error=True,
        )
