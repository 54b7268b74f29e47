"""The 0.3.0 reference vault (made by `tests/data/make_reference_v030.py`): every record it
holds reads back in this version, and a disclosure's text still shows only in its own
record."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from sec_desktop.domain.engagement_enums import (
    EngagementKind,
    FeedbackSource,
    Panel,
    Sentiment,
    VictimsRight,
)
from sec_desktop.domain.enums import Group
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.roster import issue_code
from sec_desktop.vault import schema
from sec_desktop.vault.vault import Unlock, Vault
from tests.services.reference_checks import assert_saved_by_final_schema

DATA = Path(__file__).resolve().parents[1] / "data"
TODAY = date(2026, 12, 5)
DISCLOSED = "Synthetic disclosure: an assault, never reported, at a flat in 2019"


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Vault, RecordServices]]:
    """Opened once (with its passphrase) and only read by the tests below."""
    path = tmp_path_factory.mktemp("reference-v030") / "reference.secvault"
    shutil.copyfile(DATA / "reference-v0.3.0.secvault", path)
    vault = Vault.open(path, Unlock(passphrase="reference vault passphrase 2026"))
    yield vault, RecordServices.over(vault, today=lambda: TODAY)
    vault.close()


@pytest.fixture
def services(opened: tuple[Vault, RecordServices]) -> RecordServices:
    return opened[1]


def code_id(services: RecordServices, code: str) -> int:
    found = services.roster.find_by_code(code)
    assert found is not None, code
    return found.id


def test_people_and_partners_read_back(
    opened: tuple[Vault, RecordServices], services: RecordServices
) -> None:
    vault = opened[0]
    assert schema.current_revision(vault.engine) == schema.head_revision()
    # S-0003 was erased: their code is never issued again.
    assert [r.code for r in services.roster.rows()] == ["S-0001", "S-0002"]
    with vault.reading() as session:
        assert issue_code(session) == "S-0004"
    alex = services.roster.record(code_id(services, "S-0001"))
    assert alex.safe_contact.code_word == "bluebell"
    assert alex.active_groups() == frozenset({Group.REFERENCE_GROUP})
    [partner] = services.partners.rows()
    assert (partner.name, partner.contacts) == ("Reference IDVA Service", 1)


def test_one_engagement_of_every_kind_with_who_took_part(services: RecordServices) -> None:
    rows = {r.kind: r for r in services.engagements.rows()}
    assert set(rows) == set(EngagementKind)
    forum = services.engagements.record(rows[EngagementKind.STAFF_FORUM].id)
    assert (forum.headcount, forum.attendees) == (6, ())
    focus = services.engagements.record(rows[EngagementKind.FOCUS_GROUP].id)
    assert (focus.title, focus.held_on, focus.feedback_count) == (
        "Going to court",
        date(2026, 11, 10),
        3,
    )
    assert [(a.participant.code, a.confidentiality_explained) for a in focus.attendees] == [
        ("S-0001", True),
        ("S-0002", False),
    ]
    calls = [r for r in services.engagements.rows() if r.kind is EngagementKind.ONE_TO_ONE]
    assert [(r.held_on, r.participant_code) for r in calls] == [
        (date(2026, 11, 21), ""),
        (date(2026, 11, 20), "S-0001"),
    ]
    via_idva = services.engagements.record(calls[0].id)
    assert via_idva.attendees == () and via_idva.via_partner_contact.startswith("Sam Example")
    meeting = services.engagements.record(rows[EngagementKind.REFERENCE_GROUP].id)
    assert meeting.project is not None and meeting.project.details.title == (
        "Victim contact leaflet"
    )
    assert [p.meetings for p in services.engagements.projects()] == [1]


def test_each_persons_activity(services: RecordServices) -> None:
    alex = services.activity.of(code_id(services, "S-0001"))
    assert [(e.kind, e.held_on, e.confidentiality_explained) for e in alex.engagements] == [
        (EngagementKind.REFERENCE_GROUP, date(2026, 11, 26), True),
        (EngagementKind.ONE_TO_ONE, date(2026, 11, 20), True),
        (EngagementKind.FOCUS_GROUP, date(2026, 11, 10), True),
    ]
    disclosed, at_group = alex.feedback
    assert disclosed.disclosure and disclosed.disclosure_dealt_with
    assert (disclosed.summary, disclosed.quote) == ("", "")
    assert at_group.quotable and at_group.themes == ("Special measures at court",)
    jo = services.activity.of(code_id(services, "S-0002"))
    assert [e.confidentiality_explained for e in jo.engagements] == [False]
    assert [(r.received_on, r.sentiment, r.case_id is not None) for r in jo.feedback] == [
        (date(2026, 11, 25), Sentiment.NEGATIVE, True),
        (date(2026, 11, 10), Sentiment.NEGATIVE, False),
    ]


def test_feedback_of_every_source_and_the_disclosure_steps(services: RecordServices) -> None:
    rows = services.feedback.rows()
    assert len(rows) == 7
    assert {r.source for r in rows} == set(FeedbackSource)
    assert DISCLOSED not in repr(rows)
    # The erased participant's feedback is kept, anonymised.
    [kept] = [r for r in rows if r.summary.startswith("The witness care officer")]
    assert kept.participant_code == "" and kept.engagement_kind is EngagementKind.FOCUS_GROUP
    [partner] = [r for r in rows if r.source is FeedbackSource.PARTNER]
    assert partner.partner_name == "Reference IDVA Service"
    [flagged] = [r for r in rows if r.disclosure]
    record = services.feedback.record(flagged.id)
    assert record.draft.summary == DISCLOSED
    assert record.disclosure is not None and record.disclosure.dealt_with
    assert record.disclosure.notification is not None
    assert record.disclosure.notification.incident_reference == "INC-20261120-0042"
    assert services.disclosures.open_disclosures() == []
    [hit] = services.search.search("flat 2019").hits
    assert hit.disclosure and hit.snippet == ""
    assert [h.record_id for h in services.search.search("screen").hits] == [
        r.id for r in rows if r.quotable
    ]


def test_the_scrutiny_case_with_its_timeline_and_rights(services: RecordServices) -> None:
    [meeting] = services.scrutiny.meetings()
    assert (meeting.panel, meeting.held_on, meeting.cases) == (Panel.DA, date(2026, 11, 27), 1)
    [row] = services.scrutiny.meeting(meeting.id).cases
    case = services.scrutiny.case(row.id).details
    assert (case.crime_reference, case.outcome, case.participant_code) == (
        "GW/012345/26",
        "Charged",
        "S-0002",
    )
    assert [(e.on, e.stage_name, e.note) for e in case.timeline] == [
        (date(2026, 3, 2), "Contact and call handling (999, 101, online)", "Reported online"),
        (date(2026, 3, 3), "First response and attendance", "Officer visited"),
        (
            date(2026, 6, 1),
            "CPS charging decision and victims' right to review",
            "Charged",
        ),
    ]
    assert dict(case.rights) == {
        VictimsRight.UNDERSTAND: True,
        VictimsRight.INFO_INVESTIGATION: False,
        VictimsRight.VPS: False,
    }
    assert (case.victim_contacted, case.victim_agreed) == (True, True)
    assert row.feedback_items == 1


def test_it_was_saved_by_the_final_schema_0003() -> None:
    """Remade whenever 0003 changed before release: its tables, foreign keys, indexes and
    triggers are exactly what 0003 writes now (compared as saved, before any upgrade)."""
    path = DATA / "reference-v0.3.0.secvault"
    key = (DATA / "reference-v0.3.0.recovery-key.txt").read_text(encoding="utf-8").strip()
    assert_saved_by_final_schema(path, key, "0003")
