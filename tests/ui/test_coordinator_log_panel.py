"""My wellbeing on a real vault: a check-in and a supervision session recorded by
keyboard, a check-in with nothing chosen refused in words, this week's exposure with its
parts and the gentle suggestion once over the level set (by keyboard), nothing of the log
in search, and nothing left on screen after detaching."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from sec_desktop.domain.engagement_enums import FeedbackSource
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.search import OPENS_FEEDBACK
from sec_desktop.ui.coordinator_log_panel import CoordinatorLogPanel
from sec_desktop.ui.record_writer import RecordWriter
from tests.records import TODAY
from tests.ui.test_today_page import make_day, save_shot

# Written in the log: no search may ever find them.
FEELING = "Wombat-sunrise feeling 5521"
SUPERVISOR = "Dr Pangolin-Example"


@pytest.fixture
def writer(qtbot) -> RecordWriter:
    return RecordWriter()


def shown_panel(qtbot, services: RecordServices, writer: RecordWriter) -> CoordinatorLogPanel:
    panel = CoordinatorLogPanel()
    qtbot.addWidget(panel)
    panel.resize(1100, 820)
    panel.attach(services, writer)
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.show()
    return panel


def press(qtbot, widget: QWidget, key: Qt.Key, waits_for=None) -> None:
    widget.setFocus()
    assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    if waits_for is None:
        QTest.keyClick(widget, key)
        return
    with qtbot.waitSignal(waits_for, timeout=10000):
        QTest.keyClick(widget, key)


def table_texts(table) -> list[list[str]]:
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_a_check_in_and_a_supervision_session_by_keyboard(qtbot, services, writer) -> None:
    panel = shown_panel(qtbot, services, writer)
    assert "Nothing here goes into any report, export or search" in panel.private_note.text()

    # Nothing chosen: refused, in words, beside each scale; nothing saved.
    with qtbot.waitSignal(writer.busy_changed, timeout=10000):
        press(qtbot, panel.check_in_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not writer.busy, timeout=10000)
    assert panel.check_in_errors.message("mood") == "Choose a number from 1 to 5."
    assert panel.check_in_errors.message("energy") == "Choose a number from 1 to 5."
    assert services.coordinator.check_ins() == []

    # Mood 2 and energy 4, by arrow keys within each scale; a note; Space on the button.
    first_mood = panel.mood.group.button(1)
    press(qtbot, first_mood, Qt.Key.Key_Space)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert panel.mood.value() == 2
    press(qtbot, panel.energy.group.button(1), Qt.Key.Key_Space)
    for _ in range(3):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert panel.energy.value() == 4
    panel.check_in_note.setFocus()
    QTest.keyClicks(panel.check_in_note, FEELING)
    press(qtbot, panel.check_in_button, Qt.Key.Key_Space, waits_for=panel.loaded)
    assert panel.check_in_status.text() == "Check-in recorded. Thank you for taking a moment."
    assert panel.check_in_errors.message("mood") == ""
    assert (panel.mood.value(), panel.energy.value()) == (0, 0)  # ready for the next one
    assert panel.check_in_note.toPlainText() == ""
    [row] = services.coordinator.check_ins()
    assert (row.mood, row.energy, row.note) == (2, 4, FEELING)
    assert table_texts(panel.recent)[0][1:] == ["2 \u00b7 Low", "4 \u00b7 Good", FEELING]

    # A supervision session a week ago, typed.
    panel.held_on.setFocus()
    panel.held_on.set_value(TODAY - timedelta(days=7))
    panel.with_whom.setFocus()
    QTest.keyClicks(panel.with_whom, SUPERVISOR)
    panel.supervision_note.setFocus()
    QTest.keyClicks(panel.supervision_note, FEELING)
    press(qtbot, panel.supervision_button, Qt.Key.Key_Space, waits_for=panel.loaded)
    [session] = services.coordinator.supervision_sessions()
    assert (session.held_on, session.with_whom) == (TODAY - timedelta(days=7), SUPERVISOR)
    assert table_texts(panel.sessions)[0][1:] == [SUPERVISOR, FEELING]
    assert panel.with_whom.text() == ""

    # Private: search finds none of it (and does find feedback with the same words).
    item = services.feedback.add(
        FeedbackDraft(received_on=TODAY, source=FeedbackSource.ANONYMOUS, summary=FEELING)
    )
    for typed in ("Wombat", "5521", FEELING):
        hits = services.search.search(typed).hits
        assert [(hit.kind, hit.record_id) for hit in hits] == [(OPENS_FEEDBACK, item)], typed
    assert services.search.search("Pangolin").hits == ()

    save_shot(qtbot, panel, "wellbeing-my-wellbeing")

    panel.detach()
    assert panel.recent.rowCount() == 0 and panel.sessions.rowCount() == 0
    assert panel.exposure_total.text() == "" and panel.exposure_parts.text() == ""
    assert panel.check_in_status.text() == ""


def test_exposure_over_the_level_set_suggests_supervision_gently(
    qtbot, records_vault, services, writer
) -> None:
    make_day(records_vault, services, threshold=5)  # two distressed attendees this week
    panel = shown_panel(qtbot, services, writer)
    assert panel.exposure_total.text() == ("2 heavy contacts from 19 Nov 2026 to 25 Nov 2026.")
    assert panel.exposure_parts.text() == (
        "Disclosures handled: 0\nRASSO cases reviewed: 0\n"
        "Participants distressed after a session: 2"
    )
    assert panel.threshold.value() == 5
    assert not panel.suggestion.isVisibleTo(panel)

    # The level lowered to 2, by keyboard: now over it, with no supervision lately.
    panel.threshold.setFocus()
    QTest.keyClick(panel.threshold, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(panel.threshold, "2")
    press(qtbot, panel.threshold_button, Qt.Key.Key_Space, waits_for=panel.loaded)
    assert services.coordinator.threshold() == 2
    assert panel.suggestion.isVisibleTo(panel)
    assert "book a supervision session" in panel.suggestion.text()

    save_shot(qtbot, panel, "wellbeing-suggestion")

    # Supervision since: no longer suggested, said more softly.
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        writer.write(
            lambda: services.coordinator.add_supervision(TODAY, "Clinical supervisor"),
            lambda _id: panel.reload(),
            lambda _error: None,
        )
    assert "You have had supervision recently" in panel.suggestion.text()


def test_a_half_typed_check_in_is_kept_in_a_draft(qtbot, services, writer) -> None:
    panel = shown_panel(qtbot, services, writer)
    assert panel.take_draft() is None  # nothing typed: nothing to keep
    panel.mood.set_value(3)
    panel.check_in_note.setPlainText(FEELING)
    panel.with_whom.setText(SUPERVISOR)
    draft = panel.take_draft()
    panel.detach()
    assert panel.take_draft() is None
    panel.attach(services, writer)
    panel.restore_draft(draft)
    assert panel.mood.value() == 3 and panel.energy.value() == 0
    assert panel.check_in_note.toPlainText() == FEELING
    assert panel.with_whom.text() == SUPERVISOR
