"""The risk reviews due: each active participant (by pseudonym code) whose risk assessment
is due for review soon or is past its review date, or who has none yet. Soonest first, as
the service gives them; overdue ones say so in words and are bold, in the error colour.

Enter or a double click opens the participant (`open_requested` with ("participant",
id)), where the risk assessment is recorded. `DueListPanel` is the shared shape of this
panel and of the follow-ups panel: read off the GUI thread, kept when hidden until shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.risk import ReviewDue
from sec_desktop.ui.background import run_in_background
from sec_desktop.ui.participant_fields import note_label
from sec_desktop.ui.participant_view import (
    COLUMN_PADDING,
    button,
    fill_table,
    read_only_table,
    select_first,
    selected_id,
)
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.today_page import due_words, emphasise, overdue_colour
from sec_desktop.ui.widgets import READABLE_WIDTH, heading_label

OPENS_PARTICIPANT = "participant"


class DueListPanel(QWidget):
    """A heading, a note, a count line and a table of rows read from the services."""

    open_requested = Signal(str, int)
    # The rows have been (re)read and are on screen.
    loaded = Signal()

    def __init__(
        self, heading: str, note: str, columns: list[str], name: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._rows: list[Any] = []
        self._epoch = 0
        self._stale = False
        self.heading = heading_label(heading, self)
        self.note = note_label(note, self)
        self.note.setMaximumWidth(READABLE_WIDTH)
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.table = read_only_table(columns, name, self)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self.setFocusProxy(self.table)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.installEventFilter(self)

    def add_button(self, text: str, name: str) -> QPushButton:
        push = button(text, name, self)
        self.buttons.addWidget(push)
        return push

    # --- what a panel says about its rows (overridden) ------------------------------------

    def read(self, services: RecordServices) -> list[Any]:
        raise NotImplementedError

    def row_texts(self, row: Any, today: date) -> Sequence[str]:
        raise NotImplementedError

    def row_id(self, row: Any) -> int:
        raise NotImplementedError

    def opens(self, row: Any) -> tuple[str, int]:
        raise NotImplementedError

    def count_text(self, rows: list[Any]) -> str:
        raise NotImplementedError

    # --- RecordPage -------------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self._services, self._writer = services, writer
        self._stale = True
        if self.isVisible():
            self.reload()

    def detach(self) -> None:
        self._services, self._writer = None, None
        self._epoch += 1  # rows still being read are dropped when they arrive
        self._stale = False
        self._show_rows([])
        self.count_label.clear()

    def reload(self) -> None:
        """Read the rows again, off the GUI thread (when shown; else when next shown)."""
        services = self._services
        if services is None:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._epoch += 1
        epoch = self._epoch
        run_in_background(
            lambda: self.read(services),
            lambda rows: self._loaded(epoch, rows),
            lambda _error: None,  # locked meanwhile: nothing to show
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _loaded(self, epoch: int, rows: list[Any]) -> None:
        if epoch != self._epoch or self._services is None:
            return
        keep = selected_id(self.table)
        self._show_rows(rows)
        self.count_label.setText(self.count_text(rows))
        self._select(keep)
        self.loaded.emit()

    def _show_rows(self, rows: list[Any]) -> None:
        self._rows = rows
        today = self._services.today() if self._services is not None else date.today()
        fill_table(
            self.table,
            [self.row_texts(row, today) for row in rows],
            [self.row_id(row) for row in rows],
        )
        colour = overdue_colour(self.table)
        for index, row in enumerate(rows):
            if getattr(row, "overdue", False):
                for column in range(self.table.columnCount()):
                    item = self.table.item(index, column)
                    if item is not None:
                        emphasise(item, colour)
        # Bold text is wider: the columns are fitted again, so that nothing is cut off.
        for column in range(self.table.columnCount() - 1):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, self.table.columnWidth(column) + COLUMN_PADDING)

    # --- rows -------------------------------------------------------------------------------

    def texts(self) -> list[str]:
        """Every cell, row by row (for checks)."""
        return [
            " | ".join(
                item.text()
                for column in range(self.table.columnCount())
                if (item := self.table.item(row, column)) is not None
            )
            for row in range(self.table.rowCount())
        ]

    def selected_row(self) -> Any:
        chosen = selected_id(self.table)
        return next((row for row in self._rows if self.row_id(row) == chosen), None)

    def _select(self, row_id: object) -> None:
        for index in range(self.table.rowCount()):
            item = self.table.item(index, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == row_id:
                self.table.selectRow(index)
                self.table.setCurrentCell(index, 0)
                return
        select_first(self.table)

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_requested.emit(*self.opens(row))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.open_selected()
            return True
        return super().eventFilter(watched, event)


class RiskReviewsPanel(DueListPanel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Risk reviews due"),
            self.tr(
                "People on the roster whose risk assessment is due for review in the next "
                "two weeks, is past its review date, or has not been recorded yet. Once the "
                "review date has passed, or with no assessment, they cannot be invited to "
                "anything. Open one to record or review their assessment."
            ),
            [self.tr("Participant"), self.tr("Review"), self.tr("What is needed")],
            self.tr("Risk reviews due, soonest first"),
            parent,
        )
        self.setObjectName("riskReviewsPanel")
        self.table.setObjectName("riskReviewsTable")
        self.open_button = self.add_button(
            self.tr("&Open participant"), self.tr("Open the chosen participant")
        )
        self.buttons.addStretch(1)
        self.open_button.clicked.connect(self.open_selected)

    def read(self, services: RecordServices) -> list[ReviewDue]:
        return services.risk.reviews_due()

    def row_texts(self, row: ReviewDue, today: date) -> Sequence[str]:
        if row.assessment_id is None:
            return (
                row.participant_code,
                self.tr("No assessment yet"),
                self.tr("Record a first risk assessment"),
            )
        return (
            row.participant_code,
            due_words(row.review_on, row.overdue, today),
            self.tr("Review the risk assessment"),
        )

    def row_id(self, row: ReviewDue) -> int:
        return row.participant_id

    def opens(self, row: ReviewDue) -> tuple[str, int]:
        return (OPENS_PARTICIPANT, row.participant_id)

    def count_text(self, rows: list[ReviewDue]) -> str:
        if not rows:
            return self.tr("No risk review is due in the next two weeks.")
        return self.tr("{count} due; {overdue} overdue.").format(
            count=len(rows), overdue=sum(1 for row in rows if row.overdue)
        )
