"""The Risk tab of the participant page: the current risk assessment (outcome, DASH level,
review date, overdue highlighted), what the participation gate says about them in words,
and every assessment, newest first. "New risk assessment…" opens the wizard (through the
page); Enter, a double click or "View assessment…" opens one to read."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from sec_desktop.domain.risk_enums import Proceedings, RiskOutcome
from sec_desktop.services.eligibility import PRE_TRIAL_GROUP, Blocker
from sec_desktop.services.errors import NotFound
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.risk_records import AssessmentRecord
from sec_desktop.ui.form_errors import translated
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.participant_tabs import page_layout
from sec_desktop.ui.participant_view import (
    button,
    choice,
    facts_form,
    fill_table,
    heading_row,
    read_only_table,
    selected_id,
    subheading,
    value_label,
)
from sec_desktop.ui.risk_summary import RiskSummaryDialog
from sec_desktop.ui.widgets import ErrorLabel

_NONE = Proceedings.NONE


class RiskTab(QWidget):
    # The id of an assessment to read (Enter, a double click, or the button).
    view_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("riskTab")
        self.new_button = button(
            self.tr("New risk &assessment\u2026"), self.tr("New risk assessment"), self
        )
        self.view_button = button(
            self.tr("&View assessment\u2026"), self.tr("View the chosen assessment"), self
        )
        self.outcome_value = value_label(self)
        self.dash_value = value_label(self)
        self.assessed_value = value_label(self)
        self.review_value = value_label(self)
        self.overdue_label = ErrorLabel(self)
        self.overdue_label.setObjectName("riskOverdue")
        self.overdue_label.setWordWrap(True)
        self.gate_value = value_label(self)
        self.gate_value.setObjectName("riskGate")
        facts = facts_form(
            self,
            [
                (self.tr("Outcome:"), self.outcome_value),
                (self.tr("DASH risk level:"), self.dash_value),
                (self.tr("Assessed on:"), self.assessed_value),
                (self.tr("Review by:"), self.review_value),
            ],
        )
        self.table = read_only_table(
            [
                self.tr("Assessed on"),
                self.tr("Outcome"),
                self.tr("DASH level"),
                self.tr("Criminal proceedings"),
                self.tr("Review by"),
            ],
            self.tr("Risk assessments"),
            self,
        )
        layout = page_layout(self)
        layout.addLayout(
            heading_row(subheading(self.tr("Current risk assessment"), self), self.new_button)
        )
        layout.addLayout(facts)
        layout.addWidget(self.overdue_label)
        layout.addSpacing(4)
        layout.addWidget(subheading(self.tr("Taking part"), self))
        layout.addWidget(self.gate_value)
        layout.addSpacing(4)
        layout.addLayout(
            heading_row(subheading(self.tr("All assessments"), self), self.view_button)
        )
        layout.addWidget(self.table, 1)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _index: self._view())
        self.view_button.clicked.connect(self._view)
        self.view_requested.connect(self.view_assessment)
        self._assessments: list[AssessmentRecord] = []
        self.summary: RiskSummaryDialog | None = None
        self.show_record(None, None)

    # --- showing ------------------------------------------------------------------------------

    def show_record(self, participant_id: int | None, services: RecordServices | None) -> None:
        self.new_button.setEnabled(participant_id is not None and services is not None)
        if participant_id is None or services is None:
            self._assessments = []
            self.close_summary()
            for label in (self.outcome_value, self.dash_value, self.assessed_value):
                label.clear()
            self.review_value.clear()
            self.overdue_label.hide()
            self.gate_value.clear()
            self.table.setRowCount(0)
            self._update_buttons()
            return
        try:
            self._assessments = services.risk.assessments(participant_id)
            eligibility = services.groups.eligibility(participant_id)
        except NotFound:
            self.show_record(None, None)
            return
        today = services.today()
        current = self._assessments[0] if self._assessments else None
        self._show_current(current, today)
        self.gate_value.setText(self._gate_text(eligibility.blockers, current))
        fill_table(
            self.table,
            [self._row(record) for record in self._assessments],
            [record.id for record in self._assessments],
        )
        self._update_buttons()

    def _show_current(self, current: AssessmentRecord | None, today: date) -> None:
        if current is None:
            self.outcome_value.setText(self.tr("No risk assessment has been recorded."))
            for label in (self.dash_value, self.assessed_value, self.review_value):
                label.setText(self.tr("Not recorded"))
            self.overdue_label.hide()
            return
        answers = current.answers
        self.outcome_value.setText(self._outcome_text(current))
        self.dash_value.setText(
            choice(answers.dash_level) if answers.dash_level else self.tr("Not recorded")
        )
        self.assessed_value.setText(shown_date(answers.assessed_on))
        review = shown_date(answers.review_on) if answers.review_on else self.tr("Not set")
        expired = current.expired(today)
        if expired:
            review = self.tr("{date} (overdue for review)").format(date=review)
            self.overdue_label.setText(
                self.tr(
                    "Overdue for review: until a new risk assessment is recorded they cannot "
                    "be invited or added to an attendee list."
                )
            )
        self.review_value.setText(review)
        self.overdue_label.setVisible(expired)

    def _outcome_text(self, record: AssessmentRecord) -> str:
        answers = record.answers
        if answers.outcome is None:
            return self.tr("Not recorded")
        outcome = choice(answers.outcome)
        if answers.outcome is RiskOutcome.PROCEED_WITH_SUPPORT and answers.support_plan:
            return self.tr("{outcome}: {support}").format(
                outcome=outcome, support=answers.support_plan
            )
        if answers.outcome is RiskOutcome.DEFER and answers.defer_reason:
            return self.tr("{outcome}: {reason}").format(
                outcome=outcome, reason=answers.defer_reason
            )
        return outcome

    def _gate_text(self, blockers: tuple[Blocker, ...], current: AssessmentRecord | None) -> str:
        """The gate's answer in words: allowed, or each blocker and what would unblock it;
        and, for group sessions, whether pre-trial proceedings keep them out."""
        if blockers:
            lines = [self.tr("They cannot be invited or added to an attendee list now:")]
            lines += [
                self.tr("\u2022 {reason} {unblock}").format(
                    reason=translated(b.reason, b.values), unblock=translated(b.unblock, b.values)
                )
                for b in blockers
            ]
        else:
            lines = [self.tr("They can be invited and added to attendee lists.")]
        if current is None or not (current.answers.proceedings or _NONE).blocks_groups:
            return "\n".join(lines)
        if current.answers.group_approved:
            lines.append(
                self.tr(
                    "Group sessions: you approved them despite the criminal proceedings, "
                    "because: {reason}"
                ).format(reason=current.answers.group_approval_reason)
            )
        else:
            lines.append(
                self.tr("Group sessions (focus groups, reference group meetings) are blocked:")
            )
            lines.append(
                self.tr("\u2022 {reason} {unblock}").format(
                    reason=translated(PRE_TRIAL_GROUP.reason, {}),
                    unblock=translated(PRE_TRIAL_GROUP.unblock, {}),
                )
            )
        return "\n".join(lines)

    def _row(self, record: AssessmentRecord) -> list[str]:
        a = record.answers
        none = self.tr("Not recorded")
        return [
            shown_date(a.assessed_on),
            choice(a.outcome) if a.outcome else none,
            choice(a.dash_level) if a.dash_level else none,
            choice(a.proceedings) if a.proceedings else none,
            shown_date(a.review_on) if a.review_on else none,
        ]

    # --- choosing -----------------------------------------------------------------------------

    def selected_assessment(self) -> AssessmentRecord | None:
        wanted = selected_id(self.table)
        return next((a for a in self._assessments if a.id == wanted), None)

    def _update_buttons(self) -> None:
        self.view_button.setEnabled(self.selected_assessment() is not None)

    def _view(self) -> None:
        chosen = self.selected_assessment()
        if chosen is not None:
            self.view_requested.emit(chosen.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.selected_assessment() is not None
        ):
            self._view()
            return True
        return super().eventFilter(watched, event)

    def assessment(self, assessment_id: int) -> AssessmentRecord | None:
        return next((a for a in self._assessments if a.id == assessment_id), None)

    def view_assessment(self, assessment_id: int) -> RiskSummaryDialog | None:
        """Open one assessment to read (closed again when the record is cleared)."""
        record = self.assessment(assessment_id)
        if record is None or self.summary is not None:
            return None
        dialog = RiskSummaryDialog(record, self)
        self.summary = dialog
        dialog.finished.connect(lambda _code: self._summary_closed(dialog))
        dialog.open()
        return dialog

    def _summary_closed(self, dialog: RiskSummaryDialog) -> None:
        if self.summary is dialog:
            self.summary = None
        dialog.deleteLater()

    def close_summary(self) -> None:
        if self.summary is not None:
            self.summary.reject()
