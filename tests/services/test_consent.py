"""Consent per purpose: giving, refusing duplicates, withdrawal with every effect at once,
review, and the reviews coming due (by pseudonym only)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sec_desktop.domain.enums import (
    ConsentMethod,
    ConsentPurpose,
    ContactChannel,
    Group,
    InvitationResponse,
    ParticipantStatus,
    PartnerType,
)
from sec_desktop.services.consent import DEFAULT_REVIEW_HORIZON_DAYS, ConsentGiven
from sec_desktop.services.errors import NotFound, RuleBroken, ValidationFailed
from sec_desktop.services.groups import Invite
from sec_desktop.services.participant_records import (
    ParticipantDetails,
    ParticipantRef,
    ReviewDue,
    SafeContactRules,
)
from sec_desktop.services.partners import PartnerDetails
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditRow
from sec_desktop.vault.vault import Vault
from tests.records import TODAY
from tests.risk_data import assess

NAME = "Tamsin Wolverhampton-Quist"
RULES = SafeContactRules(
    channels=frozenset({ContactChannel.PHONE, ContactChannel.EMAIL}),
    phone="07700 900456",
    email="t@example.org",
)


def audit_rows(vault: Vault) -> list[AuditRow]:
    with vault.engine.connect() as connection:
        return audit.rows(connection)


def given(
    purpose: ConsentPurpose,
    review_on: date | None = None,
    partner_id: int | None = None,
    given_on: date = TODAY,
) -> ConsentGiven:
    return ConsentGiven(purpose, given_on, ConsentMethod.VERBAL, review_on, "", partner_id)


def reachable(services: RecordServices, name: str = NAME) -> ParticipantRef:
    """An active participant with safe contact rules, consent to be contacted and a
    current risk assessment."""
    ref = services.roster.add(ParticipantDetails(name=name, status=ParticipantStatus.ACTIVE), RULES)
    services.consent.give(ref.id, given(ConsentPurpose.CONTACT))
    assess(services, ref.id)
    return ref


def consent_id(services: RecordServices, pid: int, purpose: ConsentPurpose) -> int:
    return next(c.id for c in services.roster.record(pid).consents if c.purpose is purpose)


def on_day(vault: Vault, day: date) -> RecordServices:
    return RecordServices.over(vault, today=lambda: day)


# --- giving -------------------------------------------------------------------------------


def test_a_consent_is_recorded_and_current(services: RecordServices) -> None:
    ref = services.roster.add(ParticipantDetails(name=NAME))
    cid = services.consent.give(
        ref.id,
        ConsentGiven(
            ConsentPurpose.QUOTE,
            TODAY - timedelta(days=2),
            ConsentMethod.VIA_ADVOCATE,
            TODAY + timedelta(days=365),
            " through their ISVA ",
        ),
    )
    record = services.roster.record(ref.id)
    (consent,) = record.consents
    assert consent.id == cid
    assert (consent.purpose, consent.method) == (ConsentPurpose.QUOTE, ConsentMethod.VIA_ADVOCATE)
    assert consent.given_on == TODAY - timedelta(days=2)
    assert consent.review_on == TODAY + timedelta(days=365)
    assert consent.withdrawn_on is None
    assert consent.note == "through their ISVA"
    assert record.has_consent(ConsentPurpose.QUOTE, TODAY)
    assert not record.has_consent(ConsentPurpose.TRAINING, TODAY)


def test_the_same_consent_twice_is_refused_and_nothing_changes(
    services: RecordServices, records_vault: Vault
) -> None:
    ref = services.roster.add(ParticipantDetails(name=NAME))
    services.consent.give(ref.id, given(ConsentPurpose.REPORTING))
    before = (services.roster.record(ref.id), audit_rows(records_vault))
    with pytest.raises(RuleBroken) as refused:
        services.consent.give(ref.id, given(ConsentPurpose.REPORTING, TODAY + timedelta(days=9)))
    assert ref.code in str(refused.value)
    assert NAME not in str(refused.value)
    assert (services.roster.record(ref.id), audit_rows(records_vault)) == before


def test_a_stray_partner_does_not_slip_a_duplicate_past_the_check(
    services: RecordServices,
) -> None:
    # A form may leave a partner chosen when the purpose is not partner sharing.
    partner = services.partners.add(PartnerDetails("Example Charity", PartnerType.CHARITY))
    ref = services.roster.add(ParticipantDetails(name=NAME))
    services.consent.give(ref.id, given(ConsentPurpose.CONTACT))
    with pytest.raises(RuleBroken):
        services.consent.give(ref.id, given(ConsentPurpose.CONTACT, partner_id=partner))
    assert len(services.roster.record(ref.id).consents) == 1
    other = services.consent.give(ref.id, given(ConsentPurpose.QUOTE, partner_id=partner))
    saved = next(c for c in services.roster.record(ref.id).consents if c.id == other)
    assert saved.partner_id is None


def test_consent_may_be_given_again_after_a_withdrawal_and_the_history_stays(
    services: RecordServices,
) -> None:
    ref = services.roster.add(ParticipantDetails(name=NAME))
    first = services.consent.give(ref.id, given(ConsentPurpose.TRAINING))
    services.consent.withdraw(ref.id, first)
    second = services.consent.give(ref.id, given(ConsentPurpose.TRAINING))
    consents = services.roster.record(ref.id).consents
    assert [c.id for c in consents] == [first, second]
    assert [c.withdrawn_on for c in consents] == [TODAY, None]
    assert services.roster.record(ref.id).has_consent(ConsentPurpose.TRAINING, TODAY)


@pytest.mark.parametrize(
    ("consent", "field"),
    [
        (given(ConsentPurpose.QUOTE, given_on=TODAY + timedelta(days=1)), "given_on"),
        (given(ConsentPurpose.QUOTE, review_on=TODAY - timedelta(days=1)), "review_on"),
        (
            ConsentGiven(ConsentPurpose.QUOTE, TODAY, ConsentMethod.WRITTEN, note="n" * 401),
            "consent_note",
        ),
        (given(ConsentPurpose.PARTNER_SHARING), "partner"),
    ],
)
def test_a_consent_that_is_not_right_is_refused(
    services: RecordServices, records_vault: Vault, consent: ConsentGiven, field: str
) -> None:
    ref = services.roster.add(ParticipantDetails(name=NAME))
    before = audit_rows(records_vault)
    with pytest.raises(ValidationFailed) as refused:
        services.consent.give(ref.id, consent)
    assert [e.field for e in refused.value.errors] == [field]
    assert services.roster.record(ref.id).consents == ()
    assert audit_rows(records_vault) == before


def test_sharing_with_a_partner_not_in_the_directory_is_refused(services: RecordServices) -> None:
    ref = services.roster.add(ParticipantDetails(name=NAME))
    with pytest.raises(RuleBroken):
        services.consent.give(ref.id, given(ConsentPurpose.PARTNER_SHARING, partner_id=77))
    assert services.roster.record(ref.id).consents == ()


def test_consent_for_an_erased_participant_is_not_found(services: RecordServices) -> None:
    ref = services.roster.add(ParticipantDetails(name=NAME))
    services.roster.erase(ref.id)
    with pytest.raises(NotFound):
        services.consent.give(ref.id, given(ConsentPurpose.QUOTE))


# --- withdrawal: at once, everywhere ----------------------------------------------------


def test_withdrawing_membership_consent_ends_that_membership_and_its_invitations(
    services: RecordServices,
) -> None:
    ref = reachable(services)
    for purpose in (ConsentPurpose.NETWORK, ConsentPurpose.REFERENCE_GROUP):
        services.consent.give(ref.id, given(purpose))
    services.groups.join(ref.id, Group.NETWORK, TODAY - timedelta(days=5), role="member")
    services.groups.join(ref.id, Group.REFERENCE_GROUP, TODAY)
    services.consent.withdraw(ref.id, consent_id(services, ref.id, ConsentPurpose.NETWORK))

    record = services.roster.record(ref.id)
    network = next(m for m in record.memberships if m.group is Group.NETWORK)
    assert (network.left_on, network.left_reason) == (TODAY, "consent withdrawn")
    assert record.active_groups() == frozenset({Group.REFERENCE_GROUP})
    assert services.groups.members(Group.NETWORK) == []
    assert services.groups.members(Group.REFERENCE_GROUP) == [ref]
    assert services.roster.rows()[0].groups == frozenset({Group.REFERENCE_GROUP})


def test_withdrawing_a_group_consent_cancels_only_that_groups_invitation(
    services: RecordServices,
) -> None:
    ref = reachable(services)
    services.consent.give(ref.id, given(ConsentPurpose.NETWORK))
    for group in (Group.NETWORK, Group.REFERENCE_GROUP):
        services.groups.invite(ref.id, Invite(group, TODAY, ContactChannel.PHONE, TODAY))
    services.consent.withdraw(ref.id, consent_id(services, ref.id, ConsentPurpose.NETWORK))
    responses = {i.group: i.response for i in services.roster.record(ref.id).invitations}
    assert responses == {
        Group.NETWORK: InvitationResponse.CANCELLED,
        Group.REFERENCE_GROUP: InvitationResponse.AWAITING,
    }
    assert [i.group for i in services.groups.awaiting()] == [Group.REFERENCE_GROUP]


def test_withdrawing_contact_consent_takes_effect_everywhere_at_once(
    services: RecordServices,
) -> None:
    ref = reachable(services)
    other = reachable(services, "Somebody Else")
    services.consent.give(ref.id, given(ConsentPurpose.NETWORK))
    services.groups.join(ref.id, Group.STAFF_FORUM, TODAY)
    services.groups.invite(
        ref.id, Invite(Group.NETWORK, TODAY, ContactChannel.PHONE, TODAY + timedelta(days=7))
    )
    services.groups.invite(ref.id, Invite(Group.REFERENCE_GROUP, TODAY, ContactChannel.EMAIL))
    # From the moment they withdraw, they are on no list; the other person still is.
    services.consent.withdraw(ref.id, consent_id(services, ref.id, ConsentPurpose.CONTACT))

    record = services.roster.record(ref.id)
    assert not record.has_consent(ConsentPurpose.CONTACT, TODAY)
    assert record.active_groups() == frozenset()  # the staff forum needed contact consent
    for invitation in record.invitations:
        assert invitation.response is InvitationResponse.CANCELLED
        assert invitation.responded_on == TODAY
        assert invitation.follow_up_on is None
    assert services.groups.awaiting() == []
    for group in Group:
        assert ref not in services.groups.invitation_list(group)
        assert other in services.groups.invitation_list(group)
    assert not services.groups.eligibility(ref.id).allowed


def test_a_cancelled_invitation_cannot_then_be_answered(services: RecordServices) -> None:
    ref = reachable(services)
    invitation = services.groups.invite(ref.id, Invite(Group.NETWORK, TODAY, ContactChannel.PHONE))
    services.consent.withdraw(ref.id, consent_id(services, ref.id, ConsentPurpose.CONTACT))
    with pytest.raises(RuleBroken):
        services.groups.respond(invitation, InvitationResponse.ACCEPTED, TODAY)


def test_withdrawing_one_partners_sharing_leaves_the_others_in_place(
    services: RecordServices,
) -> None:
    first = services.partners.add(PartnerDetails("First Partner", PartnerType.IDVA_SERVICE))
    second = services.partners.add(PartnerDetails("Second Partner", PartnerType.ISVA_SERVICE))
    ref = services.roster.add(ParticipantDetails(name=NAME))
    one = services.consent.give(ref.id, given(ConsentPurpose.PARTNER_SHARING, partner_id=first))
    two = services.consent.give(ref.id, given(ConsentPurpose.PARTNER_SHARING, partner_id=second))
    # The same partner twice is a duplicate; a second partner is not.
    with pytest.raises(RuleBroken):
        services.consent.give(ref.id, given(ConsentPurpose.PARTNER_SHARING, partner_id=first))
    services.consent.withdraw(ref.id, one)
    record = services.roster.record(ref.id)
    current = record.current_consents(TODAY)
    assert [(c.id, c.partner_id, c.partner_name) for c in current] == [
        (two, second, "Second Partner")
    ]
    assert record.has_consent(ConsentPurpose.PARTNER_SHARING, TODAY)
    withdrawn = next(c for c in record.consents if c.id == one)
    assert (withdrawn.withdrawn_on, withdrawn.partner_name) == (TODAY, "First Partner")


def test_a_withdrawal_told_later_keeps_its_own_date(services: RecordServices) -> None:
    ref = services.roster.add(ParticipantDetails(name=NAME, status=ParticipantStatus.ACTIVE))
    cid = services.consent.give(
        ref.id, given(ConsentPurpose.NETWORK, given_on=TODAY - timedelta(days=20))
    )
    services.groups.join(ref.id, Group.NETWORK, TODAY - timedelta(days=5))
    services.consent.withdraw(ref.id, cid, on=TODAY - timedelta(days=10))
    record = services.roster.record(ref.id)
    assert record.consents[0].withdrawn_on == TODAY - timedelta(days=10)
    # A membership cannot end before it began.
    assert record.memberships[0].left_on == TODAY - timedelta(days=5)


@pytest.mark.parametrize(
    "on", [TODAY + timedelta(days=1), TODAY - timedelta(days=31)], ids=["future", "before given"]
)
def test_a_withdrawal_on_an_impossible_date_is_refused_and_changes_nothing(
    services: RecordServices, records_vault: Vault, on: date
) -> None:
    ref = services.roster.add(ParticipantDetails(name=NAME))
    cid = services.consent.give(
        ref.id, given(ConsentPurpose.NETWORK, given_on=TODAY - timedelta(days=30))
    )
    services.groups.join(ref.id, Group.NETWORK, TODAY)
    before = (services.roster.record(ref.id), audit_rows(records_vault), records_vault.generation)
    with pytest.raises(ValidationFailed) as refused:
        services.consent.withdraw(ref.id, cid, on=on)
    assert [e.field for e in refused.value.errors] == ["withdrawn_on"]
    after = (services.roster.record(ref.id), audit_rows(records_vault), records_vault.generation)
    assert after == before


def test_withdrawing_twice_changes_nothing_and_audits_nothing(
    services: RecordServices, records_vault: Vault
) -> None:
    ref = services.roster.add(ParticipantDetails(name=NAME))
    cid = services.consent.give(ref.id, given(ConsentPurpose.QUOTE))
    services.consent.withdraw(ref.id, cid)
    before = (services.roster.record(ref.id), audit_rows(records_vault), records_vault.generation)
    services.consent.withdraw(ref.id, cid)
    after = (services.roster.record(ref.id), audit_rows(records_vault), records_vault.generation)
    assert after == before


def test_withdrawing_a_consent_not_on_the_record_is_refused(services: RecordServices) -> None:
    a = services.roster.add(ParticipantDetails(name=NAME))
    b = services.roster.add(ParticipantDetails(name="Somebody Else"))
    cid = services.consent.give(b.id, given(ConsentPurpose.QUOTE))
    with pytest.raises(RuleBroken) as refused:
        services.consent.withdraw(a.id, cid)
    assert a.code in str(refused.value)
    assert services.roster.record(b.id).consents[0].withdrawn_on is None


# --- review -------------------------------------------------------------------------------


def test_a_review_sets_the_next_review_date(services: RecordServices) -> None:
    ref = services.roster.add(ParticipantDetails(name=NAME))
    cid = services.consent.give(ref.id, given(ConsentPurpose.QUOTE, TODAY + timedelta(days=3)))
    services.consent.review(ref.id, cid, TODAY + timedelta(days=180))
    assert services.roster.record(ref.id).consents[0].review_on == TODAY + timedelta(days=180)
    services.consent.review(ref.id, cid, None)
    assert services.roster.record(ref.id).consents[0].review_on is None


def test_a_review_date_in_the_past_is_refused(services: RecordServices) -> None:
    ref = services.roster.add(ParticipantDetails(name=NAME))
    cid = services.consent.give(ref.id, given(ConsentPurpose.QUOTE, TODAY + timedelta(days=3)))
    with pytest.raises(ValidationFailed):
        services.consent.review(ref.id, cid, TODAY - timedelta(days=1))
    assert services.roster.record(ref.id).consents[0].review_on == TODAY + timedelta(days=3)


def test_a_withdrawn_consent_cannot_be_reviewed(services: RecordServices) -> None:
    ref = services.roster.add(ParticipantDetails(name=NAME))
    cid = services.consent.give(ref.id, given(ConsentPurpose.QUOTE))
    services.consent.withdraw(ref.id, cid)
    with pytest.raises(RuleBroken):
        services.consent.review(ref.id, cid, TODAY + timedelta(days=30))
    assert services.roster.record(ref.id).consents[0].review_on is None


# --- reviews coming due -------------------------------------------------------------------


def test_reviews_due_within_the_horizon_and_overdue_ones_soonest_first(
    services: RecordServices, records_vault: Vault
) -> None:
    earlier = on_day(records_vault, TODAY - timedelta(days=40))
    # Overdue: dates that were in the future when recorded and have since passed.
    late = earlier.roster.add(
        ParticipantDetails(name=NAME, record_review_on=TODAY - timedelta(days=5))
    )
    late_consent = earlier.consent.give(
        late.id,
        given(ConsentPurpose.QUOTE, TODAY - timedelta(days=1), given_on=TODAY - timedelta(40)),
    )
    soon = services.roster.add(
        ParticipantDetails(name="Second Person", record_review_on=TODAY + timedelta(days=60))
    )
    edge = services.consent.give(
        soon.id, given(ConsentPurpose.CONTACT, TODAY + timedelta(DEFAULT_REVIEW_HORIZON_DAYS))
    )
    services.consent.give(
        soon.id,
        given(ConsentPurpose.REPORTING, TODAY + timedelta(DEFAULT_REVIEW_HORIZON_DAYS + 1)),
    )
    withdrawn = services.consent.give(soon.id, given(ConsentPurpose.TRAINING, TODAY))
    services.consent.withdraw(soon.id, withdrawn)
    today_too = services.consent.give(soon.id, given(ConsentPurpose.QUOTE, TODAY))
    services.roster.add(ParticipantDetails(name="No Reviews"))

    due = services.consent.due_for_review()
    assert due == [
        ReviewDue(late, TODAY - timedelta(days=5), None),
        ReviewDue(late, TODAY - timedelta(days=1), ConsentPurpose.QUOTE, late_consent),
        ReviewDue(soon, TODAY, ConsentPurpose.QUOTE, today_too),
        ReviewDue(
            soon, TODAY + timedelta(DEFAULT_REVIEW_HORIZON_DAYS), ConsentPurpose.CONTACT, edge
        ),
    ]
    assert [d.overdue(TODAY) for d in due] == [True, True, False, False]
    # A wider horizon takes in the later ones.
    wider = services.consent.due_for_review(within_days=60)
    assert [(d.participant.code, d.purpose) for d in wider[4:]] == [
        (soon.code, ConsentPurpose.REPORTING),
        (soon.code, None),
    ]
    # By pseudonym only: no name anywhere in what the Today page is given.
    for item in wider:
        assert "Tamsin" not in repr(item)
        assert "Second Person" not in repr(item)
        assert "Wolverhampton" not in repr(item)


def test_reviews_on_the_same_day_are_ordered_by_code(services: RecordServices) -> None:
    day = TODAY + timedelta(days=10)
    refs = [
        services.roster.add(ParticipantDetails(name=f"P{i}", record_review_on=day))
        for i in range(3)
    ]
    assert [d.participant for d in services.consent.due_for_review()] == refs


def test_nothing_is_due_in_an_empty_vault(services: RecordServices) -> None:
    assert services.consent.due_for_review() == []
