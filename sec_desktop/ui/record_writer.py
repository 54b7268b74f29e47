"""Writing records without freezing the window.

A service call that changes records commits and saves (encrypt, write, fsync), which
can take longer than a frame. `RecordWriter.write` runs it on the thread pool and calls
back on the GUI thread: `on_done(result)` when it is saved, `on_error(error)` when the
service refused (a RecordError: the message is for the user, nothing was changed).

If the change was made but saving it failed (SaveFailed), the change is kept in memory,
the status bar says so and saving is retried (by the vault gate); the caller gets
`on_done(None)`, so the form closes as it would have: nothing typed is lost.

On lock, `forget_pending()` drops the callbacks of writes still running: the screens
that asked for them have been cleared, and the vault is gone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from sec_desktop.services.errors import RecordError
from sec_desktop.ui.background import run_in_background
from sec_desktop.vault.errors import SaveFailed, VaultError

log = logging.getLogger(__name__)


class RecordWriter(QObject):
    busy_changed = Signal(bool)
    # After every write that changed records (done, or kept with a failed save).
    written = Signal()
    # A save failed (the change is kept in memory): the gate warns and retries.
    save_failed = Signal(object)
    # Anything else went wrong (a bug, or the vault was locked meanwhile).
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running = 0
        self._epoch = 0

    @property
    def busy(self) -> bool:
        return self._running > 0

    def write(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[RecordError], None],
    ) -> None:
        self._change_running(+1)
        epoch = self._epoch

        def done(result: object) -> None:
            self._change_running(-1)
            if epoch != self._epoch:
                return
            on_done(result)
            self.written.emit()

        def failed(error: BaseException) -> None:
            self._change_running(-1)
            if epoch != self._epoch:
                return
            if isinstance(error, RecordError):
                on_error(error)
            elif isinstance(error, SaveFailed):
                self.save_failed.emit(error)
                on_done(None)
                self.written.emit()
            else:
                if not isinstance(error, VaultError):
                    log.error("A record could not be written (%s)", type(error).__name__)
                self.failed.emit(error)

        run_in_background(work, done, failed)

    def forget_pending(self) -> None:
        self._epoch += 1

    def _change_running(self, step: int) -> None:
        was_busy = self.busy
        self._running += step
        if self.busy != was_busy:
            self.busy_changed.emit(self.busy)
