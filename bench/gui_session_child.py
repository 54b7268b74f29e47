"""One process of bench/gui_session.py: the real app, offscreen, at one scale.

    python -m bench.gui_session_child SCALE REPEAT VAULT OUT_JSON

Builds the application the way app.py does (`Application`: real services, RecordWriter,
VaultGate, VaultSession) over VAULT (a scratch copy of the cached demo vault, made by the
parent so that copying it is not billed to this process's memory), unlocks it through
the unlock screen's own field and button, and measures (see bench/gui_session.py):

- scale 10: unlock to populated main window (KDF excluded), the GUI thread blocked by a
  save, the longest block in a scripted session;
- scale 100: the longest block in the same session, the roster filter keystroke (typed
  during the session's roster step), the peak memory at the end of the session.

Writes a JSON list of harness Results to OUT_JSON.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QObject, Qt, QThreadPool, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTabWidget

from bench.harness import PASSPHRASE, TODAY, Result, peak_rss_mib
from sec_desktop.app import Application, create_application
from sec_desktop.paths import AppPaths
from sec_desktop.ui import background
from sec_desktop.ui.areas import AREAS
from sec_desktop.ui.unlock_page import UnlockPage
from sec_desktop.vault import kdf

SETTLE_MS = 150  # idle time after each step, so that late work (timers, results) shows
ROSTER_TYPING = "jones"  # typed then deleted in the roster's search box: 10 keystrokes
KEY_GAP_MS = 60  # between keystrokes, like a quick typist
SESSION_TARGET_SCALE = 10  # the scripted session's 100 ms target is met at this scale


# --- instruments -----------------------------------------------------------------------


class KdfClock:
    """Wraps `kdf.derive_key` (where the vault code calls it) to add up its time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.total = 0.0
        self._original = kdf.derive_key

        def timed(*args: Any, **kwargs: Any) -> bytes:
            start = time.perf_counter()
            try:
                return self._original(*args, **kwargs)
            finally:
                with self._lock:
                    self.total += time.perf_counter() - start

        kdf.derive_key = timed

    def take(self) -> float:
        with self._lock:
            total, self.total = self.total, 0.0
        return total


class Lateness(QObject):
    """A repeating timer on the GUI thread that records how late each tick came: the
    longest wait is the longest time the GUI thread could not answer."""

    def __init__(self, interval_ms: int) -> None:
        super().__init__()
        self.interval = interval_ms / 1000
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self._last = 0.0
        self.worst = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self.worst = 0.0
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.worst

    def take(self) -> float:
        """The worst lateness since the last take (counting the wait up to now)."""
        self._tick()
        worst, self.worst = self.worst, 0.0
        return worst

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last - self.interval)
        self._last = now


def run_for(ms: int) -> None:
    """Run the event loop (timers fire, work arrives) for `ms` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def run_until(done: Callable[[], bool], timeout_s: float = 300.0) -> None:
    """Run the event loop until `done()` (checked every millisecond)."""
    if done():
        return
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(1)
    deadline = time.perf_counter() + timeout_s

    def look() -> None:
        if done() or time.perf_counter() > deadline:
            loop.quit()

    check.timeout.connect(look)
    check.start()
    loop.exec()
    check.stop()
    if not done():
        raise TimeoutError("the app did not settle")


def idle() -> bool:
    """No background work running, and every result delivered to the GUI thread."""
    return not background._running and QThreadPool.globalInstance().activeThreadCount() == 0


def settle(app: QApplication) -> None:
    run_until(idle)
    app.processEvents()  # results' follow-ups, layout and painting
    app.processEvents()


# --- the app ----------------------------------------------------------------------------


class Bench:
    def __init__(self, scale: int, root: Path, vault: Path) -> None:
        self.scale = scale
        self.app = create_application(["sec-desktop-bench"])
        self.kdf = KdfClock()
        paths = AppPaths.under(root / "home")
        self.application = Application(self.app, paths, vault_path=vault, defer_workspace=True)
        self.window = self.application.window
        self.application.show()
        run_until(lambda: self.application.built)  # the build in steps after the paint
        self.window.resize(1180, 700)

    def unlock(self) -> float:
        """Submit the passphrase on the unlock screen; seconds until the main window shows
        its first page's data, KDF excluded."""
        page = self.window.gate
        if not isinstance(page, UnlockPage):
            raise TypeError(f"expected the unlock screen, not {type(page).__name__}")
        page.passphrase_edit.setText(PASSPHRASE)
        self.kdf.take()
        gc.collect()
        start = time.perf_counter()
        page.unlock_button.click()
        run_until(lambda: self.window.workspace_shown and idle())
        self.app.processEvents()
        self.app.processEvents()
        elapsed = time.perf_counter() - start
        return elapsed - self.kdf.take()

    def lock(self) -> None:
        self.application.gate.lock()
        settle(self.app)

    def go(self, key: str) -> None:
        """Go to an area with its keyboard shortcut (Ctrl+1 ... Ctrl+0, Ctrl+,), typed into
        whatever has the focus, as a user does."""
        area = next((a for a in AREAS if a.key == key), None)
        if area is None:
            raise LookupError(key)
        self.window.activateWindow()
        target = QApplication.focusWidget() or self.window
        QTest.keySequence(target, QKeySequence(area.shortcut))
        settle(self.app)
        if self.window.current_area() != key:
            raise RuntimeError(f"{area.shortcut} did not open {key}")


# --- the measures -------------------------------------------------------------------------


def measure_unlock(bench: Bench, vault: Path, repeat: int) -> Result:
    from sec_desktop.vault.vault import Unlock, Vault  # noqa: PLC0415

    times = []
    for _ in range(repeat):
        times.append(bench.unlock())
        bench.lock()

    def bare_open() -> float:
        bench.kdf.take()
        start = time.perf_counter()
        opened = Vault.open(vault, Unlock(passphrase=PASSPHRASE))
        elapsed = time.perf_counter() - start - bench.kdf.take()
        opened.close()
        return elapsed

    bare_open()
    floors = [bare_open() for _ in range(repeat)]
    return Result(
        "unlock to populated main window (KDF excluded)",
        bench.scale,
        statistics.median(times),
        statistics.median(floors),
        max_value=0.200,
        detail=(
            f"median of {repeat}: passphrase submitted on the unlock screen to the workspace "
            "shown with its first page loaded, minus the time in kdf.derive_key; floor: "
            "Vault.open bare (read, decrypt, deserialise, checks) minus the KDF"
        ),
    )


def measure_save_block(bench: Bench, repeat: int) -> Result:
    from sec_desktop.domain.engagement_enums import (  # noqa: PLC0415
        FeedbackSource,
        Sentiment,
        TermKind,
    )
    from sec_desktop.services.feedback_types import FeedbackDraft  # noqa: PLC0415
    from sec_desktop.services.record_services import RecordServices  # noqa: PLC0415

    bench.unlock()
    vault = bench.application.session.vault
    if vault is None:
        raise RuntimeError("the vault did not open")
    services = RecordServices.over(vault, lambda: TODAY)
    draft = FeedbackDraft(
        received_on=TODAY,
        source=FeedbackSource.ANONYMOUS,
        summary="Said the officer kept them updated every week, which helped.",
        sentiment=Sentiment.POSITIVE,
        stage_ids=(services.taxonomy.terms(TermKind.STAGE)[0].id,),
        theme_ids=(services.taxonomy.terms(TermKind.THEME)[0].id,),
    )
    monitor = Lateness(5)
    writer = bench.application.writer
    saves = max(repeat, 5)
    monitor.start()
    started = time.perf_counter()
    finished: list[object] = []
    for save in range(saves):
        writer.write(lambda: services.feedback.add(draft), finished.append, finished.append)
        run_until(partial(_saved, finished, save + 1))
    value = monitor.stop()
    busy = time.perf_counter() - started
    monitor.start()
    run_for(int(busy * 1000))
    floor = monitor.stop()
    bench.lock()
    return Result(
        "GUI thread blocked by a save",
        bench.scale,
        value,
        floor,
        max_value=0.050,
        detail=(
            f"longest lateness of a 5 ms GUI timer over {saves} feedback items added through "
            "RecordWriter (commit, encrypt, write, fsync); floor: the same timer idle as long"
        ),
    )


def _saved(finished: list[object], count: int) -> bool:
    return len(finished) >= count and idle()


class Session:
    """The scripted session: each step's worst GUI-thread block, and the keystrokes."""

    def __init__(self, bench: Bench) -> None:
        self.bench = bench
        self.monitor = Lateness(10)
        self.steps: dict[str, float] = {}
        self.keystrokes: list[float] = []
        self.roster_rows: list[Any] = []
        self.memory: list[tuple[str, float]] = []  # the peak RSS after each step, in MiB
        self.start_rss = 0.0

    def step(self, name: str, action: Callable[[], object]) -> None:
        self.monitor.take()
        action()
        settle(self.bench.app)
        run_for(SETTLE_MS)
        self.steps[name] = self.monitor.take()
        self.memory.append((name, peak_rss_mib()))

    def run(self) -> None:
        bench, window = self.bench, self.bench.window
        self.start_rss = peak_rss_mib()
        self.monitor.start()
        self.step("unlock", bench.unlock)
        for key in window.area_keys():
            self.step(f"area {key}", partial(bench.go, key))
        self.step("roster", lambda: bench.go("roster"))
        self.step("roster filter typed", self.type_roster_filter)
        self.step("open a participant", self.open_participant)
        self.step("participant tabs", self.participant_tabs)
        self.step("feedback list", lambda: bench.go("feedback"))
        self.step("feedback tabs", lambda: self.tabs_of(window.feedback_area))
        self.step("feedback search", self.search_feedback)
        self.step("reports", lambda: bench.go("reports"))
        self.step("lock", bench.lock)
        self.monitor.stop()

    def type_roster_filter(self) -> None:
        page = self.bench.window.roster_area.roster_page
        edit = page.search_edit
        edit.setFocus()
        self.roster_rows = list(page.model._all)
        keys = [*ROSTER_TYPING, *(["\b"] * len(ROSTER_TYPING))]
        for key in keys:
            run_for(KEY_GAP_MS)
            start = time.perf_counter()
            if key == "\b":
                QTest.keyClick(edit, Qt.Key.Key_Backspace)
            else:
                QTest.keyClicks(edit, key)
            self.bench.app.processEvents()  # the view laid out and painted
            self.keystrokes.append(time.perf_counter() - start)

    def open_participant(self) -> None:
        area = self.bench.window.roster_area
        first = area.roster_page.first_participant_id()
        if first is None:
            raise LookupError("no participant to open")
        area.open_participant(first)

    def participant_tabs(self) -> None:
        self.tabs_of(self.bench.window.roster_area.participant_page)
        self.bench.window.roster_area.back_to_roster()

    def tabs_of(self, widget: QObject) -> None:
        for tabs in widget.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                settle(self.bench.app)
                run_for(30)
            tabs.setCurrentIndex(0)

    def search_feedback(self) -> None:
        area = self.bench.window.feedback_area
        area.show_search()
        box = area.search.box
        for key in "officer":
            run_for(KEY_GAP_MS)
            QTest.keyClicks(box, key)
        QTest.keyClick(box, Qt.Key.Key_Return)
        settle(self.bench.app)
        run_for(SETTLE_MS)


def idle_floor(ms: int = 2000) -> float:
    monitor = Lateness(10)
    monitor.start()
    run_for(ms)
    return monitor.stop()


def session_result(bench: Bench, session: Session, floor: float) -> Result:
    value = max(session.steps.values())
    worst = sorted(session.steps.items(), key=lambda item: -item[1])[:5]
    detail = "worst steps: " + ", ".join(f"{name} {late * 1000:.0f} ms" for name, late in worst)
    return Result(
        "GUI thread longest block in a scripted session",
        bench.scale,
        value,
        floor,
        # The target holds at scale 10; at 100 the row is shown without one (see the
        # docstring of bench/gui_session.py).
        max_value=0.100 if bench.scale == SESSION_TARGET_SCALE else None,
        detail=(
            "lateness of a 10 ms GUI timer while a script unlocks, visits every area by its "
            "shortcut, types "
            "a roster filter, opens a participant and its tabs, the feedback tabs and a "
            f"search, the reports page, and locks; floor: the timer idle. {detail}"
        ),
    )


def keystroke_result(bench: Bench, session: Session) -> Result:
    from sec_desktop.services.roster_filter import RosterFilter, filter_rows  # noqa: PLC0415

    texts = [ROSTER_TYPING[:n] for n in range(1, len(ROSTER_TYPING) + 1)]
    texts += [ROSTER_TYPING[:n] for n in range(len(ROSTER_TYPING) - 1, -1, -1)]
    rows = session.roster_rows
    floors = []
    for text in texts:
        start = time.perf_counter()
        filter_rows(rows, RosterFilter(text=text), TODAY)
        floors.append(time.perf_counter() - start)
    return Result(
        "roster filter keystroke",
        bench.scale,
        statistics.median(session.keystrokes),
        statistics.median(floors),
        max_value=0.100,
        detail=(
            f"median of {len(session.keystrokes)} keystrokes typing '{ROSTER_TYPING}' and "
            f"deleting it in the roster's search box over {len(rows)} participants, to the "
            "view laid out and painted; floor: the bare Python filter (filter_rows) over the "
            "same rows for the same texts"
        ),
    )


def main(scale: int, repeat: int, vault: Path, out: Path) -> None:
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix=f"sec-bench-gui-{scale}-") as folder:
        bench = Bench(scale, Path(folder), vault)
        floor = idle_floor()
        if scale == 10:
            results.append(measure_unlock(bench, vault, max(3, min(repeat, 5))))
            results.append(measure_save_block(bench, repeat))
        session = Session(bench)
        session.run()
        results.append(session_result(bench, session, floor))
        if scale == 100:
            results.append(keystroke_result(bench, session))
            results.append(memory_result(scale, session))
        bench.application.close_vault()
        bench.window.close()
    out.write_text(json.dumps([r.as_json() for r in results], indent=2))


def memory_result(scale: int, session: Session) -> Result:
    empty = float(os.environ.get("SEC_BENCH_EMPTY_RSS_MIB", "0")) or None
    steps, before = [], session.start_rss
    for name, peak in session.memory:
        if peak - before >= 1:
            steps.append(f"{name} +{peak - before:.0f}")
        before = peak
    return Result(
        "peak memory",
        scale,
        peak_rss_mib(),
        empty,
        unit="MiB",
        max_value=400,
        detail=(
            "peak RSS (VmHWM) of this process at the end of the scripted session; floor: "
            "the peak RSS of the empty PySide6 window process (for information); "
            f"before the session {session.start_rss:.0f} MiB, then the peak's growth by "
            f"step (MiB): {', '.join(steps)}"
        ),
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
