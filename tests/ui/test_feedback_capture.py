"""The fast feedback capture form against a real vault: a focus group and three items
recorded by keyboard alone, quote permission only with current quote consent (and why
not, said), a refusal that keeps every field, a half-typed item surviving an auto-lock,
and editing one item (a retired theme on it stays)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel
from sqlalchemy import text

from sec_desktop.domain.engagement_enums import (
    EngagementFormat,
    FeedbackSource,
    Sentiment,
    TermKind,
)
from sec_desktop.domain.enums import ConsentMethod, ConsentPurpose
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.engagement_records import (
    AttendeeChoice,
    FocusGroupDetails,
    StaffForumDetails,
)
from sec_desktop.services.feedback_types import FeedbackDraft
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui import feedback_capture_dialog as capture_module
from sec_desktop.ui.engagements_page import EngagementsPage
from sec_desktop.ui.feedback_capture_dialog import FeedbackCaptureDialog
from sec_desktop.ui.focus_group_dialog import FocusGroupDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Unlock
from tests.records import TODAY
from tests.services import test_engagements as seeded
from tests.services.test_engagements import NAMES, SEEDED
from tests.ui.conftest import TEST_PASSPHRASE
from tests.ui.test_participant_dialog import (
    assert_keyboard_complete,
    assert_labels_have_buddies,
    message_under,
)

# The service tests' vault with people on its roster, shared as fixtures.
people_template = seeded.people_template
people_vault = seeded.people_vault
on_roster = seeded.on_roster
SHOTS = "/tmp/shots"  # noqa: S108 (screenshots to look at, as the brief asks)


@pytest.fixture
def writer(qtbot):
    return RecordWriter()


def focused():
    return QApplication.focusWidget()


def key(code, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), code, modifier)


def alt(code) -> None:
    key(code, Qt.KeyboardModifier.AltModifier)


def ctrl(code) -> None:
    key(code, Qt.KeyboardModifier.ControlModifier)


def typed(text: str) -> None:
    QTest.keyClicks(focused(), text)


def search(text: str) -> None:
    """Type into a combo: its search starts afresh only after a pause, as a person's
    would have (the test types far faster than anyone)."""
    QTest.qWait(QApplication.keyboardInputInterval() + 50)
    typed(text)


def chip(text: str) -> None:
    """Type part of a term's name into the chips field in focus, and Enter."""
    window = focused().window()
    typed(text)
    key(Qt.Key.Key_Return)
    # The offscreen platform makes the completer's list the active window when it drops
    # down, and leaves it so once hidden (a real window system gives it back).
    QApplication.processEvents()
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        assert QTest.qWaitForWindowActive(window)


def active(qtbot, dialog):
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def opened(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return active(qtbot, dialog)


def combo_shown(dialog) -> bool:
    return dialog.source.participant_combo.isVisible()


def names(chips) -> list[str]:
    return [term.name for term in chips.chosen()]


def focus_group(services: RecordServices, when: date = TODAY) -> int:
    return services.engagements.record_focus_group(
        FocusGroupDetails("Reporting online", when, venue="Community room, Newport"),
        [AttendeeChoice(SEEDED.eligible, True), AttendeeChoice(SEEDED.member, True)],
    )


def quote_consent(services: RecordServices, participant_id: int) -> None:
    given = ConsentGiven(ConsentPurpose.QUOTE, TODAY - timedelta(days=10), ConsentMethod.WRITTEN)
    services.consent.give(participant_id, given)


# --- the test: a focus group and three items, by keyboard alone -------------------


@pytest.fixture
def page(qtbot, on_roster, writer):
    page = EngagementsPage()
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.attach(on_roster, writer)
    return page


def record_focus_group_by_keyboard(qtbot, page, writer) -> None:
    page.table.setFocus()
    ctrl(Qt.Key.Key_N)
    qtbot.waitUntil(page.new_menu.isVisible)
    QTest.keyClick(page.new_menu, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: isinstance(page.dialog, FocusGroupDialog))
    dialog = active(qtbot, page.dialog)
    dialog.title_edit.setFocus()
    typed("Reporting online")
    alt(Qt.Key.Key_V)
    typed("Community room, Newport")
    alt(Qt.Key.Key_A)
    for number in ("1", "2"):
        typed(number)
        key(Qt.Key.Key_Return)
    alt(Qt.Key.Key_K)
    for _ in range(2):
        key(Qt.Key.Key_Space)  # the limits of confidentiality explained
        key(Qt.Key.Key_Down)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        alt(Qt.Key.Key_S)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.view)


def saved_by(qtbot, dialog, writer, press) -> object:
    with qtbot.waitSignal(dialog.saved, timeout=10000) as blocker:
        press()
    qtbot.waitUntil(lambda: not writer.busy)
    return blocker.args[0]


def open_capture_by_keyboard(qtbot, page) -> FeedbackCaptureDialog:
    active(qtbot, page)  # the window, back in front once the dialog has closed
    QTest.keyClick(page.view, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # Add feedback
    qtbot.waitUntil(lambda: page.view.capture_dialog is not None)
    dialog = active(qtbot, page.view.capture_dialog)
    assert isinstance(dialog, FeedbackCaptureDialog)
    assert_labels_have_buddies(dialog)
    assert_keyboard_complete(qtbot, dialog)
    assert "focus group: Reporting online" in dialog.intro.text()
    # Only the two attendees, by code; no name anywhere.
    combo = dialog.source.participant_combo
    assert [combo.itemText(i) for i in range(1, combo.count())] == ["S-0001", "S-0002"]
    shown = [label.text() for label in dialog.findChildren(QLabel)]
    shown += [c.itemText(i) for c in dialog.findChildren(QComboBox) for i in range(c.count())]
    assert not any(name in text for name in NAMES for text in shown)
    combo.setFocus()  # where it opened (the walk above moved on)
    return dialog


def assert_stored(rows: dict, first: int, second: int, third: int) -> None:
    assert sorted(rows) == sorted([first, second, third])
    one, two, three = rows[first], rows[second], rows[third]
    assert (one.source, one.participant_code, one.sentiment) == (
        FeedbackSource.PARTICIPANT,
        "S-0001",
        Sentiment.NEGATIVE,
    )
    assert one.stages == ("Statement and evidence capture",)
    assert one.themes == ("Communication and updates", "Time and delays")
    assert (two.participant_code, two.sentiment, two.summary) == ("S-0002", Sentiment.MIXED, "")
    assert two.quote == "Nobody told me the court date had moved."
    assert two.stages == ("Witness care and pre-trial", "Court (plea, trial, verdict, sentence)")
    assert (three.source, three.participant_code) == (FeedbackSource.ANONYMOUS, "")
    assert (three.themes, three.sentiment) == (("Being believed",), Sentiment.POSITIVE)


def test_a_focus_group_and_three_items_of_its_feedback_by_keyboard_alone(
    qtbot, page, on_roster, writer
) -> None:
    record_focus_group_by_keyboard(qtbot, page, writer)
    engagement_id = page.view.engagement_id
    dialog = open_capture_by_keyboard(qtbot, page)
    combo = dialog.source.participant_combo

    # 1: S-0001, negative, a stage and two themes; Ctrl+Return saves and starts the next.
    typed("S-0001")
    alt(Qt.Key.Key_U)
    typed("Waited six weeks for a call back about the statement.")
    alt(Qt.Key.Key_N)
    typed("neg")
    alt(Qt.Key.Key_J)
    chip("statement")
    alt(Qt.Key.Key_H)
    chip("time and")
    chip("communication and")
    assert names(dialog.theme_chips) == ["Time and delays", "Communication and updates"]
    first = saved_by(qtbot, dialog, writer, lambda: ctrl(Qt.Key.Key_Return))
    # What was said and its coding are emptied, and who said it: several attendees could
    # have, so it is chosen again (next, with the focus). The date is kept.
    assert focused() is combo
    assert dialog.summary_edit.toPlainText() == "" and names(dialog.theme_chips) == []
    assert dialog.sentiment_combo.currentData() is None
    assert (combo.currentIndex(), dialog.date_field.value()) == (0, TODAY)
    assert dialog.count_label.text() == "Saved: 1 item this session"

    # 2: S-0002, in their words; the default button (Enter on the sentiment) saves too.
    search("2")  # its number is enough
    assert combo.currentText() == "S-0002"
    alt(Qt.Key.Key_Q)
    typed("Nobody told me the court date had moved.")
    alt(Qt.Key.Key_J)
    chip("witness care")
    chip("court")
    key(Qt.Key.Key_Backspace)  # the last chip off again
    chip("court (plea")
    alt(Qt.Key.Key_H)
    chip("communication and")
    alt(Qt.Key.Key_N)
    search("m")
    second = saved_by(qtbot, dialog, writer, lambda: key(Qt.Key.Key_Return))
    assert dialog.count_label.text() == "Saved: 2 items this session"

    # 3: an anonymous survivor; Ctrl+S saves the last one and closes.
    alt(Qt.Key.Key_F)
    typed("an")
    alt(Qt.Key.Key_U)
    typed("Felt believed from the first call.")
    alt(Qt.Key.Key_H)
    chip("believed")
    alt(Qt.Key.Key_N)
    search("p")
    third = saved_by(qtbot, dialog, writer, lambda: ctrl(Qt.Key.Key_S))
    qtbot.waitUntil(lambda: page.view.capture_dialog is None)

    rows = {row.id: row for row in on_roster.feedback.rows(engagement_id=engagement_id)}
    assert_stored(rows, first, second, third)
    # The engagement's own list shows all three at once.
    assert sorted(page.view.feedback.ids()) == sorted(rows)


# --- quote permission ---------------------------------------------------------------------


def test_quote_permission_needs_current_quote_consent_and_says_why(
    qtbot, on_roster, writer
) -> None:
    quote_consent(on_roster, SEEDED.eligible)
    engagement_id = focus_group(on_roster)
    dialog = opened(
        qtbot, FeedbackCaptureDialog(on_roster, writer, None, engagement_id=engagement_id)
    )
    check, note = dialog.permission_check, dialog.permission.note
    assert not check.isEnabled() and note.text() == "Choose the participant first."
    typed("S-0002")
    assert not check.isEnabled()
    assert "S-0002 has no current consent to be quoted" in note.text()
    assert check.accessibleDescription() == note.text()
    alt(Qt.Key.Key_W)
    assert not check.isChecked()

    alt(Qt.Key.Key_P)
    search("S-0001")
    assert check.isEnabled() and note.isHidden()
    alt(Qt.Key.Key_Q)
    typed("They listened.")
    alt(Qt.Key.Key_W)
    qtbot.waitUntil(check.isChecked)  # a mnemonic clicks after a moment
    # Another source takes the permission away, and says why.
    alt(Qt.Key.Key_F)
    typed("an")
    assert not check.isChecked() and not check.isEnabled()
    assert "Only a participant on the roster" in note.text()
    alt(Qt.Key.Key_F)
    key(Qt.Key.Key_Home)  # A participant (S-0001 still chosen)
    alt(Qt.Key.Key_W)
    qtbot.waitUntil(check.isChecked)
    new_id = saved_by(qtbot, dialog, writer, lambda: ctrl(Qt.Key.Key_Return))
    assert on_roster.feedback.record(new_id).quotable


# --- a refusal keeps everything ------------------------------------------------------------


def test_a_refusal_shows_under_its_field_and_keeps_every_field(
    qtbot, on_roster, writer, monkeypatch
) -> None:
    engagement_id = focus_group(on_roster)
    dialog = opened(
        qtbot, FeedbackCaptureDialog(on_roster, writer, None, engagement_id=engagement_id)
    )
    alt(Qt.Key.Key_N)
    typed("neg")
    alt(Qt.Key.Key_J)
    chip("first response")
    alt(Qt.Key.Key_H)
    chip("safety")
    typed("zebra")
    key(Qt.Key.Key_Return)
    assert "Nothing in the list matches \u201czebra\u201d" in dialog.theme_chips.message.text()
    ctrl(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(message_under(dialog, "summary")), timeout=10000)
    assert "Write what was said" in message_under(dialog, "summary")
    assert "Choose the participant by their code" in message_under(dialog, "participant")
    assert focused() is dialog.source.participant_combo  # the first field in error
    assert dialog.isVisible() and dialog.saved_count == 0
    assert names(dialog.stage_chips) == ["First response and attendance"]
    assert names(dialog.theme_chips) == ["Safety and safeguarding"]
    assert dialog.theme_chips.edit.text() == "zebra"
    assert dialog.sentiment_combo.currentData() == Sentiment.NEGATIVE
    dialog.grab().save(f"{SHOTS}/capture-error.png")

    # Put right, it saves; nothing was kept of the refused attempt.
    typed("S-0002")
    alt(Qt.Key.Key_U)
    typed("The officer checked the locks with me.")
    saved_by(qtbot, dialog, writer, lambda: ctrl(Qt.Key.Key_Return))
    assert message_under(dialog, "summary") == ""
    assert len(on_roster.feedback.rows(engagement_id=engagement_id)) == 1

    # Closing with a half-typed item asks first; "go back" keeps it.
    asked: list[bool] = []
    answer = iter([False, True])
    monkeypatch.setattr(
        capture_module, "confirm_discard", lambda _parent: asked.append(True) or next(answer)
    )
    alt(Qt.Key.Key_U)
    typed("half a thought")
    key(Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.summary_edit.toPlainText() == "half a thought"
    key(Qt.Key.Key_Escape)
    assert not dialog.isVisible() and len(asked) == 2


# --- other sources: an anonymous staff forum session, a partner -----------------------------


def test_a_staff_forum_offers_only_anonymous_and_a_partner_names_its_contact(
    qtbot, on_roster, writer
) -> None:
    forum = on_roster.engagements.record_staff_forum(
        StaffForumDetails(TODAY, 7, format=EngagementFormat.ONLINE)
    )
    dialog = opened(qtbot, FeedbackCaptureDialog(on_roster, writer, None, engagement_id=forum))
    source = dialog.source
    assert source.source_combo.count() == 1 and source.source() is FeedbackSource.ANONYMOUS
    assert not combo_shown(dialog) and "anonymous staff forum session" in source.source_note
    assert focused() is dialog.summary_edit
    typed("More flexible hours to give statements.")
    forum_item = saved_by(qtbot, dialog, writer, lambda: ctrl(Qt.Key.Key_S))
    assert on_roster.feedback.record(forum_item).draft.source is FeedbackSource.ANONYMOUS

    # Not at an engagement (a letter, a call): anyone on the roster, or a partner.
    dialog = opened(qtbot, FeedbackCaptureDialog(on_roster, writer, None))
    assert "Ctrl+Return" in dialog.intro.text()
    alt(Qt.Key.Key_F)
    key(Qt.Key.Key_End)  # a partner
    alt(Qt.Key.Key_R)
    typed("Sir")
    alt(Qt.Key.Key_O)
    key(Qt.Key.Key_Down)
    assert dialog.source.contact_combo.currentText() == "Gwenllian Ashdown-Rees (IDVA)"
    alt(Qt.Key.Key_U)
    typed("The survivor's IDVA says the updates stopped after charge.")
    saved_by(qtbot, dialog, writer, lambda: ctrl(Qt.Key.Key_S))
    [row] = [r for r in on_roster.feedback.rows() if r.source is FeedbackSource.PARTNER]
    assert row.partner_name == "Sirhowy IDVA Service"
    assert on_roster.feedback.record(row.id).draft.partner_contact_id == SEEDED.contact


# --- editing one item ------------------------------------------------------------------------


def test_editing_an_item_keeps_a_retired_theme_and_saves_the_change(
    qtbot, on_roster, people_vault, writer
) -> None:
    engagement_id = focus_group(on_roster)
    stages = {t.name: t.id for t in on_roster.taxonomy.terms(TermKind.STAGE)}
    themes = {t.name: t.id for t in on_roster.taxonomy.terms(TermKind.THEME)}
    item = on_roster.feedback.add(
        FeedbackDraft(
            received_on=TODAY - timedelta(days=1),
            source=FeedbackSource.PARTICIPANT,
            participant_id=SEEDED.member,
            engagement_id=engagement_id,
            summary="Call handler was kind.",
            stage_ids=(stages["Contact and call handling (999, 101, online)"],),
            theme_ids=(themes["Officer attitude and language"], themes["Housing and money"]),
        )
    )
    with people_vault.writing(AuditEvent.FEEDBACK_EDITED) as session:
        session.execute(
            text("UPDATE taxonomy_term SET retired = 1 WHERE id = :id"),
            {"id": themes["Housing and money"]},
        )
    dialog = opened(qtbot, FeedbackCaptureDialog(on_roster, writer, None, feedback_id=item))
    assert dialog.windowTitle() == "Edit feedback"
    assert not dialog.close_save_button.isVisible()
    assert dialog.source.participant_combo.currentText() == "S-0002"
    assert dialog.date_field.value() == TODAY - timedelta(days=1)
    chips = dialog.theme_chips
    assert [c.text() for c in chips._chips][1] == "Housing and money (retired)  \u00d7"
    assert "Housing and money" not in chips._names.stringList()  # not offered again
    assert focused() is dialog.summary_edit
    alt(Qt.Key.Key_F)
    key(Qt.Key.Key_End)  # a partner, then back: the partner's rows come and go
    assert dialog.source.partner_combo.isVisible() and not combo_shown(dialog)
    dialog.grab().save(f"{SHOTS}/capture-edit-partner.png")
    key(Qt.Key.Key_Home)
    assert combo_shown(dialog) and not dialog.source.partner_combo.isVisible()
    alt(Qt.Key.Key_U)
    key(Qt.Key.Key_End)
    typed(" Then nothing for a month.")
    # Tab to the first theme chip and take it off with Delete; add another.
    alt(Qt.Key.Key_H)
    key(Qt.Key.Key_Tab)
    assert focused() is chips._chips[0]
    key(Qt.Key.Key_Delete)
    assert names(chips) == ["Housing and money"] and focused() is chips._chips[0]
    alt(Qt.Key.Key_H)
    chip("time and")
    with qtbot.waitSignal(dialog.finished, timeout=10000):
        alt(Qt.Key.Key_S)
    record = on_roster.feedback.record(item)
    assert record.draft.summary == "Call handler was kind. Then nothing for a month."
    assert [t.name for t in record.themes] == ["Time and delays", "Housing and money"]
    assert [t.name for t in record.stages] == ["Contact and call handling (999, 101, online)"]


# --- an auto-lock loses nothing ----------------------------------------------------------------


def test_a_half_typed_item_comes_back_after_the_vault_locks(application, qtbot) -> None:
    vault = application.session.vault
    assert vault is not None
    services = RecordServices.over(vault)
    seeded.seed(services)
    engagement_id = focus_group(services, date.today())
    application.window.go_to("engagements")
    page = application.window.engagements_page
    qtbot.waitUntil(lambda: page.open_engagement(engagement_id), timeout=10000)
    page.view.feedback.add_button.setFocus()
    key(Qt.Key.Key_Space)
    dialog = active(qtbot, page.view.capture_dialog)
    dialog.grab().save(f"{SHOTS}/capture-empty.png")
    typed("S-0002")
    alt(Qt.Key.Key_U)
    typed("The letter came in English only.")
    alt(Qt.Key.Key_Q)
    typed("I had to ask my daughter to read it.")
    alt(Qt.Key.Key_N)
    typed("neg")
    alt(Qt.Key.Key_J)
    chip("police decision")
    alt(Qt.Key.Key_H)
    chip("access")
    chip("children")
    typed("hous")  # half-typed
    dialog.grab().save(f"{SHOTS}/capture-chips.png")
    before = dialog.take_draft()

    application.gate.lock()  # as the idle timer does
    assert page.view.capture_dialog is None and not dialog.isVisible()
    assert dialog.summary_edit.toPlainText() == "" and dialog.theme_chips.chosen() == []
    with qtbot.waitSignal(application.session.unlocked, timeout=20000):
        application.session.unlock(Unlock(passphrase=TEST_PASSPHRASE))

    qtbot.waitUntil(lambda: page.view.capture_dialog is not None, timeout=10000)
    back = page.view.capture_dialog
    assert isinstance(back, FeedbackCaptureDialog) and back.isVisible()
    assert back.engagement_id == engagement_id
    assert back.take_draft() == before
    assert back.source.participant_combo.currentText() == "S-0002"
    assert back.summary_edit.toPlainText() == "The letter came in English only."
    assert back.quote_edit.toPlainText() == "I had to ask my daughter to read it."
    assert names(back.stage_chips) == ["Police decision (including no further action)"]
    assert names(back.theme_chips) == [
        "Accessibility and communication barriers",
        "Children and family",
    ]
    assert back.theme_chips.edit.text() == "hous"
    assert not any(name in str(before) for name in NAMES)
    # And it saves as it stands.
    with qtbot.waitSignal(back.saved, timeout=20000):
        back.save_and_close()
    reopened = application.session.vault
    assert reopened is not None
    assert len(RecordServices.over(reopened).feedback.rows(engagement_id=engagement_id)) == 1
