"""The dialog for an unexpected error (the hook that routes uncaught exceptions to it is
`exception_handler.ExceptionHandler`, re-exported here).

The report comes from `crash_report`, which withholds exception messages and local values,
so the user can copy it to whoever supports the app without passing on personal data.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.ui.exception_handler import ExceptionHandler

__all__ = ["CrashDialog", "ExceptionHandler"]


class CrashDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("SEC Desktop: something went wrong"))
        self.setAccessibleName(self.tr("Problem report"))

        message = QLabel(
            self.tr(
                "SEC Desktop met a problem it did not expect. What you were doing may not "
                "have finished. The report below says where in the program it happened; it "
                "holds no names or other personal information, so you can copy it to "
                "whoever supports SEC Desktop."
            ),
            self,
        )
        message.setWordWrap(True)

        self.report_view = QPlainTextEdit(report, self)
        self.report_view.setObjectName("crashReport")
        self.report_view.setReadOnly(True)
        self.report_view.setAccessibleName(self.tr("Problem report text"))
        self.report_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("&Copy report"), self)
        self.copy_button.setAccessibleName(self.tr("Copy report"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_report)

        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(buttons)
        self.resize(680, 440)

    def report(self) -> str:
        return self.report_view.toPlainText()

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report())
        self.copy_button.setText(self.tr("Copied"))

    def add_report(self, report: str) -> None:
        """A further problem while the dialog is open: add it rather than stack dialogs."""
        self.report_view.appendPlainText("\n" + report)
