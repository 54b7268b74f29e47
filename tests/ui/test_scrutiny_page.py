"""The scrutiny panels page on a real vault: meetings newest first and by panel, a meeting
with its cases and the victim's feedback (a disclosure's text never shown), opening a
meeting or a case from elsewhere, recording a meeting by keyboard, deleting with the
reasons said, a dialog kept across a lock; and the crime reference format in Settings."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from sec_desktop.domain.engagement_enums import FeedbackSource, Panel, VictimsRight
from sec_desktop.services.crime_reference import DEFAULT_FORMAT, CrimeReferenceFormat
from sec_desktop.services.disclosures import AtRisk, MinimumFacts
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.scrutiny_records import CaseDetails, MeetingDetails
from sec_desktop.ui import scrutiny_page
from sec_desktop.ui.crime_reference_settings import CrimeReferenceSettings
from sec_desktop.ui.participant_fields import choose
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.scrutiny_case_dialog import ScrutinyCaseDialog
from sec_desktop.ui.scrutiny_meeting_dialog import ScrutinyMeetingDialog
from tests.records import TODAY
from tests.ui.test_participant_dialog import (
    assert_keyboard_complete,
    assert_labels_have_buddies,
    message_under,
    save_accepted,
    save_refused,
)


@pytest.fixture
def writer(qtbot):
    return RecordWriter()


@pytest.fixture
def page(qtbot, services, writer):
    page = scrutiny_page.ScrutinyPage()
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    page.attach(services, writer)
    return page


@pytest.fixture
def meetings(services):
    """An older DA meeting, a RASSO one, and the newest DA one with two cases, the first
    with the victim's feedback (one item of it a disclosure)."""
    scrutiny = services.scrutiny
    older = scrutiny.record_meeting(MeetingDetails(Panel.DA, date(2026, 5, 6), venue="Newport"))
    rasso = scrutiny.record_meeting(MeetingDetails(Panel.RASSO, date(2026, 9, 9), venue="Online"))
    newest = scrutiny.record_meeting(MeetingDetails(Panel.DA, date(2026, 12, 3), venue="HQ"))
    first = scrutiny.save_case(
        newest,
        CaseDetails(
            "GW/0451207/26",
            "Stalking",
            "Outcome 16",
            rights={VictimsRight.VPS: False, VictimsRight.UNDERSTAND: True},
            victim_contacted=True,
            victim_agreed=True,
        ),
    )
    second = scrutiny.save_case(newest, CaseDetails("GW/0451999/26", "Harassment"))
    said = services.feedback.add(
        FeedbackDraft(TODAY, FeedbackSource.ANONYMOUS, case_id=first, summary="Nobody rang back.")
    )
    told = services.feedback.add(
        FeedbackDraft(TODAY, FeedbackSource.ANONYMOUS, case_id=first, summary="SECRET-TEXT")
    )
    services.disclosures.flag(told, MinimumFacts("Assault", "Last year", "Home", AtRisk.NO))
    return {
        "older": older,
        "rasso": rasso,
        "newest": newest,
        "cases": (first, second),
        "said": said,
    }


def cells(table) -> list[list[str]]:
    model = table.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_meetings_by_panel_and_the_meeting_with_its_cases_and_feedback(
    qtbot, page, meetings
) -> None:
    page.reload()
    shown = cells(page.meetings_table)
    ids = [page.meetings_model.row_at(i).id for i in range(3)]
    assert ids == [meetings["newest"], meetings["rasso"], meetings["older"]]
    assert [(row[1], row[2], row[3]) for row in shown] == [
        ("DA", "HQ", "2"),
        ("RASSO", "Online", "0"),
        ("DA", "Newport", "0"),
    ]
    detail = page.detail
    assert detail.title_label.text() == "DA panel, 3 Dec 2026"
    cases = cells(detail.cases_table)
    assert [row[0] for row in cases] == ["GW/0451207/26", "GW/0451999/26"]
    assert cases[0][3:] == ["Agreed to give feedback", "1 met, 1 not met", "2"]
    assert cases[1][3:] == ["Not contacted", "Not judged yet", "0"]

    feedback = cells(detail.feedback_table)
    assert sorted(row[2] for row in feedback) == [
        "A disclosure: what was said is shown only in its own record.",
        "Nobody rang back.",
    ]
    assert "SECRET-TEXT" not in str(cells(detail.feedback_table))
    detail.cases_table.setCurrentIndex(detail.cases_model.index(1, 0))
    assert cells(detail.feedback_table) == []
    assert detail.feedback_label.text().endswith("none recorded yet.")

    choose(page.panel_combo, Panel.RASSO)
    assert [row[1] for row in cells(page.meetings_table)] == ["RASSO"]
    assert detail.title_label.text().startswith("RASSO panel")

    # Opened from elsewhere: the filter gives way; a case opens in its dialog.
    assert page.open_meeting(meetings["older"])
    assert page.panel_combo.currentData() is None
    assert detail.title_label.text() == "DA panel, 6 May 2026"
    dialog = page.open_case(meetings["cases"][1])
    assert isinstance(dialog, ScrutinyCaseDialog)
    assert dialog.reference_edit.text() == "GW/0451999/26"
    assert page.selected_meeting_id() == meetings["newest"]
    dialog.reject()

    page.detach()
    assert page.meetings_model.rowCount() == 0
    assert detail.cases_model.rowCount() == detail.feedback_model.rowCount() == 0
    assert detail.currentIndex() == 0
    assert not page.new_button.isEnabled()


def test_a_meeting_is_recorded_by_keyboard_refused_without_its_panel_and_edited(
    qtbot, page, services, writer
) -> None:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    assert page.detail.placeholder.text().startswith("No meetings yet")
    page.meetings_table.setFocus()
    QTest.keyClick(page.meetings_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, ScrutinyMeetingDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.panel_combo)
    assert_labels_have_buddies(dialog)
    assert_keyboard_complete(qtbot, dialog)
    dialog.venue_edit.setText("Police HQ")
    typed = dialog.take_draft()
    save_refused(qtbot, dialog)
    assert message_under(dialog, "panel") == "Choose the panel: DA or RASSO."
    assert dialog.take_draft() == typed
    QTest.keyClick(dialog.panel_combo, Qt.Key.Key_Down)  # Domestic abuse (DA)
    save_accepted(qtbot, dialog, writer)

    (row,) = services.scrutiny.meetings()
    assert (row.panel, row.venue, row.held_on) == (Panel.DA, "Police HQ", TODAY)
    assert page.selected_meeting_id() == row.id
    qtbot.waitUntil(lambda: page.dialog is None)
    QTest.keyClick(page.meetings_table, Qt.Key.Key_Return)  # Enter edits the meeting
    edit = page.dialog
    assert isinstance(edit, ScrutinyMeetingDialog) and edit.meeting_id == row.id
    edit.notes_edit.setPlainText("Moved online")
    save_accepted(qtbot, edit, writer)
    assert services.scrutiny.meeting(row.id).details.notes == "Moved online"
    assert page.detail.notes_label.text() == "Moved online"


def test_deleting_asks_first_and_says_why_when_it_cannot(
    qtbot, page, writer, meetings, monkeypatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(scrutiny_page, "confirm", lambda _p, title, _t: asked.append(title) or True)
    page.reload(meetings["newest"])
    with qtbot.waitSignal(writer.busy_changed, check_params_cb=lambda busy: not busy):
        page.detail.delete_button.click()
    assert page.message.is_error()
    assert page.message.text().startswith("This meeting still has cases (2).")
    with qtbot.waitSignal(writer.busy_changed, check_params_cb=lambda busy: not busy):
        page.delete_case()  # the first case: its victim's feedback would be lost
    assert "feedback is recorded on this case (2)" in page.message.text()

    page.detail.cases_table.setFocus()
    page.detail.cases_table.setCurrentIndex(page.detail.cases_model.index(1, 0))
    with qtbot.waitSignal(writer.written):
        QTest.keyClick(page.detail.cases_table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.detail.cases_model.rowCount() == 1)
    assert page.message.text() == "The case was deleted."
    assert asked == ["Delete meeting", "Delete case", "Delete case"]

    monkeypatch.setattr(scrutiny_page, "confirm", lambda *_a: False)
    page.delete_case()
    assert not writer.busy
    assert page.detail.cases_model.rowCount() == 1


def test_victim_feedback_is_added_with_the_capture_form_for_the_case(qtbot, page, meetings) -> None:
    page.reload(meetings["newest"], meetings["cases"][0])
    page.detail.add_feedback_button.click()
    dialog = page.dialog
    assert dialog is not None and dialog.case_id == meetings["cases"][0]
    dialog.reject()
    qtbot.waitUntil(lambda: page.dialog is None)


def test_no_victim_feedback_can_be_added_unless_the_victim_agreed(qtbot, page, meetings) -> None:
    detail = page.detail
    button, note = detail.add_feedback_button, detail.add_feedback_note
    page.reload(meetings["newest"], meetings["cases"][1])  # not contacted, so not agreed
    why = (
        "The victim of this case has not agreed to give feedback. If they have agreed, "
        "record that on the case first (Edit case)."
    )
    assert not button.isEnabled()
    assert button.toolTip() == button.accessibleDescription() == note.text() == why
    assert note.isVisible()
    assert page.add_feedback() is None and page.dialog is None
    # A draft of the capture form kept at lock does not reopen it either.
    page.restore_draft(
        {"dialog": "feedback", "meeting_id": meetings["newest"], "case_id": meetings["cases"][1]}
    )
    assert page.dialog is None

    detail.select_case(meetings["cases"][0])  # agreed
    assert button.isEnabled() and not note.isVisible()
    assert button.toolTip() == button.accessibleDescription() == ""


def test_a_case_dialog_open_at_lock_comes_back_as_typed(
    qtbot, page, services, writer, meetings
) -> None:
    page.reload(meetings["newest"], meetings["cases"][0])
    dialog = page.edit_case()
    dialog.questions_edit.setPlainText("Typed before the lock")
    dialog.rights.set_rights({VictimsRight.COMPLAIN: True})
    typed = dialog.input_state()
    draft = page.take_draft()
    page.detach()
    qtbot.waitUntil(lambda: page.dialog is None)
    page.attach(services, writer)
    page.restore_draft(draft)
    again = page.dialog
    assert isinstance(again, ScrutinyCaseDialog) and again.case_id == meetings["cases"][0]
    assert again.input_state() == typed


def test_the_crime_reference_format_is_tried_and_set_in_settings(qtbot, services, writer) -> None:
    settings = CrimeReferenceSettings()
    qtbot.addWidget(settings)
    settings.show()
    settings.attach(services, writer)
    assert (settings.pattern_edit.text(), settings.example_edit.text()) == (
        DEFAULT_FORMAT.pattern,
        DEFAULT_FORMAT.example,
    )
    assert not settings.save_button.isEnabled()  # nothing changed yet
    settings.test_edit.setText("gw/123456/26")
    assert settings.test_result.text() == "\u2714 GW/123456/26 is accepted."

    settings.pattern_edit.setText("[0-9]{2}/[0-9")
    assert "is not written right" in settings._wrapped["pattern"].error.text()
    assert not settings.save_button.isEnabled()
    assert settings.test_result.text() == "Correct the format first."
    settings.pattern_edit.setText("[0-9]{2}/[0-9]{6}")
    assert settings._wrapped["example"].error.text().startswith("The example does not match")
    settings.example_edit.setText("26/000123")
    assert settings.test_result.text().endswith("it should look like 26/000123.")
    with qtbot.waitSignal(writer.written):
        settings.save_button.click()
    assert services.scrutiny.references.format() == CrimeReferenceFormat(
        "[0-9]{2}/[0-9]{6}", "26/000123"
    )
    assert settings.feedback.text().startswith("Saved.")
    settings.detach()
    assert settings.pattern_edit.text() == "" and not settings.pattern_edit.isEnabled()
