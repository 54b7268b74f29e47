"""The Risk tab of the participant page, on a real vault: no assessment yet (and the gate
saying so), a new one made through the wizard, an expired one highlighted, pre-trial
keeping them out of group sessions, history newest first, and one opened to read."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from sec_desktop.domain.risk_enums import Answer, DashLevel, Proceedings, Readiness, RiskOutcome
from sec_desktop.services.risk_records import AssessmentAnswers
from sec_desktop.ui.participant_page import ParticipantPage
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.risk_summary import RiskSummaryDialog
from sec_desktop.ui.risk_wizard import RiskWizard
from tests.ui.test_risk_wizard import NAME, add_person, through_readiness, told

SHOTS = "/tmp/shots"  # noqa: S108 (screenshots to look at, as the brief asks)


@pytest.fixture
def writer() -> RecordWriter:
    return RecordWriter()


@pytest.fixture
def page(qtbot, services, writer) -> ParticipantPage:
    widget = ParticipantPage()
    qtbot.addWidget(widget)
    widget.resize(980, 700)
    widget.attach(services, writer)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def answers(**changes) -> AssessmentAnswers:
    values = {
        "assessed_on": date(2026, 6, 1),
        "dash_level": DashLevel.STANDARD,
        "harmer_in_contact": Answer.NO,
        "harmer_could_learn": Answer.NO,
        "proceedings": Proceedings.NONE,
        "readiness": Readiness.READY,
        "confidentiality_explained": True,
        "confidentiality_acknowledged": True,
        "outcome": RiskOutcome.PROCEED,
        "review_on": date(2026, 9, 1),
    }
    return AssessmentAnswers(**(values | changes))


def shown_on_risk_tab(page: ParticipantPage, person: int) -> None:
    assert page.show_participant(person)
    page.tabs.setCurrentWidget(page.risk)


def test_no_assessment_yet_says_so_and_blocks(services, page) -> None:
    person = add_person(services)
    shown_on_risk_tab(page, person)
    tab = page.risk
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "Ris&k"
    assert tab.outcome_value.text() == "No risk assessment has been recorded."
    assert tab.table.rowCount() == 0 and not tab.view_button.isEnabled()
    gate = tab.gate_value.text()
    assert gate.startswith("They cannot be invited or added to an attendee list now:")
    assert "No risk assessment has been recorded." in gate
    assert "Risk tab" in gate  # what would unblock it
    assert tab.overdue_label.isHidden()
    for button in tab.findChildren(QPushButton):
        assert button.accessibleName() and "&" in button.text()


def test_a_new_assessment_from_the_wizard_shows_on_the_tab(qtbot, services, page, writer) -> None:
    person = add_person(services)
    shown_on_risk_tab(page, person)
    qtbot.mouseClick(page.risk.new_button, Qt.MouseButton.LeftButton)
    wizard = page.dialog
    assert isinstance(wizard, RiskWizard) and page.open_risk_wizard() is None  # one at a time
    qtbot.waitExposed(wizard)
    through_readiness(qtbot, wizard, DashLevel.MEDIUM, Proceedings.NONE)
    told(qtbot, wizard)
    wizard.pages[6].outcome.set_value(RiskOutcome.PROCEED_WITH_SUPPORT)
    wizard.pages[6].support.setPlainText("Their IDVA comes with them.")
    with qtbot.waitSignal(page.record_changed, timeout=10000):
        qtbot.mouseClick(wizard.button(wizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)

    tab = page.risk
    assert tab.outcome_value.text() == "Proceed with support: Their IDVA comes with them."
    assert tab.dash_value.text() == "Medium"
    assert tab.review_value.text() == "25 Feb 2027"
    assert tab.gate_value.text() == "They can be invited and added to attendee lists."
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 1).text() == "Proceed with support"


def test_expired_pre_trial_and_history_newest_first(qtbot, services, page) -> None:
    person = add_person(services)
    services.risk.save(person, answers())
    services.risk.save(
        person,
        answers(
            assessed_on=date(2026, 8, 1),
            dash_level=DashLevel.HIGH,
            proceedings=Proceedings.PRE_TRIAL,
            outcome=RiskOutcome.PROCEED_WITH_SUPPORT,
            support_plan="A support worker sits with them.",
            review_on=date(2026, 9, 1),
        ),
    )
    shown_on_risk_tab(page, person)
    tab = page.risk
    assert tab.review_value.text() == "1 Sep 2026 (overdue for review)"
    assert tab.overdue_label.isVisible()
    assert "Overdue for review" in tab.overdue_label.text()
    gate = tab.gate_value.text()
    assert "The review date of their risk assessment has passed." in gate
    assert "Group sessions (focus groups, reference group meetings) are blocked:" in gate
    assert "pre-trial or at trial" in gate
    assert [tab.table.item(r, 0).text() for r in range(2)] == ["1 Aug 2026", "1 Jun 2026"]
    assert tab.table.item(0, 2).text() == "High"
    QApplication.processEvents()  # the layout catches up, as it would on screen
    page.grab().save(f"{SHOTS}/risk-tab.png")
    assert page.code_label.width() >= page.code_label.sizeHint().width()  # not cut to "S"

    # Enter on a row opens it to read; the title has the code, never the name.
    tab.table.setFocus()
    tab.table.selectRow(1)
    QTest.keyClick(tab.table, Qt.Key.Key_Return)
    summary = tab.summary
    assert isinstance(summary, RiskSummaryDialog)
    qtbot.waitExposed(summary)
    assert summary.windowTitle() == "Risk assessment: S-0001, 1 Jun 2026"
    assert NAME not in summary.windowTitle()
    assert summary.values["Outcome:"] == "Proceed"
    assert summary.values["Review by:"] == "1 Sep 2026"
    assert summary.values["Limits explained:"] == "Yes"
    summary.grab().save(f"{SHOTS}/risk-summary.png")
    # Cleared with the page (at lock): nothing stays on screen.
    page.detach()
    qtbot.waitUntil(lambda: tab.summary is None)
    assert tab.table.rowCount() == 0 and tab.gate_value.text() == ""


def test_approved_pre_trial_says_so(services, page) -> None:
    person = add_person(services)
    services.risk.save(
        person,
        answers(
            assessed_on=date(2026, 11, 20),
            review_on=date(2027, 2, 20),
            proceedings=Proceedings.TRIAL,
            group_approved=True,
            group_approval_reason="Session is about victim care only.",
        ),
    )
    shown_on_risk_tab(page, person)
    gate = page.risk.gate_value.text()
    assert gate.startswith("They can be invited and added to attendee lists.")
    assert "you approved them" in gate and "Session is about victim care only." in gate
    assert page.risk.overdue_label.isHidden()
