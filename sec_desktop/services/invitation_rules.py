"""What stops an invitation to one group in particular: already a member or invited,
consent to the group withdrawn, or a recent "no". The general eligibility check (in
`eligibility.py`) comes first; these are added to it for a named group.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from sec_desktop.domain.enums import GROUP_CONSENT, Group, InvitationResponse
from sec_desktop.domain.participant import Consent, Invitation, Participant
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services.eligibility import Blocker

# After a "no", people are not asked again for a while (they can always ask themselves).
REST_AFTER: dict[InvitationResponse, timedelta] = {
    InvitationResponse.DECLINED: timedelta(days=182),
    InvitationResponse.NO_REPLY: timedelta(days=91),
}
RESTING = {
    InvitationResponse.DECLINED: QT_TRANSLATE_NOOP(
        "Records", "They declined an invitation to this group on {on}."
    ),
    InvitationResponse.NO_REPLY: QT_TRANSLATE_NOOP(
        "Records", "They did not reply to an invitation to this group (closed on {on})."
    ),
}
ALREADY_MEMBER = Blocker(
    QT_TRANSLATE_NOOP("Records", "They are already a member of this group."),
    QT_TRANSLATE_NOOP("Records", "Nothing to do: they are in it."),
)
ALREADY_INVITED = Blocker(
    QT_TRANSLATE_NOOP("Records", "They have been invited and have not replied yet."),
    QT_TRANSLATE_NOOP("Records", "Record their reply first."),
)
WITHDREW = Blocker(
    QT_TRANSLATE_NOOP("Records", "They withdrew their consent to membership of this group."),
    QT_TRANSLATE_NOOP("Records", "Only if they ask to join again: then record their consent."),
)


def group_blockers(participant: Participant, group: Group, today: date) -> list[Blocker]:
    """What stops inviting this person to this group in particular."""
    blockers: list[Blocker] = []
    if any(m.group == group and m.left_on is None for m in participant.memberships):
        blockers.append(ALREADY_MEMBER)
    if any(
        i.group == group and i.response == InvitationResponse.AWAITING
        for i in participant.invitations
    ):
        blockers.append(ALREADY_INVITED)
    purpose = GROUP_CONSENT[group]
    ever = [c for c in participant.consents if c.purpose == purpose]
    if ever and all(c.withdrawn_on is not None for c in ever):
        blockers.append(WITHDREW)
    answer = _last_answer(participant, group)
    if answer is not None:
        response, on = answer
        rest = REST_AFTER.get(response)
        if rest is not None and on + rest > today:
            blockers.append(
                Blocker(
                    RESTING[response],
                    QT_TRANSLATE_NOOP("Records", "Ask again from {date}, or sooner if they ask."),
                    {"on": on.isoformat(), "date": (on + rest).isoformat()},
                )
            )
    return blockers


def _last_answer(participant: Participant, group: Group) -> tuple[InvitationResponse, date] | None:
    answered = [
        (i.responded_on, i.response)
        for i in participant.invitations
        if i.group == group and i.responded_on is not None
    ]
    if not answered:
        return None
    on, response = max(answered, key=lambda pair: pair[0])
    return response, on


def resting(session: Session, group: Group, today: date) -> set[int]:
    """Whose last answer to an invitation to `group` was no (or none), lately."""
    last: dict[int, tuple[date, InvitationResponse]] = {}
    rows = session.execute(
        select(Invitation.participant_id, Invitation.responded_on, Invitation.response).where(
            Invitation.group == group, Invitation.responded_on.is_not(None)
        )
    )
    for participant_id, on, response in rows:
        if on is not None and (participant_id not in last or on > last[participant_id][0]):
            last[participant_id] = (on, response)
    return {
        participant_id
        for participant_id, (on, response) in last.items()
        if response in REST_AFTER and on + REST_AFTER[response] > today
    }


def withdrew_from(group: Group) -> Select[int]:
    """The ids of people whose every consent to `group` has been withdrawn."""
    purpose = GROUP_CONSENT[group]
    current = (
        select(Consent.participant_id)
        .where(Consent.purpose == purpose, Consent.withdrawn_on.is_(None))
        .scalar_subquery()
    )
    return (
        select(Consent.participant_id)
        .where(Consent.purpose == purpose, Consent.participant_id.not_in(current))
        .distinct()
    )
