"""The participation gate: taking part needs a current risk assessment whose outcome is
not "defer" and whose review date has not passed; a group session (focus group,
reference group meeting) also keeps out someone whose case is pre-trial or at trial,
unless the SEC approved it with a written reason. It blocks, with why and what would
unblock it; the one-person check and the everyone-at-once query agree."""

from __future__ import annotations

import shutil
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert

from sec_desktop.domain.engagement_enums import EngagementKind, OneToOneChannel
from sec_desktop.domain.enums import (
    ConsentMethod,
    ConsentPurpose,
    ContactChannel,
    Group,
    ParticipantStatus,
    ReferralRoute,
)
from sec_desktop.domain.participant import Participant
from sec_desktop.domain.risk import RiskAssessment
from sec_desktop.domain.risk_enums import DashLevel, Proceedings, RiskOutcome
from sec_desktop.services import eligibility
from sec_desktop.services import participant_store as store
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.eligibility import (
    ASSESSMENT_DEFERRED,
    ASSESSMENT_EXPIRED,
    NO_ASSESSMENT,
    PRE_TRIAL_GROUP,
    Blocker,
    ParticipationFacts,
    assessment_facts,
    check_facts,
)
from sec_desktop.services.engagement_records import (
    AttendeeChoice,
    FocusGroupDetails,
    OneToOneDetails,
)
from sec_desktop.services.engagements import NotAllowedToAttend
from sec_desktop.services.groups import Invite, NotEligible
from sec_desktop.services.participant_records import (
    ParticipantDetails,
    ParticipantRef,
    SafeContactRules,
)
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.risk_records import ANSWER_FIELDS
from sec_desktop.vault.vault import Unlock, Vault
from tests.records import TODAY, TemplateVault
from tests.risk_data import answers, assess

PHONE = SafeContactRules(channels=frozenset({ContactChannel.PHONE}), phone="07700 900321")
REF = ParticipantRef(1, "S-0001")
APPROVED = "Speaks only about the 101 call; agreed with the officer in the case."
WEEKS_AGO = TODAY - timedelta(days=70)


def facts(
    outcome: RiskOutcome | None = RiskOutcome.PROCEED,
    review_on: date = TODAY,
    proceedings: Proceedings = Proceedings.NONE,
    approved: bool = False,
) -> ParticipationFacts:
    assessment = (
        None
        if outcome is None
        else assessment_facts(outcome, review_on, proceedings, approved, TODAY)
    )
    return ParticipationFacts(REF, ParticipantStatus.ACTIVE, True, True, True, assessment)


# --- the rules, one at a time ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "alone", "in_a_group"),
    [
        (facts(None), [NO_ASSESSMENT], [NO_ASSESSMENT]),
        (facts(RiskOutcome.PROCEED), [], []),
        (facts(RiskOutcome.PROCEED_WITH_SUPPORT), [], []),
        (facts(RiskOutcome.DEFER), [ASSESSMENT_DEFERRED], [ASSESSMENT_DEFERRED]),
        # Due for review today: still current today, not tomorrow.
        (facts(review_on=TODAY - timedelta(days=1)), [ASSESSMENT_EXPIRED], [ASSESSMENT_EXPIRED]),
        (
            facts(RiskOutcome.DEFER, TODAY - timedelta(days=1)),
            [ASSESSMENT_DEFERRED, ASSESSMENT_EXPIRED],
            [ASSESSMENT_DEFERRED, ASSESSMENT_EXPIRED],
        ),
        (facts(proceedings=Proceedings.PRE_TRIAL), [], [PRE_TRIAL_GROUP]),
        (facts(proceedings=Proceedings.TRIAL), [], [PRE_TRIAL_GROUP]),
        (facts(proceedings=Proceedings.TRIAL, approved=True), [], []),
        (facts(proceedings=Proceedings.PRE_TRIAL, approved=True), [], []),
        (facts(proceedings=Proceedings.AWAITING_CHARGE), [], []),
        (facts(proceedings=Proceedings.CONCLUDED), [], []),
        (
            facts(RiskOutcome.DEFER, proceedings=Proceedings.PRE_TRIAL),
            [ASSESSMENT_DEFERRED],
            [ASSESSMENT_DEFERRED, PRE_TRIAL_GROUP],
        ),
    ],
)
def test_each_rule(
    given: ParticipationFacts, alone: list[Blocker], in_a_group: list[Blocker]
) -> None:
    assert list(check_facts(given).blockers) == alone
    assert list(check_facts(given, group_session=True).blockers) == in_a_group


def test_the_risk_rules_join_the_others() -> None:
    paused = ParticipationFacts(REF, ParticipantStatus.PAUSED, False, True)
    assert list(check_facts(paused).blockers) == [
        eligibility.PAUSED,
        eligibility.NO_CONTACT_CONSENT,
        NO_ASSESSMENT,
    ]


def test_each_blocker_says_why_and_what_would_unblock_it() -> None:
    assert NO_ASSESSMENT.reason == "No risk assessment has been recorded."
    blockers = (NO_ASSESSMENT, ASSESSMENT_DEFERRED, ASSESSMENT_EXPIRED, PRE_TRIAL_GROUP)
    for blocker in blockers:
        assert blocker.reason.endswith(".") and blocker.unblock.endswith(".")
        assert "risk assessment" in blocker.unblock or "assess" in blocker.unblock
    assert "one-to-one is allowed" in PRE_TRIAL_GROUP.unblock
    assert "written reason" in PRE_TRIAL_GROUP.unblock


def test_group_sessions_are_focus_groups_and_reference_group_meetings() -> None:
    groups = {kind for kind in EngagementKind if eligibility.is_group_session(kind)}
    assert groups == {EngagementKind.FOCUS_GROUP, EngagementKind.REFERENCE_GROUP}


# --- through the services, on a roster ---------------------------------------------------------


@dataclass(frozen=True)
class Roster:
    """One person per case, every other rule met (active, consent, a safe channel)."""

    none: ParticipantRef  # never assessed
    proceed: ParticipantRef
    supported: ParticipantRef  # high risk, proceed with support
    deferred: ParticipantRef  # proceed, then a newer "defer"
    expired: ParticipantRef  # the review date passed yesterday
    pre_trial: ParticipantRef  # not approved for groups
    approved: ParticipantRef  # at trial, groups approved with a reason
    reassessed: ParticipantRef  # deferred, then a newer "proceed"


def seed(services: RecordServices) -> Roster:
    def someone() -> ParticipantRef:
        active = ParticipantDetails(name="Tegwen Ashby-Nakamura", status=ParticipantStatus.ACTIVE)
        ref = services.roster.add(active, PHONE)
        given = ConsentGiven(ConsentPurpose.CONTACT, WEEKS_AGO, ConsentMethod.VERBAL)
        services.consent.give(ref.id, given)
        return ref

    roster = Roster(*(someone() for _ in range(8)))
    defer = {"outcome": RiskOutcome.DEFER, "defer_reason": "MARAC meets next week"}
    assess(services, roster.proceed.id)
    assess(
        services,
        roster.supported.id,
        dash_level=DashLevel.HIGH,
        outcome=RiskOutcome.PROCEED_WITH_SUPPORT,
        support_plan="Her IDVA comes to the session.",
    )
    assess(services, roster.deferred.id, assessed_on=WEEKS_AGO)
    assess(services, roster.deferred.id, **defer)
    assess(services, roster.expired.id, assessed_on=WEEKS_AGO, review_on=TODAY - timedelta(days=1))
    assess(services, roster.pre_trial.id, proceedings=Proceedings.PRE_TRIAL)
    assess(
        services,
        roster.approved.id,
        proceedings=Proceedings.TRIAL,
        group_approved=True,
        group_approval_reason=APPROVED,
    )
    assess(services, roster.reassessed.id, assessed_on=WEEKS_AGO, **defer)
    assess(services, roster.reassessed.id)
    return roster


@pytest.fixture(scope="module")
def roster_template(
    records_template: TemplateVault, tmp_path_factory: pytest.TempPathFactory
) -> tuple[TemplateVault, Roster]:
    path = tmp_path_factory.mktemp("gate-template") / "gate.secvault"
    shutil.copyfile(records_template.path, path)
    vault = Vault.open(path, Unlock(recovery_key=records_template.recovery_key))
    try:
        roster = seed(RecordServices.over(vault, today=lambda: TODAY))
    finally:
        vault.close()
    return TemplateVault(path, records_template.recovery_key), roster


@pytest.fixture
def roster(roster_template: tuple[TemplateVault, Roster]) -> Roster:
    return roster_template[1]


@pytest.fixture
def gate(roster_template: tuple[TemplateVault, Roster], tmp_path: Path) -> Iterator[RecordServices]:
    template = roster_template[0]
    path = tmp_path / "gate" / "gate.secvault"
    path.parent.mkdir()
    shutil.copyfile(template.path, path)
    vault = Vault.open(path, Unlock(recovery_key=template.recovery_key))
    yield RecordServices.over(vault, today=lambda: TODAY)
    vault.close()


def expected(roster: Roster, group_session: bool) -> dict[ParticipantRef, list[Blocker]]:
    return {
        roster.none: [NO_ASSESSMENT],
        roster.proceed: [],
        roster.supported: [],
        roster.deferred: [ASSESSMENT_DEFERRED],
        roster.expired: [ASSESSMENT_EXPIRED],
        roster.pre_trial: [PRE_TRIAL_GROUP] if group_session else [],
        roster.approved: [],
        roster.reassessed: [],
    }


@pytest.mark.parametrize("group_session", [False, True])
def test_one_person_and_everyone_at_once_agree(
    gate: RecordServices, roster: Roster, group_session: bool
) -> None:
    with gate.risk.vault.reading() as session:
        everyone = {
            f.participant: list(check_facts(f, group_session=group_session).blockers)
            for f in eligibility.facts_of_everyone(session, TODAY)
        }
        one_by_one = {
            ref: list(
                eligibility.check_participation(
                    store.load(session, ref.id), TODAY, group_session=group_session
                ).blockers
            )
            for ref in everyone
        }
    assert everyone == one_by_one == expected(roster, group_session)


def test_invitations_need_a_current_assessment_not_the_group_rule(
    gate: RecordServices, roster: Roster
) -> None:
    invitable = set(gate.groups.invitation_list(Group.NETWORK))
    assert invitable == {r for r, b in expected(roster, False).items() if not b}
    assert roster.pre_trial in invitable
    assert gate.groups.eligibility(roster.expired.id).blockers == (ASSESSMENT_EXPIRED,)
    assert gate.groups.eligibility(roster.pre_trial.id, Group.REFERENCE_GROUP).allowed
    with pytest.raises(NotEligible) as refused:
        gate.groups.invite(roster.deferred.id, Invite(Group.NETWORK, TODAY, ContactChannel.PHONE))
    assert refused.value.eligibility.blockers == (ASSESSMENT_DEFERRED,)
    gate.groups.invite(roster.pre_trial.id, Invite(Group.NETWORK, TODAY, ContactChannel.PHONE))
    assert [i.participant for i in gate.groups.awaiting()] == [roster.pre_trial]


def test_a_one_to_one_needs_a_current_assessment_and_allows_pre_trial(
    gate: RecordServices, roster: Roster
) -> None:
    candidates = {
        e.participant: list(e.blockers)
        for e in gate.engagements.attendee_candidates(EngagementKind.ONE_TO_ONE)
    }
    assert candidates == expected(roster, False)
    talk = OneToOneDetails(TODAY, OneToOneChannel.PHONE, roster.pre_trial.id)
    engagement = gate.engagements.record_one_to_one(talk)
    assert gate.engagements.record(engagement).attendees[0].participant == roster.pre_trial
    with pytest.raises(NotAllowedToAttend) as refused:
        gate.engagements.record_one_to_one(
            OneToOneDetails(TODAY, OneToOneChannel.PHONE, roster.none.id)
        )
    assert refused.value.eligibility.blockers == (NO_ASSESSMENT,)
    assert "No risk assessment has been recorded." in str(refused.value)


def test_a_focus_group_refuses_anyone_the_gate_blocks(gate: RecordServices, roster: Roster) -> None:
    details = FocusGroupDetails("Courts focus group", TODAY, venue="Community hall")
    for blocked in (roster.none, roster.deferred, roster.expired):
        with pytest.raises(NotAllowedToAttend) as refused:
            gate.engagements.record_focus_group(details, [AttendeeChoice(blocked.id, True)])
        assert list(refused.value.eligibility.blockers) == expected(roster, True)[blocked]
    allowed = [roster.proceed, roster.supported, roster.approved, roster.reassessed]
    engagement = gate.engagements.record_focus_group(
        details, [AttendeeChoice(ref.id, True) for ref in allowed]
    )
    attended = {a.participant for a in gate.engagements.record(engagement).attendees}
    assert attended == set(allowed)


def test_pre_trial_is_kept_out_of_group_sessions_unless_approved(
    gate: RecordServices, roster: Roster
) -> None:
    for kind in (EngagementKind.FOCUS_GROUP, EngagementKind.REFERENCE_GROUP):
        candidates = {e.participant: e for e in gate.engagements.attendee_candidates(kind)}
        assert list(candidates[roster.pre_trial].blockers)[:1] == [PRE_TRIAL_GROUP], kind
        assert PRE_TRIAL_GROUP not in candidates[roster.approved].blockers, kind
    details = FocusGroupDetails("Courts focus group", TODAY, venue="Community hall")
    with pytest.raises(NotAllowedToAttend) as refused:
        gate.engagements.record_focus_group(details, [AttendeeChoice(roster.pre_trial.id, True)])
    assert refused.value.eligibility.blockers == (PRE_TRIAL_GROUP,)
    engagement = gate.engagements.record_focus_group(
        details, [AttendeeChoice(roster.approved.id, True)]
    )
    attended = [a.participant for a in gate.engagements.record(engagement).attendees]
    assert attended == [roster.approved]


# --- at scale ------------------------------------------------------------------------------------


def test_everyone_at_once_is_fast_at_15000_people(records_vault: Vault) -> None:
    """15,000 people, two assessments each (the newer one decides), in one query."""
    stamp = datetime(2026, 1, 5, 9, 0)
    people = 15_000
    with records_vault.reading() as session:  # never committed: nothing is saved
        session.execute(
            insert(Participant),
            [
                {
                    "code": f"S-{i:05d}",
                    "name": f"Synthetic {i}",
                    "referral_route": ReferralRoute.SELF_OTHER,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
                for i in range(1, people + 1)
            ],
        )
        session.execute(
            insert(RiskAssessment),
            [row for i in range(1, people + 1) for row in _two_assessments(i, stamp)],
        )
        started = time.perf_counter()
        everyone = eligibility.facts_of_everyone(session, TODAY)
        took = time.perf_counter() - started
        session.rollback()
    assert len(everyone) == people
    outcomes = Counter(f.assessment.outcome for f in everyone if f.assessment is not None)
    assert outcomes == {RiskOutcome.DEFER: people // 3, RiskOutcome.PROCEED: people - people // 3}
    assert took < 2.5, took


def _two_assessments(person: int, stamp: datetime) -> list[dict[str, object]]:
    """An older "proceed" and a newer one that defers every third person."""
    rows = []
    for days_ago, outcome in (
        (90, RiskOutcome.PROCEED),
        (10, RiskOutcome.DEFER if person % 3 == 0 else RiskOutcome.PROCEED),
    ):
        on = TODAY - timedelta(days=days_ago)
        row = answers(on, outcome=outcome, review_on=on + timedelta(days=92))
        rows.append(
            {
                **{name: getattr(row, name) for name in ANSWER_FIELDS},
                "participant_id": person,
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    return rows
