"""`--self-test`: show every page of the main window, and optionally save each as a PNG."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from sec_desktop.crash_report import format_exception
from sec_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageResult:
    page: str
    ok: bool
    error: str = ""


def check_pages(
    window: MainWindow, extra: dict[str, QWidget], screenshots: Path | None
) -> list[PageResult]:
    """Visit each area (and each extra widget such as a dialog), render it, save it if asked."""
    results = []
    # The size of a typical window on a 1366x768 laptop screen, so screenshots look as users see.
    window.resize(1280, 720)
    window.show()
    for key in window.area_keys():
        results.append(_check(key, partial(_show_area, window, key), window, screenshots))
    for name, widget in extra.items():
        results.append(_check(name, widget.show, widget, screenshots))
        widget.close()
    return results


def _show_area(window: MainWindow, key: str) -> None:
    window.go_to(key)
    if window.current_area() != key:
        raise RuntimeError("the sidebar did not reach this page")


def _check(
    name: str, show: Callable[[], object], widget: QWidget, screenshots: Path | None
) -> PageResult:
    try:
        show()
        QApplication.processEvents()
        image = widget.grab()
        if image.isNull() or image.width() == 0:
            raise RuntimeError("the page rendered as an empty image")
        if screenshots is not None and not image.save(str(screenshots / f"{name}.png")):
            raise OSError("the screenshot could not be saved")
    except Exception as error:  # a self-test reports every failure, then goes on
        log.error("Self-test: page %s failed\n%s", name, "\n".join(format_exception(error)))
        return PageResult(name, False, type(error).__name__)
    return PageResult(name, True)
