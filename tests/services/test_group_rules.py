"""Rules about who is asked to join again: after a withdrawal, after leaving, the staff forum."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sec_desktop.domain.enums import (
    ConsentPurpose,
    Group,
    InvitationResponse,
    ParticipantStatus,
)
from sec_desktop.services.errors import RuleBroken
from sec_desktop.services.groups import NotEligible
from sec_desktop.services.invitation_rules import WITHDREW
from sec_desktop.services.record_services import RecordServices
from tests.services.test_groups import consent, invite, person


def test_the_staff_forum_is_not_an_invitation(services: RecordServices) -> None:
    ref = person(services)
    with pytest.raises(ValueError, match="invite"):
        services.groups.invite(ref.id, invite(Group.STAFF_FORUM))
    assert services.groups.awaiting() == []


def test_who_withdrew_from_a_group_is_not_asked_to_join_it_again(
    services: RecordServices,
) -> None:
    ref = person(services)
    network = consent(services, ref.id, ConsentPurpose.NETWORK)
    services.consent.withdraw(ref.id, network)
    assert ref not in services.groups.invitation_list(Group.NETWORK)
    # Other groups are not affected.
    assert ref in services.groups.invitation_list(Group.REFERENCE_GROUP)
    with pytest.raises(NotEligible) as refused:
        services.groups.invite(ref.id, invite(Group.NETWORK))
    assert refused.value.eligibility.blockers == (WITHDREW,)
    assert services.groups.eligibility(ref.id, Group.NETWORK).blockers == (WITHDREW,)
    # Given again: they may be asked again.
    consent(services, ref.id, ConsentPurpose.NETWORK)
    assert ref in services.groups.invitation_list(Group.NETWORK)
    services.groups.invite(ref.id, invite(Group.NETWORK))


def test_leaving_ends_memberships_and_waiting_invitations(services: RecordServices) -> None:
    ref = person(services)
    consent(services, ref.id, ConsentPurpose.NETWORK)
    services.groups.join(ref.id, Group.NETWORK, services.today())
    services.groups.invite(ref.id, invite(Group.REFERENCE_GROUP))
    details = services.roster.record(ref.id).details
    services.roster.update_details(ref.id, replace(details, status=ParticipantStatus.LEFT))
    record = services.roster.record(ref.id)
    assert record.active_groups() == frozenset()
    assert [m.left_reason for m in record.memberships] == ["left"]
    assert [i.response for i in record.invitations] == [InvitationResponse.CANCELLED]
    assert services.groups.awaiting() == []
    with pytest.raises(RuleBroken, match="has left"):
        services.groups.join(ref.id, Group.NETWORK, services.today())


def test_an_edit_that_keeps_them_active_changes_no_membership(services: RecordServices) -> None:
    ref = person(services)
    consent(services, ref.id, ConsentPurpose.NETWORK)
    services.groups.join(ref.id, Group.NETWORK, services.today())
    details = services.roster.record(ref.id).details
    services.roster.update_details(ref.id, replace(details, pronouns="they/them"))
    assert services.roster.record(ref.id).active_groups() == frozenset({Group.NETWORK})


def test_pausing_cancels_waiting_invitations_but_keeps_memberships(
    services: RecordServices,
) -> None:
    ref = person(services)
    consent(services, ref.id, ConsentPurpose.NETWORK)
    services.groups.join(ref.id, Group.NETWORK, services.today())
    services.groups.invite(ref.id, invite(Group.REFERENCE_GROUP))
    details = services.roster.record(ref.id).details
    services.roster.update_details(ref.id, replace(details, status=ParticipantStatus.PAUSED))
    record = services.roster.record(ref.id)
    assert record.active_groups() == frozenset({Group.NETWORK})
    assert [i.response for i in record.invitations] == [InvitationResponse.CANCELLED]
    assert services.groups.awaiting() == []
