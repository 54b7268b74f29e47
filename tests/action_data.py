"""Synthetic people and feedback behind actions, for the action and loop-closing tests and
the action screens' tests: written in ONE transaction (one save of the vault).

`seed_actions` makes four participants (one to tell, one whose consent to be contacted
was withdrawn, one who has left, one with no safe contact rules), their feedback (the
first gives two items, one of them a disclosure), an anonymous item, a partner's item and
a DA scrutiny panel meeting. `raise_closed` raises an action over feedback and takes it
to done (or declined) through the service; `close_back` moves its closing date back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import update

from sec_desktop.domain.action import Action
from sec_desktop.domain.action_enums import ActionStatus
from sec_desktop.domain.engagement import Engagement, TaxonomyTerm
from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource, Panel, TermKind
from sec_desktop.domain.enums import (
    ConsentMethod,
    ConsentPurpose,
    Language,
    ParticipantStatus,
    PartnerType,
    ReferralRoute,
)
from sec_desktop.domain.feedback import Disclosure, FeedbackItem, FeedbackTerm
from sec_desktop.domain.participant import Consent, Participant, SafeContact
from sec_desktop.domain.partner import Partner
from sec_desktop.services.action_records import ActionDetails
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.records import TODAY

# Said in feedback flagged as a disclosure: no action list or summary may show it.
SECRET = "Pelican-harbour disclosure 5512"
STAMP = datetime(2026, 1, 5, 9, 0)
BELIEVED = "Being believed"
UPDATES = "Communication and updates"
DELAYS = "Time and delays"


@dataclass(frozen=True)
class ActionSeed:
    # Participants.
    to_tell: int  # Welsh; phone and text; consent to be contacted current
    withdrawn: int  # consent to be contacted withdrawn
    left: int  # status left (consent still current)
    no_rules: int  # no safe contact rules (consent to be contacted current)
    codes: dict[int, str]
    names: tuple[str, ...]
    # Feedback items.
    first: int  # to_tell's
    disclosure: int  # to_tell's, flagged as a disclosure (text: SECRET)
    withdrawn_item: int
    left_item: int
    no_rules_item: int
    anonymous: int
    partner_item: int
    # Others.
    partner: int
    meeting: int  # a DA scrutiny panel meeting
    focus_group: int  # not a panel meeting
    themes: dict[str, int]

    @property
    def everyone(self) -> tuple[int, ...]:
        """Every item: one of each person, the disclosure, anonymous and partner feedback."""
        return (
            self.first,
            self.disclosure,
            self.withdrawn_item,
            self.left_item,
            self.no_rules_item,
            self.anonymous,
            self.partner_item,
        )


def _person(code: str, **values: object) -> Participant:
    return Participant(
        code=code,
        name=f"Synthetic Person {code}",
        referral_route=ReferralRoute.SELF_OTHER,
        created_at=STAMP,
        updated_at=STAMP,
        **values,
    )


def _contact(**values: object) -> Consent:
    given = TODAY - timedelta(days=300)
    return Consent(
        purpose=ConsentPurpose.CONTACT, given_on=given, method=ConsentMethod.VERBAL, **values
    )


def _item(
    source: FeedbackSource, summary: str, themes: Sequence[int], **values: object
) -> FeedbackItem:
    item = FeedbackItem(
        source=source,
        received_on=TODAY - timedelta(days=90),
        summary=summary,
        created_at=STAMP,
        updated_at=STAMP,
        **values,
    )
    item.terms = [FeedbackTerm(term_id=t) for t in themes]
    return item


def seed_actions(vault: Vault) -> ActionSeed:
    with vault.writing(AuditEvent.ENGAGEMENT_RECORDED, "test data") as session:
        themes = {t.name: t.id for t in session.query(TaxonomyTerm).filter_by(kind=TermKind.THEME)}
        believed, updates, delays = themes[BELIEVED], themes[UPDATES], themes[DELAYS]
        to_tell = _person("S-0101", language=Language.WELSH, status=ParticipantStatus.ACTIVE)
        to_tell.safe_contact = SafeContact(
            channels="phone,text", safe_from=time(10), safe_until=time(14), code_word="Heron"
        )
        to_tell.consents.append(_contact())
        withdrawn = _person("S-0102", status=ParticipantStatus.ACTIVE)
        withdrawn.safe_contact = SafeContact(channels="email")
        withdrawn.consents.append(_contact(withdrawn_on=TODAY - timedelta(days=10)))
        left = _person("S-0103", status=ParticipantStatus.LEFT)
        left.safe_contact = SafeContact(channels="letter")
        left.consents.append(_contact())
        no_rules = _person("S-0104", language=Language.OTHER, language_other="Polish")
        no_rules.consents.append(_contact())
        partner = Partner(name="Example ISVA Service", type=PartnerType.ISVA_SERVICE)
        meeting = Engagement(
            kind=EngagementKind.SCRUTINY_PANEL,
            panel=Panel.DA,
            title="",
            held_on=TODAY - timedelta(days=60),
            created_at=STAMP,
            updated_at=STAMP,
        )
        focus = Engagement(
            kind=EngagementKind.FOCUS_GROUP,
            title="Courts focus group",
            held_on=TODAY - timedelta(days=90),
            created_at=STAMP,
            updated_at=STAMP,
        )
        people = [to_tell, withdrawn, left, no_rules]
        session.add_all([*people, partner, meeting, focus])
        session.flush()
        person = FeedbackSource.PARTICIPANT
        items = {
            "first": _item(person, "Nobody rang back", [updates], participant_id=to_tell.id),
            "disclosure": _item(person, SECRET, [believed], participant_id=to_tell.id),
            "withdrawn": _item(person, "Waited months", [delays], participant_id=withdrawn.id),
            "left": _item(person, "Not believed", [believed], participant_id=left.id),
            "no_rules": _item(person, "No updates", [updates], participant_id=no_rules.id),
            "anonymous": _item(FeedbackSource.ANONYMOUS, "Slow reply", [delays]),
            "partner": _item(FeedbackSource.PARTNER, "Clients wait", [], partner_id=partner.id),
        }
        session.add_all(items.values())
        session.flush()
        session.add(
            Disclosure(
                feedback_id=items["disclosure"].id,
                flagged_at=STAMP,
                deadline_at=STAMP + timedelta(hours=24),
            )
        )
        return ActionSeed(
            to_tell=to_tell.id,
            withdrawn=withdrawn.id,
            left=left.id,
            no_rules=no_rules.id,
            codes={p.id: p.code for p in people},
            names=tuple(p.name for p in people),
            first=items["first"].id,
            disclosure=items["disclosure"].id,
            withdrawn_item=items["withdrawn"].id,
            left_item=items["left"].id,
            no_rules_item=items["no_rules"].id,
            anonymous=items["anonymous"].id,
            partner_item=items["partner"].id,
            partner=partner.id,
            meeting=meeting.id,
            focus_group=focus.id,
            themes=themes,
        )


def raise_closed(
    services: RecordServices,
    feedback_ids: Sequence[int],
    *,
    title: str = "Call survivors back within two days",
    status: ActionStatus = ActionStatus.DONE,
    text: str = "Call-backs are now tracked by the team",
) -> int:
    """An action over the feedback, agreed and then done (outcome `text`) or declined
    (reason `text`); it closes on TODAY."""
    actions = services.actions
    action_id = actions.raise_action(
        ActionDetails(title, owner_department="Contact management"), feedback_ids
    )
    actions.move(action_id, ActionStatus.AGREED)
    if status == ActionStatus.DONE:
        actions.move(action_id, status, outcome=text)
    else:
        actions.move(action_id, status, reason=text)
    return action_id


def close_back(vault: Vault, action_id: int, closed_on: date) -> None:
    """Move an action's closing (and raising) date back, as if it closed on `closed_on`."""
    with vault.writing(AuditEvent.ACTION_EDITED, "test data") as session:
        session.execute(
            update(Action)
            .where(Action.id == action_id)
            .values(
                closed_on=closed_on,
                created_at=datetime.combine(closed_on, time(9)) - timedelta(days=30),
            )
        )


def raised_back(vault: Vault, action_id: int, raised_on: date) -> None:
    """Move an action's raising date back, as if recorded on `raised_on`."""
    with vault.writing(AuditEvent.ACTION_EDITED, "test data") as session:
        session.execute(
            update(Action)
            .where(Action.id == action_id)
            .values(created_at=datetime.combine(raised_on, time(9)))
        )
