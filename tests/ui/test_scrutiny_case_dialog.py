"""The scrutiny case dialog on a real vault: filled by keyboard alone (timeline and rights
included) and read back; refusals shown where they belong with the input kept (the crime
reference under its field, a timeline problem under its row); the configured format; and
a draft bringing back every field."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QRadioButton,
    QTabBar,
    QWidget,
)

from sec_desktop.domain.engagement_enums import Panel, TermKind, VictimsRight
from sec_desktop.services.participant_records import ParticipantDetails
from sec_desktop.services.scrutiny_records import CaseDetails, MeetingDetails, TimelineEntry
from sec_desktop.ui.case_rights_editor import MET, NOT_JUDGED, NOT_MET
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.scrutiny_case_dialog import ScrutinyCaseDialog
from tests.ui.test_participant_dialog import (
    FIELD_TYPES,
    assert_labels_have_buddies,
    message_under,
    save_accepted,
    save_refused,
    show,
    tab_walk,
)

COURT = "Court (plea, trial, verdict, sentence)"


@pytest.fixture
def meeting(services):
    meeting_id = services.scrutiny.record_meeting(MeetingDetails(Panel.RASSO, date(2026, 12, 9)))
    return services.scrutiny.meeting(meeting_id)


def open_dialog(qtbot, services, writer, meeting, case=None) -> ScrutinyCaseDialog:
    dialog = show(qtbot, ScrutinyCaseDialog(services, writer, meeting, case))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def fields_shown(root: QWidget) -> list[QWidget]:
    """What Tab must reach as shown now: as in the participant dialog's tests, and an
    editable combo counts once (its text box is part of it)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, FIELD_TYPES) or not widget.isVisible():
            continue
        if not widget.isEnabled() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parentWidget(), QAbstractSpinBox | QComboBox
        ):
            continue
        if isinstance(widget, QTabBar):
            continue
        if isinstance(widget, QRadioButton) and not widget.isChecked():
            continue
        found.append(widget)
    return found


def assert_keyboard_complete(qtbot, dialog: ScrutinyCaseDialog) -> None:
    """Every field on every tab is reached by Tab from the tab bar, and named."""
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        reached = tab_walk(dialog.tabs.tabBar())
        missing = [w for w in fields_shown(dialog) if w not in reached]
        assert not missing, [f"{type(w).__name__} {w.accessibleName()!r}" for w in missing]
        assert not [type(w).__name__ for w in reached if not w.accessibleName()]
    dialog.tabs.setCurrentIndex(0)


def focused():
    return QApplication.focusWidget()


def type_into_focus(text: str) -> None:
    QTest.keyClicks(focused(), text)


def key(key_code, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key_code, modifier)


def leave_date(edit) -> None:
    """Tab moves through a date's day, month and year before it leaves the date."""
    for _ in range(4):
        if focused() is not edit:
            return
        key(Qt.Key.Key_Tab)
    raise AssertionError("Tab never left the date")


def fill_case_tab(dialog: ScrutinyCaseDialog, code: str) -> None:
    dialog.reference_edit.setFocus()
    type_into_focus("gw/7700123/26")
    key(Qt.Key.Key_Tab)
    type_into_focus("Rape")
    key(Qt.Key.Key_Tab)
    type_into_focus("Outcome 15")  # completed from the outcome codes offered
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Space)  # contacted
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Space)  # agreed
    key(Qt.Key.Key_Tab)
    type_into_focus(code.lower())
    key(Qt.Key.Key_Tab)
    type_into_focus("Was an ISVA offered at first contact?")


def fill_timeline_tab(qtbot, dialog: ScrutinyCaseDialog) -> None:
    # The timeline: Alt+J shows the tab, Alt+E adds an entry and moves to its date.
    key(Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)
    key(Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.timeline.row_count() == 1)  # a mnemonic clicks shortly
    assert focused() is dialog.timeline.row(0).date_edit
    key(Qt.Key.Key_Down)  # a day earlier than today
    leave_date(dialog.timeline.row(0).date_edit)
    type_into_focus("verdict")  # type-ahead anywhere in the name
    qtbot.waitUntil(lambda: dialog.timeline.row(0).stage_combo.completer().popup().isVisible())
    QTest.keyClick(dialog.timeline.row(0).stage_combo.completer().popup(), Qt.Key.Key_Down)
    QTest.keyClick(dialog.timeline.row(0).stage_combo.completer().popup(), Qt.Key.Key_Return)
    key(Qt.Key.Key_Tab)
    type_into_focus("Trial date moved twice")


def fill_rights_tab(dialog: ScrutinyCaseDialog) -> None:
    # The rights: Alt+G shows the tab; Tab reaches each right's choice; Left changes it.
    key(Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    first = dialog.rights.radios[VictimsRight.UNDERSTAND]
    assert focused() is first[NOT_JUDGED]
    key(Qt.Key.Key_Left)
    key(Qt.Key.Key_Left)  # met
    key(Qt.Key.Key_Tab)
    assert focused() is dialog.rights.radios[VictimsRight.RECORDED][NOT_JUDGED]
    key(Qt.Key.Key_Left)  # not met
    assert dialog.rights.choice(VictimsRight.UNDERSTAND) == MET
    assert dialog.rights.choice(VictimsRight.RECORDED) == NOT_MET


def test_a_case_filled_by_keyboard_alone_is_kept_with_its_timeline_and_rights(
    qtbot, services, meeting
) -> None:
    code = services.roster.add(ParticipantDetails(name="Nerys Pembridge-Hale")).code
    writer = RecordWriter()
    dialog = open_dialog(qtbot, services, writer, meeting)
    assert dialog.windowTitle() == "Add case"
    assert_labels_have_buddies(dialog)

    fill_case_tab(dialog, code)
    fill_timeline_tab(qtbot, dialog)
    fill_rights_tab(dialog)
    with qtbot.waitSignal(writer.written, timeout=10000):
        key(Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert not dialog.isVisible()

    (row,) = services.scrutiny.meeting(meeting.id).cases
    details = services.scrutiny.case(row.id).details
    assert details.crime_reference == "GW/7700123/26"
    assert (details.offence_type, details.outcome) == (
        "Rape",
        "Outcome 15: evidential difficulties, victim supports action",
    )
    assert (details.victim_contacted, details.victim_agreed, details.participant_code) == (
        True,
        True,
        code,
    )
    assert details.questions == "Was an ISVA offered at first contact?"
    (entry,) = details.timeline
    assert (entry.on, entry.stage_name, entry.note) == (
        date(2026, 11, 24),
        COURT,
        "Trial date moved twice",
    )
    assert details.rights == {VictimsRight.UNDERSTAND: True, VictimsRight.RECORDED: False}


def test_refusals_are_shown_where_they_belong_and_the_input_is_kept(
    qtbot, services, meeting
) -> None:
    writer = RecordWriter()
    dialog = open_dialog(qtbot, services, writer, meeting)
    dialog.reference_edit.setText("GW-7700123-26")
    dialog.reference_edit.editingFinished.emit()
    expected = (
        "This is not a crime reference in your force's format: it should look like GW/012345/26."
    )
    assert message_under(dialog, "crime_reference") == expected  # said as soon as it is left
    dialog.timeline.add_entry()
    dialog.timeline.add_entry().note_edit.setText("No stage chosen")
    dialog.timeline.row(0).stage_combo.setEditText("Court")  # partial: not a stage
    dialog.rights.set_rights({VictimsRight.VPS: False})
    typed = dialog.take_draft()

    save_refused(qtbot, dialog)
    assert message_under(dialog, "crime_reference") == expected
    assert dialog.focusWidget() is dialog.reference_edit
    assert dialog.tabs.tabText(1) == "&Journey timeline (check this)"
    for index in (0, 1):
        error = dialog.timeline.row(index).error
        assert not error.isHidden()
        assert error.text() == "Journey stage: Choose the stage of the journey."
    assert dialog.general_error.isHidden()
    assert dialog.take_draft() == typed
    assert services.scrutiny.meeting(meeting.id).cases == ()

    # Only the timeline wrong now: its tab comes forward, the first row's stage focused.
    dialog.reference_edit.setText("GW/7700123/26")
    save_refused(qtbot, dialog)
    assert dialog.tabs.currentIndex() == 1
    assert dialog.focusWidget() is dialog.timeline.row(0).stage_combo

    dialog.timeline.row(0).stage_combo.setEditText(COURT.upper())
    dialog.timeline.remove_entry(1)
    save_accepted(qtbot, dialog, writer)
    (row,) = services.scrutiny.meeting(meeting.id).cases
    assert [e.stage_name for e in services.scrutiny.case(row.id).details.timeline] == [COURT]


def test_the_configured_format_is_the_one_asked_for(qtbot, services, meeting) -> None:
    services.scrutiny.references.set_format(r"[0-9]{2}/[0-9]{6}", "26/004512")
    dialog = open_dialog(qtbot, services, RecordWriter(), meeting)
    assert dialog.reference_edit.placeholderText() == "26/004512"
    dialog.reference_edit.setText("GW/012345/26")
    save_refused(qtbot, dialog)
    assert message_under(dialog, "crime_reference").endswith("it should look like 26/004512.")


def test_editing_shows_the_case_and_a_draft_brings_back_every_field(
    qtbot, services, meeting
) -> None:
    stages = {t.name: t.id for t in services.taxonomy.terms(TermKind.STAGE)}
    kept = CaseDetails(
        "GW/000123/26",
        "Sexual assault",
        "Outcome 1: charged or summonsed",
        timeline=(TimelineEntry(date(2026, 5, 2), stages[COURT], "Guilty plea"),),
        rights={VictimsRight.VPS: True, VictimsRight.COMPLAIN: False},
        victim_contacted=True,
        questions="None",
    )
    record = services.scrutiny.case(services.scrutiny.save_case(meeting.id, kept))
    dialog = open_dialog(qtbot, services, RecordWriter(), meeting, record)
    assert dialog.windowTitle() == "Edit case"
    assert dialog.details() == kept
    assert_keyboard_complete(qtbot, dialog)
    assert not dialog.agreed_check.isChecked() and dialog.agreed_check.isEnabled()
    dialog.contacted_check.setChecked(False)
    assert not dialog.agreed_check.isEnabled()
    dialog.timeline.add_entry().stage_combo.setEditText("half typed")
    state = dialog.take_draft()

    again = open_dialog(qtbot, services, RecordWriter(), meeting, record)
    again.restore_draft(state)
    assert again.take_draft() == state
    assert again.timeline.row(1).stage_combo.currentText() == "half typed"
