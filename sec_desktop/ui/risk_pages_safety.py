"""The risk assessment wizard's middle pages: safety, criminal proceedings (with the SEC's
approval of group participation, asked only for pre-trial or trial) and emotional
readiness."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from sec_desktop.domain.risk_enums import Answer, Proceedings, Readiness
from sec_desktop.ui.participant_fields import choice_combo
from sec_desktop.ui.risk_pages import RiskPage


class SafetyPage(RiskPage):
    name = "safety"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Safety"),
            self.tr(
                "Whether the person who harmed them could find out, and how they get to a "
                "session, and away from one, safely."
            ),
            parent,
        )
        choose = self.tr("Choose\u2026")
        self.contact = self.answer_combo(choose)
        self.add(
            self.tr("&Does the person who harmed them still have contact?"),
            "harmer_in_contact",
            self.contact,
            self.tr("Does the person who harmed them still have contact"),
            kind=Answer,
        )
        self.could_learn = self.answer_combo(choose)
        self.add(
            self.tr("&Could they learn of this participation?"),
            "harmer_could_learn",
            self.could_learn,
            self.tr("Could the person who harmed them learn of this participation"),
            kind=Answer,
        )
        self.travel = self.text_field(2)
        self.add(self.tr("Safe &travel:"), "safe_travel", self.travel, self.tr("Safe travel"))
        self.childcare = self.text_field(2)
        self.add(self.tr("C&hildcare:"), "childcare", self.childcare, self.tr("Childcare"))
        self.exit = self.text_field(2)
        self.add(
            self.tr("A safe &way to leave a session:"),
            "safe_exit",
            self.exit,
            self.tr("A safe way to leave a session"),
        )

    def answer_combo(self, none_text: str) -> QComboBox:
        return choice_combo(self.content, list(Answer), none_text)


class ProceedingsPage(RiskPage):
    name = "proceedings"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Criminal proceedings"),
            self.tr("Where any criminal case stands now."),
            parent,
        )
        self.proceedings = choice_combo(self.content, list(Proceedings), self.tr("Choose\u2026"))
        self.add(
            self.tr("&Criminal proceedings:"),
            "proceedings",
            self.proceedings,
            self.tr("Criminal proceedings"),
            kind=Proceedings,
        )
        self.warning = self.explanation(
            self.tr(
                "Pre-trial or at trial, they must not discuss the evidence in a group: it can "
                "harm the prosecution. Group sessions (focus groups, reference group meetings) "
                "are blocked for them unless you approve it here, with a written reason. "
                "One-to-ones and joining the Survivor Network or the Victim Reference Group "
                "are not affected."
            )
        )
        self.warning.setObjectName("groupWarning")
        self.form.addRow(self.warning)
        self.approved = QCheckBox(
            self.tr("I &approve group participation, with the reason below"), self.content
        )
        self.approved_row = self.add(
            None, "group_approved", self.approved, self.tr("I approve group participation")
        )
        self.reason = self.text_field()
        self.reason_label_row = self.add(
            self.tr("&Reason for approving:"),
            "group_approval_reason",
            self.reason,
            self.tr("Reason for approving group participation"),
        )
        self.proceedings.currentIndexChanged.connect(self._show_approval)
        self.approved.toggled.connect(self._show_approval)
        self._show_approval()

    def blocks_groups(self) -> bool:
        value = self.proceedings.currentData()
        return value is not None and Proceedings(value).blocks_groups

    def _show_approval(self) -> None:
        blocks = self.blocks_groups()
        self.form.setRowVisible(self.warning, blocks)
        self.form.setRowVisible(self.approved_row, blocks)
        self.form.setRowVisible(self.reason_label_row, blocks)
        self.reason.setEnabled(self.approved.isChecked())

    def answers(self) -> dict[str, Any]:
        """Approval counts only where proceedings block groups (what was typed is kept in
        the draft all the same)."""
        answers = super().answers()
        if not self.blocks_groups():
            answers["group_approved"] = False
            answers["group_approval_reason"] = ""
        elif not self.approved.isChecked():
            answers["group_approval_reason"] = ""
        return answers

    def state(self) -> dict[str, Any]:
        state = super().state()
        state["group_approved"] = self.approved.isChecked()
        state["group_approval_reason"] = self.reason.toPlainText()
        return state


class ReadinessPage(RiskPage):
    name = "readiness"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Emotional readiness"),
            self.tr("How ready they feel, what could upset them, and what helps if it does."),
            parent,
        )
        self.readiness = choice_combo(self.content, list(Readiness), self.tr("Choose\u2026"))
        self.add(
            self.tr("&Emotional readiness:"),
            "readiness",
            self.readiness,
            self.tr("Emotional readiness"),
            kind=Readiness,
        )
        self.triggers = self.text_field()
        self.add(self.tr("Known &triggers:"), "triggers", self.triggers, self.tr("Known triggers"))
        self.helps = self.text_field()
        self.add(
            self.tr("&What helps if they become distressed:"),
            "what_helps",
            self.helps,
            self.tr("What helps if they become distressed"),
        )
