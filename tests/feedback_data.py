"""Synthetic people, engagements and a partner for the feedback and disclosure tests,
written in ONE transaction (one save of the vault) so that the tests stay quick."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sec_desktop.domain.engagement import Attendance, Engagement, TaxonomyTerm
from sec_desktop.domain.engagement_enums import EngagementKind, TermKind
from sec_desktop.domain.enums import ConsentMethod, ConsentPurpose, PartnerType, ReferralRoute
from sec_desktop.domain.participant import Consent, Participant
from sec_desktop.domain.partner import Partner, PartnerContact
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.records import TODAY

# Said in feedback that is then flagged as a disclosure: no list may ever show it.
SECRET = "Quokka-lighthouse disclosure 7731"
STAMP = datetime(2026, 1, 5, 9, 0)


@dataclass(frozen=True)
class Seeded:
    # Participants by what their quote consent is: current, withdrawn, review passed,
    # none at all.
    quoted: int
    withdrawn: int
    review_passed: int
    no_consent: int
    codes: dict[int, str]
    focus_group: int  # attended by `quoted` and `no_consent`
    open_group: int  # no attendees recorded
    staff_forum: int  # anonymous
    partner: int
    contact: int
    other_partner_contact: int
    stages: dict[str, int]
    themes: dict[str, int]


def _person(code: str) -> Participant:
    return Participant(
        code=code,
        name=f"Synthetic Person {code}",
        referral_route=ReferralRoute.SELF_OTHER,
        created_at=STAMP,
        updated_at=STAMP,
    )


def _quote_consent(**kwargs: object) -> Consent:
    values: dict[str, object] = {
        "purpose": ConsentPurpose.QUOTE,
        "given_on": TODAY - timedelta(days=200),
        "method": ConsentMethod.VERBAL,
        **kwargs,
    }
    return Consent(**values)


def _engagement(kind: EngagementKind, title: str, held_on: date) -> Engagement:
    return Engagement(kind=kind, title=title, held_on=held_on, created_at=STAMP, updated_at=STAMP)


def seed(vault: Vault) -> Seeded:
    with vault.writing(AuditEvent.ENGAGEMENT_RECORDED, "test data") as session:
        people = {code: _person(code) for code in ("S-0001", "S-0002", "S-0003", "S-0004")}
        # Due for review today: still current today, not tomorrow.
        people["S-0001"].consents.append(_quote_consent(review_on=TODAY))
        people["S-0002"].consents.append(_quote_consent(withdrawn_on=TODAY - timedelta(days=3)))
        people["S-0003"].consents.append(_quote_consent(review_on=TODAY - timedelta(days=1)))
        session.add_all(people.values())
        focus = _engagement(EngagementKind.FOCUS_GROUP, "Courts focus group", TODAY)
        open_group = _engagement(EngagementKind.ONE_TO_ONE, "", TODAY - timedelta(days=7))
        forum = _engagement(EngagementKind.STAFF_FORUM, "Staff forum", TODAY - timedelta(days=2))
        partner = Partner(name="Example IDVA Service", type=PartnerType.IDVA_SERVICE)
        partner.contacts.append(PartnerContact(name="Alex Example"))
        other = Partner(name="Example Refuge", type=PartnerType.REFUGE)
        other.contacts.append(PartnerContact(name="Sam Sample"))
        session.add_all([focus, open_group, forum, partner, other])
        session.flush()
        session.add_all(
            [
                Attendance(engagement_id=focus.id, participant_id=people["S-0001"].id),
                Attendance(engagement_id=focus.id, participant_id=people["S-0004"].id),
            ]
        )
        terms = {
            (t.kind, t.name): t.id
            for t in session.query(TaxonomyTerm).all()  # the seeded stages and themes
        }
        return Seeded(
            quoted=people["S-0001"].id,
            withdrawn=people["S-0002"].id,
            review_passed=people["S-0003"].id,
            no_consent=people["S-0004"].id,
            codes={p.id: code for code, p in people.items()},
            focus_group=focus.id,
            open_group=open_group.id,
            staff_forum=forum.id,
            partner=partner.id,
            contact=partner.contacts[0].id,
            other_partner_contact=other.contacts[0].id,
            stages={n: i for (k, n), i in terms.items() if k == TermKind.STAGE},
            themes={n: i for (k, n), i in terms.items() if k == TermKind.THEME},
        )
