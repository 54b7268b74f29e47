"""The risk assessment wizard, on a real vault and the real RiskService: walked to each
outcome with a refusal on every page, high risk kept from plain "proceed", Back keeping
answers, a refusal at Finish losing nothing, and resuming from a draft after an
auto-lock."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWizard

from sec_desktop.domain.enums import ConsentMethod, ConsentPurpose, ContactChannel
from sec_desktop.domain.risk_enums import Answer, DashLevel, Proceedings, Readiness, RiskOutcome
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.participant_records import ParticipantDetails, SafeContactRules
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.participant_fields import choose
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.risk_wizard import RiskWizard
from sec_desktop.vault.vault import Unlock
from tests.records import TODAY
from tests.ui.conftest import TEST_PASSPHRASE

SHOTS = "/tmp/shots"  # noqa: S108 (screenshots to look at, as the brief asks)
NAME = "Robin Calloway"
NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton
BACK = QWizard.WizardButton.BackButton


@pytest.fixture
def writer() -> RecordWriter:
    return RecordWriter()


def add_person(services: RecordServices) -> int:
    rules = SafeContactRules(channels=frozenset({ContactChannel.PHONE}), phone="07700 900123")
    person = services.roster.add(ParticipantDetails(name=NAME), rules).id
    services.consent.give(
        person, ConsentGiven(ConsentPurpose.CONTACT, date(2026, 3, 10), ConsentMethod.VERBAL)
    )
    return person


def opened(qtbot, wizard: RiskWizard) -> RiskWizard:
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    return wizard


@pytest.fixture
def person(services) -> int:
    return add_person(services)


@pytest.fixture
def wizard(qtbot, services, writer, person) -> RiskWizard:
    return opened(qtbot, RiskWizard(services, writer, person))


def message(wizard: RiskWizard, name: str) -> str:
    return next(p.errors.message(name) for p in wizard.pages if name in p.fields)


def focus_in(wizard: RiskWizard, name: str) -> bool:
    field = next(p.fields[name] for p in wizard.pages if name in p.fields)
    focus = QApplication.focusWidget()
    return focus is field or (focus is not None and field.isAncestorOf(focus))


def press(qtbot, wizard: RiskWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def shoot(wizard: RiskWizard, name: str) -> None:
    QApplication.processEvents()  # the layout catches up, as it would on screen
    wizard.grab().save(f"{SHOTS}/risk-{name}.png")


def refused(qtbot, wizard: RiskWizard, name: str, shot: str | None = None) -> str:
    """Next is pressed and refused: the message is under `name`, which has the focus."""
    page = wizard.currentId()
    press(qtbot, wizard, NEXT)
    assert wizard.currentId() == page
    text = message(wizard, name)
    assert text, name
    assert focus_in(wizard, name), name
    if shot:
        shoot(wizard, f"{shot}-error")
    return text


def accepted(qtbot, wizard: RiskWizard) -> None:
    page = wizard.currentId()
    press(qtbot, wizard, NEXT)
    assert wizard.currentId() == page + 1, [
        (n, p.errors.message(n)) for p in wizard.pages for n in p.fields if p.errors.message(n)
    ]


def finish_refused(qtbot, wizard: RiskWizard, name: str) -> str:
    press(qtbot, wizard, FINISH)
    assert wizard.isVisible() and not wizard.busy
    assert message(wizard, name), name
    assert focus_in(wizard, name), name
    return message(wizard, name)


def finish_saved(qtbot, wizard: RiskWizard, writer: RecordWriter) -> object:
    with qtbot.waitSignal(wizard.saved, timeout=10000) as saved:
        press(qtbot, wizard, FINISH)
    qtbot.waitUntil(lambda: not writer.busy)
    assert not wizard.isVisible()
    return saved.args[0]


def through_readiness(qtbot, wizard: RiskWizard, dash: DashLevel, stage: Proceedings) -> None:
    """The first five pages, answered without refusal."""
    p = wizard.pages
    accepted(qtbot, wizard)
    choose(p[1].level, dash)
    accepted(qtbot, wizard)
    choose(p[2].contact, Answer.NO)
    choose(p[2].could_learn, Answer.NO)
    accepted(qtbot, wizard)
    choose(p[3].proceedings, stage)
    accepted(qtbot, wizard)
    choose(p[4].readiness, Readiness.READY)
    accepted(qtbot, wizard)


def told(qtbot, wizard: RiskWizard) -> None:
    wizard.pages[5].explained.setChecked(True)
    wizard.pages[5].acknowledged.setChecked(True)
    accepted(qtbot, wizard)


# --- each outcome, with a refusal on every page --------------------------------------------


def first_three_pages_refused_once(qtbot, wizard: RiskWizard) -> None:
    p = wizard.pages
    # 1. Context: not in the future.
    p[0].assessed_on.set_value(TODAY + timedelta(days=1))
    assert "future" in refused(qtbot, wizard, "assessed_on", "1-context")
    p[0].assessed_on.set_value(TODAY)
    p[0].idva.setChecked(True)
    p[0].agencies.setText("Housing association")
    accepted(qtbot, wizard)
    # 2. Current risk: a DASH level is needed; its date not in the future.
    p[1].dash_on.set_value(TODAY + timedelta(days=3))
    assert "DASH" in refused(qtbot, wizard, "dash_level", "2-risk")
    assert message(wizard, "dash_on")
    choose(p[1].level, DashLevel.MEDIUM)
    p[1].dash_on.set_value(date(2026, 10, 1))
    p[1].source.setText("IDVA service")
    p[1].marac.setChecked(True)
    accepted(qtbot, wizard)
    assert not p[1].errors.message("dash_level")
    # 3. Safety.
    refused(qtbot, wizard, "harmer_in_contact", "3-safety")
    assert message(wizard, "harmer_could_learn")
    choose(p[2].contact, Answer.NO)
    choose(p[2].could_learn, Answer.NOT_KNOWN)
    p[2].travel.setPlainText("Taxi both ways, booked by us.")
    p[2].exit.setPlainText("Sit near the door; a quiet room next door.")
    accepted(qtbot, wizard)


def next_three_pages_refused_once(qtbot, wizard: RiskWizard) -> None:
    p = wizard.pages
    # 4. Proceedings: pre-trial, approved for groups, needs a written reason.
    assert not p[3].warning.isVisible() and not p[3].approved.isVisible()
    refused(qtbot, wizard, "proceedings")
    choose(p[3].proceedings, Proceedings.PRE_TRIAL)
    assert p[3].warning.isVisible() and p[3].approved.isVisible()
    assert "must not discuss the evidence in a group" in p[3].warning.text()
    p[3].approved.setChecked(True)
    refused(qtbot, wizard, "group_approval_reason", "4-proceedings")
    p[3].reason.setPlainText("Topic is the 101 service only; CPS officer agreed.")
    accepted(qtbot, wizard)
    # 5. Readiness.
    refused(qtbot, wizard, "readiness", "5-readiness")
    choose(p[4].readiness, Readiness.SOME_CONCERNS)
    p[4].triggers.setPlainText("Raised voices.")
    p[4].helps.setPlainText("A break and a cup of tea.")
    accepted(qtbot, wizard)
    # 6. Confidentiality: acknowledged needs explained.
    limits = p[5].limits.text()
    assert "record it as a crime" in limits and "24 hours" in limits
    p[5].acknowledged.setChecked(True)
    refused(qtbot, wizard, "confidentiality_explained", "6-confidentiality")
    p[5].explained.setChecked(True)
    accepted(qtbot, wizard)


def test_proceed_with_support_after_a_refusal_on_every_page(
    qtbot, services, writer, wizard, person
) -> None:
    assert wizard.windowTitle() == "Risk assessment: S-0001"
    assert NAME not in wizard.windowTitle() and NAME not in wizard.accessibleName()
    p = wizard.pages
    first_three_pages_refused_once(qtbot, wizard)
    next_three_pages_refused_once(qtbot, wizard)
    # 7. Outcome: the review date defaults to three months on.
    assert p[6].review.value() == date(2027, 2, 25)
    assert not p[6].high_risk_note.isVisible()
    assert p[6].outcome.buttons[RiskOutcome.PROCEED].isEnabled()
    assert "outcome" in finish_refused(qtbot, wizard, "outcome")
    p[6].outcome.set_value(RiskOutcome.PROCEED_WITH_SUPPORT)
    assert p[6].support.isVisible() and not p[6].reason.isVisible()
    finish_refused(qtbot, wizard, "support_plan")
    shoot(wizard, "7-outcome-error")
    p[6].support.setPlainText("Their IDVA comes with them.")
    assessment_id = finish_saved(qtbot, wizard, writer)

    current = services.risk.current(person)
    assert current is not None and current.id == assessment_id
    a = current.answers
    assert a.outcome is RiskOutcome.PROCEED_WITH_SUPPORT
    assert a.support_plan == "Their IDVA comes with them."
    assert (a.dash_level, a.dash_on, a.dash_source, a.at_marac) == (
        DashLevel.MEDIUM,
        date(2026, 10, 1),
        "IDVA service",
        True,
    )
    assert a.proceedings is Proceedings.PRE_TRIAL and a.group_approved
    assert a.group_approval_reason.startswith("Topic is the 101")
    assert (a.harmer_in_contact, a.harmer_could_learn) == (Answer.NO, Answer.NOT_KNOWN)
    assert a.has_idva_isva and not a.has_counsellor
    assert a.review_on == date(2027, 2, 25) and a.defer_reason == ""


def test_high_risk_defers_and_cannot_finish_as_plain_proceed(
    qtbot, services, writer, wizard, person
) -> None:
    through_readiness(qtbot, wizard, DashLevel.HIGH, Proceedings.TRIAL)
    # Not told the limits of confidentiality: a deferral can still be recorded.
    accepted(qtbot, wizard)
    outcome = wizard.pages[6]
    proceed = outcome.outcome.buttons[RiskOutcome.PROCEED]
    assert not proceed.isEnabled()
    assert outcome.high_risk_note.isVisible()
    assert "cannot be plain" in outcome.high_risk_note.text()
    assert outcome.review.value() == date(2026, 12, 25)  # one month
    shoot(wizard, "7-outcome-high-risk")
    # Even if plain proceed were chosen, Finish refuses it.
    proceed.setEnabled(True)
    proceed.setChecked(True)
    assert "high" in finish_refused(qtbot, wizard, "outcome")
    outcome.outcome.set_value(RiskOutcome.DEFER)
    assert outcome.reason.isVisible() and not outcome.support.isVisible()
    finish_refused(qtbot, wizard, "defer_reason")
    outcome.reason.setPlainText("Trial next month; look again after it.")
    outcome.review.set_value(date(2027, 3, 1))  # beyond a month: refused
    assert "month" in finish_refused(qtbot, wizard, "review_on")
    outcome.review.set_value(date(2026, 12, 20))
    finish_saved(qtbot, wizard, writer)

    a = services.risk.current(person).answers
    assert a.outcome is RiskOutcome.DEFER and a.dash_level is DashLevel.HIGH
    assert a.defer_reason == "Trial next month; look again after it."
    assert a.review_on == date(2026, 12, 20)
    assert not services.groups.eligibility(person).allowed


def test_back_keeps_answers_and_the_review_date_follows_the_risk(
    qtbot, wizard, monkeypatch
) -> None:
    through_readiness(qtbot, wizard, DashLevel.HIGH, Proceedings.NONE)
    told(qtbot, wizard)
    outcome = wizard.pages[6]
    assert not outcome.outcome.buttons[RiskOutcome.PROCEED].isEnabled()
    outcome.outcome.set_value(RiskOutcome.PROCEED_WITH_SUPPORT)
    outcome.support.setPlainText("A support worker.")
    for _ in range(5):
        press(qtbot, wizard, BACK)
    assert wizard.currentId() == 1
    assert wizard.pages[1].level.currentData() == DashLevel.HIGH
    choose(wizard.pages[1].level, DashLevel.STANDARD)
    for _ in range(5):
        press(qtbot, wizard, NEXT)
    assert wizard.currentId() == 6
    assert wizard.pages[2].contact.currentData() == Answer.NO
    assert wizard.pages[4].readiness.currentData() == Readiness.READY
    assert outcome.outcome.buttons[RiskOutcome.PROCEED].isEnabled()
    assert outcome.outcome.value() is RiskOutcome.PROCEED_WITH_SUPPORT
    assert outcome.support.toPlainText() == "A support worker."
    assert outcome.review.value() == date(2027, 2, 25)
    # Set by hand, the review date stays as set.
    outcome.review.set_value(date(2027, 1, 15))
    press(qtbot, wizard, BACK)
    press(qtbot, wizard, NEXT)
    assert outcome.review.value() == date(2027, 1, 15)
    # Cancel asks first: "go back" keeps every answer; Escape asks too.
    answers: list[bool] = []
    monkeypatch.setattr(wizard, "_confirm_discard", lambda: answers.append(True) or False)
    press(qtbot, wizard, QWizard.WizardButton.CancelButton)
    QTest.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible() and len(answers) == 2
    assert outcome.support.toPlainText() == "A support worker."
    # Told to lose them, it keeps nothing (it lives on until deleted).
    monkeypatch.setattr(wizard, "_confirm_discard", lambda: True)
    press(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert not wizard.isVisible()
    assert outcome.support.toPlainText() == "" and outcome.outcome.value() is None
    assert wizard.pages[1].level.currentData() is None


def test_a_refusal_at_finish_goes_to_its_page_and_loses_nothing(
    qtbot, services, writer, wizard, person
) -> None:
    through_readiness(qtbot, wizard, DashLevel.MEDIUM, Proceedings.NONE)
    told(qtbot, wizard)
    wizard.pages[6].outcome.set_value(RiskOutcome.PROCEED)
    before = wizard.take_draft()
    # The wizard was opened yesterday: today's date, kept on page 1, is now tomorrow.
    services.risk.today = lambda: TODAY - timedelta(days=1)
    press(qtbot, wizard, FINISH)
    qtbot.waitUntil(lambda: wizard.currentId() == 0 and not wizard.busy, timeout=10000)
    assert wizard.isVisible()
    assert "future" in message(wizard, "assessed_on")
    shoot(wizard, "finish-refused")
    after = wizard.take_draft()
    assert after["answers"] == before["answers"]
    assert services.risk.assessments(person) == []


# --- drafts -------------------------------------------------------------------------------------


def test_a_draft_is_json_and_restores_every_answer_on_its_page(
    qtbot, services, writer, wizard, person
) -> None:
    through_readiness(qtbot, wizard, DashLevel.MEDIUM, Proceedings.PRE_TRIAL)
    assert wizard.currentId() == 5
    wizard.pages[2].childcare.setPlainText("Grandmother has the children.")
    draft = json.loads(json.dumps(wizard.take_draft()))
    assert draft["page"] == "confidentiality"
    assert NAME not in json.dumps(draft)

    again = opened(qtbot, RiskWizard(services, writer, person))
    again.restore_draft(draft)
    assert again.currentId() == 5
    assert again.take_draft() == draft
    assert again.pages[2].childcare.toPlainText() == "Grandmother has the children."
    assert again.pages[3].proceedings.currentData() == Proceedings.PRE_TRIAL


def test_resumes_from_a_draft_after_an_auto_lock(application, qtbot) -> None:
    vault = application.session.vault
    services = RecordServices.over(vault)
    person = add_person(services)
    application.window.go_to("roster")
    area = application.window.roster_area
    area.open_participant(person)
    page = area.participant_page
    page.tabs.setCurrentWidget(page.risk)
    qtbot.mouseClick(page.risk.new_button, Qt.MouseButton.LeftButton)
    wizard = page.dialog
    assert isinstance(wizard, RiskWizard)
    qtbot.waitExposed(wizard)
    through_readiness(qtbot, wizard, DashLevel.MEDIUM, Proceedings.NONE)
    wizard.pages[5].explained.setChecked(True)  # half done
    before = wizard.take_draft()

    application.gate.lock()  # as the idle timer does
    assert page.dialog is None and not wizard.isVisible()
    with qtbot.waitSignal(application.session.unlocked, timeout=20000):
        application.session.unlock(Unlock(passphrase=TEST_PASSPHRASE))

    qtbot.waitUntil(lambda: isinstance(page.dialog, RiskWizard), timeout=10000)
    back = page.dialog
    qtbot.waitExposed(back)
    assert back is not wizard and back.isVisible()
    assert back.currentId() == 5
    assert back.take_draft() == before
    assert back.pages[5].explained.isChecked() and not back.pages[5].acknowledged.isChecked()
    back.pages[5].acknowledged.setChecked(True)
    press(qtbot, back, NEXT)
    back.pages[6].outcome.set_value(RiskOutcome.PROCEED)
    with qtbot.waitSignal(back.saved, timeout=20000):
        press(qtbot, back, FINISH)
    reopened = RecordServices.over(application.session.vault)
    assert reopened.risk.current(person).answers.outcome is RiskOutcome.PROCEED
    qtbot.waitUntil(lambda: page.risk.table.rowCount() == 1, timeout=10000)
