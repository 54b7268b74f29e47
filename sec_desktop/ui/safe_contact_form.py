"""The fields of a participant's safe contact rules, shared by the add dialog and the safe
contact dialog. Field names are the service's (`validate_rules`), so its messages land
under the right field; `changed` fires on every edit, for the live preview panel."""

from __future__ import annotations

from datetime import time
from typing import Any

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QTimeEdit, QWidget

from sec_desktop.domain.enums import ContactChannel, Weekday
from sec_desktop.services.participant_records import SafeContactRules
from sec_desktop.ui.participant_fields import check_grid, line_edit, new_form, notes_edit
from sec_desktop.ui.record_dialog import RecordDialog

TIME_FORMAT = "HH:mm"
DEFAULT_FROM = time(9, 0)
DEFAULT_UNTIL = time(17, 0)
START_OF_DAY = time(0, 0)
END_OF_DAY = time(23, 59)
CHANNEL_COLUMNS = 2
DAY_COLUMNS = 4


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(value: QTime) -> time:
    return time(value.hour(), value.minute())


def _time_or_none(value: object) -> time | None:
    try:
        return time.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


class SafeContactForm(QWidget):
    changed = Signal()

    def __init__(self, dialog: RecordDialog, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("safeContactForm")
        self.form = new_form()
        self._build_fields()
        self._build_rows(dialog)
        self.setLayout(self.form)
        self._connect()
        self._on_changed()

    def _build_fields(self) -> None:
        self.channels_box, self.channel_checks = check_grid(
            self, list(ContactChannel), CHANNEL_COLUMNS
        )
        self.channels_box.setAccessibleName(self.tr("Allowed ways to contact"))
        self.phone_edit = line_edit(self, 40, Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.phone_edit.setPlaceholderText(self.tr("For example: 07700 900123"))
        self.email_edit = line_edit(self, 254, Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.address_edit = notes_edit(self, 3)
        self.days_box, self.day_checks = check_grid(self, list(Weekday), DAY_COLUMNS)
        self.days_box.setAccessibleName(self.tr("Safe days"))
        self.times_box = self._build_times()
        self.times_note_edit = line_edit(self, 200)
        self.times_note_edit.setPlaceholderText(self.tr("For example: not during the school run"))
        self.voicemail_check = QCheckBox(self.tr("A &voicemail may be left"), self)
        self.voicemail_check.setAccessibleName(self.tr("A voicemail may be left"))
        self.police_check = QCheckBox(self.tr("The caller may say they are from the po&lice"), self)
        self.police_check.setAccessibleName(self.tr("The caller may say they are from the police"))
        self.code_word_edit = line_edit(self, 80)
        self.third_name_edit = line_edit(self, 200)
        self.third_relationship_edit = line_edit(self, 100)
        self.third_relationship_edit.setPlaceholderText(self.tr("For example: sister, IDVA"))
        self.third_contact_edit = line_edit(self, 200)
        self.notes_edit = notes_edit(self, 3)

    def _build_times(self) -> QWidget:
        box = QWidget(self)
        self.times_check = QCheckBox(self.tr("Only between"), box)
        self.times_check.setAccessibleName(self.tr("Only at certain times"))
        self.from_edit = QTimeEdit(_qtime(DEFAULT_FROM), box)
        self.from_edit.setDisplayFormat(TIME_FORMAT)
        self.from_edit.setAccessibleName(self.tr("Safe from"))
        self.until_edit = QTimeEdit(_qtime(DEFAULT_UNTIL), box)
        self.until_edit.setDisplayFormat(TIME_FORMAT)
        self.until_edit.setAccessibleName(self.tr("Safe until"))
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.times_check)
        row.addWidget(self.from_edit)
        row.addWidget(QLabel(self.tr("and"), box))
        row.addWidget(self.until_edit)
        row.addStretch(1)
        box.setFocusProxy(self.times_check)
        return box

    def _build_rows(self, dialog: RecordDialog) -> None:
        # (label with mnemonic, field, accessible name or None to keep it, service field)
        rows: list[tuple[str, QWidget, str | None, str | None]] = [
            (self.tr("Allowed &ways:"), self.channels_box, None, None),
            (self.tr("&Phone:"), self.phone_edit, self.tr("Phone"), "phone"),
            (self.tr("&Email:"), self.email_edit, self.tr("Email"), "email"),
            (
                self.tr("Postal &address:"),
                self.address_edit,
                self.tr("Postal address"),
                "postal_address",
            ),
            (self.tr("Safe &days:"), self.days_box, None, None),
            (self.tr("Safe &times:"), self.times_box, self.tr("Safe times"), "safe_until"),
            (self.tr("About t&imes:"), self.times_note_edit, self.tr("About times"), "times_note"),
        ]
        for label, field, name, service_name in rows:
            dialog.add_row(self.form, label, field, name, service_name)
        self.form.addRow("", self.voicemail_check)
        self.form.addRow("", self.police_check)
        rows = [
            (self.tr("&Code word:"), self.code_word_edit, self.tr("Code word"), "code_word"),
            (
                self.tr("Third party &name:"),
                self.third_name_edit,
                self.tr("Trusted third party's name"),
                "third_party_name",
            ),
            (
                self.tr("&Relationship:"),
                self.third_relationship_edit,
                self.tr("Trusted third party's relationship"),
                "third_party_relationship",
            ),
            (
                self.tr("T&hird party contact:"),
                self.third_contact_edit,
                self.tr("How to reach the trusted third party"),
                "third_party_contact",
            ),
            (self.tr("&Other notes:"), self.notes_edit, self.tr("Other notes"), "contact_notes"),
        ]
        for label, field, name, service_name in rows:
            dialog.add_row(self.form, label, field, name, service_name)

    def _connect(self) -> None:
        for check in (*self.channel_checks.values(), *self.day_checks.values()):
            check.toggled.connect(self._on_changed)
        for box in (self.times_check, self.voicemail_check, self.police_check):
            box.toggled.connect(self._on_changed)
        for edit in (
            self.phone_edit,
            self.email_edit,
            self.times_note_edit,
            self.code_word_edit,
            self.third_name_edit,
            self.third_relationship_edit,
            self.third_contact_edit,
        ):
            edit.textChanged.connect(self._on_changed)
        for text in (self.address_edit, self.notes_edit):
            text.textChanged.connect(self._on_changed)
        for time_edit in (self.from_edit, self.until_edit):
            time_edit.timeChanged.connect(self._on_changed)

    def _on_changed(self) -> None:
        timed = self.times_check.isChecked()
        self.from_edit.setEnabled(timed)
        self.until_edit.setEnabled(timed)
        self.changed.emit()

    # --- values ---------------------------------------------------------------------------

    def rules(self) -> SafeContactRules:
        """The rules as typed. A time range from the start or to the end of the day has
        no limit at that end (None), as the service keeps it."""
        timed = self.times_check.isChecked()
        start, end = _time(self.from_edit.time()), _time(self.until_edit.time())
        return SafeContactRules(
            channels=frozenset(c for c, check in self.channel_checks.items() if check.isChecked()),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
            postal_address=self.address_edit.toPlainText(),
            safe_days=frozenset(d for d, check in self.day_checks.items() if check.isChecked()),
            safe_from=start if timed and start != START_OF_DAY else None,
            safe_until=end if timed and end != END_OF_DAY else None,
            times_note=self.times_note_edit.text(),
            voicemail_allowed=self.voicemail_check.isChecked(),
            may_say_police=self.police_check.isChecked(),
            code_word=self.code_word_edit.text(),
            third_party_name=self.third_name_edit.text(),
            third_party_relationship=self.third_relationship_edit.text(),
            third_party_contact=self.third_contact_edit.text(),
            notes=self.notes_edit.toPlainText(),
        )

    def set_rules(self, rules: SafeContactRules) -> None:
        for channel, check in self.channel_checks.items():
            check.setChecked(channel in rules.channels)
        for day, check in self.day_checks.items():
            check.setChecked(day in rules.safe_days)
        self.phone_edit.setText(rules.phone)
        self.email_edit.setText(rules.email)
        self.address_edit.setPlainText(rules.postal_address)
        timed = rules.safe_from is not None or rules.safe_until is not None
        self.times_check.setChecked(timed)
        # Only one end recorded: the other shows as the start or end of the day.
        start = rules.safe_from or (START_OF_DAY if timed else DEFAULT_FROM)
        end = rules.safe_until or (END_OF_DAY if timed else DEFAULT_UNTIL)
        self.from_edit.setTime(_qtime(start))
        self.until_edit.setTime(_qtime(end))
        self.times_note_edit.setText(rules.times_note)
        self.voicemail_check.setChecked(rules.voicemail_allowed)
        self.police_check.setChecked(rules.may_say_police)
        self.code_word_edit.setText(rules.code_word)
        self.third_name_edit.setText(rules.third_party_name)
        self.third_relationship_edit.setText(rules.third_party_relationship)
        self.third_contact_edit.setText(rules.third_party_contact)
        self.notes_edit.setPlainText(rules.notes)

    def state(self) -> dict[str, Any]:
        """Every field, JSON-able (the times as typed even while switched off)."""
        rules = self.rules()
        return {
            "channels": sorted(c.value for c in rules.channels),
            "phone": rules.phone,
            "email": rules.email,
            "postal_address": rules.postal_address,
            "safe_days": [d.value for d in Weekday if d in rules.safe_days],
            "timed": self.times_check.isChecked(),
            "safe_from": _time(self.from_edit.time()).isoformat("minutes"),
            "safe_until": _time(self.until_edit.time()).isoformat("minutes"),
            "times_note": rules.times_note,
            "voicemail_allowed": rules.voicemail_allowed,
            "may_say_police": rules.may_say_police,
            "code_word": rules.code_word,
            "third_party_name": rules.third_party_name,
            "third_party_relationship": rules.third_party_relationship,
            "third_party_contact": rules.third_party_contact,
            "contact_notes": rules.notes,
        }

    def restore(self, state: dict[str, Any]) -> None:
        channels = {str(v) for v in state.get("channels", [])}
        days = {str(v) for v in state.get("safe_days", [])}
        self.set_rules(
            SafeContactRules(
                channels=frozenset(c for c in ContactChannel if c.value in channels),
                phone=str(state.get("phone", "")),
                email=str(state.get("email", "")),
                postal_address=str(state.get("postal_address", "")),
                safe_days=frozenset(d for d in Weekday if d.value in days),
                times_note=str(state.get("times_note", "")),
                voicemail_allowed=bool(state.get("voicemail_allowed", False)),
                may_say_police=bool(state.get("may_say_police", False)),
                code_word=str(state.get("code_word", "")),
                third_party_name=str(state.get("third_party_name", "")),
                third_party_relationship=str(state.get("third_party_relationship", "")),
                third_party_contact=str(state.get("third_party_contact", "")),
                notes=str(state.get("contact_notes", "")),
            )
        )
        self.from_edit.setTime(_qtime(_time_or_none(state.get("safe_from")) or DEFAULT_FROM))
        self.until_edit.setTime(_qtime(_time_or_none(state.get("safe_until")) or DEFAULT_UNTIL))
        self.times_check.setChecked(bool(state.get("timed", False)))
