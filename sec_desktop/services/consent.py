"""Consent per purpose: given, reviewed, withdrawn; and the reviews coming due.

Withdrawal takes effect at once, everywhere: in the same transaction, memberships that
needed the consent end and invitations waiting for a reply are cancelled, so no list
anywhere can still offer the person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from sec_desktop.domain.enums import (
    GROUP_CONSENT,
    ConsentMethod,
    ConsentPurpose,
    Group,
    InvitationResponse,
)
from sec_desktop.domain.participant import Consent, Invitation, Membership, Participant
from sec_desktop.domain.partner import Partner
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import participant_store as store
from sec_desktop.services import validation as check
from sec_desktop.services.clock import Today, local_today
from sec_desktop.services.errors import FieldError, RuleBroken
from sec_desktop.services.participant_records import ParticipantRef, ReviewDue
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

DEFAULT_REVIEW_HORIZON_DAYS = 30


@dataclass(frozen=True)
class ConsentGiven:
    purpose: ConsentPurpose
    given_on: date
    method: ConsentMethod
    review_on: date | None = None
    note: str = ""
    partner_id: int | None = None  # for sharing with a named partner


def groups_needing(purpose: ConsentPurpose) -> list[Group]:
    return [group for group, needed in GROUP_CONSENT.items() if needed is purpose]


@dataclass
class ConsentService:
    vault: Vault
    today: Today = field(default=local_today)

    def give(self, participant_id: int, consent: ConsentGiven) -> int:
        """Record a consent; returns its id. A purpose already consented to is refused."""
        today = self.today()
        check.raise_if_any(
            [
                check.not_in_future("given_on", consent.given_on, today),
                check.not_in_past("review_on", consent.review_on, today),
                check.text("consent_note", consent.note, 400),
                (
                    FieldError(
                        "partner",
                        QT_TRANSLATE_NOOP("Records", "Choose the partner it may be shared with."),
                    )
                    if consent.purpose == ConsentPurpose.PARTNER_SHARING
                    and consent.partner_id is None
                    else None
                ),
            ]
        )
        # A partner chosen for any other purpose is ignored (a form may leave one chosen).
        partner_id = (
            consent.partner_id if consent.purpose == ConsentPurpose.PARTNER_SHARING else None
        )
        with self.vault.writing(AuditEvent.CONSENT_GIVEN) as session:
            participant = store.load(session, participant_id)
            for existing in participant.consents:
                if (
                    existing.purpose == consent.purpose
                    and existing.withdrawn_on is None
                    and existing.partner_id == partner_id
                ):
                    raise RuleBroken(
                        QT_TRANSLATE_NOOP(
                            "Records",
                            "{code} has already given this consent. Review it, or withdraw "
                            "it first.",
                        ),
                        code=participant.code,
                    )
            if partner_id is not None and session.get(Partner, partner_id) is None:
                raise RuleBroken(
                    QT_TRANSLATE_NOOP("Records", "That partner is no longer in the directory.")
                )
            row = Consent(
                purpose=consent.purpose,
                given_on=consent.given_on,
                method=consent.method,
                review_on=consent.review_on,
                note=consent.note.strip(),
                partner_id=partner_id,
            )
            participant.consents.append(row)
            session.flush()
            session.info["audit_detail"] = f"{participant.code}: {consent.purpose.value}"
            return row.id

    def withdraw(self, participant_id: int, consent_id: int, on: date | None = None) -> None:
        """Withdraw now (or on a past date already told to the SEC), with every effect."""
        today = self.today()
        on = on or today
        check.raise_if_any([check.not_in_future("withdrawn_on", on, today)])
        with self.vault.reading() as session:
            participant = store.load(session, participant_id)
            if self._consent_of(participant, consent_id).withdrawn_on is not None:
                return  # already withdrawn: nothing happens, so nothing is audited
        with self.vault.writing(AuditEvent.CONSENT_WITHDRAWN) as session:
            participant = store.load(session, participant_id)
            consent = self._consent_of(participant, consent_id)
            if consent.withdrawn_on is not None:
                return
            check.raise_if_any(
                [
                    check.not_before(
                        "withdrawn_on",
                        on,
                        consent.given_on,
                        QT_TRANSLATE_NOOP(
                            "Records", "Consent cannot be withdrawn before it was given."
                        ),
                    )
                ]
            )
            consent.withdrawn_on = on
            session.flush()
            self._apply_withdrawal(participant, consent.purpose, on, today)
            session.info["audit_detail"] = f"{participant.code}: {consent.purpose.value}"

    def review(self, participant_id: int, consent_id: int, next_review_on: date | None) -> None:
        """The consent was checked with the person and still holds; set the next review."""
        check.raise_if_any([check.not_in_past("review_on", next_review_on, self.today())])
        with self.vault.writing(AuditEvent.CONSENT_REVIEWED) as session:
            participant = store.load(session, participant_id)
            consent = self._consent_of(participant, consent_id)
            if consent.withdrawn_on is not None:
                raise RuleBroken(
                    QT_TRANSLATE_NOOP(
                        "Records", "This consent was withdrawn: record a new consent instead."
                    )
                )
            consent.review_on = next_review_on
            session.info["audit_detail"] = f"{participant.code}: {consent.purpose.value}"

    def due_for_review(self, within_days: int = DEFAULT_REVIEW_HORIZON_DAYS) -> list[ReviewDue]:
        """Consents and records whose review falls within `within_days`, or has passed,
        soonest first. By pseudonym only: this list is shown on the Today page."""
        until = self.today() + timedelta(days=within_days)
        with self.vault.reading() as session:
            consents = session.execute(
                select(
                    Participant.id, Participant.code, Consent.review_on, Consent.purpose, Consent.id
                )
                .join(Consent)
                .where(Consent.withdrawn_on.is_(None), Consent.review_on <= until)
            ).all()
            records = session.execute(
                select(Participant.id, Participant.code, Participant.record_review_on).where(
                    Participant.record_review_on <= until
                )
            ).all()
        due = [
            ReviewDue(ParticipantRef(i, c), on, purpose, cid)
            for i, c, on, purpose, cid in consents
            if on is not None
        ]
        due += [ReviewDue(ParticipantRef(i, c), on, None) for i, c, on in records if on]
        return sorted(due, key=lambda d: (d.due_on, d.participant.code))

    @staticmethod
    def _consent_of(participant: Participant, consent_id: int) -> Consent:
        for consent in participant.consents:
            if consent.id == consent_id:
                return consent
        raise RuleBroken(
            QT_TRANSLATE_NOOP("Records", "That consent is no longer on {code}'s record."),
            code=participant.code,
        )

    @staticmethod
    def _apply_withdrawal(
        participant: Participant, purpose: ConsentPurpose, on: date, today: date
    ) -> None:
        if store.current_consent(participant, purpose, today) is not None:
            return  # another consent for the same purpose (a second partner) still holds
        affected = set(groups_needing(purpose))
        contact_withdrawn = purpose == ConsentPurpose.CONTACT
        membership: Membership
        for membership in participant.memberships:
            if membership.left_on is None and membership.group in affected:
                membership.left_on = max(on, membership.joined_on)
                membership.left_reason = "consent withdrawn"
        invitation: Invitation
        for invitation in participant.invitations:
            waiting = invitation.response == InvitationResponse.AWAITING
            if waiting and (contact_withdrawn or invitation.group in affected):
                invitation.response = InvitationResponse.CANCELLED
                invitation.responded_on = today
                invitation.follow_up_on = None
