"""Printing the roster from the screen: a warning first with Cancel the default, nothing
written or audited unless the user goes on, and the outcome said in their words."""

from __future__ import annotations

import errno
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget

from sec_desktop.services.participant_records import ParticipantDetails
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui import roster_print_dialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.roster_print_dialog import (
    RosterPrintConfirmation,
    confirm_and_print_roster,
    print_pdf,
)
from sec_desktop.vault import atomic, audit

NAMES = ["Siân Llŷr", "Gwilym Ŵyn", "Alex Example"]


@pytest.fixture
def writer(qtbot):
    return RecordWriter()


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def ids(services):
    return [services.roster.add(ParticipantDetails(name=name)).id for name in NAMES]


@pytest.fixture
def no_questions(monkeypatch):
    """Fail the test if a file or printer is asked for."""

    def refuse(*args):
        raise AssertionError("nothing should have been asked")

    monkeypatch.setattr(roster_print_dialog, "ask_for_pdf_path", refuse)
    monkeypatch.setattr(roster_print_dialog, "ask_for_printer", refuse)


@dataclass
class Printing:
    """The roster's participants, and printing them as the roster screen would."""

    qtbot: Any
    parent: QWidget
    services: RecordServices
    writer: RecordWriter
    ids: list[int]

    def start(self, ids=None):
        flow = confirm_and_print_roster(
            self.parent,
            self.services,
            self.writer,
            self.ids if ids is None else ids,
            "Status: Active",
        )
        self.qtbot.waitExposed(flow.confirmation)
        return flow

    def audit(self):
        with self.services.roster.vault.engine.connect() as connection:
            return audit.rows(connection)


@pytest.fixture
def printing(qtbot, parent, services, writer, ids) -> Printing:
    return Printing(qtbot, parent, services, writer, ids)


def test_the_confirmation_warns_and_counts(printing) -> None:
    dialog = printing.start().confirmation
    assert dialog.names_label.text() == "This printout carries the names of 3 participants."
    assert "keep it locked away, and shred it after use" in dialog.warning_label.text()
    assert "not protected by the vault" in dialog.warning_label.text()
    assert dialog.filter_label.text() == "Who is on it: Status: Active"
    assert dialog.cancel_button.isDefault()
    assert not dialog.print_button.isDefault()
    assert not dialog.save_button.isDefault()
    assert dialog.print_button.text() == "&Print…"
    assert dialog.save_button.text() == "&Save as PDF…"
    dialog.reject()


def test_one_participant_is_said_in_the_singular(printing) -> None:
    flow = printing.start(printing.ids[:1])
    assert flow.confirmation.names_label.text() == (
        "This printout carries the name of one participant."
    )
    flow.confirmation.reject()


def test_cancel_writes_nothing_and_audits_nothing(printing, no_questions) -> None:
    before = printing.audit()
    flow = printing.start()
    with printing.qtbot.waitSignal(flow.finished) as finished:
        printing.qtbot.mouseClick(flow.confirmation.cancel_button, Qt.MouseButton.LeftButton)
    assert finished.args == [""]
    assert printing.audit() == before
    assert flow.message_box is None


def test_enter_alone_cancels(printing, no_questions) -> None:
    before = printing.audit()
    flow = printing.start()
    with printing.qtbot.waitSignal(flow.finished) as finished:
        printing.qtbot.keyClick(flow.confirmation, Qt.Key.Key_Return)
    assert finished.args == [""]
    assert printing.audit() == before


def test_save_writes_the_pdf_and_audits_a_count(printing, tmp_path, monkeypatch) -> None:
    asked = []
    chosen = tmp_path / "out" / "my roster.pdf"

    def choose(parent_widget, default):
        asked.append(default)
        return chosen

    monkeypatch.setattr(roster_print_dialog, "ask_for_pdf_path", choose)
    flow = printing.start()
    with printing.qtbot.waitSignal(printing.writer.written, timeout=20000):
        printing.qtbot.mouseClick(flow.confirmation.save_button, Qt.MouseButton.LeftButton)
    assert asked[0].name == "roster-2026-11-25.pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(chosen).pages)
    for name in NAMES:
        assert name in text
    if os.name == "posix":
        assert chosen.stat().st_mode & 0o777 == 0o600
    row = printing.audit()[-1]
    assert (row.event, row.detail) == ("roster printed", "3 participants on 1 page, saved as a PDF")
    assert flow.message_box is not None
    assert flow.message_box.isVisible()
    assert "saved as my roster.pdf" in flow.message_box.text()
    assert "not encrypted" in flow.message_box.text()
    assert flow.progress is None


def test_cancelling_the_file_dialog_writes_nothing(printing, monkeypatch) -> None:
    monkeypatch.setattr(roster_print_dialog, "ask_for_pdf_path", lambda *args: None)
    before = printing.audit()
    flow = printing.start()
    with printing.qtbot.waitSignal(flow.finished) as finished:
        printing.qtbot.mouseClick(flow.confirmation.save_button, Qt.MouseButton.LeftButton)
    assert finished.args == [""]
    assert printing.audit() == before


def test_a_full_disk_is_said_plainly_and_nothing_is_audited(
    printing, tmp_path, monkeypatch
) -> None:
    chosen = tmp_path / "out" / "roster.pdf"
    monkeypatch.setattr(roster_print_dialog, "ask_for_pdf_path", lambda *args: chosen)

    def disk_full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_write_all", disk_full)
    before = printing.audit()
    flow = printing.start()
    with printing.qtbot.waitSignal(flow.finished, timeout=20000) as finished:
        printing.qtbot.mouseClick(flow.confirmation.save_button, Qt.MouseButton.LeftButton)
    assert finished.args[0].startswith("The PDF could not be saved: the disk is full.")
    assert flow.message_box.icon() == QMessageBox.Icon.Warning
    assert list(chosen.parent.iterdir()) == []
    assert printing.audit() == before


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_print_sends_every_page_to_the_printer_and_audits(printing, tmp_path, monkeypatch) -> None:
    for number in range(40):  # enough for a second page
        printing.services.roster.add(ParticipantDetails(name=f"Person {number}"))
    every_id = [row.id for row in printing.services.roster.rows()]
    printed = tmp_path / "printer-output.pdf"
    monkeypatch.setattr(roster_print_dialog, "ask_for_printer", lambda parent: pdf_printer(printed))
    monkeypatch.setattr(roster_print_dialog, "ask_for_pdf_path", lambda *args: None)
    flow = printing.start(every_id)
    with printing.qtbot.waitSignal(printing.writer.written, timeout=60000):
        printing.qtbot.mouseClick(flow.confirmation.print_button, Qt.MouseButton.LeftButton)
    pages = len(PdfReader(printed).pages)
    assert pages >= 2
    row = printing.audit()[-1]
    assert row.event == "roster printed"
    assert row.detail == f"43 participants on {pages} pages, sent to a printer"
    assert "sent to the printer" in flow.message_box.text()


def test_print_pdf_draws_each_page(qtbot, services, ids, tmp_path) -> None:
    from sec_desktop.services.roster_print import RosterPrint

    printout = RosterPrint(services.roster.vault, services.today).build(ids, "Everyone")
    printed = tmp_path / "printed.pdf"
    assert print_pdf(printout.pdf, pdf_printer(printed)) == printout.pages
    reader = PdfReader(io.BytesIO(printed.read_bytes()))
    assert len(reader.pages) == printout.pages
    # Page images, not text: nothing to search in what the printer was sent.
    assert reader.pages[0]["/Resources"]["/XObject"]


def test_without_qtpdf_print_is_disabled_and_says_why(qtbot, parent) -> None:
    dialog = RosterPrintConfirmation(5, "Everyone", can_print=False, parent=parent)
    qtbot.addWidget(dialog)
    assert not dialog.print_button.isEnabled()
    assert dialog.save_button.isEnabled()
    texts = [label.text() for label in dialog.findChildren(type(dialog.names_label))]
    assert any("Printing is not available on this computer" in text for text in texts)


def test_the_buttons_choose(qtbot, parent) -> None:
    dialog = RosterPrintConfirmation(2, "Everyone", can_print=True, parent=parent)
    qtbot.addWidget(dialog)
    dialog.open()
    with qtbot.waitSignal(dialog.finished) as finished:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert finished.args == [RosterPrintConfirmation.PRINT]
    dialog.open()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # mnemonics work in the active window
    with qtbot.waitSignal(dialog.finished) as finished:
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert finished.args == [RosterPrintConfirmation.SAVE]
    dialog.open()
    with qtbot.waitSignal(dialog.finished) as finished:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert finished.args == [0]


def test_a_lock_during_the_build_closes_up_quietly(printing, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(roster_print_dialog, "ask_for_pdf_path", lambda *args: tmp_path / "r.pdf")
    flow = printing.start()
    with printing.qtbot.waitSignal(flow.finished, timeout=20000) as finished:
        printing.qtbot.mouseClick(flow.confirmation.save_button, Qt.MouseButton.LeftButton)
        assert flow.progress is not None and flow.progress.isVisible()
        printing.writer.forget_pending()  # what the vault gate does on lock
    assert finished.args == [""]
    assert flow.progress is None
    assert flow.message_box is None


def test_a_bug_in_the_build_is_reported_and_the_flow_ends(printing, monkeypatch) -> None:
    from sec_desktop.services.roster_print import RosterPrint

    def broken(*args):
        raise RuntimeError("a bug")

    monkeypatch.setattr(RosterPrint, "print_to", broken)
    monkeypatch.setattr(roster_print_dialog, "ask_for_pdf_path", lambda *args: Path("x.pdf"))
    flow = printing.start()
    with (
        printing.qtbot.waitSignal(printing.writer.failed, timeout=20000),
        printing.qtbot.waitSignal(flow.finished, timeout=20000) as finished,
    ):
        printing.qtbot.mouseClick(flow.confirmation.save_button, Qt.MouseButton.LeftButton)
    assert finished.args == ["The roster could not be printed."]
    assert flow.progress is None
