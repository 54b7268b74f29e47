"""The consent tab of the participant page: each consent, current ones first, with its
review date; recording, reviewing and withdrawing one (through the page's dialogs).
Enter or a double click on a current consent reviews it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QWidget

from sec_desktop.services.participant_records import ConsentRecord, ParticipantRecord
from sec_desktop.ui.consent_dialog import purpose_text
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.participant_tabs import page_layout
from sec_desktop.ui.participant_view import (
    button,
    choice,
    fill_table,
    heading_row,
    read_only_table,
    selected_id,
    subheading,
)


class ConsentTab(QWidget):
    # The id of a current consent to review (Enter or a double click on its row).
    review_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentTab")
        self.give_button = button(self.tr("&Record consent\u2026"), self.tr("Record consent"), self)
        self.review_button = button(
            self.tr("Re&view consent\u2026"), self.tr("Review consent"), self
        )
        self.withdraw_button = button(
            self.tr("&Withdraw consent\u2026"), self.tr("Withdraw consent"), self
        )
        self.table = read_only_table(
            [
                self.tr("Purpose"),
                self.tr("Given on"),
                self.tr("How"),
                self.tr("Review on"),
                self.tr("Now"),
                self.tr("Note"),
            ],
            self.tr("Consents"),
            self,
        )
        intro = QLabel(
            self.tr(
                "Consent is given for one purpose at a time and can be withdrawn at any time: "
                "withdrawal takes effect everywhere at once."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout = page_layout(self)
        layout.addLayout(
            heading_row(
                subheading(self.tr("Consents"), self),
                self.give_button,
                self.review_button,
                self.withdraw_button,
            )
        )
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        # Enter handled by a filter, not `activated`: that follows the platform (a single
        # click on some desktops), and a click should only choose the row.
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(self._row_opened)
        self._record: ParticipantRecord | None = None
        self._today = date.min
        self.show_record(None, date.min)

    def show_record(self, record: ParticipantRecord | None, today: date) -> None:
        self._record, self._today = record, today
        consents = sorted(
            record.consents if record else (),
            key=lambda c: (c.is_current(today), c.given_on, c.id),
            reverse=True,
        )
        fill_table(self.table, [self._row(c) for c in consents], [c.id for c in consents])
        self._update_buttons()

    def _row(self, c: ConsentRecord) -> list[str]:
        review = shown_date(c.review_on) if c.review_on else self.tr("No review date")
        if c.withdrawn_on is not None:
            now = self.tr("Withdrawn {date}").format(date=shown_date(c.withdrawn_on))
        elif c.review_on is not None and c.review_on < self._today:
            now = self.tr("Current: review overdue")
        else:
            now = self.tr("Current")
        return [
            purpose_text(c),
            shown_date(c.given_on),
            choice(c.method),
            review if c.withdrawn_on is None else "",
            now,
            c.note,
        ]

    def selected_consent(self) -> ConsentRecord | None:
        wanted = selected_id(self.table)
        consents = self._record.consents if self._record else ()
        return next((c for c in consents if c.id == wanted), None)

    def _update_buttons(self) -> None:
        self.give_button.setEnabled(self._record is not None)
        chosen = self.selected_consent()
        current = chosen is not None and chosen.withdrawn_on is None
        self.review_button.setEnabled(current)
        self.withdraw_button.setEnabled(current)

    def _row_opened(self, index: QModelIndex) -> None:
        item = self.table.item(index.row(), 0)
        wanted = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        consents = self._record.consents if self._record else ()
        chosen = next((c for c in consents if c.id == wanted), None)
        if chosen is not None and chosen.withdrawn_on is None:
            self.review_requested.emit(chosen.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            current = self.table.currentIndex()
            if current.isValid():
                self._row_opened(current)
            return True
        return super().eventFilter(watched, event)
