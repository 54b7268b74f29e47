"""Who feedback may be attributed to: at an engagement only its attendees (the one person
of a one-to-one; nobody where no one is recorded as attending); on a scrutiny case only
its victim, and only if they agreed to give feedback; anyone on the roster otherwise. The
capture form is offered exactly those people. Erasing someone keeps their feedback, from
an anonymous survivor, still editable."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest

from sec_desktop.domain.engagement import Attendance, Engagement
from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource, Panel
from sec_desktop.services.errors import ValidationFailed
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.scrutiny_records import CaseDetails, MeetingDetails
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.feedback_data import STAMP, Seeded, seed
from tests.records import TODAY


@dataclass(frozen=True)
class Scene:
    seeded: Seeded
    empty_group: int  # a focus group with nobody recorded as attending
    with_quoted: int  # a one-to-one with S-0001


@pytest.fixture
def scene(records_vault: Vault) -> Scene:
    seeded = seed(records_vault)
    with records_vault.writing(AuditEvent.ENGAGEMENT_RECORDED, "test data") as session:
        made = [
            Engagement(kind=kind, held_on=TODAY, created_at=STAMP, updated_at=STAMP)
            for kind in (EngagementKind.FOCUS_GROUP, EngagementKind.ONE_TO_ONE)
        ]
        session.add_all(made)
        session.flush()
        session.add(Attendance(engagement_id=made[1].id, participant_id=seeded.quoted))
        ids = [e.id for e in made]
    return Scene(seeded, empty_group=ids[0], with_quoted=ids[1])


def from_person(participant_id: int | None, **changes: object) -> FeedbackDraft:
    draft = FeedbackDraft(
        TODAY, FeedbackSource.PARTICIPANT, participant_id=participant_id, summary="Said"
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


def anonymous(**changes: object) -> FeedbackDraft:
    return from_person(None, **{"source": FeedbackSource.ANONYMOUS, **changes})


def refusal(services: RecordServices, draft: FeedbackDraft) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as refused:
        services.feedback.add(draft)
    return {e.field: e.english() for e in refused.value.errors}


def offered(services: RecordServices, **where: int) -> list[str]:
    return [p.code for p in services.feedback.capture_context(**where).participants]


# --- engagements -------------------------------------------------------------------------


def test_at_an_engagement_only_its_attendees_can_be_named(
    services: RecordServices, scene: Scene, records_vault: Vault
) -> None:
    s = scene.seeded
    generation = records_vault.generation
    assert refusal(services, from_person(s.withdrawn, engagement_id=scene.empty_group)) == {
        "participant": "Nobody is recorded as attending this engagement, so no participant "
        "can be named: add S-0002 as an attendee first, or choose \u201cAn anonymous "
        "survivor\u201d."
    }
    assert refusal(services, from_person(s.withdrawn, engagement_id=scene.with_quoted)) == {
        "participant": "This one-to-one was with S-0001: choose them, or an anonymous survivor."
    }
    assert "add S-0002 to the one-to-one first" in refusal(
        services, from_person(s.withdrawn, engagement_id=s.open_group)
    ).get("participant", "")
    assert "S-0002 is not recorded as attending" in refusal(
        services, from_person(s.withdrawn, engagement_id=s.focus_group)
    ).get("participant", "")
    assert records_vault.generation == generation and services.feedback.rows() == []

    # Allowed: an attendee; an anonymous survivor anywhere; anyone, with no engagement.
    services.feedback.add(from_person(s.quoted, engagement_id=scene.with_quoted))
    services.feedback.add(from_person(s.no_consent, engagement_id=s.focus_group))
    services.feedback.add(anonymous(engagement_id=scene.empty_group))
    services.feedback.add(anonymous(engagement_id=s.open_group))
    services.feedback.add(from_person(s.withdrawn))
    assert len(services.feedback.rows()) == 5


def test_the_capture_form_is_offered_exactly_who_may_be_named(
    services: RecordServices, scene: Scene
) -> None:
    s = scene.seeded
    assert offered(services) == ["S-0001", "S-0002", "S-0003", "S-0004"]
    assert not services.feedback.capture_context().attendees_only
    assert offered(services, engagement_id=s.focus_group) == ["S-0001", "S-0004"]
    assert offered(services, engagement_id=scene.with_quoted) == ["S-0001"]
    for nobody in (scene.empty_group, s.open_group):
        context = services.feedback.capture_context(engagement_id=nobody)
        assert context.participants == () and context.attendees_only
        assert not context.anonymous_only  # a partner may still be the source
    forum = services.feedback.capture_context(engagement_id=s.staff_forum)
    assert forum.participants == () and forum.anonymous_only


# --- scrutiny cases ----------------------------------------------------------------------


def cases(services: RecordServices) -> tuple[int, int, int]:
    """Cases whose victim: did not agree; agreed, and is S-0001; agreed, not on the roster."""
    meeting = services.scrutiny.record_meeting(MeetingDetails(Panel.DA, date(2026, 11, 3)))
    save = services.scrutiny.save_case
    return (
        save(
            meeting, CaseDetails("GW/0451201/26", victim_contacted=True, participant_code="S-0001")
        ),
        save(
            meeting,
            CaseDetails(
                "GW/0451202/26",
                victim_contacted=True,
                victim_agreed=True,
                participant_code="S-0001",
            ),
        ),
        save(meeting, CaseDetails("GW/0451203/26", victim_contacted=True, victim_agreed=True)),
    )


def test_case_feedback_is_the_victims_and_only_if_they_agreed(
    services: RecordServices, scene: Scene
) -> None:
    s = scene.seeded
    refused, named, unnamed = cases(services)
    for draft in (from_person(s.quoted, case_id=refused), anonymous(case_id=refused)):
        assert refusal(services, draft) == {
            "source": "The victim of this case has not agreed to give feedback, so none can "
            "be recorded on it. If they have agreed, record that on the case first (Edit case)."
        }
    assert refusal(services, from_person(s.withdrawn, case_id=named)) == {
        "participant": "The victim of this case is S-0001: their feedback can only be from "
        "them. Choose \u201cA participant\u201d and S-0001."
    }
    assert "S-0001" in refusal(services, anonymous(case_id=named))["source"]
    assert (
        "anonymous survivor" in refusal(services, from_person(s.quoted, case_id=unnamed))["source"]
    )
    partner = anonymous(case_id=unnamed, source=FeedbackSource.PARTNER, partner_id=s.partner)
    assert set(refusal(services, partner)) == {"source"}
    assert services.feedback.rows() == []

    services.feedback.add(from_person(s.quoted, case_id=named))
    services.feedback.add(anonymous(case_id=unnamed))
    assert [len(services.feedback.rows(case_id=c)) for c in (refused, named, unnamed)] == [0, 1, 1]
    # Several cases at once (a briefing's) read the same items as one case at a time.
    both = services.feedback.rows(case_ids=[refused, named, unnamed])
    assert sorted(r.case_id for r in both if r.case_id is not None) == sorted([named, unnamed])
    assert services.feedback.rows(case_ids=[refused]) == []

    # The capture form offers just that.
    context = services.feedback.capture_context(case_id=named)
    assert [p.code for p in context.participants] == ["S-0001"]
    assert context.case_participant_id == s.quoted and not context.anonymous_only
    for anonymous_only in (refused, unnamed):
        context = services.feedback.capture_context(case_id=anonymous_only)
        assert context.participants == () and context.anonymous_only


# --- erasure -----------------------------------------------------------------------------


def test_an_erased_participants_feedback_stays_anonymous_and_can_be_edited(
    services: RecordServices, scene: Scene
) -> None:
    s = scene.seeded
    quoted = from_person(s.quoted, quote="In my words.", quote_permission=True)
    kept = services.feedback.add(quoted)
    at_session = services.feedback.add(from_person(s.quoted, engagement_id=scene.with_quoted))
    other = services.feedback.add(from_person(s.no_consent, engagement_id=s.focus_group))
    assert services.feedback.record(kept).draft.quote_permission
    services.roster.erase(s.quoted)

    for item in (kept, at_session):
        record = services.feedback.record(item)
        assert record.draft.source is FeedbackSource.ANONYMOUS
        assert record.draft.participant_id is None and record.participant_code == ""
        # Their quote consent went with them.
        assert not record.draft.quote_permission and not record.quotable
        # Still editable: saved as it stands, with a change.
        services.feedback.update(item, replace(record.draft, summary="Said, corrected"))
        assert services.feedback.record(item).draft.summary == "Said, corrected"
    assert services.feedback.record(kept).draft.quote == "In my words."
    # Someone else's feedback is untouched.
    assert services.feedback.record(other).draft.source is FeedbackSource.PARTICIPANT
    assert services.feedback.record(other).participant_code == "S-0004"
