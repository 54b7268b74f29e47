"""Running slow work (key derivation, saves, PDF builds) off the GUI thread.

`run_in_background(work, on_done, on_error)` runs `work()` on Qt's thread pool and calls
back on the GUI thread with its result or its exception. Callers keep the returned task
only if they need to wait for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class BackgroundTask(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self._work = work
        self.signals = _Signals()
        self.setAutoDelete(False)  # the Python side keeps it until its signal has arrived

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # delivered to the caller, on the GUI thread
            self.signals.failed.emit(error)
            return
        self.signals.done.emit(result)


_running: set[BackgroundTask] = set()


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> BackgroundTask:
    task = BackgroundTask(work)
    _running.add(task)

    def finish_done(result: object) -> None:
        _running.discard(task)
        on_done(result)

    def finish_failed(error: object) -> None:
        _running.discard(task)
        on_error(error if isinstance(error, BaseException) else RuntimeError(repr(type(error))))

    task.signals.done.connect(finish_done)
    task.signals.failed.connect(finish_failed)
    QThreadPool.globalInstance().start(task)
    return task


def wait_for_background_work(timeout_ms: int = 30_000) -> bool:
    """Block until every task has finished (at exit and in tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
