"""The Reports screen: a scrutiny panel briefing for one meeting, or a governance report
for a period; built in a worker, previewed page by page, then printed, saved or exported.

For a governance report the list of what was suppressed, and why, is shown with the
preview, before anything leaves the vault. Every build, save, print and export is
audited by the reports service (counts and ids, never a name). The small-numbers
threshold is kept in the vault; it is never below 3.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.engagement_enums import Panel
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services.errors import ValidationFailed
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.reports import (
    MAX_THRESHOLD,
    MIN_THRESHOLD,
    BuiltReport,
    ReportKind,
    ReportsService,
    check_period,
    last_financial_year,
    last_quarter,
)
from sec_desktop.ui import report_preview
from sec_desktop.ui.form_errors import error_text
from sec_desktop.ui.gate_widgets import announce
from sec_desktop.ui.participant_fields import (
    DATE_FORMAT,
    from_qdate,
    new_form,
    shown_date,
    to_qdate,
)
from sec_desktop.ui.participant_view import (
    fill_table,
    read_only_table,
    select_first,
    selected_id,
)
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.report_preview import BusyDialog, ReportPreview, ReportWork
from sec_desktop.ui.suppression_preview import SuppressionPreview
from sec_desktop.ui.widgets import ErrorLabel, heading_label

SIDE_WIDTH = 420


class Period(Enum):
    LAST_QUARTER = QT_TRANSLATE_NOOP("ReportsPage", "Last quarter")
    LAST_FINANCIAL_YEAR = QT_TRANSLATE_NOOP("ReportsPage", "Last financial year (April to March)")
    CUSTOM = QT_TRANSLATE_NOOP("ReportsPage", "Dates I choose")


class ReportsPage(QWidget):
    # A report was built and is shown (for tests and the self-test).
    built = Signal()
    # A save, print or export finished: its message ("" if cancelled).
    finished = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPage")
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._service: ReportsService | None = None
        self.report: BuiltReport | None = None
        self._threshold = 5
        self.work = ReportWork(self)
        self.work.refused.connect(self._work_refused)
        self.work.done.connect(self._done)
        # The writer whose `failed` is connected while work runs.
        self._watching: RecordWriter | None = None
        self._build_choices()
        self._build_outputs()
        self._build_layout()
        self._kind_chosen()
        self._set_outputs_enabled()
        self.suppression.hide()

    # --- building the screen ----------------------------------------------------------------

    def _build_choices(self) -> None:
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName(self.tr("Report"))
        self.kind_combo.addItem(self.tr("Scrutiny panel briefing"), ReportKind.SCRUTINY)
        self.kind_combo.addItem(self.tr("Governance report"), ReportKind.GOVERNANCE)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_chosen())
        self.meetings = read_only_table(
            [self.tr("Date"), self.tr("Panel"), self.tr("Cases")],
            self.tr("Scrutiny panel meetings"),
            self,
        )
        self.meetings.doubleClicked.connect(lambda _index: self.build())
        self.period_combo = QComboBox(self)
        self.period_combo.setAccessibleName(self.tr("Period"))
        for period in Period:
            self.period_combo.addItem(self.tr(period.value), period)
        self.period_combo.currentIndexChanged.connect(lambda _i: self._period_chosen())
        self.from_edit = self._date_edit(self.tr("First day counted"))
        self.to_edit = self._date_edit(self.tr("Last day counted"))
        self.threshold_spin = QSpinBox(self)
        self.threshold_spin.setRange(MIN_THRESHOLD, MAX_THRESHOLD)
        self.threshold_spin.setAccessibleName(self.tr("Small numbers threshold"))
        self.threshold_spin.valueChanged.connect(self._threshold_changed)
        self.threshold_note = QLabel(self)
        self.threshold_note.setWordWrap(True)
        self.build_button = QPushButton(self.tr("&Build"), self)
        self.build_button.setAccessibleName(self.tr("Build the report"))
        self.build_button.clicked.connect(self.build)
        self.error_label = ErrorLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("reportStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.suppression = SuppressionPreview(self)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setAccessibleName(name)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setCalendarPopup(True)
        edit.dateChanged.connect(lambda _d: self.error_label.hide())
        return edit

    def _build_outputs(self) -> None:
        def output(text: str, name: str, act: Callable[[], None]) -> QPushButton:
            button = QPushButton(text, self)
            button.setAccessibleName(name)
            button.setAutoDefault(False)
            button.clicked.connect(act)
            return button

        self.print_button = output(self.tr("&Print…"), self.tr("Print the report"), self.print)
        self.save_button = output(
            self.tr("&Save PDF…"), self.tr("Save the report as a PDF"), self.save_pdf
        )
        self.csv_button = output(
            self.tr("Export &CSV folder…"),
            self.tr("Export the report's tables as CSV files in a folder"),
            self.export_csv,
        )
        self.xlsx_button = output(
            self.tr("Export &XLSX…"),
            self.tr("Export the report's tables as an XLSX workbook"),
            self.export_xlsx,
        )
        self.preview = ReportPreview(self)

    def _build_layout(self) -> None:
        scrutiny = QWidget(self)
        scrutiny_layout = QVBoxLayout(scrutiny)
        scrutiny_layout.setContentsMargins(0, 0, 0, 0)
        meetings_label = QLabel(self.tr("&Meeting"), scrutiny)
        meetings_label.setBuddy(self.meetings)
        scrutiny_layout.addWidget(meetings_label)
        scrutiny_layout.addWidget(self.meetings, 1)
        governance = QWidget(self)
        form = new_form()
        form.setContentsMargins(0, 0, 0, 0)
        governance.setLayout(form)
        form.addRow(self._buddy(self.tr("P&eriod"), self.period_combo), self.period_combo)
        form.addRow(self._buddy(self.tr("&From"), self.from_edit), self.from_edit)
        form.addRow(self._buddy(self.tr("&To"), self.to_edit), self.to_edit)
        form.addRow(
            self._buddy(self.tr("S&mall numbers"), self.threshold_spin), self.threshold_spin
        )
        form.addRow(self.threshold_note)
        self.scrutiny_box, self.governance_box = scrutiny, governance

        side = QWidget(self)
        side.setMinimumWidth(SIDE_WIDTH * 3 // 4)
        side.setMaximumWidth(SIDE_WIDTH * 3 // 2)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 8, 0)
        side_layout.addWidget(heading_label(self.tr("Reports"), side))
        kind_row = QHBoxLayout()
        kind_row.addWidget(self._buddy(self.tr("&Report"), self.kind_combo))
        kind_row.addWidget(self.kind_combo, 1)
        side_layout.addLayout(kind_row)
        side_layout.addWidget(scrutiny, 1)
        side_layout.addWidget(governance)
        side_layout.addWidget(self.build_button)
        side_layout.addWidget(self.error_label)
        side_layout.addWidget(self.status_label)
        side_layout.addWidget(self.suppression, 2)

        main = QWidget(self)
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(8, 0, 0, 0)
        buttons = QHBoxLayout()
        for button in (self.print_button, self.save_button, self.csv_button, self.xlsx_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        main_layout.addLayout(buttons)
        main_layout.addWidget(self.preview, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(side)
        splitter.addWidget(main)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([SIDE_WIDTH, 3 * SIDE_WIDTH])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _panel(self, panel: Panel) -> str:
        return self.tr("RASSO") if panel == Panel.RASSO else self.tr("DA")

    def _buddy(self, text: str, field: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(field)
        return label

    # --- RecordPage --------------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self._services, self._writer = services, writer
        self._service = ReportsService(services, translate=QCoreApplication.translate)
        if self.isVisible():  # otherwise when shown (showEvent): unlocking does not wait
            self._load_meetings()
        self.threshold_spin.setValue(self._service.threshold())
        self._period_chosen()
        self._set_outputs_enabled()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._load_meetings()  # meetings may have been added on the Scrutiny screen

    def _load_meetings(self) -> None:
        if self._services is None:
            return
        chosen = selected_id(self.meetings)
        rows = self._services.scrutiny.meetings()
        fill_table(
            self.meetings,
            [(shown_date(m.held_on), self._panel(m.panel), str(m.cases)) for m in rows],
            [m.id for m in rows],
        )
        ids = [m.id for m in rows]
        if chosen in ids:
            self.meetings.selectRow(ids.index(chosen))
        else:
            select_first(self.meetings)

    def detach(self) -> None:
        """Forget everything: the report, its preview and its suppressions."""
        self.work.stop()
        self._services = self._writer = self._service = None
        self.report = None
        self.preview.clear()
        self.suppression.clear()
        fill_table(self.meetings, [])
        self.status_label.clear()
        self.error_label.hide()
        self._set_outputs_enabled()

    # --- choices -----------------------------------------------------------------------------

    def _kind(self) -> ReportKind:
        kind: ReportKind = self.kind_combo.currentData()
        return kind

    def _kind_chosen(self) -> None:
        governance = self._kind() == ReportKind.GOVERNANCE
        self.scrutiny_box.setVisible(not governance)
        self.governance_box.setVisible(governance)
        self.suppression.setVisible(governance and self.suppression.figure_count > 0)
        self.error_label.hide()

    def _period_chosen(self) -> None:
        period: Period = self.period_combo.currentData()
        custom = period == Period.CUSTOM
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)
        if custom or self._services is None:
            return
        today = self._services.today()
        start, end = (
            last_quarter(today) if period == Period.LAST_QUARTER else last_financial_year(today)
        )
        self.from_edit.setDate(to_qdate(start))
        self.to_edit.setDate(to_qdate(end))

    def _threshold_changed(self, value: int) -> None:
        self._threshold = value
        self.threshold_note.setText(
            self.tr(
                "Counts from 1 to {below} are published as <{threshold}; some other figures "
                "are hidden too, so that those cannot be worked out from the totals."
            ).format(below=value - 1, threshold=value)
        )

    def period(self) -> tuple[date, date]:
        return from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())

    # --- building ----------------------------------------------------------------------------

    def build(self) -> None:
        service = self._service
        if service is None or self.busy is not None:
            return
        self.error_label.hide()
        if self._kind() == ReportKind.SCRUTINY:
            meeting = selected_id(self.meetings)
            if meeting is None:
                self._refuse(self.tr("Choose a meeting first: there are none in the vault yet."))
                return
            meeting_id = int(str(meeting))

            def make() -> BuiltReport:
                return service.build_scrutiny(meeting_id)
        else:
            start, end = self.period()
            threshold = self.threshold_spin.value()
            try:
                check_period(start, end)
            except ValidationFailed as error:
                self._refuse(error_text(error), self.to_edit)
                return

            def make() -> BuiltReport:
                service.set_threshold(threshold)
                return service.build_governance(start, end, threshold)

        made: list[BuiltReport] = []

        def work() -> BuiltReport:
            made.append(make())
            service.record_built(made[0])  # audited: a failed save still keeps the report
            return made[0]

        if self._writer is not None:
            self.work.run(
                self._writer,
                self.tr("Building the report…"),
                work,
                lambda r: self._built(r or made[0]),
            )
            self._set_outputs_enabled()

    def _built(self, report: BuiltReport) -> None:
        self.report = report
        self.preview.show_pdf(report.pdf, report.pages)
        governance = report.kind == ReportKind.GOVERNANCE
        if governance:
            self.suppression.show_cells(report.suppressed, self._threshold, len(report.published))
        else:
            self.suppression.clear()
        self.suppression.setVisible(governance)
        self._say(
            self.tr(
                "The report is built ({pages} pages). Nothing has been saved: check the "
                "pages{suppressed}, then print, save or export it."
            ).format(
                pages=report.pages,
                suppressed=self.tr(" and what was suppressed") if governance else "",
            )
        )
        self._set_outputs_enabled()
        self.built.emit()

    # --- outputs -----------------------------------------------------------------------------

    def save_pdf(self) -> None:
        self._save("pdf", self.tr("Save the report as a PDF"), self.tr("Saving the report…"))

    def export_csv(self) -> None:
        self._save("csv", self.tr("Export the tables as CSV files"), self.tr("Exporting…"))

    def export_xlsx(self) -> None:
        self._save("xlsx", self.tr("Export the tables as XLSX"), self.tr("Exporting…"))

    def _save(self, kind: str, title: str, busy_text: str) -> None:
        if self.report is not None and self._service is not None and self._writer is not None:
            self.work.save(
                self._writer, self._service, self.report, kind, title=title, busy_text=busy_text
            )
            self._set_outputs_enabled()

    def print(self) -> None:
        if self.report is not None and self._service is not None and self._writer is not None:
            self.work.print(self._writer, self._service, self.report)
            self._set_outputs_enabled()

    # --- running work ------------------------------------------------------------------------

    def _work_refused(self, message: str) -> None:
        self._set_outputs_enabled()
        self._refuse(message)
        self.finished.emit(message)

    @property
    def busy(self) -> BusyDialog | None:
        return self.work.busy

    def _done(self, message: str) -> None:
        self._set_outputs_enabled()
        if message:
            self._say(message)
        self.finished.emit(message)

    def _say(self, message: str) -> None:
        self.status_label.setText(message)
        self.status_label.setAccessibleName(message)
        announce(self, message)

    def _refuse(self, message: str, focus: QWidget | None = None) -> None:
        self.error_label.setText(message)
        self.error_label.setAccessibleName(message)
        self.error_label.show()
        announce(self, message)
        if focus is not None:
            focus.setFocus()

    def _set_outputs_enabled(self) -> None:
        idle = self.busy is None and self._service is not None
        report = self.report if idle else None
        governance = report is not None and report.kind == ReportKind.GOVERNANCE
        self.print_button.setEnabled(report is not None and report_preview.preview_available())
        self.save_button.setEnabled(report is not None)
        self.csv_button.setEnabled(governance)
        self.xlsx_button.setEnabled(governance)
        self.build_button.setEnabled(idle)
