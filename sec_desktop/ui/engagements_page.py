"""The Engagements area: every engagement of every kind, newest first, narrowed by kind
and period; one engagement's own view; and the Victim Reference Group's projects.

Keyboard first: Ctrl+N opens the "New" menu (its letters choose), Enter opens the
engagement chosen, Escape or Alt+Left goes back to the list. Scrutiny panel meetings are
listed here but opened on their own page (`open_scrutiny_meeting`). The list is read off
the GUI thread. A form left open at lock time comes back, as typed, after unlocking.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.services.engagement_records import EngagementRecord
from sec_desktop.services.errors import NotFound
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.engagement_view import EngagementView
from sec_desktop.ui.engagements_list import EngagementsList
from sec_desktop.ui.focus_group_dialog import FocusGroupDialog
from sec_desktop.ui.one_to_one_dialog import OneToOneDialog
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_page import SelfTestView
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.reference_meeting_dialog import ReferenceMeetingDialog
from sec_desktop.ui.reference_project_dialog import ReferenceProjectDialog
from sec_desktop.ui.reference_projects_panel import ReferenceProjectsPanel
from sec_desktop.ui.staff_forum_dialog import StaffForumDialog
from sec_desktop.ui.training_panel import TrainingPanel
from sec_desktop.ui.widgets import heading_label

DRAFT_KEY = "engagements"
# The form of each kind this page records (scrutiny meetings have their own page).
FORMS = {
    EngagementKind.FOCUS_GROUP: FocusGroupDialog,
    EngagementKind.ONE_TO_ONE: OneToOneDialog,
    EngagementKind.STAFF_FORUM: StaffForumDialog,
}


class EngagementsPage(QWidget):
    open_scrutiny_meeting = Signal(int)
    open_feedback = Signal(int)
    # The list has been (re)loaded.
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_engagements")
        self.setAccessibleName(self.tr("Engagements"))
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._dialog: RecordDialog | None = None
        self._stale = False

        self.list = EngagementsList(self)
        # Its parts, by name, for the keyboard and for tests.
        self.model, self.table = self.list.model, self.list.table
        self.kind_combo, self.period_combo = self.list.kind_combo, self.list.period_combo
        self.new_button, self.new_menu = self.list.new_button, self.list.new_menu
        self.projects = ReferenceProjectsPanel(self)
        self.training = TrainingPanel(self)
        self.view = EngagementView(self)
        self.tabs = QTabWidget(self)
        self.stack = QStackedWidget(self)
        self._build_layout()
        self._build_actions()
        self._connect()
        self.detach()

    def _build_layout(self) -> None:
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Engagement views"))
        self.tabs.addTab(self.list, self.tr("&Engagements"))
        self.tabs.addTab(self.projects, self.tr("Reference group p&rojects"))
        self.tabs.addTab(self.training, self.tr("Trainin&g and awareness"))
        self.list_area = QWidget(self)
        area_layout = QVBoxLayout(self.list_area)
        area_layout.setContentsMargins(24, 20, 24, 20)
        area_layout.setSpacing(10)
        area_layout.addWidget(heading_label(self.tr("Engagements"), self.list_area))
        area_layout.addWidget(self.tabs, 1)
        self.stack.addWidget(self.list_area)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _build_actions(self) -> None:
        add = self.list.add_new_action
        add(self.tr("&Focus group\u2026"), lambda: self.new(EngagementKind.FOCUS_GROUP))
        add(self.tr("&One-to-one\u2026"), lambda: self.new(EngagementKind.ONE_TO_ONE))
        add(
            self.tr("&Staff forum session (anonymous)\u2026"),
            lambda: self.new(EngagementKind.STAFF_FORUM),
        )
        add(
            self.tr("&Reference group meeting\u2026"),
            lambda: self.new(EngagementKind.REFERENCE_GROUP),
        )
        add(self.tr("Reference group &project\u2026"), self.new_project)
        # Only while this page is shown: other pages use Ctrl+N for their own records.
        self.new_action = QAction(self.tr("New engagement or project"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.new_action.triggered.connect(self.show_new_menu)
        self.addAction(self.new_action)

    def _connect(self) -> None:
        self.list.open_requested.connect(self.open_engagement)
        self.list.loaded.connect(self.loaded)
        self.view.back_requested.connect(self.back_to_list)
        self.view.edit_requested.connect(self.edit)
        self.view.open_feedback.connect(self.open_feedback)
        self.view.deleted.connect(lambda _id: self.back_to_list())
        self.projects.add_requested.connect(self.new_project)
        self.projects.edit_requested.connect(self.edit_project)
        self.projects.meeting_requested.connect(
            lambda project_id: self.new(EngagementKind.REFERENCE_GROUP, project_id)
        )

    # --- RecordPage -----------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        if self._writer is not None:
            self._writer.written.disconnect(self._on_written)
        self._services, self._writer = services, writer
        writer.written.connect(self._on_written)
        self.view.attach(services, writer)
        self.training.attach(services, writer)
        for widget in (self.new_button, self.new_action):
            widget.setEnabled(True)
        # Loaded when first shown: unlocking should not wait for a long list.
        self._stale = not self.isVisible()
        if not self._stale:
            self.reload()

    def detach(self) -> None:
        """Drop the services and clear every view: nothing of the records stays."""
        if self._dialog is not None:
            self._dialog.reject()
            self._dialog = None
        for dialog in self.findChildren(RecordDialog):
            dialog.forget()
        if self._writer is not None:
            self._writer.written.disconnect(self._on_written)
        self._services, self._writer = None, None
        self._stale = False
        self.view.detach()
        self.training.detach()
        self.list.clear()
        self.projects.show_projects([])
        self.stack.setCurrentWidget(self.list_area)
        for widget in (self.new_button, self.new_action):
            widget.setEnabled(False)

    # --- loading and choosing -------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        """Read the list again (off the GUI thread) and the projects."""
        services = self._services
        if services is None:
            return
        self._stale = False
        self.projects.show_projects(services.engagements.projects())
        self.list.load(services, keep)

    def selected_id(self) -> int | None:
        return self.list.selected_id()

    def open_engagement(self, engagement_id: int) -> bool:
        """Show one engagement (a scrutiny meeting is opened on its own page)."""
        if self._services is None:
            return False
        try:
            kind = self._services.engagements.record(engagement_id).kind
        except NotFound:
            self.reload()
            return False
        if kind is EngagementKind.SCRUTINY_PANEL:
            self.open_scrutiny_meeting.emit(engagement_id)
            return True
        if not self.view.show_engagement(engagement_id):
            return False
        self.stack.setCurrentWidget(self.view)
        self.view.setFocus()
        self.view.back_button.setFocus()
        return True

    def back_to_list(self) -> None:
        shown = self.view.engagement_id
        self.stack.setCurrentWidget(self.list_area)
        self.list.select(shown)
        self.table.setFocus()

    def show_new_menu(self) -> None:
        if self._services is not None:
            self.list.show_new_menu()

    def _on_written(self) -> None:
        # A write anywhere may change a row (a feedback count, a code after an erasure).
        shown = self.view.engagement_id if self.stack.currentWidget() is self.view else None
        if shown is not None:
            self.view.reload()
        if self.isVisible():
            self.reload(keep=shown)
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    # --- dialogs ----------------------------------------------------------------------------

    @property
    def dialog(self) -> RecordDialog | None:
        return self._dialog

    def new(self, kind: EngagementKind, project_id: int | None = None) -> RecordDialog | None:
        return self._form(kind, None, project_id)

    def edit(self, engagement_id: int) -> RecordDialog | None:
        if self._services is None or self._dialog is not None:
            return None
        try:
            record = self._services.engagements.record(engagement_id)
        except NotFound:
            return None
        if record.kind is EngagementKind.SCRUTINY_PANEL:
            self.open_scrutiny_meeting.emit(engagement_id)
            return None
        return self._form(record.kind, record, None)

    def _form(
        self, kind: EngagementKind, record: EngagementRecord | None, project_id: int | None
    ) -> RecordDialog | None:
        services, writer = self._services, self._writer
        if services is None or writer is None or self._dialog is not None:
            return None
        if kind is EngagementKind.REFERENCE_GROUP:
            return self._open(
                ReferenceMeetingDialog(services, writer, record, project_id=project_id, parent=self)
            )
        form = FORMS.get(kind)
        return self._open(form(services, writer, record, parent=self)) if form else None

    def new_project(self) -> RecordDialog | None:
        return self.edit_project(None)

    def edit_project(self, project_id: int | None) -> RecordDialog | None:
        if self._services is None or self._writer is None or self._dialog is not None:
            return None
        try:
            record = self._services.engagements.project(project_id) if project_id else None
        except NotFound:
            return None
        dialog = ReferenceProjectDialog(self._services, self._writer, record, parent=self)
        return self._open(dialog)

    def _open(self, dialog: RecordDialog) -> RecordDialog:
        self._dialog = dialog
        dialog.saved.connect(lambda result: self._saved(dialog, result))
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: RecordDialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()

    def _saved(self, dialog: RecordDialog, result: object) -> None:
        # The list itself is read again once the write is done (`_on_written`).
        if isinstance(dialog, ReferenceProjectDialog):
            self.tabs.setCurrentWidget(self.projects)
            if isinstance(result, int) and self._services is not None:
                self.projects.show_projects(self._services.engagements.projects())
                self.projects.select_project(result)
            return
        # A new engagement is opened at once: its feedback is usually next.
        if isinstance(result, int):
            self.open_engagement(result)

    # --- Draftable: a form's input survives a lock --------------------------------------------

    def draft_key(self) -> str:
        return DRAFT_KEY

    def take_draft(self) -> Any:
        state: dict[str, Any] = {}
        if self.stack.currentWidget() is self.view and self.view.engagement_id is not None:
            state["view"] = self.view.engagement_id
        dialog = self._dialog
        # A form being saved is not kept: restored, it could be saved a second time.
        if dialog is not None and dialog.isVisible() and not dialog.busy:
            identity: dict[str, Any] = getattr(dialog, "draft_identity", dict)()
            state["dialog"] = {**identity, "input": dialog.input_state()}
        capture = self.view.take_draft()
        if capture is not None:
            state["capture"] = capture
        training = self.training.take_draft()
        if training is not None:
            state["training"] = training
        return state or None

    def restore_draft(self, state: Any) -> None:
        if not isinstance(state, dict) or self._services is None:
            return
        if isinstance(state.get("view"), int):
            self.open_engagement(state["view"])
        saved = state.get("dialog")
        if isinstance(saved, dict):
            dialog = self._reopen(saved)
            if dialog is not None:
                dialog.restore_input(dict(saved.get("input") or {}))
        capture = state.get("capture")
        if isinstance(capture, dict) and self.open_engagement(int(capture["engagement_id"])):
            self.view.restore_draft(capture)
        if isinstance(state.get("training"), dict):
            self.tabs.setCurrentWidget(self.training)
            self.training.restore_draft(state["training"])

    def _reopen(self, saved: dict[str, Any]) -> RecordDialog | None:
        key, engagement_id = saved.get("dialog"), saved.get("engagement_id")
        if key == "engagement_reference_project":
            project_id = saved.get("project_id")
            return self.edit_project(project_id if isinstance(project_id, int) else None)
        if isinstance(engagement_id, int):
            return self.edit(engagement_id)
        kinds = {
            "engagement_focus_group": EngagementKind.FOCUS_GROUP,
            "engagement_one_to_one": EngagementKind.ONE_TO_ONE,
            "engagement_staff_forum": EngagementKind.STAFF_FORUM,
            "engagement_reference_meeting": EngagementKind.REFERENCE_GROUP,
        }
        kind = kinds.get(str(key))
        return self.new(kind) if kind is not None else None

    # --- self-test --------------------------------------------------------------------------

    def self_test_views(self) -> list[SelfTestView]:
        """The view of the newest engagement that is not a scrutiny meeting, if any."""
        if self._services is None:
            return []
        rows = self._services.engagements.rows()
        first = next((r.id for r in rows if r.kind is not EngagementKind.SCRUTINY_PANEL), None)
        if first is None:
            return []
        return [("engagement", self.window(), lambda: self.open_engagement(first))]
