"""The Service recovery area on a real vault: open a case by keyboard, add a step, try to
close it without an outcome (refused, nothing lost), close it, record who was told,
reopen it; the list's filters, days open (a long-open case marked in words) and the
timeliness line; a form kept across a lock."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from sec_desktop.domain.action_enums import RecoveryStatus
from sec_desktop.domain.enums import PartnerType
from sec_desktop.services.partners import ContactDetails, PartnerDetails
from sec_desktop.services.recovery_records import RecoveryDetails
from sec_desktop.ui.participant_fields import choose
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.recovery_case_dialog import RecoveryCaseDialog
from sec_desktop.ui.recovery_close_dialog import RecoveryCloseDialog, RecoveryToldDialog
from sec_desktop.ui.recovery_step_dialog import RecoveryStepDialog
from sec_desktop.ui.service_recovery_area import ServiceRecoveryArea
from tests.records import TODAY
from tests.ui.test_participant_dialog import assert_keyboard_complete, message_under


@pytest.fixture
def writer(qtbot) -> RecordWriter:
    return RecordWriter()


@pytest.fixture
def partner(services) -> tuple[int, int]:
    partner_id = services.partners.add(
        PartnerDetails("Gwent IDVA Service", PartnerType.IDVA_SERVICE)
    )
    contact_id = services.partners.add_contact(partner_id, ContactDetails("Alex Rees", "IDVA"))
    return partner_id, contact_id


@pytest.fixture
def area(qtbot, services, writer) -> ServiceRecoveryArea:
    widget = ServiceRecoveryArea()
    qtbot.addWidget(widget)
    widget.resize(1180, 720)
    widget.show()
    qtbot.waitExposed(widget)
    widget.attach(services, writer)
    return widget


def shot(widget, name: str, tmp_path: Path) -> None:
    """A screenshot to look at: into $SEC_SHOTS if set (for review), else the test's folder."""
    folder = Path(os.environ.get("SEC_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()  # layouts settle first (a row shown or hidden)
    assert widget.grab().save(str(folder / f"{name}.png"))


def press(qtbot, widget, key=Qt.Key.Key_Space) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key)


def saved(qtbot, writer, area, key_widget) -> None:
    """Enter in a one-line field saves (the default button); wait for the write."""
    with qtbot.waitSignal(writer.written, timeout=10000):
        press(qtbot, key_widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: area.dialog is None)


def open_by_keyboard(qtbot, writer, area, partner, tmp_path) -> None:
    """Ctrl+N, the form filled by keyboard, Enter to save."""
    partner_id, contact_id = partner
    QTest.keyClick(area, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = area.dialog
    assert isinstance(dialog, RecoveryCaseDialog)
    assert_keyboard_complete(qtbot, dialog)
    assert "never their name" in " ".join(
        lbl.text() for lbl in dialog.findChildren(type(area.list.empty_label))
    )
    press(qtbot, dialog.partner_combo, Qt.Key.Key_Down)
    assert dialog.partner_combo.currentData() == partner_id
    press(qtbot, dialog.contact_combo, Qt.Key.Key_Down)
    assert dialog.contact_combo.currentData() == contact_id
    dialog.pseudonym_edit.setFocus()
    QTest.keyClicks(dialog.pseudonym_edit, "IDVA ref 2231")
    dialog.concern_edit.setFocus()
    QTest.keyClicks(dialog.concern_edit, "No update on bail conditions for three weeks.")
    dialog.department_edit.setFocus()
    QTest.keyClicks(dialog.department_edit, "Public Protection Unit")
    shot(dialog, "recovery-case-dialog", tmp_path)
    saved(qtbot, writer, area, dialog.department_edit)


def test_open_and_close_a_case_by_keyboard(  # noqa: PLR0917 (fixtures)
    qtbot, services, writer, area, partner, tmp_path
) -> None:
    open_by_keyboard(qtbot, writer, area, partner, tmp_path)

    # The new case is opened at once.
    record = area.view.record
    assert record is not None and record.status is RecoveryStatus.OPEN
    assert area.stack.currentWidget() is area.view
    assert "IDVA ref 2231" in area.view.title_label.text()
    assert area.view.values["raised_by"].text() == "Alex Rees, Gwent IDVA Service"

    press(qtbot, area.view.add_step_button)
    step = area.dialog
    assert isinstance(step, RecoveryStepDialog)
    QTest.keyClicks(step.note_edit, "Raised with the PPU duty inspector.")
    saved(qtbot, writer, area, step.on_field.edit)
    assert area.view.steps_table.rowCount() == 1

    # Closing needs an outcome: refused first, with the message under the field.
    press(qtbot, area.view.close_button)
    closing = area.dialog
    assert isinstance(closing, RecoveryCloseDialog)
    press(qtbot, closing.closed_field.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not closing.busy)
    assert closing.isVisible()
    assert message_under(closing, "outcome")
    assert services.recovery.record(record.id).status is RecoveryStatus.OPEN
    QTest.keyClicks(closing.outcome_edit, "Bail conditions explained; OIC now calls weekly.")
    saved(qtbot, writer, area, closing.closed_field.edit)
    closed = services.recovery.record(record.id)
    assert closed.status is RecoveryStatus.CLOSED and closed.closed_on == TODAY
    assert area.view.reopen_button.isVisible() and not area.view.close_button.isVisible()
    assert "Bail conditions explained" in area.view.values["outcome"].text()

    # The survivor was told (the partner not yet).
    press(qtbot, area.view.told_button)
    told = area.dialog
    assert isinstance(told, RecoveryToldDialog)
    press(qtbot, told.survivor_field.none_check)
    saved(qtbot, writer, area, told.survivor_field.edit)
    after = services.recovery.record(record.id)
    assert after.survivor_told_on == TODAY and after.partner_told_on is None
    assert area.view.values["partner_told"].text() == "Not yet"
    shot(area, "recovery-case", tmp_path)

    # Reopened, and back to the list with Escape.
    with qtbot.waitSignal(writer.written, timeout=10000):
        press(qtbot, area.view.reopen_button)
    qtbot.waitUntil(area.view.close_button.isVisible)
    assert services.recovery.record(record.id).status is RecoveryStatus.OPEN
    area.activateWindow()
    qtbot.waitUntil(area.isActiveWindow)
    press(qtbot, area.view.back_button, Qt.Key.Key_Escape)
    assert area.stack.currentWidget() is area.list_area
    assert area.list.selected_id() == record.id


def test_list_filters_days_open_and_timeliness(qtbot, services, area, partner, tmp_path) -> None:
    partner_id, contact_id = partner
    recovery = services.recovery
    old = recovery.open_case(
        RecoveryDetails(
            TODAY - timedelta(days=40),
            "Not referred to ISVA.",
            partner_id,
            contact_id,
            "ISVA-77",
            department="Criminal Investigation",
        )
    )
    recent = recovery.open_case(
        RecoveryDetails(
            TODAY - timedelta(days=3),
            "Rude call handler.",
            partner_id,
            contact_id,
            "IDVA-12",
            department="Contact centre",
        )
    )
    done = recovery.open_case(
        RecoveryDetails(
            TODAY - timedelta(days=20),
            "Property not returned.",
            partner_id,
            contact_id,
            "IDVA-31",
            department="Property store",
        )
    )
    recovery.close(done, TODAY - timedelta(days=10), "Property returned with an apology.")
    area.reload()
    table = area.table
    assert table.rowCount() == 3
    texts = {table.item(r, 3).text(): table.item(r, 6).text() for r in range(table.rowCount())}
    assert texts["ISVA-77"] == "40 \u2014 long open"
    assert texts["IDVA-12"] == "3"
    assert texts["IDVA-31"] == "10"  # closed: not marked
    line = area.list.timeliness_label.text()
    assert line == (
        "Open now: 2 \u00b7 days open, oldest: 40 \u00b7 closed this year: 1 \u00b7 "
        "median days open: 10 (longest 10)"
    )

    choose(area.list.status_combo, RecoveryStatus.CLOSED)
    assert table.rowCount() == 1 and table.item(0, 3).text() == "IDVA-31"
    area.list.status_combo.setCurrentIndex(0)
    area.list.department_edit.setText("contact")
    assert table.rowCount() == 1 and table.item(0, 3).text() == "IDVA-12"
    area.list.department_edit.clear()
    assert table.rowCount() == 3
    shot(area, "recovery-list", tmp_path)
    assert {old, recent} <= {table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(3)}

    # Enter on a row opens the case.
    area.list.select(old)
    press(qtbot, table, Qt.Key.Key_Return)
    assert area.stack.currentWidget() is area.view and area.view.record.id == old


def test_a_form_survives_a_lock(qtbot, services, writer, area, partner) -> None:
    partner_id, contact_id = partner
    case_id = services.recovery.open_case(
        RecoveryDetails(TODAY, "Missed call-back.", partner_id, contact_id, "IDVA-5")
    )
    area.reload()
    assert area.open_case(case_id)
    step = area.add_step()
    QTest.keyClicks(step.note_edit, "Emailed the sergeant.")
    state = area.take_draft()
    area.detach()
    assert area.view.record is None and area.table.rowCount() == 0
    area.attach(services, writer)
    area.restore_draft(state)
    again = area.dialog
    assert isinstance(again, RecoveryStepDialog) and again.case_id == case_id
    assert again.note_edit.toPlainText() == "Emailed the sergeant."
