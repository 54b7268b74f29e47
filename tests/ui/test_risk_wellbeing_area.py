"""The Risk and wellbeing area on a real vault: its tabs by keyboard, the risk reviews due
(opening a participant), the follow-ups (marked done by keyboard, opening the session),
the private log's tab, a half-typed check-in kept across a lock, and nothing left on
screen after detaching."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from sec_desktop.domain.risk import WellbeingCheck
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.risk_wellbeing_area import DRAFT_KEY, RiskWellbeingArea
from sec_desktop.ui.today_page import TodayPage
from tests.records import TODAY
from tests.ui.test_today_page import make_day, save_shot
from tests.ui.test_translations import (  # noqa: F401 (a fixture)
    _untranslated,
    _visible_texts,
    pseudo_language,
)


@pytest.fixture
def writer(qtbot) -> RecordWriter:
    return RecordWriter()


@pytest.fixture
def area(qtbot, records_vault, services, writer):
    day = make_day(records_vault, services)
    widget = RiskWellbeingArea()
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.attach(services, writer)
    with qtbot.waitSignal(widget.reviews.loaded, timeout=10000):
        widget.show()
    return widget, day


def test_risk_reviews_list_the_due_and_open_a_participant(qtbot, area) -> None:
    widget, day = area
    reviews = widget.reviews
    assert widget.tabs.currentWidget() is reviews
    assert reviews.texts() == [
        f"S-0001 | Overdue: was due {shown_date(TODAY - timedelta(days=3))} | "
        "Review the risk assessment",
        "S-0002 | No assessment yet | Record a first risk assessment",
        "S-0003 | No assessment yet | Record a first risk assessment",
    ]
    assert reviews.count_label.text() == "3 due; 1 overdue."
    overdue = reviews.table.item(0, 0)
    assert overdue.font().bold() and not reviews.table.item(1, 0).font().bold()
    save_shot(qtbot, widget, "wellbeing-risk-reviews")

    reviews.table.setFocus()
    reviews.table.selectRow(1)
    with qtbot.waitSignal(widget.open_requested) as opened:
        QTest.keyClick(reviews.table, Qt.Key.Key_Return)
    assert opened.args == ["participant", day.seeded.withdrawn]


def test_follow_ups_marked_done_by_keyboard_and_a_session_opened(
    qtbot, area, records_vault
) -> None:
    widget, day = area
    # Ctrl+Tab moves to the next tab, as in every tab widget.
    with qtbot.waitSignal(widget.follow_ups.loaded, timeout=10000):
        QTest.keyClick(widget.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    follow_ups = widget.follow_ups
    assert widget.tabs.currentWidget() is follow_ups
    assert follow_ups.texts() == [
        "S-0003 | A session with no title | Overdue: was due "
        f"{shown_date(TODAY - timedelta(days=2))}",
        f"S-0001 | Courts focus group | Due {shown_date(TODAY + timedelta(days=3))}",
    ]
    save_shot(qtbot, widget, "wellbeing-follow-ups")

    follow_ups.table.setFocus()
    follow_ups.table.selectRow(0)
    with qtbot.waitSignal(widget.open_requested) as opened:
        QTest.keyClick(follow_ups.table, Qt.Key.Key_Return)
    assert opened.args == ["engagement", day.overdue_session]

    # Ctrl+D in the table: done today, and gone from the list.
    with qtbot.waitSignal(follow_ups.loaded, timeout=10000):
        QTest.keyClick(follow_ups.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert follow_ups.texts() == [
        f"S-0001 | Courts focus group | Due {shown_date(TODAY + timedelta(days=3))}"
    ]
    assert follow_ups.count_label.text().startswith("Follow-up with S-0003 marked done.")
    with records_vault.reading() as session:
        done = {
            row.participant_id: row.follow_up_done_on
            for row in session.query(WellbeingCheck).filter(WellbeingCheck.follow_up_needed)
        }
    assert done == {day.seeded.review_passed: TODAY, day.seeded.quoted: None}

    # The button too (Space on it, reached by Tab).
    follow_ups.done_button.setFocus()
    with qtbot.waitSignal(follow_ups.loaded, timeout=10000):
        QTest.keyClick(follow_ups.done_button, Qt.Key.Key_Space)
    assert follow_ups.texts() == []
    assert "No follow-up is waiting" in follow_ups.count_label.text()


def test_the_private_log_tab_a_draft_and_detach(qtbot, area, services, writer) -> None:
    widget, _day = area
    widget.open_record("wellbeing_log", 0)  # what the Today page's suggestion asks for
    assert widget.tabs.currentWidget() is widget.log
    qtbot.waitUntil(lambda: widget.log.view is not None, timeout=10000)
    assert widget.log.suggestion.isVisibleTo(widget)
    save_shot(qtbot, widget, "wellbeing-log-tab")

    widget.log.mood.set_value(2)
    widget.log.check_in_note.setPlainText("Half typed")
    assert widget.draft_key() == DRAFT_KEY
    draft = widget.take_draft()

    widget.detach()
    for panel in (widget.reviews, widget.follow_ups):
        assert panel.table.rowCount() == 0 and panel.count_label.text() == ""
    assert widget.log.recent.rowCount() == 0 and widget.log.exposure_total.text() == ""
    assert widget.log.check_in_note.toPlainText() == "" and widget.log.mood.value() == 0
    assert widget.tabs.currentWidget() is widget.reviews

    widget.attach(services, writer)
    widget.restore_draft(draft)
    assert widget.tabs.currentWidget() is widget.log
    assert widget.log.mood.value() == 2
    assert widget.log.check_in_note.toPlainText() == "Half typed"


@pytest.fixture
def day(records_vault, services):
    return make_day(records_vault, services)


def test_every_visible_string_is_translated(
    qtbot,
    day,
    services,
    writer,
    pseudo_language,  # noqa: F811 (the fixture imported above)
) -> None:
    qapp = QApplication.instance()
    translator = QTranslator()
    assert translator.load(str(pseudo_language / "sec_desktop_cy.qm"))
    qapp.installTranslator(translator)
    try:
        today = TodayPage()
        qtbot.addWidget(today)
        today.attach(services, writer)
        with qtbot.waitSignal(today.loaded, timeout=10000):
            today.show()
        assert _untranslated([(w, t) for w, t in _visible_texts(today) if t]) == []
        shown = [("item", text) for key in today.shown_sections() for text in today.texts(key)]
        assert len(shown) == 7
        assert _untranslated(shown) == []

        widget = RiskWellbeingArea()
        qtbot.addWidget(widget)
        widget.attach(services, writer)
        with qtbot.waitSignal(widget.reviews.loaded, timeout=10000):
            widget.show()
        for panel in (widget.follow_ups, widget.log):
            with qtbot.waitSignal(panel.loaded, timeout=10000):
                widget.tabs.setCurrentWidget(panel)
        assert _untranslated([(w, t) for w, t in _visible_texts(widget) if t]) == []
        # Every cell but the codes and the session's own title.
        cells = [
            ("cell", cell)
            for row in widget.reviews.texts() + widget.follow_ups.texts()
            for cell in row.split(" | ")[1:]
            if cell != "Courts focus group"
        ]
        assert len(cells) == 9
        assert _untranslated(cells) == []
    finally:
        qapp.removeTranslator(translator)
