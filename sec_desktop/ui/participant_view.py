"""Read-only pieces of the participant page: values, subheadings and short tables.

Everything typed about a person is shown as plain text (never markup) and can be
selected with the mouse; tables are keyboard first (arrows inside, Tab leaves).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from sec_desktop.ui.participant_fields import grow_across
from sec_desktop.ui.row_fitting import VisibleRowFitter
from sec_desktop.ui.widgets import READABLE_WIDTH

SUBHEADING_SCALE = 1.15
TABLE_MIN_ROWS = 4
MIN_COLUMN_CAP = 240
COLUMN_PADDING = 20


def choice(member: Any) -> str:
    return QCoreApplication.translate("Choices", member.label)


def value_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setMaximumWidth(READABLE_WIDTH)
    grow_across(label)
    return label


def subheading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # may hold a record's words
    font = QFont(label.font())
    font.setBold(True)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * SUBHEADING_SCALE)
    label.setFont(font)
    return label


def heading_row(title: QLabel, *buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(title, 1)
    for button in buttons:
        row.addWidget(button)
    return row


def button(text: str, accessible_name: str, parent: QWidget) -> QPushButton:
    push = QPushButton(text, parent)
    push.setAccessibleName(accessible_name)
    push.setAutoDefault(False)
    return push


def facts_form(parent: QWidget, rows: Sequence[tuple[str, QLabel]]) -> QFormLayout:
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setVerticalSpacing(6)
    for text, value in rows:
        label = QLabel(text, parent)
        label.setBuddy(value)
        form.addRow(label, value)
    return form


class RecordTable(QTableWidget):
    """Rows fit their (wrapped) text again whenever the table is shown or resized: it may
    be filled while on a hidden tab, at a width it does not have yet."""

    def __init__(self, rows: int, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(rows, columns, parent)
        # Every row of a short table; the rows on screen of a long one (see row_fitting).
        self.fitter = VisibleRowFitter(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fitter.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fitter.fit()


def read_only_table(columns: list[str], name: str, parent: QWidget) -> RecordTable:
    table = RecordTable(0, len(columns), parent)
    table.setHorizontalHeaderLabels(columns)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    table.verticalHeader().hide()
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    row_height = table.fontMetrics().lineSpacing() + 10
    table.verticalHeader().setMinimumSectionSize(row_height)
    table.setMinimumHeight(header.sizeHint().height() + row_height * TABLE_MIN_ROWS)
    # Text wraps in the last column: rows grow again when it is resized (the fitter).
    return table


def fill_table(
    table: QTableWidget, rows: Sequence[Sequence[str]], ids: Sequence[object] = ()
) -> None:
    """Replace the table's rows; `ids` (one per row) are kept on the first cell."""
    if isinstance(table, RecordTable):
        with table.fitter.held():
            _fill(table, rows, ids)
    else:
        _fill(table, rows, ids)
        table.resizeRowsToContents()


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]], ids: Sequence[object]) -> None:
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for row, texts in enumerate(rows):
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column == 0 and row < len(ids):
                item.setData(Qt.ItemDataRole.UserRole, ids[row])
            table.setItem(row, column, item)
    # Room around each column's widest text, but never more than a third of the table
    # (long texts wrap): the last column, often what was said, takes what is left.
    cap = max(MIN_COLUMN_CAP, table.viewport().width() // 3)
    for column in range(table.columnCount() - 1):
        table.resizeColumnToContents(column)
        table.setColumnWidth(column, min(cap, table.columnWidth(column) + COLUMN_PADDING))


def selected_id(table: QTableWidget) -> object:
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


def select_first(table: QTableWidget) -> None:
    if table.rowCount():
        table.selectRow(0)
        table.setCurrentCell(0, 0)
