"""The participant page's Development tab on a real vault: an opportunity offered by
keyboard (refused first without consent to be contacted about opportunities, with the
service's message and nothing lost), then taken up with what came of it; a form kept
across a lock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from sec_desktop.domain.action_enums import OpportunityKind, TakenUp
from sec_desktop.domain.enums import ConsentMethod, ConsentPurpose
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.participant_records import ParticipantDetails
from sec_desktop.ui.opportunity_dialog import OpportunityDialog
from sec_desktop.ui.participant_fields import choose
from sec_desktop.ui.participant_page import ParticipantPage
from sec_desktop.ui.record_writer import RecordWriter
from tests.records import TODAY
from tests.ui.test_participant_dialog import assert_keyboard_complete
from tests.ui.test_service_recovery import shot


@pytest.fixture
def writer(qtbot) -> RecordWriter:
    return RecordWriter()


@pytest.fixture
def person(services) -> int:
    return services.roster.add(ParticipantDetails(name="Robin Calloway")).id


@pytest.fixture
def page(qtbot, services, writer, person) -> ParticipantPage:
    widget = ParticipantPage()
    qtbot.addWidget(widget)
    widget.resize(1100, 680)
    widget.attach(services, writer)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.show_participant(person)
    widget.tabs.setCurrentWidget(widget.development)
    return widget


def save_with_enter(qtbot, dialog) -> None:
    dialog.title_edit.setFocus()
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy)


def test_an_opportunity_recorded(  # noqa: PLR0917 (fixtures)
    qtbot, services, writer, page, person, tmp_path
) -> None:
    tab = page.development
    assert page.tabs.indexOf(tab) == page.tabs.count() - 1
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "&Development"
    tab.add_button.setFocus()
    QTest.keyClick(tab.add_button, Qt.Key.Key_Space)
    dialog = tab.dialog
    assert isinstance(dialog, OpportunityDialog)
    assert_keyboard_complete(qtbot, dialog)
    choose(dialog.kind_combo, OpportunityKind.SPEAKING)
    QTest.keyClicks(dialog.title_edit, "Speaking at the VAWDAS board")

    # No consent to be contacted about opportunities: refused, the form kept.
    save_with_enter(qtbot, dialog)
    assert dialog.isVisible()
    assert "no current consent to be contacted" in dialog.general_error.text()
    assert services.development.for_participant(person) == []

    services.consent.give(
        person,
        ConsentGiven(ConsentPurpose.CONTACT, TODAY - timedelta(days=5), ConsentMethod.VERBAL),
    )
    with qtbot.waitSignal(writer.written, timeout=10000):
        save_with_enter(qtbot, dialog)
    qtbot.waitUntil(lambda: tab.dialog is None)
    table = tab.table
    assert table.rowCount() == 1
    assert table.item(0, 2).text() == "Speaking at the VAWDAS board"
    assert table.item(0, 3).text() == "Waiting for an answer"

    # Later: taken up, and what came of it.
    table.setFocus()
    table.selectRow(0)
    QTest.keyClick(table, Qt.Key.Key_Return)
    edit = tab.dialog
    assert isinstance(edit, OpportunityDialog) and edit.opportunity_id is not None
    assert edit.title_edit.text() == "Speaking at the VAWDAS board"
    choose(edit.taken_combo, TakenUp.TAKEN_UP)
    QTest.keyClicks(edit.outcome_edit, "Spoke for ten minutes; the board changed its survey.")
    with qtbot.waitSignal(writer.written, timeout=10000):
        save_with_enter(qtbot, edit)
    qtbot.waitUntil(lambda: tab.dialog is None)
    row = services.development.for_participant(person)[0]
    assert row.taken_up is TakenUp.TAKEN_UP and row.what_came_of_it.startswith("Spoke")
    assert table.item(0, 3).text() == "Taken up"
    shot(page, "recovery-development-tab", tmp_path)


def test_an_opportunity_form_survives_a_lock(qtbot, services, writer, page, person) -> None:
    dialog = page.development.add_opportunity()
    QTest.keyClicks(dialog.title_edit, "Writing for the newsletter")
    state = page.take_draft()
    page.detach()
    assert page.development.table.rowCount() == 0 and page.development.dialog is None
    page.attach(services, writer)
    page.restore_draft(state)
    again = page.development.dialog
    assert isinstance(again, OpportunityDialog)
    assert again.title_edit.text() == "Writing for the newsletter"
