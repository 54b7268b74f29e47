"""Loading participants and turning them into plain records: shared by the services."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from sec_desktop.domain.enums import Weekday
from sec_desktop.domain.equality import CHARACTERISTIC_KEYS
from sec_desktop.domain.participant import (
    Consent,
    EqualityMonitoring,
    Invitation,
    Membership,
    Participant,
    SafeContact,
)
from sec_desktop.domain.partner import Partner
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services.errors import NotFound
from sec_desktop.services.participant_records import (
    CommunicationNeeds,
    ConsentRecord,
    EqualityAnswers,
    InvitationRecord,
    MembershipRecord,
    ParticipantDetails,
    ParticipantRecord,
    ParticipantRef,
    SafeContactRules,
)

GONE = QT_TRANSLATE_NOOP(
    "Records", "This participant's record is no longer in the vault (it may have been erased)."
)


def load(session: Session, participant_id: int) -> Participant:
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise NotFound(GONE)
    return participant


def ref_of(participant: Participant) -> ParticipantRef:
    return ParticipantRef(participant.id, participant.code)


def details_of(p: Participant) -> ParticipantDetails:
    return ParticipantDetails(
        name=p.name,
        pronouns=p.pronouns,
        language=p.language,
        language_other=p.language_other,
        age_band=p.age_band,
        referral_route=p.referral_route,
        referral_partner_id=p.referral_partner_id,
        referred_on=p.referred_on,
        status=p.status,
        notes=p.notes,
        record_review_on=p.record_review_on,
    )


def rules_of(contact: SafeContact | None) -> SafeContactRules:
    if contact is None:
        return SafeContactRules()
    return SafeContactRules(
        channels=contact.channel_set(),
        phone=contact.phone,
        email=contact.email,
        postal_address=contact.postal_address,
        safe_days=frozenset(Weekday(v) for v in contact.safe_days.split(",") if v),
        safe_from=contact.safe_from,
        safe_until=contact.safe_until,
        times_note=contact.times_note,
        voicemail_allowed=contact.voicemail_allowed,
        may_say_police=contact.may_say_police,
        code_word=contact.code_word,
        third_party_name=contact.third_party_name,
        third_party_relationship=contact.third_party_relationship,
        third_party_contact=contact.third_party_contact,
        notes=contact.notes,
    )


def write_rules(contact: SafeContact, rules: SafeContactRules) -> None:
    # Stored in a fixed order, so that an unchanged form is an unchanged row.
    contact.channels = ",".join(sorted(c.value for c in rules.channels))
    contact.safe_days = ",".join(d.value for d in Weekday if d in rules.safe_days)
    for name in (
        "phone",
        "email",
        "postal_address",
        "safe_from",
        "safe_until",
        "times_note",
        "voicemail_allowed",
        "may_say_police",
        "code_word",
        "third_party_name",
        "third_party_relationship",
        "third_party_contact",
        "notes",
    ):
        value = getattr(rules, name)
        setattr(contact, name, value.strip() if isinstance(value, str) else value)


def equality_of(row: EqualityMonitoring | None) -> EqualityAnswers:
    if row is None:
        return EqualityAnswers()
    answers = {key: getattr(row, key) for key in CHARACTERISTIC_KEYS}
    return EqualityAnswers({k: v for k, v in answers.items() if v is not None})


def consent_of(consent: Consent, partner_names: dict[int, str]) -> ConsentRecord:
    return ConsentRecord(
        id=consent.id,
        purpose=consent.purpose,
        given_on=consent.given_on,
        method=consent.method,
        review_on=consent.review_on,
        withdrawn_on=consent.withdrawn_on,
        note=consent.note,
        partner_id=consent.partner_id,
        partner_name=partner_names.get(consent.partner_id or 0, ""),
    )


def membership_of(m: Membership) -> MembershipRecord:
    return MembershipRecord(m.id, m.group, m.joined_on, m.left_on, m.role, m.left_reason)


def invitation_of(i: Invitation, ref: ParticipantRef) -> InvitationRecord:
    return InvitationRecord(
        i.id,
        ref,
        i.group,
        i.invited_on,
        i.channel,
        i.response,
        i.responded_on,
        i.follow_up_on,
        i.context,
    )


def record_of(session: Session, p: Participant) -> ParticipantRecord:
    partner_ids = {c.partner_id for c in p.consents if c.partner_id is not None}
    names = (
        {
            partner.id: partner.name
            for partner in session.query(Partner).filter(Partner.id.in_(partner_ids))
        }
        if partner_ids
        else {}
    )
    ref = ref_of(p)
    return ParticipantRecord(
        ref=ref,
        details=details_of(p),
        safe_contact=rules_of(p.safe_contact),
        communication=CommunicationNeeds(frozenset(n.need for n in p.needs), p.communication_other),
        equality=equality_of(p.equality),
        consents=tuple(consent_of(c, names) for c in p.consents),
        memberships=tuple(membership_of(m) for m in p.memberships),
        invitations=tuple(invitation_of(i, ref) for i in p.invitations),
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


def current_consent(p: Participant, purpose: object, today: date) -> Consent | None:
    for consent in reversed(p.consents):
        if (
            consent.purpose == purpose
            and consent.withdrawn_on is None
            and consent.given_on <= today
        ):
            return consent
    return None
