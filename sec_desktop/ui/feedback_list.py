"""The newest feedback items of a period, with a quick filter over the words of their
summary, quote, source's code or partner, and themes.

The service finds them (`FeedbackService.page`, in SQL, off the GUI thread, after a
short pause in typing) and reads only the newest `PAGE_LIMIT`: a period can hold 150,000
items at scale 100, more than anyone can scroll and, held as rows, a quarter of the
memory the app is allowed. The count line says when the list is capped, and how to find
the others. The table (ui/feedback_model.py) shows one line per item; a disclosure's row
carries no text. Enter or a double click opens the item's own record (`open_requested`
with ("feedback", its id)).
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services.feedback_records import FeedbackPage
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.search import OPENS_FEEDBACK
from sec_desktop.ui.background import run_in_background
from sec_desktop.ui.feedback_model import DATE, SENTIMENT, SOURCE, STAGES, THEMES, FeedbackModel
from sec_desktop.ui.participant_view import button
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.widgets import heading_label

# The most items shown at once: the newest of those that match.
PAGE_LIMIT = 2000
FILTER_PAUSE_MS = 200
CELL_PADDING = 28


class FeedbackPeriod(Enum):
    MONTHS_12 = QT_TRANSLATE_NOOP("FeedbackList", "Past 12 months")
    MONTHS_3 = QT_TRANSLATE_NOOP("FeedbackList", "Past 3 months")
    DAYS_30 = QT_TRANSLATE_NOOP("FeedbackList", "Past 30 days")
    THIS_YEAR = QT_TRANSLATE_NOOP("FeedbackList", "This year")
    ANY = QT_TRANSLATE_NOOP("FeedbackList", "Any date")

    def text(self) -> str:
        return QCoreApplication.translate("FeedbackList", self.value)

    def range(self, today: date) -> tuple[date | None, date | None]:
        """The first and last day included (None: open)."""
        back = {FeedbackPeriod.MONTHS_12: 365, FeedbackPeriod.MONTHS_3: 91}
        if self in back:
            return today - timedelta(days=back[self]), today
        if self is FeedbackPeriod.DAYS_30:
            return today - timedelta(days=30), today
        if self is FeedbackPeriod.THIS_YEAR:
            return date(today.year, 1, 1), today
        return None, None


class FeedbackList(QWidget):
    add_requested = Signal()
    open_requested = Signal(str, int)
    # The ids of the items chosen (Shift or Ctrl chooses several): raise an action
    # answering them.
    raise_action_requested = Signal(list)
    # The rows have been (re)read.
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackList")
        self._services: RecordServices | None = None
        self._epoch = 0
        self._stale = False
        self.period_combo = QComboBox(self)
        self.period_combo.setAccessibleName(self.tr("Period"))
        for period in FeedbackPeriod:
            self.period_combo.addItem(period.text(), period)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setAccessibleName(self.tr("Filter by words"))
        self.filter_edit.setPlaceholderText(self.tr("Words in the summary, a code or a theme"))
        self.filter_edit.setClearButtonEnabled(True)
        self.add_button = button(self.tr("&Add feedback\u2026"), self.tr("Add feedback"), self)
        self.raise_button = button(
            self.tr("&Raise an action from the chosen items\u2026"),
            self.tr("Raise an action from the chosen items"),
            self,
        )
        self.raise_button.setToolTip(
            self.tr("Choose several items with Shift or Ctrl and the arrows, then raise an action")
        )
        self.count_label = QLabel(self)
        self.count_label.setObjectName("feedbackCount")
        self.model = FeedbackModel(self)
        self.table = QTableView(self)
        self._period_total = 0  # the items of the period, matching or not
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_PAUSE_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self._build_table()
        self._build_layout()
        self.period_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.add_button.clicked.connect(self.add_requested)
        self.raise_button.clicked.connect(self._raise_action)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable_raise())
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.installEventFilter(self)

    def _build_table(self) -> None:
        table = self.table
        table.setObjectName("feedbackTable")
        table.setAccessibleName(self.tr("Feedback, newest first"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        metrics = self.fontMetrics()
        # Sample texts, not every row: measuring 150,000 rows would take too long.
        samples = {
            DATE: "30 Sept 2026",
            SOURCE: self.tr("Anonymous survivor"),
            SENTIMENT: self.tr("Negative"),
            STAGES: "Investigation and updates",
            THEMES: "Communication and updates",
        }
        for column, sample in samples.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widest = max(metrics.horizontalAdvance(t) for t in (title, sample))
            table.setColumnWidth(column, widest + CELL_PADDING)

    def _build_layout(self) -> None:
        period_label = QLabel(self.tr("&Period:"), self)
        period_label.setBuddy(self.period_combo)
        filter_label = QLabel(self.tr("F&ilter:"), self)
        filter_label.setBuddy(self.filter_edit)
        tools = QHBoxLayout()
        tools.addWidget(period_label)
        tools.addWidget(self.period_combo)
        tools.addSpacing(12)
        tools.addWidget(filter_label)
        tools.addWidget(self.filter_edit, 1)
        tools.addSpacing(12)
        tools.addWidget(self.raise_button)
        tools.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(heading_label(self.tr("Feedback"), self))
        layout.addLayout(tools)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        QWidget.setTabOrder(self.period_combo, self.filter_edit)
        QWidget.setTabOrder(self.filter_edit, self.raise_button)
        QWidget.setTabOrder(self.raise_button, self.add_button)
        QWidget.setTabOrder(self.add_button, self.table)
        self.setFocusProxy(self.table)

    # --- RecordPage -----------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self._services = services
        # Read when first shown: unlocking should not wait for a long list.
        self._stale = True
        if self.isVisible():
            self.reload()

    def detach(self) -> None:
        self._services = None
        self._epoch += 1  # a list still being read is dropped when it arrives
        self._stale = False
        self.filter_edit.clear()
        self._filter_timer.stop()  # after clearing: clearing starts it
        self.model.clear()
        self._period_total = 0
        self.count_label.clear()
        self._enable_raise()

    def reload(self) -> None:
        """Read the period's newest matching items again (off the GUI thread); the
        selection is kept if still shown."""
        if self._services is None:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._query(self._services, self.tr("Reading the feedback\u2026"))

    def apply_filter(self) -> None:
        """Find the items with the words typed (off the GUI thread)."""
        self._filter_timer.stop()
        if self._services is not None and self.isVisible():
            self._query(self._services, self.tr("Filtering\u2026"))
        else:
            self._stale = self._services is not None

    def _query(self, services: RecordServices, busy: str) -> None:
        self._epoch += 1
        epoch, keep = self._epoch, self.selected_id()
        start, end = FeedbackPeriod(self.period_combo.currentData()).range(services.today())
        words = self.filter_edit.text().split()
        self.count_label.setText(busy)
        feedback = services.feedback

        def read() -> tuple[FeedbackPage, int]:
            page = feedback.page(start=start, end=end, words=words, limit=PAGE_LIMIT)
            if not words:
                return page, page.total
            return page, feedback.page(start=start, end=end, words=(), limit=0).total

        run_in_background(
            read,
            lambda result: self._loaded(epoch, result[0], result[1], keep),
            lambda _error: None,  # locked meanwhile: nothing to show
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _loaded(self, epoch: int, page: FeedbackPage, period_total: int, keep: int | None) -> None:
        if epoch != self._epoch or not shiboken6.isValid(self.table):
            return  # typed or changed meanwhile (a newer query is on its way), or closed
        self._period_total = period_total
        self.model.set_rows(page.rows)
        self.count_label.setText(self.count_text(page))
        if not self.select(keep) and page.rows:
            self.select(page.rows[0].id)
        self._enable_raise()
        self.loaded.emit()

    def count_text(self, page: FeedbackPage) -> str:
        if page.capped:
            shown = QLocale().toString(len(page.rows))
            if self.filter_edit.text().strip():
                text = self.tr(
                    "Showing the newest {shown} of %Ln matching items. Narrow the period or "
                    "add words to the filter to find others.",
                    "",
                    page.total,
                )
            else:
                text = self.tr(
                    "Showing the newest {shown} of %Ln items. Narrow the period or type in "
                    "the filter to find others.",
                    "",
                    page.total,
                )
            return text.format(shown=shown)
        if not self._period_total:
            return self.tr("No feedback in this period: choose a longer one, or add feedback.")
        return self.tr("Showing {shown} of {total} in the period").format(
            shown=len(page.rows), total=self._period_total
        )

    # --- choosing -------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        found = self.model.row_at(index.row()) if index.isValid() else None
        return found.id if found is not None else None

    def select(self, feedback_id: int | None) -> bool:
        row = self.model.row_of(feedback_id) if feedback_id is not None else None
        if row is None:
            return False
        index = self.model.index(row, DATE)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index)
        return True

    def chosen_ids(self) -> list[int]:
        """The ids of every item chosen, in the order of the list."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [found.id for row in rows if (found := self.model.row_at(row)) is not None]

    def _enable_raise(self) -> None:
        self.raise_button.setEnabled(bool(self.table.selectionModel().hasSelection()))

    def _raise_action(self) -> None:
        chosen = self.chosen_ids()
        if chosen:
            self.raise_action_requested.emit(chosen)

    def _open_row(self, row: int) -> None:
        found = self.model.row_at(row)
        if found is not None:
            self.open_requested.emit(OPENS_FEEDBACK, found.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._open_row(self.table.currentIndex().row())
            return True
        return super().eventFilter(watched, event)
