"""Locking after a time without use: an application-wide event filter restarts a timer on
every key press, click, scroll or touch; when the timer runs out, `idle` is emitted."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._last_activity = time.monotonic()
        self.set_minutes(minutes)

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(minutes * 60_000)

    def set_interval_ms(self, interval: int) -> None:
        running = self._timer.isActive()
        self._timer.setInterval(interval)
        if running:
            self._timer.start()

    def quiet_for_ms(self) -> int | None:
        """How long since the last key press or click (or the start), while counting down;
        None while stopped (locked)."""
        if not self._timer.isActive():
            return None
        return int((time.monotonic() - self._last_activity) * 1000)

    def start(self) -> None:
        self._last_activity = time.monotonic()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._last_activity = time.monotonic()
            self._timer.start()  # restarts the countdown
        return False
