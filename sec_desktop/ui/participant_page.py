"""One participant, in full: a contact screen, so their name is shown here (never in the
window title). The header gives their code, name, pronouns and status; the tabs hold the
profile, the safe contact rules (shown before any contact detail), consents,
communication and equality, their history, and their risk assessments (the wizard opens
from there).

Every change goes through a dialog; after each write the record is read again and
`record_changed` tells the roster to reload. A dialog left open at lock time is kept as
an encrypted draft and opened again, as typed, after unlocking.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from sec_desktop.services.errors import NotFound, RecordError
from sec_desktop.services.participant_activity import ParticipantActivity
from sec_desktop.services.participant_records import ConsentRecord, ParticipantRecord
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.communication_dialog import CommunicationDialog
from sec_desktop.ui.communication_tab import CommunicationTab
from sec_desktop.ui.consent_dialog import ConsentDialog, WithdrawConsentDialog
from sec_desktop.ui.consent_review_dialog import ReviewConsentDialog
from sec_desktop.ui.consent_tab import ConsentTab
from sec_desktop.ui.development_tab import DevelopmentTab
from sec_desktop.ui.erase_dialog import EraseParticipantDialog
from sec_desktop.ui.form_errors import error_text
from sec_desktop.ui.membership_dialog import JoinGroupDialog, LeaveGroupDialog
from sec_desktop.ui.participant_dialog import ParticipantDialog
from sec_desktop.ui.participant_history import HistoryTab
from sec_desktop.ui.participant_tabs import ProfileTab, SafeContactTab
from sec_desktop.ui.participant_view import button, choice, value_label
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.risk_tab import RiskTab
from sec_desktop.ui.risk_wizard import RiskWizard
from sec_desktop.ui.safe_contact_dialog import SafeContactDialog
from sec_desktop.ui.widgets import heading_label

DRAFT_KEY = "participant"
# A form open over the page: a record dialog, or the risk assessment wizard.
_Dialog = TypeVar("_Dialog", bound=RecordDialog | RiskWizard)


class ParticipantPage(QWidget):
    back_requested = Signal()
    record_changed = Signal(int)
    # ("feedback" or "engagement", its id), chosen in the history: opened in its own area.
    open_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("participantPage")
        self.setAccessibleName(self.tr("Participant"))
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._record: ParticipantRecord | None = None
        self._dialog: RecordDialog | RiskWizard | None = None

        self.back_button = button(self.tr("&Back to roster"), self.tr("Back to roster"), self)
        self.back_button.setToolTip(self.tr("Back to the roster (Alt+Left or Escape)"))
        self.erase_button = button(self.tr("&Erase record…"), self.tr("Erase record"), self)
        self.erase_button.setObjectName("eraseRecord")
        self.code_label = heading_label("", self)
        self.code_label.setObjectName("participantCode")
        self.code_label.setWordWrap(False)
        self.name_label = heading_label("", self)
        self.name_label.setObjectName("participantName")
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label = value_label(self)
        self.summary_label.setObjectName("participantSummary")
        self.message_label = value_label(self)
        self.message_label.hide()

        self.profile = ProfileTab(self)
        self.safe_contact = SafeContactTab(self)
        self.consent = ConsentTab(self)
        self.communication = CommunicationTab(self)
        self.history = HistoryTab(self)
        self.history.open_requested.connect(self.open_requested)
        self.risk = RiskTab(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("participantTabs")
        self.tabs.setAccessibleName(self.tr("Parts of the record"))
        self.tabs.tabBar().setAccessibleName(self.tr("Parts of the record"))
        self.tabs.addTab(self.profile, self.tr("&Profile"))
        self.tabs.addTab(self.safe_contact, self.tr("&Safe contact"))
        self.tabs.addTab(self.consent, self.tr("C&onsent"))
        self.tabs.addTab(self.communication, self.tr("Communicatio&n and equality"))
        self.tabs.addTab(self.history, self.tr("&History"))
        self.tabs.addTab(self.risk, self.tr("Ris&k"))
        self.development = DevelopmentTab(self)
        self.tabs.addTab(self.development, self.tr("&Development"))

        self._build_layout()
        self._connect()
        # Focus given to the page goes to the tabs: arrows then move between them.
        self.setFocusProxy(self.tabs)
        self.detach()

    def _build_layout(self) -> None:
        title_row = QHBoxLayout()
        title_row.setSpacing(16)
        title_row.addWidget(self.code_label)
        title_row.addWidget(self.name_label, 1)
        top_row = QHBoxLayout()
        top_row.addWidget(self.back_button)
        top_row.addStretch(1)
        top_row.addWidget(self.erase_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 20)
        layout.setSpacing(8)
        layout.addLayout(top_row)
        layout.addLayout(title_row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.tabs, 1)

    def _connect(self) -> None:
        self.back_button.clicked.connect(self.back_requested)
        self.erase_button.clicked.connect(self.erase_record)
        # Alt+Left and Escape, and the platform's own "back" if it is another key (each
        # once: two shortcuts on one key would be ambiguous, and neither would fire).
        keys = {"Alt+Left": QKeySequence("Alt+Left"), "Esc": QKeySequence(Qt.Key.Key_Escape)}
        for sequence in QKeySequence.keyBindings(QKeySequence.StandardKey.Back):
            keys.setdefault(sequence.toString(), sequence)
        for sequence in keys.values():
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.back_requested)
        self.profile.edit_button.clicked.connect(self.edit_details)
        self.profile.join_button.clicked.connect(self.join_group)
        # With None (the chosen row): `clicked` would pass `checked` for the id otherwise.
        self.profile.leave_button.clicked.connect(lambda: self.leave_group(None))
        self.safe_contact.edit_button.clicked.connect(self.edit_safe_contact)
        self.consent.give_button.clicked.connect(self.record_consent)
        self.consent.review_button.clicked.connect(lambda: self.review_consent(None))
        self.consent.review_requested.connect(self.review_consent)
        self.consent.withdraw_button.clicked.connect(lambda: self.withdraw_consent(None))
        self.communication.edit_button.clicked.connect(self.edit_communication)
        self.risk.new_button.clicked.connect(self.open_risk_wizard)

    # --- RecordPage -----------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self._services, self._writer = services, writer

    def detach(self) -> None:
        """Drop the services and clear every view: nothing of the records stays on screen."""
        if self._dialog is not None:
            self._dialog.reject()
        self._services, self._writer = None, None
        self._show(None)
        self.message_label.clear()
        self.message_label.hide()
        self.tabs.setCurrentIndex(0)

    # --- showing --------------------------------------------------------------------------

    @property
    def record(self) -> ParticipantRecord | None:
        return self._record

    @property
    def participant_id(self) -> int | None:
        """Who is shown, if anyone."""
        return self._record.ref.id if self._record is not None else None

    def tab_count(self) -> int:
        return self.tabs.count()

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    def show_named_tab(self, name: str) -> None:
        """The Risk or Consent tab (what the Today page's items are about)."""
        tabs = {"risk": self.risk, "consent": self.consent}
        if name in tabs:
            self.tabs.setCurrentWidget(tabs[name])

    @property
    def dialog(self) -> RecordDialog | RiskWizard | None:
        """The dialog open now, if any."""
        return self._dialog

    def show_participant(self, participant_id: int) -> bool:
        """Load and show one participant; False if they are not in the vault (any more)."""
        if self._services is None:
            return False
        if self._record is None or self._record.ref.id != participant_id:
            self.tabs.setCurrentIndex(0)
        try:
            record = self._services.roster.record(participant_id)
            activity = self._services.activity.of(participant_id)
        except NotFound as gone:
            self._show(None)
            self.message_label.setText(error_text(gone))
            self.message_label.show()
            return False
        self.message_label.hide()
        self._show(record, activity)
        return True

    def reload(self) -> None:
        if self._record is not None:
            self.show_participant(self._record.ref.id)

    def _show(
        self, record: ParticipantRecord | None, activity: ParticipantActivity | None = None
    ) -> None:
        self._record = record
        self.tabs.setVisible(record is not None)
        if record is None:
            for label in (self.code_label, self.name_label, self.summary_label):
                label.clear()
            self.profile.show_record(None, "", self._today())
            self.safe_contact.show_record(None)
            self.consent.show_record(None, self._today())
            self.communication.show_record(None)
            self.history.show_record(None)
            self.risk.show_record(None, None)
            self.development.show_record(None, None, None)
            return
        details = record.details
        self.code_label.setText(record.ref.code)
        self.name_label.setText(details.name)
        status = choice(details.status)
        self.summary_label.setText(
            self.tr("Pronouns: {pronouns} \u00b7 Status: {status}").format(
                pronouns=details.pronouns, status=status
            )
            if details.pronouns
            else self.tr("Status: {status}").format(status=status)
        )
        today = self._today()
        self.profile.show_record(record, self._partner_name(record), today)
        self.safe_contact.show_record(record)
        self.consent.show_record(record, today)
        self.communication.show_record(record)
        self.history.show_record(record, activity)
        self.risk.show_record(record.ref.id, self._services)
        self.development.show_record(record.ref.id, self._services, self._writer)

    def _today(self) -> date:
        return self._services.today() if self._services is not None else date.min

    def _partner_name(self, record: ParticipantRecord) -> str:
        partner_id = record.details.referral_partner_id
        if partner_id is None or self._services is None:
            return ""
        try:
            return self._services.partners.record(partner_id).details.name
        except NotFound:
            return self.tr("A partner no longer in the directory")

    # --- dialogs ----------------------------------------------------------------------------

    def _open_for(
        self, make: Callable[[RecordServices, RecordWriter, ParticipantRecord], _Dialog | None]
    ) -> _Dialog | None:
        """Open the dialog `make` builds for the record shown, unless one is open already."""
        if self._services is None or self._writer is None or self._record is None:
            return None
        if self._dialog is not None:
            return None
        dialog = make(self._services, self._writer, self._record)
        return self._open(dialog) if dialog is not None else None

    def edit_details(self) -> ParticipantDialog | None:
        return self._open_for(lambda s, w, r: ParticipantDialog(s, w, r, parent=self))

    def edit_safe_contact(self) -> SafeContactDialog | None:
        return self._open_for(lambda s, w, r: SafeContactDialog(s, w, r, parent=self))

    def edit_communication(self) -> CommunicationDialog | None:
        return self._open_for(lambda s, w, r: CommunicationDialog(s, w, r, parent=self))

    def record_consent(self) -> ConsentDialog | None:
        return self._open_for(lambda s, w, r: ConsentDialog(s, w, r, parent=self))

    def withdraw_consent(self, consent_id: int | None = None) -> WithdrawConsentDialog | None:
        def make(
            s: RecordServices, w: RecordWriter, r: ParticipantRecord
        ) -> WithdrawConsentDialog | None:
            consent = self._current_consent(r, consent_id)
            return WithdrawConsentDialog(s, w, r, consent, parent=self) if consent else None

        return self._open_for(make)

    def review_consent(self, consent_id: int | None = None) -> ReviewConsentDialog | None:
        def make(
            s: RecordServices, w: RecordWriter, r: ParticipantRecord
        ) -> ReviewConsentDialog | None:
            consent = self._current_consent(r, consent_id)
            return ReviewConsentDialog(s, w, r, consent, parent=self) if consent else None

        return self._open_for(make)

    def _current_consent(
        self, record: ParticipantRecord, consent_id: int | None
    ) -> ConsentRecord | None:
        """The consent asked for, or else the one chosen in the table, if not withdrawn."""
        chosen = self.consent.selected_consent() if consent_id is None else None
        wanted = consent_id if consent_id is not None else (chosen.id if chosen else None)
        consent = next((c for c in record.consents if c.id == wanted), None)
        return consent if consent is not None and consent.withdrawn_on is None else None

    def open_risk_wizard(self) -> RiskWizard | None:
        return self._open_for(lambda s, w, r: RiskWizard(s, w, r.ref.id, parent=self))

    def join_group(self) -> JoinGroupDialog | None:
        return self._open_for(lambda s, w, r: JoinGroupDialog(s, w, r, parent=self))

    def leave_group(self, membership_id: int | None = None) -> LeaveGroupDialog | None:
        def make(
            s: RecordServices, w: RecordWriter, r: ParticipantRecord
        ) -> LeaveGroupDialog | None:
            chosen = self.profile.selected_membership() if membership_id is None else None
            wanted = membership_id if membership_id is not None else (chosen.id if chosen else None)
            membership = next((m for m in r.memberships if m.id == wanted), None)
            if membership is None or not membership.active:
                return None
            return LeaveGroupDialog(s, w, r, membership, parent=self)

        return self._open_for(make)

    def _open(self, dialog: _Dialog) -> _Dialog:
        self._dialog = dialog
        dialog.saved.connect(lambda _result: self._written())
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: RecordDialog | RiskWizard) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()

    def _written(self) -> None:
        record = self._record
        if record is None:
            return
        self.reload()
        self.record_changed.emit(record.ref.id)

    def erase_record(self) -> EraseParticipantDialog | None:
        """Erase the record shown, once the SEC has typed its code to confirm."""
        record, services, writer = self._record, self._services, self._writer
        if record is None or services is None or writer is None or self._dialog is not None:
            return None
        dialog = EraseParticipantDialog(record.ref.code, self)
        participant_id = record.ref.id

        def erased(_code: object) -> None:
            dialog.done(QDialog.DialogCode.Accepted)
            self.record_changed.emit(participant_id)
            self.back_requested.emit()

        def refused(error: RecordError) -> None:
            dialog.erase_button.setEnabled(True)
            dialog.show_error(error_text(error))

        dialog.erase_requested.connect(
            lambda: writer.write(lambda: services.roster.erase(participant_id), erased, refused)
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # --- Draftable: a dialog's input survives a lock ----------------------------------------

    def draft_key(self) -> str:
        return DRAFT_KEY

    def take_draft(self) -> Any:
        dialog = self._dialog
        development = self.development.take_draft() if self._record is not None else None
        if development is not None and self._record is not None:
            return {"participant_id": self._record.ref.id, "development": development}
        # A dialog being saved is not kept: restored, it could be saved a second time.
        if dialog is None or not dialog.isVisible() or dialog.busy or self._record is None:
            return None
        return {
            "participant_id": self._record.ref.id,
            "dialog": dialog.draft_key(),
            "input": dialog.take_draft(),
        }

    def restore_draft(self, state: Any) -> None:
        if not isinstance(state, dict) or self._services is None:
            return
        participant_id = state.get("participant_id")
        if not isinstance(participant_id, int) or not self.show_participant(participant_id):
            return
        if isinstance(state.get("development"), dict):
            self.development.restore_draft(state["development"])
            return
        saved = state.get("input")
        saved = saved if isinstance(saved, dict) else {}
        openers: dict[str, Callable[[], RecordDialog | RiskWizard | None]] = {
            "participant_details": self.edit_details,
            "participant_safe_contact": self.edit_safe_contact,
            "participant_communication": self.edit_communication,
            "participant_consent": self.record_consent,
            "participant_consent_withdrawal": lambda: self.withdraw_consent(
                _int(saved.get("consent_id"))
            ),
            "participant_consent_review": lambda: self.review_consent(
                _int(saved.get("consent_id"))
            ),
            "participant_join": self.join_group,
            "participant_leave": lambda: self.leave_group(_int(saved.get("membership_id"))),
            "participant_risk_assessment": self.open_risk_wizard,
        }
        opener = openers.get(str(state.get("dialog")))
        dialog = opener() if opener is not None else None
        if dialog is not None:
            dialog.restore_draft(saved)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None
