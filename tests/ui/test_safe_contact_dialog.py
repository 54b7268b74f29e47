"""Editing safe contact rules, with the live "before you contact them" preview."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import time

from sec_desktop.domain.enums import ContactChannel, Weekday
from sec_desktop.services.participant_records import ParticipantDetails, SafeContactRules
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.safe_contact_dialog import SafeContactDialog
from tests.ui.test_participant_dialog import (
    assert_keyboard_complete,
    assert_labels_have_buddies,
    message_under,
    save_accepted,
    save_refused,
    show,
)

RULES = SafeContactRules(
    channels=frozenset({ContactChannel.PHONE, ContactChannel.THIRD_PARTY}),
    phone="07700 900123",
    safe_days=frozenset({Weekday.FRIDAY}),
    safe_from=time(9, 30),
    third_party_name="Sian",
    third_party_contact="07700 900456",
    may_say_police=True,
)


def open_dialog(qtbot, services, rules=RULES, writer=None) -> tuple[SafeContactDialog, int]:
    person = services.roster.add(ParticipantDetails(name="Robin Calloway"), rules).id
    record = services.roster.record(person)
    return show(qtbot, SafeContactDialog(services, writer or RecordWriter(), record)), person


def test_the_form_holds_the_rules_and_the_preview_follows_the_typing(qtbot, services) -> None:
    dialog, _person = open_dialog(qtbot, services)
    # Only a start was recorded: the end shows as the end of the day, and stays unset.
    assert dialog.form.until_edit.time().toString("HH:mm") == "23:59"
    assert dialog.form.rules() == RULES
    dialog.form.until_edit.setTime(dialog.form.until_edit.time().fromString("16:00", "HH:mm"))
    assert dialog.form.rules() == replace(RULES, safe_until=time(16, 0))
    assert "You may say you are from the police." in dialog.preview.text()
    dialog.form.police_check.setChecked(False)
    assert "Do NOT say you are from the police." in dialog.preview.text()
    dialog.form.code_word_edit.setText("bluebell")
    assert "Code word: bluebell" in dialog.preview.text().splitlines()
    for check in dialog.form.channel_checks.values():
        check.setChecked(False)
    assert "do not contact this person" in dialog.preview.text()


def test_rules_are_saved_and_a_channel_needs_its_detail(qtbot, services) -> None:
    writer = RecordWriter()
    dialog, person = open_dialog(qtbot, services, writer=writer)
    dialog.form.channel_checks[ContactChannel.EMAIL].setChecked(True)
    save_refused(qtbot, dialog)
    assert message_under(dialog, "email") == (
        "Needed because Email is an allowed way to contact them."
    )
    assert services.roster.record(person).safe_contact == RULES
    dialog.form.email_edit.setText("robin@example.org")
    dialog.form.times_check.setChecked(False)
    save_accepted(qtbot, dialog, writer)
    saved = services.roster.record(person).safe_contact
    assert ContactChannel.EMAIL in saved.channels and saved.email == "robin@example.org"
    assert (saved.safe_from, saved.safe_until) == (None, None)


def test_the_times_must_run_forwards(qtbot, services) -> None:
    dialog, _person = open_dialog(qtbot, services)
    dialog.form.until_edit.setTime(dialog.form.until_edit.time().fromString("08:00", "HH:mm"))
    save_refused(qtbot, dialog)
    assert message_under(dialog, "safe_until") == "The safe time must end after it starts."


def test_a_draft_brings_back_the_rules(qtbot, services) -> None:
    dialog, _person = open_dialog(qtbot, services)
    dialog.form.notes_edit.setPlainText("Text first")
    dialog.form.times_check.setChecked(False)  # the times typed are kept all the same
    draft = json.loads(json.dumps(dialog.take_draft()))
    again, _other = open_dialog(qtbot, services, rules=None)
    again.restore_draft(draft)
    assert again.take_draft() | {"participant_id": 0} == draft | {"participant_id": 0}
    assert again.form.rules() == dialog.form.rules()
    assert "Text first" in again.preview.text()


def test_the_safe_contact_dialog_works_from_the_keyboard(qtbot, services) -> None:
    dialog, _person = open_dialog(qtbot, services)
    assert_labels_have_buddies(dialog)
    assert_keyboard_complete(qtbot, dialog)
