"""What the engagement dialogs share: the base dialog (which engagement it edits, kept with
its draft at lock), a start time that may be left out, and the session fields most of
them ask for (date, time, format, venue, facilitator, wellbeing follow-up, notes)."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from PySide6.QtCore import QCoreApplication, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.engagement_enums import EngagementFormat
from sec_desktop.services.engagement_records import EngagementRecord
from sec_desktop.services.errors import RecordError
from sec_desktop.services.groups import NotEligible
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.attendee_picker import AttendeePicker, blocker_text
from sec_desktop.ui.participant_fields import (
    DateField,
    choice_combo,
    choose,
    date_or_none,
    line_edit,
    new_form,
    notes_edit,
)
from sec_desktop.ui.participant_view import subheading
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter

TEXT_LENGTH = 200
TIME_FORMAT = "HH:mm"
NOTES_LINES = 4


class TimeField(QWidget):
    """A start time, which may be left out: a QTimeEdit cannot be empty, so a "No time"
    check box sits beside it (as DateField does for dates)."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.edit = QTimeEdit(QTime(18, 0), self)
        self.edit.setDisplayFormat(TIME_FORMAT)
        self.edit.setAccessibleName(name)
        self.none_check = QCheckBox(self.tr("No time"), self)
        self.none_check.setAccessibleName(self.tr("No start time"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.none_check)
        layout.addStretch(1)
        self.none_check.toggled.connect(self._on_none_toggled)
        self.edit.timeChanged.connect(lambda _t: self.changed.emit())
        self.setFocusProxy(self.edit)

    def value(self) -> time | None:
        if self.none_check.isChecked():
            return None
        shown = self.edit.time()
        return time(shown.hour(), shown.minute())

    def set_value(self, value: time | None) -> None:
        if value is not None:
            self.edit.setTime(QTime(value.hour, value.minute))
        self.none_check.setChecked(value is None)
        self._on_none_toggled(value is None)

    def _on_none_toggled(self, none: bool) -> None:
        self.edit.setEnabled(not none)
        self.setFocusProxy(self.none_check if none else self.edit)
        self.changed.emit()


class SessionFields:
    """The fields of a session, made for `parent`; each dialog lays out those it asks."""

    def __init__(self, parent: QWidget, today: date) -> None:
        self.date_field = DateField(
            QCoreApplication.translate("SessionFields", "Date"), today, parent
        )
        self.time_field = TimeField(
            QCoreApplication.translate("SessionFields", "Start time"), parent
        )
        self.time_field.set_value(None)
        self.format_combo: QComboBox = choice_combo(parent, list(EngagementFormat))
        self.venue_edit: QLineEdit = line_edit(parent, TEXT_LENGTH)
        self.venue_edit.setPlaceholderText(
            QCoreApplication.translate("SessionFields", "Needed for an in-person session")
        )
        self.facilitator_edit: QLineEdit = line_edit(parent, TEXT_LENGTH)
        self.support_edit: QLineEdit = line_edit(parent, TEXT_LENGTH)
        self.support_edit.setPlaceholderText(
            QCoreApplication.translate("SessionFields", "For example: an ISVA from a partner")
        )
        self.follow_up_check = QCheckBox(
            QCoreApplication.translate("SessionFields", "Wellbeing follow-&up needed"), parent
        )
        self.follow_up_check.setAccessibleName(
            QCoreApplication.translate("SessionFields", "Wellbeing follow-up needed")
        )
        self.notes_edit: QPlainTextEdit = notes_edit(parent, NOTES_LINES)
        self.notes_edit.setPlaceholderText(
            QCoreApplication.translate(
                "SessionFields",
                "No names here: use pseudonym codes. What was said goes in feedback.",
            )
        )

    def leave_out(self, *fields: QWidget) -> None:
        """Fields this dialog does not ask for: never shown (a widget in no layout would
        sit in the corner of the dialog)."""
        for field in fields:
            field.hide()

    def held_on(self, fallback: date) -> date:
        return self.date_field.value() or fallback

    def engagement_format(self) -> EngagementFormat:
        return EngagementFormat(self.format_combo.currentData())

    def show(self, record: EngagementRecord) -> None:
        self.date_field.set_value(record.held_on)
        self.time_field.set_value(record.starts_at)
        choose(self.format_combo, record.format or EngagementFormat.IN_PERSON)
        self.venue_edit.setText(record.venue)
        self.facilitator_edit.setText(record.facilitator)
        self.support_edit.setText(record.support_worker)
        self.follow_up_check.setChecked(record.wellbeing_follow_up)
        self.notes_edit.setPlainText(record.notes)

    def state(self) -> dict[str, Any]:
        held_on, starts_at = self.date_field.value(), self.time_field.value()
        return {
            "held_on": held_on.isoformat() if held_on else None,
            "starts_at": starts_at.isoformat() if starts_at else None,
            "format": self.engagement_format().value,
            "venue": self.venue_edit.text(),
            "facilitator": self.facilitator_edit.text(),
            "support_worker": self.support_edit.text(),
            "wellbeing_follow_up": self.follow_up_check.isChecked(),
            "notes": self.notes_edit.toPlainText(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        held_on = date_or_none(state.get("held_on"))
        if held_on is not None:
            self.date_field.set_value(held_on)
        starts_at = state.get("starts_at")
        try:
            self.time_field.set_value(time.fromisoformat(str(starts_at)) if starts_at else None)
        except ValueError:
            self.time_field.set_value(None)
        if state.get("format") in {m.value for m in EngagementFormat}:
            choose(self.format_combo, EngagementFormat(state["format"]))
        self.venue_edit.setText(str(state.get("venue", "")))
        self.facilitator_edit.setText(str(state.get("facilitator", "")))
        self.support_edit.setText(str(state.get("support_worker", "")))
        self.follow_up_check.setChecked(bool(state.get("wellbeing_follow_up")))
        self.notes_edit.setPlainText(str(state.get("notes", "")))


class EngagementDialog(RecordDialog):
    """Record (`record` None) or edit one engagement."""

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        draft_key: str,
        record: EngagementRecord | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__(writer, draft_key, parent)
        self._services = services
        self._record = record
        self.today = services.today()
        self.session = SessionFields(self, self.today)
        self.form: QFormLayout = new_form()

    @property
    def engagement_id(self) -> int | None:
        return None if self._record is None else self._record.id

    @property
    def record(self) -> EngagementRecord | None:
        return self._record

    def draft_identity(self) -> dict[str, Any]:
        """Which dialog this is, and about what, to open it again after a lock."""
        return {"dialog": self.draft_key(), "engagement_id": self.engagement_id}

    def forget(self) -> None:
        super().forget()
        for picker in self.findChildren(AttendeePicker):
            picker.clear()

    def watch_planned(self, picker: AttendeePicker) -> None:
        """Lock `picker` while the date is after today (a session planned ahead)."""
        self._planned_picker = picker
        self.session.date_field.changed.connect(self.update_planned)
        self.update_planned()

    def update_planned(self) -> None:
        picker = getattr(self, "_planned_picker", None)
        if picker is None:
            return
        planned = self.session.held_on(self.today) > self.today
        picker.set_locked(
            self.tr("Planned for a later date: record who attended once it has been held.")
            if planned and not picker.chosen_people()
            else ""
        )

    def add_follow_up_and_notes(self, form: QFormLayout) -> None:
        form.addRow("", self.session.follow_up_check)
        self.add_row(form, self.tr("&Notes:"), self.session.notes_edit, self.tr("Notes"), "notes")


class AttendeesColumn(QWidget):
    """The attendee picker under its heading, whose mnemonic reaches the code search;
    messages about the attendees appear under it."""

    def __init__(self, dialog: EngagementDialog, label: str, *, single: bool = False) -> None:
        super().__init__(dialog)
        self.picker = AttendeePicker(self, single=single)
        self.heading = subheading(label, self)
        self.heading.setBuddy(self.picker.search_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(dialog.register("attendees", self.picker), 1)


def refusal_text(dialog: QWidget, error: RecordError | None) -> str | None:
    """A blocked attendee's reasons, translated, for the form's general message."""
    if not isinstance(error, NotEligible):
        return None
    return (
        QCoreApplication.translate(
            "EngagementDialog", "{code} cannot be added as an attendee:"
        ).format(code=error.eligibility.participant.code)
        + "\n"
        + blocker_text(error.eligibility)
    )
