"""Communication needs and equality monitoring of one participant.

Needs are what help them take part (Welsh, interpreters, large print, an advocate...).
Equality monitoring is optional, question by question: "Not asked" and "Prefer not to
say" are always there. The dialog says on screen how the answers are kept and used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sec_desktop.domain.enums import CommunicationNeed
from sec_desktop.domain.equality import CHARACTERISTICS
from sec_desktop.services.participant_records import (
    CommunicationNeeds,
    EqualityAnswers,
    ParticipantRecord,
)
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.participant_fields import check_grid, choose, line_edit, new_form
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter

DRAFT_KEY = "participant_communication"
NEED_COLUMNS = 2
OTHER_LENGTH = 400


class NeedsForm(QWidget):
    """Communication needs: one check box each, and anything else in words."""

    changed = Signal()

    def __init__(self, dialog: RecordDialog, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("needsForm")
        box, self.checks = check_grid(self, list(CommunicationNeed), NEED_COLUMNS)
        box.setAccessibleName(self.tr("Communication needs"))
        self.other_edit = line_edit(self, OTHER_LENGTH)
        self.other_edit.setPlaceholderText(self.tr("For example: needs breaks, prefers mornings"))
        intro = QLabel(self.tr("What helps them take part:"), self)
        intro.setWordWrap(True)
        form = new_form()
        form.addRow(intro)
        form.addRow(box)
        dialog.add_row(
            form,
            self.tr("Anything &else:"),
            self.other_edit,
            self.tr("Other needs"),
            "communication_other",
        )
        self.setLayout(form)
        for check in self.checks.values():
            check.toggled.connect(self.changed)
        self.other_edit.textChanged.connect(self.changed)

    def needs(self) -> CommunicationNeeds:
        chosen = frozenset(n for n, check in self.checks.items() if check.isChecked())
        return CommunicationNeeds(chosen, self.other_edit.text())

    def set_needs(self, needs: CommunicationNeeds) -> None:
        for need, check in self.checks.items():
            check.setChecked(need in needs.needs)
        self.other_edit.setText(needs.other)

    def state(self) -> dict[str, Any]:
        needs = self.needs()
        return {
            "needs": [n.value for n in CommunicationNeed if n in needs.needs],
            "communication_other": needs.other,
        }

    def restore(self, state: dict[str, Any]) -> None:
        chosen = {str(v) for v in state.get("needs", [])}
        self.set_needs(
            CommunicationNeeds(
                frozenset(n for n in CommunicationNeed if n.value in chosen),
                str(state.get("communication_other", "")),
            )
        )


def equality_explanation() -> str:
    return QCoreApplication.translate(
        "CommunicationDialog",
        "Every question is optional: ask only if they are happy to answer, and leave it as "
        "\u201cNot asked\u201d or choose \u201cPrefer not to say\u201d. The answers are kept "
        "apart from the rest of their record and used only in aggregate, counted with "
        "everyone else's, to find whose voices are not being heard. They are not shown on "
        "their page, in briefings or in anything about one person.",
    )


class CommunicationDialog(RecordDialog):
    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: ParticipantRecord,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, DRAFT_KEY, parent)
        self.setObjectName("communicationDialog")
        self.setWindowTitle(
            self.tr("Communication and equality: {code}").format(code=record.ref.code)
        )
        self._services = services
        self._participant_id = record.ref.id

        needs_box = QGroupBox(self.tr("Communication needs"), self)
        needs_layout = QVBoxLayout(needs_box)
        self.needs_form = NeedsForm(self, needs_box)
        needs_layout.addWidget(self.needs_form)
        needs_layout.addStretch(1)

        equality_box = QGroupBox(self.tr("Equality monitoring"), self)
        explanation = QLabel(equality_explanation(), equality_box)
        explanation.setWordWrap(True)
        explanation.setObjectName("equalityExplanation")
        form = new_form()
        self.equality_combos: dict[str, QComboBox] = {}
        for characteristic in CHARACTERISTICS:
            combo = QComboBox(equality_box)
            combo.addItem(self.tr("Not asked"), None)
            for value in characteristic.values():
                text = characteristic.label_of(value)
                combo.addItem(QCoreApplication.translate("Choices", text), value)
            name = QCoreApplication.translate("Choices", characteristic.label)
            self.add_row(
                form, self.tr("{name}:").format(name=name), combo, name, characteristic.key
            )
            self.equality_combos[characteristic.key] = combo
        equality_layout = QVBoxLayout(equality_box)
        equality_layout.addWidget(explanation)
        equality_layout.addLayout(form)
        equality_layout.addStretch(1)

        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(needs_box, 1)
        row.addWidget(equality_box, 1)
        self.body.addLayout(row)

        self.needs_form.set_needs(record.communication)
        self.set_answers(record.equality)
        self.needs_form.checks[CommunicationNeed.WELSH].setFocus()

    @property
    def participant_id(self) -> int:
        return self._participant_id

    def answers(self) -> EqualityAnswers:
        chosen = {key: combo.currentData() for key, combo in self.equality_combos.items()}
        return EqualityAnswers({k: str(v) for k, v in chosen.items() if v is not None})

    def set_answers(self, answers: EqualityAnswers) -> None:
        for key, combo in self.equality_combos.items():
            value = answers.answers.get(key)
            combo.setCurrentIndex(max(combo.findData(value), 0) if value is not None else 0)

    def work(self) -> Callable[[], object]:
        roster, participant_id = self._services.roster, self._participant_id
        needs, answers = self.needs_form.needs(), self.answers()

        def save() -> None:
            roster.update_communication(participant_id, needs)
            roster.update_equality(participant_id, answers)

        return save

    def input_state(self) -> dict[str, Any]:
        return {
            "participant_id": self._participant_id,
            **self.needs_form.state(),
            "equality": dict(self.answers().answers),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        self.needs_form.restore(state)
        saved = state.get("equality", {})
        answers = {str(k): str(v) for k, v in saved.items()} if isinstance(saved, dict) else {}
        for key, combo in self.equality_combos.items():
            combo.setCurrentIndex(0)
            if key in answers:
                choose(combo, answers[key])
