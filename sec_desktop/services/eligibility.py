"""The one eligibility check behind every invitation and attendee list.

It blocks, it does not merely warn: each blocker says why, and what would unblock it.
Later rules (the risk assessment) join this same check rather than adding their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sec_desktop.domain.enums import ConsentPurpose, ParticipantStatus
from sec_desktop.domain.participant import Participant
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
NO_SAFE_CONTACT = Blocker(
    QT_TRANSLATE_NOOP("Records", "No safe way to contact them has been recorded."),
    QT_TRANSLATE_NOOP("Records", "Record their safe contact rules, with at least one channel."),
)


def check_participation(participant: Participant, today: date) -> Eligibility:
    """May this person be invited to take part in something now?"""
    blockers: list[Blocker] = []
    if participant.status is ParticipantStatus.LEFT:
        blockers.append(LEFT)
    elif participant.status is ParticipantStatus.PAUSED:
        blockers.append(PAUSED)
    if store.current_consent(participant, ConsentPurpose.CONTACT, today) is None:
        blockers.append(NO_CONTACT_CONSENT)
    contact = participant.safe_contact
    if contact is None or not contact.channel_set():
        blockers.append(NO_SAFE_CONTACT)
    return Eligibility(store.ref_of(participant), tuple(blockers))
