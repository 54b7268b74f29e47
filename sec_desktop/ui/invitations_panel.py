"""Invitations to the Survivor Network and the Victim Reference Group.

Two lists: who can be invited to the chosen group now (the eligibility check passed,
not a member, not already waiting on an invitation), and every invitation waiting for a
reply, follow-ups due soonest first. This panel is outside the roster: people appear by
pseudonym code only, never by name. Someone who is not on the first list can be looked
up by code, to see why not and what would change that.
"""

from __future__ import annotations

import itertools
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.enums import INVITABLE_GROUPS, Group
from sec_desktop.services.errors import RecordError
from sec_desktop.services.participant_records import InvitationRecord, ParticipantRef
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.awaiting_table import AwaitingTable
from sec_desktop.ui.form_errors import error_text
from sec_desktop.ui.invitation_dialog import InvitationDialog, ReplyDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.roster_model import ParticipantIdRole, choice_text
from sec_desktop.ui.widgets import READABLE_WIDTH, ErrorLabel, heading_label

DRAFT_KEY = "invitations"
_Dialog = TypeVar("_Dialog", InvitationDialog, ReplyDialog)


class InvitationsPanel(QWidget):
    # Open the chosen person's own page (a contact screen): to phone them, say.
    participant_opened = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_invitations")
        self.setAccessibleName(self.tr("Invitations"))
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._dialog: InvitationDialog | ReplyDialog | None = None
        self._stale = False
        self._reloaded_for_write = False
        self._build_widgets()
        self._build_layout()
        self._connect()
        self.detach()

    def _build_widgets(self) -> None:
        self.group_combo = QComboBox(self)
        self.group_combo.setAccessibleName(self.tr("Group"))
        for group in INVITABLE_GROUPS:
            self.group_combo.addItem(choice_text(group), group)

        self.candidates = QListWidget(self)
        self.candidates.setObjectName("candidates")
        self.candidates.setAccessibleName(self.tr("Can be invited"))
        self.candidates.setUniformItemSizes(True)
        self._row_height = self.fontMetrics().height() + 10
        self.candidates_label = QLabel(self)
        self.candidates_label.setBuddy(self.candidates)
        self.candidates_note = QLabel(self)
        self.candidates_note.setWordWrap(True)
        self.invite_button = QPushButton(self.tr("Record &invitation\u2026"), self)
        self.invite_button.setAccessibleName(self.tr("Record invitation"))

        self.awaiting = AwaitingTable(self)
        self.awaiting_label = QLabel(self)
        self.awaiting_label.setBuddy(self.awaiting)
        self.reply_button = QPushButton(self.tr("Record &reply\u2026"), self)
        self.reply_button.setAccessibleName(self.tr("Record reply"))
        self.open_button = QPushButton(self.tr("&Open their record"), self)
        self.open_button.setObjectName("openRecord")
        self.open_button.setAccessibleName(self.tr("Open their record"))
        self.open_button.setToolTip(
            self.tr("Their page, with their safe contact rules and how to reach them")
        )

        self.code_edit = QLineEdit(self)
        self.code_edit.setAccessibleName(self.tr("Pseudonym code"))
        self.code_edit.setPlaceholderText(self.tr("For example: S-0042"))
        self.code_edit.setMaxLength(20)
        self.code_edit.setMinimumWidth(
            self.fontMetrics().horizontalAdvance(self.code_edit.placeholderText()) + 24
        )
        self.check_button = QPushButton(self.tr("Chec&k and invite\u2026"), self)
        self.check_button.setAccessibleName(self.tr("Check and invite"))
        self.error_label = ErrorLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

    def _build_layout(self) -> None:
        group_row = QHBoxLayout()
        group_label = QLabel(self.tr("&Group:"), self)
        group_label.setBuddy(self.group_combo)
        group_row.addWidget(group_label)
        group_row.addWidget(self.group_combo)
        group_row.addStretch(1)

        lists = QGridLayout()
        lists.setHorizontalSpacing(24)
        lists.addWidget(self.candidates_label, 0, 0)
        lists.addWidget(self.candidates, 1, 0)
        lists.addWidget(self.candidates_note, 2, 0)
        lists.addWidget(self.invite_button, 3, 0, Qt.AlignmentFlag.AlignLeft)
        lists.addWidget(self.awaiting_label, 0, 1)
        lists.addWidget(self.awaiting, 1, 1, 2, 1)
        lists.addWidget(self.reply_button, 3, 1, Qt.AlignmentFlag.AlignLeft)
        lists.setColumnStretch(0, 1)
        lists.setColumnStretch(1, 3)
        lists.setRowStretch(1, 1)

        code_row = QHBoxLayout()
        code_label = QLabel(self.tr("Not on the list? &Look up a code:"), self)
        code_label.setBuddy(self.code_edit)
        code_row.addWidget(code_label)
        code_row.addWidget(self.code_edit)
        code_row.addWidget(self.check_button)
        code_row.addStretch(1)
        code_row.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(heading_label(self.tr("Invitations"), self))
        # Say where the decision is made what the list has already checked.
        self.risk_note = QLabel(
            self.tr(
                "\u201cCan be invited\u201d checks consent, safe contact rules, status, past "
                "answers and a current risk assessment (not deferred, not past its review "
                "date)."
            ),
            self,
        )
        self.risk_note.setObjectName("riskNote")
        self.risk_note.setWordWrap(True)
        self.risk_note.setMaximumWidth(READABLE_WIDTH)
        layout.addWidget(self.risk_note)
        layout.addLayout(group_row)
        layout.addLayout(lists, 1)
        layout.addLayout(code_row)
        layout.addWidget(self.error_label)

        chain = [
            self.group_combo,
            self.candidates,
            self.invite_button,
            self.awaiting,
            self.reply_button,
            self.code_edit,
            self.check_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.group_combo.currentIndexChanged.connect(lambda _i: self._load_candidates())
        self.candidates.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.awaiting.itemSelectionChanged.connect(self._update_buttons)
        self.candidates.itemDoubleClicked.connect(lambda _item: self.record_invitation())
        self.awaiting.cellDoubleClicked.connect(lambda _r, _c: self.record_reply())
        self.candidates.installEventFilter(self)
        self.awaiting.installEventFilter(self)
        self.invite_button.clicked.connect(self.record_invitation)
        self.reply_button.clicked.connect(self.record_reply)
        self.open_button.clicked.connect(self.open_record)
        self._last_list: QWidget | None = None
        for chosen in (self.candidates, self.awaiting):
            chosen.itemSelectionChanged.connect(lambda chosen=chosen: self._chose_in(chosen))
        self.check_button.clicked.connect(self.look_up_code)
        self.code_edit.returnPressed.connect(self.look_up_code)

    # --- RecordPage -----------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        if self._writer is not None:
            self._writer.written.disconnect(self._on_written)
        self._services, self._writer = services, writer
        writer.written.connect(self._on_written)
        self.code_edit.setEnabled(True)
        self.check_button.setEnabled(True)
        # Loaded when first shown: at 15,000 participants the lists take most of a second,
        # which unlocking should not wait for.
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def detach(self) -> None:
        """Drop the services and clear every list: nothing of anyone stays on screen."""
        if self._dialog is not None:
            self._dialog.reject()
        if self._writer is not None:
            self._writer.written.disconnect(self._on_written)
        self._services, self._writer = None, None
        self._stale = self._reloaded_for_write = False
        self.candidates.clear()
        self.awaiting.clear_records()
        self.code_edit.clear()
        self.code_edit.setEnabled(False)
        self.check_button.setEnabled(False)
        self.error_label.clear()
        self.error_label.hide()
        self.candidates_label.setText(self.tr("&Can be invited"))
        self.awaiting_label.setText(self.tr("&Waiting for a reply"))
        self.candidates_note.hide()
        self._update_buttons()

    # --- loading --------------------------------------------------------------------------

    @property
    def group(self) -> Group:
        return Group(self.group_combo.currentData())

    def reload(self) -> None:
        """Fetch both lists again, keeping what was selected where it is still there."""
        if self._services is None:
            return
        self._stale = False
        self._load_candidates()
        records = self._services.groups.awaiting()
        self.awaiting.set_records(records, self._services.today())
        self.awaiting_label.setText(
            self.tr("&Waiting for a reply ({count})").format(count=len(records))
        )
        self._update_buttons()

    def _load_candidates(self) -> None:
        if self._services is None:
            return
        kept = self.selected_candidate()
        people = self._services.groups.invitation_list(self.group)
        self.candidates.clear()
        for ref in people:
            item = QListWidgetItem(ref.code, self.candidates)
            item.setData(ParticipantIdRole, ref.id)
            item.setSizeHint(QSize(0, self._row_height))
        self.candidates_label.setText(
            self.tr("&Can be invited ({count})").format(count=len(people))
        )
        self.candidates_note.setText(
            self.tr(
                "Nobody can be invited to the {group} now. People appear here once they have "
                "consented to be contacted and have safe contact rules, and are not already "
                "members or waiting on an invitation."
            ).format(group=choice_text(self.group))
        )
        self.candidates_note.setVisible(not people)
        ids = [ref.id for ref in people]
        if kept is not None and kept.id in ids:
            self.candidates.setCurrentRow(ids.index(kept.id))
        self._update_buttons()

    def selected_candidate(self) -> ParticipantRef | None:
        """The candidate of the current row (where the keyboard is)."""
        item = self.candidates.currentItem()
        if item is None:
            return None
        return ParticipantRef(int(item.data(ParticipantIdRole)), item.text())

    def selected_invitation(self) -> InvitationRecord | None:
        return self.awaiting.selected()

    def candidate_codes(self) -> list[str]:
        return [self.candidates.item(i).text() for i in range(self.candidates.count())]

    def awaiting_codes(self) -> list[str]:
        return [record.participant.code for record in self.awaiting.records]

    def _chosen_id(self) -> int | None:
        """The person chosen in the list where a choice was made last."""
        candidate, invitation = self.selected_candidate(), self.selected_invitation()
        if invitation is not None and (self._last_list is self.awaiting or candidate is None):
            return invitation.participant.id
        return candidate.id if candidate is not None else None

    def _chose_in(self, chosen: QWidget) -> None:
        self._last_list = chosen
        self._update_buttons()

    def open_record(self) -> None:
        chosen = self._chosen_id()
        if chosen is not None:
            self.participant_opened.emit(chosen)

    def _update_buttons(self) -> None:
        free = self._services is not None and self._dialog is None
        self.invite_button.setEnabled(free and self.selected_candidate() is not None)
        self.reply_button.setEnabled(free and self.selected_invitation() is not None)
        self.open_button.setEnabled(self._chosen_id() is not None)

    def _on_written(self) -> None:
        # A write anywhere (a consent withdrawn, a status changed) can change both lists.
        if self._reloaded_for_write:
            self._reloaded_for_write = False
        elif self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    # --- dialogs --------------------------------------------------------------------------

    @property
    def dialog(self) -> InvitationDialog | ReplyDialog | None:
        return self._dialog

    def record_invitation(self) -> InvitationDialog | None:
        candidate = self.selected_candidate()
        return None if candidate is None else self.invite(candidate)

    def look_up_code(self) -> InvitationDialog | None:
        if self._services is None:
            return None
        code = self.code_edit.text().strip()
        found = self._services.roster.find_by_code(code) if code else None
        if found is None:
            self._show_error(
                self.tr("No participant has the code \u201c{code}\u201d.").format(code=code)
                if code
                else self.tr("Type a pseudonym code first, for example S-0042.")
            )
            self.code_edit.setFocus()
            return None
        return self.invite(found)

    def invite(self, participant: ParticipantRef) -> InvitationDialog | None:
        """Open the invitation dialog for `participant`, showing any blockers."""
        if self._services is None or self._writer is None or self._dialog is not None:
            return None
        services = self._services
        try:
            rules = services.roster.record(participant.id).safe_contact
            blockers = services.groups.eligibility(participant.id, self.group).blockers
        except RecordError as error:
            self._show_error(error_text(error))
            self.reload()
            return None
        dialog = InvitationDialog(
            services.groups,
            self._writer,
            participant=participant,
            group=self.group,
            rules=rules,
            blockers=blockers,
            today=services.today(),
            parent=self,
        )
        return self._open(dialog)

    def record_reply(self) -> ReplyDialog | None:
        invitation = self.selected_invitation()
        if invitation is None or self._services is None or self._writer is None or self._dialog:
            return None
        dialog = ReplyDialog(
            self._services.groups,
            self._writer,
            invitation,
            today=self._services.today(),
            parent=self,
        )
        return self._open(dialog)

    def _open(self, dialog: _Dialog) -> _Dialog:
        self._show_error("")
        self._dialog = dialog
        dialog.saved.connect(self._on_saved)
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        self._update_buttons()
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: InvitationDialog | ReplyDialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()
        self._update_buttons()

    def _on_saved(self, _result: object) -> None:
        self.reload()
        self._reloaded_for_write = True  # the writer's `written` follows: no second reload
        self.code_edit.clear()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    # --- keyboard: Enter on a list opens its dialog -----------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if watched is self.candidates:
                self.record_invitation()
                return True
            if watched is self.awaiting:
                self.record_reply()
                return True
        return super().eventFilter(watched, event)

    # --- Draftable: a dialog's input survives a lock ----------------------------------------

    def draft_key(self) -> str:
        return DRAFT_KEY

    def take_draft(self) -> Any:
        dialog = self._dialog
        if dialog is None or not dialog.isVisible():
            return None
        if isinstance(dialog, InvitationDialog):
            return {
                "dialog": "invite",
                "participant_id": dialog.participant.id,
                "code": dialog.participant.code,
                "group": dialog.group.value,
                "input": dialog.input_state(),
            }
        return {
            "dialog": "reply",
            "invitation_id": dialog.invitation.id,
            "input": dialog.input_state(),
        }

    def restore_draft(self, state: Any) -> None:
        if not isinstance(state, dict) or self._services is None:
            return
        opened: InvitationDialog | ReplyDialog | None = None
        if state.get("dialog") == "invite":
            index = self.group_combo.findData(Group(state["group"]))
            if index >= 0:
                self.group_combo.setCurrentIndex(index)
            ref = ParticipantRef(int(state["participant_id"]), str(state["code"]))
            opened = self.invite(ref)
        elif state.get("dialog") == "reply" and self.awaiting.select_invitation(
            int(state["invitation_id"])
        ):
            opened = self.record_reply()
        if opened is not None:
            opened.restore_input(dict(state.get("input", {})))
