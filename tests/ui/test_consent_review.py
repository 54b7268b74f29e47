"""Reviewing a consent from the participant page, on a real vault: the review date moves
on and the audit log says so; past dates are refused; withdrawn consents cannot be
reviewed; an open review survives a lock."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import Qt

from sec_desktop.domain.enums import ConsentMethod, ConsentPurpose, ContactChannel
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.participant_records import ParticipantDetails, SafeContactRules
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.consent_review_dialog import ReviewConsentDialog
from sec_desktop.ui.participant_page import ParticipantPage
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditRow
from sec_desktop.vault.vault import Vault
from tests.records import TODAY
from tests.ui.test_participant_dialog import (
    assert_keyboard_complete,
    assert_labels_have_buddies,
    message_under,
    save_accepted,
    save_refused,
)

RULES = SafeContactRules(channels=frozenset({ContactChannel.PHONE}), phone="07700 900123")
PAST_REFUSED = "This review date has already passed: choose today or a later date."


@pytest.fixture
def writer() -> RecordWriter:
    return RecordWriter()


@pytest.fixture
def page(qtbot, services, writer) -> ParticipantPage:
    widget = ParticipantPage()
    qtbot.addWidget(widget)
    widget.resize(980, 640)
    widget.attach(services, writer)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def add_person(services) -> int:
    return services.roster.add(ParticipantDetails(name="Robin Calloway"), RULES).id


def give(
    services, person: int, purpose: ConsentPurpose, review_on: date | None, note: str = ""
) -> int:
    return services.consent.give(
        person, ConsentGiven(purpose, date(2026, 3, 10), ConsentMethod.WRITTEN, review_on, note)
    )


def audit_rows(vault: Vault) -> list[AuditRow]:
    with vault.engine.connect() as connection:
        return audit.rows(connection)


def review_on(services, person: int, consent_id: int) -> date | None:
    record = services.roster.record(person)
    return next(c for c in record.consents if c.id == consent_id).review_on


def select_consent(page: ParticipantPage, consent_id: int) -> None:
    table = page.consent.table
    for row in range(table.rowCount()):
        if table.item(row, 0).data(Qt.ItemDataRole.UserRole) == consent_id:
            table.selectRow(row)
            table.setCurrentCell(row, 0)
            return
    raise AssertionError(f"no row for consent {consent_id}")


def open_review(qtbot, page: ParticipantPage, consent_id: int) -> ReviewConsentDialog:
    page.tabs.setCurrentWidget(page.consent)
    select_consent(page, consent_id)
    assert page.consent.review_button.isEnabled()
    qtbot.mouseClick(page.consent.review_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ReviewConsentDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_reviewing_moves_the_review_date_on_and_is_audited(
    qtbot, services, records_vault, page, writer
) -> None:
    person = add_person(services)
    # Given when the review date of 1 November was still ahead: it has passed now.
    earlier = RecordServices.over(records_vault, today=lambda: date(2026, 10, 1))
    quote = give(earlier, person, ConsentPurpose.QUOTE, date(2026, 11, 1), "Short quotes only")
    page.show_participant(person)
    dialog = open_review(qtbot, page, quote)

    assert dialog.windowTitle() == "Review consent: S-0001"
    assert dialog.consent_id == quote
    assert dialog.intro_label.text() == (
        "Check with them that this consent still holds. If it does not, withdraw it instead."
    )
    assert [
        label.text()
        for label in (
            dialog.purpose_value,
            dialog.given_value,
            dialog.method_value,
            dialog.due_value,
        )
    ] == [
        "Being quoted (anonymised) in briefings",
        "10 Mar 2026",
        "Written",
        "Overdue: it was due on 1 Nov 2026",
    ]
    assert dialog.review_field.value() == date(2027, 11, 25)  # a year from today

    dialog.review_field.set_value(date(2027, 6, 1))
    before = audit_rows(records_vault)
    with qtbot.waitSignal(page.record_changed):
        save_accepted(qtbot, dialog, writer)

    assert review_on(services, person, quote) == date(2027, 6, 1)
    added = audit_rows(records_vault)[len(before) :]
    assert [(row.event, row.detail) for row in added] == [
        ("consent reviewed", "S-0001: quoted anonymously in briefings")
    ]
    # The page shows the new date, no longer overdue.
    table = page.consent.table
    assert [table.item(0, column).text() for column in (3, 4)] == ["1 Jun 2027", "Current"]
    assert page.dialog is None


def test_a_review_may_leave_no_next_date(qtbot, services, page, writer) -> None:
    person = add_person(services)
    contact = give(services, person, ConsentPurpose.CONTACT, None)
    page.show_participant(person)
    dialog = open_review(qtbot, page, contact)
    assert dialog.due_value.text() == "No review date was set"
    dialog.review_field.set_value(date(2026, 12, 1))
    dialog.review_field.none_check.setChecked(True)
    save_accepted(qtbot, dialog, writer)
    assert review_on(services, person, contact) is None


def test_a_past_date_is_refused_next_to_the_field_and_nothing_is_written(
    qtbot, services, records_vault, page
) -> None:
    person = add_person(services)
    network = give(services, person, ConsentPurpose.NETWORK, date(2026, 12, 1))
    page.show_participant(person)
    dialog = open_review(qtbot, page, network)
    assert dialog.due_value.text() == "1 Dec 2026"
    dialog.review_field.set_value(date(2026, 11, 24))
    typed = dialog.take_draft()
    before = audit_rows(records_vault)

    save_refused(qtbot, dialog)
    assert message_under(dialog, "review_on") == PAST_REFUSED
    assert dialog.focusWidget() is dialog.review_field.edit
    assert dialog.take_draft() == typed
    assert review_on(services, person, network) == date(2026, 12, 1)
    assert audit_rows(records_vault) == before


def test_a_withdrawn_consent_cannot_be_reviewed(qtbot, services, page) -> None:
    person = add_person(services)
    current = give(services, person, ConsentPurpose.CONTACT, date(2027, 1, 1))
    gone = give(services, person, ConsentPurpose.TRAINING, date(2027, 1, 1))
    services.consent.withdraw(person, gone, date(2026, 11, 20))
    page.show_participant(person)
    page.tabs.setCurrentWidget(page.consent)
    tab = page.consent

    assert not tab.review_button.isEnabled()  # nothing chosen yet
    select_consent(page, gone)
    assert not tab.review_button.isEnabled()
    assert page.review_consent(gone) is None
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert page.dialog is None

    select_consent(page, current)
    assert tab.review_button.isEnabled()


def test_enter_or_a_double_click_on_a_current_consent_reviews_it(qtbot, services, page) -> None:
    person = add_person(services)
    contact = give(services, person, ConsentPurpose.CONTACT, date(2027, 1, 1))
    page.show_participant(person)
    page.tabs.setCurrentWidget(page.consent)
    table = page.consent.table
    select_consent(page, contact)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, ReviewConsentDialog) and dialog.consent_id == contact
    dialog.reject()
    qtbot.waitUntil(lambda: page.dialog is None)

    rect = table.visualRect(table.model().index(0, 0))
    # A real double-click starts with a press: the view opens only the row pressed.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.dialog is None  # a click only chooses the row
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = page.dialog
    assert isinstance(dialog, ReviewConsentDialog) and dialog.consent_id == contact


def test_an_open_review_comes_back_as_typed_after_a_lock(qtbot, services, page) -> None:
    person = add_person(services)
    give(services, person, ConsentPurpose.CONTACT, date(2027, 1, 1))
    reporting = give(services, person, ConsentPurpose.REPORTING, date(2027, 1, 1))
    page.show_participant(person)
    dialog = page.review_consent(reporting)
    assert dialog is not None
    dialog.review_field.set_value(date(2027, 2, 14))
    draft = json.loads(json.dumps(page.take_draft()))
    assert draft["dialog"] == "participant_consent_review"
    assert draft["input"]["consent_id"] == reporting

    page.detach()
    assert page.dialog is None and page.record is None
    page.attach(services, RecordWriter())
    page.restore_draft(draft)
    again = page.dialog
    assert isinstance(again, ReviewConsentDialog)
    assert again.consent_id == reporting
    assert again.review_field.value() == date(2027, 2, 14)

    # "No date" comes back as chosen, too.
    again.review_field.none_check.setChecked(True)
    draft = json.loads(json.dumps(page.take_draft()))
    page.detach()
    page.attach(services, RecordWriter())
    page.restore_draft(draft)
    assert isinstance(page.dialog, ReviewConsentDialog)
    assert page.dialog.review_field.value() is None


def test_the_review_dialog_works_from_the_keyboard(qtbot, services, page) -> None:
    person = add_person(services)
    contact = give(services, person, ConsentPurpose.CONTACT, TODAY)
    page.show_participant(person)
    dialog = open_review(qtbot, page, contact)
    assert dialog.due_value.text() == "Today, 25 Nov 2026"
    assert dialog.focusWidget() is dialog.review_field.edit
    assert_labels_have_buddies(dialog)
    assert_keyboard_complete(qtbot, dialog)
