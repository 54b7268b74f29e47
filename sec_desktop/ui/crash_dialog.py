"""The dialog for an unexpected error, and the hook that routes uncaught exceptions to it.

The report comes from `crash_report`, which withholds exception messages and local values,
so the user can copy it to whoever supports the app without passing on personal data.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

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
from shiboken6 import isValid

from sec_desktop.crash_report import build_report

log = logging.getLogger(__name__)

UnraisableHookArgs = Any  # sys.UnraisableHookArgs, which typeshed does not export


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
    """Installed as sys.excepthook: logs a safe report and shows it on the GUI thread.

    run_gui installs it for the whole life of the event loop (a failure while the window
    is built is caught by run_gui itself), so no exception reaches stderr with its
    message. The failing code's frames are cleared once the report is made, so its local
    values (a passphrase, a record) do not stay in memory waiting for the next error.
    """

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
        self._previous: tuple[object, object, object] | None = None
        # Queued: an exception on a worker thread must show its dialog on the GUI thread.
        self._reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    @property
    def dialog(self) -> CrashDialog | None:
        if self._dialog is not None and not isValid(self._dialog):
            self._dialog = None
        return self._dialog

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook, sys.unraisablehook)
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread
        sys.unraisablehook = self._handle_unraisable

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook, sys.unraisablehook = self._previous  # type: ignore[assignment]
            self._previous = None

    def handle(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QGuiApplication.quit()
            return
        report = self._safe_report(exc, tb)
        log.error("Unexpected problem\n%s", report)
        self._reported.emit(report)

    def _safe_report(self, exc: BaseException, tb: TracebackType | None) -> str:
        try:
            if exc.__traceback__ is None:
                exc = exc.with_traceback(tb)
            return build_report(exc, self._versions)
        except Exception as error:  # never let the hook itself fail: that would print
            kind = type(error).__name__
            return f"SEC Desktop problem report\n(the report itself failed: {kind})\n"
        finally:
            _forget(exc, tb)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _handle_unraisable(self, args: UnraisableHookArgs) -> None:
        # Raised where nothing can catch it (a __del__, say): log it; the default hook
        # would print the object's repr, which can hold anything.
        if args.exc_value is not None:
            report = self._safe_report(args.exc_value, args.exc_traceback)
            log.error("Unexpected problem during clean-up\n%s", report)

    def _show(self, report: str) -> None:
        try:
            dialog = self.dialog
            if dialog is not None and dialog.isVisible():
                dialog.add_report(report)
                return
            dialog = CrashDialog(report, self._parent_window())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._dialog = dialog
            dialog.open()
        except Exception as error:  # an error here must not loop back through the hook
            log.error("The problem report could not be shown (%s)", type(error).__name__)


def _forget(exc: BaseException, tb: TracebackType | None) -> None:
    """Drop the failing frames' local values, and Python's own references to them."""
    for trace in {id(t): t for t in (tb, exc.__traceback__) if t is not None}.values():
        traceback.clear_frames(trace)
    for name in ("last_type", "last_value", "last_traceback", "last_exc"):
        if hasattr(sys, name):
            delattr(sys, name)
