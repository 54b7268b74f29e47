"""The feedback given at one engagement, as a short list: when, from whom (a code, an
anonymous survivor or a partner), sentiment, themes and what was said.

A disclosure's row carries no text (the service leaves it out): the list says to open
the item, whose own record is the only place its text is shown. Enter or "Open" asks
for the item chosen (`open_requested`); "Add feedback" asks for the capture form.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from sec_desktop.domain.engagement_enums import FeedbackSource
from sec_desktop.services.feedback_records import FeedbackRow
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.participant_view import (
    button,
    choice,
    fill_table,
    heading_row,
    read_only_table,
    select_first,
    selected_id,
    subheading,
    value_label,
)


class EngagementFeedback(QWidget):
    add_requested = Signal()
    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("engagementFeedback")
        self.add_button = button(self.tr("Add &feedback\u2026"), self.tr("Add feedback"), self)
        self.open_button = button(self.tr("&Open"), self.tr("Open the feedback item"), self)
        self.note = value_label(self)
        self.table = read_only_table(
            [
                self.tr("Received"),
                self.tr("From"),
                self.tr("Sentiment"),
                self.tr("Themes"),
                self.tr("What was said"),
            ],
            self.tr("Feedback given here"),
            self,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        heading = subheading(self.tr("Feedback given here"), self)
        layout.addLayout(heading_row(heading, self.add_button, self.open_button))
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.add_requested)
        self.open_button.clicked.connect(self._open_selected)
        self.table.doubleClicked.connect(lambda _index: self._open_selected())
        self.table.installEventFilter(self)

    def show_rows(self, rows: Sequence[FeedbackRow] | None) -> None:
        """The items (None: they could not be read, which is said instead)."""
        disclosure = self.tr("A disclosure: open the item to read it.")
        fill_table(
            self.table,
            [
                (
                    shown_date(r.received_on),
                    self._source(r),
                    choice(r.sentiment) if r.sentiment else "",
                    ", ".join(r.themes),
                    disclosure if r.disclosure else (r.summary or r.quote),
                )
                for r in rows or ()
            ],
            [r.id for r in rows or ()],
        )
        select_first(self.table)
        self.open_button.setEnabled(bool(rows))
        if rows is None:
            self.note.setText(self.tr("The feedback here cannot be listed just now."))
        else:
            self.note.setText("" if rows else self.tr("No feedback recorded here yet."))
        self.note.setVisible(bool(self.note.text()))

    def clear(self) -> None:
        fill_table(self.table, [])
        self.note.clear()
        self.note.hide()

    def ids(self) -> list[int]:
        items = [self.table.item(row, 0) for row in range(self.table.rowCount())]
        return [int(item.data(Qt.ItemDataRole.UserRole)) for item in items if item is not None]

    def texts(self) -> list[str]:
        """What each row says (for reading back in tests and checks)."""
        return [
            " | ".join(
                item.text()
                for column in range(self.table.columnCount())
                if (item := self.table.item(row, column)) is not None
            )
            for row in range(self.table.rowCount())
        ]

    def _source(self, row: FeedbackRow) -> str:
        if row.source is FeedbackSource.PARTICIPANT:
            return row.participant_code or self.tr("A participant (record erased)")
        if row.source is FeedbackSource.PARTNER:
            return row.partner_name or choice(row.source)
        return self.tr("Anonymous survivor")

    def _open_selected(self) -> None:
        chosen = selected_id(self.table)
        if isinstance(chosen, int):
            self.open_requested.emit(chosen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._open_selected()
            return True
        return super().eventFilter(watched, event)
