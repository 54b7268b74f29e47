"""The "Backups" group of the settings page: how many backups to keep, the list of them
(generation, when saved, size), checking one and restoring one.

Checking and restoring run off the GUI thread through the vault session. A restore is
confirmed first (through `confirm`, which tests replace), keeps the current file as a
backup, and is recorded in the audit log (the vault does both).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.settings import BACKUP_DAILY_DAYS_MAX, BACKUP_KEEP_LAST_MAX, Preferences
from sec_desktop.ui.settings_widgets import Feedback, path_label, sentence, spin_box
from sec_desktop.ui.vault_session import VaultSession
from sec_desktop.ui.vault_tasks import error_text, run_vault_task
from sec_desktop.vault.backups import BackupInfo, RetentionPolicy, backup_dir_for, list_backups
from sec_desktop.vault.errors import SaveFailed
from sec_desktop.vault.inspect import CheckResult
from sec_desktop.vault.vault import Vault

TABLE_ROWS_SHOWN = 6


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask before something that cannot simply be undone; No is the default answer. The
    first paragraph of `text` is the question, the rest explains it."""
    question, _, details = text.partition("\n\n")
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setInformativeText(details)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def local_time(moment_utc: float) -> str:
    """A moment (seconds since the epoch) in the computer's time zone, spelt out."""
    when = QDateTime.fromSecsSinceEpoch(int(moment_utc), QTimeZone.systemTimeZone())
    return QLocale().toString(when, "d MMM yyyy, HH:mm:ss")


# --- small pieces shared with the "Vault" group ------------------------------------------


class BackupsGroup(QGroupBox):
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
        self.setTitle(self.tr("Backups"))
        self.setObjectName("backupsGroup")
        self._session = session
        self._change = change
        self._busy = False
        self._backups: list[BackupInfo] = []

        intro = QLabel(
            self.tr("Each save keeps the previous vault file as an encrypted backup, in:"), self
        )
        intro.setWordWrap(True)
        self.folder_label = path_label(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy, with no measure of how far
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.setAccessibleName(self.tr("Working"))
        self.progress.hide()
        self.feedback = Feedback(self)

        column = QVBoxLayout(self)
        column.setSpacing(8)
        column.addWidget(intro)
        column.addWidget(self.folder_label)
        column.addLayout(self._build_retention(preferences))
        column.addSpacing(4)
        self._build_table(column)
        column.addLayout(self._build_actions())
        column.addWidget(self.progress)
        column.addWidget(self.feedback)
        session.unlocked.connect(self.refresh)
        session.locked.connect(self.refresh)
        self.refresh()

    # --- building -------------------------------------------------------------------------

    def _build_retention(self, preferences: Preferences) -> QHBoxLayout:
        self.keep_last_spin = spin_box(
            self, 1, BACKUP_KEEP_LAST_MAX, preferences.backup_keep_last, self.tr("Saves to keep")
        )
        self.daily_days_spin = spin_box(
            self,
            0,
            BACKUP_DAILY_DAYS_MAX,
            preferences.backup_daily_days,
            self.tr("Days to keep one backup a day for"),
        )
        for spin in (self.keep_last_spin, self.daily_days_spin):
            spin.valueChanged.connect(self._on_retention_changed)
        return sentence(
            self,
            (self.tr("&Keep the last"), self.keep_last_spin),
            self.tr("saves,"),
            (self.tr("and one a &day for"), self.daily_days_spin),
            self.tr("days"),
        )

    def _build_table(self, column: QVBoxLayout) -> None:
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("backupsTable")
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Generation"), self.tr("Saved at"), self.tr("Size")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(110)
        # As wide as its columns, not the page: the numbers stay next to their dates.
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        rows = TABLE_ROWS_SHOWN * self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(header.sizeHint().height() + rows + 2 * self.table.frameWidth())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        caption = QLabel(self.tr("&Backups, newest first:"), self)
        caption.setBuddy(self.table)
        self.empty_label = QLabel(
            self.tr("No backups yet: one is kept each time the vault is saved."), self
        )
        self.empty_label.setWordWrap(True)
        column.addWidget(caption)
        column.addWidget(self.table)
        column.addWidget(self.empty_label)

    def _build_actions(self) -> QHBoxLayout:
        self.verify_button = QPushButton(self.tr("&Verify"), self)
        self.verify_button.setToolTip(
            self.tr("Decrypt the chosen backup in memory and check it, without changing anything")
        )
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button = QPushButton(self.tr("Re&store\u2026"), self)
        self.restore_button.setToolTip(
            self.tr("Replace the records in the vault with those of the chosen backup")
        )
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        return buttons

    # --- state ----------------------------------------------------------------------------

    @property
    def backups(self) -> list[BackupInfo]:
        return list(self._backups)

    @property
    def busy(self) -> bool:
        return self._busy

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Read the list of backups again and update what can be done."""
        path = self._session.path
        self.folder_label.setText(str(backup_dir_for(path)))
        chosen = self.selected_backup()
        self._backups = list_backups(path)
        self.table.clearSelection()
        self.table.setRowCount(len(self._backups))
        locale = QLocale()
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, backup in enumerate(self._backups):
            try:
                size = locale.formattedDataSize(backup.path.stat().st_size)
            except OSError:  # pruned since it was listed
                size = "\u2013"
            cells = (str(backup.generation), local_time(backup.saved_at.timestamp()), size)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column != 1:
                    item.setTextAlignment(right)
                self.table.setItem(row, column, item)
            if chosen is not None and backup.path == chosen.path:
                self.table.selectRow(row)
        self.empty_label.setVisible(not self._backups)
        self._update_buttons()

    def select_generation(self, generation: int) -> None:
        for row, backup in enumerate(self._backups):
            if backup.generation == generation:
                self.table.selectRow(row)
                return

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._backups):
            return None
        return self._backups[rows[0].row()]

    def _update_buttons(self) -> None:
        usable = self._session.is_unlocked and not self._busy and self.selected_backup() is not None
        self.verify_button.setEnabled(usable)
        self.restore_button.setEnabled(usable)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        if busy:
            self.feedback.say(text)
        self._update_buttons()

    # --- keeping --------------------------------------------------------------------------

    def _on_retention_changed(self) -> None:
        keep_last, daily_days = self.keep_last_spin.value(), self.daily_days_spin.value()
        self._session.set_retention(RetentionPolicy(keep_last, daily_days))
        if self._change(backup_keep_last=keep_last, backup_daily_days=daily_days):
            self.status_message.emit(
                self.tr("Backups to keep saved: older ones are removed at the next save.")
            )

    # --- verifying ------------------------------------------------------------------------

    def verify_selected(self) -> None:
        backup = self.selected_backup()
        if backup is None or self._busy:
            return
        self._set_busy(
            True,
            self.tr("Checking the backup of generation {generation}\u2026").format(
                generation=backup.generation
            ),
        )

        def verify(vault: Vault) -> CheckResult:
            return vault.verify_backup(backup.path)

        run_vault_task(
            self._session,
            verify,
            lambda result: self._on_verified(backup, result),
            self._on_failed,
            owner=self,
        )

    def _on_verified(self, backup: BackupInfo, result: CheckResult) -> None:
        self._set_busy(False)
        values = {"generation": backup.generation, "row": result.audit_broken_row}
        if result.ok:
            text = self.tr(
                "Backup of generation {generation} is readable and intact (integrity and "
                "audit checks passed)."
            )
        elif result.integrity_problems:
            text = self.tr(
                "Backup of generation {generation} can be decrypted, but its database failed "
                "the integrity check. Choose another backup."
            )
        elif result.audit_broken_row == 0:
            text = self.tr(
                "Backup of generation {generation} can be decrypted, but rows are missing from "
                "the end of its audit log. Choose another backup."
            )
        else:
            text = self.tr(
                "Backup of generation {generation} can be decrypted, but its audit log is "
                "broken at row {row}. Choose another backup."
            )
        self.feedback.say(text.format(**values), error=not result.ok)
        self.refresh()

    # --- restoring ------------------------------------------------------------------------

    def restore_selected(self) -> None:
        backup = self.selected_backup()
        if backup is None or self._busy:
            return
        question = self.tr(
            "Restore the backup of generation {generation}?\n\n"
            "It was saved on {saved_at}. The records now in the vault will be replaced by the "
            "backup's: anything recorded since then will no longer be in the vault.\n\n"
            "The current vault file is kept as a backup first, so you can go back to it by "
            "restoring that one. The restore is recorded in the audit log."
        ).format(generation=backup.generation, saved_at=local_time(backup.saved_at.timestamp()))
        if not confirm(self, self.tr("Restore backup?"), question):
            return
        self._set_busy(
            True,
            self.tr("Restoring the backup of generation {generation}\u2026").format(
                generation=backup.generation
            ),
        )

        def restore(vault: Vault) -> int:
            before = vault.generation
            vault.restore(backup.path)
            return before

        run_vault_task(
            self._session,
            restore,
            lambda before: self._on_restored(backup, int(before)),
            lambda error: self._on_restore_failed(backup, error),
            owner=self,
        )

    def _on_restored(self, backup: BackupInfo, before: int) -> None:
        self._set_busy(False)
        self.feedback.say(
            self.tr(
                "The backup of generation {generation} was restored. The records as they were "
                "just before are kept as the backup of generation {before}."
            ).format(generation=backup.generation, before=before)
        )
        self.status_message.emit(self.tr("Backup restored."))
        self.refresh()
        self.restored.emit()

    def _on_restore_failed(self, backup: BackupInfo, error: Exception) -> None:
        if not isinstance(error, SaveFailed):
            self._on_failed(error)
            return
        # Restored in memory; the save is retried (the window shows the warning too).
        self._set_busy(False)
        self.feedback.say(
            self.tr(
                "The backup of generation {generation} was restored, but the vault could not "
                "be saved yet: {problem}"
            ).format(generation=backup.generation, problem=error_text(error)),
            error=True,
        )
        self.refresh()
        self.restored.emit()

    def _on_failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.feedback.say(error_text(error), error=True)
        self.refresh()
