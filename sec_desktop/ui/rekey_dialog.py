"""Replacing the vault's keys (a new data key and a new recovery key) after a suspected
compromise, and showing the new recovery key once.

The current passphrase is asked for and checked first (off the GUI thread), then the
vault is re-keyed; the new recovery key is shown in a dialog that closes only once the
user confirms they have stored it (or when the app locks).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.ui.change_passphrase_dialog import grow_to_fit
from sec_desktop.ui.vault_session import VaultSession
from sec_desktop.ui.vault_tasks import error_text, run_vault_task
from sec_desktop.ui.widgets import ErrorLabel
from sec_desktop.vault.errors import SaveFailed
from sec_desktop.vault.vault import Vault


class RekeyDialog(QDialog):
    """Asks for the current passphrase and replaces the keys. `rekeyed(recovery_key)` is
    emitted with the new key (to be shown once), then the dialog is accepted."""

    rekeyed = Signal(str)

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rekeyDialog")
        self.setWindowTitle(self.tr("Replace keys"))
        self.setModal(True)
        self._session = session
        self._busy = False
        self.recovery_key = ""

        when = QLabel(
            self.tr(
                "Use this only if someone else may have had a copy of the vault file together "
                "with the passphrase or the recovery key. Changing the passphrase alone does "
                "not lock them out, because the key that encrypts the records stays the same."
            ),
            self,
        )
        what = QLabel(
            self.tr(
                "SEC Desktop makes a new encryption key and a new recovery key. Your passphrase "
                "stays the same: change it as well if someone else may know it. The old "
                "recovery key stops working for this vault, and you will be shown the new one "
                "once, to print or write down."
            ),
            self,
        )
        backups = QLabel(
            self.tr(
                "Backups made before now keep the old keys: they cannot be restored into this "
                "vault, and anyone with the old recovery key could still open them."
            ),
            self,
        )
        for label in (when, what, backups):
            label.setWordWrap(True)

        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(self.tr("Current passphrase"))
        self.passphrase_edit.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.passphrase_edit.textChanged.connect(self._update_state)
        caption = QLabel(self.tr("&Current passphrase:"), self)
        caption.setBuddy(self.passphrase_edit)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(caption, self.passphrase_edit)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.setAccessibleName(self.tr("Working"))
        self.progress_label = QLabel(self)
        self.progress_label.setWordWrap(True)
        self.error_label = ErrorLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Replace keys"))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        for label in (when, what, backups):
            layout.addWidget(label)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)
        self._set_busy(False)
        self.passphrase_edit.setFocus()

    @property
    def busy(self) -> bool:
        return self._busy

    def _update_state(self) -> None:
        self.ok_button.setEnabled(not self._busy and bool(self.passphrase_edit.text()))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.passphrase_edit.setEnabled(not busy)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setEnabled(not busy)
        self.progress_label.setText(text)
        self.progress_label.setVisible(busy)
        self.progress.setVisible(busy)
        self._update_state()
        grow_to_fit(self)

    def _on_ok(self) -> None:
        passphrase = self.passphrase_edit.text()
        if self._busy or not passphrase:
            return
        self.error_label.hide()
        self._set_busy(True, self.tr("Checking the passphrase\u2026"))
        run_vault_task(
            self._session,
            lambda vault: vault.verify_passphrase(passphrase),
            lambda right: self._on_verified(bool(right), passphrase),
            self._on_failed,
            owner=self,
        )

    def _on_verified(self, right: bool, passphrase: str) -> None:
        if not right:
            self._set_busy(False)
            self.passphrase_edit.clear()
            self.passphrase_edit.setFocus()
            self._show_error(
                self.tr(
                    "That is not the current passphrase. Check Caps Lock and the keyboard "
                    "layout, then type it again."
                )
            )
            return
        self._set_busy(True, self.tr("Replacing the keys\u2026"))

        def rekey(vault: Vault) -> str:
            return vault.rekey(passphrase)

        run_vault_task(self._session, rekey, self._on_rekeyed, self._on_failed, owner=self)

    def _on_rekeyed(self, recovery_key: object) -> None:
        self._set_busy(False)
        self.passphrase_edit.clear()
        self.recovery_key = str(recovery_key)
        self.rekeyed.emit(self.recovery_key)
        self.accept()

    def _on_failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, SaveFailed) and error.recovery_key:
            # Re-keyed in memory, saved at the next try (the window says so): show the key.
            self._on_rekeyed(error.recovery_key)
            return
        self._show_error(error_text(error))

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        grow_to_fit(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._busy and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        self.passphrase_edit.clear()
        super().reject()


class RecoveryKeyDialog(QDialog):
    """The new recovery key, shown once. Closes when the user confirms it is stored;
    Escape and the close button do nothing (locking still closes it)."""

    def __init__(self, recovery_key: str, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from sec_desktop.ui.recovery_key_page import RecoveryKeyPage  # noqa: PLC0415

        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(self.tr("New recovery key"))
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.page = RecoveryKeyPage(recovery_key, vault_path)
        self.page.confirmed.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
