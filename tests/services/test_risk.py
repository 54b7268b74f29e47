"""Risk assessments: each wizard page's checks in the users' words (each error under the
field it is about), the review date's default, saving whole or not at all, the current
assessment, and the reviews coming due."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, timedelta

import pytest

from sec_desktop.domain.enums import ContactChannel, ParticipantStatus
from sec_desktop.domain.risk_enums import DashLevel, Proceedings, RiskOutcome
from sec_desktop.services import risk_checks
from sec_desktop.services.errors import NotFound, ValidationFailed
from sec_desktop.services.participant_records import (
    ParticipantDetails,
    ParticipantRef,
    SafeContactRules,
)
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.risk_records import RISK_PAGES, AssessmentAnswers, AssessmentRecord
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent
from tests.records import TODAY
from tests.risk_data import answers, assess

NAME = "Morwenna Tregarthen-Obi"
PHONE = SafeContactRules(channels=frozenset({ContactChannel.PHONE}), phone="07700 900456")
GOOD = answers(TODAY)


def errors_on(services: RecordServices, page: str, **changes: object) -> dict[str, str]:
    found = services.risk.check_page(page, replace(GOOD, **changes))  # type: ignore[arg-type]
    return {error.field: error.english() for error in found}


def person(
    services: RecordServices, status: ParticipantStatus = ParticipantStatus.ACTIVE
) -> ParticipantRef:
    return services.roster.add(ParticipantDetails(name=NAME, status=status), PHONE)


# --- each page's checks ---------------------------------------------------------------------


def test_a_complete_assessment_passes_every_page(services: RecordServices) -> None:
    assert tuple(risk_checks.PAGE_CHECKS) == RISK_PAGES
    for page in RISK_PAGES:
        assert services.risk.check_page(page, GOOD) == [], page
    with pytest.raises(ValueError, match="no such risk assessment page"):
        services.risk.check_page("summary", GOOD)


def test_each_error_names_the_field_it_is_about(services: RecordServices) -> None:
    names = {f.name for f in fields(AssessmentAnswers)}
    nothing = AssessmentAnswers(TODAY + timedelta(days=1), confidentiality_acknowledged=True)
    found = {
        page: {e.field for e in services.risk.check_page(page, nothing)} for page in RISK_PAGES
    }
    assert found == {
        "context": {"assessed_on"},
        "risk": {"dash_level"},
        "safety": {"harmer_in_contact", "harmer_could_learn"},
        "proceedings": {"proceedings"},
        "readiness": {"readiness"},
        "confidentiality": {"confidentiality_explained"},
        "outcome": {"outcome"},
    }
    assert set().union(*found.values()) <= names


def test_context_page(services: RecordServices) -> None:
    assert errors_on(services, "context", assessed_on=TODAY + timedelta(days=1)) == {
        "assessed_on": "This date is in the future: use today or earlier."
    }
    assert errors_on(services, "context", other_agencies="x" * 401) == {
        "other_agencies": "This is too long: at most 400 characters."
    }
    assert errors_on(services, "context", context_note="a\x00b") == {
        "context_note": "This contains characters that cannot be kept."
    }


def test_current_risk_page(services: RecordServices) -> None:
    assert errors_on(services, "risk", dash_level=None) == {
        "dash_level": "Choose the current DASH risk level: standard, medium or high."
    }
    assert errors_on(services, "risk", dash_on=TODAY + timedelta(days=1)) == {
        "dash_on": "The last DASH cannot be dated in the future: use today or earlier."
    }
    assert errors_on(
        services, "risk", assessed_on=TODAY - timedelta(days=10), dash_on=TODAY - timedelta(days=2)
    ) == {"dash_on": "The last DASH cannot be after the day of this assessment."}
    # The date of the last DASH may be unknown.
    assert errors_on(services, "risk", dash_on=None, dash_source="") == {}


def test_safety_page(services: RecordServices) -> None:
    found = errors_on(services, "safety", harmer_in_contact=None, harmer_could_learn=None)
    assert found == {
        "harmer_in_contact": "Say whether the person who harmed them is still in contact "
        "with them: yes, no or not known.",
        "harmer_could_learn": "Say whether the person who harmed them could find out they "
        "are taking part: yes, no or not known.",
    }
    assert errors_on(services, "safety", safe_exit="x" * 4001) == {
        "safe_exit": "This is too long: at most 4000 characters."
    }


def test_proceedings_page(services: RecordServices) -> None:
    assert errors_on(services, "proceedings", proceedings=None) == {
        "proceedings": "Choose where any criminal proceedings stand (None if there are none)."
    }
    for stage in (Proceedings.PRE_TRIAL, Proceedings.TRIAL):
        assert errors_on(services, "proceedings", proceedings=stage, group_approved=True) == {
            "group_approval_reason": "Write why you approve group sessions while their case "
            "is pre-trial or at trial, or untick the approval."
        }
        assert (
            errors_on(
                services,
                "proceedings",
                proceedings=stage,
                group_approved=True,
                group_approval_reason="  Talks only about the 101 call, agreed with the OIC.",
            )
            == {}
        )
        assert errors_on(services, "proceedings", proceedings=stage) == {}
    # An approval means nothing when nothing is pending: no reason is asked for.
    assert errors_on(services, "proceedings", group_approved=True) == {}


def test_readiness_page(services: RecordServices) -> None:
    assert errors_on(services, "readiness", readiness=None) == {
        "readiness": "Choose how ready they are to take part now."
    }


def test_confidentiality_page(services: RecordServices) -> None:
    assert errors_on(services, "confidentiality", confidentiality_explained=False) == {
        "confidentiality_explained": "The limits of confidentiality can only be acknowledged "
        "once they have been explained: tick that they were explained too."
    }
    assert (
        errors_on(
            services,
            "confidentiality",
            confidentiality_explained=False,
            confidentiality_acknowledged=False,
        )
        == {}
    )


def test_outcome_page_choices(services: RecordServices) -> None:
    assert errors_on(services, "outcome", outcome=None) == {
        "outcome": "Choose the outcome: proceed, proceed with support, or defer."
    }
    assert errors_on(services, "outcome", outcome=RiskOutcome.PROCEED_WITH_SUPPORT) == {
        "support_plan": "Say what support they will have."
    }
    assert errors_on(services, "outcome", outcome=RiskOutcome.DEFER, defer_reason=" ") == {
        "defer_reason": "Say why taking part is deferred."
    }


def test_high_risk_cannot_end_in_plain_proceed(services: RecordServices) -> None:
    high = {"dash_level": DashLevel.HIGH}
    assert errors_on(services, "outcome", **high) == {
        "outcome": "Their DASH risk is high: choose proceed with support (and say what "
        "support) or defer."
    }
    with_support = {"outcome": RiskOutcome.PROCEED_WITH_SUPPORT, "support_plan": "IDVA attends"}
    assert errors_on(services, "outcome", **high, **with_support) == {}
    deferred = {"outcome": RiskOutcome.DEFER, "defer_reason": "MARAC next week"}
    assert errors_on(services, "outcome", **high, **deferred) == {}


def test_confidentiality_is_needed_to_proceed_not_to_defer(services: RecordServices) -> None:
    untold = {"confidentiality_explained": True, "confidentiality_acknowledged": False}
    needed = (
        "They can only take part once the limits of confidentiality have been explained and "
        "they have acknowledged them: record that on the confidentiality page, or defer."
    )
    assert errors_on(services, "outcome", **untold) == {"outcome": needed}
    supported = {"outcome": RiskOutcome.PROCEED_WITH_SUPPORT, "support_plan": "A buddy"}
    assert errors_on(services, "outcome", **untold, **supported) == {"outcome": needed}
    deferred = {"outcome": RiskOutcome.DEFER, "defer_reason": "Not ready to hear it yet"}
    assert errors_on(services, "outcome", **untold, **deferred) == {}


def test_the_review_date(services: RecordServices) -> None:
    assert errors_on(services, "outcome", review_on=TODAY - timedelta(days=1)) == {
        "review_on": "The review date cannot be before the day of the assessment."
    }
    # Never more than six months ahead, however settled things seem.
    six_months = risk_checks.add_months(TODAY, 6)
    assert errors_on(services, "outcome", review_on=six_months) == {}
    assert errors_on(services, "outcome", review_on=six_months + timedelta(days=1)) == {
        "review_on": "Review within six months at most, by "
        f"{six_months.isoformat()} at the latest: risk can change in that time."
    }
    high = {
        "dash_level": DashLevel.HIGH,
        "outcome": RiskOutcome.PROCEED_WITH_SUPPORT,
        "support_plan": "IDVA attends",
    }
    assert errors_on(services, "outcome", **high, review_on=date(2026, 12, 26)) == {
        "review_on": "Their DASH risk is high: review within a month, by 2026-12-25 at the latest."
    }
    assert errors_on(services, "outcome", **high, review_on=date(2026, 12, 25)) == {}


def test_default_review_date(services: RecordServices) -> None:
    assert services.risk.default_review_on(GOOD) == date(2027, 2, 25)
    high = replace(GOOD, dash_level=DashLevel.HIGH)
    assert services.risk.default_review_on(high) == date(2026, 12, 25)
    # A month shorter than the day: its last day.
    assert services.risk.default_review_on(answers(date(2026, 11, 30))) == date(2027, 2, 28)
    assert services.risk.default_review_on(
        answers(date(2026, 1, 31), dash_level=DashLevel.HIGH)
    ) == date(2026, 2, 28)


# --- saving and reading --------------------------------------------------------------------


def test_saving_checks_every_page_and_changes_nothing_when_wrong(
    services: RecordServices,
) -> None:
    ref = person(services)
    before = audit_count(services)
    wrong = replace(GOOD, dash_level=None, outcome=RiskOutcome.DEFER)
    with pytest.raises(ValidationFailed) as refused:
        services.risk.save(ref.id, wrong)
    assert [e.field for e in refused.value.errors] == ["dash_level", "defer_reason"]
    assert services.risk.assessments(ref.id) == []
    assert services.risk.current(ref.id) is None
    assert audit_count(services) == before


def test_saved_and_listed_newest_first(services: RecordServices) -> None:
    ref = person(services)
    older = assess(
        services,
        ref.id,
        assessed_on=TODAY - timedelta(days=40),
        support_plan="  ",
        safe_travel="  By bus with a friend.  ",
    )
    newer = assess(services, ref.id, review_on=TODAY + timedelta(days=10))
    # Recorded last, but done earliest: it does not become the current one.
    backdated = assess(services, ref.id, assessed_on=TODAY - timedelta(days=90))
    listed = services.risk.assessments(ref.id)
    assert [r.id for r in listed] == [newer, older, backdated]
    current = services.risk.current(ref.id)
    assert isinstance(current, AssessmentRecord) and current.id == newer
    assert current.participant_code == ref.code and current.participant_id == ref.id
    assert current.answers == answers(TODAY, review_on=TODAY + timedelta(days=10))
    first = listed[1].answers
    assert first.safe_travel == "By bus with a friend." and first.support_plan == ""
    # The review date left empty is the default.
    assert first.review_on == date(2027, 1, 16)
    assert listed[1].created_at <= listed[0].created_at


def test_two_on_the_same_day_the_later_is_current(services: RecordServices) -> None:
    ref = person(services)
    assess(services, ref.id)
    later = assess(services, ref.id, outcome=RiskOutcome.DEFER, defer_reason="Changed mind")
    current = services.risk.current(ref.id)
    assert current is not None and current.id == later
    assert current.answers.outcome is RiskOutcome.DEFER


def test_expired_once_the_review_date_has_passed(services: RecordServices) -> None:
    ref = person(services)
    assess(services, ref.id, assessed_on=TODAY - timedelta(days=30), review_on=TODAY)
    current = services.risk.current(ref.id)
    assert current is not None
    assert not current.expired(TODAY)
    assert current.expired(TODAY + timedelta(days=1))


def test_saving_is_audited_by_code_only(services: RecordServices) -> None:
    ref = person(services)
    assessment = assess(
        services,
        ref.id,
        context_note=f"{NAME} asked for a woman facilitator",
        outcome=RiskOutcome.PROCEED_WITH_SUPPORT,
        support_plan="Her IDVA comes along",
    )
    with services.risk.vault.engine.connect() as connection:
        last = audit.rows(connection)[-1]
    assert last.event == AuditEvent.RISK_ASSESSMENT_SAVED.value
    assert last.detail == f"{ref.code}: risk assessment {assessment}"
    assert "Morwenna" not in last.detail and "IDVA" not in last.detail


def test_an_erased_or_unknown_participant(services: RecordServices) -> None:
    with pytest.raises(NotFound):
        services.risk.save(99, GOOD)
    with pytest.raises(NotFound):
        services.risk.assessments(99)
    with pytest.raises(NotFound):
        services.risk.current(99)


# --- reviews due ---------------------------------------------------------------------------


def test_reviews_due_soonest_first_then_never_assessed(services: RecordServices) -> None:
    overdue, soon, later, never = (person(services) for _ in range(4))
    paused = person(services, ParticipantStatus.PAUSED)
    enquiry = person(services, ParticipantStatus.ENQUIRY)
    gone = person(services, ParticipantStatus.LEFT)
    earlier = TODAY - timedelta(days=80)
    assess(services, overdue.id, assessed_on=earlier, review_on=TODAY - timedelta(days=2))
    assess(services, soon.id, review_on=TODAY + timedelta(days=14))
    assess(services, later.id, review_on=TODAY + timedelta(days=15))
    assess(services, enquiry.id, review_on=TODAY)
    assess(services, paused.id, assessed_on=earlier, review_on=TODAY - timedelta(days=2))
    # An older assessment due soon does not count once a newer one is recorded.
    assess(services, later.id, assessed_on=earlier, review_on=TODAY + timedelta(days=1))
    due = services.risk.reviews_due()
    assert [(d.participant_code, d.review_on, d.overdue) for d in due] == [
        (overdue.code, TODAY - timedelta(days=2), True),
        (enquiry.code, TODAY, False),
        (soon.code, TODAY + timedelta(days=14), False),
        (never.code, None, False),
    ]
    assert due[-1].assessment_id is None and due[0].assessment_id is not None
    assert due[0].participant_id == overdue.id
    assert gone.code not in {d.participant_code for d in due}
    wider = [d.participant_code for d in services.risk.reviews_due(within_days=30)]
    assert later.code in wider


def audit_count(services: RecordServices) -> int:
    with services.risk.vault.engine.connect() as connection:
        return len(audit.rows(connection))
