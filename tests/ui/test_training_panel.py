"""The Engagements area's "Training and awareness" tab on a real vault: a material added
by code; a session choosing a material whose survivor's training consent has lapsed is
refused with the service's message (nothing saved, nothing lost), then recorded with a
current one; lapsed materials marked "consent lapsed \u2014 do not use" and listed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from sec_desktop.domain.action_enums import MaterialKind, TrainingKind
from sec_desktop.domain.enums import ConsentMethod, ConsentPurpose
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.participant_records import ParticipantDetails
from sec_desktop.services.training_records import MaterialDetails
from sec_desktop.ui.engagements_page import EngagementsPage
from sec_desktop.ui.participant_fields import choose
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.training_material_dialog import TrainingMaterialDialog
from sec_desktop.ui.training_session_dialog import TrainingSessionDialog
from tests.records import TODAY
from tests.ui.test_participant_dialog import assert_keyboard_complete
from tests.ui.test_service_recovery import shot

LAPSED = "Consent lapsed \u2014 do not use"


@pytest.fixture
def writer(qtbot) -> RecordWriter:
    return RecordWriter()


@pytest.fixture
def people(services) -> dict[str, int]:
    """Two survivors who agreed to training use; the second has since withdrawn."""
    consent = services.consent
    ids = {}
    for key, name in (("current", "Robin Calloway"), ("lapsed", "Sam Price")):
        person = services.roster.add(ParticipantDetails(name=name)).id
        given = consent.give(
            person,
            ConsentGiven(
                ConsentPurpose.TRAINING,
                TODAY - timedelta(days=60),
                ConsentMethod.WRITTEN,
                review_on=TODAY + timedelta(days=200),
            ),
        )
        ids[key] = person
        ids[f"{key}_consent"] = given
    return ids


@pytest.fixture
def page(qtbot, services, writer, people) -> EngagementsPage:
    widget = EngagementsPage()
    qtbot.addWidget(widget)
    widget.resize(1180, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.attach(services, writer)
    widget.tabs.setCurrentWidget(widget.training)
    return widget


def code_of(services, participant_id: int) -> str:
    return services.roster.record(participant_id).ref.code


def check_material(dialog: TrainingSessionDialog, material_id: int, on: bool = True) -> None:
    for index in range(dialog.materials_list.count()):
        item = dialog.materials_list.item(index)
        if item.data(Qt.ItemDataRole.UserRole) == material_id:
            dialog.materials_list.setCurrentRow(index)
            dialog.materials_list.setFocus()
            state = item.checkState() == Qt.CheckState.Checked
            if state != on:
                QTest.keyClick(dialog.materials_list, Qt.Key.Key_Space)
            assert (item.checkState() == Qt.CheckState.Checked) == on
            return
    raise AssertionError(material_id)


def add_material_by_keyboard(qtbot, services, writer, panel, people) -> int:
    current_code = code_of(services, people["current"])
    # A material added with the form, by keyboard (the survivor chosen by code).
    panel.new_material_button.setFocus()
    QTest.keyClick(panel.new_material_button, Qt.Key.Key_Space)
    dialog = panel.dialog
    assert isinstance(dialog, TrainingMaterialDialog)
    assert_keyboard_complete(qtbot, dialog)
    QTest.keyClicks(dialog.title_edit, "Video: the first 999 call")
    choose(dialog.kind_combo, MaterialKind.VIDEO)
    codes = [dialog.participant_combo.itemText(i) for i in range(dialog.participant_combo.count())]
    assert current_code in codes and "Robin Calloway" not in " ".join(codes)
    choose(dialog.participant_combo, people["current"])
    with qtbot.waitSignal(writer.written, timeout=10000):
        dialog.title_edit.setFocus()
        QTest.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.dialog is None)
    current = next(
        m.id for m in services.training.materials() if m.participant_code == current_code
    )
    return current


def test_training_consent_refusal_and_lapsed_list(  # noqa: PLR0917 (fixtures)
    qtbot, services, writer, page, people, tmp_path
) -> None:
    panel = page.training
    assert page.tabs.tabText(page.tabs.indexOf(panel)) == "Trainin&g and awareness"
    lapsed_code = code_of(services, people["lapsed"])

    current = add_material_by_keyboard(qtbot, services, writer, panel, people)

    lapsed = services.training.add_material(
        MaterialDetails("Case study: court day", MaterialKind.CASE_STUDY, people["lapsed"])
    )
    services.consent.withdraw(people["lapsed"], people["lapsed_consent"])
    panel.reload()

    # The lapsed material is marked in the table and listed above it.
    rows = {
        panel.materials_table.item(r, 0).text(): panel.materials_table.item(r, 3).text()
        for r in range(panel.materials_table.rowCount())
    }
    assert rows["Case study: court day"] == LAPSED
    assert rows["Video: the first 999 call"].startswith("Current")
    assert (
        panel.lapsed_label.text() == f"{LAPSED}: \u201cCase study: court day\u201d ({lapsed_code})"
    )

    # A session using it is refused, saying which material and why; nothing saved.
    QTest.keyClick(panel.new_session_button, Qt.Key.Key_Space)
    session = panel.dialog
    assert isinstance(session, TrainingSessionDialog)
    assert_keyboard_complete(qtbot, session)
    choose(session.kind_combo, TrainingKind.OFFICER_TRAINING)
    QTest.keyClicks(session.title_edit, "Response officers: first contact")
    QTest.keyClicks(session.audience_edit, "New response officers")
    session.attending_spin.setValue(24)
    check_material(session, lapsed)
    check_material(session, current)
    listed = [session.materials_list.item(i).text() for i in range(session.materials_list.count())]
    assert any("CONSENT LAPSED" in text and lapsed_code in text for text in listed)
    session.title_edit.setFocus()
    QTest.keyClick(session.title_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not session.busy)
    assert session.isVisible()
    message = session.general_error.text()
    assert "cannot be used" in message and lapsed_code in message and "court day" in message
    assert session.materials_list.currentItem().data(Qt.ItemDataRole.UserRole) == lapsed
    assert services.training.sessions() == []
    assert session.title_edit.text() == "Response officers: first contact"
    shot(session, "recovery-training-refused", tmp_path)

    # Without it, the session is recorded and listed.
    check_material(session, lapsed, on=False)
    with qtbot.waitSignal(writer.written, timeout=10000):
        session.title_edit.setFocus()
        QTest.keyClick(session.title_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.dialog is None)
    table = panel.sessions_table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(1, 6)] == [
        "Officer training",
        "Response officers: first contact",
        "New response officers",
        "24",
        "1",
    ]
    recorded = services.training.session(services.training.sessions()[0].id)
    assert [m.id for m in recorded.materials] == [current]
    shot(page, "recovery-training-tab", tmp_path)


def test_a_session_form_survives_a_lock(qtbot, services, writer, page) -> None:
    panel = page.training
    dialog = panel.new_session()
    QTest.keyClicks(dialog.title_edit, "Control room briefing")
    state = page.take_draft()
    page.detach()
    assert panel.sessions_table.rowCount() == 0 and panel.dialog is None
    page.attach(services, writer)
    page.restore_draft(state)
    again = panel.dialog
    assert isinstance(again, TrainingSessionDialog)
    assert again.title_edit.text() == "Control room briefing"
    assert page.tabs.currentWidget() is panel
