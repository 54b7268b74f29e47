"""Printing the roster, the only printout with names: a warning first, then paper or a PDF.

`confirm_and_print_roster` opens the confirmation (Cancel is the default). "Save as
PDF…" asks where, then builds and saves the PDF off the GUI thread (seconds for
thousands of people). "Print…" asks for a printer, builds the PDF in memory and renders
its pages to the printer with QtPdf, so no copy is left on disk. Either way the roster
service audits it with a count, never a name.

reportlab and QtPdf are imported only once the user asks for a printout: both are slow
to load, and QtPdf may be missing (it is in PySide6-Addons up to 6.11, in its own
PySide6-Pdf wheel from 6.12, and a bundle may leave it out), in which case "Print…" is
disabled and says why.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRect,
    QSize,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services.errors import RecordError
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.roster_print import Printout, RosterPrint
from sec_desktop.ui.form_errors import error_text
from sec_desktop.ui.gate_widgets import announce
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.widgets import READABLE_WIDTH, heading_label

# Fine enough for 9 pt text; a printer's own resolution (600 or 1200 dpi) would make
# each page image tens of megabytes.
PRINT_DPI = 300
PRINTER_NOT_STARTED = QT_TRANSLATE_NOOP(
    "Records",
    "The printer could not be started. Check that it is switched on and connected, then try again.",
)
PRINTER_STOPPED = QT_TRANSLATE_NOOP(
    "Records",
    "The printer stopped part of the way through. Collect and shred what was printed, "
    "check the printer, then try again.",
)


def printing_available() -> bool:
    """True if QtPdf, which renders the PDF's pages for the printer, is installed."""
    return importlib.util.find_spec("PySide6.QtPdf") is not None


def default_pdf_path(today: date) -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / f"roster-{today:%Y-%m-%d}.pdf"


def ask_for_pdf_path(parent: QWidget | None, default: Path) -> Path | None:
    """Ask where to save the PDF; None if cancelled. (Tests replace this.)"""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("RosterPrint", "Save the roster as a PDF"),
        str(default),
        QCoreApplication.translate("RosterPrint", "PDF files (*.pdf)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_name(f"{path.name}.pdf")


def ask_for_printer(parent: QWidget | None) -> QPrinter | None:
    """Ask which printer to use; None if cancelled. (Tests replace this.)"""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("RosterPrint", "Print the roster"))
    # A file from here would be page images: "Save as PDF…" makes a better one.
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Render each page of `pdf` onto `printer`, scaled to fit its printable area; return
    the page count. Runs on a worker thread (Qt allows painting on a QPrinter there).
    Raises RecordError if the printer cannot start or stops."""
    from PySide6.QtPdf import QPdfDocument  # noqa: PLC0415 (optional and slow to load)

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise RuntimeError(f"QtPdf could not read the roster PDF: {document.error()}")
    pages = int(document.pageCount())
    painter = QPainter()
    if not painter.begin(printer):
        raise RecordError(PRINTER_NOT_STARTED)
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        for index in range(pages):
            if index and not printer.newPage():
                raise RecordError(PRINTER_STOPPED)
            points = document.pagePointSize(index)
            image = document.render(
                index, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            )
            area = painter.viewport()
            fitted = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(area.topLeft(), fitted)
            target.moveCenter(area.center())
            painter.drawImage(target, image)
    finally:
        painter.end()
        document.close()
    return pages


class RosterPrintConfirmation(QDialog):
    """The warning before a printout with names. Finishes with PRINT, SAVE or Rejected
    (Cancel, the default: Enter alone does not print)."""

    PRINT = 2
    SAVE = 3

    def __init__(
        self,
        count: int,
        filter_description: str,
        can_print: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rosterPrintConfirmation")
        self.setWindowTitle(self.tr("Print the roster"))
        self.setAccessibleName(self.tr("Print the roster"))
        if count == 1:
            names = self.tr("This printout carries the name of one participant.")
        else:
            names = self.tr("This printout carries the names of {count} participants.").format(
                count=count
            )
        warning = self.tr(
            "Paper and PDF files are not protected by the vault: anyone who finds them can "
            "read them. Print it only if you need it, keep it locked away, and shred it "
            "after use. If you save it as a PDF, delete the file as soon as you no longer "
            "need it."
        )
        self.names_label = self._label(names, bold=True)
        self.warning_label = self._label(warning)
        self.filter_label = self._label(
            self.tr("Who is on it: {filter}").format(filter=filter_description)
        )

        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.setObjectName("printRoster")
        self.save_button = QPushButton(self.tr("&Save as PDF…"), self)
        self.save_button.setObjectName("saveRosterPdf")
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelRosterPrint")
        self.cancel_button.setDefault(True)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.clicked.connect(lambda: self.done(self.PRINT))
        self.save_button.clicked.connect(lambda: self.done(self.SAVE))
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("Print the roster?"), self))
        layout.addWidget(self.names_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.filter_label)
        if not can_print:
            self.print_button.setEnabled(False)
            layout.addWidget(
                self._label(
                    self.tr(
                        "Printing is not available on this computer (a part of SEC "
                        "Desktop is missing). Save as a PDF instead, print that file, then "
                        "delete it."
                    )
                )
            )
        layout.addSpacing(8)
        layout.addWidget(buttons)
        # About 70 characters a line: wide enough to read the warning at a glance.
        self.setMinimumWidth(min(READABLE_WIDTH, self.fontMetrics().averageCharWidth() * 72))
        self.setMaximumWidth(READABLE_WIDTH)
        self.cancel_button.setFocus()

    def _label(self, text: str, *, bold: bool = False) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAccessibleName(text)
        if bold:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        return label


class RosterPrintFlow(QObject):
    """One printout, from the confirmation to the message that says how it went.
    `finished` carries that message ("" when cancelled)."""

    finished = Signal(str)

    def __init__(
        self,
        parent: QWidget | None,
        services: RecordServices,
        writer: RecordWriter,
        participant_ids: Sequence[int],
        filter_description: str,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._writer = writer
        self._ids = list(participant_ids)
        self._filter = filter_description
        self._today = services.today
        self._running = False
        self._service = RosterPrint(
            services.roster.vault, services.today, translate=QCoreApplication.translate
        )
        self.progress: QProgressDialog | None = None
        self.message_box: QMessageBox | None = None
        self.confirmation = RosterPrintConfirmation(
            len(self._ids), filter_description, printing_available(), parent
        )
        self.confirmation.finished.connect(self._chosen)

    def start(self) -> None:
        self.confirmation.open()

    def _chosen(self, result: int) -> None:
        if result == RosterPrintConfirmation.SAVE:
            self._save()
        elif result == RosterPrintConfirmation.PRINT:
            self._print()
        else:
            self.finished.emit("")

    def _save(self) -> None:
        path = ask_for_pdf_path(self._parent, default_pdf_path(self._today()))
        if path is None:
            self.finished.emit("")
            return
        ids, description, service = self._ids, self._filter, self._service

        def saved(_printout: Printout | None) -> None:
            self._done(
                self.tr(
                    "The roster was saved as {file}. The file is not encrypted: keep it "
                    "where only you can open it, and delete it when you no longer need it."
                ).format(file=path.name)
            )

        self._run(lambda: service.print_to(path, ids, description), saved)

    def _print(self) -> None:
        printer = ask_for_printer(self._parent)
        if printer is None:
            self.finished.emit("")
            return
        ids, description, service = self._ids, self._filter, self._service

        def work() -> Printout:
            printout = service.build(ids, description)
            # Audited before the first page goes: a printer that stops part-way has
            # still printed names.
            service.record_printed(printout)
            print_pdf(printout.pdf, printer)
            return printout

        def printed(_printout: Printout | None) -> None:
            self._done(
                self.tr(
                    "The roster was sent to the printer. Collect it now and check that "
                    "every page is there; shred it after use."
                )
            )

        self._run(work, printed)

    def _run(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self._running = True
        self.progress = QProgressDialog(self.tr("Preparing the printout…"), "", 0, 0, self._parent)
        self.progress.setWindowTitle(self.tr("Print the roster"))
        self.progress.setCancelButton(None)  # a build cannot be stopped half-way
        self.progress.setMinimumDuration(0)
        self.progress.setAccessibleName(self.tr("Preparing the printout…"))
        self.progress.open()
        self._writer.failed.connect(self._failed_unexpectedly)
        self._writer.busy_changed.connect(self._writer_busy)
        self._writer.write(work, on_done, self._refused)

    def _refused(self, error: RecordError) -> None:
        self._done(error_text(error), QMessageBox.Icon.Warning)

    def _failed_unexpectedly(self, _error: object) -> None:
        # A bug: the writer reports it (and logs it); the user is told here.
        self._done(self.tr("The roster could not be printed."), QMessageBox.Icon.Warning)

    def _writer_busy(self, busy: bool) -> None:
        if not busy:  # checked once the writer has called back, if it was going to
            QTimer.singleShot(0, self._if_forgotten)

    def _if_forgotten(self) -> None:
        """The vault was locked meanwhile: the writer dropped the callbacks. Close up."""
        if self._running and not self._writer.busy:
            self._stop()
            self.finished.emit("")

    def _stop(self) -> None:
        self._running = False
        self._writer.failed.disconnect(self._failed_unexpectedly)
        self._writer.busy_changed.disconnect(self._writer_busy)
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, message: str, icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> None:
        if not self._running:
            return
        self._stop()
        box = QMessageBox(
            icon, self.tr("Print the roster"), message, QMessageBox.StandardButton.Ok, self._parent
        )
        box.setAccessibleName(message)
        box.open()
        self.message_box = box
        if self._parent is not None:
            announce(self._parent, message)
        self.finished.emit(message)


def confirm_and_print_roster(
    parent: QWidget | None,
    services: RecordServices,
    writer: RecordWriter,
    participant_ids: Sequence[int],
    filter_description: str,
) -> RosterPrintFlow:
    """Warn, then print or save the roster of these participants (in this order).
    `filter_description` says who they are, as the roster's filter reads (translated)."""
    flow = RosterPrintFlow(parent, services, writer, participant_ids, filter_description)
    flow.start()
    return flow
