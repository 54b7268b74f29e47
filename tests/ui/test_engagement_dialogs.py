"""The engagement forms against a real vault: a focus group recorded entirely by keyboard,
the attendee picker refusing a blocked person and saying why, the re-check when saving,
one-to-ones, the anonymous staff forum session, the reference group's projects and
meetings, and every form's input surviving a lock (its draft)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget

from sec_desktop.domain.engagement_enums import EngagementFormat, EngagementKind, ProjectStatus
from sec_desktop.domain.risk_enums import Proceedings
from sec_desktop.services.eligibility import Eligibility
from sec_desktop.services.engagement_records import ProjectDetails
from sec_desktop.ui.attendee_picker import AttendeePicker
from sec_desktop.ui.focus_group_dialog import FocusGroupDialog
from sec_desktop.ui.one_to_one_dialog import OneToOneDialog
from sec_desktop.ui.participant_fields import choose
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.reference_meeting_dialog import ReferenceMeetingDialog
from sec_desktop.ui.reference_project_dialog import ReferenceProjectDialog
from sec_desktop.ui.staff_forum_dialog import StaffForumDialog
from tests.records import TODAY
from tests.risk_data import assess
from tests.services import test_engagements as seeded
from tests.services.test_engagements import NAMES, SEEDED
from tests.ui.test_participant_dialog import assert_keyboard_complete, assert_labels_have_buddies

# The service tests' vault with people on its roster, shared as fixtures.
people_template = seeded.people_template
people_vault = seeded.people_vault
on_roster = seeded.on_roster


@pytest.fixture
def writer(qtbot):
    return RecordWriter()


def opened(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def focused():
    return QApplication.focusWidget()


def key(code, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), code, modifier)


def alt(code) -> None:
    key(code, Qt.KeyboardModifier.AltModifier)


def typed(text: str) -> None:
    QTest.keyClicks(focused(), text)


def saved(qtbot, dialog, writer, press=lambda: alt(Qt.Key.Key_S)) -> object:
    with qtbot.waitSignal(dialog.saved, timeout=10000) as blocker:
        press()
    qtbot.waitUntil(lambda: not writer.busy)
    return blocker.args[0]


def shown_texts(root) -> str:
    texts = [label.text() for label in root.findChildren(QLabel)]
    for table in root.findChildren(QTableWidget):
        for row in range(table.rowCount()):
            texts += [
                table.item(row, c).text() for c in range(table.columnCount()) if table.item(row, c)
            ]
    if isinstance(root, (FocusGroupDialog, ReferenceMeetingDialog, OneToOneDialog)):
        texts += root.picker.match_texts()
    return "\n".join(texts)


# --- focus groups -----------------------------------------------------------------------------


def test_a_focus_group_is_recorded_with_its_attendees_by_keyboard_alone(
    qtbot, on_roster, writer
) -> None:
    dialog = opened(qtbot, FocusGroupDialog(on_roster, writer))
    assert_labels_have_buddies(dialog)
    assert_keyboard_complete(qtbot, dialog)
    dialog.title_edit.setFocus()
    typed("Reporting online")
    key(Qt.Key.Key_Tab)
    typed("The online form")
    alt(Qt.Key.Key_V)
    typed("Community room, Newport")
    alt(Qt.Key.Key_H)
    typed("Force social media")
    alt(Qt.Key.Key_I)
    typed("SEC")
    # The attendees: Alt+A reaches the search; a number and Enter adds the person.
    alt(Qt.Key.Key_A)
    assert focused() is dialog.picker.search_edit
    typed("2")
    key(Qt.Key.Key_Return)
    typed("s-0001")
    key(Qt.Key.Key_Return)
    assert dialog.picker.chosen_codes() == ["S-0002", "S-0001"]
    assert dialog.isVisible()  # Enter in the search adds: it never saves the form
    # Alt+K reaches who is taking part; Space ticks "explained", Delete takes off.
    alt(Qt.Key.Key_K)
    assert focused() is dialog.picker.chosen
    key(Qt.Key.Key_Down)  # S-0001
    key(Qt.Key.Key_Space)
    assert dialog.picker.unexplained_label.text().count("S-0002") == 1
    alt(Qt.Key.Key_U)  # wellbeing follow-up
    new_id = saved(qtbot, dialog, writer)

    record = on_roster.engagements.record(new_id)
    assert (record.kind, record.title, record.topic) == (
        EngagementKind.FOCUS_GROUP,
        "Reporting online",
        "The online form",
    )
    assert (record.venue, record.advertised_via, record.facilitator) == (
        "Community room, Newport",
        "Force social media",
        "SEC",
    )
    assert record.wellbeing_follow_up and record.held_on == TODAY
    assert [(a.participant.code, a.confidentiality_explained) for a in record.attendees] == [
        ("S-0001", True),
        ("S-0002", False),
    ]


def test_a_blocked_person_cannot_be_added_and_the_reason_is_shown(qtbot, on_roster, writer) -> None:
    dialog = opened(qtbot, FocusGroupDialog(on_roster, writer))
    picker: AttendeePicker = dialog.picker
    assert "S-0003 \u2014 cannot be added" in picker.match_texts()
    picker.search_edit.setFocus()
    typed("3")
    key(Qt.Key.Key_Return)
    assert picker.chosen_codes() == []
    why = picker.why_label.text()
    assert picker.why_label.isVisible()
    assert "S-0003 cannot be added" in why
    assert "paused their involvement" in why and "Set their status to active" in why
    assert "Record their consent to be contacted" in why
    assert not any(name in shown_texts(dialog) for name in NAMES)

    # Shown as allowed (the list was read before they were blocked): saving re-checks.
    stale = Eligibility(picker._by_id[SEEDED.paused].participant, ())
    picker.set_candidates([stale])
    picker.search_edit.setText("3")
    assert picker.add_current()
    dialog.title_edit.setText("Court waiting areas")
    dialog.session.venue_edit.setText("Newport")
    dialog.save()
    qtbot.waitUntil(dialog.general_error.isVisible, timeout=10000)
    assert dialog.isVisible()
    assert "S-0003 cannot be added as an attendee" in dialog.general_error.text()
    assert "paused their involvement" in dialog.general_error.text()
    assert on_roster.engagements.rows() == []


def test_a_planned_focus_group_takes_no_attendees_and_says_why(qtbot, on_roster, writer) -> None:
    dialog = opened(qtbot, FocusGroupDialog(on_roster, writer))
    dialog.session.date_field.set_value(TODAY + timedelta(days=14))
    assert not dialog.picker.search_edit.isEnabled()
    assert "planned for a later date" in dialog.picker.why_label.text().lower()
    dialog.session.date_field.set_value(TODAY)
    assert dialog.picker.search_edit.isEnabled()


# --- one-to-ones, staff forum -------------------------------------------------------------


def test_a_one_to_one_through_an_idva_for_an_anonymous_survivor(qtbot, on_roster, writer) -> None:
    dialog = opened(qtbot, OneToOneDialog(on_roster, writer))
    assert_labels_have_buddies(dialog)
    assert_keyboard_complete(qtbot, dialog)
    choose(dialog.via_combo, SEEDED.contact)
    assert dialog.via_combo.currentText() == "Gwenllian Ashdown-Rees, Sirhowy IDVA Service"
    dialog.session.notes_edit.setPlainText("Passed on by their IDVA.")
    new_id = saved(qtbot, dialog, writer, dialog.save)
    record = on_roster.engagements.record(new_id)
    assert record.attendees == () and record.via_partner_contact_id == SEEDED.contact

    # Named: one person at most; adding another replaces them.
    edit = opened(qtbot, OneToOneDialog(on_roster, writer, record))
    assert edit.via_combo.currentData() == SEEDED.contact
    for code in ("1", "2"):
        edit.picker.search_edit.setText(code)
        edit.picker.add_current()
    assert edit.picker.chosen_codes() == ["S-0002"]


def test_a_staff_forum_session_asks_for_a_headcount_and_nobody(qtbot, on_roster, writer) -> None:
    dialog = opened(qtbot, StaffForumDialog(on_roster, writer))
    assert_labels_have_buddies(dialog)
    assert_keyboard_complete(qtbot, dialog)
    # No way to name anyone: no attendee picker, no participant field.
    assert dialog.findChildren(AttendeePicker) == []
    assert "anonymous" in dialog.anonymous_note.text()
    choose(dialog.session.format_combo, EngagementFormat.ONLINE)
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.errors.message("headcount")), timeout=10000)
    assert "from 1 to 500" in dialog.errors.message("headcount")
    alt(Qt.Key.Key_C)  # "How many came"
    typed("9")
    new_id = saved(qtbot, dialog, writer, dialog.save)
    assert on_roster.engagements.record(new_id).headcount == 9


# --- the reference group ----------------------------------------------------------------------


def test_a_project_and_a_meeting_of_current_members(qtbot, on_roster, writer) -> None:
    project = opened(qtbot, ReferenceProjectDialog(on_roster, writer))
    assert_labels_have_buddies(project)
    assert_keyboard_complete(qtbot, project)
    project.title_edit.setText("Leaflet on pre-trial therapy")
    assert project.organisation_edit.isEnabled()
    choose(project.partner_combo, SEEDED.partner)
    assert not project.organisation_edit.isEnabled()
    choose(project.status_combo, ProjectStatus.IN_PROGRESS)
    project_id = saved(qtbot, project, writer, project.save)
    assert on_roster.engagements.project(project_id).organisation_name == "Sirhowy IDVA Service"

    meeting = opened(qtbot, ReferenceMeetingDialog(on_roster, writer, project_id=project_id))
    assert_labels_have_buddies(meeting)
    assert meeting.project_combo.currentData() == project_id
    picker = meeting.picker
    picker.search_edit.setText("1")
    assert not picker.add_current()
    assert "not a current member of the Victim Reference Group" in picker.why_label.text()
    picker.search_edit.setText("2")
    assert picker.add_current()
    meeting.session.venue_edit.setText("Police HQ, Cwmbran")
    new_id = saved(qtbot, meeting, writer, meeting.save)
    record = on_roster.engagements.record(new_id)
    assert [a.participant.code for a in record.attendees] == ["S-0002"]
    assert record.project is not None and record.project.id == project_id


def test_no_meeting_can_be_saved_before_there_is_a_project(qtbot, on_roster, writer) -> None:
    dialog = opened(qtbot, ReferenceMeetingDialog(on_roster, writer))
    assert dialog.project_combo.count() == 0
    assert dialog.no_project_note.isVisible()
    assert not dialog.save_button.isEnabled()


# --- drafts -----------------------------------------------------------------------------------


def test_every_form_keeps_its_input_across_a_lock(qtbot, on_roster, writer) -> None:
    def round_trip(make, fill) -> None:
        first = opened(qtbot, make())
        fill(first)
        state = first.take_draft()
        first.reject()
        second = opened(qtbot, make())
        second.restore_draft(state)
        assert second.input_state() == state
        second.reject()

    def focus_group(d) -> None:
        d.title_edit.setText("Court waiting areas")
        d.session.time_field.set_value(None)
        d.session.date_field.set_value(TODAY - timedelta(days=1))
        d.session.notes_edit.setPlainText("Half-finished")
        d.picker.search_edit.setText("1")
        d.picker.add_current()
        d.picker.toggle_current()

    def one_to_one(d) -> None:
        choose(d.via_combo, SEEDED.contact)
        d.picker.search_edit.setText("2")
        d.picker.add_current()

    def staff_forum(d) -> None:
        d.headcount_edit.setText("12")
        d.session.venue_edit.setText("Training room")

    def project(d) -> None:
        d.title_edit.setText("Force policy on updates")
        d.organisation_edit.setText("Health board")
        d.requested_field.set_value(None)

    keys = set()
    for make, fill in (
        (lambda: FocusGroupDialog(on_roster, writer), focus_group),
        (lambda: OneToOneDialog(on_roster, writer), one_to_one),
        (lambda: StaffForumDialog(on_roster, writer), staff_forum),
        (lambda: ReferenceProjectDialog(on_roster, writer), project),
    ):
        round_trip(make, fill)
        keys.add(make().draft_key())
    on_roster.engagements.add_project(ProjectDetails("Leaflet", organisation="Health board"))
    meeting = ReferenceMeetingDialog(on_roster, writer)
    keys.add(meeting.draft_key())
    round_trip(
        lambda: ReferenceMeetingDialog(on_roster, writer), lambda d: d.title_edit.setText("1")
    )
    assert len(keys) == 5  # one draft key per form


def test_a_pre_trial_survivor_can_be_chosen_for_a_one_to_one_but_not_a_focus_group(
    qtbot, on_roster, writer
) -> None:
    # The group rule is about discussing evidence in a group: a one-to-one is allowed.
    assess(on_roster, SEEDED.eligible, proceedings=Proceedings.PRE_TRIAL)
    one_to_one = opened(qtbot, OneToOneDialog(on_roster, writer))
    assert "S-0001" in one_to_one.picker.match_texts()
    group = opened(qtbot, FocusGroupDialog(on_roster, writer))
    assert "S-0001 \u2014 cannot be added" in group.picker.match_texts()
