"""A participant's activity for their history: the engagements they took part in (never an
anonymous session), the feedback they gave as the feedback list reads it (a disclosure
without its text), what they were told came of it, and nothing once their record is
erased."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sec_desktop.domain.action import Action, ToldRecord
from sec_desktop.domain.action_enums import ActionStatus, TellingChannel
from sec_desktop.domain.engagement import Attendance, Engagement, ReferenceProject
from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource, Sentiment
from sec_desktop.services.disclosures import AtRisk, MinimumFacts
from sec_desktop.services.errors import NotFound
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.participant_activity import EngagementAttended, ToldOutcome
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.feedback_data import SECRET, STAMP, Seeded, seed
from tests.records import TODAY

BELIEVED = "Being believed"
COURT = "Court (plea, trial, verdict, sentence)"


@pytest.fixture
def seeded(records_vault: Vault) -> Seeded:
    return seed(records_vault)


@pytest.fixture
def more(records_vault: Vault, seeded: Seeded) -> dict[str, int]:
    """A one-to-one S-0001 had (told the limits of confidentiality), and a reference group
    meeting next week that S-0001 and S-0004 are booked on (S-0004 not yet told)."""
    with records_vault.writing(AuditEvent.ENGAGEMENT_RECORDED, "test data") as session:
        project = ReferenceProject(title="Victim contact leaflet")
        one = Engagement(
            kind=EngagementKind.ONE_TO_ONE,
            topic="Updates after reporting",
            held_on=TODAY - timedelta(days=30),
            created_at=STAMP,
            updated_at=STAMP,
        )
        meeting = Engagement(
            kind=EngagementKind.REFERENCE_GROUP,
            held_on=TODAY + timedelta(days=7),
            created_at=STAMP,
            updated_at=STAMP,
        )
        session.add_all([project, one, meeting])
        session.flush()
        meeting.project_id = project.id
        session.add_all(
            [
                Attendance(
                    engagement_id=one.id,
                    participant_id=seeded.quoted,
                    confidentiality_explained=True,
                ),
                Attendance(
                    engagement_id=meeting.id,
                    participant_id=seeded.quoted,
                    confidentiality_explained=True,
                ),
                Attendance(engagement_id=meeting.id, participant_id=seeded.no_consent),
            ]
        )
        return {"one_to_one": one.id, "meeting": meeting.id}


def said(seeded: Seeded, participant: int | None, **changes: object) -> FeedbackDraft:
    draft = FeedbackDraft(
        received_on=TODAY,
        source=FeedbackSource.PARTICIPANT if participant else FeedbackSource.ANONYMOUS,
        participant_id=participant,
        summary="Nobody called back after the statement",
        sentiment=Sentiment.NEGATIVE,
        stage_ids=(seeded.stages[COURT],),
        theme_ids=(seeded.themes[BELIEVED],),
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


def test_the_engagements_taken_part_in_newest_first(
    services: RecordServices, seeded: Seeded, more: dict[str, int]
) -> None:
    activity = services.activity.of(seeded.quoted)
    assert activity.participant_id == seeded.quoted
    assert activity.engagements == (
        EngagementAttended(
            more["meeting"],
            EngagementKind.REFERENCE_GROUP,
            TODAY + timedelta(days=7),
            "",
            "",
            "Victim contact leaflet",
            confidentiality_explained=True,
            planned=True,
        ),
        EngagementAttended(
            seeded.focus_group,
            EngagementKind.FOCUS_GROUP,
            TODAY,
            "Courts focus group",
            "",
            "",
            confidentiality_explained=False,
            planned=False,
        ),
        EngagementAttended(
            more["one_to_one"],
            EngagementKind.ONE_TO_ONE,
            TODAY - timedelta(days=30),
            "",
            "Updates after reporting",
            "",
            confidentiality_explained=True,
            planned=False,
        ),
    )
    assert [e.label for e in activity.engagements] == [
        "Victim contact leaflet",
        "Courts focus group",
        "Updates after reporting",
    ]
    # Each person has their own: S-0004 is on the meeting and the focus group only.
    other = services.activity.of(seeded.no_consent)
    assert [(e.engagement_id, e.confidentiality_explained) for e in other.engagements] == [
        (more["meeting"], False),
        (seeded.focus_group, False),
    ]
    assert services.activity.of(seeded.withdrawn).engagements == ()


def test_feedback_is_read_as_the_feedback_list_reads_it_and_a_disclosure_has_no_text(
    services: RecordServices, seeded: Seeded
) -> None:
    feedback = services.feedback
    older = feedback.add(said(seeded, seeded.quoted, received_on=TODAY - timedelta(days=9)))
    at_group = feedback.add(said(seeded, seeded.quoted, engagement_id=seeded.focus_group))
    disclosed = feedback.add(said(seeded, seeded.quoted, summary=SECRET, quote=SECRET))
    services.disclosures.flag(disclosed, MinimumFacts("Assault", "May", "At home", AtRisk.NO))
    feedback.add(said(seeded, seeded.no_consent))  # someone else's

    activity = services.activity.of(seeded.quoted)
    assert activity.feedback == tuple(feedback.rows(participant_id=seeded.quoted))
    assert [r.id for r in activity.feedback] == [disclosed, at_group, older]
    flagged = activity.feedback[0]
    assert flagged.disclosure and (flagged.summary, flagged.quote) == ("", "")
    assert SECRET not in repr(activity)
    assert activity.feedback[1].engagement_kind is EngagementKind.FOCUS_GROUP
    assert activity.feedback[2].themes == (BELIEVED,)
    assert activity.feedback[2].sentiment is Sentiment.NEGATIVE


def test_an_anonymous_session_never_lists_anyone(
    services: RecordServices, seeded: Seeded, records_vault: Vault
) -> None:
    forum = seeded.staff_forum
    anonymous = services.feedback.add(said(seeded, None, engagement_id=forum))
    # The schema itself refuses to tie anyone to the session.
    refused = pytest.raises(IntegrityError, match="anonymous session keeps no attendees")
    with refused, records_vault.writing(AuditEvent.ENGAGEMENT_EDITED, "test") as session:
        session.add(Attendance(engagement_id=forum, participant_id=seeded.quoted))
    for person in seeded.codes:
        activity = services.activity.of(person)
        assert forum not in {e.engagement_id for e in activity.engagements}
        assert anonymous not in {r.id for r in activity.feedback}
        assert all(r.engagement_id != forum for r in activity.feedback)


def test_an_erased_participant_has_no_activity_and_their_feedback_stays_anonymised(
    services: RecordServices, seeded: Seeded, more: dict[str, int]
) -> None:
    item = services.feedback.add(said(seeded, seeded.quoted, engagement_id=seeded.focus_group))
    assert [r.id for r in services.activity.of(seeded.quoted).feedback] == [item]
    services.roster.erase(seeded.quoted)

    with pytest.raises(NotFound, match="no longer in the vault"):
        services.activity.of(seeded.quoted)
    [kept] = services.feedback.rows(engagement_id=seeded.focus_group)
    assert (kept.id, kept.participant_code) == (item, "")
    # Nobody else's history picks it up; their own engagements are still there.
    for person in (seeded.withdrawn, seeded.review_passed, seeded.no_consent):
        assert item not in {r.id for r in services.activity.of(person).feedback}
    meeting = services.engagements.record(more["meeting"])
    assert [a.participant.code for a in meeting.attendees] == ["S-0004"]


def test_someone_never_on_the_roster_is_refused(services: RecordServices) -> None:
    with pytest.raises(NotFound):
        services.activity.of(4242)


def _told(records_vault: Vault, seeded: Seeded) -> dict[str, int]:
    """Two done actions: S-0001 told of both (by text, then in person), S-0004 of one."""
    with records_vault.writing(AuditEvent.ENGAGEMENT_RECORDED, "test data") as session:
        actions = [
            Action(
                title=title,
                status=ActionStatus.DONE,
                outcome="Changed.",
                closed_on=TODAY - timedelta(days=days),
                created_at=STAMP,
                updated_at=STAMP,
            )
            for title, days in (("Call back within two days", 40), ("Plain-language leaflet", 9))
        ]
        session.add_all(actions)
        session.flush()
        first, second = actions
        session.add_all(
            [
                ToldRecord(
                    action_id=first.id,
                    participant_id=seeded.quoted,
                    told_on=TODAY - timedelta(days=30),
                    channel=TellingChannel.TEXT,
                    what_was_said="Explained the change.",
                ),
                ToldRecord(
                    action_id=second.id,
                    participant_id=seeded.quoted,
                    told_on=TODAY - timedelta(days=2),
                    channel=TellingChannel.IN_PERSON,
                ),
                ToldRecord(
                    action_id=second.id,
                    participant_id=seeded.no_consent,
                    told_on=TODAY,
                    channel=TellingChannel.THROUGH_PARTNER,
                ),
            ]
        )
        return {"first": first.id, "second": second.id}


def test_what_they_were_told_came_of_their_feedback_newest_first(
    services: RecordServices, seeded: Seeded, records_vault: Vault
) -> None:
    actions = _told(records_vault, seeded)
    assert services.activity.of(seeded.quoted).told == (
        ToldOutcome(
            actions["second"],
            "Plain-language leaflet",
            TODAY - timedelta(days=2),
            TellingChannel.IN_PERSON,
        ),
        ToldOutcome(
            actions["first"],
            "Call back within two days",
            TODAY - timedelta(days=30),
            TellingChannel.TEXT,
        ),
    )
    # Each person's own: S-0004 was told of one; S-0002 of none.
    assert services.activity.of(seeded.no_consent).told == (
        ToldOutcome(
            actions["second"], "Plain-language leaflet", TODAY, TellingChannel.THROUGH_PARTNER
        ),
    )
    assert services.activity.of(seeded.withdrawn).told == ()
    # Erasing S-0001 removes the record of telling them, and nobody else's.
    services.roster.erase(seeded.quoted)
    with records_vault.reading() as session:
        left = session.execute(select(ToldRecord.participant_id)).scalars().all()
    assert left == [seeded.no_consent]
