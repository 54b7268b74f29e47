"""The add and edit participant dialog, on a real vault: saving through the service,
every problem shown under its field with nothing lost and nothing written, drafts, and
the keyboard."""

from __future__ import annotations

import json
from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTabBar,
    QTabWidget,
    QWidget,
)

from sec_desktop.domain.enums import (
    AgeBand,
    CommunicationNeed,
    ContactChannel,
    Language,
    ParticipantStatus,
    PartnerType,
    ReferralRoute,
    Weekday,
)
from sec_desktop.services.participant_records import ParticipantDetails, ParticipantRef
from sec_desktop.services.partners import PartnerDetails
from sec_desktop.ui.participant_dialog import ParticipantDialog
from sec_desktop.ui.participant_fields import choose
from sec_desktop.ui.record_writer import RecordWriter
from tests.records import TODAY

FIELD_TYPES = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton, QAbstractSpinBox, QTabBar)


# --- helpers, shared with the other participant screens' tests ---------------------------


def show(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def save_refused(qtbot, dialog) -> None:
    """Press Save and wait for the service's answer, which is expected to be a refusal."""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.isVisible()


def save_accepted(qtbot, dialog, writer: RecordWriter) -> None:
    with qtbot.waitSignal(writer.written, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def message_under(dialog, name: str) -> str:
    """The message shown under the field the service calls `name` ("" if none). Read from
    the label itself: on a tab not in front it is shown, but not visible."""
    wrapper = dialog.field(name).parentWidget()
    return "" if wrapper.error.isHidden() else wrapper.error.text()


def tab_walk(start: QWidget, limit: int = 200) -> list[QWidget]:
    """The widgets Tab visits from `start` until it comes back round."""
    start.setFocus()
    seen: list[QWidget] = []
    widget = QApplication.focusWidget()
    for _ in range(limit):
        assert widget is not None, "the focus was lost"
        if widget not in seen:
            seen.append(widget)
        QTest.keyClick(widget, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is seen[0]:
            return seen
    raise AssertionError("Tab never came back to where it started")


def fields_shown(root: QWidget) -> list[QWidget]:
    """Everything a keyboard user must be able to reach in `root` as it is shown now."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, FIELD_TYPES) or not widget.isVisible():
            continue
        if not widget.isEnabled() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), QAbstractSpinBox):
            continue  # the text part of a date or time: the box itself takes focus
        if isinstance(widget, QRadioButton) and not widget.isChecked():
            continue  # a radio group is one stop; arrows move inside it
        if widget.objectName() == "qt_tabwidget_tabbar" or not isinstance(widget, QTabBar):
            found.append(widget)
    return found


def assert_keyboard_complete(qtbot, dialog) -> None:
    """Every field on every tab is reached by Tab, and each has an accessible name."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    tabs = dialog.findChildren(QTabWidget)
    pages = range(tabs[0].count()) if tabs else [None]
    for index in pages:
        if index is not None:
            tabs[0].setCurrentIndex(index)
        reached = tab_walk(tabs[0].tabBar() if tabs else fields_shown(dialog)[0])
        missing = [w for w in fields_shown(dialog) if w not in reached]
        assert not missing, [f"{type(w).__name__} {w.accessibleName()!r}" for w in missing]
        unnamed = [type(w).__name__ for w in reached if not w.accessibleName()]
        assert not unnamed


def assert_labels_have_buddies(dialog) -> None:
    for label in dialog.findChildren(QLabel):
        if "&" in label.text():
            assert label.buddy() is not None, label.text()


# --- filling -------------------------------------------------------------------------------


def fill_everything(dialog: ParticipantDialog, partner_id: int | None = None) -> None:
    dialog.name_edit.setText("Ceri Morgan-Evans")
    dialog.pronouns_edit.setText("she/her")
    dialog.language_radios[Language.WELSH].setChecked(True)
    choose(dialog.age_combo, AgeBand.FROM_35)
    choose(dialog.route_combo, ReferralRoute.PARTNER)
    if partner_id is not None:
        choose(dialog.partner_combo, partner_id)
    dialog.referred_field.set_value(date(2026, 11, 2))
    choose(dialog.status_combo, ParticipantStatus.ACTIVE)
    dialog.review_field.set_value(date(2027, 5, 1))
    dialog.notes_edit.setPlainText("Prefers to meet in Cwmbran.")
    form = dialog.contact_form
    form.channel_checks[ContactChannel.PHONE].setChecked(True)
    form.channel_checks[ContactChannel.TEXT].setChecked(True)
    form.phone_edit.setText("07700 900123")
    form.email_edit.setText("ceri@example.org")
    form.day_checks[Weekday.MONDAY].setChecked(True)
    form.day_checks[Weekday.THURSDAY].setChecked(True)
    form.times_check.setChecked(True)
    form.from_edit.setTime(form.from_edit.time().fromString("10:00", "HH:mm"))
    form.until_edit.setTime(form.until_edit.time().fromString("14:30", "HH:mm"))
    form.times_note_edit.setText("Not during the school run")
    form.police_check.setChecked(False)
    form.voicemail_check.setChecked(False)
    form.code_word_edit.setText("bluebell")
    form.third_name_edit.setText("Sian")
    form.third_relationship_edit.setText("sister")
    form.third_contact_edit.setText("07700 900456")
    form.notes_edit.setPlainText("Text first.")
    dialog.needs_form.checks[CommunicationNeed.WELSH].setChecked(True)
    dialog.needs_form.checks[CommunicationNeed.LARGE_PRINT].setChecked(True)
    dialog.needs_form.other_edit.setText("Short breaks")


# --- adding ---------------------------------------------------------------------------------


def test_a_participant_is_added_with_their_rules_and_needs(qtbot, services) -> None:
    partner = services.partners.add(PartnerDetails("Newport Women's Aid", PartnerType.CHARITY))
    writer = RecordWriter()
    dialog = show(qtbot, ParticipantDialog(services, writer))
    fill_everything(dialog, partner)
    with qtbot.waitSignal(dialog.saved) as saved:
        save_accepted(qtbot, dialog, writer)

    ref = saved.args[0]
    assert isinstance(ref, ParticipantRef)
    assert [row.code for row in services.roster.rows()] == [ref.code] == ["S-0001"]
    record = services.roster.record(ref.id)
    assert record.details == ParticipantDetails(
        name="Ceri Morgan-Evans",
        pronouns="she/her",
        language=Language.WELSH,
        age_band=AgeBand.FROM_35,
        referral_route=ReferralRoute.PARTNER,
        referral_partner_id=partner,
        referred_on=date(2026, 11, 2),
        status=ParticipantStatus.ACTIVE,
        notes="Prefers to meet in Cwmbran.",
        record_review_on=date(2027, 5, 1),
    )
    rules = record.safe_contact
    assert rules.channels == {ContactChannel.PHONE, ContactChannel.TEXT}
    assert rules.safe_days == {Weekday.MONDAY, Weekday.THURSDAY}
    assert (rules.safe_from, rules.safe_until) == (time(10, 0), time(14, 30))
    assert not rules.voicemail_allowed and not rules.may_say_police
    assert (rules.code_word, rules.third_party_name, rules.notes) == (
        "bluebell",
        "Sian",
        "Text first.",
    )
    assert record.communication.needs == {CommunicationNeed.WELSH, CommunicationNeed.LARGE_PRINT}
    assert record.communication.other == "Short breaks"


def test_a_new_record_starts_with_a_review_a_year_on_and_no_rules_when_none_typed(
    qtbot, services
) -> None:
    writer = RecordWriter()
    dialog = show(qtbot, ParticipantDialog(services, writer))
    assert dialog.review_field.value() == date(2027, 11, 25)
    assert dialog.referred_field.value() == TODAY
    dialog.name_edit.setText("Alex Jones")
    save_accepted(qtbot, dialog, writer)
    record = services.roster.record(services.roster.rows()[0].id)
    assert record.details.record_review_on == date(2027, 11, 25)
    assert not record.safe_contact.recorded


def test_welsh_is_offered_beside_english_without_being_asked(qtbot, services) -> None:
    dialog = show(qtbot, ParticipantDialog(services, RecordWriter()))
    english, welsh, other = (dialog.language_radios[language] for language in Language)
    assert (english.text(), welsh.text()) == ("English", "Welsh (Cymraeg)")
    # Both on screen at once, first and side by side, before any other language.
    assert english.isVisible() and welsh.isVisible()
    assert english.y() == welsh.y() == other.y()
    assert english.x() < welsh.x() < other.x()
    assert not dialog.language_other_edit.isEnabled()
    other.setChecked(True)
    assert dialog.language_other_edit.isEnabled()


def test_every_problem_is_shown_under_its_field_and_nothing_is_lost_or_written(
    qtbot, services
) -> None:
    dialog = show(qtbot, ParticipantDialog(services, RecordWriter()))
    fill_everything(dialog)
    dialog.name_edit.clear()
    dialog.review_field.set_value(date(2026, 1, 1))
    form = dialog.contact_form
    for edit, typed in ((form.email_edit, "ceri@example"), (form.phone_edit, "07700 90")):
        edit.clear()
        QTest.keyClicks(edit, typed)
    typed_state = dialog.take_draft()

    save_refused(qtbot, dialog)

    assert message_under(dialog, "name") == "This cannot be left empty."
    assert message_under(dialog, "record_review_on") == (
        "This review date has already passed: choose today or a later date."
    )
    assert message_under(dialog, "email").startswith("This is not an email address")
    assert message_under(dialog, "phone").startswith("This is not a phone number")
    assert message_under(dialog, "pronouns") == ""
    assert dialog.take_draft() == typed_state
    assert (form.email_edit.text(), form.phone_edit.text()) == ("ceri@example", "07700 90")
    assert form.code_word_edit.text() == "bluebell"
    assert services.roster.rows() == []
    # The first field in error (in the order of the form) has the focus, on its tab.
    assert dialog.tabs.currentIndex() == 0
    assert dialog.focusWidget() is dialog.name_edit
    assert "check this" in dialog.tabs.tabText(0)
    assert "check this" in dialog.tabs.tabText(1)
    assert "check this" not in dialog.tabs.tabText(2)


def test_a_problem_on_another_tab_brings_that_tab_forward(qtbot, services) -> None:
    writer = RecordWriter()
    dialog = show(qtbot, ParticipantDialog(services, writer))
    dialog.name_edit.setText("Alex Jones")
    dialog.contact_form.channel_checks[ContactChannel.LETTER].setChecked(True)
    save_refused(qtbot, dialog)
    assert message_under(dialog, "postal_address") == (
        "Needed because Letter is an allowed way to contact them."
    )
    assert dialog.tabs.currentIndex() == 1
    assert dialog.focusWidget() is dialog.contact_form.address_edit
    # Put right, it saves, and the tab titles are plain again.
    dialog.contact_form.address_edit.setPlainText("1 Example Street, Newport")
    save_accepted(qtbot, dialog, writer)
    assert "check this" not in dialog.tabs.tabText(1)
    assert len(services.roster.rows()) == 1


def test_no_date_is_a_state_of_its_own(qtbot, services) -> None:
    writer = RecordWriter()
    dialog = show(qtbot, ParticipantDialog(services, writer))
    dialog.name_edit.setText("Alex Jones")
    dialog.referred_field.none_check.setChecked(True)
    assert dialog.referred_field.value() is None
    assert not dialog.referred_field.edit.isEnabled()
    dialog.referred_field.none_check.setChecked(False)
    assert dialog.referred_field.value() == TODAY  # the date comes back
    dialog.review_field.none_check.setChecked(True)
    save_accepted(qtbot, dialog, writer)
    record = services.roster.record(services.roster.rows()[0].id)
    assert record.details.record_review_on is None


# --- editing --------------------------------------------------------------------------------


def test_editing_changes_only_the_details(qtbot, services) -> None:
    ref = services.roster.add(
        ParticipantDetails(name="Alex Jones", record_review_on=date(2027, 1, 1))
    )
    writer = RecordWriter()
    dialog = show(qtbot, ParticipantDialog(services, writer, services.roster.record(ref.id)))
    assert dialog.tabs is None and dialog.contact_form is None
    assert dialog.windowTitle() == "Edit details: S-0001"  # the code, never the name
    assert dialog.name_edit.text() == "Alex Jones"
    dialog.pronouns_edit.setText("they/them")
    choose(dialog.status_combo, ParticipantStatus.PAUSED)
    save_accepted(qtbot, dialog, writer)
    details = services.roster.record(ref.id).details
    assert (details.pronouns, details.status) == ("they/them", ParticipantStatus.PAUSED)
    assert details.record_review_on == date(2027, 1, 1)


# --- drafts and the keyboard -----------------------------------------------------------------


def test_a_draft_brings_back_every_field(qtbot, services) -> None:
    partner = services.partners.add(PartnerDetails("Gwent ISVA Service", PartnerType.ISVA_SERVICE))
    dialog = show(qtbot, ParticipantDialog(services, RecordWriter()))
    fill_everything(dialog, partner)
    dialog.referred_field.none_check.setChecked(True)
    draft = json.loads(json.dumps(dialog.take_draft()))  # as the lock seals it
    assert dialog.draft_key() == "participant_details"

    again = show(qtbot, ParticipantDialog(services, RecordWriter()))
    again.restore_draft(draft)

    assert again.take_draft() == draft
    assert again.name_edit.text() == "Ceri Morgan-Evans"
    assert again.language() is Language.WELSH
    assert again.partner_combo.currentData() == partner
    assert again.referred_field.value() is None
    assert again.review_field.value() == date(2027, 5, 1)
    form = again.contact_form
    assert form.rules() == dialog.contact_form.rules()
    assert form.from_edit.time().toString("HH:mm") == "10:00"
    assert again.needs_form.needs() == dialog.needs_form.needs()


def test_every_field_is_reached_by_tab_and_named(qtbot, services) -> None:
    adding = show(qtbot, ParticipantDialog(services, RecordWriter()))
    assert_labels_have_buddies(adding)
    assert_keyboard_complete(qtbot, adding)
    adding.close()
    ref = services.roster.add(ParticipantDetails(name="Alex Jones"))
    editing = show(
        qtbot, ParticipantDialog(services, RecordWriter(), services.roster.record(ref.id))
    )
    assert_keyboard_complete(qtbot, editing)
