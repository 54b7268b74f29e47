"""The risk assessment wizard's last pages: the limits of confidentiality (explained and
acknowledged), and the outcome with its review date."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from sec_desktop.domain.risk_enums import RiskOutcome
from sec_desktop.ui.participant_fields import DateField, shown_date
from sec_desktop.ui.risk_pages import ChoiceButtons, RiskPage


class ConfidentialityPage(RiskPage):
    name = "confidentiality"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Limits of confidentiality"),
            self.tr("Explain these limits before they take part, and record that you did."),
            parent,
        )
        self.limits = self.explanation(
            self.tr(
                "What they tell you is kept private, with these limits:\n"
                "\u2022 You are police staff. If they tell you about an offence that was never "
                "reported to the police, Home Office counting rules mean the force must record "
                "it as a crime, normally within 24 hours, even if they do not want it "
                "investigated.\n"
                "\u2022 You would tell the force crime registrar (the crime recording team) the "
                "minimum facts, and you would tell them that you had done so.\n"
                "\u2022 If someone, especially a child, is at risk of serious harm, you must "
                "pass that on to keep them safe.\n"
                "\u2022 Otherwise their words are used only as they agree: anonymously, under "
                "a pseudonym code, never with their name."
            )
        )
        self.limits.setObjectName("confidentialityLimits")
        self.form.addRow(self.limits)
        self.explained = QCheckBox(
            self.tr("I have &explained these limits of confidentiality to them"), self.content
        )
        self.add(
            None,
            "confidentiality_explained",
            self.explained,
            self.tr("I have explained the limits of confidentiality"),
        )
        self.acknowledged = QCheckBox(
            self.tr("They have &acknowledged that they understand them"), self.content
        )
        self.add(
            None,
            "confidentiality_acknowledged",
            self.acknowledged,
            self.tr("They have acknowledged the limits of confidentiality"),
            note=self.tr(
                "Both are needed before they can take part; a deferral can be "
                "recorded without them."
            ),
        )


class OutcomePage(RiskPage):
    name = "outcome"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Outcome"),
            self.tr("Whether they take part now, and when to look at this again."),
            parent,
        )
        self.outcome = ChoiceButtons(
            [
                (RiskOutcome.PROCEED, self.tr("&Proceed")),
                (RiskOutcome.PROCEED_WITH_SUPPORT, self.tr("Proceed with &support")),
                (RiskOutcome.DEFER, self.tr("&Defer for now")),
            ],
            self.content,
        )
        self.high_risk_note = self.explanation(
            self.tr(
                "The DASH risk level is high, so the outcome cannot be plain \u201cproceed\u201d: "
                "choose proceed with support (and say what support) or defer."
            )
        )
        self.high_risk_note.setObjectName("highRiskNote")
        self.add(self.tr("Outcome:"), "outcome", self.outcome, self.tr("Outcome"))
        self.form.addRow(self.high_risk_note)
        self.support = self.text_field()
        self.support_row = self.add(
            self.tr("&What support:"), "support_plan", self.support, self.tr("What support")
        )
        self.reason = self.text_field()
        self.reason_row = self.add(
            self.tr("&Reason for deferring:"),
            "defer_reason",
            self.reason,
            self.tr("Reason for deferring"),
        )
        self.review = DateField(self.tr("Review date"), None, self.content)
        self.add(
            self.tr("Re&view date:"), "review_on", self.review, self.tr("Review date"), note=""
        )
        self.review_note = self.notes["review_on"]
        # Set by hand: a later default (from a changed DASH level) no longer replaces it.
        self.review_edited = False
        self._defaulting = False
        self.review.changed.connect(self._review_changed)
        self.outcome.changed.connect(self._show_rows)
        self._show_rows()

    def prepare(self, high_risk: bool, default_review: date) -> None:
        """On entering the page: plain "proceed" is not offered at high risk, and the
        review date follows the answers until set by hand."""
        self.outcome.set_allowed(RiskOutcome.PROCEED, not high_risk)
        self.form.setRowVisible(self.high_risk_note, high_risk)
        if not self.review_edited:
            self._defaulting = True
            self.review.set_value(default_review)
            self._defaulting = False
        months = self.tr("one month") if high_risk else self.tr("three months")
        self.review_note.setText(
            self.tr("Suggested: {date} ({months} after the assessment).").format(
                date=shown_date(default_review), months=months
            )
        )
        self._show_rows()

    def _review_changed(self) -> None:
        if not self._defaulting:
            self.review_edited = True

    def _show_rows(self) -> None:
        outcome = self.outcome.value()
        self.form.setRowVisible(self.support_row, outcome is RiskOutcome.PROCEED_WITH_SUPPORT)
        self.form.setRowVisible(self.reason_row, outcome is RiskOutcome.DEFER)

    def answers(self) -> dict[str, Any]:
        """Support only with "proceed with support", a reason only with "defer"."""
        answers = super().answers()
        outcome = answers["outcome"]
        if outcome is not RiskOutcome.PROCEED_WITH_SUPPORT:
            answers["support_plan"] = ""
        if outcome is not RiskOutcome.DEFER:
            answers["defer_reason"] = ""
        return answers

    def state(self) -> dict[str, Any]:
        state = super().state()
        state["support_plan"] = self.support.toPlainText()
        state["defer_reason"] = self.reason.toPlainText()
        state["review_edited"] = self.review_edited
        return state

    def restore(self, state: dict[str, Any]) -> None:
        self._defaulting = True
        super().restore(state)
        self._defaulting = False
        self.review_edited = bool(state.get("review_edited"))
        self._show_rows()
