"""A participant's activity, for their history: the engagements they took part in and the
feedback they gave, newest first, read together in one session.

Engagements come from the attendance kept with each one. An anonymous staff forum session
keeps no attendees (the schema refuses them), so it never appears in anyone's history;
it is left out here as well, so that the rule holds twice. Feedback rows are read by
`feedback_rows.read_rows`, the same reading as `FeedbackService.rows(participant_id=...)`:
a disclosure's row carries no text. Once a participant is erased, their attendance is
gone and their feedback is kept anonymised (no longer linked to anyone), so asking for
their activity is refused as for any record no longer in the vault.

What they were told came of their feedback ("you said, we did") comes from the record of
telling kept with each action: the action's title, the day and the channel, no more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sec_desktop.domain.action import Action, ToldRecord
from sec_desktop.domain.action_enums import TellingChannel
from sec_desktop.domain.engagement import Attendance, Engagement, ReferenceProject
from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.domain.feedback import FeedbackItem
from sec_desktop.services import participant_store as store
from sec_desktop.services.clock import Today, local_today
from sec_desktop.services.feedback_records import FeedbackRow
from sec_desktop.services.feedback_rows import read_rows
from sec_desktop.vault.vault import Vault


@dataclass(frozen=True)
class EngagementAttended:
    """An engagement the participant is recorded as taking part in."""

    engagement_id: int
    kind: EngagementKind
    held_on: date
    title: str
    topic: str
    # Reference group meetings: the title of the project the group scrutinised.
    project_title: str
    # Were the limits of confidentiality explained to them, this time?
    confidentiality_explained: bool
    # Held after today: they are booked on it, not yet there.
    planned: bool

    @property
    def label(self) -> str:
        """What to call it, after its kind: its title, else its topic or project."""
        return self.title or self.topic or self.project_title


@dataclass(frozen=True)
class ToldOutcome:
    """That they were told what came of their feedback: the action it led to."""

    action_id: int
    action_title: str
    told_on: date
    channel: TellingChannel


@dataclass(frozen=True)
class ParticipantActivity:
    participant_id: int
    # Newest first; on the same day, the latest recorded first.
    engagements: tuple[EngagementAttended, ...]
    # Newest first, as `FeedbackService.rows` gives them (disclosures without text).
    feedback: tuple[FeedbackRow, ...]
    # Newest first; on the same day, the latest recorded first.
    told: tuple[ToldOutcome, ...] = ()


@dataclass
class ActivityService:
    vault: Vault
    today: Today = field(default=local_today)

    def of(self, participant_id: int) -> ParticipantActivity:
        """What the participant took part in and said. Raises NotFound if their record
        is not in the vault (erased, or never there)."""
        today = self.today()
        with self.vault.reading() as session:
            store.load(session, participant_id)
            engagements = _attended(session, participant_id, today)
            feedback = read_rows(session, today, [FeedbackItem.participant_id == participant_id])
            told = _told(session, participant_id)
        return ParticipantActivity(participant_id, tuple(engagements), tuple(feedback), tuple(told))


def _attended(session: Session, participant_id: int, today: date) -> list[EngagementAttended]:
    query = (
        select(
            Engagement.id,
            Engagement.kind,
            Engagement.held_on,
            Engagement.title,
            Engagement.topic,
            ReferenceProject.title,
            Attendance.confidentiality_explained,
        )
        .select_from(Attendance)
        .join(Engagement, Engagement.id == Attendance.engagement_id)
        .outerjoin(ReferenceProject, ReferenceProject.id == Engagement.project_id)
        .where(
            Attendance.participant_id == participant_id,
            Engagement.kind != EngagementKind.STAFF_FORUM,
        )
        .order_by(Engagement.held_on.desc(), Engagement.id.desc())
    )
    return [
        EngagementAttended(
            engagement_id=engagement_id,
            kind=kind,
            held_on=held_on,
            title=title,
            topic=topic,
            project_title=project_title or "",
            confidentiality_explained=explained,
            planned=held_on > today,
        )
        for engagement_id, kind, held_on, title, topic, project_title, explained in (
            session.execute(query)
        )
    ]


def _told(session: Session, participant_id: int) -> list[ToldOutcome]:
    query = (
        select(Action.id, Action.title, ToldRecord.told_on, ToldRecord.channel)
        .join(Action, Action.id == ToldRecord.action_id)
        .where(ToldRecord.participant_id == participant_id)
        .order_by(ToldRecord.told_on.desc(), ToldRecord.id.desc())
    )
    return [
        ToldOutcome(action_id, title, told_on, channel)
        for action_id, title, told_on, channel in session.execute(query)
    ]
