"""`--self-test`: show every page of the main window, and optionally save each as a PNG."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QEventLoop,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    SignalInstance,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QWidget

from sec_desktop.crash_report import format_exception
from sec_desktop.ui.background import wait_for_background_work
from sec_desktop.ui.main_window import MainWindow
from sec_desktop.ui.record_page import SelfTestView
from sec_desktop.ui.vault_gate import VaultGate
from sec_desktop.ui.vault_session import VaultSession
from sec_desktop.vault.vault import Unlock

log = logging.getLogger(__name__)


# Harmless warnings of the offscreen platform, which cannot size native windows.
_IGNORED_WARNINGS = ("This plugin does not support",)


class QtWarningsCollector:
    """Collects Qt's warnings while active: a page that makes Qt warn has a problem."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self._previous: object = None

    def __enter__(self) -> QtWarningsCollector:
        self._previous = qInstallMessageHandler(self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        qInstallMessageHandler(self._previous)  # type: ignore[arg-type]

    def take(self) -> list[str]:
        taken, self.messages = self.messages, []
        return taken

    def _handle(self, kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        if not message.startswith(_IGNORED_WARNINGS):
            self.messages.append(message)


@dataclass(frozen=True)
class PageResult:
    page: str
    ok: bool
    error: str = ""


class SelfTest:
    """Walks through the screens a user meets, rendering (and saving) each one."""

    def __init__(
        self, window: MainWindow, screenshots: Path | None, warnings: QtWarningsCollector
    ) -> None:
        self.window = window
        self.screenshots = screenshots
        self.warnings = warnings
        self.results: list[PageResult] = []
        # A typical window on a 1366x768 laptop screen, so screenshots look as users see.
        window.resize(1280, 720)

    def screen(self, name: str, widget: QWidget, show: Callable[[], object] | None = None) -> bool:
        result = _check(name, show or widget.show, widget, self.screenshots, self.warnings)
        self.results.append(result)
        return result.ok

    def through_a_new_vault(self, session: VaultSession, gate: VaultGate) -> None:
        """Create a throwaway vault as a new user would, checking each screen on the way."""
        self.screen("create_vault", self.window)
        passphrase = " ".join(secrets.token_hex(4) for _ in range(5))
        if not _wait(
            session.create,
            session.path,
            passphrase,
            signals=(session.created,),
            failure=session.failed,
        ):
            self.results.append(PageResult("create_vault", False, "the vault was not created"))
            return
        self.screen("recovery_key", self.window)
        gate.enter_workspace()

    def unlock(self, session: VaultSession, unlock: Unlock) -> None:
        self.screen("unlock", self.window)
        if not _wait(session.unlock, unlock, signals=(session.unlocked,), failure=session.failed):
            self.results.append(PageResult("unlock", False, "the vault did not unlock"))
            return
        if not self.window.workspace_shown:
            # Opened with the recovery key: a new passphrase is asked for first.
            self.results.append(PageResult("unlock", False, "a new passphrase is needed"))

    def workspace_pages(self, extra: dict[str, QWidget]) -> None:
        for key in self.window.area_keys():
            self.screen(key, self.window, partial(_show_area, self.window, key))
            self._views_of(key)
        for name, widget in extra.items():
            self.screen(name, widget)
            widget.close()

    def _views_of(self, key: str) -> None:
        """A page may offer more views of its records (a participant, a dialog): each is
        shown and checked too. `self_test_views()` gives (name, widget, show) triples."""
        views = getattr(self.window.page(key), "self_test_views", None)
        if not callable(views):
            return
        try:
            offered: list[SelfTestView] = list(views())
        except Exception as error:  # reported like any page failure
            log.error("Self-test: views of %s failed\n%s", key, "\n".join(format_exception(error)))
            self.results.append(PageResult(key, False, type(error).__name__))
            return
        for name, widget, show in offered:
            self.screen(f"{key}_{name}", widget, show)
            if widget is not self.window:
                widget.close()


def _wait(
    start: Callable[..., object],
    *args: object,
    signals: tuple[SignalInstance, ...],
    failure: SignalInstance,
    timeout_ms: int = 60_000,
) -> bool:
    """Start something that ends with one of `signals` (True) or `failure` (False)."""
    loop = QEventLoop()
    outcome: list[bool] = []

    def finish(value: bool) -> None:
        outcome.append(value)
        loop.quit()

    for signal in signals:
        signal.connect(lambda *_: finish(True))
    failure.connect(lambda *_: finish(False))
    QTimer.singleShot(timeout_ms, loop.quit)
    start(*args)
    if not outcome:
        loop.exec()
    return bool(outcome and outcome[0])


def _show_area(window: MainWindow, key: str) -> None:
    window.go_to(key)
    if window.current_area() != key:
        raise RuntimeError("the sidebar did not reach this page")
    # Lists read in the background when first shown: the screenshot shows them read.
    wait_for_background_work()
    QApplication.processEvents()


def _check(
    name: str,
    show: Callable[[], object],
    widget: QWidget,
    screenshots: Path | None,
    warnings: QtWarningsCollector,
) -> PageResult:
    warnings.take()
    try:
        show()
        QApplication.processEvents()
        image = widget.grab()
        if image.isNull():
            raise RuntimeError("the page rendered as an empty image")
        if screenshots is not None and not image.save(str(screenshots / f"{name}.png")):
            raise OSError("the screenshot could not be saved")
        qt_warnings = warnings.take()
        if qt_warnings:
            raise RuntimeError(f"Qt warned: {qt_warnings[0]}")
    except Exception as error:  # a self-test reports every failure, then goes on
        log.error("Self-test: page %s failed\n%s", name, "\n".join(format_exception(error)))
        detail = str(error) if isinstance(error, RuntimeError | OSError) else ""
        return PageResult(name, False, f"{type(error).__name__}: {detail}".rstrip(": "))
    return PageResult(name, True)
