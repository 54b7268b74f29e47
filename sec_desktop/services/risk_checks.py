"""The risk assessment wizard's checks, one page at a time, in the users' words.

Each error names the AssessmentAnswers field it is about, so the wizard can show it under
that field. Rules that join pages (high risk, confidentiality, group approval) are
checked on the page where the last of their answers is given.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date

from sec_desktop.domain.risk_enums import DashLevel, RiskOutcome
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import validation as check
from sec_desktop.services.errors import FieldError
from sec_desktop.services.risk_records import RISK_PAGES, AssessmentAnswers

SHORT_TEXT = 200
AGENCIES_TEXT = 400
LONG_TEXT = 4000
REVIEW_MONTHS = 3
HIGH_RISK_REVIEW_MONTHS = 1
# However settled things seem, risk changes: never longer than this between reviews.
LONGEST_REVIEW_MONTHS = 6

CHOOSE_DASH = QT_TRANSLATE_NOOP(
    "Records", "Choose the current DASH risk level: standard, medium or high."
)
ANSWER_IN_CONTACT = QT_TRANSLATE_NOOP(
    "Records",
    "Say whether the person who harmed them is still in contact with them: yes, no or not known.",
)
ANSWER_COULD_LEARN = QT_TRANSLATE_NOOP(
    "Records",
    "Say whether the person who harmed them could find out they are taking part: yes, no or "
    "not known.",
)
CHOOSE_PROCEEDINGS = QT_TRANSLATE_NOOP(
    "Records", "Choose where any criminal proceedings stand (None if there are none)."
)
APPROVAL_REASON = QT_TRANSLATE_NOOP(
    "Records",
    "Write why you approve group sessions while their case is pre-trial or at trial, or "
    "untick the approval.",
)
CHOOSE_READINESS = QT_TRANSLATE_NOOP("Records", "Choose how ready they are to take part now.")
EXPLAINED_FIRST = QT_TRANSLATE_NOOP(
    "Records",
    "The limits of confidentiality can only be acknowledged once they have been explained: "
    "tick that they were explained too.",
)
CHOOSE_OUTCOME = QT_TRANSLATE_NOOP(
    "Records", "Choose the outcome: proceed, proceed with support, or defer."
)
HIGH_RISK_PLAIN_PROCEED = QT_TRANSLATE_NOOP(
    "Records",
    "Their DASH risk is high: choose proceed with support (and say what support) or defer.",
)
CONFIDENTIALITY_NEEDED = QT_TRANSLATE_NOOP(
    "Records",
    "They can only take part once the limits of confidentiality have been explained and "
    "they have acknowledged them: record that on the confidentiality page, or defer.",
)
SAY_WHAT_SUPPORT = QT_TRANSLATE_NOOP("Records", "Say what support they will have.")
SAY_WHY_DEFERRED = QT_TRANSLATE_NOOP("Records", "Say why taking part is deferred.")
REVIEW_BEFORE_ASSESSMENT = QT_TRANSLATE_NOOP(
    "Records", "The review date cannot be before the day of the assessment."
)
HIGH_RISK_REVIEW = QT_TRANSLATE_NOOP(
    "Records", "Their DASH risk is high: review within a month, by {date} at the latest."
)
REVIEW_TOO_FAR = QT_TRANSLATE_NOOP(
    "Records",
    "Review within six months at most, by {date} at the latest: risk can change in that time.",
)
DASH_AFTER_ASSESSMENT = QT_TRANSLATE_NOOP(
    "Records", "The last DASH cannot be after the day of this assessment."
)
DASH_IN_FUTURE = QT_TRANSLATE_NOOP(
    "Records", "The last DASH cannot be dated in the future: use today or earlier."
)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day if it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def high_risk(answers: AssessmentAnswers) -> bool:
    return answers.dash_level is DashLevel.HIGH


def latest_review_on(answers: AssessmentAnswers) -> date | None:
    """The latest review date allowed for high risk: a month after the assessment."""
    if high_risk(answers):
        return add_months(answers.assessed_on, HIGH_RISK_REVIEW_MONTHS)
    return None


def default_review_on(answers: AssessmentAnswers) -> date:
    """Three months after the assessment; one month if the DASH risk is high."""
    months = HIGH_RISK_REVIEW_MONTHS if high_risk(answers) else REVIEW_MONTHS
    return add_months(answers.assessed_on, months)


def _needed(field: str, missing: bool, message: str) -> FieldError | None:
    return FieldError(field, message) if missing else None


def _context(answers: AssessmentAnswers, today: date) -> list[FieldError | None]:
    return [
        check.not_in_future("assessed_on", answers.assessed_on, today),
        check.text("other_agencies", answers.other_agencies, AGENCIES_TEXT),
        check.text("context_note", answers.context_note, LONG_TEXT),
    ]


def _risk(answers: AssessmentAnswers, today: date) -> list[FieldError | None]:
    return [
        _needed("dash_level", answers.dash_level is None, CHOOSE_DASH),
        _dash_on(answers, today),
        check.text("dash_source", answers.dash_source, SHORT_TEXT),
    ]


def _dash_on(answers: AssessmentAnswers, today: date) -> FieldError | None:
    dash_on = answers.dash_on
    if dash_on is not None and dash_on > today:
        return FieldError("dash_on", DASH_IN_FUTURE)
    if dash_on is not None and dash_on > answers.assessed_on:
        return FieldError("dash_on", DASH_AFTER_ASSESSMENT)
    return None


def _safety(answers: AssessmentAnswers, today: date) -> list[FieldError | None]:
    return [
        _needed("harmer_in_contact", answers.harmer_in_contact is None, ANSWER_IN_CONTACT),
        _needed("harmer_could_learn", answers.harmer_could_learn is None, ANSWER_COULD_LEARN),
        check.text("safe_travel", answers.safe_travel, LONG_TEXT),
        check.text("childcare", answers.childcare, LONG_TEXT),
        check.text("safe_exit", answers.safe_exit, LONG_TEXT),
    ]


def _proceedings(answers: AssessmentAnswers, today: date) -> list[FieldError | None]:
    stage = answers.proceedings
    approved = stage is not None and stage.blocks_groups and answers.group_approved
    return [
        _needed("proceedings", stage is None, CHOOSE_PROCEEDINGS),
        _needed(
            "group_approval_reason",
            approved and not answers.group_approval_reason.strip(),
            APPROVAL_REASON,
        ),
        check.text("group_approval_reason", answers.group_approval_reason, LONG_TEXT),
    ]


def _readiness(answers: AssessmentAnswers, today: date) -> list[FieldError | None]:
    return [
        _needed("readiness", answers.readiness is None, CHOOSE_READINESS),
        check.text("triggers", answers.triggers, LONG_TEXT),
        check.text("what_helps", answers.what_helps, LONG_TEXT),
    ]


def _confidentiality(answers: AssessmentAnswers, today: date) -> list[FieldError | None]:
    return [
        _needed(
            "confidentiality_explained",
            answers.confidentiality_acknowledged and not answers.confidentiality_explained,
            EXPLAINED_FIRST,
        )
    ]


def _outcome(answers: AssessmentAnswers, today: date) -> list[FieldError | None]:
    return [
        _outcome_choice(answers),
        _needed(
            "support_plan",
            answers.outcome is RiskOutcome.PROCEED_WITH_SUPPORT
            and not answers.support_plan.strip(),
            SAY_WHAT_SUPPORT,
        ),
        check.text("support_plan", answers.support_plan, LONG_TEXT),
        _needed(
            "defer_reason",
            answers.outcome is RiskOutcome.DEFER and not answers.defer_reason.strip(),
            SAY_WHY_DEFERRED,
        ),
        check.text("defer_reason", answers.defer_reason, LONG_TEXT),
        _review_on(answers),
    ]


def _outcome_choice(answers: AssessmentAnswers) -> FieldError | None:
    outcome = answers.outcome
    if outcome is None:
        return FieldError("outcome", CHOOSE_OUTCOME)
    if outcome is RiskOutcome.PROCEED and high_risk(answers):
        return FieldError("outcome", HIGH_RISK_PLAIN_PROCEED)
    told = answers.confidentiality_explained and answers.confidentiality_acknowledged
    if outcome is not RiskOutcome.DEFER and not told:
        return FieldError("outcome", CONFIDENTIALITY_NEEDED)
    return None


def _review_on(answers: AssessmentAnswers) -> FieldError | None:
    review_on = answers.review_on
    if review_on is None:
        return None  # the default applies (services/risk.py)
    if review_on < answers.assessed_on:
        return FieldError("review_on", REVIEW_BEFORE_ASSESSMENT)
    latest = latest_review_on(answers)
    if latest is not None and review_on > latest:
        return FieldError("review_on", HIGH_RISK_REVIEW, {"date": latest.isoformat()})
    longest = add_months(answers.assessed_on, LONGEST_REVIEW_MONTHS)
    if review_on > longest:
        return FieldError("review_on", REVIEW_TOO_FAR, {"date": longest.isoformat()})
    return None


PAGE_CHECKS: dict[str, Callable[[AssessmentAnswers, date], list[FieldError | None]]] = {
    "context": _context,
    "risk": _risk,
    "safety": _safety,
    "proceedings": _proceedings,
    "readiness": _readiness,
    "confidentiality": _confidentiality,
    "outcome": _outcome,
}


def page_errors(page: str, answers: AssessmentAnswers, today: date) -> list[FieldError]:
    """What is wrong on one page; nothing is written."""
    if page not in PAGE_CHECKS:
        raise ValueError(f"no such risk assessment page: {page!r}")
    return [error for error in PAGE_CHECKS[page](answers, today) if error is not None]


def all_errors(answers: AssessmentAnswers, today: date) -> list[FieldError]:
    return [error for page in RISK_PAGES for error in page_errors(page, answers, today)]
