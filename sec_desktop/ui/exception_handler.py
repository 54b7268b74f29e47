"""The hook that routes uncaught exceptions to the crash dialog, with a safe report.

Kept apart from the dialog so that installing it at start does not load the dialog's
widgets (the unlock screen is shown before anything it does not need).
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from sec_desktop.crash_report import build_report

if TYPE_CHECKING:
    from sec_desktop.ui.crash_dialog import CrashDialog

log = logging.getLogger(__name__)

UnraisableHookArgs = Any  # sys.UnraisableHookArgs, which typeshed does not export


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
            from sec_desktop.ui.crash_dialog import CrashDialog  # noqa: PLC0415

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
