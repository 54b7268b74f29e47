"""Development opportunities: offered to a participant who agreed to be contacted about
opportunities, taken up, declined or waiting, what came of it; the summary for a period;
the audit log names ids and codes only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sec_desktop.domain.action_enums import OpportunityKind, TakenUp
from sec_desktop.services.development import KindCount, OpportunityDetails, OpportunityRow
from sec_desktop.services.errors import NotFound, RuleBroken, ValidationFailed
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.records import TODAY
from tests.recovery_data import RecoverySeeded, day, seed


@pytest.fixture
def seeded(records_vault: Vault) -> RecoverySeeded:
    return seed(records_vault)


def course(offered_on: object = None, **changes: object) -> OpportunityDetails:
    values: dict[str, object] = {
        "kind": OpportunityKind.TRAINING_COURSE,
        "title": "Peer mentoring course",
        "offered_on": offered_on or day(10),
        **changes,
    }
    return OpportunityDetails(**values)  # type: ignore[arg-type]


def audit_rows(vault: Vault) -> list[audit.AuditRow]:
    with vault.engine.connect() as connection:
        return audit.rows(connection)


def test_an_offer_is_recorded_then_answered(
    services: RecordServices, seeded: RecoverySeeded, records_vault: Vault
) -> None:
    development = services.development
    offer_id = development.offer(seeded.consenting, course(title=" Peer mentoring course "))
    assert development.for_participant(seeded.consenting) == [
        OpportunityRow(
            offer_id,
            seeded.consenting,
            OpportunityKind.TRAINING_COURSE,
            "Peer mentoring course",
            day(10),
            TakenUp.WAITING,
            "",
        )
    ]
    last = audit_rows(records_vault)[-1]
    assert (last.event, last.detail) == (
        AuditEvent.DEVELOPMENT_OFFERED.value,
        f"opportunity {offer_id}, S-0101",
    )
    development.update(
        offer_id,
        course(taken_up=TakenUp.TAKEN_UP, what_came_of_it="Now mentors two new members"),
    )
    row = development.opportunity(offer_id)
    assert (row.taken_up, row.what_came_of_it) == (TakenUp.TAKEN_UP, "Now mentors two new members")
    last = audit_rows(records_vault)[-1]
    assert (last.event, last.detail) == (
        AuditEvent.DEVELOPMENT_EDITED.value,
        f"opportunity {offer_id}, S-0101",
    )
    assert "mentor" not in " ".join(r.detail for r in audit_rows(records_vault))


def test_the_most_recent_offer_comes_first(
    services: RecordServices, seeded: RecoverySeeded
) -> None:
    older = services.development.offer(seeded.consenting, course(day(40)))
    newer = services.development.offer(
        seeded.consenting, course(day(2), kind=OpportunityKind.SPEAKING, title="Conference talk")
    )
    assert [r.id for r in services.development.for_participant(seeded.consenting)] == [
        newer,
        older,
    ]
    assert services.development.for_participant(seeded.withdrawn) == []
    with pytest.raises(NotFound):
        services.development.for_participant(9999)


def test_an_offer_needs_consent_to_be_contacted_about_opportunities(
    services: RecordServices, seeded: RecoverySeeded
) -> None:
    with pytest.raises(RuleBroken) as refused:
        services.development.offer(seeded.no_consent, course())
    assert "S-0105" in str(refused.value)
    assert "Synthetic Person" not in str(refused.value)
    # Consent given 200 days ago: an offer before that is refused too.
    with pytest.raises(RuleBroken):
        services.development.offer(seeded.consenting, course(day(201)))
    assert services.development.for_participant(seeded.no_consent) == []
    assert services.development.for_participant(seeded.consenting) == []
    with pytest.raises(NotFound):
        services.development.offer(9999, course())


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"offered_on": TODAY + timedelta(days=1)}, "offered_on"),
        ({"title": "  "}, "title"),
        ({"what_came_of_it": "W" * 4001}, "what_came_of_it"),
    ],
)
def test_what_an_offer_needs(
    services: RecordServices, seeded: RecoverySeeded, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.development.offer(seeded.consenting, course(**changes))
    assert [e.field for e in refused.value.errors] == [field]
    assert services.development.for_participant(seeded.consenting) == []


def test_an_update_of_a_missing_offer_is_refused(
    services: RecordServices, seeded: RecoverySeeded
) -> None:
    with pytest.raises(NotFound):
        services.development.update(9999, course())
    with pytest.raises(NotFound):
        services.development.opportunity(9999)


def test_the_summary_for_a_period(services: RecordServices, seeded: RecoverySeeded) -> None:
    development = services.development
    taken = development.offer(seeded.consenting, course(day(20)))
    development.update(taken, course(day(20), taken_up=TakenUp.TAKEN_UP))
    declined = development.offer(
        seeded.consenting, course(day(15), kind=OpportunityKind.WRITING, title="Blog post")
    )
    development.update(
        declined,
        course(day(15), kind=OpportunityKind.WRITING, title="Blog post", taken_up=TakenUp.DECLINED),
    )
    development.offer(seeded.consenting, course(day(5), kind=OpportunityKind.SPEAKING))
    development.offer(seeded.consenting, course(day(90)))  # before the period
    summary = development.summary(day(30), TODAY)
    assert (summary.offered, summary.taken_up, summary.declined, summary.waiting) == (3, 1, 1, 1)
    assert summary.people == 1
    assert summary.by_kind == (
        KindCount(OpportunityKind.TRAINING_COURSE, 1, 1),
        KindCount(OpportunityKind.SPEAKING, 1, 0),
        KindCount(OpportunityKind.WRITING, 1, 0),
        KindCount(OpportunityKind.VOLUNTEERING, 0, 0),
        KindCount(OpportunityKind.OTHER, 0, 0),
    )
    assert development.summary(day(4), TODAY).offered == 0
