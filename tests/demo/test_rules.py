"""The demo records obey every rule the services enforce: checked record by record, and
proved by replaying every record through the services themselves."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, cast

import pytest
from faker import Faker
from sqlalchemy.orm import Session

from sec_desktop.demo.context import DemoContext
from sec_desktop.demo.history import WITHDRAWN_REASON, DemoConsent, _invite
from sec_desktop.demo.people import DemoPerson
from sec_desktop.domain.enums import (
    GROUP_CONSENT,
    ConsentMethod,
    ConsentPurpose,
    ContactChannel,
    Group,
    InvitationResponse,
    Language,
    ParticipantStatus,
    ReferralRoute,
)
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.groups import Invite
from sec_desktop.services.participant_records import (
    InvitationRecord,
    ParticipantRecord,
    SafeContactRules,
)
from sec_desktop.services.partners import _validate_contact, _validate_partner
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.risk_records import AssessmentRecord
from sec_desktop.services.roster import validate_details, validate_equality, validate_rules
from sec_desktop.vault.vault import Vault
from tests.demo.conftest import Demo
from tests.records import TODAY

# --- the rules ----------------------------------------------------------------------------


def held(record: ParticipantRecord, purpose: ConsentPurpose, day: date) -> bool:
    """Whether something done on `day` found a consent for `purpose` current (things
    done on a day come before a withdrawal made that day)."""
    return any(
        c.purpose is purpose
        and c.given_on <= day
        and (c.withdrawn_on is None or day <= c.withdrawn_on)
        for c in record.consents
    )


def consent_breaks(record: ParticipantRecord, today: date) -> list[str]:
    breaks = []
    for c in record.consents:
        if c.given_on > today or (c.withdrawn_on and not c.given_on <= c.withdrawn_on <= today):
            breaks.append("consent dates")
        if c.review_on is not None and c.review_on < c.given_on:
            breaks.append("review before consent")
    purposes = [(c.purpose, c.partner_id) for c in record.consents if c.withdrawn_on is None]
    if len(purposes) != len(set(purposes)):
        breaks.append("the same consent twice")
    return breaks


def membership_breaks(record: ParticipantRecord, today: date) -> list[str]:
    breaks = []
    for m in record.memberships:
        if m.active and not record.has_consent(GROUP_CONSENT[m.group], today):
            breaks.append(f"member of {m.group.value} without current consent")
        if not held(record, GROUP_CONSENT[m.group], m.joined_on):
            breaks.append(f"joined {m.group.value} without consent that day")
        if m.left_on is not None and not m.joined_on <= m.left_on <= today:
            breaks.append("membership dates")
    active = [m.group for m in record.memberships if m.active]
    if len(active) != len(set(active)):
        breaks.append("a member twice")
    return breaks


def invitation_breaks(record: ParticipantRecord, today: date) -> list[str]:
    breaks = []
    for i in record.invitations:
        if i.channel not in record.safe_contact.channels:
            breaks.append("invited by a channel they did not allow")
        if not held(record, ConsentPurpose.CONTACT, i.invited_on) or i.invited_on > today:
            breaks.append("invited without contact consent")
        if i.responded_on is not None and not i.invited_on <= i.responded_on <= today:
            breaks.append("reply dates")
        if i.response is InvitationResponse.AWAITING and i.group in record.active_groups():
            breaks.append("invited to a group they are in")
        if i.response is InvitationResponse.ACCEPTED and not any(
            m.group is i.group and m.joined_on == i.responded_on for m in record.memberships
        ):
            breaks.append("accepted but not a member")
        breaks += cancellation_breaks(record, i)
    return breaks


def cancellation_breaks(record: ParticipantRecord, invitation: InvitationRecord) -> list[str]:
    """A withdrawal of contact consent, or of the group's, cancels a waiting invitation."""
    cancelling = [
        c.withdrawn_on
        for c in record.consents
        if c.purpose in (ConsentPurpose.CONTACT, GROUP_CONSENT[invitation.group])
        and c.withdrawn_on is not None
        and c.withdrawn_on >= invitation.invited_on
    ]
    response, responded = invitation.response, invitation.responded_on
    if not cancelling:
        return ["cancelled with no withdrawal"] if response is InvitationResponse.CANCELLED else []
    first = min(cancelling)
    if response is InvitationResponse.AWAITING:
        return ["still waiting after a withdrawal"]
    if response is InvitationResponse.CANCELLED and responded != first:
        return ["cancelled on another day than the withdrawal"]
    if responded is None or responded > first:
        return ["answered after a withdrawal"]
    return []


def rule_breaks(record: ParticipantRecord, today: date) -> list[str]:
    """Every way this record breaks a rule the services enforce (by pseudonym only)."""
    return [
        f"{record.ref.code}: {b}"
        for check in (consent_breaks, membership_breaks, invitation_breaks)
        for b in check(record, today)
    ]


def test_every_participant_obeys_every_rule(demo: Demo) -> None:
    breaks = [b for r in demo.records for b in rule_breaks(r, TODAY)]
    assert breaks == []
    for r in demo.records:
        # As the roster service checks an edit that keeps the saved review date.
        validate_details(r.details, TODAY, saved=r.details)
        if r.safe_contact.recorded:
            validate_rules(r.safe_contact)
        validate_equality(r.equality)
        assert r.details.referred_on is not None and r.details.referred_on <= TODAY


def test_the_rule_check_catches_a_membership_without_consent(demo: Demo) -> None:
    member = next(r for r in demo.records if Group.NETWORK in r.active_groups())
    consents = tuple(c for c in member.consents if c.purpose is not ConsentPurpose.NETWORK)
    assert rule_breaks(replace(member, consents=consents), TODAY)


def planned(consents: list[DemoConsent]) -> tuple[DemoContext, DemoPerson]:
    """A context and a planned person, for the planner's own rules (no vault needed)."""
    ctx = DemoContext(
        session=cast(Session, None),
        rng=random.Random(1),
        fake=Faker("en_GB"),
        today=TODAY,
        scale=1,
    )
    person = DemoPerson(
        name="Alex Example",
        sex="",
        pronouns="",
        language=Language.ENGLISH,
        language_other="",
        age_band=None,
        referral_route=ReferralRoute.SELF_OTHER,
        referral_partner_id=None,
        referred_on=TODAY - timedelta(days=100),
        status=ParticipantStatus.ACTIVE,
        created_at=datetime(2026, 8, 17, 9),
        rules=SafeContactRules(frozenset({ContactChannel.TEXT}), phone="07700 900001"),
        consents=consents,
    )
    return ctx, person


@pytest.mark.parametrize("withdrawn", [ConsentPurpose.CONTACT, ConsentPurpose.NETWORK])
def test_a_planned_withdrawal_cancels_invitations_waiting_on_it(
    withdrawn: ConsentPurpose,
) -> None:
    sent = TODAY - timedelta(days=30)
    consents = [
        DemoConsent(purpose, sent - timedelta(days=10), ConsentMethod.VERBAL, None)
        for purpose in (ConsentPurpose.CONTACT, ConsentPurpose.NETWORK)
    ]
    ctx, person = planned(consents)
    person.consent(withdrawn).withdrawn_on = sent + timedelta(days=5)  # type: ignore[union-attr]
    for group in (Group.NETWORK, Group.REFERENCE_GROUP):
        _invite(ctx, person, group, sent, [ContactChannel.TEXT], answer=None)
    for _ in range(20):
        _invite(
            ctx,
            person,
            Group.NETWORK,
            sent,
            [ContactChannel.TEXT],
            answer=InvitationResponse.DECLINED,
        )
    network, reference_group, *answered = person.invitations
    assert network.response is InvitationResponse.CANCELLED
    assert network.responded_on == sent + timedelta(days=5)
    expected = (
        InvitationResponse.CANCELLED
        if withdrawn is ConsentPurpose.CONTACT
        else InvitationResponse.AWAITING
    )
    assert reference_group.response is expected
    assert {i.response for i in answered} == {
        InvitationResponse.CANCELLED,
        InvitationResponse.DECLINED,
    }
    assert all(i.responded_on and i.responded_on <= sent + timedelta(days=5) for i in answered)


def test_awaiting_invitations_go_only_to_people_who_may_be_invited(demo: Demo) -> None:
    awaiting = demo.services.groups.awaiting()
    assert awaiting
    for invitation in awaiting:
        assert demo.services.groups.eligibility(invitation.participant.id).allowed
    waiting = {(i.participant.id, i.group) for i in awaiting}
    assert len(waiting) == len(awaiting)


def test_partners_pass_the_partner_checks(demo: Demo) -> None:
    for row in demo.services.partners.rows():
        record = demo.services.partners.record(row.id)
        _validate_partner(record.details)
        contact_ids = set()
        for contact in record.contacts:
            _validate_contact(contact.details)
            contact_ids.add(contact.id)
        for entry in record.log:
            assert entry.details.on <= TODAY
            assert entry.details.contact_id in contact_ids | {None}
            assert len(entry.details.summary) <= 4000


# --- the proof: every record replayed through the services --------------------------------


class Clock:
    def __init__(self) -> None:
        self.day = TODAY

    def __call__(self) -> date:
        return self.day


ANSWERS = (InvitationResponse.ACCEPTED, InvitationResponse.DECLINED, InvitationResponse.NO_REPLY)
# Same-day order: consent given, risk assessed, invited, answered or joined, left,
# consent withdrawn.
GIVE, ASSESS, INVITE, ANSWER, JOIN, LEAVE, WITHDRAW = range(7)


def replay_partners(source: RecordServices, target: RecordServices) -> None:
    """The partners, so that consents to share with one can name it. (Their contacts and
    log are checked in test_partners_pass_the_partner_checks.)"""
    for row in sorted(source.partners.rows(), key=lambda r: r.id):
        record = source.partners.record(row.id)
        assert target.partners.add(record.details) == record.id


def replay_person(
    record: ParticipantRecord,
    target: RecordServices,
    clock: Clock,
    assessments: Sequence[AssessmentRecord] = (),
) -> int:
    """Record this person's history through the services, a day at a time, as the SEC
    would have; any rule the demo broke raises here. Invitations need a current risk
    assessment on the day, so the assessments (oldest first) are part of it."""
    final = record.details.status
    paused_or_left = (ParticipantStatus.PAUSED, ParticipantStatus.LEFT)
    start = ParticipantStatus.ACTIVE if final in paused_or_left else final
    assert record.details.referred_on is not None
    clock.day = record.details.referred_on
    ref = target.roster.add(
        replace(record.details, status=start),
        record.safe_contact if record.safe_contact.recorded else None,
        record.communication,
    )
    assert ref.code == record.ref.code
    if record.equality.answers:
        target.roster.update_equality(ref.id, record.equality)

    events: list[tuple[date, int, int, Any]] = []
    for c in record.consents:
        events.append((c.given_on, GIVE, len(events), c))
        if c.withdrawn_on is not None:
            events.append((c.withdrawn_on, WITHDRAW, len(events), c))
    for a in reversed(assessments):
        events.append((a.answers.assessed_on, ASSESS, len(events), a))
    for i in record.invitations:
        events.append((i.invited_on, INVITE, len(events), i))
        if i.response in ANSWERS:
            assert i.responded_on is not None
            events.append((i.responded_on, ANSWER, len(events), i))
    by_invitation = {
        (i.group, i.responded_on)
        for i in record.invitations
        if i.response is InvitationResponse.ACCEPTED
    }
    for m in record.memberships:
        if (m.group, m.joined_on) not in by_invitation:
            events.append((m.joined_on, JOIN, len(events), m))
        if m.left_on is not None and m.left_reason != WITHDRAWN_REASON:
            events.append((m.left_on, LEAVE, len(events), m))

    replayer = Replayer(record, target, ref.id)
    for day, kind, _n, item in sorted(events, key=lambda e: e[:3]):
        clock.day = day
        replayer.apply(kind, item, day)
    if final is not start:
        clock.day = TODAY
        target.roster.update_details(ref.id, record.details)
    return ref.id


@dataclass
class Replayer:
    """One event of a person's history, recorded through the service that owns it."""

    record: ParticipantRecord
    target: RecordServices
    participant_id: int
    consent_ids: dict[int, int] = field(default_factory=dict)
    invitation_ids: dict[int, int] = field(default_factory=dict)

    def apply(self, kind: int, item: Any, day: date) -> None:
        target, pid = self.target, self.participant_id
        if kind == GIVE:
            given = ConsentGiven(
                item.purpose, item.given_on, item.method, item.review_on, item.note, item.partner_id
            )
            self.consent_ids[item.id] = target.consent.give(pid, given)
        elif kind == WITHDRAW:
            target.consent.withdraw(pid, self.consent_ids[item.id], item.withdrawn_on)
        elif kind == ASSESS:
            target.risk.save(pid, item.answers)
        elif kind == INVITE:
            invite = Invite(
                item.group, item.invited_on, item.channel, item.follow_up_on, item.context
            )
            self.invitation_ids[item.id] = target.groups.invite(pid, invite)
        elif kind == ANSWER:
            role = next(
                (
                    m.role
                    for m in self.record.memberships
                    if (m.group, m.joined_on) == (item.group, day)
                ),
                "",
            )
            target.groups.respond(self.invitation_ids[item.id], item.response, day, role)
        elif kind == JOIN:
            target.groups.join(pid, item.group, item.joined_on, item.role)
        else:
            now = target.roster.record(pid)
            membership = next(m for m in now.memberships if m.group is item.group and m.active)
            target.groups.leave(pid, membership.id, item.left_on, item.left_reason)


CONSENT_FIELDS = (
    "purpose",
    "given_on",
    "method",
    "review_on",
    "withdrawn_on",
    "note",
    "partner_id",
)
MEMBERSHIP_FIELDS = ("group", "joined_on", "left_on", "role", "left_reason")
INVITATION_FIELDS = (
    "group",
    "invited_on",
    "channel",
    "response",
    "responded_on",
    "follow_up_on",
    "context",
)


def fields_of(items: Any, names: tuple[str, ...]) -> list[tuple[Any, ...]]:
    return sorted((tuple(getattr(item, n) for n in names) for item in items), key=repr)


def comparable(record: ParticipantRecord) -> tuple[Any, ...]:
    """Everything but ids and timestamps, which a replay cannot share."""
    return (
        record.ref.code,
        record.details,
        record.safe_contact,
        record.communication,
        record.equality,
        fields_of(record.consents, CONSENT_FIELDS),
        fields_of(record.memberships, MEMBERSHIP_FIELDS),
        fields_of(record.invitations, INVITATION_FIELDS),
    )


def test_every_record_can_be_made_through_the_services(
    demo: Demo, records_vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Saving the file after each of the thousand writes proves nothing about the rules.
    monkeypatch.setattr(records_vault, "save", lambda _head=None: None)
    clock = Clock()
    target = RecordServices.over(records_vault, today=clock)
    replay_partners(demo.services, target)
    for record in demo.records:
        assessments = demo.services.risk.assessments(record.ref.id)
        replayed_id = replay_person(record, target, clock, assessments)
        replayed = target.roster.record(replayed_id)
        assert comparable(replayed) == comparable(record)
        answers = [a.answers for a in target.risk.assessments(replayed_id)]
        assert answers == [a.answers for a in assessments]
