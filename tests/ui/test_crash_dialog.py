from __future__ import annotations

import gc
import sys
import threading
import weakref
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from sec_desktop.app import Application
from sec_desktop.logs import close_logging, configure_logging
from sec_desktop.ui.crash_dialog import CrashDialog, ExceptionHandler

PLANTED = "Planted Personname, 12 Example Road"


def _save_participant_record() -> None:
    survivor_name = PLANTED  # the failing code's own local data
    contact = {"name": survivor_name, "phone": "07700 900123"}
    raise ValueError(f"could not save {contact['name']} ({contact['phone']})")


@pytest.fixture
def handler(application: Application) -> Iterator[ExceptionHandler]:
    """The application's exception handler, installed for the test."""
    application.exception_handler.install()
    yield application.exception_handler
    application.exception_handler.uninstall()


def fail_and_wait(handler: ExceptionHandler, qtbot, failing: Callable[[], None]) -> CrashDialog:
    """Run `failing` from the event loop, as a slot would, and wait for the dialog."""
    QTimer.singleShot(0, failing)
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    assert handler.dialog is not None
    return handler.dialog


@pytest.mark.qt_no_exception_capture
def test_uncaught_exception_shows_a_report_without_personal_data(
    handler: ExceptionHandler, qtbot, app_paths
) -> None:
    configure_logging(app_paths.log_file)
    try:
        dialog = fail_and_wait(handler, qtbot, _save_participant_record)
    finally:
        close_logging()
    report = dialog.report()
    assert "ValueError (message withheld" in report
    assert "_save_participant_record" in report
    assert "Qt: " in report and "PySide6: " in report and "SEC Desktop: " in report
    for fragment in ("Planted", "Personname", "Example Road", "07700", "900123"):
        assert fragment not in report
    log_text = app_paths.log_file.read_text(encoding="utf-8")
    assert "_save_participant_record" in log_text
    assert "Planted" not in log_text and "07700" not in log_text

    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == report
    dialog.reject()
    assert not dialog.isVisible()


@pytest.mark.qt_no_exception_capture
def test_a_second_problem_joins_the_open_dialog(handler: ExceptionHandler, qtbot) -> None:
    first = fail_and_wait(handler, qtbot, _save_participant_record)
    QTimer.singleShot(0, _save_participant_record)
    qtbot.waitUntil(lambda: first.report().count("SEC Desktop problem report") == 2)
    assert handler.dialog is first
    first.reject()


@pytest.mark.qt_no_exception_capture
def test_exception_on_a_worker_thread_reaches_the_dialog(handler: ExceptionHandler, qtbot) -> None:
    worker = threading.Thread(target=_save_participant_record)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    assert handler.dialog is not None
    assert "Planted" not in handler.dialog.report()
    handler.dialog.reject()


def test_uninstall_restores_the_previous_hooks(application: Application) -> None:
    before = (sys.excepthook, threading.excepthook)
    application.exception_handler.install()
    assert sys.excepthook == application.exception_handler.handle
    application.exception_handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


class _Secret:
    """Stands for a value the failing code held: a passphrase, a record."""


_secret_refs: list[weakref.ref[_Secret]] = []


def _fail_holding_a_secret() -> None:
    secret = _Secret()
    _secret_refs.append(weakref.ref(secret))
    raise ValueError("failed")


@pytest.mark.qt_no_exception_capture
def test_the_failing_codes_values_are_not_kept_in_memory(handler: ExceptionHandler, qtbot) -> None:
    dialog = fail_and_wait(handler, qtbot, _fail_holding_a_secret)
    gc.collect()
    assert _secret_refs and _secret_refs[-1]() is None
    assert not hasattr(sys, "last_value") and not hasattr(sys, "last_exc")
    dialog.reject()


@pytest.mark.qt_no_exception_capture
def test_a_closed_dialog_is_replaced_by_a_new_one(
    application: Application, handler: ExceptionHandler, qtbot
) -> None:
    first = fail_and_wait(handler, qtbot, _save_participant_record)
    first.reject()  # deleted on close
    qtbot.waitUntil(lambda: handler.dialog is None)
    second = fail_and_wait(handler, qtbot, _save_participant_record)
    assert second.parent() is application.window
    second.reject()


@pytest.mark.qt_no_exception_capture
def test_a_failure_while_showing_the_report_does_not_loop(
    handler: ExceptionHandler, qtbot, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    def broken_dialog(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the dialog itself is broken")

    monkeypatch.setattr("sec_desktop.ui.crash_dialog.CrashDialog", broken_dialog)
    QTimer.singleShot(0, _save_participant_record)
    qtbot.waitUntil(lambda: "could not be shown" in caplog.text)
    # Give a loop the chance to show itself: it would add report after report.
    qtbot.wait(200)
    assert caplog.text.count("Unexpected problem") == 1
    assert caplog.text.count("could not be shown") == 1
