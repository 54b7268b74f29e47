"""The main window: a sidebar of areas, the page of the chosen area, menus and status bar.

The title is always the application and area name, never anything from a record.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

import sec_desktop
from sec_desktop.paths import AppPaths
from sec_desktop.settings import Preferences, PreferencesStore
from sec_desktop.ui.areas import AREAS, Area
from sec_desktop.ui.translation import Language
from sec_desktop.ui.workspace_pages import page_steps

if TYPE_CHECKING:
    from sec_desktop.ui.actions_area import ActionsArea
    from sec_desktop.ui.engagements_page import EngagementsPage
    from sec_desktop.ui.feedback_area import FeedbackArea
    from sec_desktop.ui.reports_page import ReportsPage
    from sec_desktop.ui.risk_wellbeing_area import RiskWellbeingArea
    from sec_desktop.ui.roster_area import RosterArea
    from sec_desktop.ui.scrutiny_page import ScrutinyPage
    from sec_desktop.ui.service_recovery_area import ServiceRecoveryArea
    from sec_desktop.ui.settings_page import SettingsPage
    from sec_desktop.ui.today_page import TodayPage
    from sec_desktop.ui.vault_session import VaultSession

log = logging.getLogger(__name__)

# The sidebar is as wide as its longest title (Welsh titles run longer), within bounds.
SIDEBAR_MIN_WIDTH = 180
SIDEBAR_MAX_WIDTH = 320
SIDEBAR_TEXT_MARGIN = 56
SIDEBAR_ROW_LINES = 2.1
# Fits a 1366x768 screen with room for the taskbar and window frame.
DEFAULT_SIZE = QSize(1180, 700)
MINIMUM_SIZE = QSize(760, 480)
STATUS_SECONDS = 8
# What a record elsewhere may ask to open on a participant's page: the tab to show.
PARTICIPANT_TABS = {
    "participant": None,
    "participant_risk": "risk",
    "participant_consent": "consent",
}


class MainWindow(QMainWindow):
    """The window. It shows either a gate (create a vault, unlock it, the recovery key)
    or the workspace (the sidebar and the areas), never both: while locked, nothing of the
    workspace is reachable."""

    lock_requested = Signal()
    # The workspace's pages are built (at once, or after the unlock screen in stages).
    workspace_ready = Signal()

    def __init__(
        self,
        *,
        store: PreferencesStore,
        preferences: Preferences,
        languages: Sequence[Language],
        paths: AppPaths,
        show_about: Callable[[QWidget], object],
        session: VaultSession | None = None,
        defer_workspace: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """With `defer_workspace`, only the frame is built (menus, status bar, the place of
        the gate screens): the pages come with `build_workspace` or `workspace_steps`, so
        that the unlock screen shows before their modules are imported."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAccessibleName(self.tr("SEC Desktop"))
        self._show_about = show_about
        self.setMinimumSize(MINIMUM_SIZE)

        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(self.tr("Areas"))
        self.sidebar.setAccessibleDescription(
            self.tr("Choose an area with the arrow keys, or press Ctrl with its number.")
        )
        self.sidebar.setUniformItemSizes(True)
        self.sidebar.setSpacing(0)

        self.pages = QStackedWidget(self)
        self.pages.setObjectName("pages")
        self._page_by_key: dict[str, QWidget] = {}
        self._store = store
        self._preferences = preferences
        self._languages = languages
        self._paths = paths
        self._session = session
        self._steps: Iterator[None] | None = None
        self._built = False

        self.workspace = QWidget(self)
        self.workspace.setObjectName("workspace")
        layout = QHBoxLayout(self.workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.pages, 1)
        self.screens = QStackedWidget(self)
        self.screens.addWidget(self.workspace)
        self.setCentralWidget(self.screens)
        self._gate: QWidget | None = None
        self._demo = False

        self._build_menus()
        self._build_status_bar()
        self._restore_geometry(preferences.window_geometry)
        if not defer_workspace:
            self.build_workspace()

    # --- building the workspace -------------------------------------------------------

    @property
    def workspace_built(self) -> bool:
        return self._built

    def build_workspace(self) -> None:
        """Build whatever of the workspace is not built yet (all of it, or the rest of a
        build in stages). Does nothing once built."""
        for _step in self.workspace_steps():
            pass

    def workspace_steps(self) -> Iterator[None]:
        """The workspace built in short steps (import a page's module, build a page), so
        that a caller can run one step per turn of the event loop and keep the window
        answering. All callers share one build: steps already taken are not repeated."""
        if self._steps is None:
            self._steps = self._build_in_steps()
        return self._steps

    def _build_in_steps(self) -> Iterator[None]:
        pages: dict[str, QWidget] = {}
        yield from page_steps(
            self,
            pages,
            store=self._store,
            preferences=self._preferences,
            languages=self._languages,
            paths=self._paths,
            session=self._session,
        )
        self.settings_page = cast("SettingsPage", pages["settings"])
        self.settings_page.status_message.connect(self.show_status)
        self.today_page = cast("TodayPage", pages["today"])
        self.roster_area = cast("RosterArea", pages["roster"])
        self.engagements_page = cast("EngagementsPage", pages["engagements"])
        self.feedback_area = cast("FeedbackArea", pages["feedback"])
        self.actions_area = cast("ActionsArea", pages["actions"])
        self.service_recovery_area = cast("ServiceRecoveryArea", pages["service_recovery"])
        self.scrutiny_page = cast("ScrutinyPage", pages["scrutiny"])
        self.risk_wellbeing_area = cast("RiskWellbeingArea", pages["risk_wellbeing"])
        self.reports_page = cast("ReportsPage", pages["reports"])
        for area in AREAS:
            self._add_area(area, pages[area.key])
        self.sidebar.currentRowChanged.connect(self._on_row_changed)
        self.sidebar.setFixedWidth(self._sidebar_width())
        self._route_between_areas()
        self._built = True
        self.go_to(AREAS[0].key)
        self.workspace_ready.emit()
        if self.workspace_shown:
            self.sidebar.setFocus()

    # --- gate and workspace -----------------------------------------------------------

    @property
    def gate(self) -> QWidget | None:
        return self._gate

    @property
    def workspace_shown(self) -> bool:
        return self.screens.currentWidget() is self.workspace

    def show_gate(self, gate: QWidget) -> None:
        """Show a gate screen (create, unlock, recovery key) in place of the workspace."""
        previous = self._gate
        self._gate = gate
        self.screens.addWidget(gate)
        self.screens.setCurrentWidget(gate)
        if previous is not None and previous is not gate:
            self.screens.removeWidget(previous)
            previous.deleteLater()
        self._set_workspace_enabled(False)
        self.setWindowTitle(self.tr("SEC Desktop"))
        gate.setFocus()

    def show_workspace(self) -> None:
        self.build_workspace()
        if self._gate is not None:
            self.screens.removeWidget(self._gate)
            self._gate.deleteLater()
            self._gate = None
        self.screens.setCurrentWidget(self.workspace)
        self._set_workspace_enabled(True)
        self._on_row_changed(self.sidebar.currentRow())
        self.sidebar.setFocus()

    def _set_workspace_enabled(self, enabled: bool) -> None:
        for action in [*self._area_actions, self.lock_action, self.search_action]:
            action.setEnabled(enabled)
        self.workspace.setEnabled(enabled)

    def workspace_pages(self) -> list[QWidget]:
        """The areas' pages (none until the workspace is built)."""
        return [self._page_by_key[key] for key in self.area_keys() if key in self._page_by_key]

    # --- navigation -------------------------------------------------------------------

    def area_keys(self) -> list[str]:
        return [area.key for area in AREAS]

    def page(self, key: str) -> QWidget:
        return self._page_by_key[key]

    def current_area(self) -> str:
        return AREAS[self.pages.currentIndex()].key

    def go_to(self, key: str) -> None:
        self.sidebar.setCurrentRow(self.area_keys().index(key))

    def _route_between_areas(self) -> None:
        """A record shown in another area's screen is opened in its own area."""
        self.engagements_page.open_scrutiny_meeting.connect(self.open_scrutiny_meeting)
        self.engagements_page.open_feedback.connect(self.feedback_area.open_feedback)
        self.feedback_area.navigate_requested.connect(self.open_record)
        self.roster_area.open_requested.connect(self.open_record)
        self.today_page.open_requested.connect(self.open_record)
        self.risk_wellbeing_area.open_requested.connect(self.open_record)
        self.service_recovery_area.open_requested.connect(self.open_record)
        self.actions_area.open_requested.connect(self.open_record)
        self.feedback_area.raise_action_requested.connect(self.raise_action_from_feedback)

    def open_record(self, kind: str, record_id: int) -> None:
        """Show a record found elsewhere (search, themes, Today, a history) in its own area."""
        if kind in PARTICIPANT_TABS:
            self.go_to("roster")
            self.roster_area.open_participant(record_id, PARTICIPANT_TABS[kind])
        elif kind == "risk_reviews":
            self.go_to("risk_wellbeing")
            self.risk_wellbeing_area.show_risk_reviews()
        elif kind == "wellbeing_log":
            self.go_to("risk_wellbeing")
            self.risk_wellbeing_area.show_wellbeing_log()
        elif kind == "action":
            self.go_to("actions")
            self.actions_area.open_action(record_id)
        elif kind == "engagement":
            self.go_to("engagements")
            self.engagements_page.open_engagement(record_id)
        elif kind == "case":
            self.go_to("scrutiny")
            self.scrutiny_page.open_case(record_id)
        elif kind == "feedback":
            self.feedback_area.open_feedback(record_id)

    def raise_action_from_feedback(self, feedback_ids: list[int]) -> None:
        """ "You said, we did": an action answering the feedback items chosen."""
        self.go_to("actions")
        self.actions_area.raise_from_feedback(feedback_ids)

    def open_scrutiny_meeting(self, meeting_id: int) -> None:
        self.go_to("scrutiny")
        self.scrutiny_page.open_meeting(meeting_id)

    def search_records(self) -> None:
        """Full-text search over feedback, engagements and case timelines, from anywhere."""
        self.go_to("feedback")
        self.feedback_area.show_search()

    def _add_area(self, area: Area, page: QWidget) -> None:
        item = QListWidgetItem(area.translated_title(), self.sidebar)
        shortcut = QKeySequence(area.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        item.setToolTip(
            self.tr("{area} ({shortcut})").format(area=area.translated_title(), shortcut=shortcut)
        )
        item.setData(Qt.ItemDataRole.AccessibleTextRole, area.translated_title())
        item.setData(Qt.ItemDataRole.UserRole, area.key)
        # Tall enough for a comfortable target, in proportion to the user's font size.
        line = self.sidebar.fontMetrics().height()
        item.setSizeHint(QSize(0, int(line * SIDEBAR_ROW_LINES)))
        self.pages.addWidget(page)
        self._page_by_key[area.key] = page

    def _sidebar_width(self) -> int:
        metrics = self.sidebar.fontMetrics()
        widest = max(metrics.horizontalAdvance(area.translated_title()) for area in AREAS)
        return max(SIDEBAR_MIN_WIDTH, min(SIDEBAR_MAX_WIDTH, widest + SIDEBAR_TEXT_MARGIN))

    def _on_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.pages.setCurrentIndex(row)
        area = AREAS[row]
        self._set_title(area)
        self._area_actions[row].setChecked(True)

    def set_demo(self, demo: bool) -> None:
        """Mark the window as showing a demo vault (synthetic data), or not."""
        self._demo = demo
        self.demo_label.setVisible(demo)
        if self.workspace_shown:
            self._set_title(AREAS[self.pages.currentIndex()])

    def _set_title(self, area: Area) -> None:
        if self._demo:
            title = self.tr("{area} \u2013 SEC Desktop \u2013 DEMO")
        else:
            title = self.tr("{area} \u2013 SEC Desktop")
        self.setWindowTitle(title.format(area=area.translated_title()))

    # --- menus and status bar ---------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setToolTip(self.tr("Lock the vault now (Ctrl+L)"))
        self.lock_action.triggered.connect(self.lock_requested)
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        toolbar = self.addToolBar(self.tr("Vault"))
        toolbar.setObjectName("vaultToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.lock_action)
        toolbar.widgetForAction(self.lock_action).setAccessibleName(self.tr("Lock"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        self._area_actions: list[QAction] = []
        # Exclusive, so the Go menu ticks only the area on screen.
        group = QActionGroup(self)
        group.setExclusive(True)
        for area in AREAS:
            action = QAction(area.translated_title(), self)
            action.setObjectName(f"go_{area.key}")
            action.setShortcut(QKeySequence(area.shortcut))
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, key=area.key: self.go_to(key))
            go_menu.addAction(action)
            self._area_actions.append(action)
        # Preferences has a platform-standard shortcut too (Ctrl+, on most systems).
        preferences = QKeySequence(QKeySequence.StandardKey.Preferences)
        settings_keys = [QKeySequence(AREAS[-1].shortcut)]
        if not preferences.isEmpty() and preferences != settings_keys[0]:
            settings_keys.append(preferences)
        self._area_actions[-1].setShortcuts(settings_keys)
        self.addActions(self._area_actions)
        go_menu.addSeparator()
        self.search_action = QAction(self.tr("&Search records\u2026"), self)
        self.search_action.setObjectName("searchAction")
        self.search_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.search_action.setToolTip(
            self.tr("Search feedback, engagement notes and case timelines (Ctrl+Shift+F)")
        )
        self.search_action.triggered.connect(self.search_records)
        go_menu.addAction(self.search_action)
        self.addAction(self.search_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&About SEC Desktop"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(lambda: self._show_about(self))
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setAccessibleName(self.tr("Status"))
        version = QLabel(self.tr("Version {version}").format(version=sec_desktop.__version__), self)
        version.setObjectName("statusVersion")
        self.demo_label = QLabel(self.tr("DEMO: synthetic data, not real people"), self)
        self.demo_label.setObjectName("demoMarker")
        self.demo_label.hide()
        status.addPermanentWidget(self.demo_label)
        status.addPermanentWidget(version)

    def show_status(self, message: str, persistent: bool = False) -> None:
        """A message in the status bar: for a while, or until the next one if it matters."""
        self.statusBar().showMessage(message, 0 if persistent else STATUS_SECONDS * 1000)

    # --- geometry ---------------------------------------------------------------------

    def _restore_geometry(self, geometry_base64: str) -> None:
        restored = False
        if geometry_base64:
            try:
                raw = base64.b64decode(geometry_base64, validate=True)
            except ValueError:
                raw = b""
            restored = bool(raw) and self.restoreGeometry(QByteArray(raw))
        if not restored:
            self._fit_default_size()

    def _fit_default_size(self) -> None:
        screen = QGuiApplication.primaryScreen()
        size = QSize(DEFAULT_SIZE)
        if screen is not None:
            available = screen.availableGeometry().size()
            size = size.boundedTo(
                QSize(int(available.width() * 0.95), int(available.height() * 0.9))
            )
        self.resize(size.expandedTo(MINIMUM_SIZE))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.build_workspace()  # the settings page keeps the geometry (a rare early close)
        encoded = base64.b64encode(bytes(self.saveGeometry().data())).decode("ascii")
        self.settings_page.remember_geometry(encoded)
        super().closeEvent(event)
