"""One risk assessment, to read: every answer, page by page, as recorded. Assessments are
never edited (a review records a new one), so this is read only. The title gives the
pseudonym code, never the name."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from sec_desktop.services.risk_records import AssessmentAnswers, AssessmentRecord
from sec_desktop.ui.participant_fields import buddy, scrolled, shown_date
from sec_desktop.ui.participant_view import choice, facts_form, subheading, value_label

_Rows = list[tuple[str, str]]


class RiskSummaryDialog(QDialog):
    def __init__(self, record: AssessmentRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("riskSummary")
        self.setModal(True)
        a = record.answers
        self.setWindowTitle(
            self.tr("Risk assessment: {code}, {date}").format(
                code=record.participant_code, date=shown_date(a.assessed_on)
            )
        )
        body = QWidget(self)
        # One form for every section, so the answers line up down the whole page.
        form = facts_form(body, [])
        form.setContentsMargins(4, 4, 12, 4)
        body.setLayout(form)
        self.values: dict[str, str] = {}
        for title, rows in self._sections(a):
            heading = subheading(title, body)
            heading.setContentsMargins(0, 8, 0, 0)
            form.addRow(heading)
            for text, value in rows:
                label = value_label(body)
                label.setText(value)
                label.setAccessibleName(text.rstrip(":"))
                form.addRow(buddy(text, label, body), label)
                self.values[text] = value
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("&Close"))
        close.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        area = scrolled(body, self)
        # Focusable, so the arrow and page keys scroll it.
        area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        area.setAccessibleName(self.tr("The assessment's answers"))
        layout.addWidget(area, 1)
        layout.addWidget(buttons)
        self.resize(680, 640)

    def _sections(self, a: AssessmentAnswers) -> list[tuple[str, _Rows]]:
        return [
            (self.tr("Context and support"), self._context(a)),
            (self.tr("Current risk"), self._risk(a)),
            (self.tr("Safety"), self._safety(a)),
            (self.tr("Criminal proceedings"), self._proceedings(a)),
            (self.tr("Emotional readiness"), self._readiness(a)),
            (self.tr("Limits of confidentiality"), self._confidentiality(a)),
            (self.tr("Outcome"), self._outcome(a)),
        ]

    def _yes(self, value: bool) -> str:
        return self.tr("Yes") if value else self.tr("No")

    def _text(self, value: str) -> str:
        return value or self.tr("Not recorded")

    def _choice(self, value: object) -> str:
        return choice(value) if value is not None else self.tr("Not recorded")

    def _date(self, value: date | None) -> str:
        return shown_date(value) if value is not None else self.tr("Not recorded")

    def _context(self, a: AssessmentAnswers) -> _Rows:
        return [
            (self.tr("Assessed on:"), shown_date(a.assessed_on)),
            (self.tr("IDVA or ISVA:"), self._yes(a.has_idva_isva)),
            (self.tr("Counsellor:"), self._yes(a.has_counsellor)),
            (self.tr("Other agencies:"), self._text(a.other_agencies)),
            (self.tr("Notes on support:"), self._text(a.context_note)),
        ]

    def _risk(self, a: AssessmentAnswers) -> _Rows:
        return [
            (self.tr("DASH risk level:"), self._choice(a.dash_level)),
            (self.tr("Date of the last DASH:"), self._date(a.dash_on)),
            (self.tr("Who completed it:"), self._text(a.dash_source)),
            (self.tr("At MARAC:"), self._yes(a.at_marac)),
        ]

    def _safety(self, a: AssessmentAnswers) -> _Rows:
        return [
            (self.tr("Person who harmed them in contact:"), self._choice(a.harmer_in_contact)),
            (self.tr("Could they learn of it:"), self._choice(a.harmer_could_learn)),
            (self.tr("Safe travel:"), self._text(a.safe_travel)),
            (self.tr("Childcare:"), self._text(a.childcare)),
            (self.tr("A safe way to leave:"), self._text(a.safe_exit)),
        ]

    def _proceedings(self, a: AssessmentAnswers) -> _Rows:
        rows = [(self.tr("Criminal proceedings:"), self._choice(a.proceedings))]
        if a.proceedings is not None and a.proceedings.blocks_groups:
            approved = (
                self.tr("Approved: {reason}").format(reason=a.group_approval_reason)
                if a.group_approved
                else self.tr("Not approved: group sessions are blocked")
            )
            rows.append((self.tr("Group sessions:"), approved))
        return rows

    def _readiness(self, a: AssessmentAnswers) -> _Rows:
        return [
            (self.tr("Emotional readiness:"), self._choice(a.readiness)),
            (self.tr("Known triggers:"), self._text(a.triggers)),
            (self.tr("What helps:"), self._text(a.what_helps)),
        ]

    def _confidentiality(self, a: AssessmentAnswers) -> _Rows:
        return [
            (self.tr("Limits explained:"), self._yes(a.confidentiality_explained)),
            (self.tr("Acknowledged:"), self._yes(a.confidentiality_acknowledged)),
        ]

    def _outcome(self, a: AssessmentAnswers) -> _Rows:
        rows = [(self.tr("Outcome:"), self._choice(a.outcome))]
        if a.support_plan:
            rows.append((self.tr("Support:"), a.support_plan))
        if a.defer_reason:
            rows.append((self.tr("Reason for deferring:"), a.defer_reason))
        rows.append((self.tr("Review by:"), self._date(a.review_on)))
        return rows
