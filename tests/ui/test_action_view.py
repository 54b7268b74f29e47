"""An action's own page on a real vault: its details, owner and meeting (opened in its own
area), dated updates (refused without a note), the feedback it answers by code with a
disclosure's row carrying no text, linking more items and unlinking one, editing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from sec_desktop.services.action_records import ActionDetails
from sec_desktop.ui.action_dialog import ActionDialog
from sec_desktop.ui.action_feedback_picker import FeedbackPickerDialog
from sec_desktop.ui.action_update_dialog import ActionUpdateDialog
from sec_desktop.ui.record_writer import RecordWriter
from tests.action_data import SECRET, ActionSeed, seed_actions
from tests.records import TODAY
from tests.ui.test_actions_area import refused, save, shown_area


@pytest.fixture
def seeded(records_vault) -> ActionSeed:
    return seed_actions(records_vault)


def cells(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_the_page_its_updates_feedback_and_meeting(qtbot, services, seeded) -> None:
    action_id = services.actions.raise_action(
        ActionDetails(
            "Explain no further action in person",
            description="Officers explain an NFA decision face to face",
            owner_department="Investigations",
            owner_partner_id=seeded.partner,
            due_on=TODAY + timedelta(days=10),
            raised_at_id=seeded.meeting,
        ),
        [seeded.first, seeded.disclosure, seeded.anonymous],
    )
    writer = RecordWriter()
    area = shown_area(qtbot, services, writer)
    assert area.open_action(action_id)
    view = area.view
    assert view.values["owner"].text() == "Investigations \u00b7 Example ISVA Service"
    assert view.values["due"].text() == "Due 5 Dec 2026"
    assert view.values["raised_at"].text() == "Domestic abuse (DA), 26 Sep 2026"
    assert view.summary_label.text() == "Proposed \u00b7 Due 5 Dec 2026 \u00b7 Feedback items: 3"
    rows = cells(view.feedback_table)
    assert sorted(row[1] for row in rows) == ["Anonymous survivor", "S-0101", "S-0101"]
    assert [r[3] for r in rows if "Disclosure" in r[3]] == ["Disclosure \u2014 open the item"]
    assert SECRET not in repr(rows)
    assert view.who.counts_label.text() == "Anonymous items: 1 (no one to tell)."

    # The meeting and an item open in their own areas.
    with qtbot.waitSignal(view.open_requested) as opened:
        view.meeting_button.click()
    assert opened.args == ["engagement", seeded.meeting]
    view.feedback_table.setFocus()
    view.feedback_table.selectRow(0)
    item_id = view.feedback_table.item(0, 0).data(Qt.ItemDataRole.UserRole)
    with qtbot.waitSignal(view.open_requested) as opened:
        QTest.keyClick(view.feedback_table, Qt.Key.Key_Return)
    assert opened.args == ["feedback", item_id]

    add_update(qtbot, area, writer)
    link_and_unlink(qtbot, area, writer, seeded)

    # Editing keeps what is there and changes what is typed.
    view.edit_button.click()
    edit = area.dialog
    assert isinstance(edit, ActionDialog)
    assert edit.department_edit.text() == "Investigations"
    edit.title_edit.setText("Explain NFA decisions in person")
    save(qtbot, edit, writer)
    assert view.heading.text() == "Explain NFA decisions in person"
    for widget in (
        view.back_button,
        view.edit_button,
        view.move_button,
        view.update_button,
        view.link_button,
        view.unlink_button,
        view.meeting_button,
        view.feedback_table,
        view.who.table,
        view.who.tell_button,
    ):
        assert widget.accessibleName()


def add_update(qtbot, area, writer: RecordWriter) -> None:
    """A dated update: refused without a note, then added."""
    view = area.view
    view.update_button.click()
    update = area.dialog
    assert isinstance(update, ActionUpdateDialog)
    refused(qtbot, update)
    assert update.errors.message("note")
    QTest.keyClicks(update.note_edit, "Met the head of Investigations")
    save(qtbot, update, writer)
    assert cells(view.updates_table) == [["25 Nov 2026", "Met the head of Investigations"]]


def link_and_unlink(qtbot, area, writer: RecordWriter, seeded) -> None:
    """Link two more items, then unlink one."""
    view = area.view
    view.link_button.click()
    picker = area.dialog
    assert isinstance(picker, FeedbackPickerDialog)
    qtbot.waitUntil(lambda: picker.model.rowCount() == 4)  # the items not linked yet
    picker.choose([seeded.withdrawn_item, seeded.partner_item])
    save(qtbot, picker, writer)
    assert view.feedback_table.rowCount() == 5
    row = next(
        r
        for r in range(view.feedback_table.rowCount())
        if view.feedback_table.item(r, 0).data(Qt.ItemDataRole.UserRole) == seeded.partner_item
    )
    view.feedback_table.selectRow(row)
    assert view.unlink_button.isEnabled()
    with qtbot.waitSignal(writer.written, timeout=10000):
        view.unlink_button.click()
    qtbot.waitUntil(lambda: view.feedback_table.rowCount() == 4)
    assert view.who.texts()[1].startswith("S-0102 | 1 | English | Not contactable.")


def test_the_picker_finds_items_through_the_service_and_keeps_the_chosen(
    qtbot, services, seeded
) -> None:
    action = services.actions.raise_action(ActionDetails("Ring back"), [seeded.first])
    picker = FeedbackPickerDialog(services, RecordWriter(), action, [seeded.first])
    qtbot.addWidget(picker)
    qtbot.waitUntil(lambda: picker.model.rowCount() == 6)  # all but the one linked

    def shown() -> set[int]:
        return {picker.model.row_at(r).id for r in range(picker.model.rowCount())}

    picker.choose([seeded.partner_item])
    with qtbot.waitSignal(picker.loaded, timeout=10000):
        picker.filter_edit.setText("WAIT")  # after a pause in typing
    assert shown() == {seeded.withdrawn_item, seeded.partner_item}
    assert picker.chosen_ids() == [seeded.partner_item]  # still chosen
    with qtbot.waitSignal(picker.loaded, timeout=10000):
        picker.filter_edit.setText(SECRET.split()[0])
    assert shown() == set()  # a disclosure is not found by its words
    with qtbot.waitSignal(picker.loaded, timeout=10000):
        picker.restore_input({"words": "", "any_date": True, "chosen": [seeded.anonymous]})
    assert len(shown()) == 6 and picker.chosen_ids() == [seeded.anonymous]
    picker.reject()
