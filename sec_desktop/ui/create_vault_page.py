"""The first-run screen: where to keep the vault, and the passphrase that protects it."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.services.demo_vault import demo_path_beside
from sec_desktop.ui.gate_widgets import (
    BusyIndicator,
    announce,
    buddy_label,
    centre_in_page,
    column_layout,
    passphrase_field,
    reveal,
    vault_error_text,
    wrapped_label,
)
from sec_desktop.ui.passphrase_meter import PassphraseMeter
from sec_desktop.ui.vault_session import VaultSession
from sec_desktop.ui.widgets import ErrorLabel, heading_label
from sec_desktop.vault.atomic import ensure_folder
from sec_desktop.vault.errors import VaultExists
from sec_desktop.vault.passphrase import MISMATCH

VAULT_SUFFIX = ".secvault"


def choose_vault_file(parent: QWidget | None, start: Path) -> Path | None:
    """Ask where to keep a new vault; None if the user cancelled. (Tests replace this.)"""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("CreateVaultPage", "Where to keep the vault"),
        str(start),
        QCoreApplication.translate("CreateVaultPage", "SEC Desktop vaults (*.secvault)"),
        "",
        # The page refuses an existing file itself, saying why: no "Replace it?" question.
        QFileDialog.Option.DontConfirmOverwrite,
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix else path.with_suffix(VAULT_SUFFIX)


def _same(first: str, second: str) -> bool:
    return unicodedata.normalize("NFC", first) == unicodedata.normalize("NFC", second)


class CreateVaultPage(QWidget):
    """Choose the vault's place and passphrase, then `session.create` it."""

    def __init__(
        self, session: VaultSession, default_path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_create_vault")
        self.setAccessibleName(self.tr("Create your vault"))
        self._session = session
        self._default_path = default_path
        self._waiting = False  # a create started here is running
        self._confirm_finished = False  # the confirmation field was left once

        self.form = QWidget(self)
        self._build_location(default_path)
        self._build_passphrase()
        self.progress = BusyIndicator(
            self.tr("Creating the vault (this takes a few seconds)…"),
            self.tr("Creating the vault"),
            self,
        )
        self.error_label = ErrorLabel(self)
        self.error_label.setWordWrap(True)

        layout = column_layout()
        layout.addWidget(heading_label(self.tr("Create your vault"), self))
        layout.addWidget(
            wrapped_label(
                self.tr(
                    "SEC Desktop keeps every record in a vault: one encrypted file, on this "
                    "computer or on a drive you choose. Nothing readable is ever written to "
                    "disk."
                ),
                self,
            )
        )
        layout.addWidget(
            wrapped_label(
                self.tr(
                    "Only your passphrase opens the vault. Nobody can recover a forgotten "
                    "passphrase: it can only be replaced using the recovery key, which you "
                    "will be shown next."
                ),
                self,
            )
        )
        layout.addSpacing(6)
        layout.addWidget(self.form)
        layout.addWidget(self.progress)
        layout.addWidget(self.error_label)
        centre_in_page(self, layout)

        self._connect(session)
        self._show_working(False)
        self.error_label.hide()
        self._update()

    def _build_location(self, default_path: Path) -> None:
        self.location_edit = QLineEdit(str(default_path), self.form)
        self.location_edit.setObjectName("vaultLocation")
        self.location_edit.setAccessibleName(self.tr("Vault file"))
        self.choose_button = QPushButton(self.tr("C&hoose…"), self.form)
        self.choose_button.setObjectName("chooseLocation")
        self.choose_button.setAutoDefault(True)
        self.choose_button.setAccessibleDescription(self.tr("Choose where to keep the vault file"))
        note = wrapped_label(
            self.tr(
                "An encrypted USB stick is fine. Backups are kept in a folder beside the "
                "vault file."
            ),
            self.form,
        )
        self.location_edit.setAccessibleDescription(note.text())
        self._form_layout = QVBoxLayout(self.form)
        self._form_layout.setContentsMargins(0, 0, 0, 0)
        self._form_layout.setSpacing(6)
        self._form_layout.addWidget(
            buddy_label(self.tr("&Vault file:"), self.location_edit, self.form)
        )
        row = QHBoxLayout()
        row.addWidget(self.location_edit, 1)
        row.addWidget(self.choose_button)
        self._form_layout.addLayout(row)
        self._form_layout.addWidget(note)
        self._form_layout.addSpacing(10)

    def _build_passphrase(self) -> None:
        form = self._form_layout
        self.passphrase_edit = passphrase_field("passphrase", self.tr("Passphrase"), self.form)
        self.meter = PassphraseMeter(self.form)
        self.confirm_edit = passphrase_field(
            "confirmPassphrase", self.tr("Passphrase again"), self.form
        )
        self.mismatch_label = ErrorLabel(self.form)
        self.mismatch_label.setObjectName("mismatchMessage")
        self.mismatch_label.setWordWrap(True)
        self.show_check = QCheckBox(self.tr("&Show the passphrase"), self.form)
        self.create_button = QPushButton(self.tr("&Create vault"), self.form)
        self.create_button.setObjectName("createButton")
        self.create_button.setAutoDefault(True)
        form.addWidget(buddy_label(self.tr("&Passphrase:"), self.passphrase_edit, self.form))
        form.addWidget(self.passphrase_edit)
        form.addWidget(self.meter)
        form.addSpacing(4)
        form.addWidget(buddy_label(self.tr("Type it &again:"), self.confirm_edit, self.form))
        form.addWidget(self.confirm_edit)
        form.addWidget(self.mismatch_label)
        form.addWidget(self.show_check, 0, Qt.AlignmentFlag.AlignLeft)
        form.addSpacing(10)
        form.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        form.addSpacing(18)
        self.demo_note = wrapped_label(
            self.tr(
                "Not ready to enter real records yet? Explore every screen with invented "
                "people first. The demo is a separate vault, marked DEMO everywhere."
            ),
            self.form,
        )
        self.demo_button = QPushButton(self.tr("E&xplore with demo data"), self.form)
        self.demo_button.setObjectName("exploreDemo")
        self.demo_button.setAccessibleDescription(self.demo_note.text())
        form.addWidget(self.demo_note)
        form.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _connect(self, session: VaultSession) -> None:
        for first, second in (
            (self.location_edit, self.choose_button),
            (self.choose_button, self.passphrase_edit),
            (self.passphrase_edit, self.confirm_edit),
            (self.confirm_edit, self.show_check),
            (self.show_check, self.create_button),
            (self.create_button, self.demo_button),
        ):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.passphrase_edit)
        self.choose_button.clicked.connect(self._choose)
        self.location_edit.textChanged.connect(self._update)
        self.passphrase_edit.textChanged.connect(self._on_passphrase_edited)
        self.confirm_edit.textChanged.connect(self._update)
        self.confirm_edit.editingFinished.connect(self._on_confirm_finished)
        self.show_check.toggled.connect(self._show_passphrase)
        for edit in (self.location_edit, self.passphrase_edit, self.confirm_edit):
            edit.returnPressed.connect(self.create_vault)
        self.create_button.clicked.connect(self.create_vault)
        self.demo_button.clicked.connect(self.explore_demo)
        session.unlocked.connect(self._on_created)
        session.busy_changed.connect(self._on_busy)
        session.created.connect(self._on_created)
        session.failed.connect(self._on_failed)

    # --- public -------------------------------------------------------------------------

    @property
    def location(self) -> Path:
        return Path(self.location_edit.text().strip()).expanduser()

    def can_create(self) -> bool:
        strength = self.meter.strength
        return (
            bool(self.location_edit.text().strip())
            and strength is not None
            and strength.acceptable
            and _same(self.passphrase_edit.text(), self.confirm_edit.text())
            and not self._session.busy
        )

    def create_vault(self) -> None:
        """Check the place, then create the vault (the button, or Enter in a field)."""
        if not self.can_create() or not self.form.isEnabled():
            return
        path = self.location.absolute()
        problem = self._problem_with(path)
        if problem:
            self._show_error(problem)
            self.location_edit.setFocus()
            return
        self.error_label.hide()
        self._waiting = True
        self.progress.label.setText(self.tr("Creating the vault (this takes a few seconds)…"))
        self._session.create(path, self.passphrase_edit.text())

    # --- steps ----------------------------------------------------------------------------

    def _problem_with(self, path: Path) -> str:
        """Why a vault cannot be made at `path`, or "" if it can (the folder is made here)."""
        if path.is_dir():
            return self.tr(
                "That is a folder. Add a file name at the end, for example {example}."
            ).format(example=path / f"records{VAULT_SUFFIX}")
        if path.exists():
            return vault_error_text(VaultExists())
        try:
            ensure_folder(path.parent)
        except OSError as error:
            return self.tr(
                "The folder {folder} could not be made ({reason}). Choose another place."
            ).format(folder=path.parent, reason=error.strerror or type(error).__name__)
        if not os.access(path.parent, os.W_OK | os.X_OK):
            return self.tr(
                "SEC Desktop may not write in the folder {folder}. Choose another place."
            ).format(folder=path.parent)
        return ""

    def _choose(self) -> None:
        chosen = choose_vault_file(self, self.location)
        if chosen is not None:
            self.location_edit.setText(str(chosen))
            self.error_label.hide()
        self.passphrase_edit.setFocus()

    def _on_passphrase_edited(self, text: str) -> None:
        self.meter.update_for(text)
        self._update()

    def _on_confirm_finished(self) -> None:
        self._confirm_finished = bool(self.confirm_edit.text())
        self._update()

    def _show_passphrase(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase_edit.setEchoMode(mode)
        self.confirm_edit.setEchoMode(mode)

    def _update(self) -> None:
        passphrase, confirmation = self.passphrase_edit.text(), self.confirm_edit.text()
        # No complaint while the second copy is first typed and is right so far; once the
        # field has been left (or Enter pressed), the message follows every keystroke.
        still_typing = (
            not self._confirm_finished
            and self.confirm_edit.hasFocus()
            and passphrase.startswith(confirmation)
        )
        differ = bool(confirmation) and not _same(passphrase, confirmation) and not still_typing
        text = QCoreApplication.translate("Vault", MISMATCH) if differ else ""
        self.mismatch_label.setText(text)
        self.mismatch_label.setVisible(differ)
        self.confirm_edit.setAccessibleDescription(text)
        self.create_button.setEnabled(self.can_create())

    # --- what the session says ----------------------------------------------------------

    def _on_busy(self, busy: bool) -> None:
        if self._waiting:
            self._show_working(busy)

    def explore_demo(self) -> None:
        """Open the demo vault beside the default vault (made the first time)."""
        if self._session.busy:
            return
        self._waiting = True
        self.error_label.hide()
        self.progress.label.setText(self.tr("Preparing the demo (this takes a few seconds)…"))
        self._session.explore_demo(demo_path_beside(self._default_path))

    def _on_created(self, _recovery_key: str = "") -> None:
        if not self._waiting:
            return
        self._waiting = False
        self.passphrase_edit.clear()
        self.confirm_edit.clear()
        self._confirm_finished = False
        self._show_working(False)

    def _on_failed(self, error: object) -> None:
        if not self._waiting:
            return
        self._waiting = False
        self._show_working(False)
        self._show_error(vault_error_text(error))
        self.passphrase_edit.setFocus()

    # --- showing --------------------------------------------------------------------------

    def _show_working(self, working: bool) -> None:
        self.form.setEnabled(not working)
        self.progress.setVisible(working)
        if working:
            reveal(self.progress)
        self._update()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        reveal(self.error_label)
        announce(self.error_label, text)
