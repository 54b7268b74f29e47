"""Scrutiny panels: DA and RASSO panel meetings, the finalised cases each reviews, and the
victim's feedback on each case.

Master and detail: the meetings on the left (newest first, filtered by panel), the
meeting chosen on the right with its cases and the feedback on the case chosen. Keyboard
first: Ctrl+N records a meeting; Enter on a meeting edits it, on a case edits the case,
on a feedback item opens it; Delete on a case deletes it (after asking). A dialog open at
lock time is kept as an encrypted draft and opened again, as typed, after unlocking.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QDialog, QMessageBox, QSplitter, QVBoxLayout, QWidget

from sec_desktop.services.errors import NotFound, RecordError
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.scrutiny_records import CaseRow
from sec_desktop.ui.drafts import Draftable
from sec_desktop.ui.form_errors import error_text
from sec_desktop.ui.record_page import SelfTestView
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.scrutiny_case_dialog import ScrutinyCaseDialog
from sec_desktop.ui.scrutiny_detail import MeetingDetail
from sec_desktop.ui.scrutiny_list import MeetingsList
from sec_desktop.ui.scrutiny_meeting_dialog import ScrutinyMeetingDialog
from sec_desktop.ui.settings_widgets import Feedback
from sec_desktop.ui.widgets import heading_label

DRAFT_KEY = "scrutiny"
_Dialog = TypeVar("_Dialog", bound=QDialog)
LEFT_SHARE, RIGHT_SHARE = 1, 2


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask before deleting (tests answer for the user here)."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class ScrutinyPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_scrutiny")
        self.setAccessibleName(self.tr("Scrutiny panels"))
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._dialog: QDialog | None = None
        # How to open the dialog again after a lock: kind, meeting id, case id.
        self._identity: tuple[str, int | None, int | None] | None = None

        self.meetings = MeetingsList(self)
        # The parts of the list other code reaches for, by their own names.
        self.panel_combo = self.meetings.panel_combo
        self.new_button = self.meetings.new_button
        self.meetings_model = self.meetings.model
        self.meetings_table = self.meetings.table
        self.detail = MeetingDetail(self)
        self.message = Feedback(self)
        self._build_layout()
        self._build_actions()
        self._connect()
        self._split_once = False
        self.detach()

    def _build_layout(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.meetings)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, LEFT_SHARE)
        self.splitter.setStretchFactor(1, RIGHT_SHARE)
        self.detail.setContentsMargins(8, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(heading_label(self.tr("Scrutiny panels"), self))
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        chain = [self.panel_combo, self.new_button, self.meetings_table, *self.detail.tab_chain()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _build_actions(self) -> None:
        self.new_action = QAction(self.tr("New meeting"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        # Only while this page is shown: other pages use Ctrl+N for their own records.
        self.new_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.new_action.triggered.connect(self.new_meeting)
        self.addAction(self.new_action)
        self.delete_case_action = QAction(self.tr("Delete case"), self)
        self.delete_case_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_case_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_case_action.triggered.connect(self.delete_case)
        self.detail.cases_table.addAction(self.delete_case_action)

    def _connect(self) -> None:
        detail = self.detail
        self.panel_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.new_button.clicked.connect(self.new_meeting)
        self.meetings_table.activated.connect(lambda _index: self.edit_meeting())
        self.meetings_table.selectionModel().currentRowChanged.connect(self._on_meeting_changed)
        detail.edit_button.clicked.connect(self.edit_meeting)
        detail.delete_button.clicked.connect(self.delete_meeting)
        detail.cases_table.selectionModel().currentRowChanged.connect(self._on_case_changed)
        detail.cases_table.activated.connect(lambda _index: self.edit_case())
        detail.add_case_button.clicked.connect(self.add_case)
        detail.edit_case_button.clicked.connect(self.edit_case)
        detail.delete_case_button.clicked.connect(self.delete_case)
        detail.add_feedback_button.clicked.connect(self.add_feedback)
        detail.feedback_table.activated.connect(lambda _index: self.open_feedback())
        detail.open_feedback_button.clicked.connect(self.open_feedback)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Read again each time it is shown: feedback may have been added on another page.
        if self._services is not None:
            self.reload()
        if not self._split_once:
            self._split_once = True
            width = self.splitter.width()
            left = width * LEFT_SHARE // (LEFT_SHARE + RIGHT_SHARE)
            self.splitter.setSizes([left, width - left])

    # --- RecordPage -----------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self._services, self._writer = services, writer
        for widget in (self.new_button, self.new_action, self.panel_combo):
            widget.setEnabled(True)
        if self.isVisible():  # otherwise when first shown
            self.reload()

    def detach(self) -> None:
        """Drop the services and clear every view: nothing of the records stays on screen."""
        if self._dialog is not None:
            self._dialog.reject()
        for dialog in self.findChildren(QDialog):
            forget = getattr(dialog, "forget", None)
            if callable(forget):
                forget()
        self._services, self._writer = None, None
        self.meetings.clear()
        self.detail.show_placeholder("")
        self.message.say("")
        for widget in (self.new_button, self.new_action, self.panel_combo):
            widget.setEnabled(False)

    # --- loading and choosing -------------------------------------------------------------

    def selected_meeting_id(self) -> int | None:
        return self.meetings.selected_id()

    def selected_case(self) -> CaseRow | None:
        return self.detail.selected_case()

    def reload(self, meeting_id: int | None = None, case_id: int | None = None) -> None:
        if self._services is None:
            return
        keep = meeting_id if meeting_id is not None else self.selected_meeting_id()
        if case_id is None and keep == self.selected_meeting_id():
            chosen = self.selected_case()
            case_id = chosen.id if chosen is not None else None
        rows = self._services.scrutiny.meetings(self.meetings.panel())
        self.meetings.set_rows(rows)
        if not self._select_meeting(keep) and not self._select_meeting(
            rows[0].id if rows else None
        ):
            self.detail.show_placeholder(
                self.tr("No meetings yet. Record the first with \u201cNew meeting\u201d (Ctrl+N).")
                if self.meetings.panel() is None
                else self.tr("No meetings of this panel yet.")
            )
        self.detail.select_case(case_id)

    def _select_meeting(self, meeting_id: int | None) -> bool:
        current = self.meetings_table.currentIndex()
        if not self.meetings.select(meeting_id):
            return False
        if self.meetings_table.currentIndex() == current:
            self._on_meeting_changed(current, current)  # read again: it may have changed
        return True

    def _on_meeting_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.meetings_model.row_at(current.row()) if current.isValid() else None
        if row is None or self._services is None:
            return
        shown = self.detail.record
        if shown is None or shown.id != row.id:
            self.message.say("")  # what it said was about the meeting shown before
        try:
            record = self._services.scrutiny.meeting(row.id)
        except NotFound as gone:
            self.message.say(error_text(gone), error=True)
            return
        self.detail.show_meeting(record)
        self.detail.select_case(None)

    def _on_case_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case = self.detail.cases_model.row_at(current.row()) if current.isValid() else None
        self.detail.set_case_chosen(case)
        if case is not None and self._services is not None:
            self.detail.show_feedback(self._services.feedback.rows(case_id=case.id))

    # --- opening from elsewhere (search results, the engagements list) --------------------

    def open_meeting(self, meeting_id: int) -> bool:
        """Show this meeting (all panels listed if the filter hid it)."""
        if self._services is None:
            return False
        if self.meetings.panel() is not None:
            with QSignalBlocker(self.panel_combo):
                self.panel_combo.setCurrentIndex(0)
        self.reload(meeting_id)
        if self.selected_meeting_id() != meeting_id:
            return False
        self.detail.cases_table.setFocus()
        return True

    def open_case(self, case_id: int) -> ScrutinyCaseDialog | None:
        """Show the case's meeting, the case chosen, and open the case."""
        if self._services is None:
            return None
        try:
            meeting_id = self._services.scrutiny.case(case_id).meeting_id
        except NotFound as gone:
            self.message.say(error_text(gone), error=True)
            return None
        if not self.open_meeting(meeting_id) or not self.detail.select_case(case_id):
            return None
        return self.edit_case()

    # --- dialogs ---------------------------------------------------------------------------

    @property
    def dialog(self) -> QDialog | None:
        """The dialog open now, if any."""
        return self._dialog

    def new_meeting(self) -> ScrutinyMeetingDialog | None:
        if self._services is None or self._writer is None or self._dialog is not None:
            return None
        dialog = ScrutinyMeetingDialog(self._services, self._writer, None, parent=self)
        dialog.saved.connect(self._meeting_saved)
        return self._open(dialog, ("meeting", None, None))

    def edit_meeting(self) -> ScrutinyMeetingDialog | None:
        record = self.detail.record
        if self._services is None or self._writer is None or record is None or self._dialog:
            return None
        dialog = ScrutinyMeetingDialog(self._services, self._writer, record, parent=self)
        dialog.saved.connect(lambda _result: self._meeting_saved(record.id))
        return self._open(dialog, ("meeting", record.id, None))

    def add_case(self) -> ScrutinyCaseDialog | None:
        return self._case_dialog(None)

    def edit_case(self) -> ScrutinyCaseDialog | None:
        case = self.selected_case()
        return None if case is None else self._case_dialog(case.id)

    def _case_dialog(self, case_id: int | None) -> ScrutinyCaseDialog | None:
        record = self.detail.record
        if self._services is None or self._writer is None or record is None or self._dialog:
            return None
        try:
            case = self._services.scrutiny.case(case_id) if case_id is not None else None
        except NotFound as gone:
            self.message.say(error_text(gone), error=True)
            return None
        dialog = ScrutinyCaseDialog(self._services, self._writer, record, case, parent=self)
        dialog.saved.connect(
            lambda result: self.reload(record.id, result if isinstance(result, int) else case_id)
        )
        return self._open(dialog, ("case", record.id, case_id))

    def add_feedback(self) -> QDialog | None:
        """C's capture form, for the victim's feedback on the chosen case (only if they
        agreed to give it)."""
        case = self.selected_case()
        if self._services is None or self._writer is None or case is None or self._dialog:
            return None
        if not case.victim_agreed:
            return None
        # Imported here: the capture form is built alongside this page.
        from sec_desktop.ui.feedback_capture_dialog import FeedbackCaptureDialog  # noqa: PLC0415

        dialog = FeedbackCaptureDialog(self._services, self._writer, self, case_id=case.id)
        meeting_id = case.meeting_id
        dialog.saved.connect(lambda _result: self.reload(meeting_id, case.id))
        return self._open(dialog, ("feedback", meeting_id, case.id))

    def open_feedback(self) -> QDialog | None:
        table = self.detail.feedback_table
        row = self.detail.feedback_model.row_at(table.currentIndex().row())
        if self._services is None or self._writer is None or row is None or self._dialog:
            return None
        from sec_desktop.ui.feedback_record_dialog import FeedbackRecordDialog  # noqa: PLC0415

        dialog = FeedbackRecordDialog(self._services, self._writer, row.id, self)
        case = self.selected_case()
        dialog.finished.connect(
            lambda _code: self.reload(case.meeting_id, case.id) if case else None
        )
        return self._open(dialog)

    def _open(
        self, dialog: _Dialog, identity: tuple[str, int | None, int | None] | None = None
    ) -> _Dialog:
        """Open `dialog`; `identity` (kind, meeting id, case id) says how to open it again
        after a lock (None: what is typed in it is not kept)."""
        self._dialog, self._identity = dialog, identity
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self._dialog is dialog:
            self._dialog, self._identity = None, None
        dialog.deleteLater()

    def _meeting_saved(self, result: object) -> None:
        self.reload(result if isinstance(result, int) else None)
        self.meetings_table.setFocus()

    # --- deleting --------------------------------------------------------------------------

    def delete_meeting(self) -> None:
        record = self.detail.record
        if self._services is None or self._writer is None or record is None:
            return
        if not confirm(
            self,
            self.tr("Delete meeting"),
            self.tr("Delete this meeting? Only do this if it was recorded in error."),
        ):
            return
        service = self._services.scrutiny
        self._write(lambda: service.delete_meeting(record.id), self.tr("The meeting was deleted."))

    def delete_case(self) -> None:
        case = self.selected_case()
        if self._services is None or self._writer is None or case is None:
            return
        if not confirm(
            self,
            self.tr("Delete case"),
            self.tr("Delete this case from the meeting? Its timeline and rights go with it."),
        ):
            return
        service = self._services.scrutiny
        self._write(lambda: service.delete_case(case.id), self.tr("The case was deleted."))

    def _write(self, work: Callable[[], object], done_text: str) -> None:
        if self._writer is None:
            return
        self.message.say("")

        def done(_result: object) -> None:
            self.reload()
            self.message.say(done_text)

        def refused(error: RecordError) -> None:
            self.message.say(error_text(error), error=True)

        self._writer.write(work, done, refused)

    # --- Draftable: a dialog's input survives a lock -----------------------------------------

    def draft_key(self) -> str:
        return DRAFT_KEY

    def take_draft(self) -> Any:
        dialog, identity = self._dialog, self._identity
        if dialog is None or identity is None or not dialog.isVisible():
            return None
        if not isinstance(dialog, Draftable):
            return None
        kind, meeting_id, case_id = identity
        state = {"dialog": kind, "meeting_id": meeting_id, "case_id": case_id}
        return {**state, "input": dialog.take_draft()}

    def restore_draft(self, state: Any) -> None:
        if not isinstance(state, dict) or self._services is None:
            return
        kind, meeting_id, case_id = (
            state.get("dialog"),
            state.get("meeting_id"),
            state.get("case_id"),
        )
        if meeting_id is not None and not self.open_meeting(int(meeting_id)):
            return  # the meeting is gone
        if case_id is not None and not self.detail.select_case(int(case_id)):
            return  # the case is gone
        dialog: QDialog | None = None
        if kind == "meeting":
            dialog = self.new_meeting() if meeting_id is None else self.edit_meeting()
        elif kind == "case" and meeting_id is not None:
            dialog = self.add_case() if case_id is None else self.edit_case()
        elif kind == "feedback" and case_id is not None:
            dialog = self.add_feedback()
        if isinstance(dialog, Draftable):
            dialog.restore_draft(state.get("input"))

    # --- self-test ---------------------------------------------------------------------------

    def self_test_views(self) -> list[SelfTestView]:
        """The newest meeting's case, in its dialog (if there is a case)."""
        if self._services is None or self._writer is None:
            return []
        meetings = [m for m in self._services.scrutiny.meetings() if m.cases]
        if not meetings:
            return []
        record = self._services.scrutiny.meeting(meetings[0].id)
        case = self._services.scrutiny.case(record.cases[0].id)
        dialog = ScrutinyCaseDialog(self._services, self._writer, record, case, parent=self)
        return [("case", dialog, dialog.show)]
