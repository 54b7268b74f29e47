"""Scrutiny panel meetings and their cases: what is kept and read back, what is refused
(in words, under the field concerned, with nothing written), and what the audit log says
(ids and the panel, never a crime reference)."""

from __future__ import annotations

from datetime import date, time

import pytest

from sec_desktop.domain.engagement_enums import (
    EngagementFormat,
    FeedbackSource,
    Panel,
    TermKind,
    VictimsRight,
)
from sec_desktop.domain.feedback import FeedbackItem
from sec_desktop.services.errors import NotFound, RuleBroken, ValidationFailed
from sec_desktop.services.participant_records import ParticipantDetails
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.scrutiny_records import CaseDetails, MeetingDetails, TimelineEntry
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.records import TODAY

REFERENCE = "GW/0451207/26"


def stage_ids(services: RecordServices) -> dict[str, int]:
    return {t.name.split(" (")[0]: t.id for t in services.taxonomy.terms(TermKind.STAGE)}


def audit_rows(vault: Vault) -> list[audit.AuditRow]:
    with vault.engine.connect() as connection:
        return audit.rows(connection)


def da_meeting(services: RecordServices, on: date = date(2026, 12, 3)) -> int:
    return services.scrutiny.record_meeting(
        MeetingDetails(
            Panel.DA,
            on,
            time(10, 0),
            EngagementFormat.IN_PERSON,
            "Police HQ, Croesyceiliog",
            "Detective Superintendent (chair)",
            "Three cases from the Newport hub.",
        )
    )


def full_case(services: RecordServices, code: str = "") -> CaseDetails:
    stages = stage_ids(services)
    return CaseDetails(
        crime_reference=" gw/0451207/26 ",
        offence_type="Controlling or coercive behaviour",
        outcome="Outcome 16: victim does not support further action",
        # Typed out of order: kept in date order.
        timeline=(
            TimelineEntry(date(2026, 4, 2), stages["Police decision"], "NFA letter sent"),
            TimelineEntry(date(2026, 1, 9), stages["Contact and call handling"], "101 call"),
            TimelineEntry(date(2026, 1, 9), stages["First response and attendance"], "Same day"),
        ),
        rights={
            VictimsRight.UNDERSTAND: True,
            VictimsRight.REFERRED: True,
            VictimsRight.VPS: False,
        },
        victim_contacted=True,
        victim_agreed=True,
        participant_code=code,
        questions="Why was the victim not offered a VPS?",
    )


def test_a_case_with_its_timeline_and_rights_round_trips(
    services: RecordServices, records_vault: Vault
) -> None:
    person = services.roster.add(ParticipantDetails(name="Eirlys Thornbury")).code
    meeting_id = da_meeting(services)
    scrutiny = services.scrutiny
    case_id = scrutiny.save_case(meeting_id, full_case(services, code=person.lower()))

    record = scrutiny.case(case_id)
    assert (record.meeting_id, record.panel, record.held_on) == (
        meeting_id,
        Panel.DA,
        date(2026, 12, 3),
    )
    details = record.details
    assert details.crime_reference == REFERENCE
    assert details.participant_code == person == "S-0001"
    assert [(e.on, e.note) for e in details.timeline] == [
        (date(2026, 1, 9), "101 call"),
        (date(2026, 1, 9), "Same day"),
        (date(2026, 4, 2), "NFA letter sent"),
    ]
    assert details.timeline[0].stage_name == "Contact and call handling (999, 101, online)"
    assert details.rights == full_case(services).rights
    assert (details.victim_contacted, details.victim_agreed) == (True, True)
    assert details.questions == "Why was the victim not offered a VPS?"

    # Changed: a right no longer judged loses its row, one flips, one is added.
    stages = stage_ids(services)
    scrutiny.save_case(
        meeting_id,
        CaseDetails(
            REFERENCE,
            timeline=(TimelineEntry(date(2026, 2, 1), stages["Crime recording"]),),
            rights={VictimsRight.VPS: True, VictimsRight.COMPLAIN: False},
        ),
        case_id,
    )
    changed = scrutiny.case(case_id).details
    assert changed.rights == {VictimsRight.VPS: True, VictimsRight.COMPLAIN: False}
    assert [e.stage_name for e in changed.timeline] == ["Crime recording"]
    assert changed.participant_code == ""

    (row,) = scrutiny.meeting(meeting_id).cases
    assert (row.crime_reference, row.timeline_entries, row.rights_met, row.rights_not_met) == (
        REFERENCE,
        1,
        1,
        1,
    )
    (meeting,) = scrutiny.meetings()
    assert (meeting.id, meeting.cases, meeting.venue) == (meeting_id, 1, "Police HQ, Croesyceiliog")

    events = [(r.event, r.detail) for r in audit_rows(records_vault)[-3:]]
    assert events == [
        (AuditEvent.ENGAGEMENT_RECORDED, f"scrutiny meeting {meeting_id}: da"),
        (AuditEvent.SCRUTINY_CASE_SAVED, f"case {case_id}, scrutiny meeting {meeting_id}: da"),
        (AuditEvent.SCRUTINY_CASE_SAVED, f"case {case_id}, scrutiny meeting {meeting_id}: da"),
    ]
    assert not any("0451207" in r.detail for r in audit_rows(records_vault))


def test_every_problem_with_a_case_is_named_under_its_field_and_nothing_is_written(
    services: RecordServices,
) -> None:
    meeting_id = da_meeting(services)
    stages = stage_ids(services)
    theme = services.taxonomy.terms(TermKind.THEME)[0].id
    wrong = CaseDetails(
        crime_reference="GW-0451207-26",
        offence_type="x" * 121,
        timeline=(
            TimelineEntry(date(2026, 11, 26), stages["Court"]),
            TimelineEntry(date(2026, 3, 1), None, "no stage"),
        ),
        victim_agreed=True,
        participant_code="S-0999",
    )
    with pytest.raises(ValidationFailed) as refused:
        services.scrutiny.save_case(meeting_id, wrong)
    messages = {e.field: e.english() for e in refused.value.errors}
    assert messages == {
        "crime_reference": "This is not a crime reference in your force's format: it should "
        "look like GW/012345/26.",
        "offence_type": "This is too long: at most 120 characters.",
        "victim_agreed": "They can only have agreed to give feedback if they were contacted: "
        "say that they were contacted, or that they did not agree.",
        "participant_code": "No one on the roster has this code. Check it (codes look like "
        "S-0042), or leave it empty if the victim is not on the roster.",
        "timeline.0.on": "This date is in the future: use today or earlier.",
        "timeline.1.stage": "Choose the stage of the journey.",
    }
    # A theme is not a stage.
    with pytest.raises(ValidationFailed) as refused:
        services.scrutiny.save_case(
            meeting_id, CaseDetails(REFERENCE, timeline=(TimelineEntry(TODAY, theme),))
        )
    assert [e.field for e in refused.value.errors] == ["timeline.0.stage"]
    assert services.scrutiny.meeting(meeting_id).cases == ()


def test_the_same_case_twice_in_one_meeting_is_refused(services: RecordServices) -> None:
    scrutiny = services.scrutiny
    first, second = da_meeting(services), da_meeting(services, date(2027, 1, 7))
    case_id = scrutiny.save_case(first, CaseDetails(REFERENCE))
    with pytest.raises(ValidationFailed) as refused:
        scrutiny.save_case(first, CaseDetails("  gw/0451207/26"))
    assert refused.value.for_field("crime_reference") is not None
    # Saving the case itself again is not a duplicate; another meeting may review it too.
    scrutiny.save_case(first, CaseDetails(REFERENCE, outcome="Outcome 1"), case_id)
    scrutiny.save_case(second, CaseDetails(REFERENCE))
    with pytest.raises(NotFound):
        scrutiny.save_case(second, CaseDetails("GW/000001/26"), case_id)  # not its case


def test_the_format_configured_changes_what_is_accepted(services: RecordServices) -> None:
    scrutiny = services.scrutiny
    meeting_id = da_meeting(services)
    scrutiny.references.set_format(r"[0-9]{2}\*[0-9]{6}", "26*001234")
    with pytest.raises(ValidationFailed) as refused:
        scrutiny.save_case(meeting_id, CaseDetails(REFERENCE))
    assert refused.value.errors[0].english().endswith("it should look like 26*001234.")
    case_id = scrutiny.save_case(meeting_id, CaseDetails("26*000777"))
    assert scrutiny.case(case_id).details.crime_reference == "26*000777"


def test_meetings_are_listed_newest_first_filtered_by_panel_and_edited(
    services: RecordServices, records_vault: Vault
) -> None:
    scrutiny = services.scrutiny
    older = da_meeting(services, date(2026, 6, 4))
    rasso = scrutiny.record_meeting(MeetingDetails(Panel.RASSO, date(2026, 9, 10)))
    newer = da_meeting(services, date(2026, 12, 3))
    assert [m.id for m in scrutiny.meetings()] == [newer, rasso, older]
    assert [m.id for m in scrutiny.meetings(Panel.DA)] == [newer, older]
    assert [m.panel for m in scrutiny.meetings(Panel.RASSO)] == [Panel.RASSO]

    scrutiny.update_meeting(
        rasso, MeetingDetails(Panel.RASSO, date(2026, 9, 11), venue=" Online ", notes="Moved")
    )
    details = scrutiny.meeting(rasso).details
    assert (details.held_on, details.venue, details.notes, details.starts_at) == (
        date(2026, 9, 11),
        "Online",
        "Moved",
        None,
    )
    assert audit_rows(records_vault)[-1].event == AuditEvent.ENGAGEMENT_EDITED

    with pytest.raises(ValidationFailed) as refused:
        scrutiny.update_meeting(rasso, MeetingDetails(None, date(2026, 9, 11)))
    assert refused.value.errors[0].english() == "Choose the panel: DA or RASSO."
    with pytest.raises(NotFound):
        scrutiny.meeting(9999)


def test_deleting_is_refused_while_something_would_be_lost(
    services: RecordServices, records_vault: Vault
) -> None:
    scrutiny = services.scrutiny
    meeting_id = da_meeting(services)
    case_id = scrutiny.save_case(meeting_id, CaseDetails(REFERENCE))
    with pytest.raises(RuleBroken, match="still has cases"):
        scrutiny.delete_meeting(meeting_id)
    # The victim's feedback on the case (written here as the feedback service would).
    with records_vault.writing(AuditEvent.FEEDBACK_RECORDED) as session:
        item = FeedbackItem(
            case_id=case_id,
            source=FeedbackSource.ANONYMOUS,
            received_on=TODAY,
            summary="Felt nobody explained the decision.",
            created_at=TODAY,
            updated_at=TODAY,
        )
        session.add(item)
    assert scrutiny.meeting(meeting_id).cases[0].feedback_items == 1
    with pytest.raises(RuleBroken, match="feedback is recorded on this case"):
        scrutiny.delete_case(case_id)

    with records_vault.writing(AuditEvent.FEEDBACK_DELETED) as session:
        session.delete(session.get(FeedbackItem, item.id))
    scrutiny.delete_case(case_id)
    scrutiny.delete_meeting(meeting_id)
    assert scrutiny.meetings() == []
    assert [(r.event, r.detail) for r in audit_rows(records_vault)[-2:]] == [
        (AuditEvent.SCRUTINY_CASE_DELETED, f"case {case_id}, scrutiny meeting {meeting_id}: da"),
        (AuditEvent.ENGAGEMENT_DELETED, f"scrutiny meeting {meeting_id}: da"),
    ]


def test_once_feedback_is_on_a_case_its_victim_and_their_agreement_stay(
    services: RecordServices, records_vault: Vault
) -> None:
    scrutiny = services.scrutiny
    victim = services.roster.add(ParticipantDetails(name="Ffion Test")).code
    other = services.roster.add(ParticipantDetails(name="Bethan Test")).code
    meeting_id = da_meeting(services)
    case_id = scrutiny.save_case(meeting_id, full_case(services, victim))
    # Before any feedback, the case can still be put right.
    scrutiny.save_case(meeting_id, full_case(services, other), case_id)
    scrutiny.save_case(meeting_id, full_case(services, victim), case_id)
    with records_vault.writing(AuditEvent.FEEDBACK_RECORDED) as session:
        session.add(
            FeedbackItem(
                case_id=case_id,
                source=FeedbackSource.ANONYMOUS,
                received_on=TODAY,
                summary="Felt the decision letter was cold.",
                created_at=TODAY,
                updated_at=TODAY,
            )
        )
    full = full_case(services, victim)
    not_agreed = CaseDetails(**{**full.__dict__, "victim_agreed": False})
    with pytest.raises(ValidationFailed) as refused:
        scrutiny.save_case(meeting_id, not_agreed, case_id)
    assert [e.field for e in refused.value.errors] == ["victim_agreed"]
    with pytest.raises(ValidationFailed) as refused:
        scrutiny.save_case(meeting_id, full_case(services, other), case_id)
    assert [e.field for e in refused.value.errors] == ["participant_code"]
    assert scrutiny.case(case_id).details.participant_code == victim
    # Anything else about the case may still change.
    scrutiny.save_case(meeting_id, CaseDetails(**{**full.__dict__, "outcome": "Charged"}), case_id)
    assert scrutiny.case(case_id).details.outcome == "Charged"
