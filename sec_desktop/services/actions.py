"""Actions ("you said, we did"): what the force or a partner will change because of
feedback, its status and dated updates, and telling each person whose feedback led to it.

Status moves proposed -> agreed | declined; agreed -> in progress | done | declined; in
progress -> done | declined. Done needs an outcome, declined a reason; a closed action
never moves again (raise a new one). People are told only once it is closed, on a safe
channel, and never if they cannot be contacted.

Audit details name action and feedback ids and pseudonym codes, never what was said.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sec_desktop.domain.action import Action, ActionFeedback, ActionUpdate, ToldRecord
from sec_desktop.domain.action_enums import ActionStatus, TellingChannel
from sec_desktop.domain.engagement import Engagement
from sec_desktop.domain.enums import ContactChannel
from sec_desktop.domain.feedback import FeedbackItem
from sec_desktop.domain.participant import Participant
from sec_desktop.domain.partner import Partner
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import action_checks as rules
from sec_desktop.services import validation as check
from sec_desktop.services.action_records import (
    ActionDetails,
    ActionRecord,
    ActionRow,
    PersonToTell,
    ToldRow,
    UpdateRow,
    WhoToTell,
)
from sec_desktop.services.clock import Today, local_today, utc_now
from sec_desktop.services.errors import NotFound, RuleBroken
from sec_desktop.services.feedback_rows import read_rows
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

ACTION_GONE = QT_TRANSLATE_NOOP("Records", "This action is no longer in the vault.")


@dataclass
class ActionService:
    vault: Vault
    today: Today = field(default=local_today)

    # --- reading --------------------------------------------------------------------------

    def rows(self, status: ActionStatus | None = None) -> list[ActionRow]:
        """The board: by due date (none last), then newest first."""
        today = self.today()
        query = select(Action)
        if status is not None:
            query = query.where(Action.status == status)
        with self.vault.reading() as session:
            actions = list(session.scalars(query))
            partners = {
                int(i): str(n) for i, n in session.execute(select(Partner.id, Partner.name))
            }
            found = rules.behind(
                session, today, [a.id for a in actions] if status is not None else None
            )
        rows = [_row(a, partners, found, today) for a in actions]
        return sorted(rows, key=lambda r: (r.due_on is None, r.due_on or today, -r.id))

    def record(self, action_id: int) -> ActionRecord:
        with self.vault.reading() as session:
            action = _action(session, action_id)
            feedback = read_rows(
                session,
                self.today(),
                [FeedbackItem.id.in_([link.feedback_id for link in action.feedback])],
            )
            partner = session.get(Partner, action.owner_partner_id or 0)
            meeting = session.get(Engagement, action.raised_at_id or 0)
            return ActionRecord(
                id=action.id,
                details=_details_of(action),
                status=action.status,
                outcome=action.outcome,
                decline_reason=action.decline_reason,
                closed_on=action.closed_on,
                feedback=tuple(feedback),
                updates=tuple(UpdateRow(u.id, u.on, u.note) for u in action.updates),
                owner_partner_name=partner.name if partner is not None else "",
                raised_at_title=_meeting_title(meeting),
                raised_at_on=meeting.held_on if meeting is not None else None,
            )

    def who_to_tell(self, action_id: int) -> WhoToTell:
        """The people whose feedback led to it (each once, by code), with their safe
        contact rules and whether they were told; anonymous and partner items counted."""
        today = self.today()
        with self.vault.reading() as session:
            action = _action(session, action_id)
            found = rules.behind(session, today, [action_id])
            told = {
                t.participant_id: ToldRow(t.id, t.told_on, t.channel, t.what_was_said)
                for t in action.told
            }
            items = found.people.get(action_id, {})
            ids = set(items) | set(told)
            people = [
                _person(
                    p,
                    items.get(p.id, 0),
                    found.reach[p.id],
                    told.get(p.id),
                    closed_on=action.closed_on,
                    today=today,
                )
                for p in session.scalars(select(Participant).where(Participant.id.in_(ids)))
            ]
        return WhoToTell(
            tuple(sorted(people, key=lambda p: p.code)),
            found.anonymous.get(action_id, 0),
            found.partner.get(action_id, 0),
        )

    # --- writing --------------------------------------------------------------------------

    def raise_action(self, details: ActionDetails, feedback_ids: Sequence[int]) -> int:
        """Record a proposed action answering the given feedback; returns its id."""
        wanted = list(dict.fromkeys(feedback_ids))
        with self.vault.writing(AuditEvent.ACTION_RAISED) as session:
            rules.check_details(session, details)
            rules.check_feedback_ids(session, wanted)
            now = utc_now()
            action = Action(status=ActionStatus.PROPOSED, created_at=now, updated_at=now)
            _write(action, details)
            action.feedback = [ActionFeedback(feedback_id=f) for f in wanted]
            session.add(action)
            session.flush()
            session.info["audit_detail"] = _with_feedback(action.id, wanted)
            return action.id

    def update(self, action_id: int, details: ActionDetails) -> None:
        """Change what it says (its status moves only through `move`)."""
        with self.vault.writing(AuditEvent.ACTION_EDITED) as session:
            action = _action(session, action_id)
            _refuse_if_closed(action)
            rules.check_details(session, details)
            _write(action, details)
            action.updated_at = utc_now()
            session.info["audit_detail"] = f"action {action.id}"

    def link_feedback(self, action_id: int, feedback_ids: Sequence[int]) -> None:
        with self.vault.writing(AuditEvent.ACTION_FEEDBACK_CHANGED) as session:
            action = _action(session, action_id)
            _refuse_if_closed(action)
            have = {link.feedback_id for link in action.feedback}
            wanted = [f for f in dict.fromkeys(feedback_ids) if f not in have]
            rules.check_feedback_ids(session, wanted)
            action.feedback.extend(ActionFeedback(feedback_id=f) for f in wanted)
            action.updated_at = utc_now()
            session.info["audit_detail"] = _with_feedback(action.id, wanted, "linked")

    def unlink_feedback(self, action_id: int, feedback_id: int) -> None:
        """Refused for the last item of someone already told about it: the record of
        telling them stays, and so does what led to it."""
        with self.vault.writing(AuditEvent.ACTION_FEEDBACK_CHANGED) as session:
            action = _action(session, action_id)
            link = next((f for f in action.feedback if f.feedback_id == feedback_id), None)
            if link is None:
                return
            _check_unlink(session, action, feedback_id)
            action.feedback.remove(link)
            action.updated_at = utc_now()
            session.info["audit_detail"] = _with_feedback(action.id, [feedback_id], "unlinked")

    def move(
        self, action_id: int, status: ActionStatus, *, outcome: str = "", reason: str = ""
    ) -> None:
        """Move to another status; done records the outcome, declined the reason, and
        either closes it today."""
        with self.vault.writing(AuditEvent.ACTION_MOVED) as session:
            action = _action(session, action_id)
            before = action.status
            rules.check_move(before, status, outcome, reason)
            action.status = status
            if status == ActionStatus.DONE:
                action.outcome = outcome.strip()
            if status == ActionStatus.DECLINED:
                action.decline_reason = reason.strip()
            if status.closed:
                action.closed_on = self.today()
            action.updated_at = utc_now()
            session.info["audit_detail"] = f"action {action.id}: {before.value} -> {status.value}"

    def add_update(self, action_id: int, on: date, note: str) -> int:
        check.raise_if_any(
            [
                check.not_in_future("on", on, self.today()),
                check.required("note", note, rules.NOTE_LIMIT),
            ]
        )
        with self.vault.writing(AuditEvent.ACTION_UPDATE_ADDED) as session:
            action = _action(session, action_id)
            update = ActionUpdate(on=on, note=note.strip())
            action.updates.append(update)
            action.updated_at = utc_now()
            session.flush()
            session.info["audit_detail"] = f"action {action.id}: update {update.id}"
            return update.id

    def record_told(
        self,
        action_id: int,
        participant_id: int,
        told_on: date,
        channel: TellingChannel,
        what_was_said: str,
    ) -> int:
        """Record that someone behind a closed action was told what came of it."""
        today = self.today()
        with self.vault.writing(AuditEvent.PARTICIPANT_TOLD) as session:
            action = _action(session, action_id)
            participant = session.get(Participant, participant_id)
            found = rules.behind(session, today, [action_id])
            if participant is None or participant_id not in found.people.get(action_id, {}):
                raise NotFound(
                    QT_TRANSLATE_NOOP(
                        "Records",
                        "This person's feedback is no longer linked to this action (or "
                        "their record was erased).",
                    )
                )
            if participant_id in found.told.get(action_id, set()):
                raise RuleBroken(
                    QT_TRANSLATE_NOOP("Records", "{code} has already been told about this action."),
                    code=participant.code,
                )
            contact = participant.safe_contact
            rules.check_told(
                code=participant.code,
                reach=found.reach[participant_id],
                closed_on=action.closed_on,
                told_on=told_on,
                channel=channel,
                allowed=rules.allowed_channels(contact.channel_set() if contact else ()),
                what_was_said=what_was_said,
                today=today,
            )
            told = ToldRecord(
                participant_id=participant_id,
                told_on=told_on,
                channel=channel,
                what_was_said=what_was_said.strip(),
            )
            action.told.append(told)
            session.flush()
            session.info["audit_detail"] = f"action {action.id}: {participant.code}"
            return told.id


# --- helpers ------------------------------------------------------------------------------


def _action(session: Session, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound(ACTION_GONE)
    return action


def _write(action: Action, details: ActionDetails) -> None:
    action.title = details.title.strip()
    action.description = details.description.strip()
    action.owner_department = details.owner_department.strip()
    action.owner_partner_id = details.owner_partner_id
    action.due_on = details.due_on
    action.raised_at_id = details.raised_at_id


def _details_of(action: Action) -> ActionDetails:
    return ActionDetails(
        title=action.title,
        description=action.description,
        owner_department=action.owner_department,
        owner_partner_id=action.owner_partner_id,
        due_on=action.due_on,
        raised_at_id=action.raised_at_id,
    )


def _with_feedback(action_id: int, feedback_ids: Sequence[int], what: str = "") -> str:
    ids = ", ".join(str(f) for f in feedback_ids) or "none"
    return f"action {action_id}: feedback {what} {ids}".replace("  ", " ")


def _meeting_title(meeting: Engagement | None) -> str:
    if meeting is None:
        return ""
    if meeting.title.strip():
        return meeting.title.strip()
    return meeting.panel.label if meeting.panel is not None else ""


def _row(action: Action, partners: dict[int, str], found: rules.Behind, today: date) -> ActionRow:
    owner = " / ".join(
        p for p in (action.owner_department, partners.get(action.owner_partner_id or 0, "")) if p
    )
    due = not action.status.closed and action.due_on is not None and action.due_on < today
    telling = found.telling_overdue(action.id, action.closed_on, today)
    return ActionRow(
        id=action.id,
        title=action.title,
        owner=owner,
        due_on=action.due_on,
        status=action.status,
        overdue=due or telling,
        feedback_count=found.items.get(action.id, 0),
        people_to_tell=len(found.to_tell(action.id)),
        people_told=len(found.told.get(action.id, set())),
        due_overdue=due,
        telling_overdue=telling,
    )


def _person(
    participant: Participant,
    items: int,
    reach: rules.Reach,
    told: ToldRow | None,
    *,
    closed_on: date | None,
    today: date,
) -> PersonToTell:
    contact = participant.safe_contact
    channels = contact.channel_set() if contact is not None else frozenset()
    return PersonToTell(
        participant_id=participant.id,
        code=participant.code,
        items=items,
        contactable=reach.contactable,
        why_not=reach.why_not,
        safe_channels=tuple(c.value for c in ContactChannel if c in channels),
        preferred_language=rules.language_of(participant),
        safe_contact_summary=rules.summary_of(contact),
        told=told,
        overdue=rules.is_overdue(
            closed_on, reach.contactable and reach.chase, told is not None, today
        ),
        allowed_channels=rules.allowed_channels(channels),
    )


def _check_unlink(session: Session, action: Action, feedback_id: int) -> None:
    item = session.get(FeedbackItem, feedback_id)
    person = item.participant_id if item is not None else None
    told = {t.participant_id for t in action.told}
    if person is None or person not in told:
        return
    others = session.scalar(
        select(FeedbackItem.id).where(
            FeedbackItem.participant_id == person,
            FeedbackItem.id.in_(
                [f.feedback_id for f in action.feedback if f.feedback_id != feedback_id]
            ),
        )
    )
    if others is None:
        code = session.scalar(select(Participant.code).where(Participant.id == person))
        raise RuleBroken(
            QT_TRANSLATE_NOOP(
                "Records",
                "{code} has been told about this action, so the feedback that led to it stays "
                "linked.",
            ),
            code=code or "",
        )


CLOSED_STAYS = QT_TRANSLATE_NOOP(
    "Records",
    "This action is closed: what it says, and the feedback it answers, stay as they were "
    "when it closed (people may have been told). For further change, raise a new action.",
)


def _refuse_if_closed(action: Action) -> None:
    if action.status.closed:
        raise RuleBroken(CLOSED_STAYS)
