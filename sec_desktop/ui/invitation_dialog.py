"""Recording an invitation to a group, and the reply to one.

Outside the roster, so people appear by pseudonym code only. Before an invitation is
recorded the dialog shows how the person may safely be contacted (only the channels they
allowed are offered) and, if the eligibility check blocks them, every reason with what
would unblock it: the invitation cannot be saved then. Saving runs through the
RecordWriter; a refusal leaves everything as typed, with the message beside its field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.enums import ContactChannel, Group, InvitationResponse
from sec_desktop.services.eligibility import Blocker
from sec_desktop.services.errors import RecordError
from sec_desktop.services.groups import GroupsService, Invite, NotEligible
from sec_desktop.services.participant_records import (
    InvitationRecord,
    ParticipantRef,
    SafeContactRules,
)
from sec_desktop.ui.before_you_contact import BeforeYouContactPanel
from sec_desktop.ui.form_errors import translated
from sec_desktop.ui.participant_fields import DATE_FORMAT, from_qdate, new_form, to_qdate
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.roster_model import choice_text, shown_date
from sec_desktop.ui.widgets import READABLE_WIDTH

DIALOG_WIDTH = 520
CONTEXT_LENGTH = 200
ROLE_LENGTH = 80
FOLLOW_UP_AFTER_DAYS = 14
REPLIES = (InvitationResponse.ACCEPTED, InvitationResponse.DECLINED, InvitationResponse.NO_REPLY)


def _date_edit(parent: QWidget, value: date) -> QDateEdit:
    edit = QDateEdit(to_qdate(value), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    return edit


class InvitationDialog(RecordDialog):
    """Record that `participant` was invited to join `group`."""

    def __init__(
        self,
        service: GroupsService,
        writer: RecordWriter,
        *,
        participant: ParticipantRef,
        group: Group,
        rules: SafeContactRules,
        blockers: Sequence[Blocker],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, "invite", parent)
        self.setObjectName("invitationDialog")
        self.setWindowTitle(self.tr("Record invitation"))
        self._service = service
        self.participant = participant
        self.group = group
        self.set_intro(
            self.tr("Record that {code} was invited to join the {group}.").format(
                code=participant.code, group=choice_text(group)
            )
        )

        self._blocked = False
        self.blockers_box = QGroupBox(
            self.tr("Why {code} cannot be invited now").format(code=participant.code), self
        )
        self.blockers_box.setObjectName("blockers")
        self.blockers_layout = QVBoxLayout(self.blockers_box)
        self.blocker_labels: list[QLabel] = []
        self.body.addWidget(self.blockers_box)

        # The same rules, shown the same way, as everywhere contact is made (no numbers).
        self.contact_panel = BeforeYouContactPanel(self)
        self.contact_panel.show_rules(rules)
        self.body.addWidget(self.contact_panel)

        self.invited_edit = _date_edit(self, today)
        self.invited_edit.setMaximumDate(to_qdate(today))
        self.channel_combo = QComboBox(self)
        for channel in ContactChannel:
            if channel in rules.channels:
                self.channel_combo.addItem(choice_text(channel), channel)
        self.follow_up_check = QCheckBox(self.tr("&Follow up by:"), self)
        self.follow_up_check.setAccessibleName(self.tr("Follow up if there is no reply"))
        self.follow_up_check.setToolTip(self.tr("Set a date to follow up if there is no reply"))
        self.follow_up_edit = _date_edit(self, today + timedelta(days=FOLLOW_UP_AFTER_DAYS))
        self.follow_up_edit.setMinimumDate(to_qdate(today))
        self.follow_up_edit.setEnabled(False)
        self.follow_up_check.toggled.connect(
            lambda on: self.follow_up_edit.setEnabled(on and not self._blocked)
        )
        self.context_edit = QLineEdit(self)
        self.context_edit.setMaxLength(CONTEXT_LENGTH)
        self.context_edit.setPlaceholderText(self.tr("For example: after the March focus group"))

        self.form = new_form()
        self.add_row(
            self.form,
            self.tr("&Invited on:"),
            self.invited_edit,
            self.tr("Invited on"),
            "invited_on",
        )
        self.add_row(
            self.form, self.tr("C&hannel:"), self.channel_combo, self.tr("Channel"), "channel"
        )
        self.follow_up_edit.setAccessibleName(self.tr("Follow-up date"))
        self.form.addRow(self.follow_up_check, self.register("follow_up_on", self.follow_up_edit))
        self.add_row(
            self.form,
            self.tr("C&ontext (optional):"),
            self.context_edit,
            self.tr("Context"),
            "context",
        )
        self.body.addLayout(self.form)
        self.body.addStretch(1)
        self.setMinimumWidth(min(READABLE_WIDTH, DIALOG_WIDTH))
        self.show_blockers(blockers)
        self.invited_edit.setFocus()

    def show_blockers(self, blockers: Sequence[Blocker]) -> None:
        """Every reason the check gave, each with what would unblock it; no saving then."""
        for label in self.blocker_labels:
            self.blockers_layout.removeWidget(label)
            label.deleteLater()
        self.blocker_labels = []
        for blocker in blockers:
            label = QLabel(
                self.tr("{reason}\nWhat would unblock it: {unblock}").format(
                    reason=translated(blocker.reason, blocker.values),
                    unblock=translated(blocker.unblock, blocker.values),
                ),
                self.blockers_box,
            )
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.blockers_layout.addWidget(label)
            self.blocker_labels.append(label)
        self._blocked = bool(blockers)
        self.blockers_box.setVisible(self._blocked)
        # Blocked: nothing can be saved; what was typed stays, greyed, for when it can.
        for field in (self.invited_edit, self.follow_up_check, self.context_edit):
            field.setEnabled(not blockers)
        self.follow_up_edit.setEnabled(not blockers and self.follow_up_check.isChecked())
        self.channel_combo.setEnabled(not blockers and self.channel_combo.count() > 0)
        self.save_button.setEnabled(not blockers and self.channel_combo.count() > 0)

    def blocker_texts(self) -> list[str]:
        return [label.text() for label in self.blocker_labels]

    def after_errors(self, error: RecordError | None) -> None:
        if isinstance(error, NotEligible):
            self.show_blockers(error.eligibility.blockers)

    def invite(self) -> Invite:
        return Invite(
            group=self.group,
            invited_on=from_qdate(self.invited_edit.date()),
            channel=ContactChannel(self.channel_combo.currentData()),
            follow_up_on=(
                from_qdate(self.follow_up_edit.date()) if self.follow_up_check.isChecked() else None
            ),
            context=self.context_edit.text(),
        )

    def work(self) -> Callable[[], object]:
        participant_id, invite = self.participant.id, self.invite()
        return lambda: self._service.invite(participant_id, invite)

    def input_state(self) -> dict[str, Any]:
        return {
            "invited_on": from_qdate(self.invited_edit.date()).isoformat(),
            "channel": self.channel_combo.currentData(),
            "follow_up": self.follow_up_check.isChecked(),
            "follow_up_on": from_qdate(self.follow_up_edit.date()).isoformat(),
            "context": self.context_edit.text(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        self.invited_edit.setDate(to_qdate(date.fromisoformat(state["invited_on"])))
        index = self.channel_combo.findData(state.get("channel"))
        if index >= 0:
            self.channel_combo.setCurrentIndex(index)
        self.follow_up_check.setChecked(bool(state.get("follow_up")))
        self.follow_up_edit.setDate(to_qdate(date.fromisoformat(state["follow_up_on"])))
        self.context_edit.setText(str(state.get("context", "")))


class ReplyDialog(RecordDialog):
    """Record the reply to an invitation: accepted (they join), declined, or no reply."""

    def __init__(
        self,
        service: GroupsService,
        writer: RecordWriter,
        invitation: InvitationRecord,
        *,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, "reply", parent)
        self.setObjectName("replyDialog")
        self.setWindowTitle(self.tr("Record reply"))
        self._service = service
        self.invitation = invitation
        self.set_intro(
            self.tr(
                "The reply of {code} to the invitation to join the {group} ({channel}, {date})."
            ).format(
                code=invitation.participant.code,
                group=choice_text(invitation.group),
                date=shown_date(invitation.invited_on),
                channel=choice_text(invitation.channel),
            )
        )

        self.response_buttons = QButtonGroup(self)
        response_row = QWidget(self)
        row = QHBoxLayout(response_row)
        row.setContentsMargins(0, 0, 0, 0)
        texts = {
            InvitationResponse.ACCEPTED: self.tr("&Accepted"),
            InvitationResponse.DECLINED: self.tr("&Declined"),
            InvitationResponse.NO_REPLY: self.tr("&No reply"),
        }
        self.response_radios: dict[InvitationResponse, QRadioButton] = {}
        for response in REPLIES:
            radio = QRadioButton(texts[response], response_row)
            radio.setAccessibleName(choice_text(response))
            self.response_buttons.addButton(radio)
            self.response_radios[response] = radio
            row.addWidget(radio)
        row.addStretch(1)
        self.response_radios[InvitationResponse.ACCEPTED].setChecked(True)
        response_row.setAccessibleName(self.tr("Reply"))
        response_label = QLabel(self.tr("Reply:"), self)
        response_label.setBuddy(self.response_radios[InvitationResponse.ACCEPTED])
        self.form = new_form()
        self.form.addRow(response_label, response_row)

        self.date_edit = _date_edit(self, today)
        self.date_edit.setMaximumDate(to_qdate(today))
        self.role_edit = QLineEdit(self)
        self.role_edit.setMaxLength(ROLE_LENGTH)
        self.role_edit.setPlaceholderText(self.tr("Optional, for example: co-chair"))
        self.add_row(
            self.form,
            self.tr("&Replied on:"),
            self.date_edit,
            self.tr("Replied on"),
            "responded_on",
        )
        self.role_label = self.add_row(
            self.form, self.tr("R&ole:"), self.role_edit, self.tr("Role"), "role"
        )
        self.accept_note = QLabel(
            self.tr("Accepting makes them a member; this needs their consent to membership."),
            self,
        )
        self.accept_note.setWordWrap(True)
        self.form.addRow(self.accept_note)
        self.response_buttons.buttonToggled.connect(lambda *_: self._on_response())
        self.body.addLayout(self.form)
        self.body.addStretch(1)
        self.setMinimumWidth(min(READABLE_WIDTH, DIALOG_WIDTH))
        self._on_response()
        self.response_radios[InvitationResponse.ACCEPTED].setFocus()

    def response(self) -> InvitationResponse:
        return next(r for r, radio in self.response_radios.items() if radio.isChecked())

    def choose(self, response: InvitationResponse) -> None:
        self.response_radios[response].setChecked(True)

    def _on_response(self) -> None:
        accepted = self.response() is InvitationResponse.ACCEPTED
        self.role_edit.setEnabled(accepted)
        self.accept_note.setVisible(accepted)

    def work(self) -> Callable[[], object]:
        invitation_id, response = self.invitation.id, self.response()
        on = from_qdate(self.date_edit.date())
        role = self.role_edit.text() if response is InvitationResponse.ACCEPTED else ""
        return lambda: self._service.respond(invitation_id, response, on, role)

    def input_state(self) -> dict[str, Any]:
        return {
            "response": self.response().value,
            "responded_on": from_qdate(self.date_edit.date()).isoformat(),
            "role": self.role_edit.text(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        self.choose(InvitationResponse(state["response"]))
        self.date_edit.setDate(to_qdate(date.fromisoformat(state["responded_on"])))
        self.role_edit.setText(str(state.get("role", "")))
