"""The Roster area: the participants (the table, and one participant's page) and the
invitations to join the Survivor Network and the Victim Reference Group.

It passes the open vault's services to its screens, moves between them, and keeps an
add or edit form open across a lock: the form's input is sealed as a draft with this
area's, and the form comes back, filled in, after unlocking.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.invitations_panel import InvitationsPanel
from sec_desktop.ui.participant_dialog import ParticipantDialog
from sec_desktop.ui.participant_page import ParticipantPage
from sec_desktop.ui.record_page import SelfTestView
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.roster_page import RosterPage

DRAFT_KEY = "roster_area"


class RosterArea(QWidget):
    # ("feedback" or "engagement", its id), from a participant's history.
    open_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_roster_area")
        self.setAccessibleName(self.tr("Roster"))
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._dialog: ParticipantDialog | None = None

        self.roster_page = RosterPage(self)
        self.participant_page = ParticipantPage(self)
        self.invitations = InvitationsPanel(self)
        self.participants = QStackedWidget(self)
        self.participants.setObjectName("participantsStack")
        self.participants.addWidget(self.roster_page)
        self.participants.addWidget(self.participant_page)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("rosterTabs")
        self.tabs.setAccessibleName(self.tr("Roster views"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.participants, self.tr("&Participants"))
        self.tabs.addTab(self.invitations, self.tr("&Invitations"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.tabs)

        self.roster_page.participant_opened.connect(self.open_participant)
        self.roster_page.add_requested.connect(self.add_participant)
        self.roster_page.print_requested.connect(self._print)
        self.participant_page.back_requested.connect(self.back_to_roster)
        self.participant_page.open_requested.connect(self.open_requested)
        self.invitations.participant_opened.connect(self.open_participant)

    # --- RecordPage -------------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self._services = services
        self._writer = writer
        for page in (self.roster_page, self.participant_page, self.invitations):
            page.attach(services, writer)

    def detach(self) -> None:
        if self._dialog is not None:
            self._dialog.reject()
            self._dialog = None
        for page in (self.roster_page, self.participant_page, self.invitations):
            page.detach()
        self.participants.setCurrentWidget(self.roster_page)
        self._services = None
        self._writer = None

    # --- moving between screens ----------------------------------------------------------------

    @property
    def dialog(self) -> ParticipantDialog | None:
        return self._dialog

    def open_participant(self, participant_id: int, tab: str | None = None) -> None:
        """Show their page (on the tab named, "risk" or "consent", if one is)."""
        if not self.participant_page.show_participant(participant_id):
            self.roster_page.reload()  # erased meanwhile: the roster no longer lists them
            return
        self.tabs.setCurrentWidget(self.participants)
        self.participants.setCurrentWidget(self.participant_page)
        if tab is not None:
            self.participant_page.show_named_tab(tab)
        self.participant_page.setFocus()

    def back_to_roster(self) -> None:
        shown = self.participant_page.participant_id
        self.participants.setCurrentWidget(self.roster_page)
        if shown is not None:
            self.roster_page.select_participant(shown)
        self.roster_page.setFocus()

    def add_participant(self) -> ParticipantDialog | None:
        if self._services is None or self._writer is None or self._dialog is not None:
            return None
        dialog = ParticipantDialog(self._services, self._writer, parent=self)
        dialog.saved.connect(self._on_added)
        dialog.finished.connect(self._on_dialog_finished)
        self._dialog = dialog
        dialog.open()
        return dialog

    def _on_added(self, result: object) -> None:
        # At once, so the new person can be selected (the screens refresh themselves too).
        self.roster_page.reload()
        participant_id = getattr(result, "id", None)
        if isinstance(participant_id, int):
            self.roster_page.select_participant(participant_id)
            self.open_participant(participant_id)

    def _on_dialog_finished(self, _result: int) -> None:
        # Deleted, not just hidden: a closed form must not keep what was typed in it.
        if self._dialog is not None:
            self._dialog.deleteLater()
        self._dialog = None

    def _print(self, participant_ids: list[int]) -> None:
        if self._services is None or self._writer is None:
            return
        # Imported when asked for: reportlab is slow to load, and the unlock screen is not.
        from sec_desktop.ui.roster_print_dialog import confirm_and_print_roster  # noqa: PLC0415

        confirm_and_print_roster(
            self,
            self._services,
            self._writer,
            participant_ids,
            self.roster_page.filter_description(),
        )

    # --- Draftable: the add form survives a lock -----------------------------------------------

    def draft_key(self) -> str:
        return DRAFT_KEY

    def take_draft(self) -> Any:
        state: dict[str, Any] = {}
        if self.participants.currentWidget() is self.participant_page:
            state["participant"] = self.participant_page.participant_id
        # A form being saved is not kept: restored, it could be saved a second time.
        adding = self._dialog
        if adding is not None and adding.participant_id is None and not adding.busy:
            state["adding"] = adding.take_draft()
        participant_dialog = self.participant_page.take_draft()
        if participant_dialog is not None:
            state["participant_dialog"] = participant_dialog
        invitations = self.invitations.take_draft()
        if invitations is not None:
            state["invitations"] = invitations
        return state or None

    def restore_draft(self, state: Any) -> None:
        if not isinstance(state, dict):
            return
        participant_id = state.get("participant")
        if isinstance(participant_id, int):
            self.open_participant(participant_id)
        dialog_state = state.get("participant_dialog")
        if isinstance(dialog_state, dict) and isinstance(dialog_state.get("participant_id"), int):
            self.open_participant(dialog_state["participant_id"])
            self.participant_page.restore_draft(dialog_state)
        adding = state.get("adding")
        if adding is not None:
            dialog = self.add_participant()
            if dialog is not None:
                dialog.restore_draft(adding)
        if state.get("invitations") is not None:
            self.invitations.restore_draft(state["invitations"])

    # --- self-test --------------------------------------------------------------------------

    def self_test_views(self) -> list[SelfTestView]:
        """The participant page (each tab) and the invitations, on the first participant."""
        views: list[SelfTestView] = []
        window = self.window()
        first = self.roster_page.first_participant_id()
        if first is not None:
            views.append(("participant", window, lambda: self.open_participant(first)))
            for index in range(1, self.participant_page.tab_count()):
                show = partial(self.participant_page.show_tab, index)
                views.append((f"participant_tab{index + 1}", window, show))
        views.append(("invitations", window, self._show_invitations))
        return views

    def _show_invitations(self) -> None:
        self.back_to_roster()
        self.tabs.setCurrentWidget(self.invitations)
