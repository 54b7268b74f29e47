"""Memberships of the Survivor Network, the Victim Reference Group and the staff forum,
and invitations to join them.

Joining needs current consent for that group; inviting needs the eligibility check to
pass and the channel to be one the person allowed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sec_desktop.domain.enums import (
    GROUP_CONSENT,
    INVITABLE_GROUPS,
    ContactChannel,
    Group,
    InvitationResponse,
    ParticipantStatus,
)
from sec_desktop.domain.participant import Invitation, Membership, Participant
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import participant_store as store
from sec_desktop.services import validation as check
from sec_desktop.services.clock import Today, local_today
from sec_desktop.services.eligibility import (
    Eligibility,
    check_facts,
    check_participation,
    facts_of_everyone,
)
from sec_desktop.services.errors import RuleBroken
from sec_desktop.services.invitation_rules import group_blockers, resting, withdrew_from
from sec_desktop.services.participant_records import InvitationRecord, ParticipantRef
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault


@dataclass(frozen=True)
class Invite:
    group: Group
    invited_on: date
    channel: ContactChannel
    follow_up_on: date | None = None
    context: str = ""


class NotEligible(RuleBroken):
    """The eligibility check said no; `eligibility` holds every reason."""

    def __init__(self, eligibility: Eligibility) -> None:
        self.eligibility = eligibility
        super().__init__(
            QT_TRANSLATE_NOOP("Records", "{code} cannot be invited now."),
            code=eligibility.participant.code,
        )


@dataclass
class GroupsService:
    vault: Vault
    today: Today = field(default=local_today)

    # --- eligibility and lists -------------------------------------------------------

    def eligibility(self, participant_id: int, group: Group | None = None) -> Eligibility:
        """The one eligibility check; with a group, also what stops an invitation to it
        (already a member, already waiting, withdrew from it, declined it lately)."""
        today = self.today()
        with self.vault.reading() as session:
            participant = store.load(session, participant_id)
            general = check_participation(participant, today)
            if group is None:
                return general
            extra = tuple(group_blockers(participant, group, today))
            return Eligibility(general.participant, general.blockers + extra)

    def invitation_list(self, group: Group) -> list[ParticipantRef]:
        """Who may be invited to `group` now: eligible, not a member, not already waiting
        on an invitation to it. By pseudonym, soonest-referred first."""
        today = self.today()
        with self.vault.reading() as session:
            everyone = facts_of_everyone(session, today)
            members = set(
                session.scalars(
                    select(Membership.participant_id).where(
                        Membership.group == group, Membership.left_on.is_(None)
                    )
                )
            )
            withdrawn = set(session.scalars(withdrew_from(group)))
            resting_ids = resting(session, group, today)
            invited = set(
                session.scalars(
                    select(Invitation.participant_id).where(
                        Invitation.group == group,
                        Invitation.response == InvitationResponse.AWAITING,
                    )
                )
            )
            referred = {
                i: on for i, on in session.execute(select(Participant.id, Participant.referred_on))
            }
        eligible = [
            facts.participant
            for facts in everyone
            if facts.participant.id not in members
            and facts.participant.id not in invited
            and facts.participant.id not in withdrawn
            and facts.participant.id not in resting_ids
            and check_facts(facts).allowed
        ]
        return sorted(eligible, key=lambda ref: (referred.get(ref.id) or date.min, ref.code))

    def awaiting(self) -> list[InvitationRecord]:
        """Invitations waiting for a reply, the follow-ups soonest first."""
        with self.vault.reading() as session:
            rows = session.execute(
                select(Invitation, Participant.id, Participant.code)
                .join(Participant)
                .where(Invitation.response == InvitationResponse.AWAITING)
            ).all()
            records = [store.invitation_of(i, ParticipantRef(pid, code)) for i, pid, code in rows]
        return sorted(records, key=lambda r: (r.follow_up_on or date.max, r.participant.code))

    def members(self, group: Group) -> list[ParticipantRef]:
        with self.vault.reading() as session:
            rows = session.execute(
                select(Participant.id, Participant.code)
                .join(Membership)
                .where(Membership.group == group, Membership.left_on.is_(None))
                .order_by(Participant.code)
            ).all()
        return [ParticipantRef(int(i), str(c)) for i, c in rows]

    # --- changes ------------------------------------------------------------------------

    def invite(self, participant_id: int, invite: Invite) -> int:
        today = self.today()
        check.raise_if_any(
            [
                check.not_in_future("invited_on", invite.invited_on, today),
                check.not_in_past("follow_up_on", invite.follow_up_on, today),
                check.text("context", invite.context, 200),
            ]
        )
        with self.vault.writing(AuditEvent.INVITATION_RECORDED) as session:
            participant = store.load(session, participant_id)
            eligibility = check_participation(participant, today)
            if not eligibility.allowed:
                raise NotEligible(eligibility)
            if invite.group not in INVITABLE_GROUPS:
                raise ValueError("only the Survivor Network and Reference Group invite")
            blockers = group_blockers(participant, invite.group, today)
            if blockers:
                raise NotEligible(Eligibility(store.ref_of(participant), tuple(blockers)))
            contact = participant.safe_contact
            if contact is None or invite.channel not in contact.channel_set():
                raise ChannelNotAllowed()
            invitation = Invitation(
                group=invite.group,
                invited_on=invite.invited_on,
                channel=invite.channel,
                follow_up_on=invite.follow_up_on,
                context=invite.context.strip(),
            )
            participant.invitations.append(invitation)
            session.flush()
            session.info["audit_detail"] = f"{participant.code}: {invite.group.value}"
            return invitation.id

    def respond(
        self,
        invitation_id: int,
        response: InvitationResponse,
        on: date,
        role: str = "",
    ) -> None:
        """Record the reply. Accepting makes them a member, which needs their consent."""
        if response in (InvitationResponse.AWAITING, InvitationResponse.CANCELLED):
            raise ValueError("a reply is accepted, declined or no reply")
        check.raise_if_any(
            [
                check.not_in_future("responded_on", on, self.today()),
                check.text("role", role, 80),
            ]
        )
        with self.vault.writing(AuditEvent.INVITATION_RECORDED) as session:
            invitation = _invitation(session, invitation_id)
            participant = store.load(session, invitation.participant_id)
            if invitation.response != InvitationResponse.AWAITING:
                raise RuleBroken(
                    QT_TRANSLATE_NOOP("Records", "This invitation has already been answered.")
                )
            check.raise_if_any(
                [
                    check.not_before(
                        "responded_on",
                        on,
                        invitation.invited_on,
                        QT_TRANSLATE_NOOP(
                            "Records", "The reply cannot come before the invitation."
                        ),
                    )
                ]
            )
            invitation.response = response
            invitation.responded_on = on
            invitation.follow_up_on = None
            if response == InvitationResponse.ACCEPTED:
                self._join(participant, invitation.group, on, role)
            session.info["audit_detail"] = f"{participant.code}: {response.value}"

    def join(self, participant_id: int, group: Group, joined_on: date, role: str = "") -> int:
        check.raise_if_any(
            [
                check.not_in_future("joined_on", joined_on, self.today()),
                check.text("role", role, 80),
            ]
        )
        with self.vault.writing(AuditEvent.MEMBERSHIP_CHANGED) as session:
            participant = store.load(session, participant_id)
            membership = self._join(participant, group, joined_on, role)
            session.flush()
            session.info["audit_detail"] = f"{participant.code}: joined {group.value}"
            return membership.id

    def leave(
        self, participant_id: int, membership_id: int, left_on: date, reason: str = ""
    ) -> None:
        check.raise_if_any(
            [
                check.not_in_future("left_on", left_on, self.today()),
                check.text("left_reason", reason, 200),
            ]
        )
        with self.vault.writing(AuditEvent.MEMBERSHIP_CHANGED) as session:
            participant = store.load(session, participant_id)
            membership = next((m for m in participant.memberships if m.id == membership_id), None)
            if membership is None or membership.left_on is not None:
                raise RuleBroken(
                    QT_TRANSLATE_NOOP("Records", "{code} is no longer a member of that group."),
                    code=participant.code,
                )
            check.raise_if_any(
                [
                    check.not_before(
                        "left_on",
                        left_on,
                        membership.joined_on,
                        QT_TRANSLATE_NOOP("Records", "They cannot leave before they joined."),
                    )
                ]
            )
            membership.left_on = left_on
            membership.left_reason = reason.strip()
            session.info["audit_detail"] = f"{participant.code}: left {membership.group.value}"

    def _join(self, participant: Participant, group: Group, on: date, role: str) -> Membership:
        if participant.status == ParticipantStatus.LEFT:
            raise RuleBroken(
                QT_TRANSLATE_NOOP(
                    "Records",
                    "{code} has left. If they come back, set their status first.",
                ),
                code=participant.code,
            )
        if store.current_consent(participant, GROUP_CONSENT[group], self.today()) is None:
            raise RuleBroken(
                QT_TRANSLATE_NOOP(
                    "Records",
                    "{code} has no current consent to membership of this group: record "
                    "their consent first.",
                ),
                code=participant.code,
            )
        if any(m.group == group and m.left_on is None for m in participant.memberships):
            raise RuleBroken(
                QT_TRANSLATE_NOOP("Records", "{code} is already a member of this group."),
                code=participant.code,
            )
        membership = Membership(group=group, joined_on=on, role=role.strip())
        participant.memberships.append(membership)
        return membership


class ChannelNotAllowed(RuleBroken):
    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "Records",
                "That channel is not one they allowed. Use a channel from their safe contact "
                "rules.",
            )
        )


def _invitation(session: Session, invitation_id: int) -> Invitation:
    invitation = session.get(Invitation, invitation_id)
    if invitation is None:
        raise RuleBroken(QT_TRANSLATE_NOOP("Records", "That invitation is no longer on record."))
    return invitation
