from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from sec_desktop.app import Application
from sec_desktop.logs import close_logging, configure_logging
from sec_desktop.ui.crash_dialog import CrashDialog

PLANTED = "Planted Personname, 12 Example Road"


def _save_participant_record() -> None:
    survivor_name = PLANTED  # the failing code's own local data
    contact = {"name": survivor_name, "phone": "07700 900123"}
    raise ValueError(f"could not save {contact['name']} ({contact['phone']})")


@pytest.mark.qt_no_exception_capture
def test_uncaught_exception_shows_a_report_without_personal_data(
    application: Application, qtbot, app_paths
) -> None:
    configure_logging(app_paths.log_file)
    handler = application.exception_handler
    handler.install()
    try:
        QTimer.singleShot(0, _save_participant_record)
        qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    finally:
        handler.uninstall()
        close_logging()
    dialog = handler.dialog
    assert isinstance(dialog, CrashDialog)
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
def test_a_second_problem_joins_the_open_dialog(application: Application, qtbot) -> None:
    handler = application.exception_handler
    handler.install()
    try:
        QTimer.singleShot(0, _save_participant_record)
        qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
        first = handler.dialog
        QTimer.singleShot(0, _save_participant_record)
        qtbot.waitUntil(lambda: first.report().count("SEC Desktop problem report") == 2)
    finally:
        handler.uninstall()
    assert handler.dialog is first
    first.reject()


@pytest.mark.qt_no_exception_capture
def test_exception_on_a_worker_thread_reaches_the_dialog(application: Application, qtbot) -> None:
    handler = application.exception_handler
    handler.install()
    try:
        worker = threading.Thread(target=_save_participant_record)
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    finally:
        handler.uninstall()
    assert handler.dialog is not None
    assert "Planted" not in handler.dialog.report()
    handler.dialog.reject()


def test_uninstall_restores_the_previous_hooks(application: Application) -> None:
    import sys

    before = (sys.excepthook, threading.excepthook)
    application.exception_handler.install()
    assert sys.excepthook == application.exception_handler.handle
    application.exception_handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
