"""The Engagements page against a real vault: the list (asked of the service off the GUI
thread, narrowed by kind and period), Ctrl+N and the "New" menu, Enter to open, the
engagement's own view (attendees by code, the confidentiality warning, its feedback,
delete refused while it has feedback), scrutiny meetings routed to their own page, a form
kept across a lock, and nothing left on screen after detach."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QTableWidget
from sqlalchemy import text

from sec_desktop.domain.engagement import Engagement
from sec_desktop.domain.engagement_enums import EngagementFormat, EngagementKind, Panel
from sec_desktop.services.engagement_records import (
    AttendeeChoice,
    FocusGroupDetails,
    ProjectDetails,
    StaffForumDetails,
)
from sec_desktop.ui import engagement_view, feedback_capture_dialog
from sec_desktop.ui.engagements_model import TITLE, TOPIC, Period
from sec_desktop.ui.engagements_page import EngagementsPage
from sec_desktop.ui.focus_group_dialog import FocusGroupDialog
from sec_desktop.ui.participant_fields import choose
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.reference_meeting_dialog import ReferenceMeetingDialog
from sec_desktop.vault.audit import AuditEvent
from tests.records import TODAY
from tests.services import test_engagements as seeded
from tests.services.test_engagements import NAMES, SEEDED, add_feedback

FOCUS = FocusGroupDetails(
    "Reporting online",
    TODAY - timedelta(days=2),
    topic="The online form",
    starts_at=time(18, 30),
    venue="Community room, Newport",
)

# The service tests' vault with people on its roster, shared as fixtures.
people_template = seeded.people_template
people_vault = seeded.people_vault
on_roster = seeded.on_roster


@pytest.fixture
def writer(qtbot):
    return RecordWriter()


@pytest.fixture
def recorded(on_roster, people_vault) -> dict[str, int]:
    """A focus group (S-0002 not told the limits of confidentiality), a staff forum
    session, and a scrutiny meeting as the scrutiny service keeps it."""
    engagements = on_roster.engagements
    ids = {
        "focus": engagements.record_focus_group(
            FOCUS, [AttendeeChoice(SEEDED.eligible, True), AttendeeChoice(SEEDED.member, False)]
        ),
        "forum": engagements.record_staff_forum(
            StaffForumDetails(date(2026, 3, 2), 9, format=EngagementFormat.ONLINE)
        ),
    }
    with people_vault.writing(AuditEvent.ENGAGEMENT_RECORDED) as session:
        meeting = Engagement(
            kind=EngagementKind.SCRUTINY_PANEL,
            panel=Panel.DA,
            held_on=TODAY - timedelta(days=9),
            created_at=TODAY,
            updated_at=TODAY,
        )
        session.add(meeting)
        session.flush()
        ids["scrutiny"] = meeting.id
    return ids


@pytest.fixture
def page(qtbot, on_roster, writer, recorded):
    page = EngagementsPage()
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.attach(on_roster, writer)
    return page


def titles(page) -> list[str]:
    return [page.model.data(page.model.index(r, TITLE)) for r in range(page.model.rowCount())]


def everything_shown(page) -> str:
    texts = [label.text() for label in page.findChildren(QLabel)]
    for table in page.findChildren(QTableWidget):
        for row in range(table.rowCount()):
            texts += [
                table.item(row, c).text() for c in range(table.columnCount()) if table.item(row, c)
            ]
    model = page.model
    for row in range(model.rowCount()):
        texts += [str(model.data(model.index(row, c))) for c in range(model.columnCount())]
    return "\n".join(texts)


def key(widget, code, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, code, modifier)


def test_the_list_filters_and_opens_with_enter_and_escape_goes_back(qtbot, page, recorded) -> None:
    assert titles(page) == ["Reporting online", "", "Staff forum session"]
    assert page.model.data(page.model.index(1, TOPIC)) == "Domestic abuse (DA)"
    assert page.model.data(page.model.index(2, 5)) == "9 (anonymous)"
    # Each choice is asked of the service (off the GUI thread).
    with qtbot.waitSignal(page.loaded, timeout=10000):
        choose(page.kind_combo, EngagementKind.FOCUS_GROUP)
    assert titles(page) == ["Reporting online"]
    with qtbot.waitSignal(page.loaded, timeout=10000):
        choose(page.kind_combo, None)
        choose(page.period_combo, Period.DAYS_30)
    assert page.model.rowCount() == 2  # the forum session was in March
    assert "Showing 2 of 3" in page.list.count_label.text()

    page.table.setFocus()
    page.list.select(recorded["focus"])
    key(page.table, Qt.Key.Key_Return)
    assert page.stack.currentWidget() is page.view
    assert page.view.heading.text() == "Focus group: Reporting online"
    key(page.view.back_button, Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.list_area
    assert page.selected_id() == recorded["focus"]

    # A scrutiny meeting is opened on its own page.
    page.list.select(recorded["scrutiny"])
    with qtbot.waitSignal(page.open_scrutiny_meeting) as routed:
        key(page.table, Qt.Key.Key_Return)
    assert routed.args == [recorded["scrutiny"]]
    assert page.stack.currentWidget() is page.list_area


def test_ctrl_n_opens_the_new_menu_and_its_letters_choose(qtbot, page) -> None:
    page.table.setFocus()
    key(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.new_menu.isVisible)
    key(page.new_menu, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: isinstance(page.dialog, FocusGroupDialog))
    assert page.dialog.draft_key() == "engagement_focus_group"
    page.dialog.reject()
    qtbot.waitUntil(lambda: page.dialog is None)


def test_the_view_shows_codes_the_warning_and_the_feedback_given_there(
    qtbot, page, recorded, people_vault
) -> None:
    item = add_feedback(people_vault, recorded["focus"], SEEDED.eligible)
    assert page.open_engagement(recorded["focus"])
    view = page.view
    assert [view.attendees_table.item(r, 0).text() for r in range(2)] == ["S-0001", "S-0002"]
    assert view.unexplained_label.isVisible()
    assert "S-0002" in view.unexplained_label.text()
    assert view.feedback.ids() == [item]
    assert "S-0001" in view.feedback.texts()[0]
    assert "The officer kept me updated." in view.feedback.texts()[0]
    view.feedback.table.setFocus()
    with qtbot.waitSignal(page.open_feedback) as opened:
        key(view.feedback.table, Qt.Key.Key_Return)
    assert opened.args == [item]
    # Pseudonyms only, on every screen of the page.
    assert not any(name in everything_shown(page) for name in NAMES)

    # The anonymous session: its headcount, and no table of people.
    page.open_engagement(recorded["forum"])
    assert "9 came" in view.people_note.text()
    assert not view.attendees_table.isVisible()
    assert not view.unexplained_label.isVisible()


def test_add_feedback_opens_the_capture_form_for_this_engagement(
    qtbot, page, recorded, people_vault, monkeypatch
) -> None:
    made = []

    class Recording(feedback_capture_dialog.FeedbackCaptureDialog):
        def __init__(self, *args, **kwargs) -> None:
            made.append(kwargs)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(feedback_capture_dialog, "FeedbackCaptureDialog", Recording)
    page.open_engagement(recorded["focus"])
    dialog = page.view.add_feedback()
    assert isinstance(dialog, Recording)
    qtbot.addWidget(dialog)
    assert made == [{"engagement_id": recorded["focus"]}]
    assert page.view.add_feedback() is None  # one at a time
    # Each item saved there shows in the list at once.
    item = add_feedback(people_vault, recorded["focus"])
    dialog.saved.emit(item)
    assert page.view.feedback.ids() == [item]
    dialog.close()


def test_delete_is_refused_while_there_is_feedback_then_done(
    qtbot, page, recorded, people_vault, monkeypatch
) -> None:
    asked = []
    monkeypatch.setattr(engagement_view, "confirm", lambda *args: asked.append(args) or True)
    add_feedback(people_vault, recorded["focus"])
    page.open_engagement(recorded["focus"])
    page.view.delete()
    qtbot.waitUntil(page.view.message_label.isVisible, timeout=10000)
    assert "(1 item)" in page.view.message_label.text()
    assert "feedback list below" in page.view.message_label.text()
    with people_vault.writing(AuditEvent.FEEDBACK_DELETED) as session:
        session.execute(text("DELETE FROM feedback_item"))
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.view.delete()
    assert len(asked) == 2
    assert page.stack.currentWidget() is page.list_area
    assert page.model.row_of(recorded["focus"]) is None


def test_a_form_left_open_comes_back_after_a_lock_and_detach_clears_all(
    qtbot, page, recorded, on_roster, writer
) -> None:
    page.open_engagement(recorded["focus"])
    dialog = page.edit(recorded["focus"])
    assert isinstance(dialog, FocusGroupDialog)
    dialog.title_edit.setText("Reporting online, second go")
    state = page.take_draft()
    assert state["view"] == recorded["focus"]

    page.detach()
    qtbot.waitUntil(lambda: page.dialog is None)
    assert page.model.rowCount() == 0 and page.view.record is None
    assert page.view.heading.text() == "" and not page.new_button.isEnabled()
    assert "S-0001" not in everything_shown(page)

    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.attach(on_roster, writer)
    page.restore_draft(state)
    restored = page.dialog
    assert isinstance(restored, FocusGroupDialog)
    assert restored.engagement_id == recorded["focus"]
    assert restored.title_edit.text() == "Reporting online, second go"
    assert restored.picker.chosen_codes() == ["S-0001", "S-0002"]
    assert page.stack.currentWidget() is page.view
    restored.reject()


def test_the_projects_tab_lists_projects_and_offers_a_meeting(qtbot, page, on_roster) -> None:
    project_id = on_roster.engagements.add_project(
        ProjectDetails("Force policy on updates", organisation="Ffynnon Health Board")
    )
    page.reload()
    page.tabs.setCurrentWidget(page.projects)
    assert page.projects.table.item(0, 0).text() == "Force policy on updates"
    assert page.projects.table.item(0, 1).text() == "Ffynnon Health Board"
    page.projects.meeting_button.click()
    assert isinstance(page.dialog, ReferenceMeetingDialog)
    assert page.dialog.project_combo.currentData() == project_id
    page.dialog.reject()
