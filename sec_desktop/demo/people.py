"""Demo participants: who they are, how to reach them safely, what they need, and (in
`history`) what they agreed to and which groups they joined.

Every person is planned in full first (plain dataclasses, kept in the context for later
families), then all of them are written in bulk: fast at 15,000 people. The plans obey
the rules the services enforce; tests replay them through the services to prove it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sec_desktop.demo import fakes, history
from sec_desktop.demo.context import PEOPLE_PER_SCALE, DemoContext
from sec_desktop.demo.equality import equality_answers
from sec_desktop.demo.history import DemoConsent, DemoInvitation, DemoMembership
from sec_desktop.demo.safe_contact import safe_contact_row, safe_contact_rules
from sec_desktop.domain.enums import (
    AgeBand,
    CommunicationNeed,
    ConsentPurpose,
    Group,
    InvitationResponse,
    Language,
    ParticipantStatus,
    PartnerType,
    ReferralRoute,
)
from sec_desktop.domain.equality import CHARACTERISTIC_KEYS
from sec_desktop.domain.participant import (
    Consent,
    EqualityMonitoring,
    Invitation,
    Membership,
    Participant,
    ParticipantNeed,
    SafeContact,
)
from sec_desktop.services.participant_records import SafeContactRules
from sec_desktop.services.roster import issue_code

ROUTES = (
    (ReferralRoute.SELF_SOCIAL_MEDIA, 30),
    (ReferralRoute.SELF_OTHER, 10),
    (ReferralRoute.IDVA, 25),
    (ReferralRoute.ISVA, 15),
    (ReferralRoute.PARTNER, 12),
    (ReferralRoute.POLICE_OFFICER, 6),
    (ReferralRoute.OTHER, 2),
)
# Which partners refer by each route.
ROUTE_PARTNERS: dict[ReferralRoute, tuple[PartnerType, ...]] = {
    ReferralRoute.IDVA: (PartnerType.IDVA_SERVICE,),
    ReferralRoute.ISVA: (PartnerType.ISVA_SERVICE,),
    ReferralRoute.PARTNER: (
        PartnerType.REFUGE,
        PartnerType.CHARITY,
        PartnerType.HEALTH,
        PartnerType.LOCAL_AUTHORITY,
        PartnerType.EDUCATION,
    ),
}
PRONOUNS = (("she/her", 78), ("he/him", 15), ("they/them", 3), ("", 4))
LANGUAGES = ((Language.ENGLISH, 77), (Language.WELSH, 20), (Language.OTHER, 3))
OTHER_LANGUAGES = ("Polish", "Arabic", "Urdu", "Bengali", "Romanian", "Portuguese", "Somali")
AGE_BANDS = (
    (AgeBand.UNDER_18, 1),
    (AgeBand.FROM_18, 14),
    (AgeBand.FROM_25, 28),
    (AgeBand.FROM_35, 25),
    (AgeBand.FROM_45, 15),
    (AgeBand.FROM_55, 7),
    (AgeBand.FROM_65, 3),
    (AgeBand.NOT_SAID, 4),
    (None, 3),
)
# Needs other than language, and how often each comes up.
OTHER_NEEDS = (
    (CommunicationNeed.BSL, 0.012),
    (CommunicationNeed.LIPSPEAKER, 0.004),
    (CommunicationNeed.SPEECH_TO_TEXT, 0.008),
    (CommunicationNeed.LARGE_PRINT, 0.03),
    (CommunicationNeed.EASY_READ, 0.03),
    (CommunicationNeed.AUDIO, 0.01),
    (CommunicationNeed.ADVOCATE, 0.06),
)
COMMUNICATION_OTHER = (
    "Needs step-free access.",
    "Prefers questions sent in advance.",
    "A hearing loop helps.",
)
NOTES = (
    "Prefers afternoon calls.",
    "Happy to take part online.",
    "Interested in the court experience topic.",
    "Would like to hear how their feedback is used.",
    "Prefers to meet in Newport.",
    "Keen to join a focus group on first response.",
)
GROUP_COUNTS = {
    Group.NETWORK: "Survivor Network members",
    Group.REFERENCE_GROUP: "Victim Reference Group members",
    Group.STAFF_FORUM: "staff forum members",
}
# Share of people whose safe contact rules are not yet recorded, among enquiries.
ENQUIRIES_WITHOUT_RULES = 0.3


@dataclass
class DemoPerson:
    """One participant as planned; `id` and `code` are set when written."""

    name: str
    sex: str  # "female", "male" or "" (for names and equality answers only)
    pronouns: str
    language: Language
    language_other: str
    age_band: AgeBand | None
    referral_route: ReferralRoute
    referral_partner_id: int | None
    referred_on: date
    status: ParticipantStatus
    created_at: datetime
    notes: str = ""
    record_review_on: date | None = None
    needs: frozenset[CommunicationNeed] = frozenset()
    communication_other: str = ""
    rules: SafeContactRules | None = None
    equality: dict[str, str] | None = None
    consents: list[DemoConsent] = field(default_factory=list)
    memberships: list[DemoMembership] = field(default_factory=list)
    invitations: list[DemoInvitation] = field(default_factory=list)
    id: int = 0
    code: str = ""

    def consent(self, purpose: ConsentPurpose) -> DemoConsent | None:
        return next((c for c in self.consents if c.purpose is purpose), None)

    def active_groups(self) -> frozenset[Group]:
        return frozenset(m.group for m in self.memberships if m.left_on is None)


def write_people(ctx: DemoContext) -> None:
    planned = [plan_person(ctx) for _ in range(PEOPLE_PER_SCALE * ctx.scale)]
    # Codes are issued in the order people were referred, as the SEC would have.
    people = sorted(planned, key=lambda p: p.created_at)
    rows = []
    for person in people:
        person.code = issue_code(ctx.session)
        rows.append(_participant_row(person))
    for person, row, participant_id in zip(
        people, rows, ctx.new_ids(Participant, len(rows)), strict=True
    ):
        person.id = row["id"] = participant_id
    ctx.insert(Participant, rows)
    _write_children(ctx, people)
    ctx.people = people
    _count(ctx, people)


def plan_person(ctx: DemoContext) -> DemoPerson:
    days_ago = int(ctx.rng.triangular(0, 730, 60))
    referred_on = ctx.today - timedelta(days=days_ago)
    pronouns = ctx.pick(PRONOUNS)
    sex = {"she/her": "female", "he/him": "male", "": "female"}.get(pronouns, "")
    language = ctx.pick(LANGUAGES)
    first, last = fakes.person_name(ctx, sex, welsh=language is Language.WELSH)
    route = ctx.pick(ROUTES)
    person = DemoPerson(
        name=f"{first} {last}",
        sex=sex,
        pronouns=pronouns,
        language=language,
        language_other=ctx.rng.choice(OTHER_LANGUAGES) if language is Language.OTHER else "",
        age_band=ctx.pick(AGE_BANDS),
        referral_route=route,
        referral_partner_id=_referring_partner(ctx, route),
        referred_on=referred_on,
        status=_status(ctx, days_ago),
        created_at=datetime.combine(referred_on, time(9))
        + timedelta(minutes=ctx.rng.randint(0, 8 * 60)),
        notes=ctx.rng.choice(NOTES) if ctx.chance(0.35) else "",
    )
    person.record_review_on = history.review_date(
        ctx, person.referred_on, overdue=0.04, soon=0.05, none=0.05
    )
    person.needs = _needs(ctx, language)
    person.communication_other = ctx.rng.choice(COMMUNICATION_OTHER) if ctx.chance(0.03) else ""
    if person.status is not ParticipantStatus.ENQUIRY or not ctx.chance(ENQUIRIES_WITHOUT_RULES):
        person.rules = safe_contact_rules(ctx, first, last)
    if ctx.chance(0.6):
        person.equality = equality_answers(ctx, person.age_band, sex)
    history.plan_history(ctx, person)
    return person


def _status(ctx: DemoContext, days_ago: int) -> ParticipantStatus:
    if days_ago < 60:
        return ctx.pick(((ParticipantStatus.ENQUIRY, 60), (ParticipantStatus.ACTIVE, 40)))
    return ctx.pick(
        (
            (ParticipantStatus.ACTIVE, 76),
            (ParticipantStatus.PAUSED, 11),
            (ParticipantStatus.LEFT, 8),
            (ParticipantStatus.ENQUIRY, 5),
        )
    )


def _referring_partner(ctx: DemoContext, route: ReferralRoute) -> int | None:
    candidates = ctx.partners_of(*ROUTE_PARTNERS.get(route, ()))
    if not candidates or not ctx.chance(0.85):
        return None
    return ctx.rng.choice(candidates).id


def _needs(ctx: DemoContext, language: Language) -> frozenset[CommunicationNeed]:
    needs = set()
    if language is Language.WELSH and ctx.chance(0.9):
        needs.add(CommunicationNeed.WELSH)
    if language is Language.OTHER and ctx.chance(0.8):
        needs.add(CommunicationNeed.INTERPRETER)
    needs.update(need for need, share in OTHER_NEEDS if ctx.chance(share))
    return frozenset(needs)


def _participant_row(person: DemoPerson) -> dict[str, object]:
    return {
        "id": person.id,
        "code": person.code,
        "name": person.name,
        "pronouns": person.pronouns,
        "language": person.language,
        "language_other": person.language_other,
        "age_band": person.age_band,
        "referral_route": person.referral_route,
        "referral_partner_id": person.referral_partner_id,
        "referred_on": person.referred_on,
        "status": person.status,
        "notes": person.notes,
        "communication_other": person.communication_other,
        "record_review_on": person.record_review_on,
        "created_at": person.created_at,
        "updated_at": person.created_at,
    }


def _write_children(ctx: DemoContext, people: list[DemoPerson]) -> None:
    contacts, needs, equality, consents, memberships, invitations = [], [], [], [], [], []
    for p in people:
        if p.rules is not None:
            contacts.append(safe_contact_row(p.id, p.rules))
        needs += [{"participant_id": p.id, "need": n} for n in CommunicationNeed if n in p.needs]
        if p.equality is not None:
            equality.append({"participant_id": p.id, **_all_answers(p.equality)})
        consents += [{"participant_id": p.id, **c.row()} for c in p.consents]
        memberships += [{"participant_id": p.id, **m.row()} for m in p.memberships]
        invitations += [{"participant_id": p.id, **i.row()} for i in p.invitations]
    for model, rows in (
        (SafeContact, contacts),
        (ParticipantNeed, needs),
        (EqualityMonitoring, equality),
        (Consent, consents),
        (Membership, memberships),
        (Invitation, invitations),
    ):
        ctx.insert(model, rows)


def _all_answers(answers: dict[str, str]) -> dict[str, str | None]:
    return {key: answers.get(key) for key in CHARACTERISTIC_KEYS}


def _count(ctx: DemoContext, people: list[DemoPerson]) -> None:
    ctx.count("participants", len(people))
    for status in ParticipantStatus:
        ctx.count(f"participants, {status.value}", sum(p.status is status for p in people))
    consents = [c for p in people for c in p.consents]
    ctx.count("consents", len(consents))
    ctx.count("consents withdrawn", sum(c.withdrawn_on is not None for c in consents))
    for group, what in GROUP_COUNTS.items():
        ctx.count(what, sum(group in p.active_groups() for p in people))
    invitations = [i for p in people for i in p.invitations]
    ctx.count("invitations", len(invitations))
    ctx.count(
        "invitations awaiting a reply",
        sum(i.response is InvitationResponse.AWAITING for i in invitations),
    )
