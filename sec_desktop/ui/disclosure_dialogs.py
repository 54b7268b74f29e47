"""The disclosure guard's steps, one dialog each: flag an item with the minimum facts (the
recording clock starts), record the notification to the crime recording team, record
that the survivor was told.

Each is a RecordDialog: the service's field names below are the ones its FieldErrors
use, so a refusal shows under the right field and nothing typed is lost. Times are typed
in local time and kept in UTC, as the vault keeps them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLineEdit, QWidget

from sec_desktop.services.disclosures import (
    RECORDING_DEADLINE,
    AtRisk,
    MinimumFacts,
    Notification,
)
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.deadline_clock import local_of, utc_of
from sec_desktop.ui.participant_fields import (
    DateField,
    choice_combo,
    choose,
    date_or_none,
    line_edit,
    new_form,
)
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter

FLAG_DRAFT_KEY = "disclosure_flag"
NOTIFICATION_DRAFT_KEY = "disclosure_notification"
TOLD_DRAFT_KEY = "disclosure_survivor_told"
DIALOG_WIDTH = 620
DATE_TIME_FORMAT = "d MMM yyyy, HH:mm"


def _text_field(parent: QWidget, limit: int, placeholder: str) -> QLineEdit:
    edit = line_edit(parent, limit)
    edit.setPlaceholderText(placeholder)
    return edit


class FlagDisclosureDialog(RecordDialog):
    """Flag a feedback item as a disclosure, with the minimum facts."""

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        feedback_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, FLAG_DRAFT_KEY, parent)
        self.setObjectName("flagDisclosureDialog")
        self.setWindowTitle(self.tr("Flag as a disclosure"))
        self._services = services
        self.feedback_id = feedback_id
        hours = int(RECORDING_DEADLINE.total_seconds() // 3600)
        self.set_intro(
            self.tr(
                "Flag this only for an offence not reported to the police before. The force "
                "must then record it as a crime, normally within {hours} hours: the clock "
                "starts when you save. Give the minimum facts the crime recording team needs. "
                "A flagged item cannot be deleted, and its text is shown only in its own "
                "record."
            ).format(hours=hours)
        )
        self.offence_edit = _text_field(self, 120, self.tr("For example: assault, rape, stalking"))
        self.when_edit = _text_field(self, 120, self.tr("For example: about two years ago"))
        self.where_edit = _text_field(self, 200, self.tr("A town or area is enough"))
        self.risk_combo: QComboBox = choice_combo(self, list(AtRisk), self.tr("Choose\u2026"))
        form = new_form()
        add = self.add_row
        add(
            form,
            self.tr("&Offence type:"),
            self.offence_edit,
            self.tr("Offence type"),
            "offence_type",
        )
        add(
            form,
            self.tr("&When it happened:"),
            self.when_edit,
            self.tr("When it happened"),
            "happened_when",
        )
        add(
            form,
            self.tr("W&here it happened:"),
            self.where_edit,
            self.tr("Where it happened"),
            "happened_where",
        )
        add(
            form,
            self.tr("Anyone at &risk now:"),
            self.risk_combo,
            self.tr("Is anyone at risk now"),
            "anyone_at_risk_now",
            note=self.tr("If someone is in danger now, call 999 first."),
        )
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.save_button.setText(self.tr("&Flag and start the clock"))
        self.save_button.setAccessibleName(self.tr("Flag as a disclosure and start the clock"))
        self.setMinimumWidth(DIALOG_WIDTH)
        self.offence_edit.setFocus()

    def facts(self) -> MinimumFacts:
        chosen = self.risk_combo.currentData()
        return MinimumFacts(
            offence_type=self.offence_edit.text(),
            happened_when=self.when_edit.text(),
            happened_where=self.where_edit.text(),
            anyone_at_risk_now=AtRisk(chosen) if chosen is not None else None,
        )

    def work(self) -> Callable[[], object]:
        service, feedback_id, facts = self._services.disclosures, self.feedback_id, self.facts()
        return lambda: service.flag(feedback_id, facts)

    def input_state(self) -> dict[str, Any]:
        chosen = self.risk_combo.currentData()
        return {
            "feedback_id": self.feedback_id,
            "offence_type": self.offence_edit.text(),
            "happened_when": self.when_edit.text(),
            "happened_where": self.where_edit.text(),
            "anyone_at_risk_now": AtRisk(chosen).value if chosen is not None else None,
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        self.offence_edit.setText(str(state.get("offence_type", "")))
        self.when_edit.setText(str(state.get("happened_when", "")))
        self.where_edit.setText(str(state.get("happened_where", "")))
        risk = state.get("anyone_at_risk_now")
        self.risk_combo.setCurrentIndex(0)
        if risk in {m.value for m in AtRisk}:
            choose(self.risk_combo, AtRisk(risk))


class NotificationDialog(RecordDialog):
    """Record that the crime recording team was told; again later to add the crime
    reference (the fields then start from what was recorded)."""

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        feedback_id: int,
        parent: QWidget | None = None,
        *,
        recorded: Notification | None = None,
    ) -> None:
        super().__init__(writer, NOTIFICATION_DRAFT_KEY, parent)
        self.setObjectName("notificationDialog")
        self.setWindowTitle(
            self.tr("Add the crime reference")
            if recorded is not None
            else self.tr("Record the notification")
        )
        self._services = services
        self.feedback_id = feedback_id
        self.set_intro(
            self.tr(
                "Who at the force was told about the disclosure, when, and the incident "
                "reference they gave. The crime reference may follow later: come back to add it."
            )
        )
        when = local_of(recorded.notified_at if recorded else services.disclosures.now())
        self.when_edit = QDateTimeEdit(self)
        self.when_edit.setDisplayFormat(DATE_TIME_FORMAT)
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setDateTime(_qt_of(when))
        self.to_edit = _text_field(
            self, 200, self.tr("For example: force crime registrar, crime recording team")
        )
        self.incident_edit = _text_field(self, 40, self.tr("As the force gave it"))
        self.crime_edit = _text_field(self, 40, self.tr("If given already"))
        if recorded is not None:
            self.to_edit.setText(recorded.notified_to)
            self.incident_edit.setText(recorded.incident_reference)
            self.crime_edit.setText(recorded.crime_reference)
        form = new_form()
        add = self.add_row
        add(
            form,
            self.tr("Told &at:"),
            self.when_edit,
            self.tr("When they were told"),
            "notified_at",
        )
        add(form, self.tr("&Who was told:"), self.to_edit, self.tr("Who was told"), "notified_to")
        add(
            form,
            self.tr("&Incident reference:"),
            self.incident_edit,
            self.tr("Incident reference"),
            "incident_reference",
        )
        add(
            form,
            self.tr("&Crime reference:"),
            self.crime_edit,
            self.tr("Crime reference"),
            "crime_reference",
            note=self.tr("Leave empty until the force gives it."),
        )
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.setMinimumWidth(DIALOG_WIDTH)
        (self.crime_edit if recorded is not None else self.to_edit).setFocus()

    def notified_at(self) -> datetime:
        return utc_of(_python_of(self.when_edit.dateTime()))

    def notification(self) -> Notification:
        return Notification(
            notified_at=self.notified_at(),
            notified_to=self.to_edit.text(),
            incident_reference=self.incident_edit.text(),
            crime_reference=self.crime_edit.text(),
        )

    def work(self) -> Callable[[], object]:
        service, feedback_id = self._services.disclosures, self.feedback_id
        notification = self.notification()
        return lambda: service.record_notification(feedback_id, notification)

    def input_state(self) -> dict[str, Any]:
        return {
            "feedback_id": self.feedback_id,
            "notified_at": self.notified_at().isoformat(),
            "notified_to": self.to_edit.text(),
            "incident_reference": self.incident_edit.text(),
            "crime_reference": self.crime_edit.text(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        try:
            when = datetime.fromisoformat(str(state.get("notified_at")))
        except ValueError:
            when = None
        if when is not None:
            self.when_edit.setDateTime(_qt_of(local_of(when)))
        self.to_edit.setText(str(state.get("notified_to", "")))
        self.incident_edit.setText(str(state.get("incident_reference", "")))
        self.crime_edit.setText(str(state.get("crime_reference", "")))


def _python_of(moment: QDateTime) -> datetime:
    day, time = moment.date(), moment.time()
    return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())


def _qt_of(local: datetime) -> QDateTime:
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


class SurvivorToldDialog(RecordDialog):
    """Record that the survivor was told that what they disclosed is being recorded."""

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        feedback_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, TOLD_DRAFT_KEY, parent)
        self.setObjectName("survivorToldDialog")
        self.setWindowTitle(self.tr("Record that the survivor was told"))
        self._services = services
        self.feedback_id = feedback_id
        self.set_intro(
            self.tr(
                "The survivor must hear from you that what they disclosed is being recorded "
                "as a crime, and what happens next. Check their safe contact rules before "
                "you contact them."
            )
        )
        self.on_field = DateField(self.tr("Told on"), services.today(), self)
        self.how_edit = _text_field(
            self, 200, self.tr("For example: by phone at their safe time, with their IDVA")
        )
        form = new_form()
        self.add_row(form, self.tr("Told &on:"), self.on_field, None, "told_on")
        self.add_row(
            form, self.tr("&How:"), self.how_edit, self.tr("How they were told"), "told_how"
        )
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.how_edit.setFocus()

    def told_on(self) -> date:
        return self.on_field.value() or self._services.today()

    def work(self) -> Callable[[], object]:
        service, feedback_id = self._services.disclosures, self.feedback_id
        told_on, how = self.told_on(), self.how_edit.text()
        return lambda: service.record_survivor_told(feedback_id, told_on, how)

    def input_state(self) -> dict[str, Any]:
        return {
            "feedback_id": self.feedback_id,
            "told_on": self.told_on().isoformat(),
            "told_how": self.how_edit.text(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        told_on = date_or_none(state.get("told_on"))
        if told_on is not None:
            self.on_field.set_value(told_on)
        self.how_edit.setText(str(state.get("told_how", "")))
