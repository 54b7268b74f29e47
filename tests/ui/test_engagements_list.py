"""The engagements list on a real vault: the kind, the period and the quick filter over
title, topic, project and code, all asked of the service off the GUI thread (a stale
answer dropped); the newest engagements only, the count line saying so when capped; the
selection kept while still shown; the keyboard and accessible names; a lock clears it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtTest import QTest

from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.services.engagement_records import FocusGroupDetails, StaffForumDetails
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui import engagements_list
from sec_desktop.ui.engagements_list import EngagementsList
from sec_desktop.ui.engagements_model import Period
from sec_desktop.ui.participant_fields import choose
from tests.records import TODAY
from tests.services import test_engagements as seeded
from tests.ui.test_participant_dialog import show

# The service tests' vault with people on its roster, shared as fixtures.
people_template = seeded.people_template
people_vault = seeded.people_vault
on_roster = seeded.on_roster


def focus(services: RecordServices, days_ago: int, title: str, topic: str = "") -> int:
    details = FocusGroupDetails(title, TODAY - timedelta(days=days_ago), topic=topic, venue="HQ")
    return services.engagements.record_focus_group(details)


@pytest.fixture
def made(on_roster: RecordServices) -> dict[str, int]:
    """Newest first: two focus groups and a staff forum session, then an older group."""
    return {
        "newest": focus(on_roster, 1, "Reporting online", "The online form"),
        "middle": focus(on_roster, 3, "Court waiting areas", "Straße and safety"),
        "forum": on_roster.engagements.record_staff_forum(
            StaffForumDetails(TODAY - timedelta(days=5), 9, venue="HQ")
        ),
        "oldest": focus(on_roster, 200, "ÉCOLE and updates", "Online updates"),
    }


def loaded_list(qtbot, services: RecordServices) -> EngagementsList:
    widget = show(qtbot, EngagementsList())
    with qtbot.waitSignal(widget.loaded, timeout=10000):
        widget.load(services)
    return widget


def shown(widget: EngagementsList) -> list[int | None]:
    return [widget.model.engagement_id(r) for r in range(widget.model.rowCount())]


def filtered(qtbot, widget: EngagementsList, words: str) -> list[int | None]:
    """The ids shown once the service has answered the filter."""
    widget.filter_edit.setText(words)
    with qtbot.waitSignal(widget.loaded, timeout=10000):
        widget.apply_filter()
    return shown(widget)


def test_only_the_newest_are_shown_and_the_count_line_says_so(
    qtbot, on_roster, made, monkeypatch
) -> None:
    monkeypatch.setattr(engagements_list, "PAGE_LIMIT", 2)
    widget = loaded_list(qtbot, on_roster)
    assert shown(widget) == [made["newest"], made["middle"]]
    assert widget.count_label.text() == (
        "Showing the newest 2 of 4 engagements. Choose a kind or type in the filter to find others."
    )
    # Words are found by the service among all four, not among the two shown.
    assert filtered(qtbot, widget, "ONLINE") == [made["newest"], made["oldest"]]
    assert widget.count_label.text() == "Showing 2 of 4"  # not capped
    assert filtered(qtbot, widget, "strasse") == [made["middle"]]  # case-folded: ß is ss
    assert filtered(qtbot, widget, "école updates") == [made["oldest"]]
    assert filtered(qtbot, widget, "e") == [made["newest"], made["middle"]]
    assert widget.count_label.text() == (
        "Showing the newest 2 of 3 matching engagements. Choose a kind or period, or add "
        "words to the filter, to find others."
    )
    # The kind and the words together.
    with qtbot.waitSignal(widget.loaded, timeout=10000):
        choose(widget.kind_combo, EngagementKind.STAFF_FORUM)
    assert shown(widget) == [] and widget.count_label.text() == "Showing 0 of 4"
    assert filtered(qtbot, widget, "") == [made["forum"]]
    assert widget.count_label.text() == "Showing 1 of 4"


def test_the_filter_and_kind_keep_the_chosen_row_while_it_is_shown(qtbot, on_roster, made) -> None:
    widget = loaded_list(qtbot, on_roster)
    assert widget.count_label.text() == "Showing 4 of 4"
    assert widget.selected_id() == made["newest"]
    widget.select(made["oldest"])
    assert filtered(qtbot, widget, "online") == [made["newest"], made["oldest"]]
    assert widget.selected_id() == made["oldest"]  # still shown: still chosen
    with qtbot.waitSignal(widget.loaded, timeout=10000):
        choose(widget.period_combo, Period.DAYS_30)
    assert shown(widget) == [made["newest"]] and widget.filter_edit.text() == "online"
    assert widget.selected_id() == made["newest"]  # gone: the first instead
    with qtbot.waitSignal(widget.loaded, timeout=10000):
        choose(widget.kind_combo, EngagementKind.ONE_TO_ONE)
    assert shown(widget) == [] and widget.selected_id() is None
    # A reload (after a write) keeps the kind, the period and the words.
    with qtbot.waitSignal(widget.loaded, timeout=10000):
        widget.load(on_roster)
    assert shown(widget) == [] and widget.filter_edit.text() == "online"


def test_typing_asks_the_service_and_a_stale_answer_is_dropped(qtbot, on_roster, made) -> None:
    widget = loaded_list(qtbot, on_roster)
    for field in (widget.kind_combo, widget.period_combo, widget.filter_edit, widget.table):
        assert field.accessibleName()
    widget.filter_edit.setFocus()
    QTest.keyClicks(widget.filter_edit, "court")  # after a pause in typing
    qtbot.waitUntil(lambda: shown(widget) == [made["middle"]], timeout=10000)

    # Two questions in a row: only the answer to the last is shown.
    answers: list[list[int | None]] = []
    widget.loaded.connect(lambda: answers.append(shown(widget)))
    widget.filter_edit.setText("reporting")
    widget.apply_filter()
    widget.filter_edit.setText("updates")
    with qtbot.waitSignal(widget.loaded, timeout=10000):
        widget.apply_filter()
    QThreadPool.globalInstance().waitForDone(10000)  # the other answer too, if still out
    QCoreApplication.processEvents()
    assert answers == [[made["oldest"]]]

    widget.clear()
    assert widget.model.rowCount() == 0 and widget.filter_edit.text() == ""
    assert widget.count_label.text() == ""
    widget.apply_filter()  # locked: nothing is asked
    assert widget.model.rowCount() == 0
