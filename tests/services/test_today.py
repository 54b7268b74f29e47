"""The Today page's items: risk reviews due (and people never assessed), wellbeing
follow-ups, disclosures waiting for a step, consent reviews due, supervision suggested;
overdue first, then by due date; each opens the right screen; codes, never names."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from sec_desktop.domain.engagement import Attendance, Engagement
from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource
from sec_desktop.domain.enums import ConsentMethod, ConsentPurpose, ParticipantStatus, ReferralRoute
from sec_desktop.domain.feedback import Disclosure, FeedbackItem
from sec_desktop.domain.participant import Consent, Participant
from sec_desktop.domain.risk import RiskAssessment, WellbeingCheck
from sec_desktop.domain.risk_enums import (
    Answer,
    DashLevel,
    HowTheyAre,
    Proceedings,
    Readiness,
    RiskOutcome,
)
from sec_desktop.services.coordinator_log import CoordinatorLogService
from sec_desktop.services.today import (
    BOOK_SUPERVISION,
    CONSENT_REVIEW,
    DISCLOSURE,
    FOLLOW_UP,
    NO_ASSESSMENT,
    RISK_REVIEW,
    RISK_REVIEW_DUE,
    SUPERVISION,
    TELL_RECORDING,
    TELL_RECORDING_ANONYMOUS,
    TELL_SURVIVOR,
    TodayItem,
    TodayService,
)
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.records import TODAY

NOW = datetime(2026, 11, 25, 14, 0)
STAMP = datetime(2026, 1, 5, 9, 0)
ACTIVE, ENQUIRY, LEFT = ParticipantStatus.ACTIVE, ParticipantStatus.ENQUIRY, ParticipantStatus.LEFT


def _person(code: str, status: ParticipantStatus) -> Participant:
    return Participant(
        code=code,
        name=f"Synthetic Person {code}",
        referral_route=ReferralRoute.SELF_OTHER,
        status=status,
        created_at=STAMP,
        updated_at=STAMP,
    )


def _assessment(participant_id: int, review_on: date) -> RiskAssessment:
    return RiskAssessment(
        participant_id=participant_id,
        assessed_on=review_on - timedelta(days=90),
        dash_level=DashLevel.STANDARD,
        harmer_in_contact=Answer.NO,
        harmer_could_learn=Answer.NO,
        proceedings=Proceedings.NONE,
        readiness=Readiness.READY,
        outcome=RiskOutcome.PROCEED,
        review_on=review_on,
        created_at=STAMP,
        updated_at=STAMP,
    )


def _consent(review_on: date, **kwargs: object) -> Consent:
    values: dict[str, object] = {
        "purpose": ConsentPurpose.CONTACT,
        "given_on": TODAY - timedelta(days=300),
        "method": ConsentMethod.VERBAL,
        "review_on": review_on,
        **kwargs,
    }
    return Consent(**values)


def _disclosure(
    participant: Participant | None, flagged_at: datetime, **steps: object
) -> FeedbackItem:
    item = FeedbackItem(
        source=FeedbackSource.PARTICIPANT if participant else FeedbackSource.ANONYMOUS,
        participant_id=participant.id if participant else None,
        received_on=flagged_at.date(),
        summary="Flagged in the test",
        created_at=STAMP,
        updated_at=STAMP,
    )
    item.disclosure = Disclosure(
        flagged_at=flagged_at, deadline_at=flagged_at + timedelta(hours=24), **steps
    )
    return item


def _seed(vault: Vault) -> dict[str, int]:
    with vault.writing(AuditEvent.ENGAGEMENT_RECORDED, "test data") as session:
        people = {
            "S-0101": _person("S-0101", ACTIVE),  # review overdue; a follow-up
            "S-0102": _person("S-0102", ACTIVE),  # never assessed
            "S-0103": _person("S-0103", ACTIVE),  # a consent review soon
            "S-0104": _person("S-0104", LEFT),  # left: nothing listed
            "S-0105": _person("S-0105", ENQUIRY),  # not taking part yet: no consent review
        }
        far = TODAY + timedelta(days=60)
        people["S-0101"].consents.append(_consent(TODAY + timedelta(days=20)))
        people["S-0103"].consents += [
            _consent(TODAY + timedelta(days=3), purpose=ConsentPurpose.NETWORK),
            _consent(TODAY, withdrawn_on=TODAY - timedelta(days=1)),
        ]
        people["S-0104"].consents.append(_consent(TODAY - timedelta(days=5)))
        people["S-0105"].consents.append(_consent(TODAY - timedelta(days=5)))
        session.add_all(people.values())
        session.flush()
        ids = {code: p.id for code, p in people.items()}
        for code, review_on in (("S-0101", TODAY - timedelta(days=1)), ("S-0103", far)):
            session.add(_assessment(ids[code], review_on))
        session.add(_assessment(ids["S-0105"], far))
        group = Engagement(
            kind=EngagementKind.FOCUS_GROUP,
            title="Courts focus group",
            held_on=TODAY - timedelta(days=7),
            created_at=STAMP,
            updated_at=STAMP,
        )
        session.add(group)
        session.flush()
        ids["group"] = group.id
        for code, follow_up in (("S-0101", True), ("S-0103", False)):
            session.add(Attendance(engagement_id=group.id, participant_id=ids[code]))
            session.add(
                WellbeingCheck(
                    engagement_id=group.id,
                    participant_id=ids[code],
                    checked_on=group.held_on,
                    how_they_are=HowTheyAre.SOME_DISTRESS,
                    follow_up_needed=follow_up,
                    follow_up_by=TODAY + timedelta(days=2) if follow_up else None,
                    created_at=STAMP,
                    updated_at=STAMP,
                )
            )
        notified = {"notified_at": NOW - timedelta(hours=20), "notified_to": "Crime recording"}
        items = {
            "late": _disclosure(people["S-0103"], NOW - timedelta(hours=30)),
            "anonymous": _disclosure(None, NOW - timedelta(hours=1)),
            "untold": _disclosure(people["S-0101"], NOW - timedelta(hours=22), **notified),
            "done": _disclosure(
                people["S-0101"],
                NOW - timedelta(hours=23),
                survivor_told_on=TODAY,
                survivor_told_how="By phone",
                **notified,
            ),
        }
        session.add_all(items.values())
        session.flush()
        ids.update({name: item.id for name, item in items.items()})
        return ids


@pytest.fixture
def seeded(records_vault: Vault) -> dict[str, int]:
    return _seed(records_vault)


@pytest.fixture
def today(records_vault: Vault) -> TodayService:
    return TodayService(records_vault, lambda: TODAY, lambda: NOW)


def _summary(items: list[TodayItem]) -> list[tuple[str, str, date | None, bool]]:
    return [(i.section, i.english(), i.due, i.overdue) for i in items]


def test_items_from_every_section_overdue_first_then_by_due_date(
    today: TodayService, seeded: dict[str, int]
) -> None:
    assert _summary(today.items()) == [
        (RISK_REVIEW, "Risk review due: S-0101", TODAY - timedelta(days=1), True),
        (DISCLOSURE, "Disclosure by S-0103: tell the crime recording team", TODAY, True),
        (
            DISCLOSURE,
            "Anonymous disclosure: tell the crime recording team",
            TODAY + timedelta(1),
            False,
        ),
        (FOLLOW_UP, "Wellbeing follow-up: S-0101", TODAY + timedelta(days=2), False),
        (
            CONSENT_REVIEW,
            "Consent review due: S-0103 (Membership of the Survivor Network)",
            TODAY + timedelta(days=3),
            False,
        ),
        (DISCLOSURE, "Disclosure by S-0101: tell them how it is being recorded", None, False),
        (
            RISK_REVIEW,
            "Taking part with no risk assessment yet: 1 (see Risk reviews)",
            None,
            False,
        ),
    ]


def test_each_item_opens_the_right_screen(today: TodayService, seeded: dict[str, int]) -> None:
    opens = {(i.title, i.values.get("code")): i.opens for i in today.items()}
    # On the tab the item is about; people never assessed, as one line, in Risk reviews.
    assert opens[(RISK_REVIEW_DUE, "S-0101")] == ("participant_risk", seeded["S-0101"])
    assert opens[(NO_ASSESSMENT, None)] == ("risk_reviews", 0)
    assert opens[(TELL_RECORDING, "S-0103")] == ("feedback", seeded["late"])
    assert opens[(TELL_RECORDING_ANONYMOUS, "")] == ("feedback", seeded["anonymous"])
    assert opens[(TELL_SURVIVOR, "S-0101")] == ("feedback", seeded["untold"])
    follow_up = next(i for i in today.items() if i.section == FOLLOW_UP)
    assert follow_up.opens == ("engagement", seeded["group"])
    assert follow_up.values["engagement"] == "Courts focus group"
    consent = next(i for i in today.items() if i.section == CONSENT_REVIEW)
    assert consent.opens == ("participant_consent", seeded["S-0103"])


def test_supervision_is_suggested_after_a_heavy_week(
    today: TodayService, seeded: dict[str, int], records_vault: Vault
) -> None:
    # Four disclosures flagged this week: under the default threshold of 5.
    assert not [i for i in today.items() if i.section == SUPERVISION]
    log = CoordinatorLogService(records_vault, lambda: TODAY, lambda: NOW)
    log.set_threshold(4)
    items = today.items()
    suggestion = next(i for i in items if i.section == SUPERVISION)
    assert (suggestion.title, suggestion.opens, suggestion.due) == (
        BOOK_SUPERVISION,
        ("wellbeing_log", 0),
        TODAY,
    )
    assert suggestion.english() == "A heavy week (4 heavy contacts): consider booking supervision"
    # Among the items due today, after the overdue ones.
    assert items.index(suggestion) == 2
    log.add_supervision(TODAY - timedelta(days=3), "Supervisor")
    assert not [i for i in today.items() if i.section == SUPERVISION]


def test_titles_name_nobody(today: TodayService, seeded: dict[str, int]) -> None:
    items = today.items()
    assert len(items) == 7
    for item in items:
        assert "Synthetic" not in item.english()
        assert not any("Synthetic" in str(value) for value in item.values.values())
