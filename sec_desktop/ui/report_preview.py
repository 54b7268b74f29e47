"""The pages of a built report, shown in the app before anything is saved; and the
questions the Reports screen asks (where to save, which printer).

The PDF stays in memory: QtPdf reads it from a QBuffer and QPdfView draws the pages as
they scroll into view. `clear()` closes the document and drops the bytes (on lock).
QtPdf may be missing from a bundle: the preview then says so, and the report can still
be saved.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QKeyEvent, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.services.errors import RecordError
from sec_desktop.services.reports import BuiltReport, ReportsService
from sec_desktop.ui.form_errors import error_text
from sec_desktop.ui.record_writer import RecordWriter

CONTEXT = "Reports"


def preview_available() -> bool:
    return (
        importlib.util.find_spec("PySide6.QtPdf") is not None
        and importlib.util.find_spec("PySide6.QtPdfWidgets") is not None
    )


class ReportPreview(QWidget):
    """The report's pages, one under the other, fitted to the width (zoom with the
    buttons or Ctrl + plus and minus)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Preview of the report's pages"))
        self._buffer: QBuffer | None = None
        self._document: Any = None
        self.view: Any = None
        self.pages_label = QLabel(self)
        self.pages_label.setObjectName("reportPages")
        self.zoom_out = self._button(self.tr("Zoom out"), self.tr("Zoom &out"))
        self.zoom_in = self._button(self.tr("Zoom in"), self.tr("Zoom &in"))
        self.fit = self._button(self.tr("Fit the page width"), self.tr("Fit &width"))
        self.zoom_out.clicked.connect(lambda: self._zoom(1 / 1.25))
        self.zoom_in.clicked.connect(lambda: self._zoom(1.25))
        self.fit.clicked.connect(self._fit_width)
        self.empty_label = QLabel(
            self.tr("Build a report to see its pages here. Nothing is saved until you save it."),
            self,
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.empty_label)
        if preview_available():
            from PySide6.QtPdf import QPdfDocument  # noqa: PLC0415 (optional, slow to load)
            from PySide6.QtPdfWidgets import QPdfView  # noqa: PLC0415

            self._document = QPdfDocument(self)
            self.view = QPdfView(self)
            self.view.setAccessibleName(self.tr("Report pages"))
            self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.view.setPageSpacing(12)
            self.view.setDocument(self._document)
            self._stack.addWidget(self.view)
        else:
            self.empty_label.setText(
                self.tr(
                    "The preview is not available on this computer (a part of SEC Desktop "
                    "is missing). You can still save the report and open the file."
                )
            )
        bar = QHBoxLayout()
        bar.addWidget(self.pages_label, 1)
        for button in (self.zoom_out, self.zoom_in, self.fit):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(self._stack, 1)
        self._set_zoom_enabled(False)

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.setAutoDefault(False)
        room = button.fontMetrics().horizontalAdvance(text) + 4 * button.fontMetrics().height()
        button.setMaximumWidth(room)
        return button

    @property
    def page_count(self) -> int:
        return int(self._document.pageCount()) if self._document is not None else 0

    def show_pdf(self, pdf: bytes, pages: int) -> None:
        self.clear()
        self.pages_label.setText(
            self.tr("1 page") if pages == 1 else self.tr("{count} pages").format(count=pages)
        )
        if self._document is None:
            return
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._document.load(self._buffer)
        self._fit_width()
        self._stack.setCurrentWidget(self.view)
        self._set_zoom_enabled(True)

    def clear(self) -> None:
        """Forget the report: the document is closed and its bytes dropped."""
        if self._document is not None:
            self._document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())
            self._buffer.deleteLater()
            self._buffer = None
        self.pages_label.clear()
        self._stack.setCurrentWidget(self.empty_label)
        self._set_zoom_enabled(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if control and event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self._zoom(1.25)
        elif control and event.key() == Qt.Key.Key_Minus:
            self._zoom(1 / 1.25)
        else:
            super().keyPressEvent(event)

    def _zoom(self, factor: float) -> None:
        if self.view is None or not self.page_count:
            return
        from PySide6.QtPdfWidgets import QPdfView  # noqa: PLC0415

        current = self.view.zoomFactor()
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            current = self._fitted_factor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, current * factor)))

    def _fitted_factor(self) -> float:
        points = self._document.pagePointSize(0)
        shown = self.view.viewport().width() - 2 * self.view.documentMargins().left()
        width_px = points.width() * self.logicalDpiX() / 72
        return max(0.25, shown / width_px) if width_px else 1.0

    def _fit_width(self) -> None:
        if self.view is not None:
            from PySide6.QtPdfWidgets import QPdfView  # noqa: PLC0415

            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _set_zoom_enabled(self, enabled: bool) -> None:
        for button in (self.zoom_out, self.zoom_in, self.fit):
            button.setEnabled(enabled and self.view is not None)


class BusyDialog(QProgressDialog):
    """A progress dialog that cannot be closed while the work runs: a build or a save
    cannot be stopped half-way. `finish()` closes it."""

    def __init__(self, text: str, title: str, parent: QWidget | None) -> None:
        super().__init__(text, "", 0, 0, parent)
        self.setWindowTitle(title)
        self.setAccessibleName(text)
        self.setCancelButton(None)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._may_close = False

    def reject(self) -> None:  # Escape: the work goes on, so the dialog stays
        if self._may_close:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close:
            super().closeEvent(event)
        else:
            event.ignore()

    def finish(self) -> None:
        self._may_close = True
        self.close()
        self.deleteLater()


class ReportWork(QObject):
    """One piece of report work at a time (build, save, print, export), through the
    record writer off the GUI thread, with a busy dialog meanwhile. A refusal or an
    unexpected failure is emitted as `refused(message)`."""

    refused = Signal(str)
    # A save, print or export finished: what to tell the user ("" when cancelled).
    done = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.busy: BusyDialog | None = None
        self._watching: RecordWriter | None = None

    def run(
        self,
        writer: RecordWriter,
        text: str,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
    ) -> None:
        self.busy = BusyDialog(text, QCoreApplication.translate(CONTEXT, "Reports"), self._parent)
        self.busy.open()
        writer.failed.connect(self._failed)
        self._watching = writer

        def done(result: Any) -> None:
            self.stop()
            on_done(result)

        def refused(error: RecordError) -> None:
            self.stop()
            self.refused.emit(error_text(error))

        writer.write(work, done, refused)

    def save(
        self,
        writer: RecordWriter,
        service: ReportsService,
        report: BuiltReport,
        kind: str,
        *,
        title: str,
        busy_text: str,
    ) -> None:
        """Ask where, then save the PDF ("pdf") or export the tables ("csv", "xlsx")."""
        parent = self._parent
        if kind == "csv":
            target = ask_for_folder(parent, title, default_path(report.file_stem))
        else:
            target = ask_for_file(parent, title, default_path(f"{report.file_stem}.{kind}"), kind)
        if target is None:
            self.done.emit("")
            return
        write = {"pdf": service.save_pdf, "csv": service.export_csv, "xlsx": service.export_xlsx}
        saved = QCoreApplication.translate(
            CONTEXT,
            "Saved as {name}. It is not encrypted: keep it where only you can open it, "
            "and delete it when it is no longer needed.",
        ).format(name=target.name)
        self.run(writer, busy_text, lambda: write[kind](report, target), self._emit_done(saved))

    def print(self, writer: RecordWriter, service: ReportsService, report: BuiltReport) -> None:
        title = QCoreApplication.translate(CONTEXT, "Print the report")
        printer = ask_for_printer(self._parent, title, is_landscape(report.pdf))
        if printer is None:
            self.done.emit("")
            return
        from sec_desktop.ui.roster_print_dialog import print_pdf  # noqa: PLC0415 (QtPdf is slow)

        def work() -> int:
            service.record_printed(report)  # before the first page: part-printed is printed
            return print_pdf(report.pdf, printer)

        sent = QCoreApplication.translate(
            CONTEXT, "The report was sent to the printer. Collect it now and check every page."
        )
        busy = QCoreApplication.translate(CONTEXT, "Printing the report…")
        self.run(writer, busy, work, self._emit_done(sent))

    def _emit_done(self, message: str) -> Callable[[Any], None]:
        return lambda _result: self.done.emit(message)

    def _failed(self, _error: object) -> None:
        if self.busy is None:
            return
        self.stop()
        self.refused.emit(
            QCoreApplication.translate(
                CONTEXT, "Something went wrong and the report was not made or saved."
            )
        )

    def stop(self) -> None:
        """Close the busy dialog and stop listening (done, refused, or the vault locked)."""
        if self.busy is not None:
            self.busy.finish()
            self.busy = None
        if self._watching is not None:
            self._watching.failed.disconnect(self._failed)
            self._watching = None


# --- questions (tests replace these) ----------------------------------------------------------


def default_path(name: str) -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / name


def ask_for_file(parent: QWidget | None, title: str, default: Path, kind: str) -> Path | None:
    """Ask where to save a file of `kind` ("pdf" or "xlsx"); None if cancelled."""
    patterns = {
        "pdf": QCoreApplication.translate(CONTEXT, "PDF files (*.pdf)"),
        "xlsx": QCoreApplication.translate(CONTEXT, "Excel workbooks (*.xlsx)"),
    }
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(default), patterns[kind])
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == f".{kind}" else path.with_name(f"{path.name}.{kind}")


def ask_for_folder(parent: QWidget | None, title: str, default: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(default))
    return Path(chosen) if chosen else None


def ask_for_printer(parent: QWidget | None, title: str, landscape: bool) -> QPrinter | None:
    """Ask which printer to use; None if cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    printer.setPageOrientation(orientation)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    # A file from here would be page images: "Save PDF…" makes a better one.
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def is_landscape(pdf: bytes) -> bool:
    """True if the PDF's first page is wider than it is tall."""
    if not preview_available():
        return True
    from PySide6.QtPdf import QPdfDocument  # noqa: PLC0415

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    size = document.pagePointSize(0)
    document.close()
    return bool(size.width() > size.height())
