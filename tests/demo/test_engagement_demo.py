"""The demo engagements, scrutiny cases and feedback: a coordinator's year of them at
scale 1, attended by people who could take part on the day, with anonymous sessions
that keep no one's identity, cases in the default reference format, and a few
disclosures in each state."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource
from sec_desktop.domain.enums import ConsentPurpose
from sec_desktop.domain.risk_enums import Proceedings, RiskOutcome
from sec_desktop.services.eligibility import (
    AssessmentFacts,
    ParticipationFacts,
    assessment_facts,
    check_facts,
    is_group_session,
)
from sec_desktop.services.participant_records import ParticipantRecord
from tests.demo.conftest import Demo
from tests.records import TODAY

CRIME_REFERENCE = re.compile(r"^[A-Z]{2}/\d{5,8}/\d{2}$")


def rows(demo: Demo, sql: str) -> list[Any]:
    with demo.vault.reading() as session:
        return list(session.execute(text(sql)))


# Each person's risk assessments, newest first: (assessed_on, outcome, review_on,
# proceedings, group approved).
Assessments = dict[int, list[tuple[date, RiskOutcome, date, Proceedings, bool]]]


@pytest.fixture(scope="module")
def assessments(demo: Demo) -> Assessments:
    found: Assessments = {}
    for row in rows(
        demo,
        "SELECT participant_id, assessed_on, outcome, review_on, proceedings, group_approved "
        "FROM risk_assessment ORDER BY assessed_on DESC, id DESC",
    ):
        found.setdefault(row.participant_id, []).append(
            (
                date.fromisoformat(row.assessed_on),
                RiskOutcome(row.outcome),
                date.fromisoformat(row.review_on),
                Proceedings(row.proceedings),
                bool(row.group_approved),
            )
        )
    return found


def assessment_on(assessments: Assessments, person: int, day: date) -> AssessmentFacts | None:
    """The risk assessment that was current on `day`: the newest done by then."""
    for assessed_on, outcome, review_on, proceedings, approved in assessments.get(person, []):
        if assessed_on <= day:
            return assessment_facts(outcome, review_on, proceedings, approved, day)
    return None


def facts_on(
    record: ParticipantRecord, day: date, assessment: AssessmentFacts | None
) -> ParticipationFacts:
    """The eligibility check's facts as they stood on `day` (the status is today's)."""
    contact = [
        c
        for c in record.consents
        if c.purpose is ConsentPurpose.CONTACT
        and c.given_on <= day
        and (c.withdrawn_on is None or day <= c.withdrawn_on)
    ]
    return ParticipationFacts(
        record.ref,
        record.details.status,
        bool(contact),
        bool(record.safe_contact.channels),
        any(c.review_on is None or c.review_on >= day for c in contact),
        assessment,
    )


@pytest.fixture(scope="module")
def engagements(demo: Demo) -> dict[str, list[Any]]:
    kinds: dict[str, list[Any]] = {}
    for row in rows(demo, "SELECT * FROM engagement ORDER BY id"):
        kinds.setdefault(row.kind, []).append(row)
    return kinds


def test_a_year_of_engagements_at_scale_1(demo: Demo, engagements: dict[str, list[Any]]) -> None:
    counts = {kind: len(rows) for kind, rows in engagements.items()}
    assert counts == {
        EngagementKind.FOCUS_GROUP.value: 40,
        EngagementKind.ONE_TO_ONE.value: 150,
        EngagementKind.STAFF_FORUM.value: 12,
        EngagementKind.SCRUTINY_PANEL.value: 12,
        EngagementKind.REFERENCE_GROUP.value: demo.counts["reference group meetings"],
    }
    assert demo.counts["focus groups"] == 40 and demo.counts["feedback items"] == 1500
    days = [date.fromisoformat(r.held_on) for rows in engagements.values() for r in rows]
    assert TODAY - timedelta(days=365) <= min(days) and max(days) <= TODAY
    projects = rows(
        demo,
        "SELECT p.id, count(e.id) AS meetings FROM reference_project p "
        "JOIN engagement e ON e.project_id = p.id GROUP BY p.id",
    )
    assert len(projects) == 3 and all(2 <= p.meetings <= 4 for p in projects)


def test_attendees_could_take_part_on_the_day(
    demo: Demo, engagements: dict[str, list[Any]], assessments: Assessments
) -> None:
    records = {r.ref.id: r for r in demo.records}
    attended = rows(
        demo,
        "SELECT a.participant_id, a.confidentiality_explained, e.kind, e.held_on, e.id "
        "FROM attendance a JOIN engagement e ON e.id = a.engagement_id",
    )
    for person, _told, kind, held_on, _id in attended:
        day = date.fromisoformat(held_on)
        facts = facts_on(records[person], day, assessment_on(assessments, person, day))
        group = is_group_session(EngagementKind(kind))
        assert check_facts(facts, group_session=group).blockers == (), (kind, held_on)
    per_group = Counter(a.id for a in attended if a.kind == EngagementKind.FOCUS_GROUP.value)
    assert len(per_group) == 40 and all(4 <= n <= 10 for n in per_group.values())
    told = [a.confidentiality_explained for a in attended if a.kind != "one-to-one"]
    assert 0.8 < sum(told) / len(told) < 1
    one_to_ones = engagements[EngagementKind.ONE_TO_ONE.value]
    assert all(
        per == 1 for per in Counter(a.id for a in attended if a.kind == "one-to-one").values()
    )
    via = [e for e in one_to_ones if e.via_partner_contact_id is not None]
    assert 0.1 * 150 < len(via) < 0.35 * 150
    assert {e.channel for e in one_to_ones} == {"phone", "video", "in person", "written"}


def test_anonymous_sessions_keep_only_a_headcount(
    demo: Demo, engagements: dict[str, list[Any]]
) -> None:
    sessions = engagements[EngagementKind.STAFF_FORUM.value]
    assert all(s.headcount and s.headcount >= 3 for s in sessions)
    ids = ",".join(str(s.id) for s in sessions)
    assert rows(demo, f"SELECT * FROM attendance WHERE engagement_id IN ({ids})") == []  # noqa: S608
    feedback = rows(demo, f"SELECT * FROM feedback_item WHERE engagement_id IN ({ids})")  # noqa: S608
    assert feedback and {f.source for f in feedback} == {FeedbackSource.ANONYMOUS.value}
    assert all(f.participant_id is None and f.partner_id is None for f in feedback)


def test_scrutiny_cases_are_plausible(demo: Demo, engagements: dict[str, list[Any]]) -> None:
    meetings = {m.id: m for m in engagements[EngagementKind.SCRUTINY_PANEL.value]}
    assert Counter(m.panel for m in meetings.values()) == {"da": 6, "rasso": 6}
    cases = rows(demo, "SELECT * FROM scrutiny_case")
    assert all(3 <= n <= 6 for n in Counter(c.engagement_id for c in cases).values())
    references = [c.crime_reference for c in cases]
    assert all(CRIME_REFERENCE.match(r) for r in references)
    assert len(set(references)) == len(references)
    assert all(c.victim_contacted or not c.victim_agreed for c in cases)
    assert 0 < sum(c.victim_agreed for c in cases) < len(cases)
    timeline = rows(demo, 'SELECT * FROM case_timeline_entry ORDER BY case_id, "on", id')
    rights = rows(demo, "SELECT * FROM case_right")
    for case in cases:
        entries = [t for t in timeline if t.case_id == case.id]
        held_on = meetings[case.engagement_id].held_on
        assert 4 <= len(entries) <= 9
        assert all(t.stage_id is not None and t.note and t.on < held_on for t in entries)
        judged = [r for r in rights if r.case_id == case.id]
        assert 4 <= len(judged) <= 8
        assert {r.met for r in rights} == {0, 1}


def test_feedback_comes_from_those_who_were_there(demo: Demo) -> None:
    items = rows(demo, "SELECT * FROM feedback_item")
    attendees = {
        (a.engagement_id, a.participant_id) for a in rows(demo, "SELECT * FROM attendance")
    }
    victims = {c.id: c.participant_id for c in rows(demo, "SELECT * FROM scrutiny_case")}
    sources = Counter(i.source for i in items)
    assert sources["participant"] > 0.7 * 1500
    assert sources["anonymous survivor"] > 0.05 * 1500 and sources["partner"] > 0.02 * 1500
    for item in items:
        if item.source == "participant" and item.engagement_id is not None:
            assert (item.engagement_id, item.participant_id) in attendees
        if item.case_id is not None:
            assert item.participant_id == victims[item.case_id]
        if item.source == "partner":
            assert item.partner_id is not None and item.partner_contact_id is not None
        assert item.summary and item.received_on <= TODAY.isoformat()
        assert not item.quote_permission or (item.quote and item.source == "participant")
    assert Counter(i.sentiment for i in items).keys() >= {"positive", "negative", "mixed"}
    assert len({i.summary for i in items}) > 0.5 * 1500
    coded = rows(
        demo,
        "SELECT t.kind, count(*) AS n FROM feedback_term f "
        "JOIN taxonomy_term t ON t.id = f.term_id GROUP BY t.kind",
    )
    assert {c.kind: c.n for c in coded}["theme"] >= 1500
    uncoded = rows(
        demo,
        "SELECT id FROM feedback_item WHERE id NOT IN (SELECT feedback_id FROM feedback_term "
        "JOIN taxonomy_term t ON t.id = term_id AND t.kind = 'theme')",
    )
    assert uncoded == []
    # The search index follows every item (rowid = id * 8 + 1).
    [(indexed,)] = rows(demo, "SELECT count(*) FROM search_index WHERE rowid % 8 = 1")
    assert indexed == 1500
    [(found,)] = rows(demo, "SELECT count(*) FROM search_index WHERE search_index MATCH 'leaflet'")
    assert found > 0


def test_disclosures_in_every_state(demo: Demo) -> None:
    flagged = rows(
        demo,
        "SELECT d.*, f.source, f.engagement_id, f.received_on, f.quote_permission "
        "FROM disclosure d JOIN feedback_item f ON f.id = d.feedback_id ORDER BY flagged_at",
    )
    assert len(flagged) == demo.counts["disclosures"] == 3
    now = datetime.combine(TODAY, datetime.min.time()).replace(hour=12)
    dealt, overdue, waiting = flagged
    assert dealt.notified_at and dealt.crime_reference and dealt.survivor_told_on
    assert CRIME_REFERENCE.match(dealt.crime_reference)
    assert datetime.fromisoformat(overdue.deadline_at) < now and overdue.notified_at is None
    assert datetime.fromisoformat(waiting.deadline_at) > now and waiting.notified_at is None
    for d in flagged:
        assert d.source == "participant" and not d.quote_permission
        # Flagged as the service would: every minimum fact given (stored in UTC).
        assert d.offence_type and d.happened_when and d.happened_where
        assert d.anyone_at_risk_now is not None
        flagged_here = datetime.fromisoformat(d.flagged_at).replace(tzinfo=UTC).astimezone()
        assert d.received_on == flagged_here.date().isoformat()
