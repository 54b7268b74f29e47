"""The Feedback area: every feedback item, the disclosures still waiting for their
recording steps, the themes view and full-text search, as tabs.

It opens the forms its screens ask for (capture a new item, one item's own record) and
passes on requests to show an engagement or a scrutiny case (`navigate_requested`), which
the window routes to their own areas. A capture form left open at lock time comes back,
as typed, after unlocking.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.search import OPENS_FEEDBACK
from sec_desktop.ui.background import wait_for_background_work
from sec_desktop.ui.disclosures_panel import DisclosuresPanel
from sec_desktop.ui.feedback_capture_dialog import FeedbackCaptureDialog
from sec_desktop.ui.feedback_list import FeedbackList
from sec_desktop.ui.feedback_record_dialog import FeedbackRecordDialog
from sec_desktop.ui.record_page import SelfTestView
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.search_panel import SearchPanel
from sec_desktop.ui.themes_view import ThemesView

DRAFT_KEY = "feedback_area"


class FeedbackArea(QWidget):
    # ("engagement" or "case", its id): shown in its own area.
    navigate_requested = Signal(str, int)
    # The feedback items chosen, for a new action that answers them.
    raise_action_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_feedback_area")
        self.setAccessibleName(self.tr("Feedback"))
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._dialog: QDialog | None = None

        self.feedback_list = FeedbackList(self)
        self.disclosures = DisclosuresPanel(self)
        self.themes = ThemesView(self)
        self.search = SearchPanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("feedbackTabs")
        self.tabs.setAccessibleName(self.tr("Feedback views"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.feedback_list, self.tr("&Items"))
        self.tabs.addTab(self.disclosures, self.tr("&Disclosures"))
        self.tabs.addTab(self.themes, self.tr("T&hemes"))
        self.tabs.addTab(self.search, self.tr("&Search"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.tabs)

        self.feedback_list.add_requested.connect(self.add_feedback)
        self.feedback_list.raise_action_requested.connect(self.raise_action_requested)
        for screen in self._screens():
            screen.open_requested.connect(self.open_record)
        # Only while this area is shown: other areas use Ctrl+N for their own records.
        self.new_action = QAction(self.tr("Add feedback"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(self.add_feedback)
        self.addAction(self.new_action)

    def _screens(self) -> tuple[Any, ...]:
        return (self.feedback_list, self.disclosures, self.themes, self.search)

    # --- RecordPage -------------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        if self._writer is not None:
            self._writer.written.disconnect(self._on_written)
        self._services, self._writer = services, writer
        writer.written.connect(self._on_written)
        for screen in self._screens():
            screen.attach(services, writer)

    def detach(self) -> None:
        if self._dialog is not None:
            self._dialog.reject()
            self._dialog = None
        if self._writer is not None:
            self._writer.written.disconnect(self._on_written)
        for screen in self._screens():
            screen.detach()
        self._services, self._writer = None, None
        self.tabs.setCurrentWidget(self.feedback_list)

    def _on_written(self) -> None:
        # A write anywhere may add an item, flag one or deal with a disclosure.
        self.disclosures.reload()

    # --- opening --------------------------------------------------------------------------

    def show_search(self) -> None:
        """The search tab, its box focused and its text selected, ready to type."""
        self.tabs.setCurrentWidget(self.search)
        self.search.focus_search()

    def open_record(self, kind: str, record_id: int) -> None:
        if kind == OPENS_FEEDBACK:
            self.open_feedback(record_id)
        else:
            self.navigate_requested.emit(kind, record_id)

    @property
    def dialog(self) -> QDialog | None:
        return self._dialog

    def add_feedback(self) -> FeedbackCaptureDialog | None:
        """The capture form for feedback not given at an engagement (a letter, a call)."""
        if self._services is None or self._writer is None or self._dialog is not None:
            return None
        dialog = FeedbackCaptureDialog(self._services, self._writer, self)
        dialog.saved.connect(lambda _id: self.feedback_list.reload())
        self._open(dialog)
        return dialog

    def open_feedback(self, feedback_id: int) -> FeedbackRecordDialog | None:
        """One item's own record (the only place a disclosure's text is shown)."""
        if self._services is None or self._writer is None or self._dialog is not None:
            return None
        dialog = FeedbackRecordDialog(self._services, self._writer, feedback_id, self)
        # Reloaded only when something changed: the list is long at scale.
        dialog.changed.connect(self._reload_lists)
        dialog.deleted.connect(lambda _id: self._reload_lists())
        self._open(dialog)
        return dialog

    def _open(self, dialog: QDialog) -> None:
        self._dialog = dialog
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        # Deleted, not just hidden: a closed form must not keep what was typed in it.
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()

    def _reload_lists(self) -> None:
        if self._services is not None:
            self.feedback_list.reload()
            self.disclosures.reload()

    # --- Draftable: a capture form, or an item's record with a step open, survives a lock ----

    def draft_key(self) -> str:
        return DRAFT_KEY

    def take_draft(self) -> Any:
        state: dict[str, Any] = {"tab": self.tabs.currentIndex()}
        dialog = self._dialog
        # A form being saved is not kept: restored, it could be saved a second time.
        if isinstance(dialog, FeedbackCaptureDialog) and dialog.isVisible() and not dialog.busy:
            state["capture"] = dialog.take_draft()
        elif isinstance(dialog, FeedbackRecordDialog) and dialog.isVisible():
            state["record"] = dialog.take_draft()
        return state

    def restore_draft(self, state: Any) -> None:
        if not isinstance(state, dict) or self._services is None:
            return
        tab = state.get("tab")
        if isinstance(tab, int) and 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)
        if "capture" in state:
            dialog = self.add_feedback()
            if dialog is not None:
                dialog.restore_draft(state["capture"])
        record = state.get("record")
        if isinstance(record, dict) and isinstance(record.get("feedback_id"), int):
            opened = self.open_feedback(record["feedback_id"])
            if opened is not None:
                opened.restore_draft(record)

    # --- self-test --------------------------------------------------------------------------

    def self_test_views(self) -> list[SelfTestView]:
        """Each tab, once what it reads is on screen."""
        window = self.window()
        screens: tuple[tuple[str, QWidget], ...] = (
            ("items", self.feedback_list),
            ("disclosures", self.disclosures),
            ("themes", self.themes),
            ("search", self.search),
        )
        return [(name, window, partial(self._show_settled, screen)) for name, screen in screens]

    def _show_settled(self, screen: QWidget) -> None:
        """Show a tab and wait for what it reads in the background to be on screen."""
        self.tabs.setCurrentWidget(screen)
        wait_for_background_work()
        QCoreApplication.processEvents()
