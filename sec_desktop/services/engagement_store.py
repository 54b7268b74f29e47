"""Reading and writing engagement rows for the engagement service: the list query, plain
records, and copying a form's details onto a row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from sec_desktop.domain.engagement import Attendance, Engagement, ReferenceProject, ScrutinyCase
from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.domain.enums import Group
from sec_desktop.domain.feedback import FeedbackItem
from sec_desktop.domain.participant import Membership, Participant
from sec_desktop.domain.partner import Partner, PartnerContact
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services.engagement_records import (
    Attendee,
    EngagementRecord,
    EngagementRow,
    ProjectDetails,
    ProjectRecord,
)
from sec_desktop.services.errors import NotFound
from sec_desktop.services.participant_records import ParticipantRef

GONE = QT_TRANSLATE_NOOP("Records", "That engagement is no longer on record.")
PROJECT_GONE = QT_TRANSLATE_NOOP("Records", "That reference group project is no longer on record.")
CONTACT_GONE = QT_TRANSLATE_NOOP("Records", "That partner contact is no longer listed.")
PARTNER_GONE = QT_TRANSLATE_NOOP("Records", "That partner is no longer in the directory.")

# Fields of the forms' details that are not columns of the engagement: the participant of
# a one-to-one is kept as its attendance.
_NOT_COLUMNS = frozenset({"participant_id", "confidentiality_explained"})
# Free text kept as typed; every other text field is trimmed.
_AS_TYPED = frozenset({"notes"})


def code_order(ref: ParticipantRef) -> tuple[int, str]:
    # S-9999 before S-10000.
    return (len(ref.code), ref.code)


# --- the list --------------------------------------------------------------------------------


def rows_query() -> Select[tuple[Any, ...]]:
    """Every engagement with its counts, newest first: one statement, whose correlated
    counts each use an index (attendance's key, feedback_item.engagement_id)."""
    attendance = (
        select(func.count())
        .where(Attendance.engagement_id == Engagement.id)
        .correlate(Engagement)
        .scalar_subquery()
    )
    on_engagement = (
        select(func.count(FeedbackItem.id))
        .where(FeedbackItem.engagement_id == Engagement.id)
        .correlate(Engagement)
        .scalar_subquery()
    )
    # A scrutiny case's feedback may name only its case.
    on_cases = (
        select(func.count(FeedbackItem.id))
        .join(ScrutinyCase, FeedbackItem.case_id == ScrutinyCase.id)
        .where(ScrutinyCase.engagement_id == Engagement.id, FeedbackItem.engagement_id.is_(None))
        .correlate(Engagement)
        .scalar_subquery()
    )
    one_code = (
        select(Participant.code)
        .join(Attendance, Attendance.participant_id == Participant.id)
        .where(Attendance.engagement_id == Engagement.id)
        .correlate(Engagement)
        .limit(1)
        .scalar_subquery()
    )
    kind = Engagement.kind
    return (
        select(
            Engagement.id,
            kind,
            Engagement.held_on,
            Engagement.starts_at,
            Engagement.title,
            Engagement.topic,
            Engagement.panel,
            Engagement.format,
            Engagement.channel,
            case(
                (kind == EngagementKind.STAFF_FORUM, func.coalesce(Engagement.headcount, 0)),
                else_=attendance,
            ),
            on_engagement + case((kind == EngagementKind.SCRUTINY_PANEL, on_cases), else_=0),
            Engagement.wellbeing_follow_up,
            func.coalesce(ReferenceProject.title, ""),
            case((kind == EngagementKind.ONE_TO_ONE, func.coalesce(one_code, "")), else_=""),
        )
        .outerjoin(ReferenceProject, ReferenceProject.id == Engagement.project_id)
        .order_by(
            Engagement.held_on.desc(),
            Engagement.starts_at.desc().nulls_last(),
            Engagement.id.desc(),
        )
    )


def row_of(values: Sequence[Any]) -> EngagementRow:
    """A row of `rows_query`, in the order of EngagementRow's fields."""
    return EngagementRow(*values)


# --- one engagement --------------------------------------------------------------------------


def engagement(session: Session, engagement_id: int) -> Engagement:
    found = session.get(Engagement, engagement_id)
    if found is None:
        raise NotFound(GONE)
    return found


def record_of(session: Session, e: Engagement) -> EngagementRecord:
    attendees = session.execute(
        select(Participant.id, Participant.code, Attendance.confidentiality_explained)
        .join(Attendance, Attendance.participant_id == Participant.id)
        .where(Attendance.engagement_id == e.id)
    ).all()
    project = session.get(ReferenceProject, e.project_id) if e.project_id is not None else None
    return EngagementRecord(
        id=e.id,
        kind=e.kind,
        held_on=e.held_on,
        starts_at=e.starts_at,
        title=e.title,
        topic=e.topic,
        format=e.format,
        venue=e.venue,
        advertised_via=e.advertised_via,
        facilitator=e.facilitator,
        support_worker=e.support_worker,
        notes=e.notes,
        wellbeing_follow_up=e.wellbeing_follow_up,
        headcount=e.headcount,
        channel=e.channel,
        via_partner_contact_id=e.via_partner_contact_id,
        via_partner_contact=contact_name(session, e.via_partner_contact_id),
        panel=e.panel,
        project=project_record(session, project) if project is not None else None,
        attendees=tuple(
            sorted(
                (Attendee(ParticipantRef(i, c), bool(x)) for i, c, x in attendees),
                key=lambda a: code_order(a.participant),
            )
        ),
        feedback_count=feedback_count(session, e.id),
        created_at=e.created_at,
        updated_at=e.updated_at,
    )


def feedback_count(session: Session, engagement_id: int) -> int:
    count = session.scalar(
        select(func.count(FeedbackItem.id)).where(FeedbackItem.engagement_id == engagement_id)
    )
    return int(count or 0)


def feedback_from(session: Session, engagement_id: int, participant_id: int) -> int:
    count = session.scalar(
        select(func.count(FeedbackItem.id)).where(
            FeedbackItem.engagement_id == engagement_id,
            FeedbackItem.participant_id == participant_id,
        )
    )
    return int(count or 0)


def contact_name(session: Session, contact_id: int | None, *, required: bool = False) -> str:
    """ "Contact, Partner" (professionals, not survivors: named as in the directory)."""
    contact = session.get(PartnerContact, contact_id) if contact_id is not None else None
    if contact is None:
        if required:
            raise NotFound(CONTACT_GONE)
        return ""
    partner = session.get(Partner, contact.partner_id)
    return f"{contact.name}, {partner.name}" if partner is not None else contact.name


def reference_members(session: Session) -> set[int]:
    return set(
        session.scalars(
            select(Membership.participant_id).where(
                Membership.group == Group.REFERENCE_GROUP, Membership.left_on.is_(None)
            )
        )
    )


def is_reference_member(participant: Participant) -> bool:
    return any(
        m.group is Group.REFERENCE_GROUP and m.left_on is None for m in participant.memberships
    )


# --- projects --------------------------------------------------------------------------------


def project(session: Session, project_id: int) -> ReferenceProject:
    found = session.get(ReferenceProject, project_id)
    if found is None:
        raise NotFound(PROJECT_GONE)
    return found


def project_record(session: Session, p: ReferenceProject) -> ProjectRecord:
    partner = session.get(Partner, p.partner_id) if p.partner_id is not None else None
    meetings = session.scalar(
        select(func.count(Engagement.id)).where(Engagement.project_id == p.id)
    )
    return ProjectRecord(
        p.id,
        ProjectDetails(
            title=p.title,
            partner_id=p.partner_id,
            organisation=p.organisation,
            description=p.description,
            requested_on=p.requested_on,
            status=p.status,
            outputs=p.outputs,
        ),
        partner.name if partner is not None else p.organisation,
        int(meetings or 0),
    )


def write_project(session: Session, p: ReferenceProject, d: ProjectDetails) -> None:
    if d.partner_id is not None and session.get(Partner, d.partner_id) is None:
        raise NotFound(PARTNER_GONE)
    p.title, p.partner_id = d.title.strip(), d.partner_id
    # A partner from the directory names the organisation; a typed name only without one.
    p.organisation = "" if d.partner_id is not None else d.organisation.strip()
    p.description, p.requested_on = d.description, d.requested_on
    p.status, p.outputs = d.status, d.outputs


# --- writing ---------------------------------------------------------------------------------


def write(e: Engagement, details: object) -> None:
    """Copy a form's details onto the row: their fields are named as its columns."""
    for item in fields(details):  # type: ignore[arg-type]
        if item.name in _NOT_COLUMNS:
            continue
        if not hasattr(Engagement, item.name):
            raise AttributeError(f"engagement has no column {item.name}")
        value = getattr(details, item.name)
        if isinstance(value, str) and item.name not in _AS_TYPED:
            value = value.strip()
        setattr(e, item.name, value)
