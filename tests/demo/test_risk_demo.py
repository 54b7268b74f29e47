"""The demo risk assessments, wellbeing checks and coordinator log: most active people
assessed, with every end the gate knows (current, high risk with support, deferred,
expired, pre-trial with and without approval), each assessment one the risk service's
own checks accept; everyone who took part assessed and cleared on the day; checks only
for the named attendees of recent group sessions; a coordinator's log of the last two
months; the same records from the same seed."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from sec_desktop.demo.generator import write_demo_records
from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.domain.enums import ParticipantStatus
from sec_desktop.domain.risk_enums import DashLevel, HowTheyAre, Proceedings, RiskOutcome
from sec_desktop.services.eligibility import (
    ParticipationFacts,
    assessment_facts,
    check_facts,
    is_group_session,
)
from sec_desktop.services.risk import RiskService
from sec_desktop.services.risk_records import RISK_PAGES, AssessmentRecord
from sec_desktop.services.wellbeing_checks import WellbeingCheckService
from sec_desktop.vault.vault import Unlock, Vault
from tests.demo.conftest import Demo, dump
from tests.records import TODAY, TemplateVault

GROUPS = (EngagementKind.FOCUS_GROUP.value, EngagementKind.REFERENCE_GROUP.value)
BLOCKING = (Proceedings.PRE_TRIAL, Proceedings.TRIAL)
NEW_TABLES = ("risk_assessment", "wellbeing_check", "coordinator_check_in", "supervision_session")


def rows(demo: Demo, sql: str) -> list[Any]:
    with demo.vault.reading() as session:
        return list(session.execute(text(sql)))


@pytest.fixture(scope="module")
def assessments(demo: Demo) -> dict[int, list[AssessmentRecord]]:
    """Every participant's assessments through the risk service, newest first."""
    risk = RiskService(demo.vault, today=lambda: TODAY)
    return {r.ref.id: risk.assessments(r.ref.id) for r in demo.records}


def test_most_active_people_are_assessed_and_every_end_is_there(
    demo: Demo, assessments: dict[int, list[AssessmentRecord]]
) -> None:
    active = [r.ref.id for r in demo.records if r.details.status is ParticipantStatus.ACTIVE]
    assessed = [pid for pid in active if assessments[pid]]
    # Everyone invited or at a session since needed one: about nine in ten.
    assert 0.78 <= len(assessed) / len(active) <= 0.95
    latest = [assessments[pid][0] for pid in assessed]
    outcomes = Counter(a.answers.outcome for a in latest)
    deferred = outcomes[RiskOutcome.DEFER]
    expired = sum(a.expired(TODAY) for a in latest)
    assert 2 <= deferred <= 0.12 * len(latest) and 2 <= expired <= 0.15 * len(latest)
    pre_trial = [a.answers for a in latest if a.answers.proceedings in BLOCKING]
    assert any(a.group_approved for a in pre_trial) and any(not a.group_approved for a in pre_trial)
    assert all(a.group_approval_reason for a in pre_trial if a.group_approved)
    high = [a.answers for a in latest if a.answers.dash_level is DashLevel.HIGH]
    assert len(high) >= 3
    assert all(a.outcome is not RiskOutcome.PROCEED for a in high)
    assert outcomes[RiskOutcome.PROCEED] > outcomes[RiskOutcome.PROCEED_WITH_SUPPORT] > deferred
    # Counted in the summary, like every other family.
    assert demo.counts["participants assessed"] == sum(bool(a) for a in assessments.values())
    assert demo.counts["risk assessments"] == sum(len(a) for a in assessments.values())
    # Paused or gone: assessed only if they were invited while they took part.
    for record in demo.records:
        if assessments[record.ref.id] and record.details.status not in (
            ParticipantStatus.ACTIVE,
            ParticipantStatus.ENQUIRY,
        ):
            assert record.invitations, record.ref.code


def test_every_assessment_passes_the_risk_services_own_checks(
    demo: Demo, assessments: dict[int, list[AssessmentRecord]]
) -> None:
    risk = RiskService(demo.vault, today=lambda: TODAY)
    every = [a for chain in assessments.values() for a in chain]
    assert len(every) > len(assessments)  # reviews: more than one each, on average
    for record in every:
        answers = record.answers
        assert [e for page in RISK_PAGES for e in risk.check_page(page, answers)] == []
        assert answers.review_on is not None and answers.review_on >= answers.assessed_on
        assert answers.dash_on is None or answers.dash_on <= answers.assessed_on


def test_whoever_took_part_was_assessed_and_cleared_on_the_day(
    demo: Demo, assessments: dict[int, list[AssessmentRecord]]
) -> None:
    attended = rows(
        demo,
        "SELECT a.participant_id, e.held_on, e.kind FROM attendance a "
        "JOIN engagement e ON e.id = a.engagement_id",
    )
    assert len(attended) > 300
    refs = {r.ref.id: r.ref for r in demo.records}
    for person_id, held_on, kind in attended:
        day = date.fromisoformat(held_on)
        # The newest assessment by then: the one the gate would have read that day.
        then = [a.answers for a in assessments[person_id] if a.answers.assessed_on <= day]
        assert then, f"{person_id} took part on {day} unassessed"
        answers = then[0]
        assert answers.outcome is not None and answers.proceedings is not None
        assert answers.review_on is not None
        facts = ParticipationFacts(
            refs[person_id],
            ParticipantStatus.ACTIVE,
            contact_consent=True,
            safe_channels=True,
            assessment=assessment_facts(
                answers.outcome,
                answers.review_on,
                answers.proceedings,
                answers.group_approved,
                day,
            ),
        )
        gate = check_facts(facts, group_session=is_group_session(EngagementKind(kind)))
        assert gate.allowed, (person_id, day, kind, gate.blockers)


def test_wellbeing_checks_only_for_named_attendees_of_recent_group_sessions(demo: Demo) -> None:
    checks = rows(
        demo,
        "SELECT w.*, e.kind, e.held_on, a.participant_id AS attended FROM wellbeing_check w "
        "JOIN engagement e ON e.id = w.engagement_id LEFT JOIN attendance a "
        "ON a.engagement_id = w.engagement_id AND a.participant_id = w.participant_id",
    )
    assert len(checks) == demo.counts["wellbeing checks"] > 20
    recent = TODAY - timedelta(days=91)
    for check in checks:
        assert check.attended is not None and check.kind in GROUPS
        held_on, checked_on = (
            date.fromisoformat(check.held_on),
            date.fromisoformat(check.checked_on),
        )
        assert recent <= held_on <= checked_on <= TODAY
    attendees = sum(
        1
        for kind, held_on in rows(
            demo,
            "SELECT e.kind, e.held_on FROM attendance a "
            "JOIN engagement e ON e.id = a.engagement_id",
        )
        if kind in GROUPS and date.fromisoformat(held_on) >= recent
    )
    assert 0.7 <= len(checks) / attendees <= 0.95
    how = Counter(HowTheyAre(c.how_they_are) for c in checks)
    assert how[HowTheyAre.WELL] > how[HowTheyAre.SOME_DISTRESS] >= how[HowTheyAre.DISTRESSED] > 0
    distressed = [c for c in checks if c.how_they_are == HowTheyAre.DISTRESSED.value]
    assert all(c.follow_up_needed and c.follow_up_by for c in distressed)
    follow_ups = [c for c in checks if c.follow_up_needed]
    assert any(c.follow_up_done_on for c in follow_ups)
    assert any(c.follow_up_done_on is None for c in follow_ups)
    # The service sees them by code, one per named attendee.
    engagement_id = checks[0].engagement_id
    listed = WellbeingCheckService(demo.vault, today=lambda: TODAY).for_engagement(engagement_id)
    assert any(a.check_id == checks[0].id for a in listed)
    assert all(a.participant_code.startswith("S-") for a in listed)


def test_the_coordinator_checked_in_a_few_times_a_week_and_had_supervision(demo: Demo) -> None:
    check_ins = rows(demo, "SELECT * FROM coordinator_check_in ORDER BY at")
    days = [date.fromisoformat(c.at[:10]) for c in check_ins]
    assert TODAY - timedelta(days=62) <= days[0] and days[-1] <= TODAY
    assert 2 * 8 <= len(check_ins) <= 5 * 9  # two to five a week over two months
    assert all(1 <= c.mood <= 5 and 1 <= c.energy <= 5 for c in check_ins)
    assert len({c.mood for c in check_ins}) > 1
    sessions = [
        date.fromisoformat(s.held_on) for s in rows(demo, "SELECT * FROM supervision_session")
    ]
    assert demo.counts["supervision sessions"] == len(sessions) >= 3
    gaps = [(b - a).days for a, b in zip(sorted(sessions), sorted(sessions)[1:], strict=False)]
    assert all(15 <= gap <= 45 for gap in gaps)
    assert TODAY - timedelta(days=45) <= max(sessions) < TODAY


def test_the_same_seed_gives_the_same_assessments_checks_and_log(
    demo: Demo, records_template: TemplateVault, tmp_path: Path
) -> None:
    path = tmp_path / "again.secvault"
    shutil.copyfile(records_template.path, path)
    again = Vault.open(path, Unlock(recovery_key=records_template.recovery_key))
    try:
        write_demo_records(again, 1, today=TODAY)
        made, expected = dump(again), dump(demo.vault)
    finally:
        again.close()
    for table in NEW_TABLES:
        assert made[table] == expected[table] and expected[table], table
