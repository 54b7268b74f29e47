"""The communication and equality tab of the participant page."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from sec_desktop.domain.enums import CommunicationNeed
from sec_desktop.domain.equality import CHARACTERISTICS, PREFER_NOT_TO_SAY
from sec_desktop.services.participant_records import ParticipantRecord
from sec_desktop.ui.communication_dialog import equality_explanation
from sec_desktop.ui.participant_tabs import page_layout
from sec_desktop.ui.participant_view import (
    button,
    choice,
    facts_form,
    heading_row,
    subheading,
    value_label,
)
from sec_desktop.ui.widgets import READABLE_WIDTH


class CommunicationTab(QWidget):
    """Needs in full; equality monitoring only as how much was answered (the answers are
    for counting, not for reading about one person)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("communicationTab")
        self.edit_button = button(
            self.tr("Edit communication and e&quality\u2026"),
            self.tr("Edit communication needs and equality monitoring"),
            self,
        )
        self.needs_value = value_label(self)
        self.other_value = value_label(self)
        self.equality_value = value_label(self)
        explanation = QLabel(equality_explanation(), self)
        explanation.setWordWrap(True)
        explanation.setMaximumWidth(READABLE_WIDTH)
        layout = page_layout(self)
        layout.addLayout(
            heading_row(subheading(self.tr("Communication needs"), self), self.edit_button)
        )
        layout.addLayout(
            facts_form(
                self,
                [
                    (self.tr("Needs:"), self.needs_value),
                    (self.tr("Anything else:"), self.other_value),
                ],
            )
        )
        layout.addSpacing(8)
        layout.addWidget(subheading(self.tr("Equality monitoring"), self))
        layout.addWidget(self.equality_value)
        layout.addWidget(explanation)
        layout.addStretch(1)
        self.show_record(None)

    def show_record(self, record: ParticipantRecord | None) -> None:
        self.edit_button.setEnabled(record is not None)
        if record is None:
            for label in (self.needs_value, self.other_value, self.equality_value):
                label.clear()
            return
        needs = [choice(n) for n in CommunicationNeed if n in record.communication.needs]
        self.needs_value.setText(", ".join(needs) if needs else self.tr("None recorded"))
        self.other_value.setText(record.communication.other or self.tr("Nothing else"))
        answers = record.equality.answers
        answered = sum(1 for c in CHARACTERISTICS if c.key in answers)
        declined = sum(1 for value in answers.values() if value == PREFER_NOT_TO_SAY)
        if not answered:
            text = self.tr("Not asked yet.")
        else:
            text = self.tr(
                "{answered} of {total} questions answered ({declined} with \u201cprefer not "
                "to say\u201d)."
            ).format(answered=answered, total=len(CHARACTERISTICS), declined=declined)
        self.equality_value.setText(text)
