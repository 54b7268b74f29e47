"""Wellbeing checks from the engagement view, against a real vault: the attendees by code
with "Not checked yet", a check recorded by keyboard alone (Enter on the attendee, how
they were, a note, a follow-up a week on) and shown at once with its follow-up; a
refusal under the field; a follow-up done; no section for an anonymous staff forum
session; a half-filled check kept across a lock; nothing left after detach."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from sec_desktop.domain.risk_enums import HowTheyAre
from sec_desktop.services.wellbeing_checks import CheckDetails
from sec_desktop.ui.engagements_page import EngagementsPage
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.wellbeing_check_dialog import WellbeingCheckDialog
from tests.records import TODAY
from tests.services import test_engagements as seeded
from tests.services.test_engagements import NAMES, SEEDED
from tests.ui.test_engagements_page import FOCUS, everything_shown
from tests.ui.test_engagements_page import recorded as recorded  # noqa: PLC0414 (a fixture)
from tests.ui.test_feedback_capture import active
from tests.ui.test_participant_dialog import (
    assert_keyboard_complete,
    assert_labels_have_buddies,
    message_under,
)

people_template = seeded.people_template
people_vault = seeded.people_vault
on_roster = seeded.on_roster
SHOTS = "/tmp/shots"  # noqa: S108 (screenshots to look at, as the brief asks)


@pytest.fixture
def writer(qtbot):
    return RecordWriter()


@pytest.fixture
def page(qtbot, on_roster, writer, recorded):
    page = EngagementsPage()
    qtbot.addWidget(page)
    page.resize(1000, 860)
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.attach(on_roster, writer)
    return page


def press(code, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), code, modifier)


def rows(page) -> list[list[str]]:
    table = page.view.wellbeing.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def open_by_enter(qtbot, page, row: int) -> WellbeingCheckDialog:
    """Choose the attendee on `row` with the arrows and press Enter."""
    panel = page.view.wellbeing
    active(qtbot, page)
    panel.table.setFocus()
    panel.table.setCurrentCell(0, 0)
    for _ in range(row):
        press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.dialog is not None)
    return active(qtbot, panel.dialog)


def test_a_check_is_recorded_by_keyboard_and_its_follow_up_shown(
    qtbot, page, recorded, on_roster, writer
) -> None:
    assert page.open_engagement(recorded["focus"])
    panel = page.view.wellbeing
    assert panel.isVisible()
    assert rows(page) == [["S-0001", "Not checked yet", ""], ["S-0002", "Not checked yet", ""]]
    page.view.grab().save(f"{SHOTS}/wellbeing-check-view-before.png")

    dialog = open_by_enter(qtbot, page, 0)
    assert dialog.participant_id == SEEDED.eligible and dialog.code == "S-0001"
    assert_labels_have_buddies(dialog)
    assert_keyboard_complete(qtbot, dialog)
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "S-0001" in shown and not any(name in shown for name in NAMES)
    assert dialog.date_field.value() == TODAY  # the session was two days ago
    assert not dialog.follow_up_field.isEnabled()

    # Saved without saying how they were: refused under the field, nothing lost.
    dialog.date_field.setFocus()
    dialog.note_edit.setPlainText("Quiet at the end.")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: message_under(dialog, "how_they_are") != "", timeout=10000)
    assert "Choose how they were" in message_under(dialog, "how_they_are")
    assert dialog.isVisible() and dialog.note_edit.toPlainText() == "Quiet at the end."
    dialog.grab().save(f"{SHOTS}/wellbeing-check-refused.png")

    press(Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # How they were
    press(Qt.Key.Key_Space)
    press(Qt.Key.Key_Right)
    press(Qt.Key.Key_Right)
    assert dialog.how.value() is HowTheyAre.DISTRESSED
    press(Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # Support offered
    QTest.keyClicks(dialog.support_edit, "Call with their IDVA booked.")
    assert QApplication.focusWidget() is dialog.support_edit
    press(Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # Follow-up needed
    press(Qt.Key.Key_Space)
    assert dialog.follow_up_field.isEnabled()
    assert dialog.follow_up_field.value() == TODAY + timedelta(days=7)
    dialog.grab().save(f"{SHOTS}/wellbeing-check-filled.png")
    with qtbot.waitSignal(panel.saved, timeout=10000):
        press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.dialog is None)

    due = shown_date(TODAY + timedelta(days=7))
    assert rows(page)[0] == [
        "S-0001",
        f"Distressed (checked {shown_date(TODAY)})",
        f"Due {due}",
    ]
    (check,) = [a for a in on_roster.wellbeing.for_engagement(recorded["focus"]) if a.details]
    assert check.details.note == "Quiet at the end."
    assert check.details.support_offered == "Call with their IDVA booked."
    assert check.details.follow_up_by == TODAY + timedelta(days=7)
    assert [f.participant_code for f in on_roster.wellbeing.follow_ups_due()] == ["S-0001"]


def test_a_follow_up_done_is_shown_and_the_check_opens_as_recorded(
    qtbot, page, recorded, on_roster
) -> None:
    details = CheckDetails(
        TODAY - timedelta(days=1),
        HowTheyAre.SOME_DISTRESS,
        note="Upset by another attendee's story.",
        follow_up_needed=True,
        follow_up_by=TODAY + timedelta(days=6),
    )
    check_id = on_roster.wellbeing.save(recorded["focus"], SEEDED.member, details)
    on_roster.wellbeing.mark_follow_up_done(check_id, TODAY)  # on the Today page
    assert page.open_engagement(recorded["focus"])
    yesterday = shown_date(TODAY - timedelta(days=1))
    assert rows(page)[1] == [
        "S-0002",
        f"Some distress (checked {yesterday})",
        f"Done {shown_date(TODAY)}",
    ]
    page.view.grab().save(f"{SHOTS}/wellbeing-check-view-after.png")
    again = open_by_enter(qtbot, page, 1)
    assert again.how.value() is HowTheyAre.SOME_DISTRESS and again.follow_up_check.isChecked()
    assert again.date_field.value() == TODAY - timedelta(days=1)
    assert again.follow_up_field.value() == TODAY + timedelta(days=6)
    assert again.note_edit.toPlainText() == details.note
    assert again.done_note.isVisible() and shown_date(TODAY) in again.done_note.text()
    again.grab().save(f"{SHOTS}/wellbeing-check-again.png")
    again.reject()
    qtbot.waitUntil(lambda: page.view.wellbeing.dialog is None)


def test_an_anonymous_staff_forum_session_has_no_wellbeing_checks(qtbot, page, recorded) -> None:
    assert page.open_engagement(recorded["forum"])
    assert not page.view.wellbeing.isVisible()
    assert page.view.wellbeing.open_check() is None
    qtbot.wait(300)
    page.view.grab().save(f"{SHOTS}/wellbeing-check-anonymous.png")


def test_a_half_filled_check_comes_back_after_a_lock(
    qtbot, page, recorded, on_roster, writer
) -> None:
    assert page.open_engagement(recorded["focus"])
    dialog = open_by_enter(qtbot, page, 1)
    assert dialog.participant_id == SEEDED.member
    dialog.how.set_value(HowTheyAre.SOME_DISTRESS)
    dialog.note_edit.setPlainText("Found the part about court hard.")
    dialog.follow_up_check.setChecked(True)
    dialog.follow_up_field.set_value(TODAY + timedelta(days=3))
    state = page.take_draft()
    assert state["capture"]["wellbeing"]["participant_id"] == SEEDED.member

    page.detach()
    qtbot.waitUntil(lambda: page.view.wellbeing.dialog is None)
    assert page.view.wellbeing.table.rowCount() == 0
    assert "S-0002" not in everything_shown(page)

    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.attach(on_roster, writer)
    page.restore_draft(state)
    restored = page.view.wellbeing.dialog
    assert isinstance(restored, WellbeingCheckDialog)
    assert page.view.engagement_id == recorded["focus"]
    assert restored.participant_id == SEEDED.member
    assert restored.how.value() is HowTheyAre.SOME_DISTRESS
    assert restored.note_edit.toPlainText() == "Found the part about court hard."
    assert restored.follow_up_check.isChecked()
    assert restored.follow_up_field.value() == TODAY + timedelta(days=3)
    # Saved from there, with the date chosen before the lock.
    with qtbot.waitSignal(page.view.wellbeing.saved, timeout=10000):
        restored.save()
    assert rows(page)[1][2] == f"Due {shown_date(TODAY + timedelta(days=3))}"
    assert FOCUS.held_on == TODAY - timedelta(days=2)
