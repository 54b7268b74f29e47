"""The Feedback area in the running app: search from anywhere (Ctrl+Shift+F) and open a
result in its own area; an item's record opened from search; a capture form and an
item's record left open at lock time come back after unlocking; the area's tabs; and the
window's routing of records opened from the Today page and the Risk and wellbeing area."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from sec_desktop.app import Application
from sec_desktop.domain.engagement_enums import EngagementFormat, FeedbackSource, Sentiment
from sec_desktop.services.engagement_records import FocusGroupDetails
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.participant_records import ParticipantDetails
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.feedback_area import FeedbackArea
from sec_desktop.ui.feedback_capture_dialog import FeedbackCaptureDialog
from sec_desktop.ui.feedback_record_dialog import FeedbackRecordDialog
from sec_desktop.vault.vault import Unlock
from tests.ui.conftest import TEST_PASSPHRASE


def services_of(application: Application) -> RecordServices:
    vault = application.session.vault
    assert vault is not None
    return RecordServices.over(vault)


def area_of(application: Application) -> FeedbackArea:
    area = application.window.page("feedback")
    assert isinstance(area, FeedbackArea)
    return area


def unlock(application: Application, qtbot) -> None:
    with qtbot.waitSignal(application.session.unlocked, timeout=20000):
        application.session.unlock(Unlock(passphrase=TEST_PASSPHRASE))


def search_for(application: Application, qtbot, typed: str) -> FeedbackArea:
    window = application.window
    window.go_to("roster")
    QTest.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    area = area_of(application)
    assert window.current_area() == "feedback"
    assert area.tabs.currentWidget() is area.search
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    QTest.keyClicks(QApplication.focusWidget(), typed)
    return area


def focus_group(services: RecordServices, notes: str) -> int:
    details = FocusGroupDetails(
        title="Keeping victims updated",
        topic="Updates",
        held_on=date(2026, 11, 2),
        starts_at=time(10, 0),
        format=EngagementFormat.IN_PERSON,
        venue="Community hall",
        notes=notes,
    )
    return services.engagements.record_focus_group(details, [])


def test_search_from_anywhere_opens_an_engagement_in_its_own_area(
    application: Application, qtbot
) -> None:
    services = services_of(application)
    engagement_id = focus_group(services, "Held in the community hall by the marina")
    area = search_for(application, qtbot, "marina")
    qtbot.waitUntil(lambda: area.search.results.count() == 1, timeout=10000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    window = application.window
    assert window.current_area() == "engagements"
    page = window.engagements_page
    assert page.stack.currentWidget() is page.view
    assert page.view.engagement_id == engagement_id


def test_a_feedback_result_opens_its_record_and_survives_a_lock(
    application: Application, qtbot
) -> None:
    services = services_of(application)
    feedback_id = services.feedback.add(
        FeedbackDraft(
            date(2026, 11, 3),
            FeedbackSource.ANONYMOUS,
            summary="The interpreter arrived late",
            sentiment=Sentiment.NEGATIVE,
        )
    )
    area = search_for(application, qtbot, "interpreter")
    qtbot.waitUntil(lambda: area.search.results.count() == 1, timeout=10000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    dialog = area.dialog
    assert isinstance(dialog, FeedbackRecordDialog) and dialog.feedback_id == feedback_id
    assert application.window.current_area() == "feedback"

    application.gate.lock()
    assert area.dialog is None
    unlock(application, qtbot)
    back = area.dialog
    assert isinstance(back, FeedbackRecordDialog) and back.feedback_id == feedback_id
    assert area.tabs.currentWidget() is area.search


def test_a_capture_form_opened_here_survives_a_lock(application: Application, qtbot) -> None:
    window = application.window
    window.go_to("feedback")
    area = area_of(application)
    area.feedback_list.setFocus()
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = area.dialog
    assert isinstance(dialog, FeedbackCaptureDialog)
    dialog.summary_edit.setFocus()
    QTest.keyClicks(dialog.summary_edit, "Said the letter used words nobody explained")
    application.gate.lock()
    assert area.dialog is None
    unlock(application, qtbot)
    back = area.dialog
    assert isinstance(back, FeedbackCaptureDialog) and back.isVisible()
    assert back.summary_edit.toPlainText() == "Said the letter used words nobody explained"


def test_the_area_offers_its_tabs_and_clears_on_lock(application: Application, qtbot) -> None:
    area = area_of(application)
    names = [name for name, _widget, _show in area.self_test_views()]
    assert names == ["items", "disclosures", "themes", "search"]
    for index in range(area.tabs.count()):
        assert area.tabs.tabText(index).replace("&", "")
    area.tabs.setCurrentWidget(area.themes)
    application.gate.lock()
    assert area.tabs.currentWidget() is area.feedback_list


def test_the_today_page_and_the_risk_area_open_records_in_their_own_areas(
    application: Application, qtbot
) -> None:
    services = services_of(application)
    person = services.roster.add(ParticipantDetails(name="Nia Routing")).id
    window = application.window
    window.go_to("today")
    window.today_page.open_requested.emit("participant", person)
    assert window.current_area() == "roster"
    assert window.roster_area.participant_page.participant_id == person
    page = window.roster_area.participant_page
    window.today_page.open_requested.emit("participant_risk", person)
    assert page.tabs.currentWidget() is page.risk
    window.today_page.open_requested.emit("participant_consent", person)
    assert page.tabs.currentWidget() is page.consent
    window.today_page.open_requested.emit("risk_reviews", 0)
    assert window.current_area() == "risk_wellbeing"
    assert window.risk_wellbeing_area.tabs.currentWidget() is window.risk_wellbeing_area.reviews
    window.risk_wellbeing_area.open_requested.emit("wellbeing_log", 0)
    assert window.current_area() == "risk_wellbeing"
    area = window.risk_wellbeing_area
    assert area.tabs.currentWidget() is area.log
