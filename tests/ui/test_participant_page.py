"""The participant page, on a real vault: the header, each tab, the dialogs it opens and
what they change, the history, drafts, and clearing on lock."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from sec_desktop.domain.enums import (
    ConsentMethod,
    ConsentPurpose,
    ContactChannel,
    Group,
    ParticipantStatus,
)
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.eligibility import NO_ASSESSMENT
from sec_desktop.services.groups import Invite
from sec_desktop.services.participant_records import (
    EqualityAnswers,
    ParticipantDetails,
    SafeContactRules,
)
from sec_desktop.ui.consent_dialog import ConsentDialog, WithdrawConsentDialog
from sec_desktop.ui.membership_dialog import JoinGroupDialog, LeaveGroupDialog
from sec_desktop.ui.participant_dialog import ParticipantDialog
from sec_desktop.ui.participant_fields import choose
from sec_desktop.ui.participant_page import ParticipantPage
from sec_desktop.ui.record_page import RecordPage
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.safe_contact_dialog import SafeContactDialog
from tests.records import TODAY
from tests.risk_data import assess
from tests.ui.test_participant_dialog import fill_everything, save_accepted, show

RULES = SafeContactRules(
    channels=frozenset({ContactChannel.PHONE}),
    phone="07700 900123",
    email="robin@example.org",
    code_word="bluebell",
)
NO_VOICEMAIL = "Do NOT leave a voicemail."
NO_RULES = "No safe contact rules are recorded: do not contact this person until they are."


@pytest.fixture
def writer() -> RecordWriter:
    return RecordWriter()


@pytest.fixture
def page(qtbot, services, writer) -> ParticipantPage:
    widget = ParticipantPage()
    qtbot.addWidget(widget)
    widget.resize(980, 640)
    widget.attach(services, writer)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def add_person(services, rules: SafeContactRules | None = RULES, **details) -> int:
    values = {"name": "Robin Calloway", "pronouns": "they/them"} | details
    return services.roster.add(ParticipantDetails(**values), rules).id


def give(services, person: int, purpose: ConsentPurpose) -> int:
    return services.consent.give(
        person, ConsentGiven(purpose, date(2026, 3, 10), ConsentMethod.VERBAL)
    )


def cell(table, row: int, column: int) -> str:
    return table.item(row, column).text()


def select_row_with(table, consent_or_membership_id: int) -> None:
    for row in range(table.rowCount()):
        if table.item(row, 0).data(Qt.ItemDataRole.UserRole) == consent_or_membership_id:
            table.selectRow(row)
            return
    raise AssertionError("no such row")


# --- the whole journey ------------------------------------------------------------------------


def test_a_participant_added_with_consent_and_rules_is_found_through_services(
    qtbot, services, page, writer
) -> None:
    adding = show(qtbot, ParticipantDialog(services, writer))
    fill_everything(adding)
    with qtbot.waitSignal(adding.saved) as saved:
        save_accepted(qtbot, adding, writer)
    ref = saved.args[0]

    assert page.show_participant(ref.id)
    page.tabs.setCurrentWidget(page.consent)
    with qtbot.waitSignal(page.record_changed) as changed:
        qtbot.mouseClick(page.consent.give_button, Qt.MouseButton.LeftButton)
        dialog = page.dialog
        assert isinstance(dialog, ConsentDialog)
        choose(dialog.purpose_combo, ConsentPurpose.CONTACT)
        save_accepted(qtbot, dialog, writer)
    assert changed.args == [ref.id]

    record = services.roster.record(ref.id)
    assert record.has_consent(ConsentPurpose.CONTACT, TODAY)
    assert record.safe_contact.code_word == "bluebell"
    # Reachable and consenting; the risk assessment is what still stands in the way.
    assert services.groups.eligibility(ref.id).blockers == (NO_ASSESSMENT,)
    assess(services, ref.id)
    assert services.groups.eligibility(ref.id).allowed
    assert cell(page.consent.table, 0, 0) == "Being contacted about opportunities"
    assert cell(page.consent.table, 0, 4) == "Current"
    assert page.dialog is None


# --- header and navigation ----------------------------------------------------------------------


def test_the_header_gives_code_name_pronouns_and_status(services, page) -> None:
    assert isinstance(page, RecordPage)
    person = add_person(services, status=ParticipantStatus.ACTIVE)
    assert page.show_participant(person)
    assert page.code_label.text() == "S-0001"
    assert page.name_label.text() == "Robin Calloway"
    assert page.summary_label.text() == "Pronouns: they/them \u00b7 Status: Active"
    assert page.windowTitle() == ""  # the name never goes in a title
    assert page.participant_id == person
    assert page.tab_count() == 7
    page.show_tab(4)
    assert page.tabs.currentWidget() is page.history


def test_back_to_the_roster_by_button_escape_or_alt_left(qtbot, services, page) -> None:
    page.show_participant(add_person(services))
    with qtbot.waitSignal(page.back_requested):
        qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.tabs.tabBar().setFocus()
    for key, modifier in (
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier),
    ):
        with qtbot.waitSignal(page.back_requested):
            qtbot.keyClick(page.tabs.tabBar(), key, modifier)


def test_a_participant_no_longer_in_the_vault_is_said_so(services, page) -> None:
    person = add_person(services)
    page.show_participant(person)
    services.roster.erase(person)
    assert not page.show_participant(person)
    assert page.record is None
    assert page.name_label.text() == ""
    assert "no longer in the vault" in page.message_label.text()
    assert not page.tabs.isVisible()


# --- safe contact -----------------------------------------------------------------------------


def test_the_rules_come_before_the_contact_details(services, page) -> None:
    page.show_participant(add_person(services))
    page.tabs.setCurrentWidget(page.safe_contact)
    tab = page.safe_contact
    assert NO_VOICEMAIL in tab.panel.text().splitlines()
    assert "Do NOT say you are from the police." in tab.panel.text().splitlines()
    assert tab.phone_value.text() == "07700 900123"
    assert tab.panel.isVisible()
    assert tab.panel.geometry().bottom() < tab.phone_value.geometry().top()


def test_with_no_rules_the_page_says_not_to_make_contact(services, page) -> None:
    page.show_participant(add_person(services, rules=None))
    page.tabs.setCurrentWidget(page.safe_contact)
    assert NO_RULES in page.safe_contact.panel.text().splitlines()
    assert NO_VOICEMAIL not in page.safe_contact.panel.text()


def test_editing_the_rules_shows_them_live_then_on_the_page(qtbot, services, page, writer) -> None:
    person = add_person(services, rules=None)
    page.show_participant(person)
    dialog = page.edit_safe_contact()
    assert isinstance(dialog, SafeContactDialog)
    assert NO_RULES in dialog.preview.text()
    dialog.form.channel_checks[ContactChannel.TEXT].setChecked(True)
    dialog.form.phone_edit.setText("07700 900999")
    assert NO_VOICEMAIL in dialog.preview.text()
    dialog.form.voicemail_check.setChecked(True)
    assert "A voicemail may be left." in dialog.preview.text()
    with qtbot.waitSignal(page.record_changed):
        save_accepted(qtbot, dialog, writer)
    assert "A voicemail may be left." in page.safe_contact.panel.text()
    assert page.safe_contact.phone_value.text() == "07700 900999"


# --- consent and memberships ------------------------------------------------------------------


def test_withdrawing_consent_ends_the_membership_on_the_profile_tab(
    qtbot, services, page, writer
) -> None:
    person = add_person(services)
    give(services, person, ConsentPurpose.CONTACT)
    network = give(services, person, ConsentPurpose.NETWORK)
    services.groups.join(person, Group.NETWORK, date(2026, 3, 12))
    page.show_participant(person)
    members = page.profile.memberships_table
    assert cell(members, 0, 3) == "Still a member"

    page.tabs.setCurrentWidget(page.consent)
    assert not page.consent.withdraw_button.isEnabled()
    select_row_with(page.consent.table, network)
    qtbot.mouseClick(page.consent.withdraw_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, WithdrawConsentDialog)
    assert "They will leave the Survivor Network." in dialog.effects_text()
    with qtbot.waitSignal(page.record_changed):
        save_accepted(qtbot, dialog, writer)

    assert [cell(members, 0, column) for column in range(5)] == [
        "Survivor Network",
        "12 Mar 2026",
        "",
        "25 Nov 2026",
        "Consent withdrawn",
    ]
    assert services.groups.members(Group.NETWORK) == []
    row = [
        r
        for r in range(page.consent.table.rowCount())
        if "Withdrawn" in cell(page.consent.table, r, 4)
    ]
    assert len(row) == 1
    select_row_with(page.consent.table, network)
    assert not page.consent.withdraw_button.isEnabled()


def test_joining_and_leaving_a_group(qtbot, services, page, writer) -> None:
    person = add_person(services)
    give(services, person, ConsentPurpose.REFERENCE_GROUP)
    page.show_participant(person)
    dialog = page.join_group()
    assert isinstance(dialog, JoinGroupDialog)
    choose(dialog.group_combo, Group.NETWORK)
    assert dialog.no_consent_note.isVisible()  # no network consent: said before saving
    choose(dialog.group_combo, Group.REFERENCE_GROUP)
    assert dialog.consent_note.isVisible() and not dialog.no_consent_note.isVisible()
    dialog.role_edit.setText("co-chair")
    save_accepted(qtbot, dialog, writer)
    members = page.profile.memberships_table
    assert [cell(members, 0, c) for c in range(4)] == [
        "Victim Reference Group",
        "25 Nov 2026",
        "co-chair",
        "Still a member",
    ]

    members.selectRow(0)
    leaving = page.leave_group()
    assert isinstance(leaving, LeaveGroupDialog)
    leaving.reason_edit.setText("Moving away")
    save_accepted(qtbot, leaving, writer)
    assert [cell(members, 0, c) for c in (3, 4)] == ["25 Nov 2026", "Moving away"]
    assert services.groups.members(Group.REFERENCE_GROUP) == []


def test_joining_without_consent_is_refused_and_nothing_changes(qtbot, services, page) -> None:
    person = add_person(services)
    page.show_participant(person)
    dialog = page.join_group()
    choose(dialog.group_combo, Group.NETWORK)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "no current consent to membership of this group" in dialog.general_error.text()
    assert services.roster.record(person).memberships == ()


# --- communication, history ---------------------------------------------------------------------


def test_equality_answers_are_counted_not_shown(services, page) -> None:
    person = add_person(services)
    services.roster.update_equality(
        person, EqualityAnswers({"sex": "female", "religion_belief": "prefer not to say"})
    )
    page.show_participant(person)
    text = page.communication.equality_value.text()
    assert text == "2 of 9 questions answered (1 with \u201cprefer not to say\u201d)."
    assert "emale" not in text


def test_the_history_lists_what_the_record_holds(services, page) -> None:
    person = add_person(services, referred_on=date(2026, 3, 1))
    give(services, person, ConsentPurpose.CONTACT)
    network = give(services, person, ConsentPurpose.NETWORK)
    services.groups.join(person, Group.NETWORK, date(2026, 3, 12))
    assess(services, person, assessed_on=date(2026, 10, 30))
    services.groups.invite(
        person, Invite(Group.REFERENCE_GROUP, date(2026, 11, 1), ContactChannel.PHONE)
    )
    services.consent.withdraw(person, network, date(2026, 11, 20))
    page.show_participant(person)
    rows = page.history.texts()
    assert rows[1:] == [
        "20 Nov 2026 Left the Survivor Network: consent withdrawn",
        "20 Nov 2026 Consent withdrawn: Membership of the Survivor Network",
        "1 Nov 2026 Invited to join the Victim Reference Group (Phone call)",
        "12 Mar 2026 Joined the Survivor Network",
        "10 Mar 2026 Consent given (Verbal): Membership of the Survivor Network",
        "10 Mar 2026 Consent given (Verbal): Being contacted about opportunities",
        "1 Mar 2026 Referred: Self-referral, other",
    ]
    assert rows[0].endswith("Added to the roster")


# --- drafts, locking, keyboard ------------------------------------------------------------------


def test_a_dialog_open_at_lock_comes_back_as_typed(qtbot, services, page) -> None:
    person = add_person(services)
    page.show_participant(person)
    dialog = page.edit_safe_contact()
    dialog.form.code_word_edit.setText("snowdrop")
    draft = json.loads(json.dumps(page.take_draft()))
    assert draft["participant_id"] == person

    page.detach()
    assert page.dialog is None and page.record is None
    page.attach(services, RecordWriter())
    page.restore_draft(draft)
    assert page.record is not None and page.record.ref.id == person
    assert isinstance(page.dialog, SafeContactDialog)
    assert page.dialog.form.code_word_edit.text() == "snowdrop"


def test_detach_clears_every_view(services, page) -> None:
    person = add_person(services)
    give(services, person, ConsentPurpose.CONTACT)
    page.show_participant(person)
    page.edit_details()
    page.detach()
    assert page.record is None and page.dialog is None
    for label in (page.code_label, page.name_label, page.summary_label):
        assert label.text() == ""
    assert all(label.text() == "" for label in page.profile.values.values())
    assert page.consent.table.rowCount() == 0
    assert page.history.table.rowCount() == 0
    assert page.safe_contact.phone_value.text() == ""
    assert "bluebell" not in page.safe_contact.panel.text()
    assert not page.show_participant(person)  # no services now


def test_every_button_has_a_name_and_a_key(services, page) -> None:
    page.show_participant(add_person(services))
    for button in page.findChildren(QPushButton):
        assert button.accessibleName(), button.text()
        assert "&" in button.text(), button.text()
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert all("&" in title for title in titles)
