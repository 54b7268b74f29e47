"""The partner directory's dialogs, against a real vault: what is typed is saved through
the RecordWriter, refusals appear under the field they are about, and nothing typed is lost."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QDialog, QLabel, QWidget

from sec_desktop.domain.enums import PartnerLogKind, PartnerType
from sec_desktop.services.partners import ContactDetails, PartnerDetails
from sec_desktop.ui.partner_dialogs import PartnerContactDialog, PartnerDialog, PartnerLogDialog
from sec_desktop.ui.record_writer import RecordWriter
from tests.records import TODAY

NO_NAMES = "Do not write a survivor's name here: use their pseudonym code."


@pytest.fixture
def writer(qtbot):
    return RecordWriter()


@pytest.fixture
def partners(services):
    return services.partners


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def save(qtbot, dialog, writer):
    """Press Save and wait until the write is done (and the dialog has closed)."""
    with qtbot.waitSignal(writer.written, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def save_refused(qtbot, dialog, *fields):
    """Press Save and wait for the service's refusal to be shown under `fields`."""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(dialog.errors.message(f) for f in fields), timeout=10000)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def focused(widget: QWidget) -> QWidget:
    """The widget the user sees as focused (a date field, not the line edit inside it)."""
    parent = widget.parentWidget()
    return parent if isinstance(parent, QAbstractSpinBox) else widget


def tab_chain(qtbot, window: QWidget, first: QWidget) -> list[QWidget]:
    """Every widget Tab reaches from `first`, pressing Tab until the chain comes round.
    (Tab first steps through a date's day, month and year: counted once.)"""
    first.setFocus()
    chain: list[QWidget] = []
    for _ in range(60):
        widget = window.focusWidget()
        if chain and focused(widget) is chain[-1]:
            qtbot.keyClick(widget, Qt.Key.Key_Tab)
            continue
        if focused(widget) in chain:
            return chain
        chain.append(focused(widget))
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    raise AssertionError("Tab never came round")


def check_keyboard(qtbot, dialog: QDialog, fields: list[QWidget]) -> None:
    chain = tab_chain(qtbot, dialog, fields[0])
    # Fields in the order they are shown, then Save and Cancel.
    assert [w for w in chain if w in fields] == fields
    assert chain[len(fields) :] == [dialog.save_button, dialog.cancel_button]
    # Shift+Tab goes back the same way.
    fields[1].setFocus()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused(dialog.focusWidget()) is fields[0]
    for widget in chain:
        assert widget.accessibleName(), f"{type(widget).__name__} has no accessible name"
        assert accessible_name(widget)
    # Each field has a label with a mnemonic bound to it (a check box carries its own).
    buddies = {
        label.buddy(): label.text() for label in dialog.findChildren(QLabel) if label.buddy()
    }
    for field in fields:
        text = field.text() if isinstance(field, QAbstractButton) else buddies[field]
        assert "&" in text, text
    # Every mnemonic in the dialog is different.
    texts = [w.text() for w in [*dialog.findChildren(QLabel), *chain] if isinstance(w, QLabel)]
    texts += [w.text() for w in dialog.findChildren(QAbstractButton)]
    keys = [t[t.index("&") + 1].lower() for t in texts if "&" in t.replace("&&", "")]
    assert len(keys) == len(set(keys)), keys


def test_adding_a_partner_keeps_every_field(qtbot, partners, writer) -> None:
    dialog = shown(qtbot, PartnerDialog(partners, writer))
    assert dialog.windowTitle() == "Add partner"
    assert dialog.active_check.isChecked()
    dialog.name_edit.setText("  Afon Valley Refuge ")
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(PartnerType.REFUGE))
    dialog.area_edit.setText("Newport")
    dialog.phone_edit.setText("01632 960001")
    dialog.email_edit.setText("office@afonvalley.example")
    dialog.notes_edit.setPlainText("Two family rooms; referrals through the hub.")
    with qtbot.waitSignal(dialog.saved) as saved:
        save(qtbot, dialog, writer)

    new_id = saved.args[0]
    record = partners.record(new_id)
    assert record.details == PartnerDetails(
        name="Afon Valley Refuge",
        type=PartnerType.REFUGE,
        area="Newport",
        phone="01632 960001",
        email="office@afonvalley.example",
        notes="Two family rooms; referrals through the hub.",
        active=True,
    )


def test_editing_a_partner_starts_from_what_is_kept(qtbot, partners, writer) -> None:
    partner_id = partners.add(
        PartnerDetails("Bryn Teg ISVA Service", PartnerType.ISVA_SERVICE, area="Cwmbran")
    )
    dialog = shown(qtbot, PartnerDialog(partners, writer, partners.record(partner_id)))
    assert dialog.windowTitle() == "Edit partner"
    assert dialog.name_edit.text() == "Bryn Teg ISVA Service"
    assert dialog.type_combo.currentData() == PartnerType.ISVA_SERVICE
    assert dialog.area_edit.text() == "Cwmbran"
    dialog.area_edit.setText("Torfaen")
    dialog.active_check.setChecked(False)
    save(qtbot, dialog, writer)

    details = partners.record(partner_id).details
    assert (details.area, details.active) == ("Torfaen", False)
    assert details.name == "Bryn Teg ISVA Service"  # its own name is no clash


def test_a_duplicate_name_is_refused_under_the_name_with_input_kept(
    qtbot, partners, writer
) -> None:
    partners.add(PartnerDetails("Afon Valley Refuge", PartnerType.REFUGE))
    dialog = shown(qtbot, PartnerDialog(partners, writer))
    dialog.name_edit.setText("afon valley refuge")
    dialog.area_edit.setText("Newport")
    dialog.notes_edit.setPlainText("Met at the MARAC steering group.")
    save_refused(qtbot, dialog, "name")

    assert dialog.errors.message("name") == (
        "A partner with this name is already in the directory."
    )
    # The message sits right under the name field, and is read out with it.
    wrapper = dialog.name_edit.parentWidget()
    assert wrapper.error.isVisible() and wrapper.error.text() == dialog.errors.message("name")
    assert dialog.name_edit.accessibleDescription() == dialog.errors.message("name")
    assert dialog.focusWidget() is dialog.name_edit
    assert dialog.name_edit.text() == "afon valley refuge"
    assert dialog.area_edit.text() == "Newport"
    assert dialog.notes_edit.toPlainText() == "Met at the MARAC steering group."
    assert len(partners.rows()) == 1

    # Fixed, it saves; the old message goes.
    dialog.name_edit.setText("Afon Valley Refuge (Newport)")
    save(qtbot, dialog, writer)
    assert {row.name for row in partners.rows()} == {
        "Afon Valley Refuge",
        "Afon Valley Refuge (Newport)",
    }


def test_a_malformed_email_and_phone_are_refused_each_under_its_field(
    qtbot, partners, writer
) -> None:
    dialog = shown(qtbot, PartnerDialog(partners, writer))
    dialog.name_edit.setText("Gwent Women's Support Project")
    dialog.phone_edit.setText("call reception")
    dialog.email_edit.setText("office at gwsp")
    save_refused(qtbot, dialog, "phone", "email")

    assert dialog.errors.message("phone").startswith("This is not a phone number")
    assert dialog.errors.message("email").startswith("This is not an email address")
    assert dialog.errors.message("name") == ""
    assert dialog.focusWidget() is dialog.phone_edit
    assert (dialog.phone_edit.text(), dialog.email_edit.text()) == (
        "call reception",
        "office at gwsp",
    )
    assert partners.rows() == []


def test_an_empty_name_is_refused(qtbot, partners, writer) -> None:
    dialog = shown(qtbot, PartnerDialog(partners, writer))
    dialog.name_edit.setText("   ")
    save_refused(qtbot, dialog, "name")
    assert dialog.errors.message("name") == "This cannot be left empty."


def test_partner_dialog_is_keyboard_first_and_named(qtbot, partners, writer) -> None:
    dialog = shown(qtbot, PartnerDialog(partners, writer))
    assert dialog.focusWidget() is dialog.name_edit
    check_keyboard(
        qtbot,
        dialog,
        [
            dialog.name_edit,
            dialog.type_combo,
            dialog.area_edit,
            dialog.phone_edit,
            dialog.email_edit,
            dialog.notes_edit,
            dialog.active_check,
        ],
    )
    assert dialog.notes_note.text() == NO_NAMES
    assert dialog.save_button.isDefault()


def test_adding_and_editing_a_contact(qtbot, partners, writer) -> None:
    partner_id = partners.add(PartnerDetails("Afon Valley Refuge", PartnerType.REFUGE))
    dialog = shown(qtbot, PartnerContactDialog(partners, writer, partner_id))
    assert dialog.windowTitle() == "Add contact"
    assert "Never a survivor" in dialog.intro.text()
    dialog.name_edit.setText("Morgan Price")
    dialog.role_edit.setText("Refuge manager")
    dialog.phone_edit.setText("+44 1632 960002")
    dialog.email_edit.setText("m.price@afonvalley.example")
    dialog.notes_edit.setPlainText("Part-time: Monday to Wednesday.")
    with qtbot.waitSignal(dialog.saved) as saved:
        save(qtbot, dialog, writer)
    contact_id = saved.args[0]
    (contact,) = partners.record(partner_id).contacts
    assert contact.id == contact_id
    assert contact.details == ContactDetails(
        "Morgan Price",
        "Refuge manager",
        "+44 1632 960002",
        "m.price@afonvalley.example",
        "Part-time: Monday to Wednesday.",
    )

    edit = shown(qtbot, PartnerContactDialog(partners, writer, partner_id, contact))
    assert edit.windowTitle() == "Edit contact"
    assert edit.role_edit.text() == "Refuge manager"
    edit.role_edit.setText("Deputy manager")
    save(qtbot, edit, writer)
    assert partners.record(partner_id).contacts[0].details.role == "Deputy manager"


def test_a_contact_with_a_malformed_email_is_refused(qtbot, partners, writer) -> None:
    partner_id = partners.add(PartnerDetails("Afon Valley Refuge", PartnerType.REFUGE))
    dialog = shown(qtbot, PartnerContactDialog(partners, writer, partner_id))
    dialog.name_edit.setText("Morgan Price")
    dialog.email_edit.setText("morgan@afonvalley")
    dialog.phone_edit.setText("123")
    save_refused(qtbot, dialog, "email", "phone")
    assert dialog.email_edit.text() == "morgan@afonvalley"
    assert partners.record(partner_id).contacts == ()


def test_contact_dialog_is_keyboard_first_and_named(qtbot, partners, writer) -> None:
    partner_id = partners.add(PartnerDetails("Afon Valley Refuge", PartnerType.REFUGE))
    dialog = shown(qtbot, PartnerContactDialog(partners, writer, partner_id))
    assert dialog.focusWidget() is dialog.name_edit
    check_keyboard(
        qtbot,
        dialog,
        [
            dialog.name_edit,
            dialog.role_edit,
            dialog.phone_edit,
            dialog.email_edit,
            dialog.notes_edit,
        ],
    )


@pytest.fixture
def refuge(partners):
    partner_id = partners.add(PartnerDetails("Afon Valley Refuge", PartnerType.REFUGE))
    partners.add_contact(partner_id, ContactDetails("Morgan Price", role="Refuge manager"))
    partners.add_contact(partner_id, ContactDetails("Sam Jones"))
    return partners.record(partner_id)


def test_logging_a_contact(qtbot, partners, writer, refuge) -> None:
    dialog = shown(qtbot, PartnerLogDialog(partners, writer, refuge.id, refuge.contacts, TODAY))
    assert dialog.date_edit.date() == QDate(2026, 11, 25)
    assert dialog.date_edit.maximumDate() == QDate(2026, 11, 25)
    choices = [dialog.contact_combo.itemText(i) for i in range(dialog.contact_combo.count())]
    assert choices == ["No one in particular", "Morgan Price, Refuge manager", "Sam Jones"]
    kinds = [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())]
    assert kinds[:5] == ["Meeting", "Call", "Email", "Referral received", "Event"]
    assert dialog.summary_note.text() == NO_NAMES
    assert NO_NAMES in dialog.summary_edit.accessibleDescription()

    dialog.date_edit.setDate(QDate(2026, 11, 20))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(PartnerLogKind.REFERRAL))
    dialog.contact_combo.setCurrentIndex(2)
    dialog.summary_edit.setPlainText("Referred S-0042 for the reference group.")
    save(qtbot, dialog, writer)

    (entry,) = partners.record(refuge.id).log
    assert entry.details.on == date(2026, 11, 20)
    assert entry.details.kind == PartnerLogKind.REFERRAL
    assert entry.contact_name == "Sam Jones"
    assert entry.details.summary == "Referred S-0042 for the reference group."


def test_a_log_entry_need_not_name_a_contact(qtbot, partners, writer, refuge) -> None:
    dialog = shown(qtbot, PartnerLogDialog(partners, writer, refuge.id, (), TODAY))
    assert dialog.contact_combo.count() == 1
    save(qtbot, dialog, writer)
    (entry,) = partners.record(refuge.id).log
    assert (entry.details.on, entry.details.kind, entry.details.contact_id) == (
        TODAY,
        PartnerLogKind.MEETING,
        None,
    )


def test_a_refused_summary_keeps_the_warning_with_the_message(
    qtbot, partners, writer, refuge
) -> None:
    dialog = shown(qtbot, PartnerLogDialog(partners, writer, refuge.id, refuge.contacts, TODAY))
    dialog.summary_edit.setPlainText("x" * 4001)
    save_refused(qtbot, dialog, "summary")
    description = dialog.summary_edit.accessibleDescription()
    assert description.startswith("This is too long: at most 4000 characters.")
    assert description.endswith(NO_NAMES)
    assert len(dialog.summary_edit.toPlainText()) == 4001
    assert partners.record(refuge.id).log == ()


def test_log_dialog_is_keyboard_first_and_named(qtbot, partners, writer, refuge) -> None:
    dialog = shown(qtbot, PartnerLogDialog(partners, writer, refuge.id, refuge.contacts, TODAY))
    assert dialog.focusWidget() is dialog.kind_combo
    check_keyboard(
        qtbot,
        dialog,
        [dialog.date_edit, dialog.kind_combo, dialog.contact_combo, dialog.summary_edit],
    )


def test_dialog_input_can_be_taken_and_given_back(qtbot, partners, writer, refuge) -> None:
    dialog = shown(qtbot, PartnerLogDialog(partners, writer, refuge.id, refuge.contacts, TODAY))
    dialog.date_edit.setDate(QDate(2026, 10, 2))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(PartnerLogKind.EVENT))
    dialog.contact_combo.setCurrentIndex(1)
    dialog.summary_edit.setPlainText("Stall at the awareness day.")
    state = dialog.input_state()

    again = shown(qtbot, PartnerLogDialog(partners, writer, refuge.id, refuge.contacts, TODAY))
    again.restore_input(state)
    assert again.entry() == dialog.entry()
    assert again.entry().contact_id == refuge.contacts[0].id


def test_a_fault_while_saving_leaves_the_form_usable(qtbot, partners, writer, monkeypatch) -> None:
    def broken(details):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(partners, "add", broken)
    dialog = shown(qtbot, PartnerDialog(partners, writer))
    dialog.name_edit.setText("Afon Valley Refuge")
    with qtbot.waitSignal(writer.failed, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.busy
    assert dialog.save_button.isEnabled() and dialog.cancel_button.isEnabled()
    assert dialog.general_error.isVisible()
    assert "not saved" in dialog.general_error.text()
    assert dialog.isVisible() and dialog.name_edit.text() == "Afon Valley Refuge"
    # Once the fault is gone, saving works and the message goes.
    monkeypatch.undo()
    save(qtbot, dialog, writer)
    assert [row.name for row in partners.rows()] == ["Afon Valley Refuge"]
