"""Recording that a person was told what came of their feedback ("you said, we did").

By pseudonym code only. Their safe contact rules come first (the same panel as wherever
contact is made), with their preferred language; only the channels they allowed are
offered, with "in person" and "through a partner". The date can be neither before the
action closed nor in the future.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QWidget

from sec_desktop.domain.action_enums import TellingChannel
from sec_desktop.services.action_records import PersonToTell
from sec_desktop.services.participant_records import SafeContactRules
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.before_you_contact import BeforeYouContactPanel
from sec_desktop.ui.participant_fields import (
    DATE_FORMAT,
    choose,
    date_or_none,
    from_qdate,
    new_form,
    notes_edit,
    to_qdate,
)
from sec_desktop.ui.participant_view import choice
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.widgets import READABLE_WIDTH

DIALOG_WIDTH = 560


def allowed_channels(person: PersonToTell) -> tuple[TellingChannel, ...]:
    """Their safe channels, and in person and through a partner (in the list's order)."""
    if person.allowed_channels:
        return person.allowed_channels
    always = (TellingChannel.IN_PERSON, TellingChannel.THROUGH_PARTNER)
    return tuple(c for c in TellingChannel if c in always or c.value in person.safe_channels)


class ToldDialog(RecordDialog):
    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        *,
        action_id: int,
        title: str,
        closed_on: date,
        person: PersonToTell,
        rules: SafeContactRules | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, "action_told", parent)
        self.setObjectName("toldDialog")
        self.setWindowTitle(self.tr("Record telling"))
        self._services = services
        self.action_id = action_id
        self.person = person
        self.set_intro(
            self.tr(
                "Record that {code} was told what came of their feedback: \u201c{title}\u201d."
            ).format(code=person.code, title=title)
        )
        self.contact_panel = BeforeYouContactPanel(self)
        self.contact_panel.show_rules(rules)
        self.body.addWidget(self.contact_panel)
        self.language_label = QLabel(
            self.tr("Preferred language: {language}").format(
                language=self._language(person.preferred_language)
            ),
            self,
        )
        self.language_label.setObjectName("preferredLanguage")
        self.body.addWidget(self.language_label)

        today = services.today()
        # Not before the action closed, not in the future (a plain edit: the optional
        # date field shows its earliest date as "no date").
        self.told_edit = QDateEdit(to_qdate(today), self)
        self.told_edit.setCalendarPopup(True)
        self.told_edit.setDisplayFormat(DATE_FORMAT)
        self.told_edit.setDateRange(to_qdate(min(closed_on, today)), to_qdate(today))
        self.channel_combo = QComboBox(self)
        for channel in allowed_channels(person):
            self.channel_combo.addItem(choice(channel), channel)
        self.said_edit = notes_edit(self)
        self.said_edit.setPlaceholderText(self.tr("What you told them, in a few words (no names)"))
        form = new_form()
        self.add_row(form, self.tr("&Told on:"), self.told_edit, self.tr("Told on"), "told_on")
        self.add_row(form, self.tr("&How:"), self.channel_combo, self.tr("Channel"), "channel")
        self.add_row(
            form,
            self.tr("&What was said:"),
            self.said_edit,
            self.tr("What was said"),
            "what_was_said",
        )
        self.body.addLayout(form)
        self.setMinimumWidth(min(READABLE_WIDTH, DIALOG_WIDTH))
        self.said_edit.setFocus()

    def _language(self, language: str) -> str:
        return (
            QCoreApplication.translate("Choices", language) if language else self.tr("Not recorded")
        )

    def channel(self) -> TellingChannel | None:
        value = self.channel_combo.currentData()
        return TellingChannel(value) if value is not None else None

    def work(self) -> Callable[[], object]:
        actions, action_id = self._services.actions, self.action_id
        participant_id = self.person.participant_id
        told_on = from_qdate(self.told_edit.date())
        channel = self.channel() or TellingChannel.IN_PERSON
        said = self.said_edit.toPlainText()
        return lambda: actions.record_told(action_id, participant_id, told_on, channel, said)

    def draft_identity(self) -> dict[str, Any]:
        return {
            "dialog": "told",
            "action_id": self.action_id,
            "participant_id": self.person.participant_id,
        }

    def input_state(self) -> dict[str, Any]:
        channel = self.channel()
        return {
            "told_on": from_qdate(self.told_edit.date()).isoformat(),
            "channel": channel.value if channel is not None else None,
            "what_was_said": self.said_edit.toPlainText(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        told_on = date_or_none(state.get("told_on"))
        if told_on is not None:
            self.told_edit.setDate(to_qdate(told_on))
        channel = state.get("channel")
        if channel in {c.value for c in TellingChannel}:
            choose(self.channel_combo, TellingChannel(channel))
        self.said_edit.setPlainText(str(state.get("what_was_said", "")))
