"""The partner directory screen, against a real vault: list, search, detail, dialogs
opened from the page, keyboard use, and nothing left on screen after detach."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAccessible, QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QTableWidget,
    QWidget,
)

from sec_desktop.domain.enums import PartnerLogKind, PartnerType
from sec_desktop.services.partners import ContactDetails, LogEntryDetails, PartnerDetails
from sec_desktop.ui.partner_dialogs import PartnerContactDialog, PartnerDialog, PartnerLogDialog
from sec_desktop.ui.partners_page import PartnersPage
from sec_desktop.ui.partners_table import AREA, CONTACTS, LAST_CONTACT, NAME, TYPE
from sec_desktop.ui.record_writer import RecordWriter
from tests.records import TODAY

# Invented organisations in invented or real places (synthetic data only).
DIRECTORY: list[tuple[str, PartnerType, str]] = [
    ("Afon Valley Refuge", PartnerType.REFUGE, "Newport"),
    ("Bryn Teg ISVA Service", PartnerType.ISVA_SERVICE, "Cwmbran"),
    ("Caerwen Domestic Abuse Advocates", PartnerType.IDVA_SERVICE, "Caerphilly"),
    ("Cwm Glas Women's Support Project", PartnerType.CHARITY, "Blaenau Gwent"),
    ("Dyffryn Family Support Charity", PartnerType.CHARITY, "Monmouthshire"),
    ("Eastgate Sexual Assault Referral Clinic", PartnerType.HEALTH, "Newport"),
    ("Ffynnon Health Board Safeguarding Team", PartnerType.HEALTH, "All of Gwent"),
    ("Glanrhyd Council Safeguarding Hub", PartnerType.LOCAL_AUTHORITY, "Torfaen"),
    ("Gwent Crown Prosecution Service (demo)", PartnerType.CPS, "All of Gwent"),
    ("Gwent Probation Delivery Unit (demo)", PartnerType.PROBATION, "All of Gwent"),
    ("Hafan Safe House Project", PartnerType.REFUGE, "Caerphilly"),
    ("Heol Las Independent Advocacy Hub", PartnerType.IDVA_SERVICE, "Torfaen"),
    ("Llanfair Men's Advice Project", PartnerType.CHARITY, "Newport"),
    ("Maesteg Housing Options Team", PartnerType.LOCAL_AUTHORITY, "Blaenau Gwent"),
    ("Nant Coch College Wellbeing Service", PartnerType.EDUCATION, "Newport"),
    ("Pen y Bryn LGBTQ+ Support Circle", PartnerType.CHARITY, "Monmouthshire"),
    ("Penarth Road Survivor Advocacy Project", PartnerType.ISVA_SERVICE, "Newport"),
    ("Rhiwbina Haven", PartnerType.REFUGE, "Monmouthshire"),
    ("Sirhowy IDVA Service", PartnerType.IDVA_SERVICE, "Blaenau Gwent"),
    ("Talybont Survivors' Network", PartnerType.CHARITY, "Torfaen"),
    ("Tredegar Sexual Violence Advocates", PartnerType.ISVA_SERVICE, "Blaenau Gwent"),
    ("Usk Community Mental Health Team", PartnerType.HEALTH, "Monmouthshire"),
    ("Victims' Commissioner's Office (demo)", PartnerType.GOVERNMENT, "Wales"),
    ("Wentwood University Student Services", PartnerType.EDUCATION, "Newport"),
    ("Ystrad Domestic Abuse Advocates", PartnerType.IDVA_SERVICE, "Caerphilly"),
]
INACTIVE = {"Maesteg Housing Options Team", "Rhiwbina Haven"}
CONTACTS_OF: dict[str, list[ContactDetails]] = {
    "Afon Valley Refuge": [
        ContactDetails(
            "Morgan Price", "Refuge manager", "01632 960001", "m.price@afonvalley.example"
        ),
        ContactDetails(
            "Rhian Evans",
            "Outreach worker",
            "01632 960002",
            "r.evans@afonvalley.example",
            "Part-time: Monday to Wednesday.",
        ),
        ContactDetails("Dev Patel", "Children's worker", email="d.patel@afonvalley.example"),
    ],
    "Sirhowy IDVA Service": [ContactDetails("Carys Morgan", "IDVA team leader")],
    "Tredegar Sexual Violence Advocates": [ContactDetails("Jo Williams", "ISVA")],
}
LOG_OF: dict[str, list[LogEntryDetails]] = {
    "Afon Valley Refuge": [
        LogEntryDetails(
            date(2026, 9, 14),
            PartnerLogKind.MEETING,
            "Quarterly catch-up: how referrals to the reference group are going; agreed a "
            "joint leaflet in Welsh and English.",
        ),
        LogEntryDetails(
            date(2026, 11, 3),
            PartnerLogKind.REFERRAL,
            "Referred S-0042 for the Survivor Network, with consent.",
        ),
        LogEntryDetails(date(2026, 10, 20), PartnerLogKind.CALL, "Checked the new rota."),
        # With a named contact: see seed_directory.
        LogEntryDetails(
            date(2026, 11, 18), PartnerLogKind.MEETING, "Planned the joint session.", -1
        ),
        LogEntryDetails(date(2026, 8, 1), PartnerLogKind.EVENT, "Stall at the awareness day."),
    ],
    "Sirhowy IDVA Service": [
        LogEntryDetails(date(2026, 11, 24), PartnerLogKind.EMAIL, "Sent the focus group dates.")
    ],
    "Usk Community Mental Health Team": [
        LogEntryDetails(date(2025, 6, 2), PartnerLogKind.MEETING, "Introductions.")
    ],
}


def seed_directory(services) -> dict[str, int]:
    """The directory above, through the service: partner name to id."""
    partners = services.partners
    ids: dict[str, int] = {}
    for name, kind, area in DIRECTORY:
        ids[name] = partners.add(PartnerDetails(name, kind, area=area, active=name not in INACTIVE))
    first_contact: dict[str, int] = {}
    for name, contacts in CONTACTS_OF.items():
        for contact in contacts:
            contact_id = partners.add_contact(ids[name], contact)
            first_contact.setdefault(name, contact_id)
    for name, entries in LOG_OF.items():
        for entry in entries:
            with_contact = (
                replace(entry, contact_id=first_contact[name])
                if entry.contact_id == -1  # the partner's first contact
                else entry
            )
            partners.log_contact(ids[name], with_contact)
    return ids


@pytest.fixture
def writer(qtbot):
    return RecordWriter()


@pytest.fixture
def page(qtbot, services, writer):
    page = PartnersPage()
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    page.attach(services, writer)
    return page


@pytest.fixture
def directory(page, services):
    ids = seed_directory(services)
    page.reload()
    return ids


def names_shown(page) -> list[str]:
    model = page.model
    return [model.index(row, NAME).data() for row in range(model.rowCount())]


def table_texts(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def save(qtbot, dialog, writer) -> None:
    with qtbot.waitSignal(writer.written, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


# --- the list ---------------------------------------------------------------------------


def test_an_empty_directory_says_how_to_add_the_first_partner(page) -> None:
    assert page.model.rowCount() == 0
    assert "No partners yet" in page.detail.placeholder.text()
    assert "Ctrl+N" in page.detail.placeholder.text()
    assert not page.detail.record_widget.isVisible()
    assert page.add_button.isEnabled()
    assert page.count_label.text() == "Partners shown: 0 of 0"


def test_the_list_shows_active_partners_by_name_with_their_figures(page, directory) -> None:
    shown = names_shown(page)
    assert len(shown) == 23
    assert shown == sorted(shown, key=str.casefold)
    assert not INACTIVE & set(shown)
    assert page.count_label.text() == "Partners shown: 23 of 25"
    row = page.model.row_of(directory["Afon Valley Refuge"])
    cells = [page.model.index(row, c).data() for c in (NAME, TYPE, AREA, CONTACTS, LAST_CONTACT)]
    assert cells == ["Afon Valley Refuge", "Refuge", "Newport", "3", "18 Nov 2026"]
    never = page.model.row_of(directory["Bryn Teg ISVA Service"])
    assert page.model.index(never, LAST_CONTACT).data() == "Never"
    assert page.model.index(never, TYPE).data() == "ISVA service"
    # The first partner is chosen and shown.
    assert page.detail.record.details.name == shown[0]


def test_inactive_partners_are_hidden_until_asked_for_then_greyed_and_marked(
    page, directory
) -> None:
    page.inactive_check.setChecked(True)
    assert page.model.rowCount() == 25
    row = page.model.row_of(directory["Rhiwbina Haven"])
    name = page.model.index(row, NAME)
    assert name.data() == "Rhiwbina Haven (inactive)"
    active = page.model.index(page.model.row_of(directory["Afon Valley Refuge"]), NAME)
    assert active.data(Qt.ItemDataRole.ForegroundRole) is None
    grey = name.data(Qt.ItemDataRole.ForegroundRole)
    text = page.table.palette().text().color()
    assert grey is not None and grey != text
    page.select(directory["Rhiwbina Haven"])
    assert page.detail.status_label.text() == "Inactive partner"
    page.inactive_check.setChecked(False)
    assert page.model.rowCount() == 23


def test_sorting_by_a_column_keeps_the_chosen_partner(page, directory) -> None:
    page.select(directory["Sirhowy IDVA Service"])
    page.table.sortByColumn(LAST_CONTACT, Qt.SortOrder.DescendingOrder)
    shown = names_shown(page)
    assert shown[:3] == [
        "Sirhowy IDVA Service",
        "Afon Valley Refuge",
        "Usk Community Mental Health Team",
    ]
    assert page.selected_id() == directory["Sirhowy IDVA Service"]
    assert page.detail.record.id == directory["Sirhowy IDVA Service"]
    page.table.sortByColumn(CONTACTS, Qt.SortOrder.DescendingOrder)
    assert names_shown(page)[0] == "Afon Valley Refuge"
    page.table.sortByColumn(TYPE, Qt.SortOrder.AscendingOrder)
    types = [page.model.index(r, TYPE).data() for r in range(page.model.rowCount())]
    assert types == sorted(types, key=str.casefold)
    assert page.selected_id() == directory["Sirhowy IDVA Service"]


# --- search -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        # By name or by type label ("Refuge"); the inactive Rhiwbina Haven stays hidden.
        ("refuge", {"Afon Valley Refuge", "Hafan Safe House Project"}),
        ("haven", set()),
        (
            "torfaen",
            {
                "Glanrhyd Council Safeguarding Hub",
                "Heol Las Independent Advocacy Hub",
                "Talybont Survivors' Network",
            },
        ),
        ("crown prosecution", {"Gwent Crown Prosecution Service (demo)"}),
        ("rhian", {"Afon Valley Refuge"}),  # a contact's name
        ("carys", {"Sirhowy IDVA Service"}),
        ("ISVA blaenau", {"Tredegar Sexual Violence Advocates"}),  # every word must match
        ("newport health", {"Eastgate Sexual Assault Referral Clinic"}),
    ],
)
def test_search_narrows_by_name_area_type_and_contact(page, directory, search, expected):
    page.search_edit.setText(search)
    assert set(names_shown(page)) == expected
    assert page.count_label.text() == f"Partners shown: {len(expected)} of 25"


def test_search_by_type_label_matches_every_partner_of_that_type(page, directory) -> None:
    page.search_edit.setText("idva service")
    assert set(names_shown(page)) == {
        name for name, kind, _ in DIRECTORY if kind is PartnerType.IDVA_SERVICE
    }


def test_no_match_says_so_and_clearing_brings_everyone_back(page, directory) -> None:
    page.select(directory["Sirhowy IDVA Service"])
    page.search_edit.setText("zzz")
    assert page.model.rowCount() == 0
    assert page.detail.record is None
    assert page.detail.placeholder.text() == "No partner matches the search."
    page.search_edit.clear()
    assert page.model.rowCount() == 23
    assert page.detail.record is not None


def test_search_keeps_the_chosen_partner_when_it_still_matches(page, directory) -> None:
    page.select(directory["Tredegar Sexual Violence Advocates"])
    page.search_edit.setText("blaenau")
    assert page.selected_id() == directory["Tredegar Sexual Violence Advocates"]
    page.search_edit.setText("newport")
    # Gone from the list: the first match is shown instead.
    assert page.detail.record.details.name == names_shown(page)[0]


# --- the chosen partner -----------------------------------------------------------------


def test_the_detail_shows_contacts_and_the_log_newest_first(page, directory) -> None:
    page.select(directory["Afon Valley Refuge"])
    detail = page.detail
    assert detail.name_label.text() == "Afon Valley Refuge"
    assert detail.status_label.text() == "Active partner"
    assert detail.type_value.text() == "Refuge"
    assert detail.area_value.text() == "Newport"
    assert detail.phone_value.text() == "Not recorded"
    # Contacts by name: name over role, phone over email, then notes.
    assert table_texts(detail.contacts_table) == [
        ["Dev Patel\nChildren's worker", "d.patel@afonvalley.example", ""],
        ["Morgan Price\nRefuge manager", "01632 960001\nm.price@afonvalley.example", ""],
        [
            "Rhian Evans\nOutreach worker",
            "01632 960002\nr.evans@afonvalley.example",
            "Part-time: Monday to Wednesday.",
        ],
    ]
    name_cell = detail.contacts_table.item(1, 0)
    assert name_cell.data(Qt.ItemDataRole.AccessibleTextRole) == "Morgan Price, Refuge manager"
    log = table_texts(detail.log_table)
    assert [row[0].split("\n")[0] for row in log] == [
        "18 Nov 2026",
        "3 Nov 2026",
        "20 Oct 2026",
        "14 Sep 2026",
        "1 Aug 2026",
    ]
    assert log[0] == ["18 Nov 2026\nMeeting", "Morgan Price", "Planned the joint session."]
    assert log[1] == [
        "3 Nov 2026\nReferral received",
        "",
        "Referred S-0042 for the Survivor Network, with consent.",
    ]
    assert not detail.contacts_empty.isVisible() and not detail.log_empty.isVisible()


def test_a_partner_with_no_contacts_or_log_says_so(page, directory) -> None:
    page.select(directory["Bryn Teg ISVA Service"])
    detail = page.detail
    assert detail.contacts_empty.isVisible() and not detail.contacts_table.isVisible()
    assert detail.log_empty.isVisible() and not detail.log_table.isVisible()
    assert detail.contacts_empty.text() == "No named contacts yet."
    assert detail.log_empty.text() == "Nothing logged yet."
    assert not detail.edit_contact_button.isEnabled()


# --- adding and editing through the page ------------------------------------------------


def test_add_a_partner_then_a_contact_then_a_log_entry(qtbot, page, writer, services) -> None:
    dialog = page.add_partner()
    assert isinstance(dialog, PartnerDialog) and dialog.isVisible()
    dialog.name_edit.setText("Afon Valley Refuge")
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(PartnerType.REFUGE))
    dialog.area_edit.setText("Newport")
    save(qtbot, dialog, writer)
    assert page.dialog is None
    assert names_shown(page) == ["Afon Valley Refuge"]
    assert page.detail.name_label.text() == "Afon Valley Refuge"
    assert page.table.hasFocus() or page.focusWidget() is page.table

    qtbot.mouseClick(page.detail.add_contact_button, Qt.MouseButton.LeftButton)
    contact_dialog = page.dialog
    assert isinstance(contact_dialog, PartnerContactDialog)
    assert contact_dialog.intro.text().startswith(
        "A named professional at Afon Valley Refuge, such as an IDVA"
    )
    contact_dialog.name_edit.setText("Morgan Price")
    contact_dialog.role_edit.setText("Refuge manager")
    save(qtbot, contact_dialog, writer)
    assert table_texts(page.detail.contacts_table) == [["Morgan Price\nRefuge manager", "", ""]]
    assert page.detail.selected_contact().details.name == "Morgan Price"
    assert page.model.index(0, CONTACTS).data() == "1"

    qtbot.mouseClick(page.detail.log_button, Qt.MouseButton.LeftButton)
    log_dialog = page.dialog
    assert isinstance(log_dialog, PartnerLogDialog)
    assert log_dialog.intro.text() == (
        "A meeting, call, email, referral or event with Afon Valley Refuge."
    )
    assert log_dialog.date_edit.date() == QDate(2026, 11, 25)
    assert log_dialog.contact_combo.itemText(1) == "Morgan Price, Refuge manager"
    log_dialog.contact_combo.setCurrentIndex(1)
    log_dialog.kind_combo.setCurrentIndex(log_dialog.kind_combo.findData(PartnerLogKind.CALL))
    log_dialog.summary_edit.setPlainText("Agreed dates for a joint session.")
    save(qtbot, log_dialog, writer)
    assert table_texts(page.detail.log_table) == [
        ["25 Nov 2026\nCall", "Morgan Price", "Agreed dates for a joint session."]
    ]
    assert page.model.index(0, LAST_CONTACT).data() == "25 Nov 2026"
    assert len(services.partners.record(page.selected_id()).log) == 1


def test_edit_a_partner_and_a_contact_with_enter(qtbot, page, writer, directory) -> None:
    page.select(directory["Afon Valley Refuge"])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, PartnerDialog)
    assert dialog.name_edit.text() == "Afon Valley Refuge"
    dialog.area_edit.setText("Newport and Monmouthshire")
    save(qtbot, dialog, writer)
    assert page.detail.area_value.text() == "Newport and Monmouthshire"
    assert page.selected_id() == directory["Afon Valley Refuge"]

    table = page.detail.contacts_table
    table.setFocus()
    table.setCurrentCell(1, 0)
    table.selectRow(1)
    assert page.detail.edit_contact_button.isEnabled()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    contact_dialog = page.dialog
    assert isinstance(contact_dialog, PartnerContactDialog)
    assert contact_dialog.name_edit.text() == "Morgan Price"
    contact_dialog.role_edit.setText("Deputy manager")
    save(qtbot, contact_dialog, writer)
    assert table_texts(page.detail.contacts_table)[1][0] == "Morgan Price\nDeputy manager"
    assert page.detail.selected_contact().details.name == "Morgan Price"


def test_making_a_partner_inactive_keeps_it_in_view(qtbot, page, writer, directory) -> None:
    page.select(directory["Afon Valley Refuge"])
    dialog = page.edit_partner()
    dialog.active_check.setChecked(False)
    save(qtbot, dialog, writer)
    assert page.inactive_check.isChecked()
    assert page.selected_id() == directory["Afon Valley Refuge"]
    assert page.detail.status_label.text() == "Inactive partner"


def test_a_duplicate_name_from_the_page_is_refused_and_nothing_changes(
    qtbot, page, writer, directory
) -> None:
    dialog = page.add_partner()
    dialog.name_edit.setText("AFON VALLEY REFUGE")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.errors.message("name")), timeout=10000)
    assert dialog.isVisible() and page.dialog is dialog
    assert dialog.name_edit.text() == "AFON VALLEY REFUGE"
    assert page.model.total == 25
    dialog.reject()
    assert page.dialog is None


def test_only_one_dialog_at_a_time_and_edit_needs_a_partner(page, directory) -> None:
    page.search_edit.setText("zzz")
    assert page.edit_partner() is None
    assert page.add_contact() is None
    assert page.log_contact() is None
    assert not page.detail.edit_button.isEnabled()
    page.search_edit.clear()
    first = page.add_partner()
    assert first is not None
    assert page.add_partner() is None
    first.reject()


# --- keyboard -------------------------------------------------------------------------------


def test_ctrl_n_adds_a_partner(qtbot, page) -> None:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.search_edit.setFocus()
    qtbot.keyClick(page.search_edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(page.dialog, PartnerDialog)
    assert page.dialog.windowTitle() == "Add partner"
    page.dialog.reject()


def test_ctrl_n_belongs_to_the_page_shown(qtbot, services, writer) -> None:
    """Other pages have Ctrl+N too: only the one on screen answers it, and no warning of an
    ambiguous shortcut (a Qt warning fails the test)."""
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    other = QWidget()
    other_action = QAction("Add something else", other)
    other_action.setShortcut(QKeySequence("Ctrl+N"))
    other.addAction(other_action)
    page = PartnersPage()
    stack.addWidget(other)
    stack.addWidget(page)
    page.attach(services, writer)
    stack.show()
    stack.activateWindow()
    qtbot.waitUntil(stack.isActiveWindow)

    stack.setCurrentWidget(page)
    with qtbot.assertNotEmitted(other_action.triggered):
        qtbot.keyClick(page.search_edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(page.dialog, PartnerDialog)
    page.dialog.reject()

    stack.setCurrentWidget(other)
    with qtbot.waitSignal(other_action.triggered, timeout=1000):
        qtbot.keyClick(other, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog is None


def test_type_to_search_arrows_to_move_enter_to_edit(qtbot, page, directory) -> None:
    page.table.setFocus()
    qtbot.keyClicks(page.table, "sirh")
    assert page.search_edit.text() == "sirh"
    assert page.search_edit.hasFocus() or page.focusWidget() is page.search_edit
    assert names_shown(page) == ["Sirhowy IDVA Service"]
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Backspace)
    assert page.search_edit.text() == "s"
    # Down from the search reaches the list; arrows move; Enter edits.
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)
    assert page.focusWidget() is page.table
    first = page.selected_id()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    second = page.selected_id()
    assert second != first and page.detail.record.id == second
    # Backspace in the list edits the search too.
    qtbot.keyClick(page.table, Qt.Key.Key_Backspace)
    assert page.search_edit.text() == ""
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)  # Enter in the search: to the list
    assert page.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Enter)
    assert isinstance(page.dialog, PartnerDialog)
    assert page.dialog.partner_id == page.selected_id()
    page.dialog.reject()


def test_tab_visits_everything_in_reading_order_and_all_are_named(qtbot, page, directory) -> None:
    page.select(directory["Afon Valley Refuge"])
    page.detail.select_contact(page.detail.record.contacts[0].id)
    page.search_edit.setFocus()
    chain: list[QWidget] = []
    for _ in range(30):
        widget = page.focusWidget()
        if widget in chain:
            break
        chain.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    detail = page.detail
    assert chain == [
        page.search_edit,
        page.inactive_check,
        page.add_button,
        page.table,
        detail.edit_button,
        detail.add_contact_button,
        detail.edit_contact_button,
        detail.contacts_table,
        detail.log_button,
        detail.log_table,
    ]
    for widget in chain:
        assert widget.accessibleName(), type(widget).__name__
        interface = QAccessible.queryAccessibleInterface(widget)
        assert interface.text(QAccessible.Text.Name)
    assert page.accessibleName() == "Partners"
    search_label = next(
        label for label in page.findChildren(QLabel) if label.buddy() is page.search_edit
    )
    assert search_label.text() == "&Search:"


def test_ctrl_f_goes_to_the_search(qtbot, page, directory) -> None:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.search_edit.setText("gwent")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.focusWidget() is page.search_edit
    assert page.search_edit.selectedText() == "gwent"


# --- locking ----------------------------------------------------------------------------


def all_texts(page) -> str:
    """Every text held anywhere under the page, dialogs waiting for deletion included."""
    texts = [label.text() for label in page.findChildren(QLabel)]
    texts += [edit.text() for edit in page.findChildren(QLineEdit)]
    texts += [edit.toPlainText() for edit in page.findChildren(QPlainTextEdit)]
    for combo in page.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    for table in page.findChildren(QTableWidget):
        texts += [cell for row in table_texts(table) for cell in row]
    texts += [w.toolTip() for w in page.findChildren(QWidget)]
    return "\n".join(texts)


@pytest.mark.parametrize("gate_closes_dialogs_first", [False, True])
def test_detach_clears_everything(
    qtbot, page, directory, services, gate_closes_dialogs_first
) -> None:
    page.select(directory["Afon Valley Refuge"])
    page.search_edit.setText("afon")
    page.inactive_check.setChecked(True)
    dialog = page.add_contact()
    dialog.name_edit.setText("Half-typed Contact")
    assert "Morgan Price" in all_texts(page)

    if gate_closes_dialogs_first:  # as the vault gate locks: dialogs rejected, then detach
        dialog.reject()
    page.detach()

    assert not dialog.isVisible() and page.dialog is None
    assert page.model.rowCount() == 0 and page.model.total == 0
    assert page.detail.record is None
    assert page.detail.contacts_table.rowCount() == 0
    assert page.detail.log_table.rowCount() == 0
    assert page.search_edit.text() == ""
    assert not page.inactive_check.isChecked()
    texts = all_texts(page)
    for name, _, _area in DIRECTORY:
        assert name not in texts
    for word in ("Morgan Price", "Rhian", "S-0042", "Newport", "afonvalley", "Half-typed"):
        assert word not in texts
    assert page.count_label.text() == ""
    assert not page.add_button.isEnabled()
    assert page.add_partner() is None
    assert page.take_draft() is None

    # Attached again: all back.
    page.attach(services, RecordWriter())
    assert page.model.total == 25


def test_a_dialog_left_open_at_lock_comes_back_as_typed(qtbot, page, services, directory) -> None:
    page.select(directory["Afon Valley Refuge"])
    dialog = page.log_contact()
    dialog.date_edit.setDate(QDate(2026, 11, 2))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(PartnerLogKind.EVENT))
    dialog.summary_edit.setPlainText("Half-written note about the awareness day")
    draft = page.take_draft()
    assert draft["dialog"] == "log" and draft["partner_id"] == directory["Afon Valley Refuge"]

    page.detach()
    page.attach(services, RecordWriter())
    page.restore_draft(draft)

    again = page.dialog
    assert isinstance(again, PartnerLogDialog) and again is not dialog
    assert again.partner_id == directory["Afon Valley Refuge"]
    assert page.detail.record.id == directory["Afon Valley Refuge"]
    assert again.summary_edit.toPlainText() == "Half-written note about the awareness day"
    assert again.entry().on == date(2026, 11, 2)
    assert again.entry().kind == PartnerLogKind.EVENT
    again.reject()


def test_a_new_partner_draft_comes_back_too(qtbot, page, services, directory) -> None:
    dialog = page.add_partner()
    dialog.name_edit.setText("Half-typed Partner")
    draft = page.take_draft()
    page.detach()
    page.attach(services, RecordWriter())
    page.restore_draft(draft)
    assert isinstance(page.dialog, PartnerDialog)
    assert page.dialog.partner_id is None
    assert page.dialog.name_edit.text() == "Half-typed Partner"
    page.dialog.reject()


def test_a_draft_for_a_partner_no_longer_there_is_dropped(page, services, directory) -> None:
    page.restore_draft({"dialog": "log", "partner_id": 9999, "input": {}})
    assert page.dialog is None


def test_dates_in_the_log_are_never_in_the_future(qtbot, page, directory) -> None:
    page.select(directory["Afon Valley Refuge"])
    dialog = page.log_contact()
    dialog.date_edit.setDate(QDate(2027, 1, 1))
    assert dialog.entry().on == TODAY
    dialog.reject()


def test_a_hidden_page_loads_when_first_shown(qtbot, services, writer):
    seed_directory(services)
    page = PartnersPage()
    qtbot.addWidget(page)
    page.attach(services, writer)
    # Unlocking does not wait for a page nobody is looking at.
    assert page.model.total == 0
    page.show()
    qtbot.waitExposed(page)
    assert page.model.total == 25
    # Found by a contact's name, from the rows alone.
    page.search_edit.setText("Morgan")
    assert page.model.rowCount() >= 1
