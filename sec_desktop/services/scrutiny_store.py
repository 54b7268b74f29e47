"""Reading and writing the rows of scrutiny panel meetings and their cases, for the
scrutiny service: loading them (or saying they are gone), the cases as list rows with
their counts, and the rights judged."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from sec_desktop.domain.engagement import (
    CaseRight,
    CaseTimelineEntry,
    Engagement,
    ScrutinyCase,
    TaxonomyTerm,
)
from sec_desktop.domain.engagement_enums import EngagementKind, VictimsRight
from sec_desktop.domain.feedback import FeedbackItem
from sec_desktop.domain.participant import Participant
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services.errors import NotFound
from sec_desktop.services.scrutiny_records import CaseRow

RIGHT_NUMBER = {right: number for number, right in enumerate(VictimsRight, start=1)}

MEETING_GONE = QT_TRANSLATE_NOOP(
    "Records", "That scrutiny panel meeting is no longer on record (it may have been deleted)."
)
CASE_GONE = QT_TRANSLATE_NOOP(
    "Records", "That case is no longer on record (it may have been deleted)."
)


def meeting_detail(meeting: Engagement) -> str:
    panel = meeting.panel.value if meeting.panel is not None else "none"
    return f"scrutiny meeting {meeting.id}: {panel}"


def load_meeting(session: Session, meeting_id: int) -> Engagement:
    meeting = session.get(Engagement, meeting_id)
    if meeting is None or meeting.kind != EngagementKind.SCRUTINY_PANEL:
        raise NotFound(MEETING_GONE)
    return meeting


def load_case(session: Session, case_id: int) -> ScrutinyCase:
    case = session.get(ScrutinyCase, case_id)
    if case is None:
        raise NotFound(CASE_GONE)
    return case


def write_rights(case: ScrutinyCase, rights: Mapping[VictimsRight, bool]) -> None:
    """Keep the rights judged; a right no longer judged loses its row. Rows are changed in
    place: removing and adding a row with the same key in one flush is not allowed."""
    judged = dict(rights)
    existing = {row.right: row for row in case.rights}
    for right, row in existing.items():
        if right not in judged:
            case.rights.remove(row)
        else:
            row.met = bool(judged[right])
    for right, met in judged.items():
        if right not in existing:
            case.rights.append(
                CaseRight(right=VictimsRight(right), position=RIGHT_NUMBER[right], met=bool(met))
            )


def feedback_count(session: Session, where: ColumnElement[bool]) -> int:
    return int(session.scalar(select(func.count(FeedbackItem.id)).where(where)) or 0)


def code_of(session: Session, participant_id: int | None) -> str:
    if participant_id is None:
        return ""
    return str(
        session.scalar(select(Participant.code).where(Participant.id == participant_id)) or ""
    )


def stage_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(
        select(TaxonomyTerm.id, TaxonomyTerm.name).where(TaxonomyTerm.id.in_(wanted))
    ).all()
    return {int(i): str(n) for i, n in rows}


def case_rows(session: Session, meeting: Engagement) -> list[CaseRow]:
    """The meeting's cases as rows, with their counts in a query each (not one per case)."""
    ids = [c.id for c in meeting.cases]
    if not ids:
        return []
    entries = dict(
        session.execute(
            select(CaseTimelineEntry.case_id, func.count())
            .where(CaseTimelineEntry.case_id.in_(ids))
            .group_by(CaseTimelineEntry.case_id)
        ).all()
    )
    met: dict[tuple[int, bool], int] = {
        (int(c), bool(m)): int(n)
        for c, m, n in session.execute(
            select(CaseRight.case_id, CaseRight.met, func.count())
            .where(CaseRight.case_id.in_(ids))
            .group_by(CaseRight.case_id, CaseRight.met)
        )
    }
    feedback = dict(
        session.execute(
            select(FeedbackItem.case_id, func.count())
            .where(FeedbackItem.case_id.in_(ids))
            .group_by(FeedbackItem.case_id)
        ).all()
    )
    codes = dict(
        session.execute(
            select(Participant.id, Participant.code).where(
                Participant.id.in_({c.participant_id for c in meeting.cases if c.participant_id})
            )
        ).all()
    )
    return [
        CaseRow(
            id=c.id,
            meeting_id=meeting.id,
            crime_reference=c.crime_reference,
            offence_type=c.offence_type,
            outcome=c.outcome,
            victim_contacted=c.victim_contacted,
            victim_agreed=c.victim_agreed,
            participant_code=codes.get(c.participant_id or 0, ""),
            timeline_entries=int(entries.get(c.id, 0)),
            rights_met=met.get((c.id, True), 0),
            rights_not_met=met.get((c.id, False), 0),
            feedback_items=int(feedback.get(c.id, 0) or 0),
        )
        for c in meeting.cases
    ]
