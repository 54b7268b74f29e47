"""The list of engagements: every kind, newest first, narrowed by kind, period and a quick
filter over the words of the title, topic, project or code, with the "New" menu above it.

The service finds them (`EngagementService.page`, in SQL, off the GUI thread, after a
short pause in typing) and reads only the newest `PAGE_LIMIT`: there are 22,000
engagements at scale 100, more than anyone can scroll. The count line says when the list
is capped, and how to find the others. Enter or a double click opens the one chosen
(`open_requested`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import shiboken6
from PySide6.QtCore import QEvent, QLocale, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.services.engagement_records import EngagementPage
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.background import run_in_background
from sec_desktop.ui.engagements_model import (
    COLUMNS,
    DATE,
    KIND,
    PEOPLE,
    TITLE,
    TOPIC,
    EngagementsModel,
    Period,
)
from sec_desktop.ui.roster_model import choice_text

# The most engagements shown at once: the newest of those that match.
PAGE_LIMIT = 2000
FILTER_PAUSE_MS = 200
CELL_PADDING = 28


class EngagementsList(QWidget):
    open_requested = Signal(int)
    # The rows have been (re)read.
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services: RecordServices | None = None
        self._epoch = 0
        self._everything = 0  # how many engagements are recorded, matching or not
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName(self.tr("Kind of engagement"))
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for kind in EngagementKind:
            self.kind_combo.addItem(choice_text(kind), kind)
        self.period_combo = QComboBox(self)
        self.period_combo.setAccessibleName(self.tr("Period"))
        for period in Period:
            self.period_combo.addItem(period.text(), period)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setAccessibleName(self.tr("Filter by words"))
        self.filter_edit.setPlaceholderText(self.tr("Words in the title, topic, project or code"))
        self.filter_edit.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("&New"), self)
        self.new_button.setAccessibleName(self.tr("New engagement or project"))
        self.new_button.setToolTip(self.tr("Record something new (Ctrl+N)"))
        self.new_menu = QMenu(self)
        self.new_button.setMenu(self.new_menu)
        self.new_actions: list[QAction] = []
        self.count_label = QLabel(self)
        self.count_label.setObjectName("engagementCount")
        self.model = EngagementsModel(self)
        self.table = QTableView(self)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_PAUSE_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self._build_table()
        self._build_layout()
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.period_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))

    def _build_table(self) -> None:
        table = self.table
        table.setObjectName("engagementsTable")
        table.setAccessibleName(self.tr("Engagements, newest first"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        rows = table.verticalHeader()
        rows.hide()
        # One line per row, all the same height: nothing measured per row.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TOPIC, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        # The longest usual text of a column: measuring every row would take too long.
        samples = {
            DATE: self.tr("{date} (planned)").format(date="30 Sept 2026, 18:30"),
            KIND: self.model.text_of_kind(EngagementKind.REFERENCE_GROUP),
            PEOPLE: self.tr("{count} (anonymous)").format(count=99),
        }
        for column in range(COLUMNS):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widest = max(metrics.horizontalAdvance(t) for t in (title, samples.get(column, "")))
            table.setColumnWidth(column, widest + CELL_PADDING)

    def _build_layout(self) -> None:
        kind_label = QLabel(self.tr("&Kind:"), self)
        kind_label.setBuddy(self.kind_combo)
        period_label = QLabel(self.tr("&Period:"), self)
        period_label.setBuddy(self.period_combo)
        filter_label = QLabel(self.tr("F&ilter:"), self)
        filter_label.setBuddy(self.filter_edit)
        tools = QHBoxLayout()
        tools.addWidget(kind_label)
        tools.addWidget(self.kind_combo)
        tools.addSpacing(12)
        tools.addWidget(period_label)
        tools.addWidget(self.period_combo)
        tools.addSpacing(12)
        tools.addWidget(filter_label)
        tools.addWidget(self.filter_edit, 1)
        tools.addSpacing(12)
        tools.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        QWidget.setTabOrder(self.kind_combo, self.period_combo)
        QWidget.setTabOrder(self.period_combo, self.filter_edit)
        QWidget.setTabOrder(self.filter_edit, self.new_button)
        QWidget.setTabOrder(self.new_button, self.table)
        self.setFocusProxy(self.table)

    def add_new_action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = self.new_menu.addAction(text)
        action.triggered.connect(slot)
        self.new_actions.append(action)
        return action

    def show_new_menu(self) -> None:
        # Not exec(): the menu must not block (Ctrl+N then a letter, or arrows and Enter).
        self.new_menu.popup(self.new_button.mapToGlobal(QPoint(0, self.new_button.height())))
        if self.new_actions:
            self.new_menu.setActiveAction(self.new_actions[0])

    # --- loading --------------------------------------------------------------------------

    def load(self, services: RecordServices, keep: int | None = None) -> None:
        """Read the newest matching rows again, off the GUI thread; the selection (or
        `keep`) is kept if still shown."""
        self._services = services
        self._query(services, keep)

    def apply_filter(self) -> None:
        """Ask the service for the kind, period and words chosen (off the GUI thread)."""
        self._filter_timer.stop()
        if self._services is not None:
            self.count_label.setText(self.tr("Filtering\u2026"))
            self._query(self._services, None)

    def clear(self) -> None:
        self._services = None
        self._epoch += 1  # a list still being read is dropped when it arrives
        self.filter_edit.clear()
        self._filter_timer.stop()  # after clearing: clearing starts it
        self.model.clear()
        self._everything = 0
        self.count_label.clear()

    def _query(self, services: RecordServices, keep: int | None) -> None:
        self._epoch += 1
        epoch, today = self._epoch, services.today()
        chosen = self.kind_combo.currentData()  # Qt hands a str back for a StrEnum
        kind = EngagementKind(chosen) if chosen is not None else None
        start, end = Period(self.period_combo.currentData()).range(today)
        words = self.filter_edit.text().split()
        narrowed = kind is not None or start is not None or end is not None or bool(words)
        engagements = services.engagements

        def read() -> tuple[EngagementPage, int]:
            page = engagements.page(kind=kind, start=start, end=end, words=words, limit=PAGE_LIMIT)
            if not narrowed:
                return page, page.total
            return page, engagements.page(kind=None, words=(), limit=0).total

        run_in_background(
            read,
            lambda result: self._loaded(epoch, result, today, keep, narrowed),
            lambda _error: None,  # locked meanwhile: nothing to show
        )

    def _loaded(
        self,
        epoch: int,
        result: tuple[EngagementPage, int],
        today: date,
        keep: int | None,
        narrowed: bool,
    ) -> None:
        if epoch != self._epoch or not shiboken6.isValid(self.table):
            return  # chosen or typed meanwhile (a newer query is on its way), or closed
        page, self._everything = result
        keep = keep if keep is not None else self.selected_id()  # chosen meanwhile, maybe
        self.model.set_rows(page.rows, today)
        self.count_label.setText(self.count_text(page, narrowed=narrowed))
        if not self.select(keep) and page.rows:
            self.select(page.rows[0].id)
        self.loaded.emit()

    def count_text(self, page: EngagementPage, *, narrowed: bool) -> str:
        """The count line: how many are shown of how many (of those that match, when the
        list is capped)."""
        if page.capped:
            shown = QLocale().toString(len(page.rows))
            if narrowed:
                text = self.tr(
                    "Showing the newest {shown} of %Ln matching engagements. Choose a kind "
                    "or period, or add words to the filter, to find others.",
                    "",
                    page.total,
                )
            else:
                text = self.tr(
                    "Showing the newest {shown} of %Ln engagements. Choose a kind or type in "
                    "the filter to find others.",
                    "",
                    page.total,
                )
            return text.format(shown=shown)
        if not self._everything:
            return self.tr("Nothing recorded yet: Ctrl+N records the first.")
        return self.tr("Showing {shown} of {total}").format(
            shown=len(page.rows), total=self._everything
        )

    # --- choosing -------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.engagement_id(index.row()) if index.isValid() else None

    def select(self, engagement_id: int | None) -> bool:
        row = self.model.row_of(engagement_id) if engagement_id is not None else None
        if row is None:
            return False
        index = self.model.index(row, DATE)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index)
        return True

    def _open_row(self, row: int) -> None:
        engagement_id = self.model.engagement_id(row)
        if engagement_id is not None:
            self.open_requested.emit(engagement_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            # Enter always opens (`activated` follows the platform: a click on some).
            self._open_row(self.table.currentIndex().row())
            return True
        return super().eventFilter(watched, event)
