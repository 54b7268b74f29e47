"""Groups: joining needs that group's consent; inviting needs the eligibility check and a
channel the person allowed; replies, leaving, and the lists the screens show."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from sec_desktop.domain.enums import (
    ConsentMethod,
    ConsentPurpose,
    ContactChannel,
    Group,
    InvitationResponse,
    ParticipantStatus,
)
from sec_desktop.services import eligibility
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.errors import RuleBroken, ValidationFailed
from sec_desktop.services.groups import ChannelNotAllowed, Invite, NotEligible
from sec_desktop.services.invitation_rules import REST_AFTER, RESTING
from sec_desktop.services.participant_records import (
    ParticipantDetails,
    ParticipantRef,
    SafeContactRules,
)
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditRow
from sec_desktop.vault.vault import Vault
from tests.records import TODAY
from tests.risk_data import assess

NAME = "Eluned Farquharson-Byrd"
PHONE_ONLY = SafeContactRules(channels=frozenset({ContactChannel.PHONE}), phone="07700 900789")


def audit_rows(vault: Vault) -> list[AuditRow]:
    with vault.engine.connect() as connection:
        return audit.rows(connection)


def consent(services: RecordServices, pid: int, purpose: ConsentPurpose) -> int:
    return services.consent.give(pid, ConsentGiven(purpose, TODAY, ConsentMethod.VERBAL))


def person(
    services: RecordServices,
    *,
    status: ParticipantStatus = ParticipantStatus.ACTIVE,
    rules: SafeContactRules | None = PHONE_ONLY,
    contact_consent: bool = True,
    name: str = NAME,
    referred_on: date | None = None,
    assessed: bool = True,
) -> ParticipantRef:
    """Someone on the roster; by default reachable, with consent to be contacted and a
    current risk assessment (tests/risk_data.py), so that only the rule tested blocks."""
    ref = services.roster.add(
        ParticipantDetails(name=name, status=status, referred_on=referred_on), rules
    )
    if contact_consent:
        consent(services, ref.id, ConsentPurpose.CONTACT)
    if assessed:
        assess(services, ref.id)
    return ref


def invite(group: Group = Group.NETWORK, **changes: Any) -> Invite:
    base = Invite(
        group, TODAY, ContactChannel.PHONE, TODAY + timedelta(days=14), "after a focus group"
    )
    return replace(base, **changes)


# --- joining ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "purpose"),
    [
        (Group.NETWORK, ConsentPurpose.NETWORK),
        (Group.REFERENCE_GROUP, ConsentPurpose.REFERENCE_GROUP),
        (Group.STAFF_FORUM, ConsentPurpose.CONTACT),
    ],
)
def test_joining_needs_current_consent_for_that_group(
    services: RecordServices, records_vault: Vault, group: Group, purpose: ConsentPurpose
) -> None:
    ref = person(services, contact_consent=False)
    # Every other purpose is given: none of them stands in for the one the group needs.
    for other in ConsentPurpose:
        if other not in (purpose, ConsentPurpose.PARTNER_SHARING):
            consent(services, ref.id, other)
    before = audit_rows(records_vault)
    with pytest.raises(RuleBroken) as refused:
        services.groups.join(ref.id, group, TODAY)
    assert ref.code in str(refused.value)
    assert NAME not in str(refused.value)
    assert services.roster.record(ref.id).memberships == ()
    assert audit_rows(records_vault) == before

    consent(services, ref.id, purpose)
    membership = services.groups.join(ref.id, group, TODAY - timedelta(days=1), " chair ")
    (saved,) = services.roster.record(ref.id).memberships
    assert (saved.id, saved.group, saved.joined_on, saved.role) == (
        membership,
        group,
        TODAY - timedelta(days=1),
        "chair",
    )
    assert saved.active
    assert services.groups.members(group) == [ref]


def test_a_withdrawn_consent_does_not_count_for_joining(services: RecordServices) -> None:
    ref = person(services)
    cid = consent(services, ref.id, ConsentPurpose.REFERENCE_GROUP)
    services.consent.withdraw(ref.id, cid)
    with pytest.raises(RuleBroken):
        services.groups.join(ref.id, Group.REFERENCE_GROUP, TODAY)


def test_joining_twice_is_refused(services: RecordServices) -> None:
    ref = person(services)
    services.groups.join(ref.id, Group.STAFF_FORUM, TODAY)
    with pytest.raises(RuleBroken):
        services.groups.join(ref.id, Group.STAFF_FORUM, TODAY)
    assert len(services.roster.record(ref.id).memberships) == 1


@pytest.mark.parametrize(
    ("joined_on", "role", "field"),
    [(TODAY + timedelta(days=1), "", "joined_on"), (TODAY, "r" * 81, "role")],
)
def test_a_membership_that_is_not_right_is_refused(
    services: RecordServices, joined_on: date, role: str, field: str
) -> None:
    ref = person(services)
    with pytest.raises(ValidationFailed) as refused:
        services.groups.join(ref.id, Group.STAFF_FORUM, joined_on, role)
    assert [e.field for e in refused.value.errors] == [field]
    assert services.roster.record(ref.id).memberships == ()


# --- leaving ------------------------------------------------------------------------------


def test_leaving_ends_the_membership_and_they_may_rejoin(services: RecordServices) -> None:
    ref = person(services)
    consent(services, ref.id, ConsentPurpose.NETWORK)
    membership = services.groups.join(ref.id, Group.NETWORK, TODAY - timedelta(days=30))
    services.groups.leave(ref.id, membership, TODAY - timedelta(days=2), " moving away ")
    (saved,) = services.roster.record(ref.id).memberships
    assert (saved.left_on, saved.left_reason, saved.active) == (
        TODAY - timedelta(days=2),
        "moving away",
        False,
    )
    assert services.groups.members(Group.NETWORK) == []
    with pytest.raises(RuleBroken):
        services.groups.leave(ref.id, membership, TODAY)
    services.groups.join(ref.id, Group.NETWORK, TODAY)
    assert services.groups.members(Group.NETWORK) == [ref]


@pytest.mark.parametrize(
    ("left_on", "reason"),
    [
        (TODAY + timedelta(days=1), ""),
        (TODAY - timedelta(days=31), ""),
        (TODAY, "r" * 201),
    ],
    ids=["future", "before joining", "reason too long"],
)
def test_leaving_on_an_impossible_date_or_with_too_long_a_reason_is_refused(
    services: RecordServices, records_vault: Vault, left_on: date, reason: str
) -> None:
    ref = person(services)
    membership = services.groups.join(ref.id, Group.STAFF_FORUM, TODAY - timedelta(days=30))
    before = (services.roster.record(ref.id), audit_rows(records_vault))
    with pytest.raises(ValidationFailed):
        services.groups.leave(ref.id, membership, left_on, reason)
    assert (services.roster.record(ref.id), audit_rows(records_vault)) == before


def test_leaving_someone_elses_membership_is_refused(services: RecordServices) -> None:
    a = person(services)
    b = person(services, name="Somebody Else")
    membership = services.groups.join(b.id, Group.STAFF_FORUM, TODAY)
    with pytest.raises(RuleBroken):
        services.groups.leave(a.id, membership, TODAY)
    assert services.groups.members(Group.STAFF_FORUM) == [b]


# --- eligibility ----------------------------------------------------------------------------


def test_a_reachable_active_person_is_eligible(services: RecordServices) -> None:
    ref = person(services)
    result = services.groups.eligibility(ref.id)
    assert result.allowed
    assert result.participant == ref
    assert result.blockers == ()


def test_an_enquiry_is_eligible_too(services: RecordServices) -> None:
    assert services.groups.eligibility(
        person(services, status=ParticipantStatus.ENQUIRY).id
    ).allowed


@pytest.mark.parametrize(
    ("who", "blockers"),
    [
        ((ParticipantStatus.LEFT, PHONE_ONLY, True), [eligibility.LEFT]),
        ((ParticipantStatus.PAUSED, PHONE_ONLY, True), [eligibility.PAUSED]),
        ((ParticipantStatus.ACTIVE, PHONE_ONLY, False), [eligibility.NO_CONTACT_CONSENT]),
        ((ParticipantStatus.ACTIVE, None, True), [eligibility.NO_SAFE_CONTACT]),
        # Rules recorded but with no channel allowed are no safe way to contact them.
        (
            (ParticipantStatus.ACTIVE, SafeContactRules(code_word="x"), True),
            [eligibility.NO_SAFE_CONTACT],
        ),
        (
            (ParticipantStatus.LEFT, None, False),
            [eligibility.LEFT, eligibility.NO_CONTACT_CONSENT, eligibility.NO_SAFE_CONTACT],
        ),
        (
            (ParticipantStatus.PAUSED, None, False),
            [eligibility.PAUSED, eligibility.NO_CONTACT_CONSENT, eligibility.NO_SAFE_CONTACT],
        ),
    ],
)
def test_every_reason_not_to_invite_is_listed_and_blocks_the_invitation(
    services: RecordServices,
    records_vault: Vault,
    who: tuple[ParticipantStatus, SafeContactRules | None, bool],
    blockers: list[eligibility.Blocker],
) -> None:
    status, rules, contact_consent = who
    ref = person(services, status=status, rules=rules, contact_consent=contact_consent)
    result = services.groups.eligibility(ref.id)
    assert not result.allowed
    assert list(result.blockers) == blockers
    for blocker in blockers:
        assert blocker.reason and blocker.unblock
    before = (services.roster.record(ref.id), audit_rows(records_vault))
    with pytest.raises(NotEligible) as refused:
        services.groups.invite(ref.id, invite())
    assert refused.value.eligibility == result
    assert ref.code in str(refused.value)
    assert NAME not in str(refused.value)
    assert (services.roster.record(ref.id), audit_rows(records_vault)) == before
    for group in Group:
        assert ref not in services.groups.invitation_list(group)


def test_a_withdrawn_contact_consent_is_no_consent(services: RecordServices) -> None:
    ref = person(services)
    contact = services.roster.record(ref.id).consents[0].id
    services.consent.withdraw(ref.id, contact)
    assert list(services.groups.eligibility(ref.id).blockers) == [eligibility.NO_CONTACT_CONSENT]


# --- inviting -----------------------------------------------------------------------------


def test_an_invitation_is_recorded_and_awaits_a_reply(services: RecordServices) -> None:
    ref = person(services)
    invitation = services.groups.invite(ref.id, invite(context="  after the March focus group "))
    (saved,) = services.roster.record(ref.id).invitations
    assert saved.id == invitation
    assert (saved.participant, saved.group, saved.channel) == (
        ref,
        Group.NETWORK,
        ContactChannel.PHONE,
    )
    assert (saved.invited_on, saved.follow_up_on, saved.response, saved.responded_on) == (
        TODAY,
        TODAY + timedelta(days=14),
        InvitationResponse.AWAITING,
        None,
    )
    assert saved.context == "after the March focus group"
    assert services.groups.awaiting() == [saved]


def test_the_channel_must_be_one_they_allowed(
    services: RecordServices, records_vault: Vault
) -> None:
    ref = person(services)
    before = audit_rows(records_vault)
    for channel in ContactChannel:
        if channel is not ContactChannel.PHONE:
            with pytest.raises(ChannelNotAllowed):
                services.groups.invite(ref.id, invite(channel=channel))
    assert services.roster.record(ref.id).invitations == ()
    assert audit_rows(records_vault) == before


def test_inviting_twice_to_the_same_group_is_refused_but_another_group_is_fine(
    services: RecordServices,
) -> None:
    ref = person(services)
    services.groups.invite(ref.id, invite(Group.NETWORK))
    with pytest.raises(RuleBroken) as refused:
        services.groups.invite(ref.id, invite(Group.NETWORK))
    assert ref.code in str(refused.value)
    services.groups.invite(ref.id, invite(Group.REFERENCE_GROUP))
    assert len(services.roster.record(ref.id).invitations) == 2


def test_a_member_is_not_invited_to_their_own_group(services: RecordServices) -> None:
    ref = person(services)
    consent(services, ref.id, ConsentPurpose.NETWORK)
    services.groups.join(ref.id, Group.NETWORK, TODAY)
    with pytest.raises(RuleBroken):
        services.groups.invite(ref.id, invite(Group.NETWORK))


def test_after_no_reply_they_are_not_asked_again_for_a_while(
    services: RecordServices, records_vault: Vault
) -> None:
    ref = person(services)
    first = services.groups.invite(ref.id, invite())
    services.groups.respond(first, InvitationResponse.NO_REPLY, TODAY)
    with pytest.raises(NotEligible) as refused:
        services.groups.invite(ref.id, invite())
    assert [b.reason for b in refused.value.eligibility.blockers] == [
        RESTING[InvitationResponse.NO_REPLY]
    ]
    later = TODAY + REST_AFTER[InvitationResponse.NO_REPLY]
    after_a_while = RecordServices.over(records_vault, today=lambda: later)
    after_a_while.groups.invite(ref.id, invite(invited_on=later, follow_up_on=None))
    assert [i.response for i in services.roster.record(ref.id).invitations] == [
        InvitationResponse.NO_REPLY,
        InvitationResponse.AWAITING,
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"invited_on": TODAY + timedelta(days=1)}, "invited_on"),
        ({"follow_up_on": TODAY - timedelta(days=1)}, "follow_up_on"),
        ({"context": "c" * 201}, "context"),
    ],
)
def test_an_invitation_that_is_not_right_is_refused(
    services: RecordServices, changes: dict[str, Any], field: str
) -> None:
    ref = person(services)
    with pytest.raises(ValidationFailed) as refused:
        services.groups.invite(ref.id, invite(**changes))
    assert [e.field for e in refused.value.errors] == [field]
    assert services.roster.record(ref.id).invitations == ()


# --- replies ------------------------------------------------------------------------------


def test_accepting_makes_them_a_member(services: RecordServices) -> None:
    ref = person(services)
    consent(services, ref.id, ConsentPurpose.NETWORK)
    invitation = services.groups.invite(ref.id, invite())
    services.groups.respond(invitation, InvitationResponse.ACCEPTED, TODAY, role="member")
    record = services.roster.record(ref.id)
    (saved,) = record.invitations
    assert (saved.response, saved.responded_on, saved.follow_up_on) == (
        InvitationResponse.ACCEPTED,
        TODAY,
        None,
    )
    (membership,) = record.memberships
    assert (membership.group, membership.joined_on, membership.role) == (
        Group.NETWORK,
        TODAY,
        "member",
    )
    assert services.groups.members(Group.NETWORK) == [ref]
    assert services.groups.awaiting() == []


def test_accepting_without_membership_consent_is_refused_and_nothing_is_half_saved(
    services: RecordServices, records_vault: Vault
) -> None:
    ref = person(services)
    invitation = services.groups.invite(ref.id, invite(Group.REFERENCE_GROUP))
    before = (services.roster.record(ref.id), audit_rows(records_vault), records_vault.generation)
    with pytest.raises(RuleBroken) as refused:
        services.groups.respond(invitation, InvitationResponse.ACCEPTED, TODAY)
    assert ref.code in str(refused.value)
    after = (services.roster.record(ref.id), audit_rows(records_vault), records_vault.generation)
    # The reply was not kept without the membership it implies: still awaiting.
    assert after == before
    assert services.roster.record(ref.id).invitations[0].response is InvitationResponse.AWAITING


@pytest.mark.parametrize("response", [InvitationResponse.DECLINED, InvitationResponse.NO_REPLY])
def test_declining_or_no_reply_makes_no_member(
    services: RecordServices, response: InvitationResponse
) -> None:
    ref = person(services)
    consent(services, ref.id, ConsentPurpose.NETWORK)
    invitation = services.groups.invite(ref.id, invite())
    services.groups.respond(invitation, response, TODAY)
    record = services.roster.record(ref.id)
    assert record.memberships == ()
    assert record.invitations[0].response is response
    assert services.groups.awaiting() == []
    # Not asked again straight away: they said no (or nothing).
    assert ref not in services.groups.invitation_list(Group.NETWORK)
    blockers = services.groups.eligibility(ref.id, Group.NETWORK).blockers
    assert [b.reason for b in blockers] == [RESTING[response]]
    # Another group is another question.
    assert ref in services.groups.invitation_list(Group.REFERENCE_GROUP)


def test_a_reply_is_recorded_once(services: RecordServices) -> None:
    ref = person(services)
    invitation = services.groups.invite(ref.id, invite())
    services.groups.respond(invitation, InvitationResponse.DECLINED, TODAY)
    with pytest.raises(RuleBroken):
        services.groups.respond(invitation, InvitationResponse.ACCEPTED, TODAY)
    assert services.roster.record(ref.id).invitations[0].response is InvitationResponse.DECLINED


@pytest.mark.parametrize("response", [InvitationResponse.AWAITING, InvitationResponse.CANCELLED])
def test_awaiting_and_cancelled_are_not_replies(
    services: RecordServices, response: InvitationResponse
) -> None:
    ref = person(services)
    invitation = services.groups.invite(ref.id, invite())
    with pytest.raises(ValueError, match="a reply is"):
        services.groups.respond(invitation, response, TODAY)


@pytest.mark.parametrize(
    ("on", "role"),
    [
        (TODAY + timedelta(days=1), ""),
        (TODAY - timedelta(days=1), ""),
        (TODAY, "r" * 81),
    ],
    ids=["future", "before the invitation", "role too long"],
)
def test_a_reply_that_is_not_right_is_refused(
    services: RecordServices, on: date, role: str
) -> None:
    ref = person(services)
    consent(services, ref.id, ConsentPurpose.NETWORK)
    invitation = services.groups.invite(ref.id, invite())
    with pytest.raises(ValidationFailed):
        services.groups.respond(invitation, InvitationResponse.ACCEPTED, on, role)
    record = services.roster.record(ref.id)
    assert record.invitations[0].response is InvitationResponse.AWAITING
    assert record.memberships == ()


def test_a_reply_to_an_unknown_invitation_is_refused(services: RecordServices) -> None:
    with pytest.raises(RuleBroken):
        services.groups.respond(404, InvitationResponse.DECLINED, TODAY)


# --- the lists ------------------------------------------------------------------------------


def test_the_invitation_list_is_the_eligible_not_members_not_waiting_soonest_referred_first(
    services: RecordServices,
) -> None:
    late = person(services, name="Referred Late", referred_on=TODAY - timedelta(days=1))
    early = person(services, name="Referred Early", referred_on=TODAY - timedelta(days=90))
    undated = person(services, name="Never Dated")
    member = person(services, name="Already Member", referred_on=TODAY - timedelta(days=100))
    consent(services, member.id, ConsentPurpose.NETWORK)
    services.groups.join(member.id, Group.NETWORK, TODAY)
    waiting = person(services, name="Already Invited", referred_on=TODAY - timedelta(days=100))
    services.groups.invite(waiting.id, invite(Group.NETWORK))
    person(services, name="Has Left", status=ParticipantStatus.LEFT)
    person(services, name="No Consent", contact_consent=False)

    assert services.groups.invitation_list(Group.NETWORK) == [undated, early, late]
    assert services.groups.invitation_list(Group.REFERENCE_GROUP) == [
        undated,
        member,
        waiting,
        early,
        late,
    ]


def test_awaiting_lists_follow_ups_soonest_first_and_undated_last(
    services: RecordServices,
) -> None:
    a = person(services)
    b = person(services, name="Somebody Else")
    services.groups.invite(a.id, invite(Group.NETWORK, follow_up_on=None))
    services.groups.invite(a.id, invite(Group.REFERENCE_GROUP, follow_up_on=TODAY + timedelta(9)))
    services.groups.invite(b.id, invite(Group.NETWORK, follow_up_on=TODAY + timedelta(2)))
    awaiting = services.groups.awaiting()
    assert [(i.participant, i.group) for i in awaiting] == [
        (b, Group.NETWORK),
        (a, Group.REFERENCE_GROUP),
        (a, Group.NETWORK),
    ]
    assert all(NAME not in repr(i) for i in awaiting)


def test_members_are_listed_by_code(services: RecordServices) -> None:
    refs = [person(services, name=f"P{i}") for i in range(3)]
    for ref in reversed(refs):
        services.groups.join(ref.id, Group.STAFF_FORUM, TODAY)
    assert services.groups.members(Group.STAFF_FORUM) == refs
    assert services.groups.members(Group.NETWORK) == []
