"""The "Wellbeing checks" section of an engagement: its named attendees by code, each with
how they were after the session, or "Not checked yet", and their follow-up (when it is
due, or that it was done). Enter (or "Record wellbeing check…") opens the check of the
chosen attendee; it is saved off the GUI thread and the list follows at once.

Anonymous staff forum sessions have nobody to check on by name: the section is hidden
for them, as for sessions still to come and those with nobody recorded as attending.
The open check survives a lock (`take_draft` / `restore_draft`, through the view).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from sec_desktop.services.engagement_records import EngagementRecord
from sec_desktop.services.errors import RecordError
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.wellbeing_checks import AttendeeCheck
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.participant_view import (
    button,
    choice,
    fill_table,
    heading_row,
    read_only_table,
    selected_id,
    subheading,
    value_label,
)
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.wellbeing_check_dialog import WellbeingCheckDialog

# Rows shown before the table scrolls (a large group).
MAX_ROWS_SHOWN = 12


class WellbeingChecksPanel(QWidget):
    # After a check was saved here (the participant's id).
    saved = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wellbeingChecksPanel")
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._record: EngagementRecord | None = None
        self._attendees: list[AttendeeCheck] = []
        self.dialog: WellbeingCheckDialog | None = None
        self.heading = subheading(self.tr("Wellbeing checks"), self)
        self.record_button = button(
            self.tr("Record &wellbeing check\u2026"), self.tr("Record wellbeing check"), self
        )
        self.record_button.setToolTip(self.tr("For the attendee chosen below (or press Enter)"))
        self.note = value_label(self)
        self.table = read_only_table(
            [self.tr("Code"), self.tr("How they were"), self.tr("Follow-up")],
            self.tr("Wellbeing checks"),
            self,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(heading_row(self.heading, self.record_button))
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        self.record_button.clicked.connect(self._open_chosen)
        self.table.itemSelectionChanged.connect(self._update_button)
        self.table.doubleClicked.connect(self._open_chosen)
        # Enter by a filter, not `activated` (a single click on some desktops).
        self.table.installEventFilter(self)
        # Rows fit their text again once shown (and when resized): the height follows.
        self.table.verticalHeader().sectionResized.connect(lambda *_: self._fit_height())
        self.show_record(None)

    # --- RecordPage, through the view -------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self._services, self._writer = services, writer

    def detach(self) -> None:
        if self.dialog is not None:
            self.dialog.forget()
            self.dialog.close()
            self.dialog = None
        self._services, self._writer = None, None
        self.show_record(None)

    # --- showing ----------------------------------------------------------------------------

    @property
    def attendees(self) -> list[AttendeeCheck]:
        return list(self._attendees)

    def show_record(self, record: EngagementRecord | None) -> None:
        """The record's attendees and their checks; hidden where nobody can be checked."""
        self._record = record
        self._attendees = []
        services = self._services
        named = record is not None and not record.anonymous and bool(record.attendees)
        self.setVisible(named)
        if record is None or services is None or not named:
            fill_table(self.table, [])
            self._update_button()
            return
        planned = record.held_on > services.today()
        if not planned:
            try:
                self._attendees = services.wellbeing.for_engagement(record.id)
            except RecordError:
                self._attendees = []
        self.note.setText(
            self.tr("Checks are recorded after the session.")
            if planned
            else self.tr("How each attendee was after the session, by code.")
        )
        self.table.setVisible(not planned)
        today = services.today()
        fill_table(
            self.table,
            [self._row(a, today) for a in self._attendees],
            [a.participant_id for a in self._attendees],
        )
        self._fit_height()
        self._update_button()

    def _fit_height(self) -> None:
        """As tall as its rows (up to a limit, then it scrolls): a few attendees must not
        leave a tall empty box above the feedback."""
        table = self.table
        rows = table.verticalHeader()
        shown = min(table.rowCount(), MAX_ROWS_SHOWN)
        body = sum(rows.sectionSize(r) for r in range(shown)) or rows.minimumSectionSize()
        height = table.horizontalHeader().sizeHint().height() + body + 2 * table.frameWidth()
        table.setMinimumHeight(height)
        table.setMaximumHeight(height)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The header's height is only known once it is styled, when first shown.
        self._fit_height()

    def reload(self, keep: int | None = None) -> None:
        self.show_record(self._record)
        if keep is not None:
            self.select(keep)

    def _row(self, attendee: AttendeeCheck, today: date) -> list[str]:
        details = attendee.details
        if details is None:
            return [attendee.participant_code, self.tr("Not checked yet"), ""]
        how = self.tr("{how} (checked {date})").format(
            how=choice(details.how_they_are), date=shown_date(details.checked_on)
        )
        return [attendee.participant_code, how, self._follow_up(attendee, today)]

    def _follow_up(self, attendee: AttendeeCheck, today: date) -> str:
        details = attendee.details
        if details is None or not details.follow_up_needed:
            return self.tr("None needed")
        if attendee.follow_up_done_on is not None:
            return self.tr("Done {date}").format(date=shown_date(attendee.follow_up_done_on))
        by = details.follow_up_by
        if by is None:
            return self.tr("Needed")
        if by < today:
            return self.tr("Overdue: due {date}").format(date=shown_date(by))
        return self.tr("Due {date}").format(date=shown_date(by))

    def select(self, participant_id: int) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == participant_id:
                self.table.selectRow(row)
                self.table.setCurrentCell(row, 0)
                return

    def _update_button(self) -> None:
        self.record_button.setEnabled(bool(self._attendees) and self.dialog is None)

    # --- the check ---------------------------------------------------------------------------

    def open_check(self, participant_id: int | None = None) -> WellbeingCheckDialog | None:
        """Open the check of `participant_id` (the chosen attendee if None)."""
        record, services, writer = self._record, self._services, self._writer
        if record is None or services is None or writer is None or self.dialog is not None:
            return None
        if participant_id is None:
            chosen = selected_id(self.table)
            participant_id = chosen if isinstance(chosen, int) else None
        if participant_id is None and self._attendees:
            participant_id = self._attendees[0].participant_id
        attendee = next((a for a in self._attendees if a.participant_id == participant_id), None)
        if attendee is None:
            return None
        dialog = WellbeingCheckDialog(
            services, writer, record.id, attendee, held_on=record.held_on, parent=self
        )
        self.dialog = dialog
        dialog.saved.connect(lambda _result: self._after_save(attendee.participant_id))
        dialog.finished.connect(lambda _code: self._closed(dialog))
        self._update_button()
        dialog.open()
        return dialog

    def _open_chosen(self, *_args: object) -> None:
        self.open_check()

    def _after_save(self, participant_id: int) -> None:
        self.reload(keep=participant_id)
        self.saved.emit(participant_id)

    def _closed(self, dialog: WellbeingCheckDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
            self._update_button()
            self.table.setFocus()
        dialog.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._open_chosen()
            return True
        return super().eventFilter(watched, event)

    # --- drafts: an open check survives a lock ------------------------------------------------

    def take_draft(self) -> dict[str, Any] | None:
        dialog = self.dialog
        if dialog is None or not dialog.isVisible() or dialog.busy:
            return None
        return {"participant_id": dialog.participant_id, "input": dialog.input_state()}

    def restore_draft(self, state: object) -> WellbeingCheckDialog | None:
        if not isinstance(state, dict) or not isinstance(state.get("participant_id"), int):
            return None
        dialog = self.open_check(state["participant_id"])
        if dialog is not None:
            dialog.restore_input(dict(state.get("input") or {}))
        return dialog
