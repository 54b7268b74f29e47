"""The dialog for an unexpected error, and the hook that routes uncaught exceptions to it.

The report comes from `crash_report`, which withholds exception messages and local values,
so the user can copy it to whoever supports the app without passing on personal data.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
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

from sec_desktop.crash_report import build_report

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


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


class ExceptionHandler(QObject):
    """Installed as sys.excepthook: logs a safe report and shows it on the GUI thread."""

    _reported = Signal(str)

    def __init__(
        self,
        versions: dict[str, str],
        parent_window: Callable[[], QWidget | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._versions = versions
        self._parent_window = parent_window
        self._dialog: CrashDialog | None = None
        self._previous_hook: ExceptHook | None = None
        self._previous_thread_hook: Callable[[threading.ExceptHookArgs], object] | None = None
        # Queued: an exception on a worker thread must show its dialog on the GUI thread.
        self._reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    @property
    def dialog(self) -> CrashDialog | None:
        return self._dialog

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
        if self._previous_thread_hook is not None:
            threading.excepthook = self._previous_thread_hook

    def handle(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QGuiApplication.quit()
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        report = build_report(exc, self._versions)
        log.error("Unexpected problem\n%s", report)
        self._reported.emit(report)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, report: str) -> None:
        if self._dialog is not None and self._dialog.isVisible():
            self._dialog.add_report(report)
            return
        self._dialog = CrashDialog(report, self._parent_window())
        self._dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self._dialog.open()
