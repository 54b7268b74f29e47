"""The Roster area inside the running app: records appear on unlock and vanish on lock,
and a half-typed new participant survives a lock."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from sec_desktop.app import Application
from sec_desktop.domain.enums import ConsentMethod, ConsentPurpose, ContactChannel
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.participant_records import ParticipantDetails, SafeContactRules
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.participant_dialog import ParticipantDialog
from sec_desktop.ui.roster_area import RosterArea
from sec_desktop.vault.vault import Unlock
from tests.risk_data import assess
from tests.ui.conftest import TEST_PASSPHRASE

NAME = "Morwenna Example"


def roster_area(application: Application) -> RosterArea:
    area = application.window.page("roster")
    assert isinstance(area, RosterArea)
    return area


def model_texts(area: RosterArea) -> list[str]:
    model = area.roster_page.model
    return [
        str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]


def unlock(application: Application, qtbot) -> None:
    with qtbot.waitSignal(application.session.unlocked, timeout=20000):
        application.session.unlock(Unlock(passphrase=TEST_PASSPHRASE))


def test_records_appear_on_unlock_and_leave_on_lock(application: Application, qtbot) -> None:
    vault = application.session.vault
    assert vault is not None
    RecordServices.over(vault).roster.add(ParticipantDetails(name=NAME))
    application.gate.lock()
    unlock(application, qtbot)
    area = roster_area(application)
    application.window.go_to("roster")
    assert any(NAME in text for text in model_texts(area))
    area.open_participant(area.roster_page.first_participant_id() or 0)
    assert area.participants.currentWidget() is area.participant_page
    application.gate.lock()
    # Nothing of the record is left in the models or on the participant page.
    assert not any(NAME in text for text in model_texts(area))
    assert area.participant_page.participant_id is None
    assert area.participants.currentWidget() is area.roster_page


def test_a_half_typed_participant_survives_a_lock(application: Application, qtbot) -> None:
    application.window.go_to("roster")
    area = roster_area(application)
    dialog = area.add_participant()
    assert isinstance(dialog, ParticipantDialog)
    dialog.name_edit.setText(NAME)
    application.gate.lock()
    assert area.dialog is None
    unlock(application, qtbot)
    restored = area.dialog
    assert isinstance(restored, ParticipantDialog)
    assert restored.name_edit.text() == NAME
    # Saving it now adds them, and the page opens on them.
    with qtbot.waitSignal(application.writer.written, timeout=20000):
        restored.save()
    assert area.participant_page.participant_id is not None
    assert area.participants.currentWidget() is area.participant_page


def test_the_invitations_tab_opens_a_persons_record(application: Application, qtbot) -> None:
    vault = application.session.vault
    assert vault is not None
    services = RecordServices.over(vault)
    ref = services.roster.add(
        ParticipantDetails(name=NAME),
        SafeContactRules(channels=frozenset({ContactChannel.TEXT}), phone="07700 900123"),
    )
    services.consent.give(
        ref.id, ConsentGiven(ConsentPurpose.CONTACT, date.today(), ConsentMethod.VERBAL)
    )
    assess(services, ref.id)
    application.window.go_to("roster")
    area = roster_area(application)
    area.tabs.setCurrentWidget(area.invitations)
    area.invitations.reload()
    assert area.invitations.candidate_codes() == [ref.code]
    assert not area.invitations.open_button.isEnabled()
    area.invitations.candidates.setCurrentRow(0)
    assert area.invitations.open_button.isEnabled()
    area.invitations.open_button.click()
    assert area.tabs.currentWidget() is area.participants
    assert area.participant_page.participant_id == ref.id
