"""Synthetic people, partners, survivor materials and service recovery cases for the
service recovery, training and development tests (services and screens), written in ONE
transaction (one save of the vault) so that the tests stay quick.

Everyone is on TODAY (tests/records.py). Training consent, by person:
- `consenting` (S-0101): current, no review date; also consents to be contacted.
- `withdrawn` (S-0102): given, then withdrawn 10 days ago.
- `review_passed` (S-0103): given, review date yesterday.
- `recent` (S-0104): given 5 days ago (not current for a session 30 days ago).
- `no_consent` (S-0105): none for any purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sec_desktop.domain.action_enums import MaterialKind, RecoveryStatus
from sec_desktop.domain.enums import ConsentMethod, ConsentPurpose, PartnerType, ReferralRoute
from sec_desktop.domain.participant import Consent, Participant
from sec_desktop.domain.partner import Partner, PartnerContact
from sec_desktop.domain.recovery import RecoveryCase, RecoveryStep, TrainingMaterial
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.records import TODAY

STAMP = datetime(2026, 1, 5, 9, 0)
# A session date before `recent` gave their consent.
SESSION_DAY = TODAY - timedelta(days=30)
# Typed as a concern: no list, audit row or message may ever show it.
CONCERN = "Wombat-harbour concern 5521: no call back after the bail decision"


@dataclass(frozen=True)
class RecoverySeeded:
    consenting: int
    withdrawn: int
    review_passed: int
    recent: int
    no_consent: int
    codes: dict[int, str]
    # The IDVA service has two contacts; the refuge one.
    partner: int
    contact: int
    second_contact: int
    other_partner: int
    other_contact: int
    # One material per person with a training consent (by the person's field name).
    materials: dict[str, int]
    # Cases, if asked for: open (opened 40 days ago, one step), and closed (opened 30
    # days ago, closed 10 days ago, survivor and partner told).
    open_case: int | None
    closed_case: int | None


def _person(code: str) -> Participant:
    return Participant(
        code=code,
        name=f"Synthetic Person {code}",
        referral_route=ReferralRoute.SELF_OTHER,
        created_at=STAMP,
        updated_at=STAMP,
    )


def _consent(purpose: ConsentPurpose, **kwargs: object) -> Consent:
    values: dict[str, object] = {
        "purpose": purpose,
        "given_on": TODAY - timedelta(days=200),
        "method": ConsentMethod.WRITTEN,
        **kwargs,
    }
    return Consent(**values)


def _people() -> dict[str, Participant]:
    people = {
        "consenting": _person("S-0101"),
        "withdrawn": _person("S-0102"),
        "review_passed": _person("S-0103"),
        "recent": _person("S-0104"),
        "no_consent": _person("S-0105"),
    }
    training = ConsentPurpose.TRAINING
    people["consenting"].consents += [
        _consent(training),
        _consent(ConsentPurpose.CONTACT, review_on=TODAY + timedelta(days=90)),
    ]
    people["withdrawn"].consents.append(_consent(training, withdrawn_on=TODAY - timedelta(days=10)))
    people["review_passed"].consents.append(_consent(training, review_on=TODAY - timedelta(days=1)))
    people["recent"].consents.append(_consent(training, given_on=TODAY - timedelta(days=5)))
    return people


_MATERIALS = {
    "consenting": ("Video: the first 999 call", MaterialKind.VIDEO),
    "withdrawn": ("Case study: waiting for updates", MaterialKind.CASE_STUDY),
    "review_passed": ("Audio: the day in court", MaterialKind.AUDIO),
    "recent": ("Case study: the bail decision", MaterialKind.CASE_STUDY),
}


def _cases(partner: Partner, participant: Participant) -> tuple[RecoveryCase, RecoveryCase]:
    contact = partner.contacts[0]
    opened = RecoveryCase(
        raised_by_partner_id=partner.id,
        raised_by_contact_id=contact.id,
        survivor_pseudonym="IDVA-REF-17",
        opened_on=TODAY - timedelta(days=40),
        concern=CONCERN,
        department="Public Protection Unit",
        status=RecoveryStatus.OPEN,
        created_at=STAMP,
        updated_at=STAMP,
    )
    opened.steps.append(RecoveryStep(on=TODAY - timedelta(days=38), note="Raised with the PPU"))
    closed = RecoveryCase(
        raised_by_partner_id=partner.id,
        raised_by_contact_id=contact.id,
        participant_id=participant.id,
        opened_on=TODAY - timedelta(days=30),
        concern="Property not returned after the case closed",
        department="Property store",
        outcome="Property returned with an apology",
        status=RecoveryStatus.CLOSED,
        closed_on=TODAY - timedelta(days=10),
        survivor_told_on=TODAY - timedelta(days=9),
        partner_told_on=TODAY - timedelta(days=9),
        created_at=STAMP,
        updated_at=STAMP,
    )
    return opened, closed


def seed(vault: Vault, *, cases: bool = False) -> RecoverySeeded:
    with vault.writing(AuditEvent.DEMO_DATA_WRITTEN, "test data") as session:
        people = _people()
        partner = Partner(name="Example IDVA Service", type=PartnerType.IDVA_SERVICE)
        partner.contacts += [PartnerContact(name="Alex Example"), PartnerContact(name="Jo Sample")]
        other = Partner(name="Example Refuge", type=PartnerType.REFUGE)
        other.contacts.append(PartnerContact(name="Sam Sample"))
        session.add_all([*people.values(), partner, other])
        session.flush()
        materials = {
            key: TrainingMaterial(
                title=title, kind=kind, participant_id=people[key].id, created_at=STAMP
            )
            for key, (title, kind) in _MATERIALS.items()
        }
        session.add_all(materials.values())
        made = _cases(partner, people["consenting"]) if cases else None
        if made is not None:
            session.add_all(made)
        session.flush()
        return RecoverySeeded(
            consenting=people["consenting"].id,
            withdrawn=people["withdrawn"].id,
            review_passed=people["review_passed"].id,
            recent=people["recent"].id,
            no_consent=people["no_consent"].id,
            codes={p.id: p.code for p in people.values()},
            partner=partner.id,
            contact=partner.contacts[0].id,
            second_contact=partner.contacts[1].id,
            other_partner=other.id,
            other_contact=other.contacts[0].id,
            materials={key: m.id for key, m in materials.items()},
            open_case=made[0].id if made is not None else None,
            closed_case=made[1].id if made is not None else None,
        )


def day(days_ago: int) -> date:
    return TODAY - timedelta(days=days_ago)
