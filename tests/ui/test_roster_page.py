"""The roster page: finding people by typing, filters, sorting, the keyboard, and locking."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import QApplication

from sec_desktop.domain.enums import (
    CommunicationNeed,
    ConsentMethod,
    ConsentPurpose,
    Group,
    Language,
    ParticipantStatus,
)
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.participant_records import CommunicationNeeds, ParticipantDetails
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.roster_model import CODE, COLUMNS, NAME, ParticipantIdRole
from sec_desktop.ui.roster_page import RosterPage
from tests.records import TODAY


def add(services, name: str, needs=(), **details) -> int:
    ref = services.roster.add(
        ParticipantDetails(name=name, **details),
        communication=CommunicationNeeds(frozenset(needs)),
    )
    return ref.id


def consent(services, person_id: int, purpose: ConsentPurpose, review_in_days=None) -> None:
    review_on = TODAY + timedelta(days=review_in_days) if review_in_days is not None else None
    services.consent.give(
        person_id, ConsentGiven(purpose, TODAY, ConsentMethod.VERBAL, review_on=review_on)
    )


@pytest.fixture
def people(services) -> dict[str, int]:
    """Three participants: S-0001 Robin, S-0002 Dana, S-0003 Ellis."""
    robin = add(
        services,
        "Robin Calloway",
        needs={CommunicationNeed.WELSH, CommunicationNeed.LARGE_PRINT},
        status=ParticipantStatus.ACTIVE,
        language=Language.WELSH,
    )
    consent(services, robin, ConsentPurpose.NETWORK, review_in_days=10)
    services.groups.join(robin, Group.NETWORK, TODAY)
    dana = add(
        services,
        "Dana Pryce",
        needs={CommunicationNeed.BSL},
        status=ParticipantStatus.PAUSED,
        record_review_on=TODAY + timedelta(days=90),
    )
    ellis = add(
        services,
        "Ellis Mort",
        status=ParticipantStatus.ENQUIRY,
        language=Language.OTHER,
        language_other="Polish",
    )
    consent(services, ellis, ConsentPurpose.REFERENCE_GROUP)
    services.groups.join(ellis, Group.REFERENCE_GROUP, TODAY)
    return {"Robin Calloway": robin, "Dana Pryce": dana, "Ellis Mort": ellis}


@pytest.fixture
def writer():
    return RecordWriter()


@pytest.fixture
def page(qtbot, services, writer, people):
    widget = RosterPage()
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.attach(services, writer)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def names(page) -> list[str]:
    return [page.model.index(row, NAME).data() for row in range(page.model.rowCount())]


def test_it_lists_everyone_with_a_count(page):
    assert names(page) == ["Robin Calloway", "Dana Pryce", "Ellis Mort"]
    assert page.count_label.text() == "Showing 3 of 3 participants"
    assert page.stack.currentWidget() is page.table
    assert page.search_edit.placeholderText() == "Search by name or code"


def test_finding_by_name_and_by_code_by_typing(qtbot, page):
    qtbot.keyClicks(page.search_edit, "callo")
    assert names(page) == ["Robin Calloway"]
    assert page.count_label.text() == "Showing 1 of 3 participants"
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "s2")
    assert names(page) == ["Dana Pryce"]
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "S-0003")
    assert names(page) == ["Ellis Mort"]


def test_typing_in_the_table_goes_to_the_search_field(qtbot, page):
    page.table.setFocus()
    qtbot.keyClicks(page.table, "pry")
    assert page.search_edit.text() == "pry"
    assert names(page) == ["Dana Pryce"]
    assert QApplication.focusWidget() is page.search_edit
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Backspace)
    assert page.search_edit.text() == "pr"


@pytest.mark.parametrize(
    ("combo", "choice", "expected"),
    [
        ("group_combo", "Survivor Network", ["Robin Calloway"]),
        ("group_combo", "Victim Reference Group", ["Ellis Mort"]),
        ("group_combo", "No group", ["Dana Pryce"]),
        ("status_combo", "Paused", ["Dana Pryce"]),
        ("status_combo", "Left", []),
        ("need_combo", "BSL interpreter", ["Dana Pryce"]),
        ("need_combo", "Large print", ["Robin Calloway"]),
        ("language_combo", "Welsh (Cymraeg)", ["Robin Calloway"]),
        ("language_combo", "Other language", ["Ellis Mort"]),
    ],
)
def test_each_filter_narrows_the_list(page, combo, choice, expected):
    box = getattr(page, combo)
    index = box.findText(choice)
    assert index > 0
    box.setCurrentIndex(index)
    assert names(page) == expected
    box.setCurrentIndex(0)
    assert len(names(page)) == 3


def test_review_due_within_30_days(qtbot, page):
    page.review_check.setChecked(True)
    # Robin's consent review is in 10 days; Dana's record review in 90; Ellis has none.
    assert names(page) == ["Robin Calloway"]


def test_filters_combine(page):
    page.group_combo.setCurrentIndex(page.group_combo.findText("No group"))
    page.search_edit.setText("robin")
    assert names(page) == []
    page.search_edit.setText("dana")
    assert names(page) == ["Dana Pryce"]


def test_when_a_filter_hides_everyone_it_says_so_and_offers_to_clear(qtbot, page):
    page.search_edit.setText("nobody here")
    page.status_combo.setCurrentIndex(page.status_combo.findText("Left"))
    assert page.stack.currentWidget() is page.empty_panel
    assert page.empty_label.text().startswith("No participants match")
    assert page.clear_filters_button.isVisible()
    assert not page.print_button.isEnabled()
    qtbot.mouseClick(page.clear_filters_button, Qt.MouseButton.LeftButton)
    assert page.search_edit.text() == ""
    assert page.status_combo.currentIndex() == 0
    assert len(names(page)) == 3
    assert page.stack.currentWidget() is page.table


def test_an_empty_vault_says_how_to_add_the_first_participant(qtbot, services, writer):
    page = RosterPage()
    qtbot.addWidget(page)
    page.attach(services, writer)
    page.show()
    assert page.stack.currentWidget() is page.empty_panel
    assert "Add participant" in page.empty_label.text()
    assert "Ctrl+N" in page.empty_label.text()
    assert not page.clear_filters_button.isVisible()
    assert not page.count_label.isVisible()
    with qtbot.waitSignal(page.add_requested):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)


def click_header(qtbot, page, column: int) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_sorting_by_clicking_a_header(qtbot, page):
    click_header(qtbot, page, NAME)
    assert names(page) == ["Dana Pryce", "Ellis Mort", "Robin Calloway"]
    click_header(qtbot, page, NAME)
    assert names(page) == ["Robin Calloway", "Ellis Mort", "Dana Pryce"]
    click_header(qtbot, page, CODE)
    assert [page.model.index(r, CODE).data() for r in range(3)] == ["S-0001", "S-0002", "S-0003"]


def select(page, name: str) -> None:
    row = names(page).index(name)
    page.table.setCurrentIndex(page.model.index(row, NAME))


def test_enter_on_a_row_opens_the_participant(qtbot, page, people):
    page.table.setFocus()
    select(page, "Dana Pryce")
    with qtbot.waitSignal(page.participant_opened) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [people["Dana Pryce"]]
    with qtbot.waitSignal(page.participant_opened) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Enter)
    assert opened.args == [people["Dana Pryce"]]


def test_double_click_opens_the_participant(qtbot, page, people):
    rect = page.table.visualRect(page.model.index(2, NAME))
    # A real double-click starts with a press: the view opens only the row pressed.
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.participant_opened) as opened:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [people["Ellis Mort"]]


def test_down_from_the_search_moves_into_the_table(qtbot, page, people):
    page.search_edit.setFocus()
    qtbot.keyClicks(page.search_edit, "e")  # Robin Calloway? no "e"; Dana Pryce, Ellis Mort
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.table
    assert page.selected_id() == people["Dana Pryce"]
    assert page.table.selectionModel().isRowSelected(0)


def test_escape_in_the_search_clears_it(qtbot, page):
    qtbot.keyClicks(page.search_edit, "dana")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Escape)
    assert page.search_edit.text() == ""
    assert len(names(page)) == 3


def test_print_asks_for_the_ids_shown_in_order(qtbot, page, people):
    page.group_combo.setCurrentIndex(page.group_combo.findText("Any group"))
    page.search_edit.setText("r")  # Robin Calloway, Dana Pryce, Ellis Mort all have an r
    page.status_combo.setCurrentIndex(page.status_combo.findText("Paused"))
    page.status_combo.setCurrentIndex(0)
    click_header(qtbot, page, NAME)
    click_header(qtbot, page, NAME)  # descending
    with qtbot.waitSignal(page.print_requested) as asked:
        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    expected = [people[n] for n in ("Robin Calloway", "Ellis Mort", "Dana Pryce")]
    assert asked.args == [expected]
    page.search_edit.setText("mort")
    with qtbot.waitSignal(page.print_requested) as asked:
        page.print_action.trigger()
    assert asked.args == [[people["Ellis Mort"]]]


def test_the_filter_is_described_for_the_printout(page):
    page.filters.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    assert page.filter_description() == "everyone"
    page.search_edit.setText("pry")
    page.status_combo.setCurrentIndex(page.status_combo.findText("Paused"))
    page.review_check.setChecked(True)
    assert page.filter_description() == (
        "search \u201cpry\u201d, status: Paused and review due within 30 days"
    )


def test_reload_keeps_the_filter_sort_and_selection(qtbot, page, services, people):
    click_header(qtbot, page, NAME)
    page.search_edit.setText("r")
    select(page, "Ellis Mort")
    new = add(services, "Aaron Rhys")
    add(services, "Sam Jones")  # no "r": filtered out
    page.reload()
    assert names(page) == ["Aaron Rhys", "Dana Pryce", "Ellis Mort", "Robin Calloway"]
    assert page.search_edit.text() == "r"
    assert page.selected_id() == people["Ellis Mort"]
    assert page.count_label.text() == "Showing 4 of 5 participants"
    assert page.first_participant_id() == new


def test_select_participant_clears_a_filter_that_hides_them(page, people):
    page.search_edit.setText("dana")
    assert page.select_participant(people["Robin Calloway"])
    assert page.search_edit.text() == ""
    assert page.selected_id() == people["Robin Calloway"]
    assert not page.select_participant(99_999)


def test_a_write_refreshes_the_roster(qtbot, page, services, writer):
    with qtbot.waitSignal(writer.written, timeout=10000):
        writer.write(
            lambda: services.roster.add(ParticipantDetails(name="Aaron Rhys")),
            lambda _ref: None,
            lambda error: pytest.fail(str(error)),
        )
    assert "Aaron Rhys" in names(page)


def test_detach_leaves_no_name_behind(qtbot, page):
    page.search_edit.setText("robin")
    page.need_combo.setCurrentIndex(2)
    page.review_check.setChecked(True)
    page.detach()
    assert page.model.rowCount() == 0
    assert page.model.total == 0
    assert page.search_edit.text() == ""
    assert page.need_combo.currentIndex() == 0
    assert not page.review_check.isChecked()
    assert not page.add_button.isEnabled()
    assert not page.print_button.isEnabled()
    assert page.empty_label.text() == ""
    assert page.count_label.text() == "Showing 0 of 0 participants"
    assert not page.count_label.isVisible()
    # Even asked directly, the model has nothing left to give.
    for column in range(COLUMNS):
        assert page.model.index(0, column).data() is None
        assert page.model.index(0, column).data(ParticipantIdRole) is None


def test_ctrl_n_asks_to_add_and_ctrl_f_goes_to_the_search(qtbot, page):
    page.table.setFocus()
    with qtbot.waitSignal(page.add_requested):
        qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search_edit


def test_a_narrow_window_keeps_names_readable(qtbot, page):
    page.resize(700, 600)
    qtbot.waitUntil(lambda: page.table.columnWidth(NAME) >= 180)
    page.resize(1600, 600)
    qtbot.waitUntil(lambda: page.table.columnWidth(NAME) > 300)
