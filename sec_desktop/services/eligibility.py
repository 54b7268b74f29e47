"""The one eligibility check behind every invitation and attendee list.

It blocks, it does not merely warn: each blocker says why, and what would unblock it.
Later rules join this same check rather than adding their own: the risk assessment
did. Taking part needs a current assessment (the newest) whose outcome is not "defer"
and whose review date has not passed; a group session (a focus group, a reference group
meeting) also needs it not to be pre-trial or at trial unless the SEC approved groups
with a written reason. Invitations to join a group, and one-to-ones, are not group
sessions: the caller says which it is checking for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.domain.enums import ConsentPurpose, ParticipantStatus
from sec_desktop.domain.participant import Consent, Participant, SafeContact
from sec_desktop.domain.risk_enums import Proceedings, RiskOutcome
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import participant_store as store
from sec_desktop.services.participant_records import ParticipantRef
from sec_desktop.services.risk_records import current_assessments, current_row

# The sessions where people talk together: pre-trial or at trial keeps someone out of
# them unless the SEC approved it.
GROUP_SESSIONS = frozenset({EngagementKind.FOCUS_GROUP, EngagementKind.REFERENCE_GROUP})


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
NO_ASSESSMENT = Blocker(
    QT_TRANSLATE_NOOP("Records", "No risk assessment has been recorded."),
    QT_TRANSLATE_NOOP(
        "Records", "Go through a risk assessment with them (the Risk tab of their record)."
    ),
)
ASSESSMENT_DEFERRED = Blocker(
    QT_TRANSLATE_NOOP("Records", "Their latest risk assessment says to defer taking part."),
    QT_TRANSLATE_NOOP(
        "Records",
        "When the reason for deferring no longer holds, assess again with them and record "
        "the new outcome.",
    ),
)
ASSESSMENT_EXPIRED = Blocker(
    QT_TRANSLATE_NOOP("Records", "The review date of their risk assessment has passed."),
    QT_TRANSLATE_NOOP("Records", "Review it with them and record a new risk assessment."),
)
PRE_TRIAL_GROUP = Blocker(
    QT_TRANSLATE_NOOP(
        "Records",
        "Their case is pre-trial or at trial: a group is not allowed, so that they are not "
        "drawn into discussing the evidence.",
    ),
    QT_TRANSLATE_NOOP(
        "Records",
        "Only if you approve group sessions for them, with a written reason, in a new risk "
        "assessment. A one-to-one is allowed.",
    ),
)


@dataclass(frozen=True)
class AssessmentFacts:
    """What the gate needs of someone's current risk assessment."""

    outcome: RiskOutcome
    review_on: date
    proceedings: Proceedings
    group_approved: bool
    # The review date has passed (review_on before the day the facts were gathered).
    expired: bool

    @property
    def keeps_out_of_groups(self) -> bool:
        return self.proceedings.blocks_groups and not self.group_approved


def assessment_facts(
    outcome: RiskOutcome,
    review_on: date,
    proceedings: Proceedings,
    group_approved: bool,
    today: date,
) -> AssessmentFacts:
    return AssessmentFacts(outcome, review_on, proceedings, bool(group_approved), review_on < today)


@dataclass(frozen=True)
class ParticipationFacts:
    """What the check looks at, gathered for one person or, in one query, for everyone."""

    participant: ParticipantRef
    status: ParticipantStatus
    contact_consent: bool
    safe_channels: bool
    # A current contact consent whose review date has not passed (or has none).
    contact_consent_reviewed: bool = True
    # The current risk assessment; None: none has been recorded (which blocks).
    assessment: AssessmentFacts | None = None


def is_group_session(kind: EngagementKind) -> bool:
    """A focus group or a reference group meeting (where pre-trial blocks)."""
    return kind in GROUP_SESSIONS


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
        _assessment_of(participant, today),
    )


def _assessment_of(participant: Participant, today: date) -> AssessmentFacts | None:
    session = object_session(participant)
    if session is None:
        return None
    # Asked in the middle of a write (adding attendees): nothing half-made is flushed.
    with session.no_autoflush:
        row = current_row(session, participant.id)
    if row is None:
        return None
    return assessment_facts(row.outcome, row.review_on, row.proceedings, row.group_approved, today)


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
    current = current_assessments()
    rows = session.execute(
        select(
            Participant.id,
            Participant.code,
            Participant.status,
            contact_consent,
            channels,
            reviewed,
            current.c.outcome,
            current.c.review_on,
            current.c.proceedings,
            current.c.group_approved,
        ).outerjoin(current, current.c.participant_id == Participant.id)
    ).all()
    return [
        ParticipationFacts(
            ParticipantRef(i, code),
            status,
            bool(consent),
            bool(safe),
            bool(ok),
            None
            if outcome is None
            else assessment_facts(outcome, review_on, proceedings, approved, today),
        )
        for i, code, status, consent, safe, ok, outcome, review_on, proceedings, approved in rows
    ]


def check_facts(facts: ParticipationFacts, *, group_session: bool = False) -> Eligibility:
    """The rules themselves: each unmet one is a blocker. `group_session`: the check is
    for a focus group or reference group meeting (see `is_group_session`)."""
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
    blockers += _risk_blockers(facts.assessment, group_session)
    return Eligibility(facts.participant, tuple(blockers))


def _risk_blockers(assessment: AssessmentFacts | None, group_session: bool) -> list[Blocker]:
    if assessment is None:
        return [NO_ASSESSMENT]
    blockers = []
    if assessment.outcome is RiskOutcome.DEFER:
        blockers.append(ASSESSMENT_DEFERRED)
    if assessment.expired:
        blockers.append(ASSESSMENT_EXPIRED)
    if group_session and assessment.keeps_out_of_groups:
        blockers.append(PRE_TRIAL_GROUP)
    return blockers


def check_participation(
    participant: Participant, today: date, *, group_session: bool = False
) -> Eligibility:
    """May this person be invited to take part in something now? `group_session`: in a
    focus group or reference group meeting, where pre-trial keeps them out unless
    approved (an invitation to join a group is not itself a group session)."""
    return check_facts(facts_of(participant, today), group_session=group_session)
