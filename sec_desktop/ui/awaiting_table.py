"""The invitations waiting for a reply, by pseudonym code, follow-ups due soonest first.

A follow-up due today or overdue is said in words in its column (heard by a screen
reader), and its code and date are bold, the date in the error colour, to be seen at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from sec_desktop.services.participant_records import InvitationRecord
from sec_desktop.ui.roster_model import ParticipantIdRole, choice_text, shown_date
from sec_desktop.ui.widgets import ERROR_ON_DARK, ERROR_ON_LIGHT

InvitationIdRole = ParticipantIdRole + 1
CODE, GROUP, INVITED_ON, CHANNEL, FOLLOW_UP = range(5)


class AwaitingTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setObjectName("awaiting")
        self.setAccessibleName(self.tr("Waiting for a reply"))
        self.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Group"),
                self.tr("Invited on"),
                self.tr("Channel"),
                self.tr("Follow up by"),
            ]
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self._records: list[InvitationRecord] = []

    def set_records(self, records: Sequence[InvitationRecord], today: date) -> None:
        """Show `records` (in their order), keeping the selected invitation if still there."""
        kept = self.selected()
        self._records = list(records)
        self.clearContents()
        self.setRowCount(len(self._records))
        for row, record in enumerate(self._records):
            self._fill(row, record, today)
        ids = [record.id for record in self._records]
        if kept is not None and kept.id in ids:
            self.selectRow(ids.index(kept.id))

    def clear_records(self) -> None:
        self._records = []
        self.clearContents()
        self.setRowCount(0)

    @property
    def records(self) -> list[InvitationRecord]:
        return list(self._records)

    def selected(self) -> InvitationRecord | None:
        """The invitation of the current row (where the keyboard is)."""
        row = self.currentRow()
        return self._records[row] if 0 <= row < len(self._records) else None

    def select_invitation(self, invitation_id: int) -> bool:
        ids = [record.id for record in self._records]
        if invitation_id not in ids:
            return False
        self.selectRow(ids.index(invitation_id))
        return True

    def follow_up_text(self, row: int) -> str:
        item = self.item(row, FOLLOW_UP)
        return item.text() if item is not None else ""

    def is_highlighted(self, row: int) -> bool:
        item = self.item(row, FOLLOW_UP)
        return item is not None and item.font().bold()

    def _fill(self, row: int, record: InvitationRecord, today: date) -> None:
        follow_up = record.follow_up_on
        due = follow_up is not None and follow_up <= today
        if follow_up is None:
            follow_text = self.tr("No date set")
        elif follow_up == today:
            follow_text = self.tr("Due today")
        elif follow_up < today:
            follow_text = self.tr("Overdue: {date}").format(date=shown_date(follow_up))
        else:
            follow_text = shown_date(follow_up)
        texts = {
            CODE: record.participant.code,
            GROUP: choice_text(record.group),
            INVITED_ON: shown_date(record.invited_on),
            CHANNEL: choice_text(record.channel),
            FOLLOW_UP: follow_text,
        }
        for column, text in texts.items():
            item = QTableWidgetItem(text)
            item.setData(InvitationIdRole, record.id)
            if due and column in (CODE, FOLLOW_UP):
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            if due and column == FOLLOW_UP:
                item.setForeground(self._due_colour())
            self.setItem(row, column, item)

    def _due_colour(self) -> QColor:
        base = self.palette().color(QPalette.ColorRole.Base)
        return ERROR_ON_DARK if base.lightness() < 128 else ERROR_ON_LIGHT
