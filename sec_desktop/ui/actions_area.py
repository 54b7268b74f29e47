"""The Actions area ("you said, we did"): the board of every action by status, and one
action's own page with its feedback and who to tell.

Keyboard first: Ctrl+N (while the area is shown) raises an action, Enter opens the
action chosen, Escape or Alt+Left goes back to the board. Actions are also raised from
feedback items chosen in the feedback list (`raise_from_feedback`, routed by the window).
Feedback items and the scrutiny meeting that raised an action are opened in their own
areas (`open_requested`). A form left open at lock time comes back, as typed, after
unlocking.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from sec_desktop.services.action_records import ActionRecord
from sec_desktop.services.errors import NotFound
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.action_dialog import ActionDialog
from sec_desktop.ui.action_feedback_picker import FeedbackPickerDialog
from sec_desktop.ui.action_status_dialog import ActionStatusDialog
from sec_desktop.ui.action_update_dialog import ActionUpdateDialog
from sec_desktop.ui.action_view import ActionView
from sec_desktop.ui.actions_board import ActionsBoard
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_page import SelfTestView
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.told_dialog import ToldDialog

DRAFT_KEY = "actions"
D = TypeVar("D", bound=RecordDialog)
OPENS_ACTION = "action"


class ActionsArea(QWidget):
    # ("feedback" or "engagement", its id): shown in its own area.
    open_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_actions")
        self.setAccessibleName(self.tr("Actions"))
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._dialog: RecordDialog | None = None
        self._stale = False
        self.board = ActionsBoard(self)
        self.view = ActionView(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.board)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setFocusProxy(self.stack)
        # Only while this area is shown: other areas use Ctrl+N for their own records.
        self.new_action = QAction(self.tr("Raise action"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(self._raise_new)
        self.addAction(self.new_action)
        self._connect()
        self.detach()

    def _connect(self) -> None:
        self.board.open_requested.connect(self.open_action)
        self.board.raise_requested.connect(self._raise_new)
        view = self.view
        view.back_requested.connect(self.back_to_board)
        view.open_requested.connect(self.open_requested)
        view.edit_requested.connect(self.edit)
        view.move_requested.connect(self.move_action)
        view.update_requested.connect(self.add_update)
        view.link_requested.connect(self.link_feedback)
        view.tell_requested.connect(self.tell)

    # --- RecordPage -----------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        if self._writer is not None:
            self._writer.written.disconnect(self._on_written)
        self._services, self._writer = services, writer
        writer.written.connect(self._on_written)
        self.board.attach(services)
        self.view.attach(services, writer)
        self.new_action.setEnabled(True)
        self._stale = not self.isVisible()
        if not self._stale:
            self.board.reload()

    def detach(self) -> None:
        """Drop the services and clear every view: nothing of the records stays."""
        if self._dialog is not None:
            self._dialog.forget()
            self._dialog.reject()
            self._dialog = None
        if self._writer is not None:
            self._writer.written.disconnect(self._on_written)
        self._services, self._writer = None, None
        self._stale = False
        self.view.detach()
        self.board.clear()
        self.stack.setCurrentWidget(self.board)
        self.new_action.setEnabled(False)

    def _on_written(self) -> None:
        if self.stack.currentWidget() is self.view:
            self.view.reload()
        if self.isVisible():
            self.board.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.board.reload()

    # --- showing --------------------------------------------------------------------------

    def open_action(self, action_id: int) -> bool:
        if self._services is None or not self.view.show_action(action_id):
            self.board.reload()
            return False
        self.stack.setCurrentWidget(self.view)
        self.view.back_button.setFocus()
        return True

    def back_to_board(self) -> None:
        shown = self.view.action_id
        self.stack.setCurrentWidget(self.board)
        self.board.reload(keep=shown)
        self.board.tree.setFocus()

    # --- dialogs ----------------------------------------------------------------------------

    @property
    def dialog(self) -> RecordDialog | None:
        return self._dialog

    def raise_action(self, feedback_ids: Sequence[int] = ()) -> ActionDialog | None:
        services, writer = self._services, self._writer
        if services is None or writer is None or self._dialog is not None:
            return None
        return self._open(ActionDialog(services, writer, feedback_ids=feedback_ids, parent=self))

    def _raise_new(self) -> None:
        self.raise_action()

    def raise_from_feedback(self, feedback_ids: Sequence[int]) -> ActionDialog | None:
        """A new action answering the feedback items chosen in the feedback list."""
        return self.raise_action(list(feedback_ids))

    def edit(self, action_id: int) -> ActionDialog | None:
        record = self._record(action_id)
        if record is None or self._services is None or self._writer is None:
            return None
        return self._open(ActionDialog(self._services, self._writer, record, parent=self))

    def move_action(self, action_id: int) -> ActionStatusDialog | None:
        record = self._record(action_id)
        if record is None or self._services is None or self._writer is None:
            return None
        if record.status.closed:
            return None
        return self._open(ActionStatusDialog(self._services, self._writer, record, self))

    def add_update(self, action_id: int) -> ActionUpdateDialog | None:
        record = self._record(action_id)
        if record is None or self._services is None or self._writer is None:
            return None
        dialog = ActionUpdateDialog(
            self._services, self._writer, action_id, record.details.title, self
        )
        return self._open(dialog)

    def link_feedback(self, action_id: int) -> FeedbackPickerDialog | None:
        record = self._record(action_id)
        if record is None or self._services is None or self._writer is None:
            return None
        linked = [row.id for row in record.feedback]
        dialog = FeedbackPickerDialog(self._services, self._writer, action_id, linked, self)
        return self._open(dialog)

    def tell(self, action_id: int, participant_id: int) -> ToldDialog | None:
        record = self._record(action_id)
        services, writer = self._services, self._writer
        if record is None or services is None or writer is None or record.closed_on is None:
            return None
        who = services.actions.who_to_tell(action_id)
        person = next((p for p in who.people if p.participant_id == participant_id), None)
        if person is None or not person.contactable or person.told is not None:
            return None
        dialog = ToldDialog(
            services,
            writer,
            action_id=action_id,
            title=record.details.title,
            closed_on=record.closed_on,
            person=person,
            rules=self.view.who.rules(person),
            parent=self,
        )
        return self._open(dialog)

    def _record(self, action_id: int) -> ActionRecord | None:
        if self._services is None or self._dialog is not None:
            return None
        try:
            return self._services.actions.record(action_id)
        except NotFound:
            return None

    def _open(self, dialog: D) -> D:
        # Slots of this area, not closures holding the dialog: a closure would drop the
        # last reference to it while Qt deletes it.
        self._dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.finished.connect(self._dialog_closed)
        dialog.open()
        return dialog

    def _dialog_closed(self, _code: int) -> None:
        # Deleted, not just hidden: a closed form must not keep what was typed in it.
        dialog = self.sender()
        if self._dialog is dialog:
            self._dialog = None
        if dialog is not None:
            dialog.deleteLater()

    def _saved(self, result: object) -> None:
        # A new action is opened at once: who owns it and its feedback are next.
        dialog = self.sender()
        if isinstance(dialog, ActionDialog) and dialog.record is None and isinstance(result, int):
            self.open_action(result)

    # --- Draftable: a form's input survives a lock ------------------------------------------

    def draft_key(self) -> str:
        return DRAFT_KEY

    def take_draft(self) -> Any:
        state: dict[str, Any] = {}
        if self.stack.currentWidget() is self.view and self.view.action_id is not None:
            state["view"] = self.view.action_id
        dialog = self._dialog
        # A form being saved is not kept: restored, it could be saved a second time.
        if dialog is not None and dialog.isVisible() and not dialog.busy:
            identity: dict[str, Any] = getattr(dialog, "draft_identity", dict)()
            state["dialog"] = {**identity, "input": dialog.input_state()}
        return state or None

    def restore_draft(self, state: Any) -> None:
        if not isinstance(state, dict) or self._services is None:
            return
        if isinstance(state.get("view"), int):
            self.open_action(state["view"])
        saved = state.get("dialog")
        if isinstance(saved, dict):
            dialog = self._reopen(saved)
            if dialog is not None:
                dialog.restore_input(dict(saved.get("input") or {}))

    def _reopen(self, saved: dict[str, Any]) -> RecordDialog | None:
        kind, action_id = saved.get("dialog"), saved.get("action_id")
        if kind == "raise":
            ids = saved.get("feedback_ids") or []
            return self.raise_action([i for i in ids if isinstance(i, int)])
        if not isinstance(action_id, int):
            return None
        participant_id = saved.get("participant_id")
        if kind == "told" and isinstance(participant_id, int):
            return self.tell(action_id, participant_id)
        openers = {
            "edit": self.edit,
            "move": self.move_action,
            "update": self.add_update,
            "link": self.link_feedback,
        }
        opener = openers.get(str(kind))
        return opener(action_id) if opener is not None else None

    # --- self-test --------------------------------------------------------------------------

    def self_test_views(self) -> list[SelfTestView]:
        """The page of the first action on the board, if any."""
        if self._services is None:
            return []
        rows = self._services.actions.rows()
        if not rows:
            return []
        first = rows[0].id
        return [("action", self.window(), lambda: self.open_action(first))]
