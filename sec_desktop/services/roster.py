"""The roster: adding, editing, finding and erasing participants.

Names are matched only here (the roster is the one screen that shows them); every other
service finds people by pseudonym code. Codes are issued from a counter that only goes
up, so a code is never given to a second person, even after an erasure.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sec_desktop.domain.engagement_enums import FeedbackSource
from sec_desktop.domain.enums import (
    CommunicationNeed,
    ContactChannel,
    InvitationResponse,
    Language,
    ParticipantStatus,
)
from sec_desktop.domain.equality import CHARACTERISTICS
from sec_desktop.domain.feedback import Disclosure, FeedbackItem
from sec_desktop.domain.participant import (
    EqualityMonitoring,
    Participant,
    ParticipantNeed,
    PseudonymCounter,
    SafeContact,
)
from sec_desktop.domain.partner import Partner
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import participant_store as store
from sec_desktop.services import validation as check
from sec_desktop.services.clock import Today, local_today, utc_now
from sec_desktop.services.errors import FieldError, RuleBroken
from sec_desktop.services.participant_records import (
    CommunicationNeeds,
    EqualityAnswers,
    ParticipantDetails,
    ParticipantRecord,
    ParticipantRef,
    RosterRow,
    SafeContactRules,
)
from sec_desktop.services.roster_rows import roster_rows
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

CODE_PREFIX = "S"


def format_code(number: int) -> str:
    return f"{CODE_PREFIX}-{number:04d}"


def issue_code(session: Session) -> str:
    counter = session.get(PseudonymCounter, CODE_PREFIX)
    if counter is None:
        counter = PseudonymCounter(prefix=CODE_PREFIX, last_number=0)
        session.add(counter)
    counter.last_number += 1
    return format_code(counter.last_number)


def validate_details(
    details: ParticipantDetails, today: date, saved: ParticipantDetails | None = None
) -> None:
    check.raise_if_any(
        [
            check.required("name", details.name, 200),
            check.text("pronouns", details.pronouns, 60),
            (
                FieldError(
                    "language_other",
                    QT_TRANSLATE_NOOP("Records", "Say which language they prefer."),
                )
                if details.language == Language.OTHER and not details.language_other.strip()
                else check.text("language_other", details.language_other, 80)
            ),
            check.not_in_future("referred_on", details.referred_on, today),
            check.text("notes", details.notes, 20_000),
            check.not_in_past(
                "record_review_on",
                details.record_review_on,
                today,
                saved.record_review_on if saved else None,
            ),
        ]
    )


def validate_rules(rules: SafeContactRules) -> None:
    needs = QT_TRANSLATE_NOOP(
        "Records", "Needed because {channel} is an allowed way to contact them."
    )

    def needed(name: str, value: str, *channels: ContactChannel) -> FieldError | None:
        chosen = [c for c in channels if c in rules.channels]
        if chosen and not value.strip():
            return FieldError(name, needs, {"channel": chosen[0].label})
        return None

    check.raise_if_any(
        [
            check.phone("phone", rules.phone)
            or needed("phone", rules.phone, ContactChannel.PHONE, ContactChannel.TEXT),
            check.email("email", rules.email) or needed("email", rules.email, ContactChannel.EMAIL),
            check.text("postal_address", rules.postal_address, 400)
            or needed("postal_address", rules.postal_address, ContactChannel.LETTER),
            check.text("times_note", rules.times_note, 200),
            (
                FieldError(
                    "safe_until",
                    QT_TRANSLATE_NOOP("Records", "The safe time must end after it starts."),
                )
                if rules.safe_from and rules.safe_until and rules.safe_until <= rules.safe_from
                else None
            ),
            check.text("code_word", rules.code_word, 80),
            check.text("third_party_name", rules.third_party_name, 200)
            or needed("third_party_name", rules.third_party_name, ContactChannel.THIRD_PARTY),
            check.text("third_party_relationship", rules.third_party_relationship, 100),
            check.text("third_party_contact", rules.third_party_contact, 200)
            or needed("third_party_contact", rules.third_party_contact, ContactChannel.THIRD_PARTY),
            check.text("contact_notes", rules.notes, 4000),
        ]
    )


def validate_needs(needs: CommunicationNeeds) -> None:
    check.raise_if_any([check.text("communication_other", needs.other, 400)])


def validate_equality(answers: EqualityAnswers) -> None:
    errors: list[FieldError | None] = []
    for characteristic in CHARACTERISTICS:
        value = answers.answers.get(characteristic.key)
        if value is not None and value not in characteristic.values():
            errors.append(
                FieldError(
                    characteristic.key,
                    QT_TRANSLATE_NOOP("Records", "Choose one of the answers in the list."),
                )
            )
    unknown = set(answers.answers) - {c.key for c in CHARACTERISTICS}
    if unknown:
        raise ValueError(f"unknown characteristics: {sorted(unknown)}")
    check.raise_if_any(errors)


@dataclass
class RosterService:
    vault: Vault
    today: Today = field(default=local_today)

    # --- reading -------------------------------------------------------------------------

    def rows(self) -> list[RosterRow]:
        """Every participant as a roster line, in one query (fast at 15,000 people)."""
        with self.vault.reading() as session:
            return roster_rows(session)

    def record(self, participant_id: int) -> ParticipantRecord:
        with self.vault.reading() as session:
            return store.record_of(session, store.load(session, participant_id))

    def refs(self) -> list[ParticipantRef]:
        """Every participant by pseudonym code, for screens other than the roster."""
        with self.vault.reading() as session:
            result = session.execute(select(Participant.id, Participant.code).order_by("code"))
            return [ParticipantRef(int(i), str(c)) for i, c in result]

    def find_by_code(self, code: str) -> ParticipantRef | None:
        """The participant with this pseudonym code (as typed: case and spaces forgiven)."""
        wanted = code.strip().upper().replace(" ", "")
        if wanted and "-" not in wanted and wanted[1:].isdigit():
            wanted = f"{wanted[0]}-{wanted[1:]}"
        if wanted.startswith(f"{CODE_PREFIX}-") and wanted[2:].isdigit():
            wanted = format_code(int(wanted[2:]))
        with self.vault.reading() as session:
            found = session.execute(
                select(Participant.id, Participant.code).where(Participant.code == wanted)
            ).first()
        return ParticipantRef(int(found[0]), str(found[1])) if found else None

    # --- writing -------------------------------------------------------------------------

    def add(
        self,
        details: ParticipantDetails,
        contact: SafeContactRules | None = None,
        communication: CommunicationNeeds | None = None,
    ) -> ParticipantRef:
        today = self.today()
        validate_details(details, today)
        if contact is not None:
            validate_rules(contact)
        if communication is not None:
            validate_needs(communication)
        now = utc_now()
        with self.vault.writing(AuditEvent.PARTICIPANT_ADDED) as session:
            _refuse_unknown_partner(session, details.referral_partner_id)
            code = issue_code(session)
            participant = Participant(code=code, created_at=now, updated_at=now)
            _write_details(participant, details)
            session.add(participant)
            if contact is not None:
                safe = SafeContact()
                store.write_rules(safe, contact)
                participant.safe_contact = safe
            if communication is not None:
                _write_needs(participant, communication)
            session.flush()
            session.info["audit_detail"] = code
            return store.ref_of(participant)

    def update_details(self, participant_id: int, details: ParticipantDetails) -> None:
        with self.vault.reading() as session:
            saved = store.details_of(store.load(session, participant_id))
            validate_details(details, self.today(), saved)
            _refuse_unknown_partner(session, details.referral_partner_id)
        with self._editing(participant_id, "details") as participant:
            before = participant.status
            _write_details(participant, details)
            if details.status != before:
                _step_back(participant, details.status, self.today())

    def update_safe_contact(self, participant_id: int, rules: SafeContactRules) -> None:
        validate_rules(rules)
        with self._editing(participant_id, "safe contact") as participant:
            if participant.safe_contact is None:
                participant.safe_contact = SafeContact()
            store.write_rules(participant.safe_contact, rules)

    def update_communication(self, participant_id: int, needs: CommunicationNeeds) -> None:
        validate_needs(needs)
        with self._editing(participant_id, "communication needs") as participant:
            _write_needs(participant, needs)

    def update_equality(self, participant_id: int, answers: EqualityAnswers) -> None:
        validate_equality(answers)
        with self._editing(participant_id, "equality monitoring") as participant:
            if participant.equality is None:
                participant.equality = EqualityMonitoring()
            for characteristic in CHARACTERISTICS:
                setattr(
                    participant.equality,
                    characteristic.key,
                    answers.answers.get(characteristic.key),
                )

    def erase(self, participant_id: int) -> str:
        """Erase everything kept about a person. Their code is never issued again.
        Returns the code, for the message that confirms it."""
        with self.vault.reading() as session:
            code = store.load(session, participant_id).code
        with self.vault.writing(AuditEvent.PARTICIPANT_ERASED, code) as session:
            _refuse_open_disclosure(session, participant_id)
            _anonymise_feedback(session, participant_id)
            session.delete(store.load(session, participant_id))
        return code

    @contextmanager
    def _editing(self, participant_id: int, what: str) -> Iterator[Participant]:
        """A write to one participant, audited as an edit of `what` under their code."""
        with self.vault.writing(AuditEvent.PARTICIPANT_EDITED) as session:
            participant = store.load(session, participant_id)
            session.info["audit_detail"] = f"{participant.code}: {what}"
            participant.updated_at = utc_now()
            yield participant


def _refuse_unknown_partner(session: Session, partner_id: int | None) -> None:
    # Checked here rather than left to the foreign key: the database's error would carry
    # the whole row, name included, into logs and crash reports.
    if partner_id is not None and session.get(Partner, partner_id) is None:
        raise RuleBroken(
            QT_TRANSLATE_NOOP("Records", "That partner is no longer in the directory.")
        )


def _refuse_open_disclosure(session: Session, participant_id: int) -> None:
    """A disclosure not yet dealt with keeps its person: the crime recording steps still
    to take may need them."""
    open_steps = session.scalar(
        select(func.count())
        .select_from(Disclosure)
        .join(FeedbackItem, FeedbackItem.id == Disclosure.feedback_id)
        .where(FeedbackItem.participant_id == participant_id)
        .where(Disclosure.notified_at.is_(None) | Disclosure.survivor_told_on.is_(None))
    )
    if open_steps:
        raise RuleBroken(
            QT_TRANSLATE_NOOP(
                "Records",
                "This record cannot be erased yet: their feedback has a disclosure that is not "
                "dealt with. Record the notification to the crime recording team and that they "
                "were told first (Feedback, Disclosures), then erase the record.",
            )
        )


def _anonymise_feedback(session: Session, participant_id: int) -> None:
    """The feedback they gave stays, from an anonymous survivor; their permission to be
    quoted goes with them."""
    session.execute(
        update(FeedbackItem)
        .where(FeedbackItem.participant_id == participant_id)
        .values(source=FeedbackSource.ANONYMOUS, participant_id=None, quote_permission=False)
    )


def _step_back(participant: Participant, status: ParticipantStatus, today: date) -> None:
    """Someone who pauses is not chased for replies; someone who leaves is in no group."""
    if status not in (ParticipantStatus.PAUSED, ParticipantStatus.LEFT):
        return
    for invitation in participant.invitations:
        if invitation.response == InvitationResponse.AWAITING:
            invitation.response = InvitationResponse.CANCELLED
            invitation.responded_on = today
            invitation.follow_up_on = None
    if status == ParticipantStatus.LEFT:
        for membership in participant.memberships:
            if membership.left_on is None:
                membership.left_on = max(today, membership.joined_on)
                membership.left_reason = "left"


def _write_details(participant: Participant, details: ParticipantDetails) -> None:
    participant.name = details.name.strip()
    participant.pronouns = details.pronouns.strip()
    participant.language = details.language
    participant.language_other = (
        details.language_other.strip() if details.language == Language.OTHER else ""
    )
    participant.age_band = details.age_band
    participant.referral_route = details.referral_route
    participant.referral_partner_id = details.referral_partner_id
    participant.referred_on = details.referred_on
    participant.status = details.status
    participant.notes = details.notes
    participant.record_review_on = details.record_review_on


def _write_needs(participant: Participant, needs: CommunicationNeeds) -> None:
    wanted = set(needs.needs)
    participant.needs[:] = [n for n in participant.needs if n.need in wanted]
    have = {n.need for n in participant.needs}
    participant.needs.extend(
        ParticipantNeed(need=n) for n in CommunicationNeed if n in wanted - have
    )
    participant.communication_other = needs.other.strip()


# One pass over the participants; the lists are joined with a separator no value holds.
