"""The "before you contact them" panel: the rules in words, each "do NOT" in bold, and a
plain warning when no rules are recorded."""

from __future__ import annotations

from datetime import time

from PySide6.QtWidgets import QApplication

from sec_desktop.domain.enums import ContactChannel, Weekday
from sec_desktop.services.participant_records import SafeContactRules
from sec_desktop.settings import Theme
from sec_desktop.ui.before_you_contact import BeforeYouContactPanel
from sec_desktop.ui.theme import apply_theme

NO_RULES = "No safe contact rules are recorded: do not contact this person until they are."
RULES = SafeContactRules(
    channels=frozenset({ContactChannel.TEXT, ContactChannel.PHONE}),
    phone="07700 900123",
    safe_days=frozenset({Weekday.WEDNESDAY, Weekday.MONDAY}),
    safe_from=time(10, 0),
    safe_until=time(14, 30),
    times_note="Not during the school run",
    code_word="bluebell",
    third_party_name="Sian",
    third_party_relationship="sister",
    notes="Text first.",
)


def panel(qtbot, rules: SafeContactRules | None) -> BeforeYouContactPanel:
    widget = BeforeYouContactPanel()
    qtbot.addWidget(widget)
    widget.show_rules(rules)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_rules_are_said_in_full_with_the_do_nots_in_bold(qtbot) -> None:
    widget = panel(qtbot, RULES)
    assert widget.text().splitlines() == [
        "Before you contact them",
        "Do NOT leave a voicemail.",
        "Do NOT say you are from the police.",
        "Allowed ways: Phone call, Text message",
        "Safe days: Monday, Wednesday",
        "Safe times: From 10:00 until 14:30. Not during the school run",
        "Code word: bluebell",
        "Trusted third party: Sian (sister)",
        "Notes: Text first.",
    ]
    assert widget.voicemail_label.font().bold() and widget.police_label.font().bold()
    assert widget.accessibleDescription() == widget.text()
    assert not widget.no_rules_label.isVisible()


def test_what_is_allowed_is_said_plainly(qtbot) -> None:
    allowed = SafeContactRules(
        channels=frozenset({ContactChannel.EMAIL}),
        email="robin@example.org",
        voicemail_allowed=True,
        may_say_police=True,
        safe_from=time(18, 0),
    )
    widget = panel(qtbot, allowed)
    lines = widget.text().splitlines()
    assert "A voicemail may be left." in lines
    assert "You may say you are from the police." in lines
    assert "Safe times: From 18:00" in lines
    assert "Safe days: No safe days recorded" in lines
    assert "Code word: None" in lines
    assert not widget.voicemail_label.font().bold()
    assert not any("Do NOT" in line for line in lines)


def test_with_no_rules_it_says_not_to_make_contact(qtbot) -> None:
    for rules in (None, SafeContactRules(), SafeContactRules(phone="07700 900123")):
        widget = panel(qtbot, rules)
        assert widget.text().splitlines() == ["Before you contact them", NO_RULES]
        assert widget.no_rules_label.isVisible() and widget.no_rules_label.font().bold()
        assert not widget.voicemail_label.isVisible()


def test_showing_other_rules_leaves_nothing_of_the_last(qtbot) -> None:
    widget = panel(qtbot, RULES)
    widget.show_rules(None)
    assert "bluebell" not in widget.text()
    assert widget.code_word_value.text() == ""


def test_it_reads_in_the_dark_theme(qtbot) -> None:
    app = QApplication.instance()
    apply_theme(app, Theme.DARK)
    try:
        widget = panel(qtbot, RULES)
        image = widget.grab().toImage()
        inside = image.pixelColor(image.width() - 20, image.height() // 2)
        text = widget.voicemail_label.palette().color(widget.voicemail_label.foregroundRole())
        # A dark panel with light text: the palette's colours, not fixed light ones.
        assert inside.lightness() < 100 < text.lightness()
    finally:
        apply_theme(app, Theme.SYSTEM)
