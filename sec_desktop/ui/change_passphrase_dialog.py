"""Changing the vault's passphrase: the current one (unless the vault was opened with the
recovery key), the new one twice, and a live strength meter.

The current passphrase is checked and the new one set off the GUI thread (both run the
slow key derivation). Only the passphrase slot is rewrapped: the data key and the
recovery key stay. Passphrases are never logged.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
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

from sec_desktop.ui.passphrase_meter import PassphraseMeter
from sec_desktop.ui.vault_session import VaultSession
from sec_desktop.ui.vault_tasks import error_text, run_vault_task
from sec_desktop.ui.widgets import READABLE_WIDTH, ErrorLabel
from sec_desktop.vault.errors import SaveFailed
from sec_desktop.vault.passphrase import MISMATCH
from sec_desktop.vault.vault import Vault


def grow_to_fit(dialog: QDialog) -> None:
    """Make a dialog taller when wrapped text in it has grown (a longer verdict, an
    error): a window does not follow its layout's height-for-width by itself."""
    layout = dialog.layout()
    if layout is None or not dialog.isVisible():
        return  # before it is shown, Qt sizes it to its layout anyway
    layout.activate()
    width = dialog.width()
    needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else 0
    needed = max(needed, layout.totalMinimumSize().height())
    if needed > dialog.height():
        dialog.resize(width, needed)


def _same(first: str, second: str) -> bool:
    return unicodedata.normalize("NFC", first) == unicodedata.normalize("NFC", second)


class ChangePassphraseDialog(QDialog):
    """Accepted once the new passphrase is set. With `forced` (opened with the recovery
    key) there is no current passphrase to ask for, and no way out but choosing one."""

    def __init__(
        self, session: VaultSession, *, forced: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changePassphraseDialog")
        self.setWindowTitle(self.tr("Change passphrase"))
        self.setModal(True)
        self._session = session
        self._forced = forced
        self._busy = False
        # Set when a save failed after the change was made: the gate shows the warning.
        self.save_failed = False

        if forced:
            self.setWindowTitle(self.tr("Choose a new passphrase"))
            self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
            intro_text = self.tr(
                "You opened the vault with the recovery key. Choose a new passphrase before "
                "continuing: you will use it to unlock the vault from now on. The recovery key "
                "keeps working."
            )
        else:
            intro_text = self.tr(
                "Type the passphrase you use now, then the new one twice. The recovery key "
                "stays the same."
            )
        self.intro = QLabel(intro_text, self)
        self.intro.setWordWrap(True)

        form = self._build_form(forced)
        self._build_progress()
        self._build_buttons(forced)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(min(READABLE_WIDTH, 620))

        # The meter first: whether OK is enabled depends on its verdict.
        self.new_edit.textChanged.connect(self.meter.update_for)
        for edit in (self.current_edit, self.new_edit, self.confirm_edit):
            edit.textChanged.connect(self._update_state)
        self._update_state()
        (self.new_edit if forced else self.current_edit).setFocus()

    @property
    def forced(self) -> bool:
        return self._forced

    @property
    def busy(self) -> bool:
        return self._busy

    # --- building -------------------------------------------------------------------------

    def _build_form(self, forced: bool) -> QFormLayout:
        self.current_edit = self._passphrase_edit(self.tr("Current passphrase"))
        self.new_edit = self._passphrase_edit(self.tr("New passphrase"))
        self.confirm_edit = self._passphrase_edit(self.tr("Confirm new passphrase"))
        self.meter = PassphraseMeter(self)
        self.mismatch_label = ErrorLabel(self)
        self.mismatch_label.setWordWrap(True)
        self.mismatch_label.hide()
        self.show_check = QCheckBox(self.tr("&Show passphrases"), self)
        self.show_check.toggled.connect(self._on_show_toggled)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        if forced:
            self.current_edit.hide()
        else:
            form.addRow(
                self._buddy(self.tr("&Current passphrase:"), self.current_edit), self.current_edit
            )
        form.addRow(self._buddy(self.tr("&New passphrase:"), self.new_edit), self.new_edit)
        form.addRow("", self.meter)
        form.addRow(
            self._buddy(self.tr("Con&firm new passphrase:"), self.confirm_edit), self.confirm_edit
        )
        form.addRow("", self.mismatch_label)
        form.addRow("", self.show_check)
        return form

    def _build_progress(self) -> None:
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy, with no measure of how far
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.setAccessibleName(self.tr("Working"))
        self.progress_label = QLabel(self)
        self.progress_label.setWordWrap(True)
        self._show_progress("")

        self.error_label = ErrorLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

    def _build_buttons(self, forced: bool) -> None:
        buttons = (
            QDialogButtonBox.StandardButton.Ok
            if forced
            else QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons = QDialogButtonBox(buttons, self)
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Change passphrase"))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

    def _passphrase_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(name)
        # No input method suggestions or history for secrets.
        edit.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        return edit

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    # --- state ----------------------------------------------------------------------------

    def _acceptable(self) -> bool:
        strength = self.meter.strength
        new, confirmation = self.new_edit.text(), self.confirm_edit.text()
        return (
            (self._forced or bool(self.current_edit.text()))
            and strength is not None
            and strength.acceptable
            and bool(new)
            and _same(new, confirmation)
        )

    def _update_state(self) -> None:
        new, confirmation = self.new_edit.text(), self.confirm_edit.text()
        # Say so only once the confirmation is as long as the new one: not while typing.
        mismatch = len(confirmation) >= len(new) > 0 and not _same(new, confirmation)
        self.mismatch_label.setText(QCoreApplication.translate("Vault", MISMATCH))
        self.mismatch_label.setVisible(mismatch)
        self.ok_button.setEnabled(not self._busy and self._acceptable())
        grow_to_fit(self)

    def _on_show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for edit in (self.current_edit, self.new_edit, self.confirm_edit):
            edit.setEchoMode(mode)

    def _show_progress(self, text: str) -> None:
        self.progress_label.setText(text)
        self.progress_label.setVisible(bool(text))
        self.progress.setVisible(bool(text))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        for widget in (self.current_edit, self.new_edit, self.confirm_edit, self.show_check):
            widget.setEnabled(not busy)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setEnabled(not busy)
        self._show_progress(text if busy else "")
        self._update_state()

    # --- changing -------------------------------------------------------------------------

    def _on_ok(self) -> None:
        if self._busy or not self._acceptable():
            return
        self.error_label.hide()
        new = self.new_edit.text()
        if self._forced:
            self._change(new)
            return
        current = self.current_edit.text()
        self._set_busy(True, self.tr("Checking the current passphrase\u2026"))
        run_vault_task(
            self._session,
            lambda vault: vault.verify_passphrase(current),
            lambda right: self._on_verified(bool(right), same=_same(current, new)),
            self._on_failed,
            owner=self,
        )

    def _on_verified(self, right: bool, *, same: bool) -> None:
        if not right:
            self._set_busy(False)
            self._fail_current(
                self.tr(
                    "That is not the current passphrase. Check Caps Lock and the keyboard "
                    "layout, then type it again."
                )
            )
            return
        if same:
            self._set_busy(False)
            self._show_error(
                self.tr("The new passphrase is the same as the current one: choose another.")
            )
            self.new_edit.setFocus()
            return
        self._change(self.new_edit.text())

    def _change(self, new: str) -> None:
        self._set_busy(True, self.tr("Setting the new passphrase\u2026"))

        def change(vault: Vault) -> None:
            vault.change_passphrase(new)

        run_vault_task(self._session, change, self._on_changed, self._on_failed, owner=self)

    def _on_changed(self, _result: object) -> None:
        self._set_busy(False)
        self._clear_all()
        self.accept()

    def _on_failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, SaveFailed):
            # The change is made in memory and saved at the next try; the window says so.
            self.save_failed = True
            self._clear_all()
            self.accept()
            return
        self._show_error(error_text(error))

    def _fail_current(self, text: str) -> None:
        self.current_edit.clear()
        self.current_edit.setFocus()
        self._show_error(text)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        grow_to_fit(self)

    def _clear_all(self) -> None:
        for edit in (self.current_edit, self.new_edit, self.confirm_edit):
            edit.clear()

    # --- no way out when forced or busy, except locking (which calls reject) ----------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (self._forced or self._busy) and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._forced or self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        self._clear_all()
        super().reject()
