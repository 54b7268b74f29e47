"""Full garbage collections wait for a quiet moment (they block the window at scale)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from sec_desktop.ui import quiet_collector
from sec_desktop.ui.idle_lock import IdleWatcher
from sec_desktop.ui.quiet_collector import QuietCollector


@pytest.fixture(autouse=True)
def python_gc_settings() -> Iterator[None]:
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


def owe_a_full_collection() -> None:
    gc.collect()
    gc.collect(1)  # one middle collection since the last full one
    assert gc.get_count()[2] >= 1


def test_python_no_longer_runs_full_collections_by_itself(qtbot) -> None:
    young, middle, _old = gc.get_threshold()
    watcher = IdleWatcher(5)
    QuietCollector(watcher, watcher)
    assert gc.get_threshold()[:2] == (young, middle)
    assert gc.get_threshold()[2] >= 100_000


def test_no_full_collection_while_the_user_is_busy(qtbot) -> None:
    watcher = IdleWatcher(5)
    collector = QuietCollector(watcher, watcher)
    watcher.start()  # just used: the countdown has only begun
    owe_a_full_collection()
    assert collector.collect_if_quiet() is False
    assert gc.get_count()[2] >= 1


def test_a_full_collection_when_quiet_or_locked(qtbot, monkeypatch) -> None:
    watcher = IdleWatcher(5)
    collector = QuietCollector(watcher, watcher)
    owe_a_full_collection()
    assert collector.collect_if_quiet() is True  # locked (not counting down): any time
    assert gc.get_count()[2] == 0
    assert collector.collect_if_quiet() is False  # nothing owed
    watcher.start()
    monkeypatch.setattr(quiet_collector, "QUIET_MS", 0)  # quiet long enough
    owe_a_full_collection()
    assert collector.collect_if_quiet() is True


def test_a_backstop_when_never_quiet(qtbot, monkeypatch) -> None:
    watcher = IdleWatcher(5)
    collector = QuietCollector(watcher, watcher)
    watcher.start()
    monkeypatch.setattr(quiet_collector, "BACKSTOP", 1)
    owe_a_full_collection()
    assert collector.collect_if_quiet() is True


def test_the_watcher_says_how_long_it_has_been_quiet(qtbot) -> None:
    watcher = IdleWatcher(5)
    assert watcher.quiet_for_ms() is None
    watcher.start()
    quiet = watcher.quiet_for_ms()
    assert quiet is not None and 0 <= quiet < 5 * 60_000


def test_a_key_press_makes_it_busy_again(qtbot) -> None:
    watcher = IdleWatcher(5)
    watcher.start()
    qtbot.wait(60)
    quiet = watcher.quiet_for_ms()
    assert quiet is not None and quiet >= 50
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    watcher.eventFilter(watcher, key)
    quiet = watcher.quiet_for_ms()
    assert quiet is not None and quiet < 50
