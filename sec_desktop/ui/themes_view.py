"""The themes view: feedback counted by theme and journey stage over a period, the
sentiment split per theme, a chart, and the items behind any count.

Counting 150,000 items takes longer than a frame, so counts and drill-downs are read off
the GUI thread, with a busy line meanwhile; a result that arrives after the period was
changed again (or the vault locked) is dropped. Disclosures are left out by the service:
the view says how many, never what they say. Enter (or a double click) on a count lists
its items below; Enter on an item asks to open it (`open_requested("feedback", id)`).
"""

from __future__ import annotations

import logging
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.engagement_enums import Sentiment
from sec_desktop.services.errors import ValidationFailed
from sec_desktop.services.feedback_records import FeedbackRow
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.themes import ThemeCounts
from sec_desktop.ui.background import run_in_background
from sec_desktop.ui.form_errors import error_text
from sec_desktop.ui.participant_fields import (
    DATE_FORMAT,
    EARLIEST,
    buddy,
    from_qdate,
    scrolled,
    shown_date,
    to_qdate,
)
from sec_desktop.ui.participant_view import subheading
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.themes_chart import ThemesChart
from sec_desktop.ui.themes_model import (
    DATE,
    SENTIMENT,
    SOURCE,
    CountsModel,
    ItemsModel,
    Period,
    SentimentModel,
    Target,
    anonymous_text,
    items_behind,
    number,
    sentiment_text,
    summary_text,
)
from sec_desktop.ui.widgets import ErrorLabel, heading_label

log = logging.getLogger(__name__)

# A typed date is counted once the user pauses (not at every keystroke).
DATE_PAUSE_MS = 400
CELL_PADDING = 24
HEADER_PADDING = 14
COUNT_WIDTH = 96
# The theme names' column: as wide as the longest name, up to this.
THEME_WIDTH = 320


class _Table(QTableView):
    """Read only, one cell or row at a time; Enter or a double click chooses."""

    chosen = Signal(QModelIndex)

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves; arrows move inside
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        # One line per row, all the same height: nothing measured per row.
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.doubleClicked.connect(self.chosen)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter always chooses (`activated` follows the platform: a click on some).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.chosen.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class ThemesView(QWidget):
    open_requested = Signal(str, int)
    # Counts (or a drill-down) have arrived and are shown; for tests and the self-test.
    loaded = Signal()
    items_loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._epoch = 0
        self._items_epoch = 0
        self._stale = False
        self.counts: ThemeCounts | None = None
        self._date_timer = QTimer(self, singleShot=True, interval=DATE_PAUSE_MS)
        self._date_timer.timeout.connect(self.reload)
        self._build_period()
        self._build_tables()
        self._build_drill()
        self._build_layout()

    # --- building -------------------------------------------------------------------------

    def _build_period(self) -> None:
        self.period_combo = QComboBox(self)
        self.period_combo.setAccessibleName(self.tr("Period counted"))
        for period in Period:
            self.period_combo.addItem(period.text(), period)
        self.period_combo.setCurrentIndex(self.period_combo.findData(Period.MONTHS_12))
        self.from_edit = self._date_edit(self.tr("First day counted"))
        self.to_edit = self._date_edit(self.tr("Last day counted"))
        self.period_combo.currentIndexChanged.connect(lambda _i: self._period_chosen())
        self.busy_label = QLabel(self.tr("Counting the feedback…"), self)
        self.busy_label.setObjectName("themesBusy")
        self.busy_label.hide()
        self.error_label = ErrorLabel(self)
        self.error_label.hide()
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("themesSummary")
        self.summary_label.setWordWrap(True)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setAccessibleName(name)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(to_qdate(from_qdate(EARLIEST)))
        edit.dateChanged.connect(lambda _d: self._date_typed())
        return edit

    def _build_tables(self) -> None:
        self.counts_model = CountsModel(self)
        self.counts_table = _Table(self.tr("Items by theme and journey stage"), self)
        self.counts_table.setObjectName("themesCounts")
        self.counts_table.setModel(self.counts_model)
        self.sentiment_model = SentimentModel(self)
        self.sentiment_table = _Table(self.tr("Items by theme and sentiment"), self)
        self.sentiment_table.setObjectName("themesSentiment")
        self.sentiment_table.setModel(self.sentiment_model)
        for table in (self.counts_table, self.sentiment_table):
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
            header = table.horizontalHeader()
            header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
            header.setHighlightSections(False)
            table.verticalHeader().setHighlightSections(False)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setDefaultSectionSize(COUNT_WIDTH)
            table.chosen.connect(self._drill)
        self.chart = ThemesChart(self)
        self.chart.bar_chosen.connect(self._bar_chosen)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Figures"))
        self.tabs.addTab(self.counts_table, self.tr("By &journey stage"))
        self.tabs.addTab(self.sentiment_table, self.tr("By &sentiment"))
        # Scrolls when the window is too short for a line per theme.
        self.tabs.addTab(scrolled(self.chart, self), self.tr("C&hart"))

    def _build_drill(self) -> None:
        self.drill_heading = subheading(self.tr("Items behind a count"), self)
        self.drill_note = QLabel(self)
        self.drill_note.setTextFormat(Qt.TextFormat.PlainText)
        self.drill_note.setWordWrap(True)
        self.items_model = ItemsModel(self)
        self.items_table = _Table(self.tr("Items behind the chosen count"), self)
        self.items_table.setObjectName("themesItems")
        self.items_table.setModel(self.items_model)
        self.items_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items_table.verticalHeader().hide()
        self.items_table.horizontalHeader().setStretchLastSection(True)
        metrics = self.fontMetrics()
        samples = {
            DATE: shown_date(date(2026, 9, 30)),
            SOURCE: anonymous_text(),
            SENTIMENT: sentiment_text(None),
        }
        for column, sample in samples.items():
            title = str(self.items_model.headerData(column, Qt.Orientation.Horizontal))
            widest = max(metrics.horizontalAdvance(t) for t in (sample, title))
            self.items_table.setColumnWidth(column, widest + CELL_PADDING)
        self.items_table.chosen.connect(self._open_item)
        self._clear_drill()

    def _build_layout(self) -> None:
        tools = QHBoxLayout()
        for text, field in (
            (self.tr("&Period:"), self.period_combo),
            (self.tr("&From:"), self.from_edit),
            (self.tr("&To:"), self.to_edit),
        ):
            tools.addWidget(buddy(text, field, self))
            tools.addWidget(field)
        tools.addSpacing(12)
        tools.addWidget(self.busy_label)
        tools.addStretch(1)
        drill = QWidget(self)
        drill_layout = QVBoxLayout(drill)
        drill_layout.setContentsMargins(0, 6, 0, 0)
        drill_layout.addWidget(self.drill_heading)
        drill_layout.addWidget(self.drill_note)
        drill_layout.addWidget(self.items_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(drill)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(heading_label(self.tr("Themes"), self))
        layout.addLayout(tools)
        layout.addWidget(self.error_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.splitter, 1)
        order = [self.period_combo, self.from_edit, self.to_edit, self.tabs]
        order += [self.counts_table, self.sentiment_table, self.chart, self.items_table]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    # --- attaching and the period ---------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        """Counted now if shown, else when first shown (counting takes a moment)."""
        self.detach()
        self._services, self._writer = services, writer
        writer.written.connect(self._records_changed)
        self._set_dates()
        self._stale = True
        if self.isVisible():
            self.reload()

    def detach(self) -> None:
        if self._writer is not None:
            self._writer.written.disconnect(self._records_changed)
        self._services, self._writer = None, None
        self._epoch += 1
        self._items_epoch += 1
        self._date_timer.stop()
        self._show_counts(None)
        self.error_label.hide()
        self.busy_label.hide()

    def _records_changed(self) -> None:
        if self._services is None:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self._services is not None:
            self.reload()

    def period(self) -> tuple[date, date]:
        return from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())

    def _period_chosen(self) -> None:
        self._set_dates()
        self._date_timer.stop()
        self.reload()

    def _set_dates(self) -> None:
        period = self.period_combo.currentData()
        if period is Period.CUSTOM or self._services is None:
            return
        start, end = period.range(self._services.today())
        for edit, day in ((self.from_edit, start), (self.to_edit, end)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)

    def _date_typed(self) -> None:
        custom = self.period_combo.findData(Period.CUSTOM)
        if self.period_combo.currentIndex() != custom:
            self.period_combo.blockSignals(True)
            self.period_combo.setCurrentIndex(custom)
            self.period_combo.blockSignals(False)
        self._date_timer.start()

    # --- counting -------------------------------------------------------------------------

    def reload(self) -> None:
        """Count again for the period shown, off the GUI thread."""
        services = self._services
        if services is None:
            return
        self._stale = False
        self._epoch += 1
        epoch = self._epoch
        start, end = self.period()
        self.busy_label.show()
        run_in_background(
            lambda: services.themes.counts(start, end),
            lambda counts: self._counted(epoch, counts),
            lambda error: self._refused(epoch, error),
        )

    def _counted(self, epoch: int, counts: ThemeCounts) -> None:
        if epoch != self._epoch:
            return
        self.busy_label.hide()
        self.error_label.hide()
        self._show_counts(counts)
        self.loaded.emit()

    def _refused(self, epoch: int, error: BaseException) -> None:
        if epoch != self._epoch:
            return
        self.busy_label.hide()
        self._show_counts(None)
        if isinstance(error, ValidationFailed) and error.errors:
            self.error_label.setText(error_text(error.errors[0]))
            self.error_label.show()
        else:  # the vault was locked meanwhile, or a bug: nothing about anyone in the log
            log.warning("Themes: counting failed (%s)", type(error).__name__)
        self.loaded.emit()

    def _show_counts(self, counts: ThemeCounts | None) -> None:
        self.counts = counts
        self.counts_model.set_counts(counts)
        self.sentiment_model.set_counts(counts)
        self.chart.set_counts(counts)
        self._fit_header()
        self.summary_label.setText(summary_text(counts) if counts is not None else "")
        self._clear_drill()
        if counts is not None and self.counts_model.rowCount():
            self.counts_table.setCurrentIndex(self.counts_model.index(0, 0))

    def _fit_header(self) -> None:
        """Each stage column as wide as its widest line (names wrap), the header as tall
        as the most lines; counts never narrower than six digits."""
        header = self.counts_table.horizontalHeader()
        bold = QFont(header.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        narrowest = metrics.horizontalAdvance("000000") + CELL_PADDING
        lines = 1
        for column in range(self.counts_model.columnCount()):
            text = str(self.counts_model.headerData(column, Qt.Orientation.Horizontal))
            lines = max(lines, text.count("\n") + 1)
            widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
            header.resizeSection(column, max(narrowest, widest + HEADER_PADDING))
        header.setMinimumHeight(metrics.lineSpacing() * lines + 12)
        names = [
            str(self.counts_model.headerData(r, Qt.Orientation.Vertical))
            for r in range(self.counts_model.rowCount())
        ]
        plain = QFontMetrics(self.counts_table.verticalHeader().font())
        widest = max((plain.horizontalAdvance(n) for n in names), default=0)
        for table in (self.counts_table, self.sentiment_table):
            table.verticalHeader().setFixedWidth(min(THEME_WIDTH, widest + HEADER_PADDING))

    # --- the drill-down -------------------------------------------------------------------

    def _drill(self, index: QModelIndex) -> None:
        model = index.model()
        if not isinstance(model, CountsModel | SentimentModel):
            return
        target = model.target(index)
        if target is not None:
            self._list_items(target, model.describe(target))

    def _bar_chosen(self, theme_id: int, sentiment: object) -> None:
        if sentiment is not None and not isinstance(sentiment, Sentiment):
            return
        target = Target(theme_id, sentiment=sentiment, by_sentiment=True)
        self._list_items(target, self.sentiment_model.describe(target))

    def _list_items(self, target: Target, where: str) -> None:
        """The items behind a count, read off the GUI thread, listed below."""
        services = self._services
        if services is None or self.counts is None:
            return
        self._items_epoch += 1
        epoch = self._items_epoch
        start, end = self.counts.start, self.counts.end
        self.drill_heading.setText(self.tr("Items behind: {where}").format(where=where))
        self.drill_note.setText(self.tr("Reading the items…"))
        self.items_model.set_rows([])
        run_in_background(
            lambda: items_behind(services, start, end, target),
            lambda rows: self._items_read(epoch, rows),
            lambda _error: None,  # locked meanwhile
        )

    def _items_read(self, epoch: int, rows: list[FeedbackRow]) -> None:
        if epoch != self._items_epoch:
            return
        self.items_model.set_rows(rows)
        if len(rows) == 1:
            note = self.tr("1 item. Enter opens it.")
        elif rows:
            note = self.tr("{count} items, newest first. Enter opens the one chosen.").format(
                count=number(len(rows))
            )
        else:
            note = self.tr("No items here.")
        self.drill_note.setText(note)
        if rows:
            self.items_table.setCurrentIndex(self.items_model.index(0, 0))
        self.items_loaded.emit()

    def _clear_drill(self) -> None:
        self._items_epoch += 1
        self.items_model.set_rows([])
        self.drill_heading.setText(self.tr("Items behind a count"))
        self.drill_note.setText(
            self.tr("Choose a count above and press Enter (or double-click) to list its items.")
        )

    def _open_item(self, index: QModelIndex) -> None:
        feedback_id = self.items_model.feedback_id(index.row()) if index.isValid() else None
        if feedback_id is not None:
            self.open_requested.emit("feedback", feedback_id)
