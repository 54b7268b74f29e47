"""Engagements: focus groups, one-to-ones, anonymous staff forum sessions, and the Victim
Reference Group's projects and meetings. Scrutiny panel meetings are listed here too, but
made and changed by the scrutiny service.

Everyone recorded as taking part passes the one eligibility check
(`services/eligibility.py`) when they are added, inside the transaction that adds them.
An anonymous staff forum session keeps a headcount and nothing else about who came: its
details have no field for anyone, and the schema refuses an attendee on one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sec_desktop.domain.engagement import Attendance, Engagement, ReferenceProject
from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.domain.feedback import Disclosure, FeedbackItem
from sec_desktop.domain.partner import Partner, PartnerContact
from sec_desktop.domain.risk import WellbeingCheck
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import engagement_checks as checks
from sec_desktop.services import engagement_store as rows
from sec_desktop.services import participant_store as store
from sec_desktop.services.clock import Today, local_today, utc_now
from sec_desktop.services.eligibility import (
    Blocker,
    Eligibility,
    check_facts,
    check_participation,
    facts_of_everyone,
    is_group_session,
)
from sec_desktop.services.engagement_page import chosen, read_page
from sec_desktop.services.engagement_records import (
    AttendeeChoice,
    EngagementPage,
    EngagementRecord,
    EngagementRow,
    FocusGroupDetails,
    OneToOneDetails,
    ProjectDetails,
    ProjectRecord,
    ReferenceMeetingDetails,
    StaffForumDetails,
)
from sec_desktop.services.engagement_store import code_order
from sec_desktop.services.errors import RuleBroken
from sec_desktop.services.groups import NotEligible
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

NOT_A_MEMBER = Blocker(
    QT_TRANSLATE_NOOP("Records", "They are not a current member of the Victim Reference Group."),
    QT_TRANSLATE_NOOP(
        "Records", "Invite them to join the group and record their reply (Roster, Invitations)."
    ),
)
SCRUTINY_ELSEWHERE = QT_TRANSLATE_NOOP(
    "Records", "Scrutiny panel meetings are changed on the Scrutiny panels page."
)
HAS_FEEDBACK = QT_TRANSLATE_NOOP(
    "Records",
    "This cannot be deleted while feedback is recorded against it ({count} items): delete "
    "them first (open each from the feedback list below).",
)
HAS_ONE_FEEDBACK = QT_TRANSLATE_NOOP(
    "Records",
    "This cannot be deleted while feedback is recorded against it (1 item): delete it first "
    "(open it from the feedback list below).",
)
HAS_DISCLOSURE = QT_TRANSLATE_NOOP(
    "Records",
    "This engagement has {count} feedback items, including a disclosure, which stays on "
    "record: an engagement with a disclosure cannot be deleted.",
)
HAS_ONE_DISCLOSURE = QT_TRANSLATE_NOOP(
    "Records",
    "This engagement has 1 feedback item, a disclosure, which stays on record: an "
    "engagement with a disclosure cannot be deleted.",
)
SOURCE_STAYS = QT_TRANSLATE_NOOP(
    "Records",
    "{code} gave feedback at this session, so they stay on it as an attendee. To take them "
    "off, delete their feedback first (open it from the feedback list below).",
)


CHECK_STAYS = QT_TRANSLATE_NOOP(
    "Records",
    "A wellbeing check after this session is recorded for {code}, so they stay on it as an "
    "attendee: the check and any follow-up belong to their attendance.",
)


class NotAllowedToAttend(NotEligible):
    """Someone being added as an attendee is blocked by the eligibility check;
    `eligibility` holds every reason, each with what would unblock it."""

    def __init__(self, eligibility: Eligibility) -> None:
        self.eligibility = eligibility
        RuleBroken.__init__(
            self,
            QT_TRANSLATE_NOOP("Records", "{code} cannot be added as an attendee: {reason}"),
            code=eligibility.participant.code,
            reason=" ".join(b.reason for b in eligibility.blockers),
        )


@dataclass
class EngagementService:
    vault: Vault
    today: Today = field(default=local_today)

    # --- reading ------------------------------------------------------------------------

    def rows(
        self,
        *,
        kind: EngagementKind | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> list[EngagementRow]:
        """Every engagement (of `kind`, held from `start` to `end`), newest first, in one
        query."""
        query = rows.rows_query().where(*chosen(kind, start, end))
        with self.vault.reading() as session:
            result = session.execute(query).all()
        return [rows.row_of(values) for values in result]

    def page(
        self,
        *,
        kind: EngagementKind | None,
        words: Sequence[str],
        limit: int,
        start: date | None = None,
        end: date | None = None,
    ) -> EngagementPage:
        """The newest `limit` engagements (of `kind`, held from `start` to `end`) in which
        every word is found, as `rows()` gives them, and how many match. Words are looked
        for, case-insensitively, in the title, the topic, the project's title and a
        one-to-one's participant code. Memory in proportion to `limit`."""
        with self.vault.reading() as session:
            return read_page(session, chosen(kind, start, end), words, limit)

    def record(self, engagement_id: int) -> EngagementRecord:
        with self.vault.reading() as session:
            return rows.record_of(session, rows.engagement(session, engagement_id))

    def attendee_candidates(self, kind: EngagementKind) -> list[Eligibility]:
        """Everyone on the roster with what the eligibility check says about them now, by
        code. For a reference group meeting, people who are not current members of the
        Victim Reference Group are blocked too."""
        today = self.today()
        reference = kind is EngagementKind.REFERENCE_GROUP
        group = is_group_session(kind)
        with self.vault.reading() as session:
            everyone = facts_of_everyone(session, today)
            members = rows.reference_members(session) if reference else set[int]()
        results = []
        for facts in everyone:
            eligibility = check_facts(facts, group_session=group)
            if reference and facts.participant.id not in members:
                eligibility = _with(eligibility, NOT_A_MEMBER)
            results.append(eligibility)
        return sorted(results, key=lambda e: code_order(e.participant))

    def partner_contacts(self) -> list[tuple[int, str]]:
        """(id, "contact, partner") of the active partners' named contacts, for choosing
        the IDVA or ISVA who gave feedback on a survivor's behalf."""
        with self.vault.reading() as session:
            found = session.execute(
                select(PartnerContact.id, PartnerContact.name, Partner.name)
                .join(Partner)
                .where(Partner.active.is_(True))
                .order_by(func.lower(Partner.name), func.lower(PartnerContact.name))
            ).all()
        return [(int(i), f"{contact}, {partner}") for i, contact, partner in found]

    # --- recording and editing ----------------------------------------------------------

    def record_focus_group(
        self, details: FocusGroupDetails, attendees: Sequence[AttendeeChoice] = ()
    ) -> int:
        checks.focus_group(details, attendees, self.today())
        return self._save(None, EngagementKind.FOCUS_GROUP, details, attendees)

    def update_focus_group(
        self, engagement_id: int, details: FocusGroupDetails, attendees: Sequence[AttendeeChoice]
    ) -> None:
        checks.focus_group(details, attendees, self.today())
        self._save(engagement_id, EngagementKind.FOCUS_GROUP, details, attendees)

    def record_one_to_one(self, details: OneToOneDetails) -> int:
        checks.one_to_one(details, self.today())
        return self._save(None, EngagementKind.ONE_TO_ONE, details, _who(details))

    def update_one_to_one(self, engagement_id: int, details: OneToOneDetails) -> None:
        checks.one_to_one(details, self.today())
        self._save(engagement_id, EngagementKind.ONE_TO_ONE, details, _who(details))

    def record_staff_forum(self, details: StaffForumDetails) -> int:
        checks.staff_forum(details, self.today())
        return self._save(None, EngagementKind.STAFF_FORUM, details, None)

    def update_staff_forum(self, engagement_id: int, details: StaffForumDetails) -> None:
        checks.staff_forum(details, self.today())
        self._save(engagement_id, EngagementKind.STAFF_FORUM, details, None)

    def record_reference_meeting(
        self, details: ReferenceMeetingDetails, attendees: Sequence[AttendeeChoice] = ()
    ) -> int:
        checks.reference_meeting(details, attendees, self.today())
        return self._save(None, EngagementKind.REFERENCE_GROUP, details, attendees)

    def update_reference_meeting(
        self,
        engagement_id: int,
        details: ReferenceMeetingDetails,
        attendees: Sequence[AttendeeChoice],
    ) -> None:
        checks.reference_meeting(details, attendees, self.today())
        self._save(engagement_id, EngagementKind.REFERENCE_GROUP, details, attendees)

    def delete(self, engagement_id: int) -> None:
        """Delete an engagement with no feedback recorded against it."""
        with self.vault.writing(AuditEvent.ENGAGEMENT_DELETED) as session:
            engagement = rows.engagement(session, engagement_id)
            if engagement.kind is EngagementKind.SCRUTINY_PANEL:
                raise RuleBroken(SCRUTINY_ELSEWHERE)
            _refuse_feedback(session, engagement_id)
            session.info["audit_detail"] = f"{checks.AUDIT_NAMES[engagement.kind]} {engagement.id}"
            session.delete(engagement)

    # --- reference group projects -------------------------------------------------------

    def projects(self) -> list[ProjectRecord]:
        """Every project, the most recently requested first."""
        with self.vault.reading() as session:
            found = session.scalars(
                select(ReferenceProject).order_by(
                    ReferenceProject.requested_on.desc().nulls_last(), ReferenceProject.id.desc()
                )
            ).all()
            return [rows.project_record(session, p) for p in found]

    def project(self, project_id: int) -> ProjectRecord:
        with self.vault.reading() as session:
            return rows.project_record(session, rows.project(session, project_id))

    def add_project(self, details: ProjectDetails) -> int:
        checks.project(details, self.today())
        with self.vault.writing(AuditEvent.REFERENCE_PROJECT_SAVED) as session:
            project = ReferenceProject()
            rows.write_project(session, project, details)
            session.add(project)
            session.flush()
            session.info["audit_detail"] = f"reference project {project.id} added"
            return project.id

    def update_project(self, project_id: int, details: ProjectDetails) -> None:
        checks.project(details, self.today())
        detail = f"reference project {project_id} edited"
        with self.vault.writing(AuditEvent.REFERENCE_PROJECT_SAVED, detail) as session:
            rows.write_project(session, rows.project(session, project_id), details)

    # --- saving -------------------------------------------------------------------------

    def _save(
        self,
        engagement_id: int | None,
        kind: EngagementKind,
        details: object,
        attendees: Sequence[AttendeeChoice] | None,
    ) -> int:
        adding = engagement_id is None
        event = AuditEvent.ENGAGEMENT_RECORDED if adding else AuditEvent.ENGAGEMENT_EDITED
        now = utc_now()
        with self.vault.writing(event) as session:
            # Before anything is added: a query would flush a row pointing at nothing.
            contact_id = getattr(details, "via_partner_contact_id", None)
            if contact_id is not None:
                rows.contact_name(session, contact_id, required=True)
            if kind is EngagementKind.REFERENCE_GROUP:
                rows.project(session, getattr(details, "project_id", 0))
            if engagement_id is None:
                engagement = Engagement(kind=kind, created_at=now)
                session.add(engagement)
            else:
                engagement = rows.engagement(session, engagement_id)
                if engagement.kind is not kind:
                    raise ValueError(f"engagement {engagement_id} is not a {kind.value}")
            rows.write(engagement, details)
            engagement.updated_at = now
            codes = []
            if attendees is not None:
                codes = self._set_attendees(session, engagement, attendees)
            session.flush()
            session.info["audit_detail"] = _audit_detail(engagement, codes)
            return engagement.id

    def _set_attendees(
        self, session: Session, engagement: Engagement, chosen: Sequence[AttendeeChoice]
    ) -> list[str]:
        """Make the attendees those chosen; returns their codes, in code order.

        Only people added now go through the eligibility check. Someone already recorded
        as attending stays on an edit even if the check would block them today: the past
        is the past, and correcting a date or a note must not rewrite who was there."""
        today = self.today()
        wanted = {c.participant_id: c.confidentiality_explained for c in chosen}
        kept = {a.participant_id: a for a in engagement.attendees}
        for participant_id in kept.keys() - wanted.keys():
            if rows.feedback_from(session, engagement.id, participant_id):
                code = store.load(session, participant_id).code
                raise RuleBroken(SOURCE_STAYS, code=code)
            if _has_wellbeing_check(session, engagement.id, participant_id):
                code = store.load(session, participant_id).code
                raise RuleBroken(CHECK_STAYS, code=code)
            engagement.attendees.remove(kept[participant_id])
        refs = []
        for participant_id, explained in wanted.items():
            participant = store.load(session, participant_id)
            refs.append(store.ref_of(participant))
            if participant_id in kept:
                kept[participant_id].confidentiality_explained = explained
                continue
            eligibility = check_participation(
                participant, today, group_session=is_group_session(engagement.kind)
            )
            if engagement.kind is EngagementKind.REFERENCE_GROUP and not (
                rows.is_reference_member(participant)
            ):
                eligibility = _with(eligibility, NOT_A_MEMBER)
            if not eligibility.allowed:
                raise NotAllowedToAttend(eligibility)
            engagement.attendees.append(
                Attendance(participant_id=participant_id, confidentiality_explained=explained)
            )
        return [ref.code for ref in sorted(refs, key=code_order)]


def _has_wellbeing_check(session: Session, engagement_id: int, participant_id: int) -> bool:
    query = select(WellbeingCheck.id).where(
        WellbeingCheck.engagement_id == engagement_id,
        WellbeingCheck.participant_id == participant_id,
    )
    return session.scalar(query) is not None


def _refuse_feedback(session: Session, engagement_id: int) -> None:
    """Refused while feedback is recorded on it; for good if any of it is a disclosure."""
    count = rows.feedback_count(session, engagement_id)
    if not count:
        return
    disclosures = session.scalar(
        select(func.count())
        .select_from(Disclosure)
        .join(FeedbackItem, FeedbackItem.id == Disclosure.feedback_id)
        .where(FeedbackItem.engagement_id == engagement_id)
    )
    if disclosures:
        raise RuleBroken(HAS_DISCLOSURE if count > 1 else HAS_ONE_DISCLOSURE, count=count)
    raise RuleBroken(HAS_FEEDBACK if count > 1 else HAS_ONE_FEEDBACK, count=count)


def _with(eligibility: Eligibility, blocker: Blocker) -> Eligibility:
    return Eligibility(eligibility.participant, (*eligibility.blockers, blocker))


def _who(details: OneToOneDetails) -> list[AttendeeChoice]:
    if details.participant_id is None:
        return []
    return [AttendeeChoice(details.participant_id, details.confidentiality_explained)]


def _audit_detail(engagement: Engagement, codes: list[str]) -> str:
    if engagement.kind is EngagementKind.STAFF_FORUM:
        return f"staff forum session {engagement.id}: headcount {engagement.headcount}"
    detail = checks.audit_detail(engagement.kind, engagement.id, codes)
    if engagement.kind is EngagementKind.REFERENCE_GROUP:
        return detail.replace(":", f" (project {engagement.project_id}):", 1)
    return detail
