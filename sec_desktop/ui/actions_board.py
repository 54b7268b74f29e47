"""The actions board: every action, grouped by status (proposed, agreed, in progress,
done, declined), narrowed by status and owner, with the "loop closed" rate of the current
quarter above it.

An overdue action says so in words ("Overdue: was due 3 Nov 2026") and is bold, in the
error colour: never colour alone. Enter (or a double click) opens the action chosen;
"Raise action…" asks for a new one (`raise_requested`). The actions and the rate are
read off the GUI thread (2,500 actions at scale 100 take a third of a second).
"""

from __future__ import annotations

from datetime import date, timedelta

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.action_enums import ActionStatus
from sec_desktop.services.action_records import TELL_WITHIN_DAYS, ActionRow
from sec_desktop.services.loop_closing import QuarterRate
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.background import run_in_background
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.participant_view import button, choice, value_label
from sec_desktop.ui.today_page import overdue_colour
from sec_desktop.ui.widgets import heading_label

(TITLE, OWNER, DUE, FEEDBACK, TOLD) = range(5)
ActionIdRole = Qt.ItemDataRole.UserRole + 1
QUARTER_MONTHS = 3


def quarter_of(today: date) -> tuple[date, date]:
    """The first and last day of the calendar quarter holding `today`."""
    first_month = (today.month - 1) // QUARTER_MONTHS * QUARTER_MONTHS + 1
    start = date(today.year, first_month, 1)
    if first_month + QUARTER_MONTHS > 12:
        return start, date(today.year, 12, 31)
    end = date(today.year, first_month + QUARTER_MONTHS, 1) - timedelta(days=1)
    return start, end


class ActionsBoard(QWidget):
    open_requested = Signal(int)
    raise_requested = Signal()
    # The actions have been (re)read and are on screen.
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionsBoard")
        self.setAccessibleName(self.tr("Actions board"))
        self._services: RecordServices | None = None
        self._rows: list[ActionRow] = []
        self._epoch = 0
        self.loop_label = value_label(self)
        self.loop_label.setObjectName("loopClosed")
        self.loop_label.setMaximumWidth(16777215)
        self.loop_label.setAccessibleName(self.tr("Loop closed this quarter"))
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName(self.tr("Show actions of status"))
        self.status_combo.addItem(self.tr("All statuses"), None)
        for status in ActionStatus:
            self.status_combo.addItem(choice(status), status)
        self.owner_combo = QComboBox(self)
        self.owner_combo.setAccessibleName(self.tr("Show actions of owner"))
        self.owner_combo.setMinimumContentsLength(18)
        self.owner_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.raise_button = button(self.tr("&Raise action\u2026"), self.tr("Raise action"), self)
        self.raise_button.setToolTip(self.tr("Raise a new action (Ctrl+N)"))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("actionsCount")
        self.tree = QTreeWidget(self)
        self._build_tree()
        self._build_layout()
        self.status_combo.currentIndexChanged.connect(lambda _i: self._refill())
        self.owner_combo.currentIndexChanged.connect(lambda _i: self._refill())
        self.raise_button.clicked.connect(self.raise_requested)
        self.tree.itemDoubleClicked.connect(lambda item, _col: self._open_item(item))
        self.tree.installEventFilter(self)
        self.clear()

    def _build_tree(self) -> None:
        tree = self.tree
        tree.setObjectName("actionsTree")
        tree.setAccessibleName(self.tr("Actions by status"))
        tree.setColumnCount(5)
        tree.setHeaderLabels(
            [
                self.tr("Action"),
                self.tr("Owner"),
                self.tr("Due"),
                self.tr("Feedback items"),
                self.tr("People told"),
            ]
        )
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setAlternatingRowColors(True)
        tree.setUniformRowHeights(True)
        tree.setExpandsOnDoubleClick(False)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (OWNER, DUE, FEEDBACK, TOLD):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def _build_layout(self) -> None:
        status_label = QLabel(self.tr("S&tatus:"), self)
        status_label.setBuddy(self.status_combo)
        owner_label = QLabel(self.tr("O&wner:"), self)
        owner_label.setBuddy(self.owner_combo)
        tools = QHBoxLayout()
        tools.addWidget(status_label)
        tools.addWidget(self.status_combo)
        tools.addSpacing(12)
        tools.addWidget(owner_label)
        tools.addWidget(self.owner_combo)
        tools.addStretch(1)
        tools.addWidget(self.raise_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(heading_label(self.tr("Actions: you said, we did"), self))
        layout.addWidget(self.loop_label)
        layout.addLayout(tools)
        layout.addWidget(self.count_label)
        layout.addWidget(self.tree, 1)
        QWidget.setTabOrder(self.status_combo, self.owner_combo)
        QWidget.setTabOrder(self.owner_combo, self.raise_button)
        QWidget.setTabOrder(self.raise_button, self.tree)
        self.setFocusProxy(self.tree)

    # --- loading --------------------------------------------------------------------------

    def attach(self, services: RecordServices) -> None:
        self._services = services
        self.raise_button.setEnabled(True)

    def clear(self) -> None:
        """Forget every row (on lock)."""
        self._services = None
        self._epoch += 1  # actions still being read are dropped when they arrive
        self._rows = []
        self.tree.clear()
        self.loop_label.clear()
        self.count_label.clear()
        self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        self.owner_combo.addItem(self.tr("Any owner"), None)
        self.owner_combo.blockSignals(False)
        self.raise_button.setEnabled(False)

    def reload(self, keep: int | None = None) -> None:
        """Read the actions again, off the GUI thread; `keep` (or the one chosen now) stays
        chosen if still shown."""
        services = self._services
        if services is None:
            return
        keep = keep if keep is not None else self.selected_id()
        self._epoch += 1
        epoch = self._epoch
        start, end = quarter_of(services.today())
        actions, loop_closing = services.actions, services.loop_closing

        def read() -> tuple[list[ActionRow], list[QuarterRate]]:
            return actions.rows(), loop_closing.by_quarter(start, end)

        run_in_background(
            read,
            lambda result: self._loaded(epoch, result[0], result[1], keep),
            lambda _error: None,  # locked meanwhile: nothing to show
        )

    def _loaded(
        self, epoch: int, rows: list[ActionRow], rates: list[QuarterRate], keep: int | None
    ) -> None:
        if epoch != self._epoch or self._services is None or not shiboken6.isValid(self.tree):
            return  # read again, locked or closed meanwhile
        keep = keep if keep is not None else self.selected_id()
        self._rows = rows
        self._fill_owners()
        self._show_loop(self._services.today(), rates[-1] if rates else None)
        self._refill()
        self.select(keep)
        self.loaded.emit()

    def _fill_owners(self) -> None:
        chosen = self.owner_combo.currentData()
        owners = sorted({row.owner for row in self._rows if row.owner}, key=str.casefold)
        self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        self.owner_combo.addItem(self.tr("Any owner"), None)
        for owner in owners:
            self.owner_combo.addItem(owner, owner)
        index = self.owner_combo.findData(chosen) if chosen is not None else 0
        self.owner_combo.setCurrentIndex(max(index, 0))
        self.owner_combo.blockSignals(False)

    def _show_loop(self, today: date, rate: QuarterRate | None) -> None:
        start, end = quarter_of(today)
        period = self.tr("{start} to {end}").format(start=shown_date(start), end=shown_date(end))
        if rate is None or not rate.people_to_tell:
            text = self.tr("Loop closed this quarter ({period}): nobody to tell yet.")
        else:
            text = self.tr(
                "Loop closed this quarter ({period}): {told} of {people} people told "
                "({rate}%). Actions closed: {closed}."
            )
        if rate is None:
            self.loop_label.setText(text.format(period=period))
            return
        self.loop_label.setText(
            text.format(
                period=period,
                told=rate.told,
                people=rate.people_to_tell,
                closed=rate.actions_closed,
                rate=round((rate.rate or 0) * 100),
            )
        )

    # --- showing --------------------------------------------------------------------------

    def chosen_status(self) -> ActionStatus | None:
        value = self.status_combo.currentData()
        return ActionStatus(value) if value is not None else None

    def shown_rows(self) -> list[ActionRow]:
        status = self.chosen_status()
        owner = self.owner_combo.currentData()
        return [
            row
            for row in self._rows
            if (status is None or row.status is status) and (owner is None or row.owner == owner)
        ]

    def _refill(self) -> None:
        keep = self.selected_id()
        self.tree.clear()
        rows = self.shown_rows()
        status = self.chosen_status()
        today = self._services.today() if self._services is not None else date.today()
        colour = overdue_colour(self.tree)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for group in ActionStatus:
            if status is not None and group is not status:
                continue
            members = [row for row in rows if row.status is group]
            header = QTreeWidgetItem(
                self.tree,
                [self.tr("{status} ({count})").format(status=choice(group), count=len(members))],
            )
            header.setFont(TITLE, bold)
            header.setFirstColumnSpanned(True)
            for row in members:
                item = QTreeWidgetItem(header, self._texts(row, today))
                item.setData(TITLE, ActionIdRole, row.id)
                if row.overdue:
                    for column in range(self.tree.columnCount()):
                        item.setForeground(column, colour)
                        item.setFont(column, bold)
            header.setExpanded(True)
        overdue = sum(1 for row in rows if row.overdue)
        self.count_label.setText(
            self.tr("Actions shown: {count}. Overdue: {overdue}.").format(
                count=len(rows), overdue=overdue
            )
            if self._rows
            else self.tr("No actions yet: raise one from feedback, or with Raise action.")
        )
        if not self.select(keep):
            first = self.tree.topLevelItem(0)
            if first is not None:
                self.tree.setCurrentItem(first.child(0) or first)

    def _texts(self, row: ActionRow, today: date) -> list[str]:
        if row.due_overdue and row.due_on is not None:
            due = self.tr("Overdue: was due {date}").format(date=shown_date(row.due_on))
        elif row.overdue:
            due = self.tr("Overdue: people not told within {days} days").format(
                days=TELL_WITHIN_DAYS
            )
        elif row.due_on is None:
            due = self.tr("No date set")
        elif row.due_on == today:
            due = self.tr("Due today")
        else:
            due = self.tr("Due {date}").format(date=shown_date(row.due_on))
        if not row.people_to_tell:
            told = self.tr("Nobody to tell")
        elif row.status.closed:
            told = self.tr("{told} of {people} told").format(
                told=row.people_told, people=row.people_to_tell
            )
        else:
            told = self.tr("{people} to tell when closed").format(people=row.people_to_tell)
        return [row.title, row.owner or self.tr("No owner yet"), due, str(row.feedback_count), told]

    # --- choosing -------------------------------------------------------------------------

    def items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        for group in range(self.tree.topLevelItemCount()):
            header = self.tree.topLevelItem(group)
            if header is not None:
                children = (header.child(i) for i in range(header.childCount()))
                found += [child for child in children if child is not None]
        return found

    def texts(self) -> list[str]:
        """Every action row's cells (for checks)."""
        return [
            " | ".join(item.text(c) for c in range(self.tree.columnCount()))
            for item in self.items()
        ]

    def selected_id(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(TITLE, ActionIdRole) if item is not None else None
        return int(value) if value is not None else None

    def select(self, action_id: int | None) -> bool:
        if action_id is None:
            return False
        for item in self.items():
            if item.data(TITLE, ActionIdRole) == action_id:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return True
        return False

    def _open_item(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        value = item.data(TITLE, ActionIdRole)
        if value is not None:
            self.open_requested.emit(int(value))
        else:
            item.setExpanded(not item.isExpanded())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.tree
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._open_item(self.tree.currentItem())
            return True
        return super().eventFilter(watched, event)
