"""The invitations panel and its dialogs: who can be invited, recording invitations and
replies through the services, and the eligibility check's reasons shown when it blocks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QTableWidget

from sec_desktop.domain.enums import (
    ConsentMethod,
    ConsentPurpose,
    ContactChannel,
    Group,
    InvitationResponse,
    ParticipantStatus,
)
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.eligibility import (
    NO_ASSESSMENT,
    NO_CONTACT_CONSENT,
    NO_SAFE_CONTACT,
    PAUSED,
)
from sec_desktop.services.groups import Invite
from sec_desktop.services.participant_records import ParticipantDetails, SafeContactRules
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.invitation_dialog import InvitationDialog, ReplyDialog
from sec_desktop.ui.invitations_panel import InvitationsPanel
from sec_desktop.ui.record_writer import RecordWriter
from tests.records import TODAY
from tests.risk_data import assess

RULES = SafeContactRules(
    channels=frozenset({ContactChannel.EMAIL, ContactChannel.TEXT}),
    email="robin@example.org",
    phone="07700 900123",
)


def add_person(
    services: RecordServices,
    name: str,
    *,
    rules: SafeContactRules | None = RULES,
    contact_consent: bool = True,
    status: ParticipantStatus = ParticipantStatus.ACTIVE,
    assessed: bool = True,
) -> tuple[int, str, int | None]:
    """A participant (by default with a current risk assessment); returns (id, code, id
    of their contact consent)."""
    ref = services.roster.add(ParticipantDetails(name=name, status=status), rules)
    consent_id = None
    if contact_consent:
        consent_id = services.consent.give(
            ref.id, ConsentGiven(ConsentPurpose.CONTACT, services.today(), ConsentMethod.VERBAL)
        )
    if assessed:
        assess(services, ref.id)
    return ref.id, ref.code, consent_id


@pytest.fixture
def writer():
    return RecordWriter()


@pytest.fixture
def panel(qtbot, services, writer):
    widget = InvitationsPanel()
    qtbot.addWidget(widget)
    widget.attach(services, writer)
    return widget


def visible_texts(widget) -> str:
    """Every piece of text the panel shows: labels, list items and table cells."""
    texts = [label.text() for label in widget.findChildren(QLabel)]
    for lst in widget.findChildren(QListWidget):
        texts += [lst.item(i).text() for i in range(lst.count())]
    for table in widget.findChildren(QTableWidget):
        for row in range(table.rowCount()):
            texts += [table.item(row, c).text() for c in range(table.columnCount())]
    return "\n".join(texts)


def choose_candidate(panel, code: str) -> None:
    row = panel.candidate_codes().index(code)
    panel.candidates.setCurrentRow(row)


def test_someone_with_contact_consent_and_safe_contact_rules_can_be_invited(
    qtbot, services, writer
):
    _id, code, _consent = add_person(services, "Robin Calloway")
    add_person(services, "Dana Pryce", contact_consent=False)
    add_person(services, "Ellis Mort", rules=None)
    panel = InvitationsPanel()
    qtbot.addWidget(panel)
    panel.attach(services, writer)
    # Loaded when first shown, not at unlock.
    assert panel.candidate_codes() == []
    panel.show()
    assert panel.candidate_codes() == [code]
    assert panel.awaiting_codes() == []
    assert "(1)" in panel.candidates_label.text()
    # Outside the roster: codes only, never a name.
    shown = visible_texts(panel)
    for name in ("Robin", "Calloway", "Dana", "Ellis"):
        assert name not in shown


def test_recording_an_invitation_moves_them_to_waiting_for_a_reply(qtbot, panel, services, writer):
    person_id, code, _consent = add_person(services, "Robin Calloway")
    panel.reload()
    choose_candidate(panel, code)
    assert panel.invite_button.isEnabled()
    panel.invite_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, InvitationDialog)
    assert dialog.isVisible()
    # Only the channels the person allowed, in the usual order.
    channels = [dialog.channel_combo.itemText(i) for i in range(dialog.channel_combo.count())]
    assert channels == ["Text message", "Email"]
    assert "Do NOT leave a voicemail." in dialog.contact_panel.text()
    assert "Robin" not in dialog.contact_panel.text() + dialog.intro.text()
    dialog.channel_combo.setCurrentIndex(1)
    dialog.follow_up_check.setChecked(True)
    dialog.follow_up_edit.setDate(QDate(2026, 12, 9))
    dialog.context_edit.setText("after the March focus group")
    with qtbot.waitSignal(writer.written, timeout=10000):
        dialog.save_button.click()
    assert not dialog.isVisible()
    assert panel.candidate_codes() == []
    assert panel.awaiting_codes() == [code]
    waiting = services.groups.awaiting()
    assert len(waiting) == 1
    invitation = waiting[0]
    assert invitation.participant.id == person_id
    assert invitation.group is Group.NETWORK
    assert invitation.channel is ContactChannel.EMAIL
    assert invitation.invited_on == TODAY
    assert invitation.follow_up_on == TODAY + timedelta(days=14)
    assert invitation.context == "after the March focus group"
    assert panel.awaiting.follow_up_text(0) == "9 Dec 2026"
    assert "Waiting for a reply (1)" in panel.awaiting_label.text().replace("&", "")


def test_the_reference_group_has_its_own_list(qtbot, panel, services):
    person_id, code, _consent = add_person(services, "Robin Calloway")
    services.groups.invite(
        person_id, Invite(Group.NETWORK, TODAY, ContactChannel.EMAIL, follow_up_on=None)
    )
    panel.reload()
    assert panel.candidate_codes() == []
    panel.group_combo.setCurrentIndex(panel.group_combo.findData(Group.REFERENCE_GROUP))
    assert panel.candidate_codes() == [code]
    assert panel.awaiting.item(0, 1).text() == "Survivor Network"


def test_withdrawn_contact_consent_takes_them_off_both_lists(qtbot, panel, services):
    waiting_id, waiting_code, waiting_consent = add_person(services, "Robin Calloway")
    candidate_id, candidate_code, candidate_consent = add_person(services, "Dana Pryce")
    services.groups.invite(waiting_id, Invite(Group.NETWORK, TODAY, ContactChannel.EMAIL))
    panel.reload()
    assert panel.candidate_codes() == [candidate_code]
    assert panel.awaiting_codes() == [waiting_code]

    services.consent.withdraw(waiting_id, waiting_consent)
    services.consent.withdraw(candidate_id, candidate_consent)
    panel.reload()
    assert panel.candidate_codes() == []
    assert panel.awaiting_codes() == []
    assert panel.candidates_note.isVisibleTo(panel)


def test_a_write_anywhere_refreshes_the_lists_when_next_shown(qtbot, panel, services, writer):
    person_id, code, consent_id = add_person(services, "Robin Calloway")
    panel.reload()
    assert panel.candidate_codes() == [code]
    with qtbot.waitSignal(writer.written, timeout=10000):
        writer.write(
            lambda: services.consent.withdraw(person_id, consent_id),
            lambda _result: None,
            lambda error: pytest.fail(str(error)),
        )
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.candidate_codes() == []


def test_a_blocked_persons_reasons_are_shown_with_what_would_unblock_them(qtbot, panel, services):
    _id, code, _consent = add_person(
        services,
        "Dana Pryce",
        rules=None,
        contact_consent=False,
        status=ParticipantStatus.PAUSED,
        assessed=False,
    )
    panel.reload()
    assert panel.candidate_codes() == []
    panel.code_edit.setText(code.lower().replace("-", ""))
    panel.check_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, InvitationDialog)
    texts = dialog.blocker_texts()
    assert len(texts) == 4
    expected = (PAUSED, NO_CONTACT_CONSENT, NO_SAFE_CONTACT, NO_ASSESSMENT)
    for blocker, text in zip(expected, texts, strict=True):
        assert blocker.reason in text
        assert f"What would unblock it: {blocker.unblock}" in text
    assert dialog.blockers_box.isVisibleTo(dialog)
    assert code in dialog.blockers_box.title()
    assert not dialog.save_button.isEnabled()
    assert dialog.channel_combo.count() == 0


def test_an_unknown_code_is_said_plainly(qtbot, panel):
    panel.check_button.click()
    assert panel.dialog is None
    assert panel.error_label.text() == "Type a pseudonym code first, for example S-0042."
    panel.code_edit.setText("S-9999")
    panel.check_button.click()
    assert panel.dialog is None
    assert panel.error_label.isVisibleTo(panel)
    assert "S-9999" in panel.error_label.text()


def test_a_block_found_on_saving_shows_the_reasons(qtbot, panel, services, writer):
    person_id, code, consent_id = add_person(services, "Robin Calloway")
    panel.reload()
    choose_candidate(panel, code)
    dialog = panel.record_invitation()
    assert dialog.save_button.isEnabled()
    # Meanwhile (another screen) the consent is withdrawn.
    services.consent.withdraw(person_id, consent_id)
    dialog.context_edit.setText("after the March focus group")
    dialog.save_button.click()
    qtbot.waitUntil(dialog.general_error.isVisible, timeout=10000)
    assert f"{code} cannot be invited now." in dialog.general_error.text()
    assert any(NO_CONTACT_CONSENT.reason in text for text in dialog.blocker_texts())
    assert dialog.isVisible()
    assert dialog.context_edit.text() == "after the March focus group"
    assert services.groups.awaiting() == []


def invited(services, panel, name: str, **invite) -> tuple[int, str]:
    person_id, code, _consent = add_person(services, name)
    services.groups.invite(
        person_id,
        Invite(Group.NETWORK, invite.pop("on", TODAY), ContactChannel.EMAIL, **invite),
    )
    panel.reload()
    return person_id, code


def test_accepting_without_membership_consent_shows_the_refusal_and_keeps_the_input(
    qtbot, panel, services, writer
):
    person_id, code = invited(services, panel, "Robin Calloway", on=TODAY - timedelta(days=7))
    panel.awaiting.selectRow(0)
    assert panel.reply_button.isEnabled()
    panel.reply_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, ReplyDialog)
    assert dialog.response() is InvitationResponse.ACCEPTED
    dialog.role_edit.setText("co-chair")
    dialog.date_edit.setDate(QDate(2026, 11, 20))
    dialog.save_button.click()
    qtbot.waitUntil(dialog.general_error.isVisible, timeout=10000)
    assert dialog.general_error.text() == (
        f"{code} has no current consent to membership of this group: record their consent first."
    )
    assert dialog.isVisible()
    assert dialog.response() is InvitationResponse.ACCEPTED
    assert dialog.role_edit.text() == "co-chair"
    assert dialog.date_edit.date() == QDate(2026, 11, 20)
    assert panel.awaiting_codes() == [code]

    # With their consent recorded, the same input saves: they join, with the role.
    services.consent.give(
        person_id, ConsentGiven(ConsentPurpose.NETWORK, TODAY, ConsentMethod.WRITTEN)
    )
    with qtbot.waitSignal(writer.written, timeout=10000):
        dialog.save_button.click()
    assert not dialog.isVisible()
    assert panel.awaiting_codes() == []
    [membership] = services.roster.record(person_id).memberships
    assert membership.role == "co-chair"
    assert membership.joined_on == TODAY - timedelta(days=5)


def test_a_reply_before_the_invitation_is_refused_beside_the_date(qtbot, panel, services):
    _id, _code = invited(services, panel, "Robin Calloway")
    panel.awaiting.selectRow(0)
    dialog = panel.record_reply()
    dialog.choose(InvitationResponse.DECLINED)
    assert not dialog.role_edit.isEnabled()
    dialog.date_edit.setDate(QDate(2026, 11, 1))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(dialog.errors.message("responded_on")), timeout=10000)
    assert dialog.errors.message("responded_on") == "The reply cannot come before the invitation."
    assert dialog.date_edit.date() == QDate(2026, 11, 1)
    assert dialog.response() is InvitationResponse.DECLINED


def test_declining_ends_the_wait(qtbot, panel, services, writer):
    person_id, _code = invited(services, panel, "Robin Calloway")
    panel.awaiting.setFocus()
    panel.awaiting.selectRow(0)
    qtbot.keyClick(panel.awaiting, Qt.Key.Key_Return)
    dialog = panel.dialog
    assert isinstance(dialog, ReplyDialog)
    dialog.choose(InvitationResponse.DECLINED)
    with qtbot.waitSignal(writer.written, timeout=10000):
        dialog.save_button.click()
    assert panel.awaiting_codes() == []
    [invitation] = services.roster.record(person_id).invitations
    assert invitation.response is InvitationResponse.DECLINED
    # Declined: not waiting, and not asked again for a while (they said no).
    assert panel.candidate_codes() == []
    panel.group_combo.setCurrentIndex(panel.group_combo.findData(Group.REFERENCE_GROUP))
    assert panel.candidate_codes() != []


def test_follow_ups_due_today_or_overdue_are_highlighted(qtbot, records_vault, writer):
    earlier = RecordServices.over(records_vault, today=lambda: TODAY - timedelta(days=10))
    ids = [
        add_person(earlier, name)[0]
        for name in ("Robin Calloway", "Dana Pryce", "Ellis Mort", "Kit Arden")
    ]
    follow_ups = [TODAY - timedelta(days=3), TODAY, TODAY + timedelta(days=4), None]
    for person_id, follow_up in zip(ids, follow_ups, strict=True):
        earlier.groups.invite(
            person_id,
            Invite(Group.NETWORK, TODAY - timedelta(days=10), ContactChannel.TEXT, follow_up),
        )
    panel = InvitationsPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.attach(RecordServices.over(records_vault, today=lambda: TODAY), writer)
    texts = [panel.awaiting.follow_up_text(row) for row in range(4)]
    assert texts == ["Overdue: 22 Nov 2026", "Due today", "29 Nov 2026", "No date set"]
    assert [panel.awaiting.is_highlighted(row) for row in range(4)] == [
        True,
        True,
        False,
        False,
    ]


def test_enter_on_a_candidate_opens_the_invitation(qtbot, panel, services):
    _id, code, _consent = add_person(services, "Robin Calloway")
    panel.reload()
    panel.candidates.setFocus()
    choose_candidate(panel, code)
    qtbot.keyClick(panel.candidates, Qt.Key.Key_Enter)
    assert isinstance(panel.dialog, InvitationDialog)
    assert panel.dialog.participant.code == code
    assert not panel.invite_button.isEnabled()  # one dialog at a time


def test_detach_clears_everything_and_closes_the_dialog(qtbot, panel, services):
    _id, code, _consent = add_person(services, "Robin Calloway")
    invited(services, panel, "Dana Pryce")
    choose_candidate(panel, code)
    dialog = panel.record_invitation()
    panel.code_edit.setText("S-0002")
    panel.detach()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: not panel.findChildren(InvitationDialog))  # deleted
    assert panel.candidate_codes() == []
    assert panel.awaiting_codes() == []
    assert panel.awaiting.rowCount() == 0
    assert panel.code_edit.text() == ""
    assert "S-000" not in visible_texts(panel)
    assert not panel.invite_button.isEnabled()
    assert not panel.check_button.isEnabled()


def test_a_dialog_left_open_at_lock_comes_back_as_typed(qtbot, panel, services, writer):
    _id, code, _consent = add_person(services, "Robin Calloway")
    panel.reload()
    choose_candidate(panel, code)
    dialog = panel.record_invitation()
    dialog.context_edit.setText("after the March focus group")
    dialog.follow_up_check.setChecked(True)
    draft = panel.take_draft()
    panel.detach()
    panel.attach(services, writer)
    panel.restore_draft(draft)
    again = panel.dialog
    assert isinstance(again, InvitationDialog)
    assert again is not dialog
    assert again.participant.code == code
    assert again.context_edit.text() == "after the March focus group"
    assert again.follow_up_check.isChecked()
