"""The scrutiny panel briefing's data, from a scale-1 demo vault plus a few seeded cases
whose every quoting rule, disclosure and risk answer is known.

`briefing_vault` and the helpers here are shared with tests/reports/test_scrutiny_pdf.py.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from sec_desktop.demo.generator import write_demo_records
from sec_desktop.domain.action import Action
from sec_desktop.domain.action_enums import ActionStatus
from sec_desktop.domain.engagement import (
    CaseRight,
    CaseTimelineEntry,
    Engagement,
    ScrutinyCase,
    TaxonomyTerm,
)
from sec_desktop.domain.engagement_enums import (
    EngagementKind,
    FeedbackSource,
    Panel,
    Sentiment,
    TermKind,
    VictimsRight,
)
from sec_desktop.domain.enums import ConsentMethod, ConsentPurpose, ReferralRoute
from sec_desktop.domain.feedback import Disclosure, FeedbackItem, FeedbackTerm
from sec_desktop.domain.participant import Consent, Participant, SafeContact
from sec_desktop.domain.risk_enums import DashLevel, RiskOutcome
from sec_desktop.services.errors import NotFound
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.scrutiny_briefing import ScrutinyBriefing, chain_fingerprint
from sec_desktop.services.scrutiny_briefing_records import Briefing, RiskKnown, case_letter
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Unlock, Vault
from tests.records import TODAY, TemplateVault
from tests.risk_data import assess

STAMP = datetime(2026, 1, 5, 9, 0)
REFERENCE = "GW/7777777/25"
QUOTABLE = "They listened to me and rang back when they said they would."
QUOTABLE_SUMMARY = "Praised the officer who kept them updated every week."
HIDDEN_QUOTE = "Nobody told me anything for months, not one call."
HIDDEN_SUMMARY = "Said that updates stopped for months after the interview."
WITHDRAWN_QUOTE = "The court visit made all the difference to me."
WITHDRAWN_SUMMARY = "Found the pre-trial court visit reassuring."
DISCLOSED = "Disclosed that a relative hurt them at Quokka Farm in spring."
DISCLOSED_QUOTE = "It happened at Quokka Farm and nobody knows."


@dataclass(frozen=True)
class Seeded:
    meeting_id: int  # the newest RASSO meeting, with the two seeded cases last
    quoted_case: int
    withdrawn_case: int
    quoted_person: int
    withdrawn_person: int


@dataclass(frozen=True)
class BriefingVault:
    vault: Vault
    services: RecordServices
    seeded: Seeded


def _person(code: str, name: str, *, quote_withdrawn: bool) -> Participant:
    person = Participant(
        code=code,
        name=name,
        referral_route=ReferralRoute.SELF_OTHER,
        created_at=STAMP,
        updated_at=STAMP,
    )
    person.consents.append(
        Consent(
            purpose=ConsentPurpose.QUOTE,
            given_on=TODAY - timedelta(days=200),
            method=ConsentMethod.VERBAL,
            withdrawn_on=TODAY - timedelta(days=3) if quote_withdrawn else None,
        )
    )
    # Their feedback may be used in reports (without it, nothing of theirs is printed).
    person.consents.append(
        Consent(
            purpose=ConsentPurpose.REPORTING,
            given_on=TODAY - timedelta(days=200),
            method=ConsentMethod.VERBAL,
        )
    )
    person.safe_contact = SafeContact(
        channels="phone",
        phone="07700 900461",
        email=f"{code.lower()}@example.org",
        code_word="Tamarind-owl",
        third_party_name="Bartholomew Quince",
    )
    return person


def _item(case: ScrutinyCase, person: Participant, **values: Any) -> FeedbackItem:
    return FeedbackItem(
        case_id=case.id,
        source=FeedbackSource.PARTICIPANT,
        participant_id=person.id,
        received_on=TODAY - timedelta(days=30),
        created_at=STAMP,
        updated_at=STAMP,
        **values,
    )


def seed(vault: Vault) -> Seeded:
    """Two cases on the newest RASSO meeting: one whose victim may be quoted (with a
    quotable item, one without permission and a disclosure), one whose victim withdrew
    their quote consent. Free text carries a code and a crime reference to be cut."""
    with vault.writing(AuditEvent.ENGAGEMENT_RECORDED, "test data") as session:
        meeting = session.scalars(
            select(Engagement)
            .where(
                Engagement.kind == EngagementKind.SCRUTINY_PANEL, Engagement.panel == Panel.RASSO
            )
            .order_by(Engagement.held_on.desc())
        ).first()
        assert meeting is not None
        quoted = _person("S-0901", "Zebedee Quillfeather", quote_withdrawn=False)
        withdrawn = _person("S-0902", "Ottoline Marchbanks", quote_withdrawn=True)
        session.add_all([quoted, withdrawn])
        stage, theme = (
            session.scalars(select(TaxonomyTerm.id).where(TaxonomyTerm.kind == kind)).first()
            for kind in (TermKind.STAGE, TermKind.THEME)
        )
        cases = [
            ScrutinyCase(
                crime_reference=reference,
                offence_type="Stalking",
                outcome="Charged: guilty plea",
                victim_contacted=True,
                victim_agreed=True,
                questions=f"Why was {REFERENCE} not updated?\n\nWho told S-0901?",
            )
            for reference in (REFERENCE, "GW/8888888/25")
        ]
        meeting.cases.extend(cases)
        session.flush()
        cases[0].participant_id, cases[1].participant_id = quoted.id, withdrawn.id
        cases[0].timeline = [
            CaseTimelineEntry(
                on=date(2026, 3, 17), stage_id=stage, note=f"S-0901 rang about {REFERENCE}."
            )
        ]
        cases[0].rights = [
            CaseRight(right=VictimsRight.COMPLAIN, position=12, met=False),
            CaseRight(right=VictimsRight.UNDERSTAND, position=1, met=True),
        ]
        items = [
            _item(
                cases[0],
                quoted,
                quote=QUOTABLE,
                summary=QUOTABLE_SUMMARY,
                quote_permission=True,
                sentiment=Sentiment.POSITIVE,
            ),
            _item(
                cases[0], quoted, quote=HIDDEN_QUOTE, summary=HIDDEN_SUMMARY, quote_permission=False
            ),
            _item(
                cases[0], quoted, quote=DISCLOSED_QUOTE, summary=DISCLOSED, quote_permission=True
            ),
            _item(
                cases[1],
                withdrawn,
                quote=WITHDRAWN_QUOTE,
                summary=WITHDRAWN_SUMMARY,
                quote_permission=True,
            ),
        ]
        session.add_all(items)
        session.flush()
        items[0].terms = [FeedbackTerm(term_id=theme)]
        session.add(
            Disclosure(
                feedback_id=items[2].id,
                flagged_at=STAMP,
                deadline_at=STAMP + timedelta(hours=24),
                offence_type="Assault",
                happened_when="Last spring",
                happened_where="At Quokka Farm near Usk",
                crime_reference="GW/5555555/26",
            )
        )
        return Seeded(meeting.id, cases[0].id, cases[1].id, quoted.id, withdrawn.id)


@pytest.fixture(scope="module")
def briefing_vault(
    records_template: TemplateVault, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BriefingVault]:
    path = tmp_path_factory.mktemp("briefing") / "demo.secvault"
    shutil.copyfile(records_template.path, path)
    vault = Vault.open(path, Unlock(recovery_key=records_template.recovery_key))
    write_demo_records(vault, 1, today=TODAY)
    seeded = seed(vault)
    services = RecordServices.over(vault, today=lambda: TODAY)
    assess(
        services,
        seeded.quoted_person,
        dash_level=DashLevel.HIGH,
        at_marac=True,
        outcome=RiskOutcome.PROCEED_WITH_SUPPORT,
        support_plan="IDVA with them throughout.",
        assessed_on=date(2026, 10, 14),
    )
    yield BriefingVault(vault, services, seeded)
    vault.close()


def forbidden_values(vault: Vault) -> dict[str, set[str]]:
    """Every value that must never reach a briefing, by kind: names, contact details,
    code words, codes, crime references, and every word of every disclosure."""
    with vault.reading() as session:

        def column(*columns: Any) -> set[str]:
            found: set[str] = set()
            for col in columns:
                found |= {
                    str(v).strip() for v in session.scalars(select(col)) if v and str(v).strip()
                }
            return found

        disclosed = select(Disclosure.feedback_id)
        return {
            "name": column(Participant.name, SafeContact.third_party_name),
            "contact": column(
                SafeContact.phone,
                SafeContact.email,
                SafeContact.postal_address,
                SafeContact.third_party_contact,
            ),
            "code word": column(SafeContact.code_word),
            "code": column(Participant.code),
            "crime reference": column(
                ScrutinyCase.crime_reference,
                Disclosure.crime_reference,
                Disclosure.incident_reference,
            ),
            "disclosure": {
                str(v).strip()
                for v in session.scalars(
                    select(FeedbackItem.summary).where(FeedbackItem.id.in_(disclosed))
                )
            }
            | {
                str(v).strip()
                for v in session.scalars(
                    select(FeedbackItem.quote).where(FeedbackItem.id.in_(disclosed))
                )
                if str(v).strip()
            }
            | column(Disclosure.happened_where),
        }


def leaks(text: str, forbidden: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(kind, value) of each forbidden value found in `text` (whole words, any spacing)."""
    flat = " ".join(text.split())
    found = []
    for kind, values in forbidden.items():
        for value in values:
            pattern = r"\s+".join(re.escape(part) for part in value.split())
            if re.search(rf"(?<!\w){pattern}(?!\w)", flat, re.IGNORECASE):
                found.append((kind, value))
    return found


def strings_in(value: object) -> Iterator[str]:
    """Every string inside a briefing (dataclasses, tuples, enums' values)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from strings_in(getattr(value, f.name))
    elif isinstance(value, tuple):
        for part in value:
            yield from strings_in(part)


def dates_in(value: object) -> Iterator[date]:
    if isinstance(value, date):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from dates_in(getattr(value, f.name))
    elif isinstance(value, tuple):
        for part in value:
            yield from dates_in(part)


# --- tests ---------------------------------------------------------------------------------


def test_meetings_list_every_panel_meeting_with_its_cases(briefing_vault: BriefingVault) -> None:
    meetings = ScrutinyBriefing(briefing_vault.services).meetings()
    rows = briefing_vault.services.scrutiny.meetings()
    assert [(m.id, m.held_on, m.panel, m.cases) for m in meetings] == [
        (r.id, r.held_on, r.panel, r.cases) for r in rows
    ]
    assert len(meetings) == 12
    assert {m.panel for m in meetings} == {Panel.DA, Panel.RASSO}


def test_no_briefing_carries_a_name_contact_code_reference_or_disclosure(
    briefing_vault: BriefingVault,
) -> None:
    maker = ScrutinyBriefing(briefing_vault.services)
    forbidden = forbidden_values(briefing_vault.vault)
    assert all(forbidden.values())  # the check checks something of every kind
    assert leaks(f"Rang {REFERENCE}.\nZebedee\n Quillfeather", forbidden) == [
        ("name", "Zebedee Quillfeather"),
        ("crime reference", REFERENCE),
    ] or sorted(leaks(f"Rang {REFERENCE}.\nZebedee\n Quillfeather", forbidden)) == [
        ("crime reference", REFERENCE),
        ("name", "Zebedee Quillfeather"),
    ]
    for meeting in maker.meetings():
        briefing = maker.briefing(meeting.id)
        text = "\n".join(strings_in(briefing))
        assert leaks(text, forbidden) == [], meeting.id
        assert re.search(r"S-\d{4}", text) is None
        assert all(day.day == 1 for day in dates_in(briefing) if day != briefing.held_on)


def test_cases_are_lettered_in_the_meetings_order(briefing_vault: BriefingVault) -> None:
    seeded = briefing_vault.seeded
    briefing = ScrutinyBriefing(briefing_vault.services).briefing(seeded.meeting_id)
    assert [c.letter for c in briefing.cases] == [
        case_letter(i) for i in range(len(briefing.cases))
    ]
    assert briefing.cases[0].letter == "A"
    assert [case_letter(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]
    record = briefing_vault.services.scrutiny.meeting(seeded.meeting_id)
    assert briefing.case_count == len(record.cases)
    assert briefing.panel is Panel.RASSO
    assert briefing.demo is True


def test_quote_only_where_quotable_else_summary_and_never_a_disclosure(
    briefing_vault: BriefingVault,
) -> None:
    briefing = ScrutinyBriefing(briefing_vault.services).briefing(briefing_vault.seeded.meeting_id)
    quoted, withdrawn = briefing.cases[-2], briefing.cases[-1]
    assert [(v.text, v.quoted) for v in quoted.feedback] == [
        (QUOTABLE, True),
        (HIDDEN_SUMMARY, False),
    ]
    assert [(v.text, v.quoted) for v in withdrawn.feedback] == [(WITHDRAWN_SUMMARY, False)]
    text = "\n".join(strings_in(briefing))
    for never in (HIDDEN_QUOTE, WITHDRAWN_QUOTE, DISCLOSED, DISCLOSED_QUOTE, QUOTABLE_SUMMARY):
        assert never not in text


def test_case_facts_journey_rights_risk_and_questions(briefing_vault: BriefingVault) -> None:
    briefing = ScrutinyBriefing(briefing_vault.services).briefing(briefing_vault.seeded.meeting_id)
    quoted, withdrawn = briefing.cases[-2], briefing.cases[-1]
    assert (quoted.offence_type, quoted.outcome) == ("Stalking", "Charged: guilty plea")
    assert (quoted.victim_contacted, quoted.victim_agreed) == (True, True)
    [step] = quoted.journey
    assert step.month == date(2026, 3, 1)
    assert step.stage
    assert step.note == "[\u2026] rang about [\u2026]."  # the code and reference cut out
    assert quoted.rights_met == (VictimsRight.UNDERSTAND,)
    assert quoted.rights_not_met == (VictimsRight.COMPLAIN,)
    assert quoted.questions == ("Why was [\u2026] not updated?", "Who told [\u2026]?")
    assert len(quoted.themes) == 1  # the quotable item's theme; the disclosure's are left out
    assert quoted.risk.known is RiskKnown.ASSESSED
    assert (quoted.risk.dash_level, quoted.risk.at_marac) == (DashLevel.HIGH, True)
    assert quoted.risk.assessed_in == date(2026, 10, 1)
    assert withdrawn.risk.known is RiskKnown.NOT_ASSESSED
    not_on_roster = [c for c in briefing.cases if c.risk.known is RiskKnown.NOT_ON_ROSTER]
    assert not_on_roster  # the demo's own cases on this meeting: victims not on the roster
    assert all(c.risk.dash_level is None for c in not_on_roster)


def test_actions_of_earlier_panels_of_the_same_kind_only(briefing_vault: BriefingVault) -> None:
    maker = ScrutinyBriefing(briefing_vault.services)
    meetings = maker.meetings()
    with briefing_vault.vault.reading() as session:
        raised = {
            a.id: (a.raised_at_id or 0, a.title, a.status)
            for a in session.scalars(select(Action).where(Action.raised_at_id.is_not(None)))
        }
    by_id = {m.id: m for m in meetings}
    checked = 0
    for meeting in meetings:
        expected = sorted(
            (by_id[at].held_on, action_id, title, status)
            for action_id, (at, title, status) in raised.items()
            if by_id[at].panel is meeting.panel and by_id[at].held_on < meeting.held_on
        )
        briefing = maker.briefing(meeting.id)
        got = [(a.title, a.status, a.raised_in) for a in briefing.earlier_actions]
        assert got == [(t, s, on.replace(day=1)) for on, _, t, s in expected]
        checked += len(got)
        for action in briefing.earlier_actions:
            if action.status is ActionStatus.DONE:
                assert action.result
            if action.status not in (ActionStatus.DONE, ActionStatus.DECLINED):
                assert action.result == ""
    assert checked  # some meeting had earlier actions


def test_fingerprint_is_the_audit_chain_head(briefing_vault: BriefingVault) -> None:
    vault = briefing_vault.vault
    with vault.reading() as session:
        head = audit.head(session.connection()).hex()
    fingerprint = chain_fingerprint(vault)
    assert fingerprint == f"{head[0:4]} {head[4:8]} {head[8:12]}"
    briefing = ScrutinyBriefing(briefing_vault.services).briefing(briefing_vault.seeded.meeting_id)
    assert briefing.fingerprint == fingerprint


def test_a_meeting_not_on_record_is_refused(briefing_vault: BriefingVault) -> None:
    with pytest.raises(NotFound):
        ScrutinyBriefing(briefing_vault.services).briefing(999_999)


def twenty_case_briefing(briefing_vault: BriefingVault) -> Briefing:
    """A briefing of 20 cases: the demo's cases of several meetings, lettered afresh."""
    maker = ScrutinyBriefing(briefing_vault.services)
    cases = [c for m in maker.meetings() for c in maker.briefing(m.id).cases][:20]
    first = maker.briefing(briefing_vault.seeded.meeting_id)
    lettered = tuple(dataclasses.replace(c, letter=case_letter(i)) for i, c in enumerate(cases))
    assert len(lettered) == 20
    return dataclasses.replace(first, cases=lettered)


def test_nothing_the_victim_said_is_printed_without_their_consent_to_reports(
    briefing_vault: BriefingVault,
) -> None:
    vault, meeting = briefing_vault.services.scrutiny.vault, briefing_vault.seeded.meeting_id
    briefing = ScrutinyBriefing(briefing_vault.services)
    assert briefing.briefing(meeting).cases[-2].feedback
    # Withdrawing consent to feedback in reports takes effect at once (put back after: the
    # vault is shared by this module's tests).
    query = select(Consent).where(Consent.purpose == ConsentPurpose.REPORTING)
    with vault.writing(AuditEvent.CONSENT_WITHDRAWN, "test") as session:
        withdrawn = [c.id for c in session.scalars(query) if c.withdrawn_on is None]
        for consent in session.scalars(query):
            consent.withdrawn_on = TODAY
    try:
        for case in briefing.briefing(meeting).cases:
            if case.feedback:  # only a victim not on the roster (anonymous) may still speak
                assert case.risk.known is RiskKnown.NOT_ON_ROSTER
        quoted = briefing.briefing(meeting).cases[-2]
        assert quoted.feedback == () and quoted.themes == ()
    finally:
        with vault.writing(AuditEvent.CONSENT_GIVEN, "test") as session:
            for consent in session.scalars(query):
                if consent.id in withdrawn:
                    consent.withdrawn_on = None
