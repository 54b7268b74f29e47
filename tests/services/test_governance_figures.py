"""The governance report's figures, by value, from a small vault seeded in one transaction.

The period asked for is 15 Apr to 10 Jun 2026; figures are never finer than the month, so
it covers 1 Apr to 30 Jun. Records on 31 Mar and 1 Jul are just outside.

People (reporting consent = "feedback used anonymously in reports"):
- AMY (S-0201): current; Survivor Network since January; contactable.
- EVE (S-0205): current; Survivor Network and Victim Reference Group; left the VRG 15 Jun.
- BEN (S-0202): withdrawn; joined the VRG in May.  CAL (S-0203): review date passed.
- DEE (S-0204): never gave it.
Only Amy and Eve may be counted wherever a count is about a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sec_desktop.domain.action import Action, ActionFeedback, ToldRecord
from sec_desktop.domain.action_enums import (
    ActionStatus,
    OpportunityKind,
    RecoveryStatus,
    TakenUp,
    TellingChannel,
    TrainingKind,
)
from sec_desktop.domain.engagement import Attendance, Engagement, TaxonomyTerm
from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource, Sentiment, TermKind
from sec_desktop.domain.enums import ConsentMethod, ConsentPurpose, Group, ReferralRoute
from sec_desktop.domain.feedback import Disclosure, FeedbackItem, FeedbackTerm
from sec_desktop.domain.participant import Consent, EqualityMonitoring, Membership, Participant
from sec_desktop.domain.recovery import DevelopmentOpportunity, RecoveryCase, TrainingSession
from sec_desktop.domain.risk import RiskAssessment
from sec_desktop.domain.risk_enums import Answer, DashLevel, Proceedings, Readiness, RiskOutcome
from sec_desktop.services.disclosure_control import FigureTable
from sec_desktop.services.errors import ValidationFailed
from sec_desktop.services.governance_figures import GovernanceFigures
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

STAMP = datetime(2026, 1, 5, 9, 0)
START, END = date(2026, 4, 15), date(2026, 6, 10)
NAMES = {
    "amy": "Amy Quillfeather",
    "ben": "Ben Marrowdale",
    "cal": "Cal Wintergreen",
    "dee": "Dee Harrowgate",
    "eve": "Eve Lanternby",
}
CODES = {"amy": "S-0201", "ben": "S-0202", "cal": "S-0203", "dee": "S-0204", "eve": "S-0205"}
# Every free text written anywhere in the seed carries this marker.
MARK = "Zebracorn"


def text(what: str) -> str:
    return f"{MARK} {what} 7731"


@dataclass(frozen=True)
class Seeded:
    ids: dict[str, int]
    themes: list[str]  # the first two themes' names
    stages: list[str]


STAMPS: dict[str, Any] = {"created_at": STAMP, "updated_at": STAMP}
D = date


def _person(key: str, consent: dict[str, Any] | None) -> Participant:
    person = Participant(
        code=CODES[key],
        name=NAMES[key],
        referral_route=ReferralRoute.IDVA,
        notes=text("n"),
        **STAMPS,
    )
    given: dict[str, Any] = {"given_on": D(2025, 1, 1), "method": ConsentMethod.WRITTEN}
    if consent is not None:
        person.consents.append(
            Consent(purpose=ConsentPurpose.REPORTING, note=text("c"), **(given | consent))
        )
    person.consents.append(Consent(purpose=ConsentPurpose.CONTACT, **given))
    return person


def _engagement(kind: EngagementKind, on: date, *who: int, **kwargs: Any) -> Engagement:
    found = Engagement(kind=kind, held_on=on, title=text("t"), notes=text("n"), **STAMPS, **kwargs)
    found.attendees = [Attendance(participant_id=p) for p in who]
    return found


def _feedback(on: date, terms: list[int], who: int | None = None, **kwargs: Any) -> FeedbackItem:
    source = FeedbackSource.PARTICIPANT if who else FeedbackSource.ANONYMOUS
    item = FeedbackItem(
        source=source, participant_id=who, received_on=on, summary=text("said"),
        quote=text("quote"), **STAMPS, **kwargs,
    )  # fmt: skip
    item.terms = [FeedbackTerm(term_id=t) for t in terms]
    return item


def _risk(who: int, on: date, level: DashLevel, outcome: RiskOutcome) -> RiskAssessment:
    return RiskAssessment(
        participant_id=who, assessed_on=on, dash_level=level, outcome=outcome,
        harmer_in_contact=Answer.NO, harmer_could_learn=Answer.NO, proceedings=Proceedings.NONE,
        readiness=Readiness.READY, review_on=D(2027, 1, 1), triggers=text("triggers"), **STAMPS,
    )  # fmt: skip


def _member(who: int, group: Group, joined: date, left: date | None = None) -> Membership:
    return Membership(
        participant_id=who, group=group, joined_on=joined, left_on=left, left_reason=text("l")
    )


def _case(opened: date, closed: date | None = None, who: int | None = None) -> RecoveryCase:
    status = RecoveryStatus.CLOSED if closed else RecoveryStatus.OPEN
    return RecoveryCase(
        opened_on=opened, closed_on=closed, status=status, participant_id=who,
        concern=text("concern"), survivor_pseudonym=text("p"), **STAMPS,
    )  # fmt: skip


def _session(on: date, kind: TrainingKind, attending: int) -> TrainingSession:
    return TrainingSession(
        held_on=on, kind=kind, attending=attending, title=text("s"), audience=text("a"), **STAMPS
    )


def _offer(who: int, kind: OpportunityKind, answer: TakenUp) -> DevelopmentOpportunity:
    return DevelopmentOpportunity(
        participant_id=who, kind=kind, offered_on=D(2026, 5, 3), taken_up=answer,
        title=text("offer"), what_came_of_it=text("came"), **STAMPS,
    )  # fmt: skip


def _action(status: ActionStatus, raised: datetime, closed: date | None = None) -> Action:
    return Action(
        title=text("a"), description=text("d"), outcome=text("o"), status=status,
        closed_on=closed, created_at=raised, updated_at=STAMP,
    )  # fmt: skip


def _terms(s: Session) -> tuple[list[str], list[str], dict[tuple[str, str], int]]:
    rows = s.execute(
        select(TaxonomyTerm.id, TaxonomyTerm.kind, TaxonomyTerm.name).order_by(
            TaxonomyTerm.position, TaxonomyTerm.id
        )
    )
    terms = {(str(k), str(n)): int(i) for i, k, n in rows}
    themes = [n for (k, n) in terms if k == TermKind.THEME][:2]
    stages = [n for (k, n) in terms if k == TermKind.STAGE][:2]
    return themes, stages, terms


def _people(s: Session) -> dict[str, int]:
    people = {
        "amy": _person("amy", {}),
        "eve": _person("eve", {"review_on": D(2027, 1, 1)}),
        "ben": _person("ben", {"withdrawn_on": D(2026, 10, 1)}),
        "cal": _person("cal", {"review_on": D(2026, 11, 24)}),
        "dee": _person("dee", None),
    }
    s.add_all(people.values())
    s.flush()
    return {k: p.id for k, p in people.items()}


def seed(vault: Vault) -> Seeded:
    with vault.writing(AuditEvent.DEMO_DATA_WRITTEN, "test data") as s:
        ids = _people(s)
        amy, eve, ben, dee = ids["amy"], ids["eve"], ids["ben"], ids["dee"]
        themes, stages, terms = _terms(s)
        t1, t2 = (terms[TermKind.THEME.value, n] for n in themes)
        s1, s2 = (terms[TermKind.STAGE.value, n] for n in stages)
        amy_said = _feedback(D(2026, 4, 1), [t1, s1], amy, sentiment=Sentiment.POSITIVE)
        ben_said = _feedback(D(2026, 4, 2), [t1, s1], ben, sentiment=Sentiment.NEGATIVE)
        disclosed = _feedback(D(2026, 5, 3), [t2, s2], sentiment=Sentiment.NEGATIVE)
        done = _action(ActionStatus.DONE, datetime(2026, 4, 3, 10), D(2026, 5, 10))
        s.add_all([
            _member(amy, Group.NETWORK, D(2026, 1, 10)),
            _member(eve, Group.NETWORK, D(2026, 4, 2)),
            _member(eve, Group.REFERENCE_GROUP, D(2025, 6, 1), D(2026, 6, 15)),
            _member(ben, Group.REFERENCE_GROUP, D(2026, 5, 1)),
            EqualityMonitoring(participant_id=amy, sex="female", age="25-44"),
            EqualityMonitoring(participant_id=eve, sex="prefer not to say", race="white"),
            EqualityMonitoring(participant_id=ben, sex="male", age="25-44"),
            _engagement(EngagementKind.FOCUS_GROUP, D(2026, 4, 1), amy, ben, dee),
            _engagement(EngagementKind.ONE_TO_ONE, D(2026, 5, 20), amy),
            _engagement(EngagementKind.ONE_TO_ONE, D(2026, 5, 21), ben),
            _engagement(EngagementKind.STAFF_FORUM, D(2026, 6, 30), headcount=7),
            _engagement(EngagementKind.STAFF_FORUM, D(2026, 7, 1), headcount=50),
            _engagement(EngagementKind.FOCUS_GROUP, D(2026, 3, 31)),
            amy_said, ben_said, disclosed,
            _feedback(D(2026, 6, 30), [t2, s1, s2], sentiment=Sentiment.MIXED),
            _feedback(D(2026, 5, 5), []),
            _feedback(D(2026, 5, 6), [t1, s1], dee, sentiment=Sentiment.POSITIVE),
            _feedback(D(2026, 3, 31), [t1, s1], sentiment=Sentiment.POSITIVE),
            _feedback(D(2026, 7, 1), [t1, s1], sentiment=Sentiment.POSITIVE),
            done,
            _action(ActionStatus.PROPOSED, datetime(2026, 6, 30, 23)),
            _action(ActionStatus.AGREED, datetime(2026, 3, 31, 23)),
            _case(D(2026, 4, 2), D(2026, 4, 5), amy),
            _case(D(2026, 5, 1)),
            _case(D(2026, 4, 10), who=dee),
            _case(D(2026, 3, 1), D(2026, 4, 20)),
            _case(D(2026, 6, 20), D(2026, 7, 20)),
            _session(D(2026, 5, 1), TrainingKind.OFFICER_TRAINING, 20),
            _session(D(2026, 5, 2), TrainingKind.OFFICER_TRAINING, 15),
            _session(D(2026, 6, 3), TrainingKind.TALK, 40),
            _session(D(2026, 7, 1), TrainingKind.TALK, 99),
            _offer(amy, OpportunityKind.TRAINING_COURSE, TakenUp.TAKEN_UP),
            _offer(eve, OpportunityKind.SPEAKING, TakenUp.DECLINED),
            _offer(dee, OpportunityKind.WRITING, TakenUp.WAITING),
            _risk(amy, D(2026, 4, 1), DashLevel.STANDARD, RiskOutcome.PROCEED),
            _risk(eve, D(2026, 6, 30), DashLevel.HIGH, RiskOutcome.DEFER),
            _risk(ben, D(2026, 5, 1), DashLevel.MEDIUM, RiskOutcome.PROCEED),
            _risk(amy, D(2026, 3, 31), DashLevel.HIGH, RiskOutcome.PROCEED),
        ])  # fmt: skip
        s.flush()
        s.add(Disclosure(feedback_id=disclosed.id, flagged_at=STAMP, deadline_at=STAMP))
        s.add_all(
            [ActionFeedback(action_id=done.id, feedback_id=f.id) for f in (amy_said, ben_said)]
        )
        s.add_all(
            ToldRecord(action_id=done.id, participant_id=p, told_on=D(2026, 5, 12),
                       channel=TellingChannel.PHONE, what_was_said=text("told"))
            for p in (amy, ben)
        )  # fmt: skip
    return Seeded(ids, themes, stages)


@pytest.fixture
def seeded(records_vault: Vault) -> Seeded:
    return seed(records_vault)


def by_name(
    services: RecordServices, start: date = START, end: date = END
) -> dict[str, FigureTable]:
    return {t.name: t for t in GovernanceFigures(services).tables(start, end)}


def grid(table: FigureTable) -> dict[str, tuple[int, ...]]:
    return dict(table.rows)


def test_engagements_by_month(services: RecordServices, seeded: Seeded) -> None:
    table = by_name(services)["engagements_by_month"]
    assert table.columns == ("Apr 2026", "May 2026", "Jun 2026")
    assert table.totals
    # Ben's one-to-one is about Ben, whose consent is withdrawn: not counted.
    assert grid(table) == {
        EngagementKind.FOCUS_GROUP.label: (1, 0, 0),
        EngagementKind.ONE_TO_ONE.label: (0, 1, 0),
        EngagementKind.STAFF_FORUM.label: (0, 0, 1),
        EngagementKind.SCRUTINY_PANEL.label: (0, 0, 0),
        EngagementKind.REFERENCE_GROUP.label: (0, 0, 0),
    }


def test_people_and_groups(services: RecordServices, seeded: Seeded) -> None:
    tables = by_name(services)
    # Eve took part in nothing, so only Amy is engaged; Ben and Dee attended but don't count.
    assert grid(tables["people_engaged"]) == {
        "Survivor Network and Victim Reference Group": (0,),
        "Survivor Network only": (1,),
        "Victim Reference Group only": (0,),
        "Other participants": (0,),
    }
    # Attendances, not people: a table of its own, so the people total matches the
    # equality tables' totals (and is hidden with them).
    assert grid(tables["staff_forum_attendance"]) == {
        "Anonymous staff forum attendance (headcount)": (7,)
    }
    assert grid(tables["network_and_reference_group"]) == {
        Group.NETWORK.label: (2, 1, 0),
        Group.REFERENCE_GROUP.label: (0, 0, 1),  # Eve left on 15 Jun; Ben doesn't count
    }


def test_feedback_by_theme_stage_and_sentiment(services: RecordServices, seeded: Seeded) -> None:
    tables = by_name(services)
    (t1, t2), (s1, s2) = seeded.themes, seeded.stages
    stages = tables["feedback_by_theme_and_stage"]
    assert stages.columns[:2] == (s1, s2)
    assert stages.columns[-1] == "No journey stage"
    cells = {
        (theme, column): n
        for theme, counts in stages.rows
        for column, n in zip(stages.columns, counts, strict=True)
        if n
    }
    # Amy's item; the anonymous one in two stages; the uncoded one. Ben's, Dee's, the
    # disclosure and those outside the period are left out.
    assert cells == {(t1, s1): 1, (t2, s1): 1, (t2, s2): 1, ("No theme", "No journey stage"): 1}
    sentiment = tables["feedback_by_sentiment"]
    assert sentiment.columns == ("Positive", "Negative", "Mixed", "Not recorded")
    assert grid(sentiment)[t1] == (1, 0, 0, 0)
    assert grid(sentiment)[t2] == (0, 0, 1, 0)
    assert grid(sentiment)["No theme"] == (0, 0, 0, 1)


def test_actions_loop_recovery_training(services: RecordServices, seeded: Seeded) -> None:
    tables = by_name(services)
    actions = grid(tables["actions_by_status"])
    assert actions[ActionStatus.DONE.label] == (1, 0, 0)
    assert actions[ActionStatus.PROPOSED.label] == (0, 0, 1)
    assert actions[ActionStatus.AGREED.label] == (0, 0, 0)
    # Amy and Ben were behind the action and told; only Amy may be counted.
    assert grid(tables["loop_closed_by_quarter"]) == {"Apr\u2013Jun 2026": (1, 0)}
    assert grid(tables["service_recovery"]) == {
        "Opened in the period": (1, 1, 1),  # 3 days; open 60 days at 30 Jun; 10 days to 30 Jun
        "Closed in the period": (1, 0, 1),  # 3 days; opened 1 Mar, closed 20 Apr: 50
        "Open at the end of the period": (0, 1, 1),
    }
    assert grid(tables["training_reach"]) == {
        TrainingKind.OFFICER_TRAINING.label: (2, 35),
        TrainingKind.BRIEFING.label: (0, 0),
        TrainingKind.TALK.label: (1, 40),
        TrainingKind.OTHER.label: (0, 0),
    }


def test_development_and_risk(services: RecordServices, seeded: Seeded) -> None:
    tables = by_name(services)
    development = tables["development_opportunities"]
    assert development.columns == tuple(
        t.label for t in (TakenUp.TAKEN_UP, TakenUp.DECLINED, TakenUp.WAITING)
    )
    assert grid(development)[OpportunityKind.TRAINING_COURSE.label] == (1, 0, 0)
    assert grid(development)[OpportunityKind.SPEAKING.label] == (0, 1, 0)
    assert grid(development)[OpportunityKind.WRITING.label] == (0, 0, 0)  # Dee: no consent
    risk = tables["risk_assessments_by_outcome"]
    assert risk.columns == tuple(o.label for o in RiskOutcome)
    assert grid(risk) == {
        DashLevel.STANDARD.label: (1, 0, 0),
        DashLevel.MEDIUM.label: (0, 0, 0),  # Ben's: no consent
        DashLevel.HIGH.label: (0, 0, 1),
    }


def test_equality_monitoring_one_table_per_characteristic(
    services: RecordServices, seeded: Seeded
) -> None:
    tables = by_name(services)
    names = [n for n in tables if n.startswith("equality_monitoring_")]
    assert len(names) == 9
    assert tables["equality_monitoring_sex"].title == "Equality monitoring: sex"
    # Only Amy is engaged (Ben answered too, but his consent is withdrawn).
    assert grid(tables["equality_monitoring_sex"]) == {
        "Female": (1,),
        "Male": (0,),
        "Prefer not to say": (0,),
        "Not asked or not answered": (0,),
    }
    assert grid(tables["equality_monitoring_race"])["Not asked or not answered"] == (1,)


def test_prefer_not_to_say_is_kept(
    services: RecordServices, seeded: Seeded, records_vault: Vault
) -> None:
    engaged = _engagement(EngagementKind.ONE_TO_ONE, date(2026, 6, 1))
    engaged.attendees = [Attendance(participant_id=seeded.ids["eve"])]
    with records_vault.writing(AuditEvent.ENGAGEMENT_RECORDED, "test") as s:
        s.add(engaged)
    sex = grid(by_name(services)["equality_monitoring_sex"])
    assert (sex["Female"], sex["Prefer not to say"]) == ((1,), (1,))
    people = grid(by_name(services)["people_engaged"])
    assert people["Survivor Network and Victim Reference Group"] == (1,)


def test_withdrawing_reporting_consent_takes_a_person_out(
    services: RecordServices, seeded: Seeded, records_vault: Vault
) -> None:
    with records_vault.writing(AuditEvent.CONSENT_WITHDRAWN, "test") as s:
        s.execute(
            update(Consent)
            .where(
                Consent.participant_id == seeded.ids["amy"],
                Consent.purpose == ConsentPurpose.REPORTING,
            )
            .values(withdrawn_on=date(2026, 11, 20))
        )
    tables = by_name(services)
    assert grid(tables["people_engaged"])["Survivor Network only"] == (0,)
    assert grid(tables["engagements_by_month"])[EngagementKind.ONE_TO_ONE.label] == (0, 0, 0)
    assert grid(tables["feedback_by_sentiment"])[seeded.themes[0]] == (0, 0, 0, 0)
    assert grid(tables["loop_closed_by_quarter"]) == {"Apr\u2013Jun 2026": (0, 0)}
    assert grid(tables["risk_assessments_by_outcome"])[DashLevel.STANDARD.label] == (0, 0, 0)
    assert grid(tables["equality_monitoring_sex"])["Female"] == (0,)
    recovery = grid(tables["service_recovery"])
    assert recovery["Opened in the period"] == (0, 1, 1)


def test_periods_are_whole_months(services: RecordServices, seeded: Seeded) -> None:
    assert by_name(services) == by_name(services, date(2026, 4, 1), date(2026, 6, 30))
    one_month = by_name(services, date(2026, 7, 9), date(2026, 7, 9))
    assert one_month["engagements_by_month"].columns == ("Jul 2026",)
    assert grid(one_month["staff_forum_attendance"])[
        "Anonymous staff forum attendance (headcount)"
    ] == (50,)
    assert grid(one_month["training_reach"])[TrainingKind.TALK.label] == (1, 99)
    march = by_name(services, date(2026, 3, 1), date(2026, 3, 31))
    assert grid(march["risk_assessments_by_outcome"])[DashLevel.HIGH.label] == (1, 0, 0)
    assert grid(march["feedback_by_sentiment"])[seeded.themes[0]] == (1, 0, 0, 0)
    with pytest.raises(ValidationFailed):
        GovernanceFigures(services).tables(END, START)


def test_summary_lines_are_grand_totals(services: RecordServices, seeded: Seeded) -> None:
    summary = GovernanceFigures(services).summary(START, END)
    assert (summary.start, summary.end, summary.period) == (
        date(2026, 4, 1),
        date(2026, 6, 30),
        "Apr 2026 \u2013 Jun 2026",
    )
    assert [(line.table, line.value) for line in summary.lines] == [
        ("engagements_by_month", 3),
        ("people_engaged", 1),  # people only: the headcount is attendances
        ("actions_by_status", 2),
        ("development_opportunities", 2),
        ("risk_assessments_by_outcome", 2),
    ]
    figures = GovernanceFigures(services)
    assert figures.summary(START, END, figures.tables(START, END)) == summary
    table = summary.as_table()
    assert table.rows[0] == ("Engagements held", (3,))
    assert not table.totals


def _strings(table: FigureTable) -> list[str]:
    labels = [label for label, _ in table.rows]
    return [table.name, table.title, table.row_label, table.note, *table.columns, *labels]


def test_no_name_code_or_free_text_anywhere(services: RecordServices, seeded: Seeded) -> None:
    figures = GovernanceFigures(services)
    tables = figures.tables(date(2026, 1, 1), date(2026, 12, 31))
    summary = figures.summary(START, END)
    strings = [s for t in [*tables, summary.as_table()] for s in _strings(t)]
    forbidden = [*NAMES.values(), *CODES.values(), MARK, "7731", "S-0"]
    found = [(s, bad) for s in strings for bad in forbidden if bad.lower() in s.lower()]
    assert found == []
    for table in tables:
        assert all(isinstance(n, int) for _, counts in table.rows for n in counts)
        assert all(len(counts) == len(table.columns) for _, counts in table.rows)


def test_every_equality_table_counts_exactly_the_people_engaged(
    services: RecordServices, seeded: Seeded
) -> None:
    # One total, published once: an equality table's total that differed from the people
    # engaged (for example by adding the staff forum headcount to it) would let a hidden
    # figure be worked out by subtracting one report's totals from another's.
    tables = by_name(services)
    people = sum(counts[0] for _, counts in tables["people_engaged"].rows)
    equality = [t for name, t in tables.items() if name.startswith("equality_monitoring_")]
    assert equality
    for table in equality:
        assert sum(sum(counts) for _, counts in table.rows) == people, table.name
