"""Joining and leaving groups through their dialogs (the page tests cover the journey)."""

from __future__ import annotations

import json
from datetime import date

from sec_desktop.domain.enums import ConsentMethod, ConsentPurpose, Group
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.participant_records import ParticipantDetails
from sec_desktop.ui.membership_dialog import JoinGroupDialog, LeaveGroupDialog, joinable
from sec_desktop.ui.participant_fields import choose
from sec_desktop.ui.record_writer import RecordWriter
from tests.ui.test_participant_dialog import (
    assert_keyboard_complete,
    assert_labels_have_buddies,
    message_under,
    save_refused,
    show,
)


def member(services) -> int:
    person = services.roster.add(ParticipantDetails(name="Robin Calloway")).id
    services.consent.give(
        person, ConsentGiven(ConsentPurpose.NETWORK, date(2026, 3, 1), ConsentMethod.VERBAL)
    )
    services.groups.join(person, Group.NETWORK, date(2026, 3, 12))
    return person


def test_only_groups_they_are_not_in_are_offered(qtbot, services) -> None:
    person = member(services)
    record = services.roster.record(person)
    assert joinable(record) == [Group.REFERENCE_GROUP, Group.STAFF_FORUM]
    dialog = show(qtbot, JoinGroupDialog(services, RecordWriter(), record))
    combo = dialog.group_combo
    assert [combo.itemData(i) for i in range(combo.count())] == joinable(record)
    assert dialog.no_consent_note.text() == (
        "There is no current consent to: Membership of the Victim Reference Group. Record "
        "their consent first, on the Consent tab."
    )


def test_a_join_date_in_the_future_is_refused(qtbot, services) -> None:
    person = member(services)
    services.consent.give(
        person, ConsentGiven(ConsentPurpose.CONTACT, date(2026, 3, 1), ConsentMethod.VERBAL)
    )
    dialog = show(qtbot, JoinGroupDialog(services, RecordWriter(), services.roster.record(person)))
    choose(dialog.group_combo, Group.STAFF_FORUM)
    assert dialog.consent_note.isVisible()
    dialog.joined_field.set_value(date(2026, 12, 1))
    save_refused(qtbot, dialog)
    assert message_under(dialog, "joined_on") == "This date is in the future: use today or earlier."
    assert len(services.roster.record(person).memberships) == 1


def test_leaving_before_joining_is_refused_and_drafts_come_back(qtbot, services) -> None:
    person = member(services)
    record = services.roster.record(person)
    dialog = show(qtbot, LeaveGroupDialog(services, RecordWriter(), record, record.memberships[0]))
    dialog.left_field.set_value(date(2026, 3, 1))
    dialog.reason_edit.setText("Moving away")
    save_refused(qtbot, dialog)
    assert message_under(dialog, "left_on") == "They cannot leave before they joined."
    assert services.roster.record(person).memberships[0].active
    draft = json.loads(json.dumps(dialog.take_draft()))
    again = show(qtbot, LeaveGroupDialog(services, RecordWriter(), record, record.memberships[0]))
    again.restore_draft(draft)
    assert again.take_draft() == draft


def test_the_membership_dialogs_work_from_the_keyboard(qtbot, services) -> None:
    person = member(services)
    record = services.roster.record(person)
    for dialog in (
        JoinGroupDialog(services, RecordWriter(), record),
        LeaveGroupDialog(services, RecordWriter(), record, record.memberships[0]),
    ):
        show(qtbot, dialog)
        assert_labels_have_buddies(dialog)
        assert_keyboard_complete(qtbot, dialog)
        dialog.close()
