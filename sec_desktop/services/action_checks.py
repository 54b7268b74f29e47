"""The rules of actions: what an action must say, how its status may move, who may be
told about it and how, and the people behind each action (read in a few queries, for the
board, one action's list and the loop-closing figures alike).

A participant whose consent to be contacted was withdrawn (and not given again), or who
has left, is not contactable: listed, never overdue, never told.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from sec_desktop.domain.action import ActionFeedback, ToldRecord
from sec_desktop.domain.action_enums import ActionStatus, TellingChannel
from sec_desktop.domain.engagement import Engagement
from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource
from sec_desktop.domain.enums import (
    ConsentPurpose,
    ContactChannel,
    Language,
    ParticipantStatus,
    Weekday,
)
from sec_desktop.domain.feedback import FeedbackItem
from sec_desktop.domain.participant import Consent, Participant, SafeContact
from sec_desktop.domain.partner import Partner
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import validation as check
from sec_desktop.services.action_records import TELL_WITHIN_DAYS, ActionDetails
from sec_desktop.services.errors import FieldError, RuleBroken

TITLE_LIMIT = 200
TEXT_LIMIT = 4_000
DEPARTMENT_LIMIT = 200
NOTE_LIMIT = 2_000

CONSENT_WITHDRAWN = QT_TRANSLATE_NOOP(
    "Records", "Their consent to be contacted was withdrawn: do not contact them."
)
LEFT = QT_TRANSLATE_NOOP("Records", "They have left: do not contact them.")
NO_CONTACT_CONSENT = QT_TRANSLATE_NOOP(
    "Records", "There is no consent to contact them on record: ask through whoever referred them."
)
CONTACT_REVIEW_OVERDUE = QT_TRANSLATE_NOOP(
    "Records",
    "Their consent to be contacted is overdue for review: check it with them before telling them.",
)

# Where each status may move. Done and declined are closed: they never move again.
MOVES: dict[ActionStatus, frozenset[ActionStatus]] = {
    ActionStatus.PROPOSED: frozenset({ActionStatus.AGREED, ActionStatus.DECLINED}),
    ActionStatus.AGREED: frozenset(
        {ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.DECLINED}
    ),
    ActionStatus.IN_PROGRESS: frozenset({ActionStatus.DONE, ActionStatus.DECLINED}),
    ActionStatus.DONE: frozenset(),
    ActionStatus.DECLINED: frozenset(),
}

# Telling someone face to face, or through their IDVA/ISVA, needs no contact channel.
ALWAYS_ALLOWED = (TellingChannel.IN_PERSON, TellingChannel.THROUGH_PARTNER)
_TELLING_BY_CONTACT = {
    ContactChannel.PHONE: TellingChannel.PHONE,
    ContactChannel.TEXT: TellingChannel.TEXT,
    ContactChannel.EMAIL: TellingChannel.EMAIL,
    ContactChannel.LETTER: TellingChannel.LETTER,
}


# --- what an action says ------------------------------------------------------------------


def check_details(session: Session, details: ActionDetails) -> None:
    errors = [
        check.required("title", details.title, TITLE_LIMIT),
        check.text("description", details.description, TEXT_LIMIT),
        check.text("owner_department", details.owner_department, DEPARTMENT_LIMIT),
    ]
    if (
        details.owner_partner_id is not None
        and session.get(Partner, details.owner_partner_id) is None
    ):
        errors.append(
            FieldError(
                "owner_partner",
                QT_TRANSLATE_NOOP("Records", "That partner is no longer in the directory."),
            )
        )
    if details.raised_at_id is not None:
        meeting = session.get(Engagement, details.raised_at_id)
        if meeting is None or meeting.kind != EngagementKind.SCRUTINY_PANEL:
            errors.append(
                FieldError(
                    "raised_at",
                    QT_TRANSLATE_NOOP(
                        "Records",
                        "Choose a scrutiny panel meeting (that meeting is no longer in the "
                        "vault, or is not a panel meeting).",
                    ),
                )
            )
    check.raise_if_any(errors)


def check_feedback_ids(session: Session, feedback_ids: Collection[int]) -> None:
    found = set(session.scalars(select(FeedbackItem.id).where(FeedbackItem.id.in_(feedback_ids))))
    if set(feedback_ids) - found:
        raise RuleBroken(
            QT_TRANSLATE_NOOP(
                "Records", "Some of that feedback is no longer in the vault: choose it again."
            )
        )


# --- moving an action -----------------------------------------------------------------------


def check_move(current: ActionStatus, target: ActionStatus, outcome: str, reason: str) -> None:
    """Refused unless `current` may move to `target`; done needs an outcome and declined
    a reason."""
    if current.closed:
        raise RuleBroken(
            QT_TRANSLATE_NOOP(
                "Records",
                "This action is closed and cannot move again. If more needs doing, raise a "
                "new action.",
            )
        )
    if target == current:
        raise RuleBroken(QT_TRANSLATE_NOOP("Records", "The action already has this status."))
    if target not in MOVES[current]:
        raise RuleBroken(_refused_move(target))
    if target == ActionStatus.DONE:
        check.raise_if_any(
            [
                _said(
                    "outcome",
                    outcome,
                    QT_TRANSLATE_NOOP(
                        "Records", "Say what changed: an action is done only with its outcome."
                    ),
                )
            ]
        )
    if target == ActionStatus.DECLINED:
        check.raise_if_any(
            [
                _said(
                    "reason",
                    reason,
                    QT_TRANSLATE_NOOP(
                        "Records",
                        "Say why it was declined: the people whose feedback led to it will "
                        "be told.",
                    ),
                )
            ]
        )


def _refused_move(target: ActionStatus) -> str:
    if target == ActionStatus.PROPOSED:
        return QT_TRANSLATE_NOOP("Records", "An action cannot go back to proposed.")
    if target == ActionStatus.AGREED:
        return QT_TRANSLATE_NOOP("Records", "An action in progress cannot go back to agreed.")
    return QT_TRANSLATE_NOOP(
        "Records", "Agree this action first: a proposed action cannot start or be done yet."
    )


def _said(name: str, value: str, empty: str) -> FieldError | None:
    if not value.strip():
        return FieldError(name, empty)
    return check.text(name, value, TEXT_LIMIT)


# --- telling people ------------------------------------------------------------------------


@dataclass(frozen=True)
class Reach:
    contactable: bool
    why_not: str = ""
    # Paused: listed, but not chased (never overdue), as the roster does not chase them.
    chase: bool = True


def reach_of(
    status: ParticipantStatus,
    contact: list[tuple[date, date | None, date | None]],
    today: date,
) -> Reach:
    """`contact`: their consents to be contacted, (given on, withdrawn on, review on). The
    same rule as the participation gate: a current consent, not overdue for review."""
    if status == ParticipantStatus.LEFT:
        return Reach(False, LEFT)
    given_now = [
        review
        for given, gone, review in contact
        if given <= today and (gone is None or gone > today)
    ]
    if not contact:
        return Reach(False, NO_CONTACT_CONSENT)
    if not given_now:
        return Reach(False, CONSENT_WITHDRAWN)
    if not any(review is None or review >= today for review in given_now):
        return Reach(False, CONTACT_REVIEW_OVERDUE)
    return Reach(True, chase=status != ParticipantStatus.PAUSED)


def allowed_channels(channels: Collection[ContactChannel]) -> tuple[TellingChannel, ...]:
    wanted = {_TELLING_BY_CONTACT[c] for c in channels if c in _TELLING_BY_CONTACT}
    return tuple(t for t in TellingChannel if t in wanted or t in ALWAYS_ALLOWED)


def check_told(
    *,
    code: str,
    reach: Reach,
    closed_on: date | None,
    told_on: date,
    channel: TellingChannel,
    allowed: Collection[TellingChannel],
    what_was_said: str,
    today: date,
) -> None:
    if closed_on is None:
        raise RuleBroken(
            QT_TRANSLATE_NOOP(
                "Records",
                "People are told once the action is done or declined: this one is still open.",
            )
        )
    if not reach.contactable:
        raise RuleBroken(
            QT_TRANSLATE_NOOP(
                "Records",
                "{code} has left: they are not contacted, so they cannot be told.",
            )
            if reach.why_not == LEFT
            else QT_TRANSLATE_NOOP(
                "Records",
                "{code}'s consent to be contacted was withdrawn, so they cannot be told.",
            ),
            code=code,
        )
    check.raise_if_any(
        [
            check.not_in_future("told_on", told_on, today),
            check.not_before(
                "told_on",
                told_on,
                closed_on,
                QT_TRANSLATE_NOOP(
                    "Records", "This is before the action closed: people are told after it."
                ),
            ),
            None
            if channel in allowed
            else FieldError(
                "channel",
                QT_TRANSLATE_NOOP(
                    "Records",
                    "{code}'s safe contact rules do not allow this: use one of their safe "
                    "channels, in person, or through a partner.",
                ),
                {"code": code},
            ),
            _said(
                "what_was_said",
                what_was_said,
                QT_TRANSLATE_NOOP("Records", "Say what they were told."),
            ),
        ]
    )


def is_overdue(closed_on: date | None, contactable: bool, told: bool, today: date) -> bool:
    if closed_on is None or told or not contactable:
        return False
    return today - closed_on > timedelta(days=TELL_WITHIN_DAYS)


# --- the people behind actions -------------------------------------------------------------


@dataclass
class Behind:
    """Who is behind each action, read for many actions at once."""

    # action id -> participant id -> their items linked to it.
    people: dict[int, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    anonymous: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    partner: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    items: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    reach: dict[int, Reach] = field(default_factory=dict)
    # action id -> participant ids told.
    told: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))

    def to_tell(self, action_id: int) -> set[int]:
        """Contactable people behind it, and anyone already told (each once)."""
        contactable = {p for p in self.people.get(action_id, {}) if self.reach[p].contactable}
        return contactable | self.told.get(action_id, set())

    def telling_overdue(self, action_id: int, closed_on: date | None, today: date) -> bool:
        told = self.told.get(action_id, set())
        return any(
            is_overdue(
                closed_on, self.reach[p].contactable and self.reach[p].chase, p in told, today
            )
            for p in self.people.get(action_id, {})
        )


def behind(session: Session, today: date, action_ids: Collection[int] | None = None) -> Behind:
    """The people behind the given actions (every action if None)."""
    found = Behind()
    links = select(ActionFeedback.action_id, FeedbackItem.source, FeedbackItem.participant_id).join(
        FeedbackItem, FeedbackItem.id == ActionFeedback.feedback_id
    )
    told = select(ToldRecord.action_id, ToldRecord.participant_id)
    if action_ids is not None:
        links = links.where(ActionFeedback.action_id.in_(action_ids))
        told = told.where(ToldRecord.action_id.in_(action_ids))
    for action_id, source, participant_id in session.execute(links):
        found.items[action_id] += 1
        if source == FeedbackSource.PARTNER:
            found.partner[action_id] += 1
        elif source == FeedbackSource.PARTICIPANT and participant_id is not None:
            people = found.people[action_id]
            people[participant_id] = people.get(participant_id, 0) + 1
        else:
            found.anonymous[action_id] += 1
    for action_id, participant_id in session.execute(told):
        found.told[action_id].add(participant_id)
    everyone = {p for people in found.people.values() for p in people}
    everyone |= {p for told_ids in found.told.values() for p in told_ids}
    found.reach = _reach(session, everyone, today)
    return found


def _reach(session: Session, ids: set[int], today: date) -> dict[int, Reach]:
    if not ids:
        return {}
    where: ColumnElement[bool] = Participant.id.in_(ids)
    contact: dict[int, list[tuple[date, date | None, date | None]]] = defaultdict(list)
    for participant_id, given, gone, review in session.execute(
        select(
            Consent.participant_id, Consent.given_on, Consent.withdrawn_on, Consent.review_on
        ).where(Consent.participant_id.in_(ids), Consent.purpose == ConsentPurpose.CONTACT)
    ):
        contact[participant_id].append((given, gone, review))
    return {
        participant_id: reach_of(status, contact.get(participant_id, []), today)
        for participant_id, status in session.execute(
            select(Participant.id, Participant.status).where(where)
        )
    }


# --- safe contact, in a line ---------------------------------------------------------------


def language_of(participant: Participant) -> str:
    if participant.language == Language.OTHER and participant.language_other.strip():
        return participant.language_other.strip()
    return participant.language.label


def summary_of(contact: SafeContact | None) -> str:
    """The safe contact rules in a line, without phone, email or address (English)."""
    if contact is None or not contact.channel_set():
        return "No safe contact channels are recorded."
    channels = contact.channel_set()
    parts = [", ".join(c.label for c in ContactChannel if c in channels)]
    days = {Weekday(v) for v in contact.safe_days.split(",") if v}
    when = ", ".join(d.label for d in Weekday if d in days)
    hours = _hours(contact.safe_from, contact.safe_until)
    if when or hours:
        parts.append(f"safe {' '.join(p for p in (when, hours) if p)}")
    if contact.times_note.strip():
        parts.append(contact.times_note.strip())
    parts.append("voicemail may be left" if contact.voicemail_allowed else "no voicemail")
    parts.append(
        "may say they are from the police"
        if contact.may_say_police
        else "do not say you are from the police"
    )
    if contact.code_word.strip():
        parts.append("code word agreed")
    if contact.third_party_name.strip():
        parts.append("trusted third party recorded")
    return "; ".join(parts)


def _hours(start: time | None, end: time | None) -> str:
    if start is not None and end is not None:
        return f"{start:%H:%M}\u2013{end:%H:%M}"
    if start is not None:
        return f"from {start:%H:%M}"
    if end is not None:
        return f"until {end:%H:%M}"
    return ""
