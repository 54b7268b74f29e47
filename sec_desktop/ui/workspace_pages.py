"""The workspace's pages, built in short steps once the unlock screen is on screen.

`page_steps` imports the pages' modules (the vault stack first, a large module per step)
and then builds the pages a few at a time, yielding between steps, so that a caller can
run one step per turn of the event loop (see `MainWindow.workspace_steps`). Nothing here
is imported by the unlock screen.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from sec_desktop.paths import AppPaths
from sec_desktop.settings import Preferences, PreferencesStore
from sec_desktop.ui.areas import AREAS
from sec_desktop.ui.translation import Language

if TYPE_CHECKING:
    from sec_desktop.ui.vault_session import VaultSession

# The modules of the workspace's pages, imported one at a time when the workspace is built
# in stages (see `page_steps`): the unlock screen needs none of them.
PAGE_MODULES = (
    # The vault stack first, a large module per step (each up to ~0.1 s here).
    "sqlalchemy",
    "sqlalchemy.orm",
    "sec_desktop.vault.vault",
    "sec_desktop.domain.action",
    "sec_desktop.services.actions",
    "sec_desktop.services.record_services",
    "sec_desktop.ui.settings_page",
    "sec_desktop.ui.today_page",
    "sec_desktop.ui.roster_area",
    "sec_desktop.ui.engagements_page",
    "sec_desktop.ui.feedback_area",
    "sec_desktop.ui.actions_area",
    "sec_desktop.ui.service_recovery_area",
    "sec_desktop.ui.partners_page",
    "sec_desktop.ui.scrutiny_page",
    "sec_desktop.ui.risk_wellbeing_area",
    "sec_desktop.ui.reports_page",
    "sec_desktop.ui.pending_page",
)


def page_steps(
    parent: QWidget,
    pages: dict[str, QWidget],
    *,
    store: PreferencesStore,
    preferences: Preferences,
    languages: Sequence[Language],
    paths: AppPaths,
    session: VaultSession | None,
) -> Iterator[None]:
    """Import the pages' modules, then build every area's page into `pages` (by area key,
    children of `parent`), yielding between steps."""
    for module in PAGE_MODULES:
        importlib.import_module(module)
        yield
    from sec_desktop.ui.actions_area import ActionsArea  # noqa: PLC0415
    from sec_desktop.ui.engagements_page import EngagementsPage  # noqa: PLC0415
    from sec_desktop.ui.feedback_area import FeedbackArea  # noqa: PLC0415
    from sec_desktop.ui.partners_page import PartnersPage  # noqa: PLC0415
    from sec_desktop.ui.pending_page import PendingPage  # noqa: PLC0415
    from sec_desktop.ui.reports_page import ReportsPage  # noqa: PLC0415
    from sec_desktop.ui.risk_wellbeing_area import RiskWellbeingArea  # noqa: PLC0415
    from sec_desktop.ui.roster_area import RosterArea  # noqa: PLC0415
    from sec_desktop.ui.scrutiny_page import ScrutinyPage  # noqa: PLC0415
    from sec_desktop.ui.service_recovery_area import ServiceRecoveryArea  # noqa: PLC0415
    from sec_desktop.ui.settings_page import SettingsPage  # noqa: PLC0415
    from sec_desktop.ui.today_page import TodayPage  # noqa: PLC0415

    pages["settings"] = SettingsPage(
        store=store,
        preferences=preferences,
        languages=languages,
        paths=paths,
        session=session,
        parent=parent,
    )
    yield
    pages["engagements"] = EngagementsPage(parent)
    pages["feedback"] = FeedbackArea(parent)
    pages["scrutiny"] = ScrutinyPage(parent)
    yield
    pages["today"] = TodayPage(parent)
    pages["roster"] = RosterArea(parent)
    pages["risk_wellbeing"] = RiskWellbeingArea(parent)
    yield
    pages["service_recovery"] = ServiceRecoveryArea(parent)
    pages["actions"] = ActionsArea(parent)
    pages["reports"] = ReportsPage(parent)
    yield
    pages["partners"] = PartnersPage(parent)
    for area in AREAS:
        if area.key not in pages:
            pages[area.key] = PendingPage(area, parent)
