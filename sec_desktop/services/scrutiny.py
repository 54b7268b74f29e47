"""DA and RASSO scrutiny panel meetings, and the finalised cases each one reviews.

A meeting is an engagement of kind SCRUTINY_PANEL with its panel set. Each case has the
force's crime reference (in the configured format, see `crime_reference.py`), offence type,
outcome, the victim's journey as a dated timeline tagged by stage, the Victims' Code rights
judged met or not met, whether the victim was contacted and agreed to give feedback (their
feedback is kept as feedback items on the case), and the questions for the panel.

Audit details carry ids and the panel only: a crime reference identifies a case, so it is
never written to the audit log or a log file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sec_desktop.domain.action import Action
from sec_desktop.domain.engagement import (
    CaseTimelineEntry,
    Engagement,
    ScrutinyCase,
    TaxonomyTerm,
)
from sec_desktop.domain.engagement_enums import EngagementKind, Panel, TermKind
from sec_desktop.domain.feedback import FeedbackItem
from sec_desktop.domain.participant import Participant
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import validation as check
from sec_desktop.services.clock import Today, local_today, utc_now
from sec_desktop.services.crime_reference import CrimeReferenceService, normalise
from sec_desktop.services.errors import FieldError, NotFound, RuleBroken, ValidationFailed
from sec_desktop.services.roster import RosterService
from sec_desktop.services.scrutiny_records import (
    CaseDetails,
    CaseRecord,
    MeetingDetails,
    MeetingRecord,
    MeetingRow,
    TimelineEntry,
)
from sec_desktop.services.scrutiny_store import (
    CASE_GONE,
    case_rows,
    code_of,
    feedback_count,
    load_case,
    load_meeting,
    meeting_detail,
    stage_names,
    write_rights,
)
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

TEXT_LIMIT = 200
SHORT_LIMIT = 120
NOTES_LIMIT = 20_000
QUESTIONS_LIMIT = 4_000
TIMELINE_NOTE_LIMIT = 2_000


def timeline_field(index: int, part: str) -> str:
    """The field name of one part ("on", "stage", "note") of the timeline entry typed
    `index`th (from 0), as refusals name it."""
    return f"timeline.{index}.{part}"


@dataclass
class ScrutinyService:
    vault: Vault
    today: Today = field(default=local_today)
    # The crime reference format, kept with the vault (Settings edits it).
    references: CrimeReferenceService = field(init=False)

    def __post_init__(self) -> None:
        self.references = CrimeReferenceService(self.vault)

    # --- meetings ----------------------------------------------------------------------

    def meetings(self, panel: Panel | None = None) -> list[MeetingRow]:
        """Every meeting (of one panel, if given), newest first, with how many cases."""
        cases = (
            select(func.count(ScrutinyCase.id))
            .where(ScrutinyCase.engagement_id == Engagement.id)
            .scalar_subquery()
        )
        query = select(
            Engagement.id,
            Engagement.held_on,
            Engagement.panel,
            Engagement.venue,
            cases,
            Engagement.starts_at,
            Engagement.format,
        ).where(Engagement.kind == EngagementKind.SCRUTINY_PANEL)
        if panel is not None:
            query = query.where(Engagement.panel == panel)
        query = query.order_by(Engagement.held_on.desc(), Engagement.id.desc())
        with self.vault.reading() as session:
            rows = session.execute(query).all()
        return [
            MeetingRow(int(i), on, panel or Panel.DA, venue, int(n), starts, fmt)
            for i, on, panel, venue, n, starts, fmt in rows
        ]

    def meeting(self, meeting_id: int) -> MeetingRecord:
        with self.vault.reading() as session:
            meeting = load_meeting(session, meeting_id)
            details = MeetingDetails(
                meeting.panel,
                meeting.held_on,
                meeting.starts_at,
                meeting.format,
                meeting.venue,
                meeting.facilitator,
                meeting.notes,
            )
            return MeetingRecord(meeting.id, details, tuple(case_rows(session, meeting)))

    def record_meeting(self, details: MeetingDetails) -> int:
        _validate_meeting(details)
        with self.vault.writing(AuditEvent.ENGAGEMENT_RECORDED) as session:
            now = utc_now()
            meeting = Engagement(
                kind=EngagementKind.SCRUTINY_PANEL,
                title="",
                topic="",
                advertised_via="",
                support_worker="",
                wellbeing_follow_up=False,
                created_at=now,
            )
            _write_meeting(meeting, details, now)
            session.add(meeting)
            session.flush()
            session.info["audit_detail"] = meeting_detail(meeting)
            return meeting.id

    def update_meeting(self, meeting_id: int, details: MeetingDetails) -> None:
        _validate_meeting(details)
        with self.vault.writing(AuditEvent.ENGAGEMENT_EDITED) as session:
            meeting = load_meeting(session, meeting_id)
            _write_meeting(meeting, details, utc_now())
            session.info["audit_detail"] = meeting_detail(meeting)

    def delete_meeting(self, meeting_id: int) -> None:
        """Delete a meeting recorded in error: refused while it has cases or feedback."""
        with self.vault.writing(AuditEvent.ENGAGEMENT_DELETED) as session:
            meeting = load_meeting(session, meeting_id)
            if meeting.cases:
                raise RuleBroken(
                    QT_TRANSLATE_NOOP(
                        "Records",
                        "This meeting still has cases ({count}). If the meeting was "
                        "recorded in error, delete its cases first.",
                    ),
                    count=len(meeting.cases),
                )
            raised = session.scalar(select(func.count()).where(Action.raised_at_id == meeting_id))
            if raised:
                raise RuleBroken(
                    QT_TRANSLATE_NOOP(
                        "Records",
                        "Actions were raised at this meeting ({count}), so it stays on record "
                        "with them.",
                    ),
                    count=int(raised),
                )
            if feedback_count(session, FeedbackItem.engagement_id == meeting_id):
                raise RuleBroken(
                    QT_TRANSLATE_NOOP(
                        "Records",
                        "Feedback is recorded on this meeting. If it was added in error, "
                        "delete it from its own record first (a disclosure stays on record, "
                        "and so does the meeting it was given at).",
                    )
                )
            session.info["audit_detail"] = meeting_detail(meeting)
            session.delete(meeting)

    # --- cases -------------------------------------------------------------------------

    def case(self, case_id: int) -> CaseRecord:
        with self.vault.reading() as session:
            case = load_case(session, case_id)
            meeting = load_meeting(session, case.engagement_id)
            stages = stage_names(session, (e.stage_id for e in case.timeline))
            code = code_of(session, case.participant_id)
            details = CaseDetails(
                crime_reference=case.crime_reference,
                offence_type=case.offence_type,
                outcome=case.outcome,
                timeline=tuple(
                    TimelineEntry(e.on, e.stage_id, e.note, stages.get(e.stage_id or 0, ""))
                    for e in case.timeline
                ),
                rights={r.right: r.met for r in case.rights},
                victim_contacted=case.victim_contacted,
                victim_agreed=case.victim_agreed,
                participant_code=code,
                questions=case.questions,
            )
            return CaseRecord(
                case.id, meeting.id, meeting.panel or Panel.DA, meeting.held_on, details
            )

    def save_case(self, meeting_id: int, details: CaseDetails, case_id: int | None = None) -> int:
        """Add a case to a meeting (`case_id` None) or change one; returns its id."""
        participant_id = self._check_case(details)
        event = AuditEvent.SCRUTINY_CASE_SAVED
        with self.vault.writing(event) as session:
            meeting = load_meeting(session, meeting_id)
            case = ScrutinyCase() if case_id is None else load_case(session, case_id)
            if case_id is not None and case.engagement_id != meeting_id:
                raise NotFound(CASE_GONE)
            reference = normalise(details.crime_reference)
            _refuse_duplicate(meeting, reference, case_id)
            _refuse_unknown_stages(session, details.timeline)
            if participant_id is not None and session.get(Participant, participant_id) is None:
                raise ValidationFailed([_unknown_code()])
            if case_id is not None:
                _keep_feedback_attributable(session, case, details, participant_id)
            case.crime_reference = reference
            case.offence_type = details.offence_type.strip()
            case.outcome = details.outcome.strip()
            case.victim_contacted = details.victim_contacted
            case.victim_agreed = details.victim_agreed
            case.participant_id = participant_id
            case.questions = details.questions.strip()
            write_rights(case, details.rights)
            case.timeline = [
                CaseTimelineEntry(on=e.on, stage_id=e.stage_id, note=e.note.strip())
                for e in sorted(details.timeline, key=lambda e: e.on)  # stable: typed order kept
            ]
            if case_id is None:
                meeting.cases.append(case)
            meeting.updated_at = utc_now()
            session.flush()
            session.info["audit_detail"] = f"case {case.id}, {meeting_detail(meeting)}"
            return case.id

    def delete_case(self, case_id: int) -> None:
        """Delete a case added in error: refused while the victim's feedback is on it."""
        with self.vault.writing(AuditEvent.SCRUTINY_CASE_DELETED) as session:
            case = load_case(session, case_id)
            feedback = feedback_count(session, FeedbackItem.case_id == case_id)
            if feedback:
                raise RuleBroken(
                    QT_TRANSLATE_NOOP(
                        "Records",
                        "The victim's feedback is recorded on this case ({count}), and would "
                        "be lost. If it was added in error, delete it first, from its own "
                        "record (a disclosure stays on record, and so does its case).",
                    ),
                    count=feedback,
                )
            meeting = load_meeting(session, case.engagement_id)
            session.info["audit_detail"] = f"case {case.id}, {meeting_detail(meeting)}"
            meeting.cases.remove(case)

    def _check_case(self, details: CaseDetails) -> int | None:
        """Every check that needs no write session; returns the victim's participant id."""
        today = self.today()
        errors: list[FieldError | None] = [
            self.references.check(details.crime_reference),
            check.text("offence_type", details.offence_type, SHORT_LIMIT),
            check.text("outcome", details.outcome, SHORT_LIMIT),
            check.text("questions", details.questions, QUESTIONS_LIMIT),
        ]
        if details.victim_agreed and not details.victim_contacted:
            errors.append(
                FieldError(
                    "victim_agreed",
                    QT_TRANSLATE_NOOP(
                        "Records",
                        "They can only have agreed to give feedback if they were contacted: "
                        "say that they were contacted, or that they did not agree.",
                    ),
                )
            )
        participant_id: int | None = None
        code = details.participant_code.strip()
        if code:
            found = RosterService(self.vault, self.today).find_by_code(code)
            if found is None:
                errors.append(_unknown_code())
            else:
                participant_id = found.id
        for index, entry in enumerate(details.timeline):
            errors.append(check.not_in_future(timeline_field(index, "on"), entry.on, today))
            if entry.stage_id is None:
                errors.append(
                    FieldError(
                        timeline_field(index, "stage"),
                        QT_TRANSLATE_NOOP("Records", "Choose the stage of the journey."),
                    )
                )
            errors.append(
                check.text(timeline_field(index, "note"), entry.note, TIMELINE_NOTE_LIMIT)
            )
        check.raise_if_any(errors)
        return participant_id


# --- helpers -----------------------------------------------------------------------------


def _validate_meeting(details: MeetingDetails) -> None:
    check.raise_if_any(
        [
            (
                FieldError("panel", QT_TRANSLATE_NOOP("Records", "Choose the panel: DA or RASSO."))
                if details.panel is None
                else None
            ),
            check.text("venue", details.venue, TEXT_LIMIT),
            check.text("facilitator", details.facilitator, TEXT_LIMIT),
            check.text("notes", details.notes, NOTES_LIMIT),
        ]
    )


def _write_meeting(meeting: Engagement, details: MeetingDetails, now: datetime) -> None:
    meeting.panel = details.panel
    meeting.held_on = details.held_on
    meeting.starts_at = details.starts_at
    meeting.format = details.format
    meeting.venue = details.venue.strip()
    meeting.facilitator = details.facilitator.strip()
    meeting.notes = details.notes
    meeting.updated_at = now


def _keep_feedback_attributable(
    session: Session, case: ScrutinyCase, details: CaseDetails, participant_id: int | None
) -> None:
    """Once the victim's feedback is on a case, who the victim is and that they agreed to
    give it stay as they were: the feedback would otherwise belong to nobody (or to
    someone else)."""
    if not feedback_count(session, FeedbackItem.case_id == case.id):
        return
    errors: list[FieldError] = []
    if case.victim_agreed and not details.victim_agreed:
        errors.append(
            FieldError(
                "victim_agreed",
                QT_TRANSLATE_NOOP(
                    "Records",
                    "The victim's feedback is already recorded on this case, given because "
                    "they agreed: this stays ticked while their feedback is kept.",
                ),
            )
        )
    if participant_id != case.participant_id:
        errors.append(
            FieldError(
                "participant_code",
                QT_TRANSLATE_NOOP(
                    "Records",
                    "The victim's feedback is already recorded on this case: the victim "
                    "cannot be changed while it is kept.",
                ),
            )
        )
    if errors:
        raise ValidationFailed(errors)


def _unknown_code() -> FieldError:
    # The code typed is not repeated: it might be a name typed in the wrong field.
    return FieldError(
        "participant_code",
        QT_TRANSLATE_NOOP(
            "Records",
            "No one on the roster has this code. Check it (codes look like S-0042), or leave "
            "it empty if the victim is not on the roster.",
        ),
    )


def _refuse_duplicate(meeting: Engagement, reference: str, own_id: int | None) -> None:
    if any(c.crime_reference == reference and c.id != own_id for c in meeting.cases):
        raise ValidationFailed(
            [
                FieldError(
                    "crime_reference",
                    QT_TRANSLATE_NOOP(
                        "Records",
                        "This case is already on this meeting's list: edit it there instead.",
                    ),
                )
            ]
        )


def _refuse_unknown_stages(session: Session, timeline: Sequence[TimelineEntry]) -> None:
    wanted = {e.stage_id for e in timeline if e.stage_id is not None}
    if not wanted:
        return
    # Retired stages are allowed: an old case keeps the stages it was coded with.
    known = set(
        session.scalars(
            select(TaxonomyTerm.id).where(
                TaxonomyTerm.id.in_(wanted), TaxonomyTerm.kind == TermKind.STAGE
            )
        )
    )
    errors = [
        FieldError(
            timeline_field(index, "stage"),
            QT_TRANSLATE_NOOP(
                "Records", "That stage is no longer in the list: choose another stage."
            ),
        )
        for index, entry in enumerate(timeline)
        if entry.stage_id is not None and entry.stage_id not in known
    ]
    if errors:
        raise ValidationFailed(errors)
