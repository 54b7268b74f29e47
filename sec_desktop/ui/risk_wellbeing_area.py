"""The Risk and wellbeing area: the risk reviews due, the follow-ups after sessions'
wellbeing checks, and the coordinator's own private wellbeing log, as tabs.

Requests to open a participant or an engagement are passed on (`open_requested`) for the
window to show in their own areas. A half-typed check-in or supervision session comes
back, as typed, after a lock.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.background import wait_for_background_work
from sec_desktop.ui.coordinator_log_panel import CoordinatorLogPanel
from sec_desktop.ui.follow_ups_panel import FollowUpsPanel
from sec_desktop.ui.record_page import SelfTestView
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.risk_reviews_panel import RiskReviewsPanel

DRAFT_KEY = "risk_wellbeing_area"
# What the Today page's supervision item opens.
OPENS_WELLBEING_LOG = "wellbeing_log"


class RiskWellbeingArea(QWidget):
    # ("participant", id) or ("engagement", id): shown in its own area.
    open_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_risk_wellbeing")
        self.setAccessibleName(self.tr("Risk and wellbeing"))
        self._writer: RecordWriter | None = None
        self.reviews = RiskReviewsPanel(self)
        self.follow_ups = FollowUpsPanel(self)
        self.log = CoordinatorLogPanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("riskWellbeingTabs")
        self.tabs.setAccessibleName(self.tr("Risk and wellbeing views"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.reviews, self.tr("&Risk reviews"))
        self.tabs.addTab(self.follow_ups, self.tr("Fo&llow-ups"))
        self.tabs.addTab(self.log, self.tr("&My wellbeing"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.tabs)
        self.reviews.open_requested.connect(self.open_requested)
        self.follow_ups.open_requested.connect(self.open_requested)

    def _screens(self) -> tuple[Any, ...]:
        return (self.reviews, self.follow_ups, self.log)

    # --- RecordPage -------------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        if self._writer is not None:
            self._writer.written.disconnect(self._on_written)
        self._writer = writer
        writer.written.connect(self._on_written)
        for screen in self._screens():
            screen.attach(services, writer)

    def detach(self) -> None:
        if self._writer is not None:
            self._writer.written.disconnect(self._on_written)
        self._writer = None
        for screen in self._screens():
            screen.detach()
        self.tabs.setCurrentWidget(self.reviews)

    def _on_written(self) -> None:
        # Any write may change what is due (an assessment saved, a check recorded, a
        # disclosure flagged): each tab reads again (a hidden one when next shown).
        for screen in self._screens():
            screen.reload()

    # --- opening ----------------------------------------------------------------------------

    def show_risk_reviews(self) -> None:
        """The reviews due, people never assessed among them (the Today page's summary)."""
        self.tabs.setCurrentWidget(self.reviews)
        self.reviews.setFocus()

    def show_wellbeing_log(self) -> None:
        """The private log, its check-in ready (the Today page's supervision item)."""
        self.tabs.setCurrentWidget(self.log)
        self.log.setFocus()

    def open_record(self, kind: str, _record_id: int) -> None:
        if kind == OPENS_WELLBEING_LOG:
            self.show_wellbeing_log()

    # --- Draftable: a half-typed check-in or supervision session survives a lock ------------

    def draft_key(self) -> str:
        return DRAFT_KEY

    def take_draft(self) -> Any:
        return {"tab": self.tabs.currentIndex(), "log": self.log.take_draft()}

    def restore_draft(self, state: Any) -> None:
        if not isinstance(state, dict):
            return
        tab = state.get("tab")
        if isinstance(tab, int) and 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)
        if state.get("log") is not None:
            self.log.restore_draft(state["log"])

    # --- self-test --------------------------------------------------------------------------

    def self_test_views(self) -> list[SelfTestView]:
        """Each tab, once what it reads is on screen."""
        window = self.window()
        # Not the private log: a self-test run on a real vault writes its screenshots to
        # disk unencrypted, and the log is for nobody's eyes but the coordinator's.
        screens: tuple[tuple[str, QWidget], ...] = (
            ("risk_reviews", self.reviews),
            ("follow_ups", self.follow_ups),
        )
        return [(name, window, partial(self._show_settled, screen)) for name, screen in screens]

    def _show_settled(self, screen: QWidget) -> None:
        self.tabs.setCurrentWidget(screen)
        wait_for_background_work()
        QCoreApplication.processEvents()
