"""The one eligibility check behind every invitation and attendee list.

It blocks, it does not merely warn: each blocker says why, and what would unblock it.
Later rules (the risk assessment) join this same check rather than adding their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sec_desktop.domain.enums import ConsentPurpose, ParticipantStatus
from sec_desktop.domain.participant import Consent, Participant, SafeContact
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import participant_store as store
from sec_desktop.services.participant_records import ParticipantRef


@dataclass(frozen=True)
class Blocker:
    """Why someone cannot be invited now, and what would change that (both untranslated,
    context "Records")."""

    reason: str
    unblock: str
    values: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Eligibility:
    participant: ParticipantRef
    blockers: tuple[Blocker, ...]

    @property
    def allowed(self) -> bool:
        return not self.blockers


LEFT = Blocker(
    QT_TRANSLATE_NOOP("Records", "They have left."),
    QT_TRANSLATE_NOOP("Records", "Only if they get in touch again: then set their status back."),
)
PAUSED = Blocker(
    QT_TRANSLATE_NOOP("Records", "They have paused their involvement."),
    QT_TRANSLATE_NOOP("Records", "Set their status to active when they say they are ready."),
)
NO_CONTACT_CONSENT = Blocker(
    QT_TRANSLATE_NOOP(
        "Records", "There is no current consent to contact them about opportunities."
    ),
    QT_TRANSLATE_NOOP("Records", "Record their consent to be contacted, if they give it."),
)
CONTACT_REVIEW_OVERDUE = Blocker(
    QT_TRANSLATE_NOOP("Records", "Their consent to be contacted is overdue for review."),
    QT_TRANSLATE_NOOP(
        "Records", "Check it with them and record the review, or withdraw it if it no longer holds."
    ),
)
NO_SAFE_CONTACT = Blocker(
    QT_TRANSLATE_NOOP("Records", "No safe way to contact them has been recorded."),
    QT_TRANSLATE_NOOP("Records", "Record their safe contact rules, with at least one channel."),
)


@dataclass(frozen=True)
class ParticipationFacts:
    """What the check looks at, gathered for one person or, in one query, for everyone."""

    participant: ParticipantRef
    status: ParticipantStatus
    contact_consent: bool
    safe_channels: bool
    # A current contact consent whose review date has not passed (or has none).
    contact_consent_reviewed: bool = True


def facts_of(participant: Participant, today: date) -> ParticipationFacts:
    contact = participant.safe_contact
    consents = [
        c
        for c in participant.consents
        if c.purpose == ConsentPurpose.CONTACT and c.withdrawn_on is None and c.given_on <= today
    ]
    return ParticipationFacts(
        store.ref_of(participant),
        participant.status,
        bool(consents),
        contact is not None and bool(contact.channel_set()),
        any(c.review_on is None or c.review_on >= today for c in consents),
    )


def facts_of_everyone(session: Session, today: date) -> list[ParticipationFacts]:
    """The same facts for every participant, in one query (fast at 15,000 people)."""
    contact_consent = (
        select(Consent.id)
        .where(
            Consent.participant_id == Participant.id,
            Consent.purpose == ConsentPurpose.CONTACT,
            Consent.withdrawn_on.is_(None),
            Consent.given_on <= today,
        )
        .exists()
    )
    reviewed = (
        select(Consent.id)
        .where(
            Consent.participant_id == Participant.id,
            Consent.purpose == ConsentPurpose.CONTACT,
            Consent.withdrawn_on.is_(None),
            Consent.given_on <= today,
            (Consent.review_on.is_(None)) | (Consent.review_on >= today),
        )
        .exists()
    )
    channels = (
        select(SafeContact.participant_id)
        .where(SafeContact.participant_id == Participant.id, SafeContact.channels != "")
        .exists()
    )
    rows = session.execute(
        select(
            Participant.id,
            Participant.code,
            Participant.status,
            contact_consent,
            channels,
            reviewed,
        )
    ).all()
    return [
        ParticipationFacts(ParticipantRef(i, code), status, bool(consent), bool(safe), bool(ok))
        for i, code, status, consent, safe, ok in rows
    ]


def check_facts(facts: ParticipationFacts) -> Eligibility:
    """The rules themselves: each unmet one is a blocker."""
    blockers: list[Blocker] = []
    if facts.status == ParticipantStatus.LEFT:
        blockers.append(LEFT)
    elif facts.status == ParticipantStatus.PAUSED:
        blockers.append(PAUSED)
    if not facts.contact_consent:
        blockers.append(NO_CONTACT_CONSENT)
    elif not facts.contact_consent_reviewed:
        blockers.append(CONTACT_REVIEW_OVERDUE)
    if not facts.safe_channels:
        blockers.append(NO_SAFE_CONTACT)
    return Eligibility(facts.participant, tuple(blockers))


def check_participation(participant: Participant, today: date) -> Eligibility:
    """May this person be invited to take part in something now?"""
    return check_facts(facts_of(participant, today))
