"""The Actions area on a real vault: an action raised from two feedback items chosen in the
feedback list by keyboard, moved to done (refused first without an outcome), and both
people told; the board by status with overdue said in words and in colour, its filters,
Enter and Ctrl+N; a half-typed form kept across a lock."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from sec_desktop.domain.action_enums import ActionStatus, TellingChannel
from sec_desktop.domain.enums import ContactChannel
from sec_desktop.services.action_records import ActionDetails
from sec_desktop.services.participant_records import SafeContactRules
from sec_desktop.ui.action_dialog import ActionDialog
from sec_desktop.ui.action_status_dialog import ActionStatusDialog
from sec_desktop.ui.actions_area import ActionsArea
from sec_desktop.ui.actions_board import TITLE
from sec_desktop.ui.drafts import SealedDrafts
from sec_desktop.ui.feedback_list import FeedbackList
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.today_page import overdue_colour
from sec_desktop.ui.told_dialog import ToldDialog
from tests.action_data import ActionSeed, seed_actions
from tests.records import TODAY

SHOTS = Path("/tmp/shots")  # noqa: S108 (screenshots to look at, as the brief asks)


@pytest.fixture
def seeded(records_vault) -> ActionSeed:
    return seed_actions(records_vault)


def shown_area(qtbot, services, writer: RecordWriter) -> ActionsArea:
    area = ActionsArea()
    qtbot.addWidget(area)
    # The writer lives as long as the area, as the session's does: its answers may
    # still be on their way when the test returns.
    writer.setParent(area)
    area.resize(1100, 800)
    area.show()
    qtbot.waitExposed(area)
    active(qtbot, area)
    with qtbot.waitSignal(area.board.loaded, timeout=10000):  # read off the GUI thread
        area.attach(services, writer)
    return area


def active(qtbot, widget: QWidget) -> None:
    with qtbot.waitActive(widget):
        widget.activateWindow()


def save(qtbot, dialog, writer: RecordWriter) -> None:
    """Save, expecting it to be accepted."""
    with qtbot.waitSignal(writer.written, timeout=10000):
        dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def refused(qtbot, dialog) -> None:
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.isVisible()


def shot(widget: QWidget, name: str) -> None:
    QApplication.processEvents()  # the layout of what was just shown
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(os.fspath(SHOTS / f"action-{name}.png"))


def feedback_and_area(
    qtbot, services, writer: RecordWriter
) -> tuple[QWidget, FeedbackList, ActionsArea]:
    """The feedback list shown, the Actions area beside it (hidden), routed as the window
    routes them."""
    host = QWidget()
    qtbot.addWidget(host)
    writer.setParent(host)
    host.resize(1100, 800)
    feedback = FeedbackList(host)
    area = ActionsArea(host)
    column = QVBoxLayout(host)
    column.addWidget(feedback)
    column.addWidget(area)
    area.hide()
    host.show()
    qtbot.waitExposed(host)
    with qtbot.waitSignal(feedback.loaded, timeout=10000):
        feedback.attach(services, writer)
    area.attach(services, writer)
    feedback.raise_action_requested.connect(area.raise_from_feedback)
    return host, feedback, area


def raise_by_keyboard(qtbot, feedback: FeedbackList, area: ActionsArea, seeded) -> ActionDialog:
    """Narrow to the two items about updates, choose both, raise: all by keyboard."""
    feedback.filter_edit.setFocus()
    QTest.keyClicks(feedback.filter_edit, "updates")
    qtbot.waitUntil(lambda: feedback.model.rowCount() == 2)
    feedback.table.setFocus()
    QTest.keyClick(feedback.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(feedback.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    both = sorted([seeded.first, seeded.no_rules_item])
    assert sorted(feedback.chosen_ids()) == both
    with qtbot.waitSignal(feedback.raise_action_requested) as asked:
        feedback.raise_button.setFocus()
        QTest.keyClick(feedback.raise_button, Qt.Key.Key_Space)
    assert sorted(asked.args[0]) == both
    dialog = area.dialog
    assert isinstance(dialog, ActionDialog)
    assert "Feedback items it answers: 2." in dialog.intro.text()
    QTest.keyClicks(dialog.title_edit, "Ring survivors back with updates")
    QTest.keyClicks(dialog.department_edit, "Contact management")
    shot(dialog, "raise")
    return dialog


def complete(qtbot, area: ActionsArea, writer: RecordWriter) -> None:
    """Proposed -> agreed -> done; done is refused without an outcome."""
    view = area.view
    view.move_button.click()
    move = area.dialog
    assert isinstance(move, ActionStatusDialog)
    offered = [move.status_combo.itemText(i) for i in range(move.status_combo.count())]
    assert offered == ["Agreed", "Declined"]
    save(qtbot, move, writer)
    assert view.values["status"].text() == "Agreed"
    view.move_button.click()
    move = area.dialog
    assert isinstance(move, ActionStatusDialog)
    move.choose(ActionStatus.DONE)
    refused(qtbot, move)
    assert "outcome" in move.errors.message("outcome")
    shot(move, "move-refused")
    QTest.keyClicks(move.outcome_edit, "Every survivor now gets a call back within two days")
    save(qtbot, move, writer)
    assert view.values["status"].text() == "Done"
    assert not view.move_button.isEnabled()


def tell_both(qtbot, area: ActionsArea, writer: RecordWriter, seeded) -> None:
    """Both people told, each the way they allowed."""
    who = area.view.who
    for participant_id, channel in (
        (seeded.to_tell, TellingChannel.PHONE),
        (seeded.no_rules, TellingChannel.EMAIL),
    ):
        assert who.choose(participant_id)
        assert who.tell_button.isEnabled()
        who.tell_button.click()
        told = area.dialog
        assert isinstance(told, ToldDialog)
        told.channel_combo.setCurrentIndex(told.channel_combo.findData(channel))
        QTest.keyClicks(told.said_edit, "You said nobody rang back; calls are now tracked")
        if participant_id == seeded.to_tell:
            shot(told, "telling")
        save(qtbot, told, writer)


def test_raise_from_two_items_complete_it_and_tell_both(qtbot, services, seeded) -> None:
    services.roster.update_safe_contact(
        seeded.no_rules,
        SafeContactRules(
            channels=frozenset({ContactChannel.EMAIL}), email="s0104@example.org", code_word="Ash"
        ),
    )
    writer = RecordWriter()
    _host, feedback, area = feedback_and_area(qtbot, services, writer)
    dialog = raise_by_keyboard(qtbot, feedback, area, seeded)
    feedback.hide()
    area.show()
    with qtbot.waitSignal(writer.written, timeout=10000):
        QTest.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: area.view.action_id is not None)
    view = area.view
    assert view.heading.text() == "Ring survivors back with updates"
    assert view.feedback_table.rowCount() == 2
    assert "Telling opens once" in view.who.note_label.text()
    assert not view.who.tell_button.isEnabled()

    complete(qtbot, area, writer)
    tell_both(qtbot, area, writer, seeded)
    assert view.who.texts() == [
        "S-0101 | 1 | Welsh (Cymraeg) | Told 25 Nov 2026 (Phone)",
        "S-0104 | 1 | Polish | Told 25 Nov 2026 (Email)",
    ]
    shot(area, "page")
    with qtbot.waitSignal(area.board.loaded, timeout=10000):
        area.back_to_board()
    shot(area, "board-closed")
    assert any("2 of 2 told" in t for t in area.board.texts())
    assert "2 of 2 people told (100%)" in area.board.loop_label.text()


def test_the_board_by_status_with_overdue_in_words_and_colour(qtbot, services, seeded) -> None:
    actions = services.actions
    late = actions.raise_action(
        ActionDetails(
            "Update survivors monthly",
            owner_department="Investigations",
            due_on=TODAY - timedelta(days=5),
        ),
        [seeded.first],
    )
    actions.move(late, ActionStatus.AGREED)
    actions.raise_action(
        ActionDetails(
            "Plain letters", owner_department="Witness care", due_on=TODAY + timedelta(days=20)
        ),
        [seeded.anonymous],
    )
    declined = actions.raise_action(ActionDetails("Move the front desk"), [seeded.left_item])
    actions.move(declined, ActionStatus.DECLINED, reason="The building is listed")
    writer = RecordWriter()
    area = shown_area(qtbot, services, writer)
    board = area.board
    headers = [
        board.tree.topLevelItem(i).text(TITLE) for i in range(board.tree.topLevelItemCount())
    ]
    assert headers == ["Proposed (1)", "Agreed (1)", "In progress (0)", "Done (0)", "Declined (1)"]
    overdue = next(i for i in board.items() if i.text(TITLE) == "Update survivors monthly")
    assert overdue.text(2) == "Overdue: was due 20 Nov 2026"
    assert overdue.foreground(2).color() == overdue_colour(board.tree)
    assert QFont(overdue.font(2)).bold()
    calm = next(i for i in board.items() if i.text(TITLE) == "Plain letters")
    assert calm.text(2) == "Due 15 Dec 2026" and not calm.font(2).bold()
    assert board.count_label.text() == "Actions shown: 3. Overdue: 1."
    shot(area, "board")

    board.status_combo.setCurrentIndex(board.status_combo.findData(ActionStatus.DECLINED))
    assert [i.text(TITLE) for i in board.items()] == ["Move the front desk"]
    board.status_combo.setCurrentIndex(0)
    board.owner_combo.setCurrentIndex(board.owner_combo.findData("Investigations"))
    assert [i.text(TITLE) for i in board.items()] == ["Update survivors monthly"]

    # Enter opens the action chosen; Escape goes back; Ctrl+N raises a new one.
    board.select(late)
    board.tree.setFocus()
    QTest.keyClick(board.tree, Qt.Key.Key_Return)
    assert area.stack.currentWidget() is area.view and area.view.action_id == late
    assert area.view.values["due"].text() == "Overdue: was due 20 Nov 2026"
    shot(area, "page-open")
    active(qtbot, area)
    area.view.back_button.setFocus()
    with qtbot.waitSignal(board.loaded, timeout=10000):
        QTest.keyClick(area.view.back_button, Qt.Key.Key_Escape)
    assert area.stack.currentWidget() is board
    assert board.selected_id() == late  # still chosen once read again
    active(qtbot, area)
    board.tree.setFocus()
    QTest.keyClick(board.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(area.dialog, ActionDialog)
    for widget in (board.status_combo, board.owner_combo, board.raise_button, board.tree):
        assert widget.accessibleName()


def test_a_half_typed_form_survives_a_lock(qtbot, services, seeded) -> None:
    action_id = services.actions.raise_action(ActionDetails("Ring back"), [seeded.first])
    services.actions.move(action_id, ActionStatus.AGREED)
    writer = RecordWriter()
    area = shown_area(qtbot, services, writer)
    assert area.open_action(action_id)
    area.view.move_button.click()
    move = area.dialog
    assert isinstance(move, ActionStatusDialog)
    move.choose(ActionStatus.DONE)
    QTest.keyClicks(move.outcome_edit, "Calls are now tra")
    key = os.urandom(32)
    drafts = SealedDrafts()
    assert drafts.seal([area], key) == 1
    area.detach()  # the lock
    assert area.dialog is None and area.view.action_id is None
    assert area.board.items() == []
    area.attach(services, writer)
    assert drafts.restore([area], key) == 1
    restored = area.dialog
    assert isinstance(restored, ActionStatusDialog) and restored is not move
    assert area.view.action_id == action_id
    assert restored.status() is ActionStatus.DONE
    assert restored.outcome_edit.toPlainText() == "Calls are now tra"
    restored.reject()

    # A raise form for chosen feedback comes back with its items.
    with qtbot.waitSignal(area.board.loaded, timeout=10000):
        area.back_to_board()
    dialog = area.raise_from_feedback([seeded.first, seeded.no_rules_item])
    assert dialog is not None
    QTest.keyClicks(dialog.title_edit, "Half a ti")
    assert drafts.seal([area], key) == 1
    area.detach()
    area.attach(services, writer)
    drafts.restore([area], key)
    again = area.dialog
    assert isinstance(again, ActionDialog)
    assert again.title_edit.text() == "Half a ti"
    assert again.feedback_ids == (seeded.first, seeded.no_rules_item)
