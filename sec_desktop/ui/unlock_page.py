"""The unlock screen: the passphrase (or the recovery key) that opens the vault.

Its messages tell apart a wrong passphrase, a typing mistake in the recovery key, a
damaged file (with the newest good backup offered in its place), a vault open in another
copy of SEC Desktop and a vault from a newer version. It is the first screen on most
days, so it imports nothing heavy (no strength meter here).

Also home to two small helpers the other vault screens share: `vault_error_text` and
`centre_in_page`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

# How wide a page would like to be when it may choose (in a dialog): its column, a little
# narrower than the widest readable, plus the margins.
from sec_desktop.ui.gate_widgets import (
    RECOVERY_KEY_PATTERN,
    BusyIndicator,
    announce,
    buddy_label,
    centre_in_page,
    column_layout,
    monospace_font,
    passphrase_field,
    reveal,
    vault_error_text,
    wrapped_label,
)
from sec_desktop.ui.vault_session import VaultSession
from sec_desktop.ui.widgets import ErrorLabel, heading_label
from sec_desktop.vault.errors import (
    InvalidRecoveryKey,
    NotAVault,
    VaultDamaged,
    WrongPassphrase,
    WrongRecoveryKey,
)

if TYPE_CHECKING:
    from sec_desktop.vault.vault import Unlock

# The demo vault's file name, as `services.demo_vault.DEMO_FILE_NAME` (a test keeps them
# equal). Copied because that module loads the whole vault stack (SQLAlchemy, Alembic),
# and this screen must come up before any of it: it is imported only for the demo vault.
DEMO_FILE_NAME = "demo.secvault"


def is_demo_path(path: Path) -> bool:
    return path.name == DEMO_FILE_NAME


class UnlockPage(QWidget):
    """Unlock with the passphrase, or with the recovery key. Drives `session.unlock`."""

    # The demo vault's page only: go back to the user's own vault.
    leave_demo_requested = Signal()

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_unlock")
        self.setAccessibleName(self.tr("Unlock the vault"))
        self._session = session
        self._waiting = False  # an unlock started here is running
        self._last_unlock: Unlock | None = None  # kept only while a backup is offered

        path = session.path
        where = wrapped_label(
            self.tr("Vault file: {name}\nFolder: {folder}").format(
                name=path.name, folder=path.parent
            ),
            self,
        )
        where.setObjectName("vaultLocation")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = QWidget(self)
        self._build_form()
        self._build_status()

        layout = column_layout()
        layout.addWidget(heading_label(self.tr("Unlock the vault"), self))
        self.intro = wrapped_label("", self)
        layout.addWidget(self.intro)
        layout.addWidget(where)
        layout.addSpacing(6)
        layout.addWidget(self.form)
        layout.addWidget(self.progress)
        layout.addWidget(self.error_label)
        layout.addWidget(self.backup_note)
        layout.addWidget(self.backup_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.leave_demo_button: QPushButton | None = None
        if is_demo_path(path):
            self._add_demo_help(layout)
        centre_in_page(self, layout)

        self._connect(session)
        self._set_method(recovery=False)
        self._show_working(False)
        self._clear_error()

    def _add_demo_help(self, layout: QVBoxLayout) -> None:
        """The demo vault holds invented people only, so its passphrase is shown here."""
        from sec_desktop.services.demo_vault import DEMO_PASSPHRASE  # noqa: PLC0415

        layout.addSpacing(12)
        layout.addWidget(
            wrapped_label(
                self.tr(
                    "This is the demo vault: invented people only. Its passphrase is: {phrase}"
                ).format(phrase=DEMO_PASSPHRASE),
                self,
            )
        )
        self.leave_demo_button = QPushButton(self.tr("&Leave the demo"), self)
        self.leave_demo_button.setObjectName("leaveDemo")
        self.leave_demo_button.setAccessibleDescription(
            self.tr("Go back to your own vault, or to creating one.")
        )
        self.leave_demo_button.clicked.connect(self.leave_demo_requested)
        layout.addWidget(self.leave_demo_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _build_form(self) -> None:
        """The passphrase or the recovery key (one at a time), and the buttons."""
        self.passphrase_edit = passphrase_field("passphrase", self.tr("Passphrase"), self.form)
        self.passphrase_label = buddy_label(
            self.tr("&Passphrase:"), self.passphrase_edit, self.form
        )
        self.recovery_edit = QLineEdit(self.form)
        self.recovery_edit.setObjectName("recoveryKey")
        self.recovery_edit.setAccessibleName(self.tr("Recovery key"))
        self.recovery_edit.setPlaceholderText(RECOVERY_KEY_PATTERN)
        self.recovery_edit.setFont(monospace_font())
        self.recovery_label = buddy_label(self.tr("&Recovery key:"), self.recovery_edit, self.form)
        self.recovery_hint = wrapped_label(
            self.tr(
                "Type the 9 groups of 4 letters and digits from the printed sheet. Small "
                "letters and spaces are fine. You will then choose a new passphrase."
            ),
            self.form,
        )
        self.recovery_edit.setAccessibleDescription(self.recovery_hint.text())
        self.unlock_button = QPushButton(self.tr("&Unlock"), self.form)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setAutoDefault(True)
        self.switch_button = QPushButton(self.form)
        self.switch_button.setObjectName("switchMethod")
        self.switch_button.setAutoDefault(True)

        layout = QVBoxLayout(self.form)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for widget in (
            self.passphrase_label,
            self.passphrase_edit,
            self.recovery_label,
            self.recovery_edit,
            self.recovery_hint,
        ):
            layout.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 6, 0, 0)
        buttons.addWidget(self.unlock_button)
        buttons.addStretch(1)
        buttons.addWidget(self.switch_button)
        layout.addLayout(buttons)

    def _build_status(self) -> None:
        """Working, and what went wrong (with the backup offered for a damaged file)."""
        self.progress = BusyIndicator(self.tr("Unlocking…"), self.tr("Unlocking"), self)
        self.error_label = ErrorLabel(self)
        self.error_label.setWordWrap(True)
        self.backup_note = wrapped_label(
            self.tr(
                "SEC Desktop can open the newest backup that opens with what you typed. "
                "The damaged file is set aside under a new name, not deleted, so nothing "
                "is lost."
            ),
            self,
        )
        self.backup_button = QPushButton(self.tr("Open the newest good &backup"), self)
        self.backup_button.setObjectName("openBackup")
        self.backup_button.setAutoDefault(True)
        self.backup_button.setAccessibleDescription(self.backup_note.text())

    def _connect(self, session: VaultSession) -> None:
        self.passphrase_edit.returnPressed.connect(self.unlock)
        self.recovery_edit.returnPressed.connect(self.unlock)
        self.unlock_button.clicked.connect(self.unlock)
        self.switch_button.clicked.connect(self._switch_method)
        self.backup_button.clicked.connect(self._open_backup)
        session.busy_changed.connect(self._on_busy)
        session.unlocked.connect(self._on_unlocked)
        session.failed.connect(self._on_failed)
        for first, second in (
            (self.passphrase_edit, self.recovery_edit),
            (self.recovery_edit, self.unlock_button),
            (self.unlock_button, self.switch_button),
            (self.switch_button, self.backup_button),
        ):
            QWidget.setTabOrder(first, second)

    # --- public -------------------------------------------------------------------------

    @property
    def using_recovery_key(self) -> bool:
        return not self.recovery_edit.isHidden()

    def reset(self) -> None:
        """Back to an empty passphrase field with no message (when the app locks)."""
        self._waiting = False
        self.passphrase_edit.clear()
        self.recovery_edit.clear()
        self._clear_error()
        self._show_working(False)
        self._set_method(recovery=False)

    def unlock(self) -> None:
        """Unlock with what was typed (the Unlock button, or Enter in the field)."""
        from sec_desktop.vault.vault import Unlock  # noqa: PLC0415 (loaded after the first paint)

        if self._session.busy or not self.form.isEnabled():
            return
        if self.using_recovery_key:
            key = self.recovery_edit.text().strip()
            if not key:
                self._show_error(self.tr("Type the recovery key first."))
                self.recovery_edit.setFocus()
                return
            request = Unlock(recovery_key=key)
        else:
            passphrase = self.passphrase_edit.text()
            if not passphrase:
                self._show_error(self.tr("Type your passphrase first."))
                self.passphrase_edit.setFocus()
                return
            request = Unlock(passphrase=passphrase)
        self._start(request, from_backup=False)

    # --- steps ----------------------------------------------------------------------------

    def _start(self, request: Unlock, *, from_backup: bool) -> None:
        self._clear_error()
        self._last_unlock = request
        self._waiting = True
        if from_backup:
            self.progress.label.setText(self.tr("Opening the newest good backup…"))
            self._session.unlock_from_newest_backup(request)
        else:
            self.progress.label.setText(self.tr("Unlocking…"))
            self._session.unlock(request)

    def _open_backup(self) -> None:
        if self._last_unlock is not None and not self._session.busy:
            self._start(self._last_unlock, from_backup=True)

    def _switch_method(self) -> None:
        self._clear_error()
        self._set_method(recovery=not self.using_recovery_key)

    def _set_method(self, *, recovery: bool) -> None:
        for widget in (self.recovery_label, self.recovery_edit, self.recovery_hint):
            widget.setVisible(recovery)
        for widget in (self.passphrase_label, self.passphrase_edit):
            widget.setVisible(not recovery)
        if recovery:
            self.intro.setText(
                self.tr("Your records are locked. Type the recovery key to open them.")
            )
            self.switch_button.setText(self.tr("Use the &passphrase instead"))
            self.setFocusProxy(self.recovery_edit)
            self.recovery_edit.setFocus()
        else:
            self.intro.setText(
                self.tr("Your records are locked. Type your passphrase to open them.")
            )
            self.switch_button.setText(self.tr("Use the &recovery key instead"))
            self.setFocusProxy(self.passphrase_edit)
            self.passphrase_edit.setFocus()

    # --- what the session says ----------------------------------------------------------

    def _on_busy(self, busy: bool) -> None:
        if self._waiting:
            self._show_working(busy)

    def _on_unlocked(self) -> None:
        if not self._waiting:
            return
        self._waiting = False
        self._last_unlock = None
        self.passphrase_edit.clear()
        self.recovery_edit.clear()
        self._show_working(False)

    def _on_failed(self, error: object) -> None:
        if not self._waiting:
            return
        self._waiting = False
        self._show_working(False)
        if isinstance(error, VaultDamaged | NotAVault):
            self.backup_note.show()
            self.backup_button.show()
            self._show_error(vault_error_text(error))
            self.backup_button.setFocus()
            return
        self._show_error(vault_error_text(error))
        self._last_unlock = None
        if isinstance(error, WrongPassphrase):
            self.passphrase_edit.clear()
            self.passphrase_edit.setFocus()
        elif isinstance(error, WrongRecoveryKey | InvalidRecoveryKey):
            self.recovery_edit.setFocus()
            self.recovery_edit.selectAll()
        elif self.using_recovery_key:
            self.recovery_edit.setFocus()
        else:
            self.passphrase_edit.setFocus()

    # --- showing --------------------------------------------------------------------------

    def _show_working(self, working: bool) -> None:
        self.form.setEnabled(not working)
        self.progress.setVisible(working)
        if working:
            reveal(self.progress)
        self.backup_button.setEnabled(not working)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        reveal(self.backup_button if self.backup_button.isVisibleTo(self) else self.error_label)
        announce(self.error_label, text)

    def _clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()
        self.backup_note.hide()
        self.backup_button.hide()
