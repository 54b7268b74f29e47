"""`--self-test`: show every page of the main window, and optionally save each as a PNG."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget

from sec_desktop.crash_report import format_exception
from sec_desktop.ui.main_window import MainWindow

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


def check_pages(
    window: MainWindow,
    extra: dict[str, QWidget],
    screenshots: Path | None,
    warnings: QtWarningsCollector,
) -> list[PageResult]:
    """Visit each area (and each extra widget such as a dialog), render it, save it if asked."""
    results = []
    # The size of a typical window on a 1366x768 laptop screen, so screenshots look as users see.
    window.resize(1280, 720)
    window.show()
    for key in window.area_keys():
        results.append(_check(key, partial(_show_area, window, key), window, screenshots, warnings))
    for name, widget in extra.items():
        results.append(_check(name, widget.show, widget, screenshots, warnings))
        widget.close()
    return results


def _show_area(window: MainWindow, key: str) -> None:
    window.go_to(key)
    if window.current_area() != key:
        raise RuntimeError("the sidebar did not reach this page")


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
