"""Every feedback item of a period, newest first, with a quick filter over the words of
its summary, its source's code and its themes.

The period decides what is read (one query, off the GUI thread: 150,000 items at scale
100); the quick filter is a Python substring scan over the rows read, done after a short
pause in typing. The table is a QAbstractTableModel over the rows, one line each, all
the same height: nothing is measured per row. A disclosure's row carries no text (the
service leaves it out): it says to open the item. Enter or a double click opens the
item's own record (`open_requested` with ("feedback", its id)).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from enum import Enum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QShowEvent
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

from sec_desktop.domain.engagement_enums import FeedbackSource
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services.feedback_records import FeedbackRow
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.search import OPENS_FEEDBACK
from sec_desktop.ui.background import run_in_background
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.participant_view import button, choice
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.widgets import heading_label

(DATE, SOURCE, SENTIMENT, STAGES, THEMES, SUMMARY) = range(6)
COLUMNS = 6
FILTER_PAUSE_MS = 200
CELL_PADDING = 28
FeedbackIdRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_TEXT_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
)


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


def haystacks_of(rows: Sequence[FeedbackRow]) -> list[str]:
    """What the quick filter looks in, one text per row: summary, quote, code, partner and
    themes, case-folded. (A disclosure's row has no summary or quote to look in.)"""
    return [
        "\n".join((r.summary, r.quote, r.participant_code, r.partner_name, *r.themes)).casefold()
        for r in rows
    ]


def matching(rows: list[FeedbackRow], haystacks: list[str], words: list[str]) -> list[FeedbackRow]:
    """The rows in which every word is found (one word, the common case, scanned plainly)."""
    pairs = zip(rows, haystacks, strict=True)
    if len(words) == 1:
        word = words[0]
        return [row for row, hay in pairs if word in hay]
    return [row for row, hay in pairs if all(word in hay for word in words)]


class FeedbackModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[FeedbackRow] = []
        self._shown: list[FeedbackRow] = []
        self._haystacks: list[str] | None = None
        self._words = ""
        self._anonymous = self.tr("Anonymous survivor")
        self._erased = self.tr("A participant (record erased)")
        self._disclosure = self.tr("Disclosure \u2014 open the item")
        self._sentiments: dict[object, str] = {}
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_rows(self, rows: Sequence[FeedbackRow], haystacks: list[str] | None = None) -> None:
        """`haystacks` (from `haystacks_of`, worked out off the GUI thread) or None: built
        when first filtered."""
        self._all = list(rows)
        self._haystacks = (
            haystacks if haystacks is not None and len(haystacks) == len(rows) else None
        )
        self._refill()

    def clear(self) -> None:
        """Forget every row (on lock)."""
        self.set_rows([])

    def set_words(self, words: str) -> None:
        words = words.strip().casefold()
        if words != self._words:
            self._words = words
            self._refill()

    @property
    def total(self) -> int:
        return len(self._all)

    def row_at(self, row: int) -> FeedbackRow | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def row_of(self, feedback_id: int) -> int | None:
        return next((i for i, r in enumerate(self._shown) if r.id == feedback_id), None)

    def _refill(self) -> None:
        self.beginResetModel()
        if not self._words:
            self._shown = self._all
        else:
            if self._haystacks is None:
                self._haystacks = haystacks_of(self._all)
            self._shown = matching(self._all, self._haystacks, self._words.split())
        self.endResetModel()

    # --- the model ------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Received"),
            self.tr("From"),
            self.tr("Sentiment"),
            self.tr("Journey stages"),
            self.tr("Themes"),
            self.tr("What was said"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == FeedbackIdRole:
            return row.id
        if role == Qt.ItemDataRole.FontRole and row.disclosure and index.column() == SUMMARY:
            return self._italic
        if role not in _TEXT_ROLES:
            return None
        return self.text(row, index.column())

    def text(self, row: FeedbackRow, column: int) -> str:
        if column == SUMMARY:
            if row.disclosure:
                return self._disclosure
            return (row.summary or row.quote).replace("\n", " ")
        if column == DATE:
            return shown_date(row.received_on)
        if column == SOURCE:
            return self.source(row)
        if column == SENTIMENT:
            return self._sentiment(row)
        return ", ".join(row.stages if column == STAGES else row.themes)

    def source(self, row: FeedbackRow) -> str:
        if row.source is FeedbackSource.PARTICIPANT:
            return row.participant_code or self._erased
        if row.source is FeedbackSource.PARTNER:
            return row.partner_name or choice(row.source)
        return self._anonymous

    def _sentiment(self, row: FeedbackRow) -> str:
        if row.sentiment is None:
            return ""
        if row.sentiment not in self._sentiments:
            self._sentiments[row.sentiment] = choice(row.sentiment)
        return self._sentiments[row.sentiment]


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
        self.count_label.clear()
        self._enable_raise()

    def reload(self) -> None:
        """Read the period's items again (off the GUI thread); the selection is kept."""
        services = self._services
        if services is None:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._epoch += 1
        epoch, keep = self._epoch, self.selected_id()
        period = self.period_combo.currentData()
        start, end = FeedbackPeriod(period).range(services.today())
        self.count_label.setText(self.tr("Reading the feedback\u2026"))
        feedback = services.feedback

        def read() -> tuple[list[FeedbackRow], list[str]]:
            rows = feedback.rows(start=start, end=end)
            return rows, haystacks_of(rows)

        run_in_background(
            read,
            lambda result: self._loaded(epoch, result[0], result[1], keep),
            lambda _error: None,  # locked meanwhile: nothing to show
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _loaded(
        self, epoch: int, rows: list[FeedbackRow], haystacks: list[str], keep: int | None
    ) -> None:
        if epoch != self._epoch:
            return
        self.model.set_words(self.filter_edit.text())
        self.model.set_rows(rows, haystacks)
        self._after_refill(keep)
        self.loaded.emit()

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        keep = self.selected_id()
        self.model.set_words(self.filter_edit.text())
        self._after_refill(keep)

    def _after_refill(self, keep: int | None) -> None:
        shown, total = self.model.rowCount(), self.model.total
        self.count_label.setText(
            self.tr("Showing {shown} of {total} in the period").format(shown=shown, total=total)
            if total
            else self.tr("No feedback in this period: choose a longer one, or add feedback.")
        )
        if not self.select(keep) and shown:
            self.select(self.model.row_at(0).id)  # type: ignore[union-attr]
        self._enable_raise()

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
