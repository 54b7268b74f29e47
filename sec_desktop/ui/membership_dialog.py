"""Joining a group (the Survivor Network, the Victim Reference Group, the staff forum) and
leaving one. Joining needs current consent for that group: the dialog says whether they
have it before anything is saved, and the service refuses if not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from sec_desktop.domain.enums import GROUP_CONSENT, Group
from sec_desktop.services.participant_records import MembershipRecord, ParticipantRecord
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.participant_fields import (
    DateField,
    choose,
    date_or_none,
    grow_across,
    line_edit,
    new_form,
    note_label,
    shown_date,
)
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.widgets import ErrorLabel

JOIN_DRAFT_KEY = "participant_join"
LEAVE_DRAFT_KEY = "participant_leave"
DIALOG_WIDTH = 560


def _choice(member: Any) -> str:
    return QCoreApplication.translate("Choices", member.label)


def joinable(record: ParticipantRecord) -> list[Group]:
    """The groups they are not in now."""
    return [group for group in Group if group not in record.active_groups()]


class JoinGroupDialog(RecordDialog):
    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: ParticipantRecord,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, JOIN_DRAFT_KEY, parent)
        self.setObjectName("joinGroupDialog")
        self.setWindowTitle(self.tr("Join a group: {code}").format(code=record.ref.code))
        self._services = services
        self._record = record

        # The group and, under it, whether the consent it needs is in place.
        group_box = QWidget(self)
        self.group_combo = QComboBox(group_box)
        for group in joinable(record):
            self.group_combo.addItem(_choice(group), group)
        self.consent_note = note_label("", group_box)
        self.no_consent_note = ErrorLabel(group_box)
        self.no_consent_note.setWordWrap(True)
        column = QVBoxLayout(group_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.group_combo, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.consent_note)
        column.addWidget(self.no_consent_note)
        group_box.setFocusProxy(self.group_combo)
        grow_across(group_box)
        self.joined_field = DateField(self.tr("Joined on"), services.today(), self)
        self.role_edit = line_edit(self, 80)
        self.role_edit.setPlaceholderText(self.tr("For example: co-chair (optional)"))

        form = new_form()
        self.group_combo.setAccessibleName(self.tr("Group"))
        label = self.add_row(form, self.tr("&Group:"), group_box, None)
        label.setBuddy(self.group_combo)
        self.add_row(form, self.tr("&Joined on:"), self.joined_field, None, "joined_on")
        self.add_row(form, self.tr("&Role:"), self.role_edit, self.tr("Role"), "role")
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.setMinimumWidth(DIALOG_WIDTH)

        self.group_combo.currentIndexChanged.connect(lambda _i: self._update_consent())
        self._update_consent()
        self.group_combo.setFocus()

    @property
    def participant_id(self) -> int:
        return self._record.ref.id

    def group(self) -> Group | None:
        data = self.group_combo.currentData()
        return Group(data) if data is not None else None

    def _update_consent(self) -> None:
        """Say whether the consent this group needs is in place."""
        group = self.group()
        self.save_button.setEnabled(group is not None)
        if group is None:
            self.consent_note.hide()
            self.no_consent_note.hide()
            return
        purpose = GROUP_CONSENT[group]
        has = self._record.has_consent(purpose, self._services.today())
        if has:
            self.consent_note.setText(
                self.tr("They have given current consent to: {purpose}.").format(
                    purpose=_choice(purpose)
                )
            )
        else:
            self.no_consent_note.setText(
                self.tr(
                    "There is no current consent to: {purpose}. Record their consent first, "
                    "on the Consent tab."
                ).format(purpose=_choice(purpose))
            )
        self.consent_note.setVisible(has)
        self.no_consent_note.setVisible(not has)

    def work(self) -> Callable[[], object]:
        service, participant_id = self._services.groups, self._record.ref.id
        group = self.group() or Group.NETWORK
        joined = self.joined_field.value() or self._services.today()
        role = self.role_edit.text()
        return lambda: service.join(participant_id, group, joined, role)

    def input_state(self) -> dict[str, Any]:
        group, joined = self.group(), self.joined_field.value()
        return {
            "participant_id": self._record.ref.id,
            "group": group.value if group else None,
            "joined_on": joined.isoformat() if joined else None,
            "role": self.role_edit.text(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        choose(self.group_combo, state.get("group"))
        joined = date_or_none(state.get("joined_on"))
        if joined is not None:
            self.joined_field.set_value(joined)
        self.role_edit.setText(str(state.get("role", "")))


class LeaveGroupDialog(RecordDialog):
    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: ParticipantRecord,
        membership: MembershipRecord,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, LEAVE_DRAFT_KEY, parent)
        self.setObjectName("leaveGroupDialog")
        self.setWindowTitle(self.tr("Leave a group: {code}").format(code=record.ref.code))
        self._services = services
        self._participant_id = record.ref.id
        self._membership_id = membership.id

        summary = note_label(
            self.tr("Leaving the {group}, which they joined on {date}.").format(
                group=_choice(membership.group), date=shown_date(membership.joined_on)
            ),
            self,
        )
        self.left_field = DateField(self.tr("Left on"), services.today(), self)
        self.reason_edit = line_edit(self, 200)
        self.reason_edit.setPlaceholderText(self.tr("Optional. Only what they are happy to share"))
        form = new_form()
        self.add_row(form, self.tr("Left &on:"), self.left_field, None, "left_on")
        self.add_row(form, self.tr("&Reason:"), self.reason_edit, self.tr("Reason"), "left_reason")
        self.body.addWidget(summary)
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.save_button.setText(self.tr("&Leave group"))
        self.save_button.setAccessibleName(self.tr("Leave group"))
        self.setMinimumWidth(DIALOG_WIDTH)
        self.left_field.setFocus()

    @property
    def participant_id(self) -> int:
        return self._participant_id

    @property
    def membership_id(self) -> int:
        return self._membership_id

    def work(self) -> Callable[[], object]:
        service, participant_id, membership_id = (
            self._services.groups,
            self._participant_id,
            self._membership_id,
        )
        left = self.left_field.value() or self._services.today()
        reason = self.reason_edit.text()
        return lambda: service.leave(participant_id, membership_id, left, reason)

    def input_state(self) -> dict[str, Any]:
        left = self.left_field.value()
        return {
            "participant_id": self._participant_id,
            "membership_id": self._membership_id,
            "left_on": left.isoformat() if left else None,
            "left_reason": self.reason_edit.text(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        left = date_or_none(state.get("left_on"))
        if left is not None:
            self.left_field.set_value(left)
        self.reason_edit.setText(str(state.get("left_reason", "")))
