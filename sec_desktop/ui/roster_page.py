"""The roster: every participant in one table, found by typing and narrowed by filters.

This is the one screen (with the participant's own page) that shows names. Keyboard
first: type to search (from the table too), Down to reach the table, arrows to move,
Enter to open a participant, Escape to clear the search. Filters apply as they change:
at 15,000 participants a filter and model reset takes milliseconds, so there is no delay.
"""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.enums import Group, Language, ParticipantStatus
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.roster_filter_bar import RosterFilterBar
from sec_desktop.ui.roster_model import (
    CODE,
    COLUMNS,
    GROUPS,
    LANGUAGE,
    NAME,
    NEEDS,
    NEXT_REVIEW,
    PRONOUNS,
    REFERRED,
    STATUS,
    RosterTableModel,
    choice_text,
    short_needs,
    shown_date,
)
from sec_desktop.ui.widgets import heading_label

CELL_PADDING = 24
NAME_MIN_WIDTH = 180


class RosterPage(QWidget):
    participant_opened = Signal(int)
    add_requested = Signal()
    # The ids of the participants shown, in the order shown.
    print_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_roster")
        self.setAccessibleName(self.tr("Roster"))
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._stale = False

        self._build_fields()
        self._build_table()
        self._build_empty_state()
        self._build_layout()
        self._build_actions()
        self._connect()
        self.detach()

    # --- building -------------------------------------------------------------------------

    def _build_fields(self) -> None:
        self.filters = RosterFilterBar(self)
        # The bar's fields, by name, for the keyboard handling and for tests.
        self.search_edit = self.filters.search_edit
        self.review_check = self.filters.review_check
        self.group_combo = self.filters.group_combo
        self.status_combo = self.filters.status_combo
        self.need_combo = self.filters.need_combo
        self.language_combo = self.filters.language_combo

        self.add_button = QPushButton(self.tr("&Add participant\u2026"), self)
        self.add_button.setAccessibleName(self.tr("Add participant"))
        self.add_button.setToolTip(self.tr("Add a participant (Ctrl+N)"))
        self.print_button = QPushButton(self.tr("&Print roster\u2026"), self)
        self.print_button.setAccessibleName(self.tr("Print roster"))
        self.print_button.setToolTip(self.tr("Print the participants shown (Ctrl+P)"))

        self.count_label = QLabel(self)
        self.count_label.setObjectName("rosterCount")

    def _build_table(self) -> None:
        self.model = RosterTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("rosterTable")
        self.table.setAccessibleName(self.tr("Participants"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CODE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # One line per row, the same height for all: no measuring of 15,000 rows.
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        metrics = self.fontMetrics()
        samples = self._column_samples()
        for column, texts in samples.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(t) for t in [title, *texts])
            self.table.setColumnWidth(column, width + CELL_PADDING)
        self.table.setMinimumWidth(NAME_MIN_WIDTH)

    def _column_samples(self) -> dict[int, list[str]]:
        """The longest usual text of each column but the name (which takes what is left):
        measuring every row instead would take a second at 15,000 people."""
        some_day = date(2026, 9, 30)
        return {
            CODE: ["S-00000"],
            PRONOUNS: ["they/them"],
            STATUS: [choice_text(m) for m in ParticipantStatus],
            LANGUAGE: [choice_text(m) for m in Language],
            GROUPS: [choice_text(m) for m in Group],
            NEEDS: [", ".join(list(short_needs().values())[:2])],
            NEXT_REVIEW: [self.model.overdue_text(some_day)],
            REFERRED: [shown_date(some_day)],
        }

    def _build_empty_state(self) -> None:
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("rosterEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clear_filters_button = QPushButton(self.tr("&Clear filters"), self)
        self.clear_filters_button.setAccessibleName(self.tr("Clear filters"))
        panel = QWidget(self)
        panel.setObjectName("rosterEmptyPanel")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(24, 32, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(self.empty_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.clear_filters_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(panel)
        self.empty_panel = panel

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.print_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(heading_label(self.tr("Roster"), self))
        layout.addWidget(self.filters)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)

        chain: list[QWidget] = [
            *self.filters.fields(),
            self.add_button,
            self.print_button,
            self.table,
            self.clear_filters_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _build_actions(self) -> None:
        # Window shortcuts on this page's actions work only while the page is shown.
        self.add_action = QAction(self.tr("Add participant"), self)
        self.add_action.setShortcut(QKeySequence("Ctrl+N"))
        self.add_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.add_action.triggered.connect(self.add_requested)
        self.addAction(self.add_action)
        self.print_action = QAction(self.tr("Print roster"), self)
        self.print_action.setShortcut(QKeySequence("Ctrl+P"))
        self.print_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.print_action.triggered.connect(self.request_print)
        self.addAction(self.print_action)
        self.find_action = QAction(self.tr("Search the roster"), self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)

    def _connect(self) -> None:
        self.filters.changed.connect(self._apply_filter)
        self.search_edit.returnPressed.connect(self._focus_table)
        self.search_edit.installEventFilter(self)
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.clear_filters_button.clicked.connect(self.clear_filters)
        self.add_button.clicked.connect(self.add_requested)
        self.print_button.clicked.connect(self.request_print)

    # --- RecordPage -----------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        if self._writer is not None:
            self._writer.written.disconnect(self._on_written)
        self._services, self._writer = services, writer
        writer.written.connect(self._on_written)
        self.add_button.setEnabled(True)
        self.add_action.setEnabled(True)
        # Loaded when first shown (or first asked for a row): unlocking does not wait for
        # every participant to be read, which takes a while at scale.
        self._stale = True
        if self.isVisible():
            self.reload()

    def detach(self) -> None:
        """Drop the services and clear every view: no name stays on screen or in the model."""
        if self._writer is not None:
            self._writer.written.disconnect(self._on_written)
        self._services, self._writer = None, None
        self._stale = False
        self.filters.reset()
        self.model.clear()
        self.add_button.setEnabled(False)
        self.add_action.setEnabled(False)
        self._after_refill()

    # --- loading and choosing -------------------------------------------------------------

    def reload(self) -> None:
        """Fetch the rows again (after a write), keeping the filter, sort and selection."""
        if self._services is None:
            return
        self._stale = False
        keep = self.selected_id()
        self.model.set_rows(self._services.roster.rows(), self._services.today())
        self._after_refill(keep)

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.participant_id(index.row()) if index.isValid() else None

    def select_participant(self, participant_id: int) -> bool:
        """Select (and scroll to) a participant; filters that hide them are cleared."""
        self._load_if_stale()
        if self.model.row_of(participant_id) is None and self.model.holds(participant_id):
            self.clear_filters()
        return self._select(participant_id)

    def _select(self, participant_id: int | None) -> bool:
        row = None if participant_id is None else self.model.row_of(participant_id)
        if row is None:
            return False
        index = self.model.index(row, CODE)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index)
        return True

    def clear_filters(self) -> None:
        self.filters.reset()
        self._apply_filter()

    def request_print(self) -> None:
        if self._services is not None and self.model.rowCount():
            self.print_requested.emit(self.model.shown_ids())

    def filter_description(self) -> str:
        """Who is shown, in words, for the printed roster."""
        return self.filters.description()

    def first_participant_id(self) -> int | None:
        self._load_if_stale()
        return self.model.participant_id(0)

    def _load_if_stale(self) -> None:
        if self._stale:
            self.reload()

    def _apply_filter(self) -> None:
        keep = self.selected_id()
        self.model.set_filter(self.filters.current_filter())
        self._after_refill(keep)

    def _after_refill(self, keep: int | None = None) -> None:
        shown, total = self.model.rowCount(), self.model.total
        if total == 1:
            counted = self.tr("Showing {shown} of 1 participant")
        else:
            counted = self.tr("Showing {shown} of {total} participants")
        self.count_label.setText(counted.format(shown=shown, total=total))
        self.count_label.setVisible(total > 0)
        self.print_button.setEnabled(shown > 0)
        self.print_action.setEnabled(shown > 0)
        if shown:
            self.stack.setCurrentWidget(self.table)
            self._select(keep)
            return
        if total == 0 and self._services is not None:
            self.empty_label.setText(
                self.tr(
                    "No participants yet. Add the first with \u201cAdd participant\u2026\u201d "
                    "({shortcut})."
                ).format(shortcut=self.add_action.shortcut().toString(_NATIVE))
            )
        elif total == 0:
            self.empty_label.clear()
        else:
            self.empty_label.setText(
                self.tr("No participants match. Try a shorter search or fewer filters.")
            )
        self.clear_filters_button.setVisible(total > 0)
        self.stack.setCurrentWidget(self.empty_panel)

    def _open_row(self, row: int) -> None:
        participant_id = self.model.participant_id(row)
        if participant_id is not None:
            self.participant_opened.emit(participant_id)

    def _on_written(self) -> None:
        # A write anywhere may change a row: refresh now if shown, else when next shown.
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._load_if_stale()

    # --- keyboard ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._fit_name_column()
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search_edit:
                return self._search_key(event)
            if watched is self.table:
                return self._table_key(event)
        return super().eventFilter(watched, event)

    def _fit_name_column(self) -> None:
        """Names take the room the other columns leave, but never less than enough to
        read: in a narrow window the table scrolls sideways instead."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(COLUMNS) if c != NAME)
        roomy = self.table.viewport().width() - others >= NAME_MIN_WIDTH
        wanted = QHeaderView.ResizeMode.Stretch if roomy else QHeaderView.ResizeMode.Interactive
        if header.sectionResizeMode(NAME) != wanted:
            header.setSectionResizeMode(NAME, wanted)
            if not roomy:
                header.resizeSection(NAME, NAME_MIN_WIDTH)

    def _search_key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Down:
            self._focus_table()
            return True
        if event.key() == Qt.Key.Key_Escape and self.search_edit.text():
            self.search_edit.clear()
            return True
        return False

    def _table_key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Handled here, not by `activated`: that follows the platform (a single click
            # on some desktops, editing on macOS); Enter should always open.
            current = self.table.currentIndex()
            if current.isValid():
                self._open_row(current.row())
            return True
        blocked = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        if event.modifiers() & blocked:
            return False
        # Typing in the table searches (rather than jumping to a code starting with it).
        if event.key() == Qt.Key.Key_Backspace:
            self.search_edit.setFocus()
            self.search_edit.end(False)
            self.search_edit.backspace()
            return True
        text = event.text()
        if not text or not text.isprintable() or text.isspace():
            return False
        self.search_edit.setFocus()
        self.search_edit.end(False)
        self.search_edit.insert(text)
        return True

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _focus_table(self) -> None:
        if self.model.rowCount() == 0:
            return
        if not self.table.currentIndex().isValid():
            self._select(self.model.participant_id(0))
        self.table.setFocus()


_NATIVE = QKeySequence.SequenceFormat.NativeText
