"""The pieces of locking: the idle timer, sealed drafts and the clipboard guard."""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent

from sec_desktop.ui.clipboard import ClipboardGuard
from sec_desktop.ui.drafts import SealedDrafts
from sec_desktop.ui.idle_lock import IdleWatcher


class Form:
    """A screen holding unsaved input."""

    def __init__(self, key: str, text: str | None) -> None:
        self.key, self.text = key, text

    def draft_key(self) -> str:
        return self.key

    def take_draft(self):
        return None if self.text is None else {"text": self.text}

    def restore_draft(self, state) -> None:
        self.text = state["text"]


def test_drafts_are_sealed_and_given_back_with_the_same_key() -> None:
    key = os.urandom(32)
    drafts = SealedDrafts()
    form, empty = Form("feedback", "half-typed words"), Form("other", None)
    assert drafts.seal([form, empty, object()], key) == 1
    assert drafts.holds_drafts
    form.text = None  # the form is cleared when the app locks
    assert drafts.restore([form, empty], key) == 1
    assert form.text == "half-typed words"
    assert not drafts.holds_drafts


def test_sealed_drafts_hold_no_plaintext_and_need_the_key() -> None:
    drafts = SealedDrafts()
    drafts.seal([Form("feedback", "Planted words")], os.urandom(32))
    assert b"Planted" not in (drafts._sealed or b"")
    form = Form("feedback", None)
    assert drafts.restore([form], os.urandom(32)) == 0  # another vault's key
    assert form.text is None


def test_the_idle_watcher_fires_and_activity_restarts_it(qtbot) -> None:
    watcher = IdleWatcher(5)
    watcher.set_interval_ms(150)
    target = QObject()
    target.installEventFilter(watcher)
    watcher.start()
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
    for _ in range(4):  # activity every 100 ms keeps it from firing
        qtbot.wait(100)
        watcher.eventFilter(target, press)
    assert watcher.active
    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass
    assert not watcher.active


def test_the_idle_watcher_takes_minutes() -> None:
    watcher = IdleWatcher(7)
    assert watcher.interval_ms == 7 * 60_000
    watcher.set_minutes(1)
    assert watcher.interval_ms == 60_000


def test_the_clipboard_guard_clears_only_what_it_put_there(qapp) -> None:
    clipboard = QGuiApplication.clipboard()
    guard = ClipboardGuard()
    guard.copy("S-0042 record text")
    assert guard.clear_ours()
    assert clipboard.text() == ""
    guard.copy("S-0042 record text")
    clipboard.setText("something the user copied from elsewhere")
    assert not guard.clear_ours()
    assert clipboard.text() == "something the user copied from elsewhere"
    assert not ClipboardGuard().clear_ours()
