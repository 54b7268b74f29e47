"""Python's full garbage collections, run when nobody is using the window.

A full collection walks every object Python tracks: with a large vault's rows on screen
that blocked the GUI thread for 40 ms (scale 10) to several hundred (scale 100), at
moments chosen by allocation counts, that is, in the middle of opening a screen. Here the
young generations are still collected as usual (they are quick), but the full ones wait
until there has been no key press or click for a moment (or the vault is locked), or, as
a backstop, until a great many collections are owed.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from sec_desktop.ui.idle_lock import IdleWatcher

CHECK_MS = 1000
QUIET_MS = 2000  # no input for this long: a pause can go unnoticed
# Python runs a full collection after 10 of the middle generation's; owed this many, it
# runs anyway (never postponed for ever).
BACKSTOP = 200
_NEVER_BY_ITSELF = 1_000_000


class QuietCollector(QObject):
    def __init__(self, watcher: IdleWatcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = watcher
        young, middle, _old = gc.get_threshold()
        gc.set_threshold(young, middle, _NEVER_BY_ITSELF)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.collect_if_quiet)
        self._timer.start()

    def collect_if_quiet(self) -> bool:
        """Run the owed full collection if the user is not busy; whether it ran."""
        owed = gc.get_count()[2]
        if owed == 0:
            return False
        quiet = self._watcher.quiet_for_ms()
        if quiet is not None and quiet < QUIET_MS and owed < BACKSTOP:
            return False
        gc.collect()
        return True
