"""The roster service: codes, validation, all-or-nothing writes, erasure, roster rows and
the audit trail of every participant write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import text

from sec_desktop.domain.engagement_enums import FeedbackSource
from sec_desktop.domain.enums import (
    AgeBand,
    CommunicationNeed,
    ConsentMethod,
    ConsentPurpose,
    ContactChannel,
    Group,
    InvitationResponse,
    Language,
    ParticipantStatus,
    PartnerType,
    ReferralRoute,
    Weekday,
)
from sec_desktop.domain.equality import PREFER_NOT_TO_SAY
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.disclosures import AtRisk, DisclosureService, MinimumFacts, Notification
from sec_desktop.services.errors import NotFound, RecordError, RuleBroken, ValidationFailed
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.groups import Invite
from sec_desktop.services.participant_records import (
    CommunicationNeeds,
    EqualityAnswers,
    ParticipantDetails,
    ParticipantRecord,
    RosterRow,
    SafeContactRules,
)
from sec_desktop.services.partners import PartnerDetails
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.roster import RosterService
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent, AuditRow
from sec_desktop.vault.vault import Vault
from tests.feedback_data import seed
from tests.records import TODAY
from tests.risk_data import assess

# Unusual enough that finding it anywhere means it leaked.
NAME = "Morwenna Quillfeather"
Write = Callable[[RecordServices, int], object]
PHONE_RULES = SafeContactRules(channels=frozenset({ContactChannel.PHONE}), phone="07700 900123")


def audit_rows(vault: Vault) -> list[AuditRow]:
    with vault.engine.connect() as connection:
        return audit.rows(connection)


def count(vault: Vault, table: str) -> int:
    with vault.engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())  # noqa: S608


def on_day(vault: Vault, day: date) -> RecordServices:
    """The same vault's services on another day (to leave dates that later lie in the past)."""
    return RecordServices.over(vault, today=lambda: day)


@dataclass(frozen=True)
class Snapshot:
    rows: list[RosterRow]
    records: list[ParticipantRecord]
    audit: list[AuditRow]
    generation: int


def snapshot(services: RecordServices, vault: Vault) -> Snapshot:
    rows = services.roster.rows()
    return Snapshot(
        rows,
        [services.roster.record(row.id) for row in rows],
        audit_rows(vault),
        vault.generation,
    )


def refused_and_unchanged(
    services: RecordServices,
    vault: Vault,
    change: Callable[[], object],
    error: type[RecordError] = ValidationFailed,
) -> RecordError:
    """Run a change that must be refused; the vault must be exactly as before."""
    before = snapshot(services, vault)
    with pytest.raises(error) as refused:
        change()
    assert snapshot(services, vault) == before
    return refused.value


def field_errors(error: RecordError) -> set[str]:
    assert isinstance(error, ValidationFailed)
    return {e.field for e in error.errors}


# --- codes and ids --------------------------------------------------------------------


def test_codes_are_issued_in_order(services: RecordServices) -> None:
    assert services.roster.rows() == []
    codes = [services.roster.add(ParticipantDetails(name=f"P{i}")).code for i in range(3)]
    assert codes == ["S-0001", "S-0002", "S-0003"]
    assert [ref.code for ref in services.roster.refs()] == codes


def test_codes_and_ids_are_never_reused_after_an_erasure(
    services: RecordServices, records_vault: Vault
) -> None:
    first = services.roster.add(ParticipantDetails(name="First Person"))
    second = services.roster.add(ParticipantDetails(name="Second Person"))
    # The newest is erased: only a counter that never goes down stops its code and id
    # coming back (SQLite would otherwise hand out max(id) + 1 again).
    assert services.roster.erase(second.id) == "S-0002"
    third = services.roster.add(ParticipantDetails(name="Third Person"))
    assert third.code == "S-0003"
    assert third.id not in (first.id, second.id)
    assert third.id > second.id
    assert services.roster.find_by_code("S-0002") is None
    assert [ref.code for ref in services.roster.refs()] == ["S-0001", "S-0003"]


def test_the_counter_keeps_the_last_code_issued(
    services: RecordServices, records_vault: Vault
) -> None:
    ref = services.roster.add(ParticipantDetails(name="Only Person"))
    services.roster.erase(ref.id)
    with records_vault.engine.connect() as connection:
        last = connection.execute(text("SELECT last_number FROM pseudonym_counter")).scalar_one()
    assert last == 1
    assert services.roster.add(ParticipantDetails(name="Next Person")).code == "S-0002"


@pytest.mark.parametrize("typed", ["S-0012", "s-0012", "s 12", " S12 ", "s-12", "S 0012", "s12"])
def test_find_by_code_forgives_case_spaces_and_dropped_zeros(
    services: RecordServices, typed: str
) -> None:
    refs = [services.roster.add(ParticipantDetails(name=f"P{i}")) for i in range(12)]
    assert services.roster.find_by_code(typed) == refs[11]


@pytest.mark.parametrize(
    "typed", ["", "   ", "S-0013", "S-", "12", "X-0012", "S-00x2", "Person 11"]
)
def test_find_by_code_finds_nobody_for_anything_else(services: RecordServices, typed: str) -> None:
    for i in range(12):
        services.roster.add(ParticipantDetails(name=f"Person {i}"))
    assert services.roster.find_by_code(typed) is None


# --- adding and reading back ----------------------------------------------------------


def test_everything_added_reads_back(services: RecordServices) -> None:
    partner = services.partners.add(PartnerDetails("Gwent IDVA Service", PartnerType.IDVA_SERVICE))
    details = ParticipantDetails(
        name="  Ceri Example  ",
        pronouns="they/them ",
        language=Language.WELSH,
        age_band=AgeBand.FROM_25,
        referral_route=ReferralRoute.IDVA,
        referral_partner_id=partner,
        referred_on=TODAY - timedelta(days=3),
        status=ParticipantStatus.ACTIVE,
        notes="Prefers afternoons.",
        record_review_on=TODAY + timedelta(days=180),
    )
    rules = SafeContactRules(
        channels=frozenset({ContactChannel.PHONE, ContactChannel.EMAIL}),
        phone=" 07700 900123 ",
        email="ceri@example.org",
        safe_days=frozenset({Weekday.TUESDAY, Weekday.MONDAY}),
        safe_from=time(10),
        safe_until=time(12, 30),
        voicemail_allowed=False,
        code_word="heron",
    )
    needs = CommunicationNeeds(frozenset({CommunicationNeed.WELSH}), " a quiet room ")
    ref = services.roster.add(details, rules, needs)
    record = services.roster.record(ref.id)
    assert record.ref == ref
    assert record.details == replace(details, name="Ceri Example", pronouns="they/them")
    assert record.safe_contact == replace(rules, phone="07700 900123")
    assert record.safe_contact.recorded
    assert record.communication == CommunicationNeeds(
        frozenset({CommunicationNeed.WELSH}), "a quiet room"
    )
    assert record.equality == EqualityAnswers()
    assert (record.consents, record.memberships, record.invitations) == ((), (), ())
    assert record.created_at == record.updated_at


def test_a_record_without_safe_contact_rules_says_so(services: RecordServices) -> None:
    ref = services.roster.add(ParticipantDetails(name="No Rules Yet"))
    assert not services.roster.record(ref.id).safe_contact.recorded


def test_reading_an_unknown_participant_is_not_found(services: RecordServices) -> None:
    with pytest.raises(NotFound):
        services.roster.record(99)


# --- validation: details ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("details", "field"),
    [
        (ParticipantDetails(name=""), "name"),
        (ParticipantDetails(name=" \t "), "name"),
        (ParticipantDetails(name="x" * 201), "name"),
        (ParticipantDetails(name="Bell\x07 Person"), "name"),
        (ParticipantDetails(name="A", pronouns="p" * 61), "pronouns"),
        (ParticipantDetails(name="A", language=Language.OTHER), "language_other"),
        (
            ParticipantDetails(name="A", language=Language.OTHER, language_other="  "),
            "language_other",
        ),
        (
            ParticipantDetails(name="A", language=Language.OTHER, language_other="l" * 81),
            "language_other",
        ),
        (ParticipantDetails(name="A", notes="n" * 20_001), "notes"),
        (ParticipantDetails(name="A", referred_on=TODAY + timedelta(days=1)), "referred_on"),
        (
            ParticipantDetails(name="A", record_review_on=TODAY - timedelta(days=1)),
            "record_review_on",
        ),
    ],
)
def test_details_that_are_not_right_are_refused_on_add(
    services: RecordServices, records_vault: Vault, details: ParticipantDetails, field: str
) -> None:
    error = refused_and_unchanged(services, records_vault, lambda: services.roster.add(details))
    assert field_errors(error) == {field}
    assert services.roster.rows() == []


def test_every_wrong_field_is_reported_at_once(services: RecordServices) -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.roster.add(
            ParticipantDetails(
                name="",
                language=Language.OTHER,
                referred_on=TODAY + timedelta(days=1),
                record_review_on=TODAY - timedelta(days=1),
            )
        )
    assert field_errors(refused.value) == {
        "name",
        "language_other",
        "referred_on",
        "record_review_on",
    }


def test_the_limits_themselves_are_allowed(services: RecordServices) -> None:
    details = ParticipantDetails(
        name="x" * 200,
        pronouns="p" * 60,
        language=Language.OTHER,
        language_other="l" * 80,
        notes="n" * 20_000,
        referred_on=TODAY,
        record_review_on=TODAY,
    )
    ref = services.roster.add(details)
    assert services.roster.record(ref.id).details == details


def test_another_language_is_kept_only_while_other_is_chosen(services: RecordServices) -> None:
    ref = services.roster.add(
        ParticipantDetails(name="A", language=Language.OTHER, language_other=" Polish ")
    )
    assert services.roster.record(ref.id).details.language_other == "Polish"
    services.roster.update_details(
        ref.id, ParticipantDetails(name="A", language=Language.ENGLISH, language_other="Polish")
    )
    assert services.roster.record(ref.id).details.language_other == ""


def test_a_saved_review_date_that_has_passed_may_stay_on_edit(
    services: RecordServices, records_vault: Vault
) -> None:
    earlier = TODAY - timedelta(days=30)
    saved_review = TODAY - timedelta(days=10)
    ref = on_day(records_vault, earlier).roster.add(
        ParticipantDetails(name="A", record_review_on=saved_review)
    )
    # Today the saved date lies in the past; editing something else keeps it.
    services.roster.update_details(
        ref.id, ParticipantDetails(name="A renamed", record_review_on=saved_review)
    )
    assert services.roster.record(ref.id).details.record_review_on == saved_review
    # But a different past date is refused, and nothing changes.
    error = refused_and_unchanged(
        services,
        records_vault,
        lambda: services.roster.update_details(
            ref.id, ParticipantDetails(name="A again", record_review_on=saved_review + timedelta(1))
        ),
    )
    assert field_errors(error) == {"record_review_on"}
    # Clearing it, or moving it on, is fine.
    services.roster.update_details(ref.id, ParticipantDetails(name="A", record_review_on=TODAY))
    assert services.roster.record(ref.id).details.record_review_on == TODAY


def test_an_unknown_referring_partner_is_refused_without_naming_anyone(
    services: RecordServices, records_vault: Vault
) -> None:
    # Left to the foreign key, the database's error carried the whole row, name included.
    error = refused_and_unchanged(
        services,
        records_vault,
        lambda: services.roster.add(ParticipantDetails(name=NAME, referral_partner_id=404)),
        RuleBroken,
    )
    assert NAME not in str(error)
    ref = services.roster.add(ParticipantDetails(name=NAME))
    error = refused_and_unchanged(
        services,
        records_vault,
        lambda: services.roster.update_details(
            ref.id, ParticipantDetails(name=NAME, referral_partner_id=404)
        ),
        RuleBroken,
    )
    assert NAME not in str(error)


def test_editing_details_changes_them_and_the_update_time(services: RecordServices) -> None:
    ref = services.roster.add(ParticipantDetails(name="Before"))
    created = services.roster.record(ref.id).created_at
    after = ParticipantDetails(name="After", status=ParticipantStatus.ACTIVE, pronouns="she/her")
    services.roster.update_details(ref.id, after)
    record = services.roster.record(ref.id)
    assert record.details == after
    assert record.created_at == created
    assert record.updated_at >= created


def test_editing_an_erased_participant_is_not_found(services: RecordServices) -> None:
    ref = services.roster.add(ParticipantDetails(name="Gone Soon"))
    services.roster.erase(ref.id)
    with pytest.raises(NotFound):
        services.roster.update_details(ref.id, ParticipantDetails(name="x"))
    with pytest.raises(NotFound):
        services.roster.update_safe_contact(ref.id, PHONE_RULES)
    with pytest.raises(NotFound):
        services.roster.erase(ref.id)


# --- validation: safe contact ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("rules", "fields"),
    [
        (SafeContactRules(channels=frozenset({ContactChannel.PHONE})), {"phone"}),
        (SafeContactRules(channels=frozenset({ContactChannel.TEXT}), phone="  "), {"phone"}),
        (SafeContactRules(channels=frozenset({ContactChannel.EMAIL})), {"email"}),
        (SafeContactRules(channels=frozenset({ContactChannel.LETTER})), {"postal_address"}),
        (
            SafeContactRules(channels=frozenset({ContactChannel.THIRD_PARTY})),
            {"third_party_name", "third_party_contact"},
        ),
        (SafeContactRules(phone="07700 9001"), {"phone"}),
        (SafeContactRules(phone="call me maybe 07700900123"), {"phone"}),
        (SafeContactRules(email="not an address"), {"email"}),
        (SafeContactRules(email="someone@example"), {"email"}),
        (SafeContactRules(email="two@@example.org"), {"email"}),
        (SafeContactRules(safe_from=time(14), safe_until=time(9)), {"safe_until"}),
        (SafeContactRules(safe_from=time(14), safe_until=time(14)), {"safe_until"}),
        (SafeContactRules(postal_address="a" * 401), {"postal_address"}),
        (SafeContactRules(times_note="t" * 201), {"times_note"}),
        (SafeContactRules(code_word="c" * 81), {"code_word"}),
        (SafeContactRules(third_party_name="n" * 201), {"third_party_name"}),
        (SafeContactRules(third_party_relationship="r" * 101), {"third_party_relationship"}),
        (SafeContactRules(third_party_contact="c" * 201), {"third_party_contact"}),
        (SafeContactRules(notes="n" * 4001), {"contact_notes"}),
    ],
)
def test_safe_contact_rules_that_are_not_right_are_refused(
    services: RecordServices,
    records_vault: Vault,
    rules: SafeContactRules,
    fields: set[str],
) -> None:
    ref = services.roster.add(ParticipantDetails(name="A"), PHONE_RULES)
    error = refused_and_unchanged(
        services, records_vault, lambda: services.roster.update_safe_contact(ref.id, rules)
    )
    assert field_errors(error) == fields
    error = refused_and_unchanged(
        services, records_vault, lambda: services.roster.add(ParticipantDetails(name="B"), rules)
    )
    assert field_errors(error) == fields


def test_a_missing_detail_names_the_channel_that_needs_it(services: RecordServices) -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.roster.add(
            ParticipantDetails(name="A"),
            SafeContactRules(channels=frozenset({ContactChannel.TEXT})),
        )
    error = refused.value.for_field("phone")
    assert error is not None
    assert error.values == {"channel": ContactChannel.TEXT.label}
    assert ContactChannel.TEXT.label in error.english()


def test_safe_contact_rules_are_saved_and_replaced(services: RecordServices) -> None:
    ref = services.roster.add(ParticipantDetails(name="A"))
    services.roster.update_safe_contact(ref.id, PHONE_RULES)
    assert services.roster.record(ref.id).safe_contact == PHONE_RULES
    letter = SafeContactRules(
        channels=frozenset({ContactChannel.LETTER, ContactChannel.THIRD_PARTY}),
        postal_address="1 Example Street\nNewport",
        third_party_name="A friend",
        third_party_contact="via their IDVA",
        may_say_police=True,
    )
    services.roster.update_safe_contact(ref.id, letter)
    assert services.roster.record(ref.id).safe_contact == letter


# --- communication and equality ----------------------------------------------------------


def test_communication_needs_are_replaced_not_added_to(services: RecordServices) -> None:
    ref = services.roster.add(
        ParticipantDetails(name="A"),
        communication=CommunicationNeeds(
            frozenset({CommunicationNeed.BSL, CommunicationNeed.LARGE_PRINT})
        ),
    )
    wanted = CommunicationNeeds(frozenset({CommunicationNeed.LARGE_PRINT, CommunicationNeed.AUDIO}))
    services.roster.update_communication(ref.id, wanted)
    assert services.roster.record(ref.id).communication == wanted
    assert services.roster.rows()[0].needs == wanted.needs
    services.roster.update_communication(ref.id, CommunicationNeeds())
    assert services.roster.record(ref.id).communication == CommunicationNeeds()


def test_too_long_other_communication_needs_are_refused_on_add_and_edit(
    services: RecordServices, records_vault: Vault
) -> None:
    too_long = CommunicationNeeds(other="o" * 401)
    error = refused_and_unchanged(
        services,
        records_vault,
        lambda: services.roster.add(ParticipantDetails(name="A"), communication=too_long),
    )
    assert field_errors(error) == {"communication_other"}
    ref = services.roster.add(ParticipantDetails(name="A"))
    error = refused_and_unchanged(
        services, records_vault, lambda: services.roster.update_communication(ref.id, too_long)
    )
    assert field_errors(error) == {"communication_other"}


def test_equality_answers_are_kept_and_cleared(services: RecordServices) -> None:
    ref = services.roster.add(ParticipantDetails(name="A"))
    answers = EqualityAnswers({"age": "25-44", "disability": PREFER_NOT_TO_SAY})
    services.roster.update_equality(ref.id, answers)
    assert services.roster.record(ref.id).equality == answers
    services.roster.update_equality(ref.id, EqualityAnswers({"age": "45-64"}))
    assert services.roster.record(ref.id).equality == EqualityAnswers({"age": "45-64"})
    services.roster.update_equality(ref.id, EqualityAnswers())
    assert services.roster.record(ref.id).equality == EqualityAnswers()


def test_an_answer_not_in_the_list_is_refused(
    services: RecordServices, records_vault: Vault
) -> None:
    ref = services.roster.add(ParticipantDetails(name="A"))
    error = refused_and_unchanged(
        services,
        records_vault,
        lambda: services.roster.update_equality(
            ref.id, EqualityAnswers({"age": "25-44", "disability": "sometimes"})
        ),
    )
    assert field_errors(error) == {"disability"}
    with pytest.raises(ValueError, match="unknown characteristics"):
        services.roster.update_equality(ref.id, EqualityAnswers({"shoe_size": "9"}))


# --- erasure ----------------------------------------------------------------------------


def test_erasure_removes_everything_kept_about_the_person(
    services: RecordServices, records_vault: Vault
) -> None:
    ref = services.roster.add(
        ParticipantDetails(name=NAME, status=ParticipantStatus.ACTIVE),
        PHONE_RULES,
        CommunicationNeeds(frozenset({CommunicationNeed.AUDIO})),
    )
    kept = services.roster.add(ParticipantDetails(name="Someone Else"))
    services.roster.update_equality(ref.id, EqualityAnswers({"age": "25-44"}))
    for purpose in (ConsentPurpose.CONTACT, ConsentPurpose.NETWORK):
        services.consent.give(ref.id, ConsentGiven(purpose, TODAY, ConsentMethod.VERBAL))
    services.groups.join(ref.id, Group.NETWORK, TODAY)
    assess(services, ref.id)
    services.groups.invite(ref.id, Invite(Group.REFERENCE_GROUP, TODAY, ContactChannel.PHONE))
    tables = (
        "participant",
        "safe_contact",
        "participant_need",
        "equality_monitoring",
        "consent",
        "membership",
        "invitation",
        "risk_assessment",
    )
    assert all(count(records_vault, t) >= 1 for t in tables)
    services.roster.erase(ref.id)
    assert count(records_vault, "participant") == 1
    assert all(count(records_vault, t) == 0 for t in tables[1:])
    assert [row.id for row in services.roster.rows()] == [kept.id]
    assert services.groups.awaiting() == []
    assert services.groups.members(Group.NETWORK) == []


# --- roster rows --------------------------------------------------------------------------


def test_one_row_per_participant_with_groups_needs_and_the_next_review(
    services: RecordServices, records_vault: Vault
) -> None:
    partner = services.partners.add(PartnerDetails("Example Refuge", PartnerType.REFUGE))
    a = services.roster.add(
        ParticipantDetails(
            name="Ann Example",
            pronouns="she/her",
            status=ParticipantStatus.ACTIVE,
            language=Language.WELSH,
            referral_route=ReferralRoute.ISVA,
            referred_on=date(2026, 10, 1),
            record_review_on=date(2027, 6, 1),
        ),
        PHONE_RULES,
        CommunicationNeeds(frozenset({CommunicationNeed.WELSH, CommunicationNeed.EASY_READ})),
    )
    b = services.roster.add(ParticipantDetails(name="Bob Example"))
    c = services.roster.add(
        ParticipantDetails(name="Cat Example", record_review_on=date(2026, 12, 1))
    )
    give = services.consent.give
    give(a.id, ConsentGiven(ConsentPurpose.CONTACT, TODAY, ConsentMethod.VERBAL, date(2027, 3, 1)))
    give(a.id, ConsentGiven(ConsentPurpose.NETWORK, TODAY, ConsentMethod.VERBAL, date(2027, 2, 1)))
    soonest = give(
        a.id, ConsentGiven(ConsentPurpose.QUOTE, TODAY, ConsentMethod.WRITTEN, date(2027, 1, 1))
    )
    give(
        a.id,
        ConsentGiven(
            ConsentPurpose.PARTNER_SHARING,
            TODAY,
            ConsentMethod.WRITTEN,
            date(2027, 4, 1),
            partner_id=partner,
        ),
    )
    services.groups.join(a.id, Group.NETWORK, TODAY)
    services.groups.join(a.id, Group.STAFF_FORUM, TODAY)
    # A consent for c with an earlier review than the record's own.
    give(
        c.id, ConsentGiven(ConsentPurpose.CONTACT, TODAY, ConsentMethod.VERBAL, date(2026, 11, 30))
    )

    rows = services.roster.rows()
    assert [r.code for r in rows] == ["S-0001", "S-0002", "S-0003"]
    first = rows[0]
    assert first == RosterRow(
        id=a.id,
        code="S-0001",
        name="Ann Example",
        pronouns="she/her",
        status=ParticipantStatus.ACTIVE,
        language=Language.WELSH,
        groups=frozenset({Group.NETWORK, Group.STAFF_FORUM}),
        needs=frozenset({CommunicationNeed.WELSH, CommunicationNeed.EASY_READ}),
        next_review=date(2027, 1, 1),
        referral_route=ReferralRoute.ISVA,
        referred_on=date(2026, 10, 1),
        search_text="s-0001 ann example",
    )
    assert not rows[1].groups
    assert not rows[1].needs
    assert rows[1].next_review is None
    assert rows[1].id == b.id
    assert rows[2].next_review == date(2026, 11, 30)

    # A withdrawn consent's review no longer counts; nor does a membership that ended.
    services.consent.withdraw(a.id, soonest)
    membership = next(
        m for m in services.roster.record(a.id).memberships if m.group is Group.STAFF_FORUM
    )
    services.groups.leave(a.id, membership.id, TODAY)
    first = services.roster.rows()[0]
    assert first.next_review == date(2027, 2, 1)
    assert first.groups == frozenset({Group.NETWORK})


def test_the_record_review_counts_when_it_is_the_earliest(services: RecordServices) -> None:
    ref = services.roster.add(ParticipantDetails(name="A", record_review_on=date(2026, 12, 24)))
    services.consent.give(
        ref.id,
        ConsentGiven(ConsentPurpose.CONTACT, TODAY, ConsentMethod.VERBAL, date(2027, 1, 1)),
    )
    assert services.roster.rows()[0].next_review == date(2026, 12, 24)


# --- the audit trail ----------------------------------------------------------------------
# --- the audit trail ----------------------------------------------------------------------


def _consent(s: RecordServices, pid: int, purpose: ConsentPurpose = ConsentPurpose.CONTACT) -> int:
    return s.consent.give(pid, ConsentGiven(purpose, TODAY, ConsentMethod.VERBAL))


def _edit_details(s: RecordServices, pid: int) -> None:
    s.roster.update_details(pid, ParticipantDetails(name=NAME + " Jr"))


def _edit_contact(s: RecordServices, pid: int) -> None:
    s.roster.update_safe_contact(pid, replace(PHONE_RULES, code_word="owl"))


def _edit_needs(s: RecordServices, pid: int) -> None:
    s.roster.update_communication(pid, CommunicationNeeds(frozenset({CommunicationNeed.BSL})))


def _edit_equality(s: RecordServices, pid: int) -> None:
    s.roster.update_equality(pid, EqualityAnswers({"age": "65+"}))


def _erase(s: RecordServices, pid: int) -> None:
    s.roster.erase(pid)


def _give(s: RecordServices, pid: int) -> None:
    _consent(s, pid, ConsentPurpose.REPORTING)


def _withdraw(s: RecordServices, pid: int) -> None:
    s.consent.withdraw(pid, s.roster.record(pid).consents[0].id)


def _review(s: RecordServices, pid: int) -> None:
    s.consent.review(pid, s.roster.record(pid).consents[0].id, TODAY + timedelta(days=90))


def _join(s: RecordServices, pid: int) -> None:
    s.groups.join(pid, Group.STAFF_FORUM, TODAY)


def _leave(s: RecordServices, pid: int) -> None:
    s.groups.leave(pid, s.roster.record(pid).memberships[0].id, TODAY)


def _invite(s: RecordServices, pid: int) -> None:
    s.groups.invite(pid, Invite(Group.NETWORK, TODAY, ContactChannel.PHONE))


def _respond(s: RecordServices, pid: int) -> None:
    invitation = s.roster.record(pid).invitations[0]
    s.groups.respond(invitation.id, InvitationResponse.DECLINED, TODAY)


def _nothing(s: RecordServices, pid: int) -> None:
    pass


def _consent_and_join(s: RecordServices, pid: int) -> None:
    _consent(s, pid)
    _join(s, pid)


def _consent_and_assess(s: RecordServices, pid: int) -> None:
    _consent(s, pid)
    _assess(s, pid)


def _consent_and_invite(s: RecordServices, pid: int) -> None:
    _consent_and_assess(s, pid)
    _invite(s, pid)


def _assess(s: RecordServices, pid: int) -> None:
    assess(s, pid, context_note="Morwenna Quillfeather asked for a quiet room")


# (the write, the event it must record, what it needs done first)
WRITES: dict[str, tuple[Write, AuditEvent, Write]] = {
    "details": (_edit_details, AuditEvent.PARTICIPANT_EDITED, _nothing),
    "safe contact": (_edit_contact, AuditEvent.PARTICIPANT_EDITED, _nothing),
    "communication": (_edit_needs, AuditEvent.PARTICIPANT_EDITED, _nothing),
    "equality": (_edit_equality, AuditEvent.PARTICIPANT_EDITED, _nothing),
    "erase": (_erase, AuditEvent.PARTICIPANT_ERASED, _nothing),
    "give consent": (_give, AuditEvent.CONSENT_GIVEN, _nothing),
    "withdraw consent": (_withdraw, AuditEvent.CONSENT_WITHDRAWN, _consent),
    "review consent": (_review, AuditEvent.CONSENT_REVIEWED, _consent),
    "join": (_join, AuditEvent.MEMBERSHIP_CHANGED, _consent),
    "leave": (_leave, AuditEvent.MEMBERSHIP_CHANGED, _consent_and_join),
    "invite": (_invite, AuditEvent.INVITATION_RECORDED, _consent_and_assess),
    "respond": (_respond, AuditEvent.INVITATION_RECORDED, _consent_and_invite),
    "risk assessment": (_assess, AuditEvent.RISK_ASSESSMENT_SAVED, _nothing),
}


@pytest.mark.parametrize("what", WRITES)
def test_each_write_adds_one_audit_row_naming_the_code_not_the_person(
    services: RecordServices, records_vault: Vault, what: str
) -> None:
    write, event, prepare = WRITES[what]
    services.roster.add(ParticipantDetails(name="Somebody First"))
    ref = services.roster.add(
        ParticipantDetails(name=NAME, status=ParticipantStatus.ACTIVE), PHONE_RULES
    )
    prepare(services, ref.id)
    before = audit_rows(records_vault)
    write(services, ref.id)
    after = audit_rows(records_vault)
    assert after[: len(before)] == before
    assert len(after) == len(before) + 1
    row = after[-1]
    assert row.event == event.value
    assert row.detail.split(":")[0] == ref.code
    assert "Morwenna" not in row.detail
    assert "Quillfeather" not in row.detail


def test_adding_audits_the_new_code_and_no_name_is_ever_audited(
    services: RecordServices, records_vault: Vault
) -> None:
    before = audit_rows(records_vault)
    ref = services.roster.add(ParticipantDetails(name=NAME), PHONE_RULES)
    after = audit_rows(records_vault)
    assert len(after) == len(before) + 1
    assert (after[-1].event, after[-1].detail) == (AuditEvent.PARTICIPANT_ADDED.value, ref.code)
    services.roster.erase(ref.id)
    assert all("Quillfeather" not in row.detail for row in audit_rows(records_vault))


def test_a_refused_write_adds_no_audit_row(services: RecordServices, records_vault: Vault) -> None:
    ref = services.roster.add(ParticipantDetails(name=NAME))
    before = audit_rows(records_vault)
    with pytest.raises(ValidationFailed):
        services.roster.update_details(ref.id, ParticipantDetails(name=""))
    with pytest.raises(RuleBroken):
        services.groups.join(ref.id, Group.NETWORK, TODAY)
    assert audit_rows(records_vault) == before


def test_error_messages_name_the_code_never_the_person(services: RecordServices) -> None:
    ref = services.roster.add(ParticipantDetails(name=NAME))
    with pytest.raises(RuleBroken) as refused:
        services.groups.join(ref.id, Group.REFERENCE_GROUP, TODAY)
    assert ref.code in str(refused.value)
    assert NAME not in str(refused.value)


def test_a_roster_service_on_its_own_uses_the_clock_it_is_given(records_vault: Vault) -> None:
    roster = RosterService(records_vault, lambda: date(2030, 1, 1))
    with pytest.raises(ValidationFailed):
        roster.add(ParticipantDetails(name="A", record_review_on=date(2029, 12, 31)))
    ref = roster.add(ParticipantDetails(name="A", referred_on=date(2029, 12, 31)))
    assert roster.record(ref.id).details.referred_on == date(2029, 12, 31)


def test_erasure_waits_until_a_disclosure_in_their_feedback_is_dealt_with(
    services: RecordServices, records_vault: Vault
) -> None:
    seeded = seed(records_vault)
    said = FeedbackDraft(
        TODAY, FeedbackSource.PARTICIPANT, participant_id=seeded.no_consent, summary="Said"
    )
    item = services.feedback.add(said)
    flagged_at = datetime.combine(TODAY, time(9, 0))
    guard = DisclosureService(records_vault, services.today, now=lambda: flagged_at)
    guard.flag(item, MinimumFacts("Assault", "Last year", "At home", AtRisk.NOT_KNOWN))
    steps: list[Callable[[], None]] = [
        lambda: guard.record_notification(item, Notification(flagged_at, "Registrar", "INC-1")),
        lambda: guard.record_survivor_told(item, TODAY, "By phone"),
    ]
    # Refused until both are recorded: notified, and the survivor told.
    for step in steps:
        generation = records_vault.generation
        with pytest.raises(RuleBroken) as refused:
            services.roster.erase(seeded.no_consent)
        assert "not dealt with" in str(refused.value)
        assert "Record the notification to the crime recording team and that they were told" in (
            str(refused.value)
        )
        assert "S-0004" not in str(refused.value) and "Synthetic" not in str(refused.value)
        assert records_vault.generation == generation
        assert services.roster.record(seeded.no_consent).ref.code == "S-0004"
        step()
    assert services.roster.erase(seeded.no_consent) == "S-0004"
    assert guard.record(item).dealt_with  # the disclosure stays on record
