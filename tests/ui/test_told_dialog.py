"""Who to tell and the telling form on a real vault: a person whose consent to be contacted
was withdrawn (or who has left) is listed as not contactable, never overdue, and cannot
be told; a contactable person not told four weeks after closing is overdue, in words and
colour; anonymous and partner items are counted; the form shows the safe contact rules
first, offers only the channels allowed, and keeps what was typed when refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtTest import QTest

from sec_desktop.domain.action_enums import ActionStatus
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.today_page import overdue_colour
from sec_desktop.ui.told_dialog import ToldDialog
from sec_desktop.ui.who_to_tell_panel import TOLD
from tests.action_data import ActionSeed, close_back, raise_closed, seed_actions
from tests.records import TODAY
from tests.ui.test_actions_area import refused, save, shown_area

WITHDRAWN = "Not contactable. Their consent to be contacted was withdrawn: do not contact them."


@pytest.fixture
def seeded(records_vault) -> ActionSeed:
    return seed_actions(records_vault)


def test_withdrawn_consent_is_not_contactable_and_never_overdue(
    qtbot, services, records_vault, seeded
) -> None:
    action_id = raise_closed(
        services,
        [
            seeded.first,
            seeded.withdrawn_item,
            seeded.left_item,
            seeded.anonymous,
            seeded.partner_item,
        ],
    )
    close_back(records_vault, action_id, TODAY - timedelta(days=40))
    area = shown_area(qtbot, services, RecordWriter())
    assert area.open_action(action_id)
    who = area.view.who
    assert who.texts() == [
        "S-0101 | 1 | Welsh (Cymraeg) | Overdue: not told within 28 days",
        f"S-0102 | 1 | English | {WITHDRAWN}",
        "S-0103 | 1 | English | Not contactable. They have left: do not contact them.",
    ]
    assert who.counts_label.text() == (
        "Anonymous items: 1 (no one to tell). Items given by partners: 1 (tell the partner)."
    )
    colour = overdue_colour(who.table)
    assert who.table.item(0, TOLD).foreground().color() == colour
    assert who.table.item(0, TOLD).font().bold()
    assert not who.table.item(1, TOLD).font().bold()
    assert who.table.item(1, TOLD).foreground().color() != colour

    assert who.choose(seeded.withdrawn)
    assert not who.tell_button.isEnabled()
    assert who.contact_panel.isHidden()
    assert who.not_contactable_label.text().startswith("S-0102 is not contactable.")
    assert area.tell(action_id, seeded.withdrawn) is None
    assert who.choose(seeded.to_tell)
    assert who.tell_button.isEnabled() and not who.contact_panel.isHidden()
    assert "Code word: Heron" in who.contact_panel.text()


def test_the_form_shows_the_rules_first_and_only_safe_channels(qtbot, services, seeded) -> None:
    action_id = raise_closed(services, [seeded.first], status=ActionStatus.DECLINED)
    writer = RecordWriter()
    area = shown_area(qtbot, services, writer)
    assert area.open_action(action_id)
    assert area.view.values["reason"].text() == "Call-backs are now tracked by the team"
    dialog = area.tell(action_id, seeded.to_tell)
    assert isinstance(dialog, ToldDialog)
    assert "S-0101" in dialog.intro.text()
    assert "Do NOT leave a voicemail." in dialog.contact_panel.text()
    assert dialog.language_label.text() == "Preferred language: Welsh (Cymraeg)"
    channels = [dialog.channel_combo.itemText(i) for i in range(dialog.channel_combo.count())]
    assert channels == ["Phone", "Text message", "In person", "Through a partner (IDVA/ISVA)"]
    assert dialog.told_edit.minimumDate() == dialog.told_edit.maximumDate()  # closed today

    for field in (dialog.told_edit, dialog.channel_combo, dialog.said_edit):
        assert field.accessibleName()
    refused(qtbot, dialog)
    assert dialog.errors.message("what_was_said") == "Say what they were told."
    QTest.keyClicks(dialog.said_edit, "Told them the change could not be made, and why")
    save(qtbot, dialog, writer)
    assert area.view.who.texts()[0].endswith("Told 25 Nov 2026 (Phone)")
    assert not area.view.who.tell_button.isEnabled()
