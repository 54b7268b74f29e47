"""Closing a service recovery case (the outcome is needed), and recording when the
survivor and the partner were told."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.recovery_records import RecoveryRecord
from sec_desktop.ui.participant_fields import DateField, date_or_none, new_form, notes_edit
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter

CLOSE_KEY = "recovery_close"
TOLD_KEY = "recovery_told"
DIALOG_WIDTH = 560


class RecoveryCloseDialog(RecordDialog):
    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: RecoveryRecord,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, CLOSE_KEY, parent)
        self.setObjectName("recoveryCloseDialog")
        self.setWindowTitle(self.tr("Close the case"))
        self._services = services
        self.case_id = record.id
        self.set_intro(
            self.tr("Say what came of it: the outcome is what you report back to the partner.")
        )
        self.closed_field = DateField(self.tr("Closed on"), services.today(), self)
        self.outcome_edit = notes_edit(self, 4)
        self.outcome_edit.setPlainText(record.outcome)
        form = new_form()
        self.add_row(form, self.tr("&Closed on:"), self.closed_field, None, "closed_on")
        self.add_row(form, self.tr("&Outcome:"), self.outcome_edit, self.tr("Outcome"), "outcome")
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.save_button.setText(self.tr("&Close case"))
        self.save_button.setAccessibleName(self.tr("Close case"))
        self.setMinimumWidth(DIALOG_WIDTH)
        self.outcome_edit.setFocus()

    def work(self) -> Callable[[], object]:
        service, case_id = self._services.recovery, self.case_id
        closed_on = self.closed_field.value() or self._services.today()
        outcome = self.outcome_edit.toPlainText()
        return lambda: service.close(case_id, closed_on, outcome)

    def input_state(self) -> dict[str, Any]:
        closed_on = self.closed_field.value()
        return {
            "case_id": self.case_id,
            "closed_on": closed_on.isoformat() if closed_on else None,
            "outcome": self.outcome_edit.toPlainText(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        self.closed_field.set_value(date_or_none(state.get("closed_on")) or self._services.today())
        self.outcome_edit.setPlainText(str(state.get("outcome", "")))


class RecoveryToldDialog(RecordDialog):
    """When the survivor and the partner were told what came of the case."""

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: RecoveryRecord,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, TOLD_KEY, parent)
        self.setObjectName("recoveryToldDialog")
        self.setWindowTitle(self.tr("Who was told"))
        self._services = services
        self.case_id = record.id
        self.set_intro(self.tr("Tick \u201cNo date\u201d for anyone not told yet."))
        today = services.today()
        self.survivor_field = DateField(
            self.tr("Survivor told on"),
            record.survivor_told_on,
            self,
            none_name=self.tr("Survivor not told yet"),
            fallback=today,
        )
        self.partner_field = DateField(
            self.tr("Partner told on"),
            record.partner_told_on,
            self,
            none_name=self.tr("Partner not told yet"),
            fallback=today,
        )
        form = new_form()
        self.add_row(form, self.tr("&Survivor told on:"), self.survivor_field, None,
                     "survivor_told_on")  # fmt: skip
        self.add_row(form, self.tr("&Partner told on:"), self.partner_field, None,
                     "partner_told_on")  # fmt: skip
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.survivor_field.setFocus()

    def work(self) -> Callable[[], object]:
        service, case_id = self._services.recovery, self.case_id
        survivor, partner = self.survivor_field.value(), self.partner_field.value()
        # Exactly what the form shows: "No date" takes back a date recorded by mistake.
        return lambda: service.set_told(case_id, survivor_told_on=survivor, partner_told_on=partner)

    def input_state(self) -> dict[str, Any]:
        survivor, partner = self.survivor_field.value(), self.partner_field.value()
        return {
            "case_id": self.case_id,
            "survivor": survivor.isoformat() if survivor else None,
            "partner": partner.isoformat() if partner else None,
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        self.survivor_field.set_value(date_or_none(state.get("survivor")))
        self.partner_field.set_value(date_or_none(state.get("partner")))
