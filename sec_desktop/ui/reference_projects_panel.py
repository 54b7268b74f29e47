"""The Victim Reference Group's projects: what organisations asked the group to
scrutinise, where each stands, and how many meetings it has had. The page opens the
dialogs: a new project, editing one, or recording a meeting for the one chosen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from sec_desktop.services.engagement_records import ProjectRecord
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.participant_view import (
    button,
    choice,
    fill_table,
    read_only_table,
    select_first,
    selected_id,
    value_label,
)


class ReferenceProjectsPanel(QWidget):
    add_requested = Signal()
    edit_requested = Signal(int)
    meeting_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referenceProjects")
        self.add_button = button(self.tr("New pro&ject\u2026"), self.tr("New project"), self)
        self.edit_button = button(self.tr("Edi&t project\u2026"), self.tr("Edit project"), self)
        self.meeting_button = button(
            self.tr("Record a &meeting\u2026"), self.tr("Record a meeting for this project"), self
        )
        self.note = value_label(self)
        self.table = read_only_table(
            [
                self.tr("Project"),
                self.tr("Asked by"),
                self.tr("Requested"),
                self.tr("Status"),
                self.tr("Meetings"),
                self.tr("What the group produced"),
            ],
            self.tr("Reference group projects"),
            self,
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.meeting_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(self._edit)
        self.meeting_button.clicked.connect(self._meeting)
        self.table.doubleClicked.connect(lambda _index: self._edit())
        self.table.installEventFilter(self)
        self.show_projects([])

    def show_projects(self, projects: Sequence[ProjectRecord]) -> None:
        keep = self.selected_project()
        fill_table(
            self.table,
            [
                (
                    p.details.title,
                    p.organisation_name,
                    shown_date(p.details.requested_on) if p.details.requested_on else "",
                    choice(p.details.status),
                    str(p.meetings),
                    p.details.outputs,
                )
                for p in projects
            ],
            [p.id for p in projects],
        )
        ids = [p.id for p in projects]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
        else:
            select_first(self.table)
        for widget in (self.edit_button, self.meeting_button):
            widget.setEnabled(bool(projects))
        self.note.setText(
            (self.tr("1 project") if len(projects) == 1 else self.tr("{count} projects")).format(
                count=len(projects)
            )
            if projects
            else self.tr("No projects yet. Add one with \u201cNew project\u201d.")
        )

    def selected_project(self) -> int | None:
        chosen = selected_id(self.table)
        return chosen if isinstance(chosen, int) else None

    def select_project(self, project_id: int) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == project_id:
                self.table.selectRow(row)
                self.table.setCurrentCell(row, 0)

    def _edit(self) -> None:
        chosen = self.selected_project()
        if chosen is not None:
            self.edit_requested.emit(chosen)

    def _meeting(self) -> None:
        chosen = self.selected_project()
        if chosen is not None:
            self.meeting_requested.emit(chosen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._edit()
            return True
        return super().eventFilter(watched, event)
