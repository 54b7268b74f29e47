"""Moving an action on: to agreed, in progress, done (with its outcome) or declined (with
the reason: people deserve to know that too).

Only the moves the rules allow are offered: proposed to agreed or declined; agreed to in
progress, done or declined; in progress to done or declined. A closed action cannot move
again (raise a new one). The outcome and the reason are checked by the service: a
refusal shows its message under the field, everything as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from sec_desktop.domain.action_enums import ActionStatus
from sec_desktop.services.action_checks import MOVES
from sec_desktop.services.action_records import ActionRecord
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.participant_fields import choose, new_form, notes_edit
from sec_desktop.ui.participant_view import choice
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.widgets import READABLE_WIDTH

DIALOG_WIDTH = 520


def next_statuses(status: ActionStatus) -> tuple[ActionStatus, ...]:
    """The moves the rules allow, in the order of the statuses."""
    allowed = MOVES.get(status, frozenset())
    return tuple(s for s in ActionStatus if s in allowed)


class ActionStatusDialog(RecordDialog):
    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: ActionRecord,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, "action_status", parent)
        self.setObjectName("actionStatusDialog")
        self.setWindowTitle(self.tr("Move action"))
        self._services = services
        self.record = record
        self.set_intro(
            self.tr("\u201c{title}\u201d is {status} now. Move it to:").format(
                title=record.details.title, status=choice(record.status).lower()
            )
        )
        self.status_combo = QComboBox(self)
        for status in next_statuses(record.status):
            self.status_combo.addItem(choice(status), status)
        self.outcome_edit = notes_edit(self)
        self.outcome_edit.setPlaceholderText(
            self.tr("What changed: this is what the people behind it will be told")
        )
        self.reason_edit = notes_edit(self)
        self.reason_edit.setPlaceholderText(
            self.tr("Why not: the people behind it deserve to know this too")
        )
        form = new_form()
        self.add_row(form, self.tr("&Move to:"), self.status_combo, self.tr("Move to"), "status")
        self.outcome_label = self.add_row(
            form, self.tr("&Outcome:"), self.outcome_edit, self.tr("Outcome"), "outcome"
        )
        self.reason_label = self.add_row(
            form, self.tr("&Reason:"), self.reason_edit, self.tr("Reason declined"), "reason"
        )
        self.body.addLayout(form)
        self.form = form
        self.setMinimumWidth(min(READABLE_WIDTH, DIALOG_WIDTH))
        self.status_combo.currentIndexChanged.connect(lambda _i: self._on_status())
        self._on_status()
        self.status_combo.setFocus()

    def status(self) -> ActionStatus | None:
        value = self.status_combo.currentData()
        return ActionStatus(value) if value is not None else None

    def choose(self, status: ActionStatus) -> None:
        choose(self.status_combo, status)

    def _on_status(self) -> None:
        status = self.status()
        self.form.setRowVisible(self.outcome_label, status is ActionStatus.DONE)
        self.form.setRowVisible(self.reason_label, status is ActionStatus.DECLINED)
        self.save_button.setEnabled(status is not None)

    def work(self) -> Callable[[], object]:
        actions, action_id = self._services.actions, self.record.id
        status = self.status() or self.record.status  # saving is off without a choice
        outcome = self.outcome_edit.toPlainText() if status is ActionStatus.DONE else ""
        reason = self.reason_edit.toPlainText() if status is ActionStatus.DECLINED else ""
        return lambda: actions.move(action_id, status, outcome=outcome, reason=reason)

    def draft_identity(self) -> dict[str, Any]:
        return {"dialog": "move", "action_id": self.record.id}

    def input_state(self) -> dict[str, Any]:
        status = self.status()
        return {
            "status": status.value if status is not None else None,
            "outcome": self.outcome_edit.toPlainText(),
            "reason": self.reason_edit.toPlainText(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        status = state.get("status")
        if status in {s.value for s in ActionStatus}:
            self.choose(ActionStatus(status))
        self.outcome_edit.setPlainText(str(state.get("outcome", "")))
        self.reason_edit.setPlainText(str(state.get("reason", "")))
