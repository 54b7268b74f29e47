"""A demo participant's history: consents per purpose, memberships and invitations.

The history is planned as the services would have recorded it, day by day: consent is
given before anything that needs it; an invitation goes only to someone whose contact
consent held that day, by a channel they allowed; joining needs the group's consent;
a withdrawal ends the memberships that needed it and cancels invitations still waiting.
Things done on the same day come before a withdrawal made that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sec_desktop.demo.context import DemoContext
from sec_desktop.domain.enums import (
    GROUP_CONSENT,
    INVITABLE_GROUPS,
    ConsentMethod,
    ConsentPurpose,
    ContactChannel,
    Group,
    InvitationResponse,
    ParticipantStatus,
    PartnerType,
    ReferralRoute,
)

if TYPE_CHECKING:
    from sec_desktop.demo.people import DemoPerson

# The reason the consent service gives a membership it ends.
WITHDRAWN_REASON = "consent withdrawn"

PURPOSES = (
    (ConsentPurpose.CONTACT, 0.96),
    (ConsentPurpose.REPORTING, 0.85),
    (ConsentPurpose.NETWORK, 0.55),
    (ConsentPurpose.REFERENCE_GROUP, 0.18),
    (ConsentPurpose.QUOTE, 0.45),
    (ConsentPurpose.TRAINING, 0.08),
    (ConsentPurpose.PARTNER_SHARING, 0.3),
)
ENQUIRY_PURPOSES = ((ConsentPurpose.CONTACT, 0.65), (ConsentPurpose.REPORTING, 0.3))
WITHDRAWN_SHARE = 0.04
LEFT_WITHDREW_CONTACT_SHARE = 0.4
CONSENT_NOTES = ("Confirmed in writing afterwards.", "Talked through what it means.")
MEMBER_SHARE = {Group.NETWORK: 0.8, Group.REFERENCE_GROUP: 0.6}
AWAITING_SHARE = {Group.NETWORK: 0.25, Group.REFERENCE_GROUP: 0.08}
ANSWERED_SHARE = 0.2
STAFF_FORUM_SHARE = 0.03
INVITATION_CONTEXTS = (
    "After the spring focus group.",
    "Following a call with their IDVA.",
    "Network newsletter mail-out.",
    "After a one-to-one feedback call.",
    "",
)
LEAVING_REASONS = ("Stepped back from the group.", "Taking a break.", "Moved away.")


@dataclass
class DemoConsent:
    purpose: ConsentPurpose
    given_on: date
    method: ConsentMethod
    review_on: date | None
    withdrawn_on: date | None = None
    partner_id: int | None = None
    note: str = ""

    def holds_on(self, day: date) -> bool:
        """Whether something done on `day` finds this consent current."""
        return self.given_on <= day and (self.withdrawn_on is None or day <= self.withdrawn_on)

    def row(self) -> dict[str, object]:
        return {
            "purpose": self.purpose,
            "partner_id": self.partner_id,
            "given_on": self.given_on,
            "method": self.method,
            "review_on": self.review_on,
            "withdrawn_on": self.withdrawn_on,
            "note": self.note,
        }


@dataclass
class DemoMembership:
    group: Group
    joined_on: date
    left_on: date | None = None
    role: str = ""
    left_reason: str = ""

    def row(self) -> dict[str, object]:
        return {
            "group": self.group,
            "joined_on": self.joined_on,
            "left_on": self.left_on,
            "role": self.role,
            "left_reason": self.left_reason,
        }


@dataclass
class DemoInvitation:
    group: Group
    invited_on: date
    channel: ContactChannel
    response: InvitationResponse
    responded_on: date | None = None
    follow_up_on: date | None = None
    context: str = ""

    def row(self) -> dict[str, object]:
        return {
            "group": self.group,
            "invited_on": self.invited_on,
            "channel": self.channel,
            "response": self.response,
            "responded_on": self.responded_on,
            "follow_up_on": self.follow_up_on,
            "context": self.context,
        }


def review_date(
    ctx: DemoContext, start: date, *, overdue: float, soon: float, none: float
) -> date | None:
    """A review date set on `start`: some overdue now, some due within 30 days, most
    later, a few not set. Never before `start` (it was not in the past when set)."""
    kind = ctx.pick(
        (("overdue", overdue), ("soon", soon), ("none", none), ("later", 1 - overdue - soon - none))
    )
    if kind == "none":
        return None
    if kind == "overdue":
        day = ctx.today - timedelta(days=ctx.rng.randint(1, 90))
        if day >= start:
            return day
    elif kind == "soon":
        return ctx.today + timedelta(days=ctx.rng.randint(0, 30))
    return ctx.today + timedelta(days=ctx.rng.randint(31, 540))


def plan_history(ctx: DemoContext, person: DemoPerson) -> None:
    person.consents = _consents(ctx, person)
    # Sorted: set order changes between runs, and the choices must not.
    channels = sorted(person.rules.channels) if person.rules else []
    for group in INVITABLE_GROUPS:
        _group(ctx, person, group, channels)
    contact = person.consent(ConsentPurpose.CONTACT)
    if (
        person.status is ParticipantStatus.ACTIVE
        and contact is not None
        and contact.withdrawn_on is None
        and ctx.chance(STAFF_FORUM_SHARE)
    ):
        joined = ctx.day_between(contact.given_on, ctx.today)
        person.memberships.append(DemoMembership(Group.STAFF_FORUM, joined))


def _consents(ctx: DemoContext, person: DemoPerson) -> list[DemoConsent]:
    first_day = min(ctx.today, person.referred_on + timedelta(days=ctx.rng.randint(0, 21)))
    review = review_date(ctx, first_day, overdue=0.06, soon=0.07, none=0.05)
    through_advocate = person.referral_route in (ReferralRoute.IDVA, ReferralRoute.ISVA)
    table = ENQUIRY_PURPOSES if person.status is ParticipantStatus.ENQUIRY else PURPOSES
    consents = []
    for purpose, share in table:
        if not ctx.chance(share):
            continue
        partner_id = None
        if purpose is ConsentPurpose.PARTNER_SHARING:
            partner_id = person.referral_partner_id or _advocacy_partner(ctx)
            if partner_id is None:
                continue
        later = purpose not in (ConsentPurpose.CONTACT, ConsentPurpose.REPORTING)
        given = ctx.day_between(first_day, ctx.today) if later and ctx.chance(0.3) else first_day
        if review is not None and review < given:
            review_on: date | None = ctx.today + timedelta(days=ctx.rng.randint(31, 540))
        else:
            review_on = review
        leaving = person.status is ParticipantStatus.LEFT and purpose is ConsentPurpose.CONTACT
        withdraw = ctx.chance(LEFT_WITHDREW_CONTACT_SHARE if leaving else WITHDRAWN_SHARE)
        consents.append(
            DemoConsent(
                purpose=purpose,
                given_on=given,
                method=ctx.pick(
                    (
                        (ConsentMethod.VERBAL, 50),
                        (ConsentMethod.WRITTEN, 30),
                        (ConsentMethod.VIA_ADVOCATE, 45 if through_advocate else 10),
                    )
                ),
                review_on=review_on,
                withdrawn_on=ctx.day_between(given, ctx.today) if withdraw else None,
                partner_id=partner_id,
                note=ctx.rng.choice(CONSENT_NOTES) if ctx.chance(0.05) else "",
            )
        )
    return consents


def _advocacy_partner(ctx: DemoContext) -> int | None:
    partners = ctx.partners_of(PartnerType.IDVA_SERVICE, PartnerType.ISVA_SERVICE)
    return ctx.rng.choice(partners).id if partners else None


def _group(
    ctx: DemoContext, person: DemoPerson, group: Group, channels: list[ContactChannel]
) -> None:
    contact = person.consent(ConsentPurpose.CONTACT)
    group_consent = person.consent(GROUP_CONSENT[group])
    if (
        group_consent is not None
        and person.status is not ParticipantStatus.ENQUIRY
        and ctx.chance(MEMBER_SHARE[group])
    ):
        _member(ctx, person, group, group_consent, channels)
        return
    if contact is None or not channels:
        return
    # Whoever withdrew their consent to the group is not asked to join it again.
    withdrew_on = group_consent.withdrawn_on if group_consent is not None else None
    if withdrew_on is None and _invitable_now(ctx, person) and ctx.chance(AWAITING_SHARE[group]):
        invited = ctx.day_between(max(contact.given_on, ctx.today - timedelta(days=45)), ctx.today)
        _invite(ctx, person, group, invited, channels, answer=None)
    elif ctx.chance(ANSWERED_SHARE):
        # Before a withdrawal, and before the contact consent fell overdue for review.
        limits = (contact.withdrawn_on, withdrew_on, contact.review_on, ctx.today)
        until = min(d for d in limits if d is not None)
        if until < contact.given_on:
            return
        invited = ctx.day_between(contact.given_on, until)
        answer = ctx.pick(((InvitationResponse.DECLINED, 40), (InvitationResponse.NO_REPLY, 60)))
        _invite(ctx, person, group, invited, channels, answer=answer)


def _member(
    ctx: DemoContext,
    person: DemoPerson,
    group: Group,
    group_consent: DemoConsent,
    channels: list[ContactChannel],
) -> None:
    joined = ctx.day_between(group_consent.given_on, group_consent.withdrawn_on or ctx.today)
    contact = person.consent(ConsentPurpose.CONTACT)
    if contact is not None and channels and ctx.chance(0.75):
        # Most joined by accepting an invitation, where one could have been sent.
        asked = max(contact.given_on, joined - timedelta(days=ctx.rng.randint(3, 28)))
        cancelled_on = _cancelled_on(person, group, asked)
        if (
            asked <= joined
            and contact.holds_on(asked)
            and (contact.review_on is None or asked <= contact.review_on)
            and (cancelled_on is None or joined <= cancelled_on)
        ):
            person.invitations.append(
                DemoInvitation(
                    group,
                    asked,
                    _channel(ctx, channels),
                    InvitationResponse.ACCEPTED,
                    responded_on=joined,
                    context=ctx.rng.choice(INVITATION_CONTEXTS),
                )
            )
    membership = DemoMembership(
        group,
        joined,
        role="Co-chair" if group is Group.REFERENCE_GROUP and ctx.chance(0.05) else "",
    )
    if group_consent.withdrawn_on is not None:
        membership.left_on = max(group_consent.withdrawn_on, joined)
        membership.left_reason = WITHDRAWN_REASON
    elif person.status is ParticipantStatus.LEFT or ctx.chance(0.05):
        membership.left_on = ctx.day_between(joined, ctx.today)
        membership.left_reason = ctx.rng.choice(LEAVING_REASONS)
    person.memberships.append(membership)


def _invite(
    ctx: DemoContext,
    person: DemoPerson,
    group: Group,
    invited: date,
    channels: list[ContactChannel],
    *,
    answer: InvitationResponse | None,
) -> None:
    """An invitation sent on `invited`, answered with `answer` (None: not yet), unless
    a withdrawal cancelled it first."""
    invitation = DemoInvitation(
        group,
        invited,
        _channel(ctx, channels),
        InvitationResponse.AWAITING,
        context=ctx.rng.choice(INVITATION_CONTEXTS),
    )
    cancelled_on = _cancelled_on(person, group, invited)
    if cancelled_on is not None and (answer is None or ctx.chance(0.5)):
        invitation.response = InvitationResponse.CANCELLED
        invitation.responded_on = cancelled_on
    elif answer is not None:
        last = min(invited + timedelta(days=42), cancelled_on or ctx.today, ctx.today)
        invitation.response = answer
        invitation.responded_on = ctx.day_between(invited, last)
    elif ctx.chance(0.7):
        invitation.follow_up_on = invited + timedelta(days=14)
    person.invitations.append(invitation)


def _cancelled_on(person: DemoPerson, group: Group, invited: date) -> date | None:
    """The day a withdrawal would cancel an invitation sent on `invited`, if any."""
    cancelling = (person.consent(ConsentPurpose.CONTACT), person.consent(GROUP_CONSENT[group]))
    days = [
        c.withdrawn_on
        for c in cancelling
        if c is not None and c.withdrawn_on is not None and c.withdrawn_on >= invited
    ]
    return min(days) if days else None


def _invitable_now(ctx: DemoContext, person: DemoPerson) -> bool:
    contact = person.consent(ConsentPurpose.CONTACT)
    return (
        person.status in (ParticipantStatus.ACTIVE, ParticipantStatus.ENQUIRY)
        and contact is not None
        and contact.withdrawn_on is None
        and (contact.review_on is None or contact.review_on >= ctx.today)
        and person.rules is not None
        and bool(person.rules.channels)
    )


def _channel(ctx: DemoContext, channels: list[ContactChannel]) -> ContactChannel:
    direct = [c for c in channels if c is not ContactChannel.THIRD_PARTY]
    return ctx.rng.choice(direct or channels)
