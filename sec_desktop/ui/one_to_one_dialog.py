"""Recording a one-to-one (or editing one): when, by which channel, with whom, and whether
it was given directly or through an IDVA or ISVA on the survivor's behalf.

The survivor may be someone on the roster (chosen by code, through the same eligibility
check as every attendee) or nobody at all: an anonymous survivor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from sec_desktop.domain.engagement_enums import EngagementKind, OneToOneChannel
from sec_desktop.services.engagement_records import EngagementRecord, OneToOneDetails
from sec_desktop.services.errors import RecordError
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.engagement_form import (
    TEXT_LENGTH,
    AttendeesColumn,
    EngagementDialog,
    refusal_text,
)
from sec_desktop.ui.participant_fields import choice_combo, choose, line_edit, note_label
from sec_desktop.ui.participant_view import subheading
from sec_desktop.ui.record_writer import RecordWriter

DRAFT_KEY = "engagement_one_to_one"
DIALOG_WIDTH = 960


class OneToOneDialog(EngagementDialog):
    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: EngagementRecord | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, writer, DRAFT_KEY, record, parent)
        self.setObjectName("oneToOneDialog")
        self.setWindowTitle(
            self.tr("Record a one-to-one") if record is None else self.tr("Edit one-to-one")
        )
        self.channel_combo = choice_combo(self, list(OneToOneChannel))
        self.via_combo = QComboBox(self)
        self.via_combo.addItem(self.tr("Directly, by the survivor"), None)
        for contact_id, name in services.engagements.partner_contacts():
            self.via_combo.addItem(name, contact_id)
        self.topic_edit = line_edit(self, TEXT_LENGTH)
        self.topic_edit.setPlaceholderText(self.tr("Optional: what it was about"))
        self.survivor = AttendeesColumn(self, self.tr("The sur&vivor"), single=True)
        self.picker = self.survivor.picker
        self.picker.chosen.setAccessibleName(self.tr("The survivor"))
        self.anonymous_note = note_label(
            self.tr(
                "Leave this empty for an anonymous survivor. Adding someone else replaces "
                "the person chosen."
            ),
            self,
        )
        self._build()
        self.picker.set_candidates(
            services.engagements.attendee_candidates(EngagementKind.ONE_TO_ONE)
        )
        if record is not None:
            self._show(record)
        self.session.date_field.setFocus()

    def _build(self) -> None:
        s, add, form = self.session, self.add_row, self.form
        add(form, self.tr("&Date:"), s.date_field, None, "held_on")
        add(form, self.tr("Start ti&me:"), s.time_field, None, "starts_at")
        add(form, self.tr("&Channel:"), self.channel_combo, self.tr("Channel"), "channel")
        add(
            form,
            self.tr("&Given through:"),
            self.via_combo,
            self.tr("Given directly or through a partner"),
            "via_partner_contact",
            note=self.tr("An IDVA or ISVA giving it on the survivor's behalf."),
        )
        add(form, self.tr("T&opic:"), self.topic_edit, self.tr("Topic"), "topic")
        self.add_follow_up_and_notes(form)
        s.leave_out(s.format_combo, s.venue_edit, s.facilitator_edit, s.support_edit)
        left = QVBoxLayout()
        left.addWidget(subheading(self.tr("The conversation"), self))
        left.addLayout(form)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.survivor, 1)
        right.addWidget(self.anonymous_note)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.body.addLayout(columns, 1)
        self.setMinimumWidth(DIALOG_WIDTH)

    def _show(self, record: EngagementRecord) -> None:
        details = record.one_to_one_details()
        self.session.show(record)
        choose(self.channel_combo, details.channel)
        if details.via_partner_contact_id is not None:
            if self.via_combo.findData(details.via_partner_contact_id) < 0:
                # A contact of a partner no longer active: still the one on record.
                self.via_combo.addItem(record.via_partner_contact, details.via_partner_contact_id)
            choose(self.via_combo, details.via_partner_contact_id)
        self.topic_edit.setText(details.topic)
        self.picker.set_chosen(
            [(a.participant, a.confidentiality_explained) for a in record.attendees]
        )

    def details(self) -> OneToOneDetails:
        s = self.session
        chosen = self.picker.choices()
        return OneToOneDetails(
            held_on=s.held_on(self.today),
            channel=OneToOneChannel(self.channel_combo.currentData()),
            participant_id=chosen[0].participant_id if chosen else None,
            via_partner_contact_id=self.via_combo.currentData(),
            confidentiality_explained=chosen[0].confidentiality_explained if chosen else False,
            starts_at=s.time_field.value(),
            topic=self.topic_edit.text(),
            wellbeing_follow_up=s.follow_up_check.isChecked(),
            notes=s.notes_edit.toPlainText(),
        )

    def work(self) -> Callable[[], object]:
        details = self.details()
        service, engagement_id = self._services.engagements, self.engagement_id
        if engagement_id is None:
            return lambda: service.record_one_to_one(details)
        return lambda: service.update_one_to_one(engagement_id, details)

    def after_errors(self, error: RecordError | None) -> None:
        text = refusal_text(self, error)
        if text is not None:
            self.general_error.setText(text)

    def input_state(self) -> dict[str, Any]:
        return {
            **self.session.state(),
            "channel": OneToOneChannel(self.channel_combo.currentData()).value,
            "via_partner_contact_id": self.via_combo.currentData(),
            "topic": self.topic_edit.text(),
            "attendees": self.picker.state(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        self.session.restore(state)
        if state.get("channel") in {m.value for m in OneToOneChannel}:
            choose(self.channel_combo, OneToOneChannel(state["channel"]))
        choose(self.via_combo, state.get("via_partner_contact_id"))
        self.topic_edit.setText(str(state.get("topic", "")))
        self.picker.restore(state.get("attendees"))
