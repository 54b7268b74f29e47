"""The disclosures still waiting for their recording steps: which item (by pseudonym
code), when it was received and flagged, the clock to the recording deadline, and the
next step. Overdue first, then by deadline (the service's order).

No disclosure text is here, nor any minimum fact: the rows the service gives carry none.
The clock column ticks each minute. Enter or a double click opens the item's own record
(`open_requested` with ("feedback", its id)).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sec_desktop.services.disclosures import DisclosureRow
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.search import OPENS_FEEDBACK
from sec_desktop.ui.background import run_in_background
from sec_desktop.ui.deadline_clock import TICK_MS, Urgency, clock_text, shown_time, urgency_colour
from sec_desktop.ui.participant_fields import note_label, shown_date
from sec_desktop.ui.participant_view import (
    fill_table,
    read_only_table,
    select_first,
    selected_id,
)
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.widgets import heading_label

(ITEM, RECEIVED, FLAGGED, CLOCK, NEXT) = range(5)


class DisclosuresPanel(QWidget):
    open_requested = Signal(str, int)
    # The rows have been (re)read.
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disclosuresPanel")
        self._services: RecordServices | None = None
        self._now: Callable[[], datetime] | None = None
        self._rows: list[DisclosureRow] = []
        self._epoch = 0
        self._stale = False
        self.heading = heading_label(self.tr("Open disclosures"), self)
        self.note = note_label(
            self.tr(
                "Feedback flagged as a disclosure, until the crime recording team and the "
                "survivor have both been told. Open one to read it and record the next step."
            ),
            self,
        )
        self.count_label = QLabel(self)
        self.count_label.setObjectName("disclosureCount")
        self.table = read_only_table(
            [
                self.tr("Item"),
                self.tr("Received"),
                self.tr("Flagged"),
                self.tr("Recording deadline"),
                self.tr("Next step"),
            ],
            self.tr("Open disclosures, overdue first"),
            self,
        )
        self.table.setObjectName("disclosuresTable")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.refresh_clocks)
        self.table.doubleClicked.connect(lambda _index: self._open_selected())
        self.table.installEventFilter(self)

    # --- RecordPage -----------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self._services, self._now = services, services.disclosures.now
        # Read when first shown: unlocking should not wait for it.
        self._stale = True
        if self.isVisible():
            self.reload()

    def detach(self) -> None:
        self._services, self._now = None, None
        self._epoch += 1  # rows still being read are dropped when they arrive
        self._stale = False
        self.timer.stop()
        self._show_rows([])
        self.count_label.clear()

    def reload(self) -> None:
        """Read the open disclosures again, off the GUI thread."""
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
            services.disclosures.open_disclosures,
            lambda rows: self._loaded(epoch, rows),
            lambda _error: None,  # locked meanwhile: nothing to show
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _loaded(self, epoch: int, rows: list[DisclosureRow]) -> None:
        if epoch != self._epoch:
            return
        keep = selected_id(self.table)
        self._show_rows(rows)
        self.count_label.setText(
            self.tr("{count} waiting for a step; {overdue} overdue.").format(
                count=len(rows), overdue=sum(1 for r in rows if r.overdue)
            )
            if rows
            else self.tr("No disclosure is waiting for a step.")
        )
        if rows:
            self.timer.start()
        else:
            self.timer.stop()
        self._select(keep)
        self.loaded.emit()

    # --- rows -----------------------------------------------------------------------------

    def _show_rows(self, rows: list[DisclosureRow]) -> None:
        self._rows = rows
        fill_table(self.table, [self._texts(r) for r in rows], [r.feedback_id for r in rows])
        self._colour_clocks()

    def _texts(self, row: DisclosureRow) -> tuple[str, ...]:
        label = (
            self.tr("{code}, item {id}").format(code=row.participant_code, id=row.feedback_id)
            if row.participant_code
            else self.tr("Item {id}").format(id=row.feedback_id)
        )
        return (
            label,
            shown_date(row.received_on),
            shown_time(row.flagged_at),
            self.clock_of(row)[0],
            self.next_step(row),
        )

    def clock_of(self, row: DisclosureRow) -> tuple[str, Urgency]:
        if row.notified:
            return self.tr("Crime recording team told"), Urgency.MET
        now = self._now() if self._now is not None else row.flagged_at
        return clock_text(row.deadline_at, now)

    def next_step(self, row: DisclosureRow) -> str:
        if not row.notified and not row.survivor_told:
            return self.tr("Tell the crime recording team; tell the survivor")
        if not row.notified:
            return self.tr("Tell the crime recording team")
        return self.tr("Tell the survivor")

    def refresh_clocks(self) -> None:
        """The clock column again, at the current time (each minute)."""
        for index, row in enumerate(self._rows):
            item = self.table.item(index, CLOCK)
            if item is not None:
                item.setText(self.clock_of(row)[0])
        self._colour_clocks()

    def _colour_clocks(self) -> None:
        dark = self.palette().color(self.backgroundRole()).lightness() < 128
        for index, row in enumerate(self._rows):
            item = self.table.item(index, CLOCK)
            colour = urgency_colour(self.clock_of(row)[1], dark)
            if item is not None and colour is not None:
                item.setForeground(colour)

    def texts(self) -> list[str]:
        """Every cell, row by row (for checks: no disclosure text may be here)."""
        return [
            " | ".join(
                item.text()
                for column in range(self.table.columnCount())
                if (item := self.table.item(row, column)) is not None
            )
            for row in range(self.table.rowCount())
        ]

    # --- opening --------------------------------------------------------------------------

    def _select(self, feedback_id: object) -> None:
        for index in range(self.table.rowCount()):
            item = self.table.item(index, ITEM)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == feedback_id:
                self.table.selectRow(index)
                self.table.setCurrentCell(index, ITEM)
                return
        select_first(self.table)

    def _open_selected(self) -> None:
        chosen = selected_id(self.table)
        if isinstance(chosen, int):
            self.open_requested.emit(OPENS_FEEDBACK, chosen)

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
