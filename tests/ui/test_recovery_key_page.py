"""The recovery key, shown once: the printed sheet, and going on only once it is stored."""

from __future__ import annotations

import logging

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QFontDatabase
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QWidget

from sec_desktop.ui import recovery_key_page
from sec_desktop.ui.recovery_key_page import RecoveryKeyPage, key_lines, writes_to_file
from sec_desktop.vault.recovery import format_recovery_key, new_recovery_key


@pytest.fixture
def key() -> str:
    return format_recovery_key(new_recovery_key())


@pytest.fixture
def vault_path(tmp_path):
    return tmp_path / "secret-folder-name" / "records.secvault"


@pytest.fixture
def page(qtbot, key, vault_path):
    page = RecoveryKeyPage(key, vault_path)
    qtbot.addWidget(page)
    page.resize(1000, 650)
    page.show()
    qtbot.waitExposed(page)
    return page


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def pieces_by_height(pdf_page) -> list[tuple[str, float]]:
    """Each piece of text on the page with its height from the bottom of the page."""
    pieces = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            pieces.append((text.strip(), cm[5] + cm[3] * tm[5]))

    pdf_page.extract_text(visitor_text=visit)
    return pieces


def test_the_key_is_shown_large_selectable_and_explained(page, key, vault_path) -> None:
    shown = page.key_label.text()
    assert shown.replace("\n", "-") == key
    assert len(shown.splitlines()) == 3
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    assert page.key_label.font().family() == fixed.family()
    assert page.key_label.font().pointSizeF() > page.font().pointSizeF() * 1.5
    flags = page.key_label.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "if the passphrase is forgotten" in texts
    assert "locked away" in texts and "never with the computer" in texts
    assert vault_path.name in texts and str(vault_path.parent) not in texts
    # Used after a re-key too: nothing about a first run.
    assert "welcome" not in texts.lower() and "new vault" not in texts.lower()


def test_continue_waits_for_the_tick(page, qtbot) -> None:
    assert not page.continue_button.isEnabled()
    with qtbot.assertNotEmitted(page.confirmed):
        qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.stored_check, Qt.MouseButton.LeftButton)
    assert page.stored_check.isChecked() and page.continue_button.isEnabled()
    qtbot.mouseClick(page.stored_check, Qt.MouseButton.LeftButton)
    assert not page.continue_button.isEnabled()
    page.stored_check.setChecked(True)
    with qtbot.waitSignal(page.confirmed, timeout=1000):
        qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)


def test_enter_on_continue_goes_on(page, qtbot) -> None:
    page.stored_check.setChecked(True)
    with qtbot.waitSignal(page.confirmed, timeout=1000):
        qtbot.keyClick(page.continue_button, Qt.Key.Key_Return)


@pytest.fixture
def printed_sheet(page, qtbot, tmp_path, monkeypatch, caplog):
    """The sheet, printed from the page into a PDF (the print dialog answered)."""
    caplog.set_level(logging.DEBUG)
    pdf = tmp_path / "sheet.pdf"
    monkeypatch.setattr(recovery_key_page, "ask_for_printer", lambda parent: pdf_printer(pdf))
    with qtbot.waitSignal(page.printed, timeout=5000):
        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert "sent to the printer" in page.print_status.text()
    return pdf


def test_the_printed_sheet(printed_sheet, key, vault_path, caplog) -> None:
    reader = PdfReader(printed_sheet)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert text.count("OFFICIAL-SENSITIVE") == 2
    placed = sorted(pieces_by_height(reader.pages[0]), key=lambda piece: piece[1])
    assert placed[0][0] == "OFFICIAL-SENSITIVE"  # the lowest text on the page
    assert placed[-1][0] == "OFFICIAL-SENSITIVE"  # and the highest
    # pypdf may split monospace text with spaces; the key is there, groups in order.
    squeezed = "".join(text.split())
    for line in key_lines(key):
        assert line in squeezed
    words = " ".join(text.split())  # pypdf puts tabs between words
    assert "SEC Desktop recovery key" in words
    assert vault_path.name in words
    assert "secret-folder-name" not in words  # the file's name, not where it is
    assert "Printed on" in words and "Page 1 of 1" in words
    assert "locked away" in words and "never with the computer" in words
    assert key not in caplog.text
    assert all(line not in caplog.text for line in key_lines(key))


def test_cancelling_the_print_dialog_prints_nothing(page, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(recovery_key_page, "ask_for_printer", lambda parent: None)
    with qtbot.assertNotEmitted(page.printed):
        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert page.print_status.text() == ""


def test_a_printer_that_makes_files_is_recognised(tmp_path) -> None:
    assert writes_to_file(pdf_printer(tmp_path / "x.pdf"))


def test_every_control_has_a_name_and_a_mnemonic(page, key) -> None:
    for widget in page.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisible():
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        assert interface.text(QAccessible.Text.Name), widget.objectName()
    # A screen reader can spell it out.
    assert page.key_label.text() in page.key_label.accessibleName()
    for button in (page.print_button, page.stored_check, page.continue_button):
        assert "&" in button.text()


def test_tab_order(page) -> None:
    chain, widget = [], page.key_label
    while len(chain) < 3:
        widget = widget.nextInFocusChain()
        if widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
    assert chain == [page.print_button, page.stored_check, page.continue_button]
