"""Recording and withdrawing consent through the dialogs, on a real vault."""

from __future__ import annotations

import json
from datetime import date

from sec_desktop.domain.enums import (
    ConsentMethod,
    ConsentPurpose,
    ContactChannel,
    Group,
    InvitationResponse,
    PartnerType,
)
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.groups import Invite
from sec_desktop.services.participant_records import ParticipantDetails, SafeContactRules
from sec_desktop.services.partners import PartnerDetails
from sec_desktop.ui.consent_dialog import ConsentDialog, WithdrawConsentDialog, withdrawal_effects
from sec_desktop.ui.participant_fields import choose
from sec_desktop.ui.record_writer import RecordWriter
from tests.records import TODAY
from tests.risk_data import assess
from tests.ui.test_participant_dialog import (
    assert_keyboard_complete,
    assert_labels_have_buddies,
    message_under,
    save_accepted,
    save_refused,
    show,
)

PHONE_ONLY = SafeContactRules(channels=frozenset({ContactChannel.PHONE}), phone="07700 900123")


def add_person(services) -> int:
    return services.roster.add(ParticipantDetails(name="Robin Calloway"), PHONE_ONLY).id


def give(services, person: int, purpose: ConsentPurpose, partner: int | None = None) -> int:
    return services.consent.give(
        person, ConsentGiven(purpose, date(2026, 3, 10), ConsentMethod.VERBAL, partner_id=partner)
    )


def consent_dialog(qtbot, services, writer, person: int) -> ConsentDialog:
    return show(qtbot, ConsentDialog(services, writer, services.roster.record(person)))


def test_a_consent_is_recorded_with_a_review_a_year_on(qtbot, services) -> None:
    person = add_person(services)
    writer = RecordWriter()
    dialog = consent_dialog(qtbot, services, writer, person)
    assert dialog.windowTitle() == "Record consent: S-0001"
    choose(dialog.purpose_combo, ConsentPurpose.NETWORK)
    choose(dialog.method_combo, ConsentMethod.WRITTEN)
    dialog.note_edit.setPlainText("Signed the form at the drop-in")
    save_accepted(qtbot, dialog, writer)

    (consent,) = services.roster.record(person).consents
    assert consent.purpose is ConsentPurpose.NETWORK
    assert consent.method is ConsentMethod.WRITTEN
    assert (consent.given_on, consent.review_on) == (TODAY, date(2027, 11, 25))
    assert consent.note == "Signed the form at the drop-in"


def test_the_partner_is_asked_for_only_when_sharing_with_one(qtbot, services) -> None:
    partner = services.partners.add(PartnerDetails("Gwent ISVA Service", PartnerType.ISVA_SERVICE))
    person = add_person(services)
    writer = RecordWriter()
    dialog = consent_dialog(qtbot, services, writer, person)
    assert not dialog.partner_combo.isVisible()
    choose(dialog.purpose_combo, ConsentPurpose.PARTNER_SHARING)
    assert dialog.partner_combo.isVisible()

    save_refused(qtbot, dialog)
    assert message_under(dialog, "partner") == "Choose the partner it may be shared with."
    assert dialog.focusWidget() is dialog.partner_combo
    assert services.roster.record(person).consents == ()

    choose(dialog.partner_combo, partner)
    save_accepted(qtbot, dialog, writer)
    (consent,) = services.roster.record(person).consents
    assert (consent.partner_id, consent.partner_name) == (partner, "Gwent ISVA Service")


def test_a_review_date_in_the_past_is_refused_and_the_form_kept(qtbot, services) -> None:
    person = add_person(services)
    dialog = consent_dialog(qtbot, services, RecordWriter(), person)
    choose(dialog.purpose_combo, ConsentPurpose.QUOTE)
    dialog.review_field.set_value(date(2026, 11, 24))
    dialog.note_edit.setPlainText("Short quotes only")
    typed = dialog.take_draft()
    save_refused(qtbot, dialog)
    assert message_under(dialog, "review_on") == (
        "This review date has already passed: choose today or a later date."
    )
    assert dialog.take_draft() == typed
    assert services.roster.record(person).consents == ()


def test_a_consent_may_have_no_review_date(qtbot, services) -> None:
    person = add_person(services)
    writer = RecordWriter()
    dialog = consent_dialog(qtbot, services, writer, person)
    dialog.review_field.none_check.setChecked(True)
    save_accepted(qtbot, dialog, writer)
    assert services.roster.record(person).consents[0].review_on is None


def test_a_consent_already_given_is_refused_in_words(qtbot, services) -> None:
    person = add_person(services)
    give(services, person, ConsentPurpose.CONTACT)
    dialog = consent_dialog(qtbot, services, RecordWriter(), person)
    choose(dialog.purpose_combo, ConsentPurpose.CONTACT)
    save_refused(qtbot, dialog)
    assert dialog.general_error.text() == (
        "S-0001 has already given this consent. Review it, or withdraw it first."
    )
    assert len(services.roster.record(person).consents) == 1


def test_withdrawing_says_what_will_happen_then_does_it(qtbot, services) -> None:
    person = add_person(services)
    give(services, person, ConsentPurpose.CONTACT)
    network = give(services, person, ConsentPurpose.NETWORK)
    services.groups.join(person, Group.NETWORK, date(2026, 3, 12))
    assess(services, person)
    services.groups.invite(
        person, Invite(Group.REFERENCE_GROUP, date(2026, 11, 1), ContactChannel.PHONE)
    )
    record = services.roster.record(person)
    consent = next(c for c in record.consents if c.id == network)
    writer = RecordWriter()
    dialog = show(qtbot, WithdrawConsentDialog(services, writer, record, consent))

    # The invitation is to the reference group: withdrawing the network consent leaves it.
    assert dialog.effects_text() == (
        "This takes effect now:\n\u2022 They will leave the Survivor Network."
    )
    assert dialog.focusWidget() is dialog.cancel_button  # Enter does not withdraw
    save_accepted(qtbot, dialog, writer)

    after = services.roster.record(person)
    (membership,) = after.memberships
    assert (membership.left_on, membership.left_reason) == (TODAY, "consent withdrawn")
    assert next(c for c in after.consents if c.id == network).withdrawn_on == TODAY
    assert after.invitations[0].response is InvitationResponse.AWAITING


def test_withdrawing_contact_consent_cancels_the_waiting_invitation(qtbot, services) -> None:
    person = add_person(services)
    contact = give(services, person, ConsentPurpose.CONTACT)
    assess(services, person)
    services.groups.invite(
        person, Invite(Group.REFERENCE_GROUP, date(2026, 11, 1), ContactChannel.PHONE)
    )
    record = services.roster.record(person)
    effects = withdrawal_effects(record, next(c for c in record.consents if c.id == contact), TODAY)
    assert effects == [
        "The invitation to the Victim Reference Group sent on 1 Nov 2026, waiting for a "
        "reply, will be cancelled.",
        "Nobody may contact them about opportunities, and they cannot be invited to anything.",
    ]
    writer = RecordWriter()
    dialog = show(
        qtbot,
        WithdrawConsentDialog(
            services, writer, record, next(c for c in record.consents if c.id == contact)
        ),
    )
    save_accepted(qtbot, dialog, writer)
    assert services.roster.record(person).invitations[0].response is InvitationResponse.CANCELLED


def test_another_partners_consent_keeps_everything_else(services) -> None:
    first = services.partners.add(PartnerDetails("Gwent ISVA Service", PartnerType.ISVA_SERVICE))
    second = services.partners.add(PartnerDetails("Newport Women's Aid", PartnerType.CHARITY))
    person = add_person(services)
    sharing = give(services, person, ConsentPurpose.PARTNER_SHARING, first)
    give(services, person, ConsentPurpose.PARTNER_SHARING, second)
    record = services.roster.record(person)
    consent = next(c for c in record.consents if c.id == sharing)
    assert withdrawal_effects(record, consent, TODAY) == [
        "Nothing more about them may be shared with Gwent ISVA Service."
    ]


def test_a_withdrawal_date_before_the_consent_is_refused(qtbot, services) -> None:
    person = add_person(services)
    contact = give(services, person, ConsentPurpose.CONTACT)
    record = services.roster.record(person)
    consent = next(c for c in record.consents if c.id == contact)
    dialog = show(qtbot, WithdrawConsentDialog(services, RecordWriter(), record, consent))
    dialog.withdrawn_field.set_value(date(2026, 1, 1))
    save_refused(qtbot, dialog)
    assert message_under(dialog, "withdrawn_on") == (
        "Consent cannot be withdrawn before it was given."
    )
    assert services.roster.record(person).consents[0].withdrawn_on is None


def test_drafts_bring_back_the_consent_forms(qtbot, services) -> None:
    partner = services.partners.add(PartnerDetails("Gwent ISVA Service", PartnerType.ISVA_SERVICE))
    person = add_person(services)
    dialog = consent_dialog(qtbot, services, RecordWriter(), person)
    choose(dialog.purpose_combo, ConsentPurpose.PARTNER_SHARING)
    choose(dialog.partner_combo, partner)
    choose(dialog.method_combo, ConsentMethod.VIA_ADVOCATE)
    dialog.given_field.set_value(date(2026, 11, 20))
    dialog.review_field.none_check.setChecked(True)
    dialog.note_edit.setPlainText("Through her ISVA")
    draft = json.loads(json.dumps(dialog.take_draft()))

    again = consent_dialog(qtbot, services, RecordWriter(), person)
    again.restore_draft(draft)
    assert again.take_draft() == draft
    assert again.consent() == dialog.consent()
    assert again.partner_combo.isVisible()

    contact = give(services, person, ConsentPurpose.CONTACT)
    record = services.roster.record(person)
    consent = next(c for c in record.consents if c.id == contact)
    withdraw = show(qtbot, WithdrawConsentDialog(services, RecordWriter(), record, consent))
    withdraw.withdrawn_field.set_value(date(2026, 11, 1))
    state = json.loads(json.dumps(withdraw.take_draft()))
    assert state["consent_id"] == contact
    again_withdraw = show(qtbot, WithdrawConsentDialog(services, RecordWriter(), record, consent))
    again_withdraw.restore_draft(state)
    assert again_withdraw.withdrawn_field.value() == date(2026, 11, 1)


def test_the_consent_dialog_works_from_the_keyboard(qtbot, services) -> None:
    person = add_person(services)
    dialog = consent_dialog(qtbot, services, RecordWriter(), person)
    assert_labels_have_buddies(dialog)
    assert_keyboard_complete(qtbot, dialog)
    choose(dialog.purpose_combo, ConsentPurpose.PARTNER_SHARING)
    assert_keyboard_complete(qtbot, dialog)
