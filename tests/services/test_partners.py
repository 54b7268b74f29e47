"""The partner directory: organisations, named contacts, the log of dealings, the rows the
directory table shows, and the audit trail (by partner id, never a contact's name)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from sec_desktop.domain.enums import PartnerLogKind, PartnerType
from sec_desktop.services.errors import NotFound, ValidationFailed
from sec_desktop.services.partners import (
    ContactDetails,
    LogEntryDetails,
    PartnerDetails,
    PartnerRow,
)
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent, AuditRow
from sec_desktop.vault.vault import Vault
from tests.records import TODAY

CONTACT = "Gwenllian Ap-Rhys"


def audit_rows(vault: Vault) -> list[AuditRow]:
    with vault.engine.connect() as connection:
        return audit.rows(connection)


def partner(
    name: str = "Gwent IDVA Service",
    area: str = "",
    phone: str = "",
    email: str = "",
    notes: str = "",
) -> PartnerDetails:
    return PartnerDetails(name, PartnerType.IDVA_SERVICE, area, phone, email, notes)


# --- organisations ----------------------------------------------------------------------


def test_a_partner_is_added_and_read_back(services: RecordServices) -> None:
    details = PartnerDetails(
        "  Newport Refuge ",
        PartnerType.REFUGE,
        area=" Newport ",
        phone="01632 960123",
        email="hello@example.org",
        notes="Referrals by phone only.",
        active=True,
    )
    pid = services.partners.add(details)
    record = services.partners.record(pid)
    assert record.id == pid
    assert record.details == PartnerDetails(
        "Newport Refuge",
        PartnerType.REFUGE,
        "Newport",
        "01632 960123",
        "hello@example.org",
        "Referrals by phone only.",
        True,
    )
    assert (record.contacts, record.log) == ((), ())


def test_a_partner_is_updated(services: RecordServices) -> None:
    pid = services.partners.add(partner())
    changed = PartnerDetails("Gwent IDVA Service (South)", PartnerType.CHARITY, active=False)
    services.partners.update(pid, changed)
    assert services.partners.record(pid).details == changed


@pytest.mark.parametrize(
    ("details", "field"),
    [
        (partner(""), "name"),
        (partner("   "), "name"),
        (partner("n" * 201), "name"),
        (partner(area="a" * 121), "area"),
        (partner(phone="12345"), "phone"),
        (partner(phone="ring reception"), "phone"),
        (partner(email="reception at example.org"), "email"),
        (partner(notes="n" * 20_001), "notes"),
    ],
)
def test_partner_details_that_are_not_right_are_refused(
    services: RecordServices, records_vault: Vault, details: PartnerDetails, field: str
) -> None:
    before = audit_rows(records_vault)
    with pytest.raises(ValidationFailed) as refused:
        services.partners.add(details)
    assert [e.field for e in refused.value.errors] == [field]
    assert services.partners.rows() == []
    assert audit_rows(records_vault) == before


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Gwent IDVA Service", "gwent idva service"),
        ("Gwent IDVA Service", "  GWENT IDVA SERVICE "),
        # Welsh letters: SQLite's lower() would leave these alone.
        ("CYMORTH TŶ", "Cymorth Tŷ"),
        ("Cymorth Tŷ", "CYMORTH TŶ"),
        ("ÉLAN Support", "élan support"),
    ],
)
def test_a_second_partner_of_the_same_name_is_refused_whatever_the_case(
    services: RecordServices, first: str, second: str
) -> None:
    services.partners.add(partner(first))
    with pytest.raises(ValidationFailed) as refused:
        services.partners.add(partner(second))
    assert refused.value.for_field("name") is not None
    assert [row.name for row in services.partners.rows()] == [first.strip()]


def test_renaming_onto_another_partners_name_is_refused_but_recasing_ones_own_is_not(
    services: RecordServices,
) -> None:
    a = services.partners.add(partner("Alpha Charity"))
    b = services.partners.add(partner("Beta Charity"))
    with pytest.raises(ValidationFailed):
        services.partners.update(b, partner("ALPHA charity"))
    assert services.partners.record(b).details.name == "Beta Charity"
    services.partners.update(a, partner("ALPHA Charity"))
    assert services.partners.record(a).details.name == "ALPHA Charity"


def test_an_unknown_partner_is_not_found(services: RecordServices) -> None:
    with pytest.raises(NotFound):
        services.partners.record(9)
    with pytest.raises(NotFound):
        services.partners.update(9, partner())
    with pytest.raises(NotFound):
        services.partners.add_contact(9, ContactDetails("Someone"))
    with pytest.raises(NotFound):
        services.partners.log_contact(9, LogEntryDetails(TODAY, PartnerLogKind.CALL))


def test_names_are_the_active_partners_by_name(services: RecordServices) -> None:
    zed = services.partners.add(partner("zed Services"))
    services.partners.add(PartnerDetails("Middle Charity", PartnerType.CHARITY, active=False))
    alpha = services.partners.add(partner("Alpha Health", phone="029 2018 0000"))
    assert services.partners.names() == [(alpha, "Alpha Health"), (zed, "zed Services")]


# --- contacts -----------------------------------------------------------------------------


def test_contacts_are_added_updated_and_listed_by_name(services: RecordServices) -> None:
    pid = services.partners.add(partner())
    second = services.partners.add_contact(
        pid, ContactDetails(" Zara Example ", " IDVA ", "07700 900111", "zara@example.org", "x")
    )
    first = services.partners.add_contact(pid, ContactDetails(CONTACT, "Service manager"))
    services.partners.update_contact(pid, second, ContactDetails("Zara Example", "Senior IDVA"))
    contacts = services.partners.record(pid).contacts
    assert [(c.id, c.details) for c in contacts] == [
        (first, ContactDetails(CONTACT, "Service manager")),
        (second, ContactDetails("Zara Example", "Senior IDVA")),
    ]


@pytest.mark.parametrize(
    ("details", "field"),
    [
        (ContactDetails(""), "name"),
        (ContactDetails("n" * 201), "name"),
        (ContactDetails("A", role="r" * 121), "role"),
        (ContactDetails("A", phone="0770"), "phone"),
        (ContactDetails("A", email="a@b"), "email"),
        (ContactDetails("A", notes="n" * 401), "notes"),
    ],
)
def test_contact_details_that_are_not_right_are_refused(
    services: RecordServices, details: ContactDetails, field: str
) -> None:
    pid = services.partners.add(partner())
    with pytest.raises(ValidationFailed) as refused:
        services.partners.add_contact(pid, details)
    assert [e.field for e in refused.value.errors] == [field]
    assert services.partners.record(pid).contacts == ()


def test_a_contact_is_only_changed_through_its_own_partner(services: RecordServices) -> None:
    a = services.partners.add(partner("Alpha"))
    b = services.partners.add(partner("Beta"))
    contact = services.partners.add_contact(a, ContactDetails(CONTACT))
    with pytest.raises(NotFound):
        services.partners.update_contact(b, contact, ContactDetails("Changed"))
    with pytest.raises(NotFound):
        services.partners.update_contact(a, 999, ContactDetails("Changed"))
    assert services.partners.record(a).contacts[0].details.name == CONTACT


# --- the log ------------------------------------------------------------------------------


def test_log_entries_are_kept_newest_first_with_the_contacts_name(
    services: RecordServices,
) -> None:
    pid = services.partners.add(partner())
    contact = services.partners.add_contact(pid, ContactDetails(CONTACT))
    older = services.partners.log_contact(
        pid, LogEntryDetails(TODAY - timedelta(days=10), PartnerLogKind.MEETING, " Quarterly ")
    )
    newer = services.partners.log_contact(
        pid, LogEntryDetails(TODAY, PartnerLogKind.REFERRAL, "One referral", contact)
    )
    log = services.partners.record(pid).log
    assert [(e.id, e.details, e.contact_name) for e in log] == [
        (newer, LogEntryDetails(TODAY, PartnerLogKind.REFERRAL, "One referral", contact), CONTACT),
        (older, LogEntryDetails(TODAY - timedelta(10), PartnerLogKind.MEETING, "Quarterly"), ""),
    ]


def test_a_log_entry_in_the_future_is_refused(
    services: RecordServices, records_vault: Vault
) -> None:
    pid = services.partners.add(partner())
    before = audit_rows(records_vault)
    with pytest.raises(ValidationFailed) as refused:
        services.partners.log_contact(
            pid, LogEntryDetails(TODAY + timedelta(days=1), PartnerLogKind.EVENT)
        )
    assert [e.field for e in refused.value.errors] == ["on"]
    with pytest.raises(ValidationFailed) as refused:
        services.partners.log_contact(pid, LogEntryDetails(TODAY, PartnerLogKind.EVENT, "s" * 4001))
    assert [e.field for e in refused.value.errors] == ["summary"]
    assert services.partners.record(pid).log == ()
    assert audit_rows(records_vault) == before


def test_a_log_entry_naming_another_partners_contact_is_refused(
    services: RecordServices,
) -> None:
    a = services.partners.add(partner("Alpha"))
    b = services.partners.add(partner("Beta"))
    contact = services.partners.add_contact(a, ContactDetails(CONTACT))
    with pytest.raises(NotFound):
        services.partners.log_contact(b, LogEntryDetails(TODAY, PartnerLogKind.CALL, "", contact))
    assert services.partners.record(b).log == ()


# --- the directory's rows -------------------------------------------------------------------


def test_rows_count_contacts_and_show_the_last_contact_date(services: RecordServices) -> None:
    busy = services.partners.add(PartnerDetails("beta Services", PartnerType.CPS, area="Gwent"))
    quiet = services.partners.add(PartnerDetails("Alpha Probation", PartnerType.PROBATION))
    for name in ("One", "Two", "Three"):
        services.partners.add_contact(busy, ContactDetails(name))
    for days in (30, 3, 12):
        services.partners.log_contact(
            busy, LogEntryDetails(TODAY - timedelta(days=days), PartnerLogKind.CALL)
        )
    assert services.partners.rows() == [
        PartnerRow(quiet, "Alpha Probation", PartnerType.PROBATION, "", True, 0, None),
        PartnerRow(
            busy,
            "beta Services",
            PartnerType.CPS,
            "Gwent",
            True,
            3,
            TODAY - timedelta(3),
            ("One", "Three", "Two"),
        ),
    ]


# --- the audit trail ------------------------------------------------------------------------


def test_every_partner_write_adds_one_audit_row_by_partner_id(
    services: RecordServices, records_vault: Vault
) -> None:
    def one_row(event: AuditEvent, write: Callable[[], object]) -> None:
        before = audit_rows(records_vault)
        write()
        after = audit_rows(records_vault)
        assert after[: len(before)] == before
        assert [(r.event, r.detail) for r in after[len(before) :]] == [
            (event.value, f"partner {pid}")
        ]

    pid = 1  # the first partner's id, checked by the first write
    one_row(AuditEvent.PARTNER_ADDED, lambda: services.partners.add(partner()))
    one_row(AuditEvent.PARTNER_EDITED, lambda: services.partners.update(pid, partner("Renamed")))
    one_row(
        AuditEvent.PARTNER_EDITED,
        lambda: services.partners.add_contact(pid, ContactDetails(CONTACT)),
    )
    contact = services.partners.record(pid).contacts[0].id
    one_row(
        AuditEvent.PARTNER_EDITED,
        lambda: services.partners.update_contact(pid, contact, ContactDetails(CONTACT + " Jr")),
    )
    one_row(
        AuditEvent.PARTNER_LOG_ADDED,
        lambda: services.partners.log_contact(
            pid, LogEntryDetails(TODAY, PartnerLogKind.CALL, f"Spoke to {CONTACT}", contact)
        ),
    )
    assert all("Gwenllian" not in row.detail for row in audit_rows(records_vault))
