"""The disclosure guard on screen: flag an item and complete its steps by keyboard in its
own record (the minimum facts, one refused; the notification; the survivor told), the
clock shown until it is dealt with; the open disclosures panel (order, next step, no
text, Enter opens); and the clock's words at several moments."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from sec_desktop.domain.engagement_enums import FeedbackSource
from sec_desktop.services.disclosures import AtRisk, DisclosureService, MinimumFacts, Notification
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.deadline_clock import DeadlineClock, Urgency, clock_text, local_of
from sec_desktop.ui.disclosure_dialogs import (
    FlagDisclosureDialog,
    NotificationDialog,
    SurvivorToldDialog,
)
from sec_desktop.ui.disclosures_panel import DisclosuresPanel
from sec_desktop.ui.feedback_record_dialog import FeedbackRecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from tests.feedback_data import SECRET, seed
from tests.records import TODAY
from tests.ui.test_participant_dialog import message_under, show, tab_walk

START = datetime(2026, 11, 25, 9, 30)
FACTS = MinimumFacts("Assault", "Two years ago", "Town centre", AtRisk.NO)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def timed(services: RecordServices, records_vault, clock: Clock) -> RecordServices:
    """The services with the disclosure guard on a clock the test moves."""
    return replace(services, disclosures=DisclosureService(records_vault, services.today, clock))


def add_secret(services: RecordServices, participant: int | None) -> int:
    source = FeedbackSource.PARTICIPANT if participant else FeedbackSource.ANONYMOUS
    return services.feedback.add(
        FeedbackDraft(TODAY, source, participant_id=participant, summary=SECRET, quote=SECRET)
    )


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_into_focus(text: str) -> None:
    QTest.keyClicks(focused(), text)


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifier)


def child_opened(qtbot, dialog: FeedbackRecordDialog, kind: type) -> QWidget:
    qtbot.waitUntil(lambda: isinstance(dialog.child, kind) and dialog.child.isVisible())
    child = dialog.child
    child.activateWindow()
    qtbot.waitUntil(child.isActiveWindow)
    return child


def saved_by_enter(qtbot, writer: RecordWriter, child: QWidget) -> None:
    with qtbot.waitSignal(writer.written, timeout=10000):
        press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not child.isVisible())


def step_by_alt(qtbot, dialog: FeedbackRecordDialog, key: Qt.Key, kind: type) -> QWidget:
    """Alt+`key` in the record (its button's mnemonic) opens the dialog of a step."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    press(key, Qt.KeyboardModifier.AltModifier)
    return child_opened(qtbot, dialog, kind)


def flag_by_keyboard(qtbot, dialog: FeedbackRecordDialog, writer: RecordWriter) -> None:
    """The facts typed, "anyone at risk" left unchosen and refused, then chosen."""
    flag = step_by_alt(qtbot, dialog, Qt.Key.Key_F, FlagDisclosureDialog)
    assert QApplication.focusWidget() is flag.offence_edit
    for text in ("Assault", "Two years ago", "Town centre"):
        type_into_focus(text)
        press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not flag.busy)
    assert flag.isVisible()
    assert message_under(flag, "anyone_at_risk_now").startswith("Say whether anyone is at risk")
    assert QApplication.focusWidget() is flag.risk_combo  # brought to the field in error
    assert flag.offence_edit.text() == "Assault"  # nothing typed is lost
    press(Qt.Key.Key_Down)  # "Yes"
    saved_by_enter(qtbot, writer, flag)


def test_flag_a_disclosure_and_complete_its_steps_by_keyboard(qtbot, timed, clock) -> None:
    seeded = seed(timed.feedback.vault)
    item = add_secret(timed, seeded.no_consent)
    writer = RecordWriter()
    dialog = show(qtbot, FeedbackRecordDialog(timed, writer, item, None))
    section = dialog.section
    assert section.isHidden()
    short = dialog.height()

    flag_by_keyboard(qtbot, dialog, writer)
    assert dialog.height() > short  # grown to show the disclosure
    assert section.isVisible() and dialog.flag_button.isHidden()
    assert section.values["risk"].text() == "Yes"
    assert section.clock.isVisible() and section.clock.text() == "Record within 24 h"
    assert section.clock.accessibleName() == "Recording deadline: Record within 24 h"
    # Every step, and the clock itself, can be reached by Tab.
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    reached = tab_walk(dialog.close_button)
    for widget in (section.clock, section.notify_button, section.told_button):
        assert widget in reached and widget.accessibleName()
    assert {dialog.edit_button, dialog.delete_button} <= set(reached)
    # The clock runs on: nearly a day later it warns.
    clock.now = START + timedelta(hours=22, minutes=50)
    section.clock.refresh()
    assert section.clock.text() == "Record within 1 h 10 min"
    assert section.clock.urgency is Urgency.WARNING

    # The notification: who, the incident reference; the time offered is now.
    notify = step_by_alt(qtbot, dialog, Qt.Key.Key_N, NotificationDialog)
    assert notify.notified_at() == clock.now.replace(second=0)
    type_into_focus("Crime recording team")
    press(Qt.Key.Key_Tab)
    type_into_focus("INC-2211")
    saved_by_enter(qtbot, writer, notify)
    assert section.clock.isVisible()
    assert section.clock.text() == "Crime recording team told in time"
    assert "INC-2211" in section.values["notified"].text()
    assert "Crime reference: not given yet" in section.values["notified"].text()
    assert section.next_step.text().startswith("Next: tell the survivor")

    # The survivor told: how (today's date is offered).
    told = step_by_alt(qtbot, dialog, Qt.Key.Key_T, SurvivorToldDialog)
    type_into_focus("By phone at the safe time")
    saved_by_enter(qtbot, writer, told)
    assert section.clock.isHidden()  # dealt with: no clock any more
    assert section.told_button.isHidden()
    assert "By phone at the safe time" in section.values["told"].text()
    assert section.next_step.text().startswith("Dealt with. Add the crime reference")
    assert section.notify_button.text() == "Add the &crime reference\u2026"
    record = timed.disclosures.record(item)
    assert record.dealt_with and record.facts.anyone_at_risk_now is AtRisk.YES
    assert dialog.summary_value.text() == SECRET  # its own record shows the text


def test_the_crime_reference_is_added_later_from_what_was_recorded(
    qtbot, timed, clock, records_vault
) -> None:
    seed(records_vault)
    item = add_secret(timed, None)
    timed.disclosures.flag(item, FACTS)
    told_at = START + timedelta(hours=1)
    clock.now = START + timedelta(hours=2)
    timed.disclosures.record_notification(item, Notification(told_at, "Registrar", "INC-1"))
    writer = RecordWriter()
    dialog = show(qtbot, FeedbackRecordDialog(timed, writer, item, None))
    dialog.section.notify_button.click()
    notify = child_opened(qtbot, dialog, NotificationDialog)
    assert notify.to_edit.text() == "Registrar" and notify.notified_at() == told_at
    assert QApplication.focusWidget() is notify.crime_edit
    type_into_focus("GW/004212/26")
    saved_by_enter(qtbot, writer, notify)
    n = timed.disclosures.record(item).notification
    assert n is not None and (n.crime_reference, n.notified_at) == ("GW/004212/26", told_at)
    assert local_of(told_at).strftime("%H:%M") in dialog.section.values["notified"].text()


def test_the_panel_lists_open_disclosures_without_text_and_opens_one(
    qtbot, timed, clock, records_vault
) -> None:
    seeded = seed(records_vault)
    first = add_secret(timed, seeded.no_consent)
    second = add_secret(timed, None)
    done = add_secret(timed, seeded.quoted)
    plain = add_secret(timed, seeded.quoted)  # never flagged: not listed
    for item in (first, second, done):
        timed.disclosures.flag(item, FACTS)
        clock.now += timedelta(hours=2)
    timed.disclosures.record_notification(second, Notification(clock.now, "Registrar", "INC-9"))
    timed.disclosures.record_notification(done, Notification(clock.now, "Registrar", "INC-8"))
    timed.disclosures.record_survivor_told(done, TODAY, "In person")
    clock.now = START + timedelta(hours=25)  # the first is overdue by an hour

    panel = DisclosuresPanel()
    show(qtbot, panel)
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.attach(timed, RecordWriter())
    texts = panel.texts()
    assert texts == [
        f"S-0004, item {first} | 25 Nov 2026 | 25 Nov 2026, {local_of(START):%H:%M} | "
        "Overdue by 1 h | Tell the crime recording team; tell the survivor",
        f"Item {second} | 25 Nov 2026 | 25 Nov 2026, "
        f"{local_of(START + timedelta(hours=2)):%H:%M} | Crime recording team told | "
        "Tell the survivor",
    ]
    assert plain not in [panel.table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in (0, 1)]
    every_text = " ".join([*texts, panel.count_label.text(), panel.note.text()])
    for secret in (SECRET, FACTS.offence_type, FACTS.happened_where, "INC-9"):
        assert secret not in every_text
    assert panel.count_label.text() == "2 waiting for a step; 1 overdue."
    # The clock column ticks.
    clock.now += timedelta(hours=1)
    panel.refresh_clocks()
    assert panel.table.item(0, 3).text() == "Overdue by 2 h"

    panel.table.setFocus()
    panel.table.selectRow(1)
    with qtbot.waitSignal(panel.open_requested) as opened:
        QTest.keyClick(panel.table, Qt.Key.Key_Return)
    assert opened.args == ["feedback", second]
    panel.detach()
    assert panel.table.rowCount() == 0


@pytest.mark.parametrize(
    ("after", "notified", "said", "urgency"),
    [
        (timedelta(0), None, "Record within 24 h", Urgency.CALM),
        (timedelta(minutes=46), None, "Record within 23 h 14 min", Urgency.CALM),
        (timedelta(hours=20), None, "Record within 4 h", Urgency.WARNING),
        (timedelta(hours=23, minutes=59), None, "Record within 1 min", Urgency.WARNING),
        (timedelta(hours=23, minutes=59, seconds=30), None, "Record within the minute",
         Urgency.WARNING),
        (timedelta(hours=24), None, "Overdue now", Urgency.OVERDUE),
        (timedelta(hours=24, minutes=5), None, "Overdue by 5 min", Urgency.OVERDUE),
        (timedelta(hours=26), None, "Overdue by 2 h", Urgency.OVERDUE),
        (timedelta(days=5), None, "Overdue by more than 4 days", Urgency.OVERDUE),
        (timedelta(days=5), timedelta(hours=3), "Crime recording team told in time",
         Urgency.MET),
        (timedelta(days=5), timedelta(hours=27, minutes=30),
         "Crime recording team told 3 h 30 min after the deadline", Urgency.MET),
    ],
)  # fmt: skip
def test_the_clock_says_how_long_is_left(
    qtbot, after: timedelta, notified: timedelta | None, said: str, urgency: Urgency
) -> None:
    deadline = START + timedelta(hours=24)
    notified_at = START + notified if notified is not None else None
    assert clock_text(deadline, START + after, notified_at) == (said, urgency)
    moment = Clock()
    moment.now = START + after
    widget = DeadlineClock(moment)
    qtbot.addWidget(widget)
    widget.set_deadline(deadline, notified_at)
    assert widget.text() == said and widget.accessibleDescription() == said
    assert widget.timer.isActive() == (notified is None)


def test_a_step_left_open_at_lock_comes_back_as_typed(qtbot, timed, records_vault) -> None:
    seed(records_vault)
    item = add_secret(timed, None)
    first = show(qtbot, FeedbackRecordDialog(timed, RecordWriter(), item, None))
    flag = first.flag()
    assert isinstance(flag, FlagDisclosureDialog)
    flag.offence_edit.setText("Assault")
    flag.where_edit.setText("Town centre")
    flag.risk_combo.setCurrentIndex(3)  # "Not known"
    state = first.take_draft()
    assert state["step"] == "flag" and state["input"]["anyone_at_risk_now"] == "not known"
    first.reject()
    again = show(qtbot, FeedbackRecordDialog(timed, RecordWriter(), item, None))
    again.restore_draft(state)
    restored = again.child
    assert isinstance(restored, FlagDisclosureDialog) and restored.isVisible()
    assert restored.facts() == MinimumFacts("Assault", "", "Town centre", AtRisk.NOT_KNOWN)
    # Another item's draft is not restored here.
    other = show(qtbot, FeedbackRecordDialog(timed, RecordWriter(), add_secret(timed, None), None))
    other.restore_draft(state)
    assert other.child is None

    # The other steps' forms keep what is typed the same way.
    timed.disclosures.flag(item, FACTS)
    restored.reject()
    again.reload()
    for opener, edit in (
        (again.record_notification, "incident_edit"),
        (again.record_survivor_told, "how_edit"),
    ):
        form = opener()
        getattr(form, edit).setText("Typed before the lock")
        typed = again.take_draft()
        form.reject()
        again.restore_draft(typed)
        assert getattr(again.child, edit).text() == "Typed before the lock"
        again.child.reject()
