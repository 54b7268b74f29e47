"""Erasing a record from the participant page: confirmed by typing the code, audited."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from sec_desktop.services.participant_records import ParticipantDetails
from sec_desktop.ui.participant_page import ParticipantPage
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.vault import audit


@pytest.fixture
def page(qtbot, services):
    page = ParticipantPage()
    qtbot.addWidget(page)
    writer = RecordWriter()
    page.attach(services, writer)
    page.writer = writer
    return page


def test_erasing_needs_the_code_typed_and_removes_the_record(
    qtbot, page, services, records_vault
) -> None:
    ref = services.roster.add(ParticipantDetails(name="Ffion Example"))
    assert page.show_participant(ref.id)
    dialog = page.erase_record()
    assert dialog is not None
    assert not dialog.erase_button.isEnabled()
    dialog.code_edit.setText("S-0002")
    assert not dialog.erase_button.isEnabled()
    dialog.code_edit.setText("s-0001")
    assert dialog.erase_button.isEnabled()
    with (
        qtbot.waitSignal(page.back_requested, timeout=10000),
        qtbot.waitSignal(page.writer.written, timeout=10000),
    ):
        dialog.erase_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.roster.rows() == []
    with records_vault.engine.connect() as connection:
        last = audit.rows(connection)[-1]
    assert (last.event, last.detail) == ("participant erased", "S-0001")


def test_cancelling_erases_nothing(qtbot, page, services) -> None:
    ref = services.roster.add(ParticipantDetails(name="Ffion Example"))
    page.show_participant(ref.id)
    dialog = page.erase_record()
    assert dialog is not None
    dialog.code_edit.setText("S-0001")
    dialog.reject()
    assert [row.code for row in services.roster.rows()] == ["S-0001"]
