"""One scrutiny panel meeting, on the right of the scrutiny panels page: when and where,
its cases, and the victim's feedback on the case chosen, with the buttons that act on
them. The page does the acting; this widget only shows."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.engagement_enums import Panel
from sec_desktop.domain.enums import Choice
from sec_desktop.services.feedback_records import FeedbackRow
from sec_desktop.services.scrutiny_records import CaseRow, MeetingRecord
from sec_desktop.ui.participant_fields import buddy, note_label, shown_date
from sec_desktop.ui.scrutiny_tables import CasesModel, FeedbackModel, RecordTable
from sec_desktop.ui.widgets import READABLE_WIDTH, heading_label


def choice_label(member: Choice) -> str:
    return QCoreApplication.translate("Choices", member.label)


def _button(text: str, name: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(name)
    button.setAutoDefault(False)
    return button


class MeetingDetail(QStackedWidget):
    """A placeholder (no meeting chosen) or the meeting."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scrutinyMeetingDetail")
        self.record: MeetingRecord | None = None
        self.placeholder = note_label("", self)
        self.placeholder.setMaximumWidth(READABLE_WIDTH)
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.addWidget(self.placeholder)
        column.addStretch(1)
        self.addWidget(holder)
        self.addWidget(self._build_meeting())

    def _build_meeting(self) -> QWidget:
        page = QWidget(self)
        self.title_label = heading_label("", page)
        self.title_label.setObjectName("meetingTitle")
        self.facts_label = note_label("", page)
        self.notes_label = note_label("", page)
        self.edit_button = _button(self.tr("&Edit meeting\u2026"), self.tr("Edit meeting"), page)
        self.delete_button = _button(self.tr("De&lete meeting"), self.tr("Delete meeting"), page)

        self.cases_model = CasesModel(self)
        self.cases_table = RecordTable(
            self.cases_model, "scrutinyCases", 2, page, caps={1: 20, 3: 18, 4: 12}
        )
        self.cases_table.setAccessibleName(self.tr("Cases reviewed"))
        cases_label = buddy(self.tr("Ca&ses reviewed:"), self.cases_table, page)
        self.add_case_button = _button(self.tr("&Add case\u2026"), self.tr("Add case"), page)
        self.edit_case_button = _button(self.tr("Ed&it case\u2026"), self.tr("Edit case"), page)
        self.delete_case_button = _button(self.tr("&Delete case"), self.tr("Delete case"), page)
        self.add_feedback_button = _button(
            self.tr("Add victim &feedback\u2026"), self.tr("Add victim feedback"), page
        )

        # Why no feedback can be added to the case chosen, when none can.
        self.add_feedback_note = note_label("", page)
        self.add_feedback_note.setObjectName("addFeedbackNote")
        self.add_feedback_note.hide()

        self.feedback_model = FeedbackModel(self)
        self.feedback_table = RecordTable(self.feedback_model, "scrutinyCaseFeedback", 2, page)
        self.feedback_table.setAccessibleName(self.tr("The victim's feedback on this case"))
        self.feedback_label = buddy(
            self.tr("The victim's feed&back on this case:"), self.feedback_table, page
        )
        self.open_feedback_button = _button(
            self.tr("&Open feedback\u2026"), self.tr("Open feedback"), page
        )

        meeting_buttons = QHBoxLayout()
        meeting_buttons.addWidget(self.edit_button)
        meeting_buttons.addWidget(self.delete_button)
        meeting_buttons.addStretch(1)
        case_buttons = QHBoxLayout()
        for button in (
            self.add_case_button,
            self.edit_case_button,
            self.delete_case_button,
            self.add_feedback_button,
        ):
            case_buttons.addWidget(button)
        case_buttons.addStretch(1)
        feedback_row = QHBoxLayout()
        feedback_row.addWidget(self.feedback_label, 1)
        feedback_row.addWidget(self.open_feedback_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.title_label)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.notes_label)
        layout.addLayout(meeting_buttons)
        layout.addSpacing(8)
        layout.addWidget(cases_label)
        layout.addWidget(self.cases_table, 3)
        layout.addLayout(case_buttons)
        layout.addWidget(self.add_feedback_note)
        layout.addSpacing(8)
        layout.addLayout(feedback_row)
        layout.addWidget(self.feedback_table, 2)
        return page

    def tab_chain(self) -> list[QWidget]:
        return [
            self.edit_button,
            self.delete_button,
            self.cases_table,
            self.add_case_button,
            self.edit_case_button,
            self.delete_case_button,
            self.add_feedback_button,
            self.feedback_table,
            self.open_feedback_button,
        ]

    # --- showing ------------------------------------------------------------------------------

    def show_placeholder(self, text: str) -> None:
        self.record = None
        self.placeholder.setText(text)
        # Nothing of the last meeting stays, even hidden (the vault may be locking).
        for label in (self.title_label, self.facts_label, self.notes_label):
            label.clear()
        self.cases_model.clear()
        self.feedback_model.clear()
        self.setCurrentIndex(0)

    def show_meeting(self, record: MeetingRecord) -> None:
        self.record = record
        details = record.details
        panel = record.panel
        self.title_label.setText(
            self.tr("DA panel, {date}").format(date=shown_date(details.held_on))
            if panel is Panel.DA
            else self.tr("RASSO panel, {date}").format(date=shown_date(details.held_on))
        )
        facts = [choice_label(panel)]
        if details.starts_at is not None:
            facts.append(self.tr("from {time}").format(time=f"{details.starts_at:%H:%M}"))
        if details.format is not None:
            facts.append(choice_label(details.format))
        if details.venue:
            facts.append(details.venue)
        if details.facilitator:
            facts.append(self.tr("chaired by {chair}").format(chair=details.facilitator))
        self.facts_label.setText(" \u00b7 ".join(facts))
        self.notes_label.setText(details.notes)
        self.notes_label.setVisible(bool(details.notes.strip()))
        self.cases_model.set_rows(record.cases)
        self.setCurrentIndex(1)
        self.set_case_chosen(None)

    def selected_case(self) -> CaseRow | None:
        row: CaseRow | None = self.cases_model.row_at(self.cases_table.currentIndex().row())
        return row

    def select_case(self, case_id: int | None) -> bool:
        """Choose this case (or the first, if it is not here); True if it was found."""
        row = self.cases_model.row_of(case_id) if case_id is not None else None
        found = row is not None
        if row is None and self.cases_model.rowCount():
            row = 0
        if row is not None:
            self.cases_table.setCurrentIndex(self.cases_model.index(row, 0))
        return found

    def set_case_chosen(self, case: CaseRow | None) -> None:
        for button in (self.edit_case_button, self.delete_case_button):
            button.setEnabled(case is not None)
        self._explain_add_feedback(case)
        self.feedback_label.setEnabled(case is not None)
        if case is None:
            self.show_feedback([])

    def _explain_add_feedback(self, case: CaseRow | None) -> None:
        """Feedback is added only for a victim who agreed to give it; say why if not."""
        agreed = case is not None and case.victim_agreed
        self.add_feedback_button.setEnabled(agreed)
        why = ""
        if case is not None and not agreed:
            why = self.tr(
                "The victim of this case has not agreed to give feedback. If they have "
                "agreed, record that on the case first (Edit case)."
            )
        self.add_feedback_button.setToolTip(why)
        self.add_feedback_button.setAccessibleDescription(why)
        self.add_feedback_note.setText(why)
        self.add_feedback_note.setVisible(bool(why))

    def show_feedback(self, rows: Sequence[FeedbackRow]) -> None:
        self.feedback_model.set_rows(rows)
        self.feedback_label.setText(
            self.tr("The victim's feed&back on this case:")
            if rows
            else self.tr("The victim's feed&back on this case: none recorded yet.")
        )
        self.open_feedback_button.setEnabled(bool(rows))
