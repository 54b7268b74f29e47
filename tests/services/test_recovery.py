"""Service recovery cases: opened by a partner's contact about one survivor, steps, the
telling, closing and reopening, days open and timeliness; what is refused (in words,
under the field concerned, with nothing written), and what the audit log says (ids only,
never the concern or the partner's reference for the survivor)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from sec_desktop.domain.action_enums import RecoveryStatus
from sec_desktop.services.errors import NotFound, RuleBroken, ValidationFailed
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.recovery_records import RecoveryDetails
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.records import TODAY
from tests.recovery_data import CONCERN, RecoverySeeded, day, seed

REFERENCE = "IDVA-REF-88"


@pytest.fixture
def seeded(records_vault: Vault) -> RecoverySeeded:
    return seed(records_vault)


def details(seeded: RecoverySeeded, **changes: object) -> RecoveryDetails:
    base = RecoveryDetails(
        opened_on=day(20),
        concern=CONCERN,
        raised_by_partner_id=seeded.partner,
        raised_by_contact_id=seeded.contact,
        survivor_pseudonym=REFERENCE,
        department="Public Protection Unit",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def audit_rows(vault: Vault) -> list[audit.AuditRow]:
    with vault.engine.connect() as connection:
        return audit.rows(connection)


def refused_fields(error: ValidationFailed) -> set[str]:
    return {e.field for e in error.errors}


def test_a_case_opens_and_reads_back(
    services: RecordServices, seeded: RecoverySeeded, records_vault: Vault
) -> None:
    case_id = services.recovery.open_case(details(seeded, concern=f"  {CONCERN} "))
    record = services.recovery.record(case_id)
    assert record.details == details(seeded)
    assert record.status == RecoveryStatus.OPEN
    assert record.days_open == 20
    assert (record.partner_name, record.contact_name) == ("Example IDVA Service", "Alex Example")
    assert record.participant_code == ""
    assert record.steps == ()
    assert record.closed_on is None and record.outcome == ""
    [row] = services.recovery.rows()
    assert (row.id, row.survivor, row.partner, row.contact) == (
        case_id,
        REFERENCE,
        "Example IDVA Service",
        "Alex Example",
    )
    assert (row.days_open, row.survivor_told, row.partner_told) == (20, False, False)
    last = audit_rows(records_vault)[-1]
    assert last.event == AuditEvent.RECOVERY_CASE_OPENED.value
    assert last.detail == f"case {case_id}, partner {seeded.partner}"


def test_a_linked_survivor_is_shown_by_their_code(
    services: RecordServices, seeded: RecoverySeeded
) -> None:
    case_id = services.recovery.open_case(
        details(seeded, survivor_pseudonym="", participant_id=seeded.withdrawn)
    )
    assert services.recovery.rows()[0].survivor == "S-0102"
    assert services.recovery.record(case_id).participant_code == "S-0102"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"opened_on": TODAY + timedelta(days=1)}, "opened_on"),
        ({"concern": "   "}, "concern"),
        ({"raised_by_partner_id": None}, "raised_by_partner_id"),
        ({"raised_by_contact_id": None}, "raised_by_contact_id"),
        ({"survivor_pseudonym": "R" * 61}, "survivor_pseudonym"),
        ({"survivor_pseudonym": " "}, "survivor_pseudonym"),
        ({"department": "D" * 201}, "department"),
    ],
)
def test_what_a_case_needs(
    services: RecordServices, seeded: RecoverySeeded, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.recovery.open_case(details(seeded, **changes))
    assert field in refused_fields(refused.value)
    assert services.recovery.rows() == []


def test_the_contact_must_be_one_of_the_partners(
    services: RecordServices, seeded: RecoverySeeded
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.recovery.open_case(details(seeded, raised_by_contact_id=seeded.other_contact))
    assert refused_fields(refused.value) == {"raised_by_contact_id"}
    with pytest.raises(ValidationFailed) as refused:
        services.recovery.open_case(details(seeded, raised_by_partner_id=9999))
    assert refused_fields(refused.value) == {"raised_by_partner_id", "raised_by_contact_id"}
    with pytest.raises(ValidationFailed) as refused:
        services.recovery.open_case(details(seeded, participant_id=9999))
    assert refused_fields(refused.value) == {"participant_id"}
    assert services.recovery.rows() == []
    # The partner's other contact is fine.
    services.recovery.open_case(details(seeded, raised_by_contact_id=seeded.second_contact))
    assert services.recovery.rows()[0].contact == "Jo Sample"


def test_steps_are_dated_within_the_case_and_kept_in_date_order(
    services: RecordServices, seeded: RecoverySeeded, records_vault: Vault
) -> None:
    case_id = services.recovery.open_case(details(seeded))
    later = services.recovery.add_step(case_id, day(2), "Department replied")
    earlier = services.recovery.add_step(case_id, day(19), " Emailed the PPU inspector ")
    steps = services.recovery.record(case_id).steps
    assert [(s.id, s.on, s.note) for s in steps] == [
        (earlier, day(19), "Emailed the PPU inspector"),
        (later, day(2), "Department replied"),
    ]
    assert audit_rows(records_vault)[-1].detail == (
        f"case {case_id}, partner {seeded.partner}, step {earlier}"
    )
    for on, note, field in [
        (day(21), "Before it opened", "on"),
        (TODAY + timedelta(days=1), "Tomorrow", "on"),
        (day(1), "  ", "note"),
    ]:
        with pytest.raises(ValidationFailed) as refused:
            services.recovery.add_step(case_id, on, note)
        assert refused_fields(refused.value) == {field}
    assert len(services.recovery.record(case_id).steps) == 2
    with pytest.raises(NotFound):
        services.recovery.add_step(9999, day(1), "Nowhere")


def test_closing_needs_an_outcome_and_a_date_after_the_last_step(
    services: RecordServices, seeded: RecoverySeeded, records_vault: Vault
) -> None:
    case_id = services.recovery.open_case(details(seeded))
    services.recovery.add_step(case_id, day(5), "Meeting with the inspector")
    for closed_on, outcome, field in [
        (day(3), "  ", "outcome"),
        (day(6), "Apology", "closed_on"),  # before the last step
        (day(21), "Apology", "closed_on"),  # before it opened
        (TODAY + timedelta(days=1), "Apology", "closed_on"),
    ]:
        with pytest.raises(ValidationFailed) as refused:
            services.recovery.close(case_id, closed_on, outcome)
        assert refused_fields(refused.value) == {field}
        assert services.recovery.record(case_id).status == RecoveryStatus.OPEN
    services.recovery.close(case_id, day(3), " Apology and a named officer ")
    record = services.recovery.record(case_id)
    assert (record.status, record.closed_on, record.outcome) == (
        RecoveryStatus.CLOSED,
        day(3),
        "Apology and a named officer",
    )
    assert record.days_open == 17  # opened 20 days ago, closed 3 days ago
    assert audit_rows(records_vault)[-1].event == AuditEvent.RECOVERY_CASE_CLOSED.value
    with pytest.raises(RuleBroken):
        services.recovery.close(case_id, day(1), "Again")
    with pytest.raises(RuleBroken):
        services.recovery.add_step(case_id, day(1), "After closing")


def test_a_closed_case_can_be_reopened_and_counts_days_again(
    services: RecordServices, seeded: RecoverySeeded, records_vault: Vault
) -> None:
    case_id = services.recovery.open_case(details(seeded))
    with pytest.raises(RuleBroken):
        services.recovery.reopen(case_id)
    services.recovery.close(case_id, day(3), "Apology")
    services.recovery.reopen(case_id)
    record = services.recovery.record(case_id)
    assert (record.status, record.closed_on, record.days_open) == (RecoveryStatus.OPEN, None, 20)
    # The outcome stays, to be revised when it closes again.
    assert record.outcome == "Apology"
    assert audit_rows(records_vault)[-1].event == AuditEvent.RECOVERY_CASE_REOPENED.value


def test_telling_the_survivor_and_the_partner(
    services: RecordServices, seeded: RecoverySeeded
) -> None:
    case_id = services.recovery.open_case(details(seeded))
    with pytest.raises(ValidationFailed) as refused:
        services.recovery.record_told(case_id)
    assert refused_fields(refused.value) == {"survivor_told_on"}
    with pytest.raises(ValidationFailed) as refused:
        services.recovery.record_told(
            case_id, survivor_told_on=day(21), partner_told_on=TODAY + timedelta(days=1)
        )
    assert refused_fields(refused.value) == {"survivor_told_on", "partner_told_on"}
    services.recovery.record_told(case_id, partner_told_on=day(4))
    services.recovery.record_told(case_id, survivor_told_on=day(2))
    record = services.recovery.record(case_id)
    # A date not given is left as it was.
    assert (record.survivor_told_on, record.partner_told_on) == (day(2), day(4))
    row = services.recovery.rows()[0]
    assert (row.survivor_told, row.partner_told) == (True, True)
    services.recovery.clear_told(case_id, partner=True)
    record = services.recovery.record(case_id)
    assert (record.survivor_told_on, record.partner_told_on) == (day(2), None)


def test_an_edit_cannot_open_the_case_after_its_steps(
    services: RecordServices, seeded: RecoverySeeded, records_vault: Vault
) -> None:
    case_id = services.recovery.open_case(details(seeded))
    services.recovery.add_step(case_id, day(15), "First call")
    with pytest.raises(ValidationFailed) as refused:
        services.recovery.update(case_id, details(seeded, opened_on=day(14)))
    assert refused_fields(refused.value) == {"opened_on"}
    assert refused.value.errors[0].values == {"date": day(15)}
    services.recovery.update(
        case_id,
        details(seeded, opened_on=day(15), raised_by_contact_id=seeded.second_contact),
    )
    record = services.recovery.record(case_id)
    assert (record.details.opened_on, record.contact_name) == (day(15), "Jo Sample")
    assert audit_rows(records_vault)[-1].event == AuditEvent.RECOVERY_CASE_EDITED.value
    with pytest.raises(NotFound):
        services.recovery.update(9999, details(seeded))


def test_the_list_filters_and_puts_the_longest_open_first(
    records_vault: Vault, services: RecordServices
) -> None:
    seeded = seed(records_vault, cases=True)
    assert seeded.open_case is not None and seeded.closed_case is not None
    newer = services.recovery.open_case(
        details(
            seeded,
            raised_by_partner_id=seeded.other_partner,
            raised_by_contact_id=seeded.other_contact,
            department="public protection unit",
        )
    )
    ids = [row.id for row in services.recovery.rows()]
    assert ids == [seeded.open_case, newer, seeded.closed_case]
    recovery = services.recovery
    assert [r.id for r in recovery.rows(status=RecoveryStatus.CLOSED)] == [seeded.closed_case]
    assert [r.id for r in recovery.rows(partner_id=seeded.other_partner)] == [newer]
    assert [r.id for r in recovery.rows(department=" Public protection UNIT")] == [
        seeded.open_case,
        newer,
    ]
    assert recovery.rows(status=RecoveryStatus.CLOSED, partner_id=seeded.other_partner) == []
    assert recovery.departments() == ["Property store", "Public Protection Unit"]
    closed = next(r for r in recovery.rows() if r.id == seeded.closed_case)
    assert (closed.days_open, closed.survivor, closed.survivor_told) == (20, "S-0101", True)


def test_timeliness_for_a_period(services: RecordServices, seeded: RecoverySeeded) -> None:
    recovery = services.recovery
    # Opened 60, 50, 40, 20 and 5 days ago; three closed in November, one in October.
    first = recovery.open_case(details(seeded, opened_on=day(60)))
    second = recovery.open_case(details(seeded, opened_on=day(50)))
    third = recovery.open_case(details(seeded, opened_on=day(40)))
    fourth = recovery.open_case(details(seeded, opened_on=day(20)))
    recovery.open_case(details(seeded, opened_on=day(5)))
    recovery.close(first, day(57), "Before the period")  # 2026-10-29, 3 days open
    recovery.close(second, day(20), "Apology")  # 30 days open
    recovery.close(third, day(10), "Apology")  # 30 days open
    recovery.close(fourth, day(10), "Apology")  # 10 days open
    recovery.record_told(second, survivor_told_on=day(15), partner_told_on=day(15))
    recovery.record_told(fourth, partner_told_on=day(8))
    november = recovery.timeliness(TODAY.replace(day=1), TODAY.replace(day=30))
    assert (november.opened, november.closed) == (2, 3)
    assert (november.median_days_open, november.longest_days_open) == (30.0, 30)
    assert (november.survivor_told, november.partner_told) == (1, 2)
    # Open now, whatever the period: the one opened five days ago.
    assert (november.open_now, november.oldest_open_days) == (1, 5)
    recovery.reopen(third)
    november = recovery.timeliness(TODAY.replace(day=1), TODAY.replace(day=30))
    assert (november.closed, november.median_days_open) == (2, 20.0)
    assert (november.open_now, november.oldest_open_days, november.oldest_open_id) == (
        2,
        40,
        third,
    )
    empty = recovery.timeliness(day(400), day(300))
    assert (empty.closed, empty.median_days_open, empty.longest_days_open) == (0, None, None)


def test_the_audit_log_never_holds_the_concern_or_the_reference(
    services: RecordServices, seeded: RecoverySeeded, records_vault: Vault
) -> None:
    case_id = services.recovery.open_case(details(seeded))
    services.recovery.add_step(case_id, day(3), "Step note Zebra-441")
    services.recovery.record_told(case_id, survivor_told_on=day(1))
    services.recovery.close(case_id, day(1), "Outcome Zebra-442")
    services.recovery.reopen(case_id)
    services.recovery.update(case_id, details(seeded))
    services.recovery.clear_told(case_id, survivor=True)
    rows = audit_rows(records_vault)
    text = " ".join(f"{r.event} {r.detail}" for r in rows)
    for secret in (CONCERN, REFERENCE, "Zebra", "Alex Example", "Public Protection"):
        assert secret not in text
    events = {r.event for r in rows}
    recovery_events = {
        AuditEvent.RECOVERY_CASE_OPENED,
        AuditEvent.RECOVERY_CASE_EDITED,
        AuditEvent.RECOVERY_STEP_ADDED,
        AuditEvent.RECOVERY_TOLD_RECORDED,
        AuditEvent.RECOVERY_CASE_CLOSED,
        AuditEvent.RECOVERY_CASE_REOPENED,
    }
    assert {e.value for e in recovery_events} <= events


def test_who_was_told_is_set_exactly_as_the_form_shows_it(
    services: RecordServices, records_vault: Vault
) -> None:
    seeded = seed(records_vault, cases=True)
    case_id = seeded.closed_case
    assert case_id is not None
    opened_on = services.recovery.record(case_id).details.opened_on
    services.recovery.set_told(case_id, survivor_told_on=opened_on, partner_told_on=opened_on)
    # "No date" for the survivor takes back the date recorded by mistake; the partner's stays.
    services.recovery.set_told(case_id, survivor_told_on=None, partner_told_on=opened_on)
    record = services.recovery.record(case_id)
    assert (record.survivor_told_on, record.partner_told_on) == (None, opened_on)
    services.recovery.set_told(case_id, survivor_told_on=None, partner_told_on=None)
    assert services.recovery.record(case_id).partner_told_on is None
    with pytest.raises(ValidationFailed):
        services.recovery.set_told(
            case_id, survivor_told_on=opened_on - timedelta(days=1), partner_told_on=None
        )
