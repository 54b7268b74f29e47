"""The coordinator's own wellbeing log: check-ins and supervision sessions (checked,
newest first), the exposure figure of the week ending today, the threshold kept in the
vault, when supervision is suggested; and privacy: nothing of it in search or in any
audit detail."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from sec_desktop.domain.engagement import Attendance, Engagement, ScrutinyCase
from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource, Panel
from sec_desktop.domain.feedback import Disclosure, FeedbackItem
from sec_desktop.domain.risk import WellbeingCheck
from sec_desktop.domain.risk_enums import HowTheyAre
from sec_desktop.services.coordinator_log import (
    CHECK_IN_RECORDED,
    DEFAULT_THRESHOLD,
    SUPERVISION_RECORDED,
    THRESHOLD_FACT,
    CoordinatorLogService,
)
from sec_desktop.services.errors import ValidationFailed
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.feedback_data import STAMP, seed
from tests.records import TODAY

NOW = datetime(2026, 11, 25, 14, 0)
PRIVATE = "Heron-marmalade private note 9902"
SUPERVISOR = "Dr Pelican Example"
WEEK_START = TODAY - timedelta(days=6)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def log(services: RecordServices, records_vault: Vault, clock: Clock) -> CoordinatorLogService:
    return CoordinatorLogService(records_vault, services.today, clock)


def _refused(call: object) -> set[str]:
    assert callable(call)
    with pytest.raises(ValidationFailed) as refused:
        call()
    return {error.field for error in refused.value.errors}


def test_check_ins_are_checked_and_listed_newest_first(
    log: CoordinatorLogService, clock: Clock
) -> None:
    assert _refused(lambda: log.check_in(0, 6)) == {"mood", "energy"}
    assert _refused(lambda: log.check_in(3, 3, "x" * 2001)) == {"note"}
    first = log.check_in(1, 5, "  Long day  ")
    clock.now = NOW + timedelta(hours=2, microseconds=5)
    second = log.check_in(5, 1)
    rows = log.check_ins()
    assert [(r.id, r.at, r.mood, r.energy, r.note) for r in rows] == [
        (second, NOW + timedelta(hours=2), 5, 1, ""),
        (first, NOW, 1, 5, "Long day"),
    ]
    assert [r.id for r in log.check_ins(limit=1)] == [second]


def test_supervision_sessions_are_checked_and_listed_newest_first(
    log: CoordinatorLogService,
) -> None:
    assert _refused(lambda: log.add_supervision(TODAY + timedelta(days=1), "")) == {"held_on"}
    assert _refused(lambda: log.add_supervision(TODAY, "x" * 201)) == {"with_whom"}
    older = log.add_supervision(TODAY - timedelta(days=30), SUPERVISOR, "Talked it through")
    newer = log.add_supervision(TODAY, "")
    rows = log.supervision_sessions()
    assert [(r.id, r.held_on, r.with_whom) for r in rows] == [
        (newer, TODAY, ""),
        (older, TODAY - timedelta(days=30), SUPERVISOR),
    ]
    assert rows[1].note == "Talked it through"
    assert log.last_supervision() == TODAY


def test_threshold_is_a_vault_fact_from_1_to_50(
    log: CoordinatorLogService, records_vault: Vault
) -> None:
    assert log.threshold() == DEFAULT_THRESHOLD == 5
    for wrong in (0, 51, -3):
        assert _refused(lambda value=wrong: log.set_threshold(value)) == {"threshold"}
    for right in (1, 50, 3):
        log.set_threshold(right)
        assert log.threshold() == right
    assert log.exposure().threshold == 3
    # A broken value in the vault falls back to the default.
    with records_vault.transaction() as connection:
        connection.execute(
            text("UPDATE vault_fact SET value = 'many' WHERE name = :name"),
            {"name": THRESHOLD_FACT},
        )
    assert log.threshold() == DEFAULT_THRESHOLD


def _seed_heavy_week(vault: Vault) -> None:
    """Inside the week: 2 disclosures, 2 RASSO cases, 1 distressed attendee. Just outside
    it, or not heavy, one of each kind that must not be counted."""
    seeded = seed(vault)
    with vault.writing(AuditEvent.ENGAGEMENT_RECORDED, "test data") as session:
        for flagged_at in (
            datetime.combine(WEEK_START, datetime.min.time()),  # first moment of the week
            NOW,
            datetime.combine(WEEK_START, datetime.min.time()) - timedelta(seconds=1),
        ):
            item = FeedbackItem(
                source=FeedbackSource.ANONYMOUS,
                received_on=flagged_at.date(),
                summary="Flagged in the test",
                created_at=STAMP,
                updated_at=STAMP,
            )
            item.disclosure = Disclosure(flagged_at=flagged_at, deadline_at=flagged_at)
            session.add(item)
        meetings = [
            (Panel.RASSO, WEEK_START, 2),
            (Panel.RASSO, WEEK_START - timedelta(days=1), 1),
            (Panel.DA, TODAY, 3),
        ]
        for panel, held_on, cases in meetings:
            meeting = Engagement(
                kind=EngagementKind.SCRUTINY_PANEL,
                panel=panel,
                held_on=held_on,
                created_at=STAMP,
                updated_at=STAMP,
            )
            meeting.cases = [ScrutinyCase(crime_reference=f"GW/0000{n}/26") for n in range(cases)]
            session.add(meeting)
        session.add(Attendance(engagement_id=seeded.open_group, participant_id=seeded.quoted))
        checks = [
            (seeded.focus_group, seeded.quoted, TODAY, HowTheyAre.DISTRESSED),
            (seeded.focus_group, seeded.no_consent, TODAY, HowTheyAre.SOME_DISTRESS),
            (
                seeded.open_group,
                seeded.quoted,
                WEEK_START - timedelta(days=1),
                HowTheyAre.DISTRESSED,
            ),
        ]
        for engagement_id, participant_id, checked_on, how in checks:
            session.add(
                WellbeingCheck(
                    engagement_id=engagement_id,
                    participant_id=participant_id,
                    checked_on=checked_on,
                    how_they_are=how,
                    created_at=STAMP,
                    updated_at=STAMP,
                )
            )


def test_exposure_counts_the_heavy_contacts_of_the_week(
    log: CoordinatorLogService, records_vault: Vault
) -> None:
    empty = log.exposure()
    assert (empty.total, empty.over, empty.week_start, empty.week_end) == (
        0,
        False,
        WEEK_START,
        TODAY,
    )
    _seed_heavy_week(records_vault)
    week = log.exposure()
    assert (week.disclosures, week.rasso_cases, week.distressed) == (2, 2, 1)
    assert (week.total, week.threshold, week.over) == (5, 5, True)
    log.set_threshold(6)
    assert not log.exposure().over


def test_supervision_is_suggested_over_the_threshold_without_recent_supervision(
    log: CoordinatorLogService, records_vault: Vault
) -> None:
    _seed_heavy_week(records_vault)
    log.set_threshold(6)
    assert not log.supervision_suggested()  # under the threshold
    log.set_threshold(5)
    assert log.supervision_suggested()
    log.add_supervision(TODAY - timedelta(days=15), SUPERVISOR)
    assert log.supervision_suggested()  # too long ago to count
    log.add_supervision(TODAY - timedelta(days=14), SUPERVISOR)
    assert not log.supervision_suggested()


def test_nothing_of_the_log_is_in_search_or_audit_details(
    log: CoordinatorLogService, services: RecordServices, records_vault: Vault
) -> None:
    log.check_in(2, 3, PRIVATE)
    log.add_supervision(TODAY, SUPERVISOR, PRIVATE)
    log.set_threshold(7)
    for words in ("Heron", "marmalade", "9902", "Pelican"):
        assert services.search.search(words).total == 0
    with records_vault.reading() as session:
        logged = audit.rows(session.connection())
    ours = [(r.event, r.detail) for r in logged[-3:]]
    assert ours == [
        (AuditEvent.COORDINATOR_LOG_CHANGED.value, CHECK_IN_RECORDED),
        (AuditEvent.COORDINATOR_LOG_CHANGED.value, SUPERVISION_RECORDED),
        (AuditEvent.RECORD_SETTING_CHANGED.value, "supervision threshold"),
    ]
    for row in logged:
        assert "Heron" not in row.detail and "Pelican" not in row.detail
    # No mood, energy or threshold value either.
    assert not any(character.isdigit() for _, detail in ours for character in detail)
