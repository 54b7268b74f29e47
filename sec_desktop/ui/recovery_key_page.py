"""The recovery key, shown once (after creating a vault or replacing its keys), with a
printable one-page sheet and a confirmation that it has been stored safely.

The key is never logged, and never written to a file by SEC Desktop: printing to a file
is turned off in the print dialog, and a printer that writes files is refused.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QMarginsF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QPageLayout, QPainter, QPalette, QTextDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.ui.gate_widgets import (
    announce,
    centre_in_page,
    column_layout,
    monospace_font,
    wrapped_label,
)
from sec_desktop.ui.widgets import ErrorLabel, heading_label

GROUPS_PER_LINE = 3
SHEET_MARGIN_MM = 18
MARKING = "OFFICIAL-SENSITIVE"  # the protective marking: the same in every language


def key_lines(recovery_key: str) -> list[str]:
    """The key in lines of GROUPS_PER_LINE groups, easier to read aloud and copy by hand."""
    groups = recovery_key.split("-")
    return [
        "-".join(groups[i : i + GROUPS_PER_LINE]) for i in range(0, len(groups), GROUPS_PER_LINE)
    ]


def writes_to_file(printer: QPrinter) -> bool:
    """True if the printer makes a file (PDF, "Print to PDF") rather than paper: that
    would leave the key readable on disk."""
    return (
        printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
        or bool(printer.outputFileName())
        or "pdf" in printer.printerName().lower()
        or "xps" in printer.printerName().lower()
    )


def ask_for_printer(parent: QWidget | None) -> QPrinter | None:
    """Ask which printer to use; None if cancelled. (Tests replace this.)"""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("RecoveryKeyPage", "Print the recovery key"))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, False)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    if writes_to_file(printer):
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("RecoveryKeyPage", "Print the recovery key"),
            QCoreApplication.translate(
                "RecoveryKeyPage",
                "That printer makes a file, which would leave the recovery key readable on "
                "this computer. Choose a printer that prints on paper.",
            ),
        )
        return None
    return printer


def sheet_html(recovery_key: str, vault_name: str, printed_on: str, monospace: str) -> str:
    """The body of the printed sheet (the marking and handling line are drawn around it)."""
    translate = QCoreApplication.translate
    title = translate("RecoveryKeyPage", "SEC Desktop recovery key")
    vault_caption = translate("RecoveryKeyPage", "Vault file:")
    date_caption = translate("RecoveryKeyPage", "Printed on:")
    does_title = translate("RecoveryKeyPage", "What this key does")
    does = translate(
        "RecoveryKeyPage",
        "It opens the vault if the passphrase is forgotten. Anyone who has this key and the "
        "vault file can read every record in it.",
    )
    steps_title = translate("RecoveryKeyPage", "What to do with it")
    steps = [
        translate(
            "RecoveryKeyPage",
            "Keep this sheet locked away, in a safe or a locked cabinet: never with the "
            "computer, nor with the drive that holds the vault.",
        ),
        translate(
            "RecoveryKeyPage",
            "Do not copy, photograph or scan it, and do not type it into any other program.",
        ),
        translate(
            "RecoveryKeyPage",
            "To use it: on the unlock screen choose \u201cUse the recovery key instead\u201d "
            "and type the groups as printed. You will then choose a new passphrase.",
        ),
        translate(
            "RecoveryKeyPage",
            "If this sheet is lost, or someone else may have seen it, replace the vault's "
            "keys (Settings) at once, then shred this sheet.",
        ),
    ]
    esc = html.escape
    key = "<br>".join(esc(line) for line in key_lines(recovery_key))
    items = "".join(f"<li>{esc(step)}</li>" for step in steps)
    key_style = f"font-family: '{esc(monospace)}', monospace; font-size: 24pt; font-weight: bold"
    return (
        f"<h1>{esc(title)}</h1>"
        "<table cellpadding='3'>"
        f"<tr><td>{esc(vault_caption)}</td><td><b>{esc(vault_name)}</b></td></tr>"
        f"<tr><td>{esc(date_caption)}</td><td>{esc(printed_on)}</td></tr>"
        "</table>"
        "<p></p><table align='center' border='1' cellspacing='0' cellpadding='16' "
        "style='border-style: solid; border-color: #000000'>"
        f'<tr><td align="center" style="{key_style}">{key}</td></tr></table><p></p>'
        f"<h3>{esc(does_title)}</h3><p>{esc(does)}</p>"
        f"<h3>{esc(steps_title)}</h3><ul>{items}</ul>"
    )


def print_sheet(printer: QPrinter, recovery_key: str, vault_name: str) -> bool:
    """Print the one-page sheet: the marking at the top and the bottom, the handling line,
    the date and page number, and the key. False if the printer could not be started."""
    printed_on = QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(printer)
    base = QFont()
    base.setPointSizeF(11)
    document.setDefaultFont(base)
    document.setHtml(sheet_html(recovery_key, vault_name, printed_on, monospace_font().family()))
    printer.setPageMargins(QMarginsF(*([SHEET_MARGIN_MM] * 4)), QPageLayout.Unit.Millimeter)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        width, height = float(page.width()), float(page.height())
        marking_font = QFont(base)
        marking_font.setPointSizeF(14)
        marking_font.setBold(True)
        small_font = QFont(base)
        small_font.setPointSizeF(9)
        painter.setFont(marking_font)
        line = painter.fontMetrics().height()
        painter.drawText(QRectF(0, 0, width, line), Qt.AlignmentFlag.AlignHCenter, MARKING)
        painter.drawText(
            QRectF(0, height - line, width, line), Qt.AlignmentFlag.AlignHCenter, MARKING
        )
        painter.setFont(small_font)
        small = painter.fontMetrics().height()
        handling = QCoreApplication.translate(
            "RecoveryKeyPage", "Keep locked away. Do not copy. Printed {date}. Page 1 of 1."
        ).format(date=printed_on)
        painter.drawText(
            QRectF(0, height - line - small * 1.5, width, small),
            Qt.AlignmentFlag.AlignHCenter,
            handling,
        )
        top = line * 2.0
        room = height - top - line - small * 2.5
        document.setTextWidth(width)
        scale = min(1.0, room / max(document.size().height(), 1.0))  # always one page
        painter.translate(0, top)
        painter.scale(scale, scale)
        document.drawContents(painter)
    finally:
        painter.end()
    return True


class RecoveryKeyPage(QWidget):
    """Shows a recovery key once. `confirmed` when the user says it is stored safely."""

    confirmed = Signal()
    # The sheet went to the printer (for the caller to audit; the key is not sent).
    printed = Signal()

    def __init__(self, recovery_key: str, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_recovery_key")
        self.setAccessibleName(self.tr("Your recovery key"))
        self._recovery_key = recovery_key
        self._vault_name = vault_path.name

        intro = wrapped_label(
            self.tr(
                "This key opens the vault file {name} if the passphrase is forgotten. It is "
                "shown only now: print it or write it down before you go on."
            ).format(name=vault_path.name),
            self,
        )
        keep = wrapped_label(
            self.tr(
                "Keep it somewhere locked away, never with the computer or the drive that "
                "holds the vault. Anyone who has the key and the vault file can read every "
                "record. SEC Desktop does not keep a copy it can show you again."
            ),
            self,
        )
        key_box = self._build_key_box(recovery_key)
        print_row = self._build_printing()
        self.stored_check = QCheckBox(self.tr("I have &stored the recovery key safely"), self)
        self.continue_button = QPushButton(self.tr("&Continue"), self)
        self.continue_button.setObjectName("continueButton")
        self.continue_button.setAutoDefault(True)
        self.continue_button.setEnabled(False)

        layout = column_layout()
        layout.addWidget(heading_label(self.tr("Your recovery key"), self))
        layout.addWidget(intro)
        layout.addWidget(key_box)
        layout.addWidget(keep)
        layout.addLayout(print_row)
        layout.addWidget(self.print_error)
        layout.addSpacing(8)
        layout.addWidget(self.stored_check, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignLeft)
        centre_in_page(self, layout)

        for first, second in (
            (self.key_label, self.print_button),
            (self.print_button, self.stored_check),
            (self.stored_check, self.continue_button),
        ):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.print_button)
        self.print_button.clicked.connect(self.print_key)
        self.stored_check.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self._continue)

    def _build_key_box(self, recovery_key: str) -> QFrame:
        self.key_label = QLabel("\n".join(key_lines(recovery_key)), self)
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setFont(self._key_font())
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The key itself, line by line as shown, so a screen reader can spell it out.
        self.key_label.setAccessibleName(
            self.tr("Recovery key: {key}").format(key=self.key_label.text())
        )
        box = QFrame(self)
        box.setObjectName("recoveryKeyBox")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setBackgroundRole(QPalette.ColorRole.Base)
        box.setAutoFillBackground(True)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(self.key_label)
        return box

    def _build_printing(self) -> QHBoxLayout:
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.setObjectName("printRecoveryKey")
        self.print_button.setAutoDefault(True)
        self.print_status = wrapped_label("", self)
        self.print_status.setObjectName("printStatus")
        self.print_error = ErrorLabel(self)
        self.print_error.setWordWrap(True)
        self.print_error.hide()
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.print_status, 1)
        return row

    def _key_font(self) -> QFont:
        font = monospace_font()
        size = self.font().pointSizeF()
        if size > 0:
            font.setPointSizeF(size * 1.9)
        font.setBold(True)
        return font

    def print_key(self) -> None:
        """Ask for a printer and print the one-page sheet."""
        self.print_error.hide()
        printer = ask_for_printer(self)
        if printer is None:
            return
        if not print_sheet(printer, self._recovery_key, self._vault_name):
            text = self.tr("The sheet could not be printed. Check the printer, then try again.")
            self.print_status.clear()
            self.print_error.setText(text)
            self.print_error.show()
            announce(self.print_error, text)
            return
        text = self.tr("The sheet was sent to the printer. Check that it printed in full.")
        self.print_status.setText(text)
        announce(self.print_status, text)
        self.printed.emit()

    def _continue(self) -> None:
        if self.stored_check.isChecked():
            self.confirmed.emit()
