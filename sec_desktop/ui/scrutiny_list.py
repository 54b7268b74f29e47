"""The list of scrutiny panel meetings on the left of the scrutiny panels page: a panel
filter, "New meeting", the meetings newest first, and how many are shown."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sec_desktop.domain.engagement_enums import Panel
from sec_desktop.services.scrutiny_records import MeetingRow
from sec_desktop.ui.participant_fields import buddy
from sec_desktop.ui.scrutiny_tables import MeetingsModel, RecordTable


class MeetingsList(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel_combo = QComboBox(self)
        self.panel_combo.setAccessibleName(self.tr("Show meetings of"))
        self.panel_combo.addItem(self.tr("All panels"), None)
        self.panel_combo.addItem(self.tr("DA panels"), Panel.DA)
        self.panel_combo.addItem(self.tr("RASSO panels"), Panel.RASSO)
        self.new_button = QPushButton(self.tr("&New meeting\u2026"), self)
        self.new_button.setAccessibleName(self.tr("New meeting"))
        self.new_button.setToolTip(self.tr("Record a scrutiny panel meeting (Ctrl+N)"))
        self.model = MeetingsModel(self)
        self.table = RecordTable(self.model, "scrutinyMeetings", 2, self)
        self.table.setAccessibleName(self.tr("Scrutiny panel meetings"))
        self.count_label = QLabel(self)

        tools = QHBoxLayout()
        tools.addWidget(buddy(self.tr("&Panel:"), self.panel_combo, self))
        tools.addWidget(self.panel_combo)
        tools.addStretch(1)
        tools.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    def panel(self) -> Panel | None:
        chosen = self.panel_combo.currentData()
        return Panel(chosen) if chosen is not None else None

    def set_rows(self, rows: Sequence[MeetingRow]) -> None:
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("Meetings shown: {count}").format(count=len(rows)))

    def clear(self) -> None:
        self.model.clear()
        self.count_label.clear()

    def selected_id(self) -> int | None:
        row = self.model.row_at(self.table.currentIndex().row())
        return None if row is None else int(row.id)

    def select(self, meeting_id: int | None) -> bool:
        row = self.model.row_of(meeting_id) if meeting_id is not None else None
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True
