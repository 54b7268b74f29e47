"""The risk assessment wizard by keyboard alone (every field has a name and a key, the
whole walk to "proceed" done with mnemonics), and every string of every page through
translation (checked with a pseudo-language, as tests/ui/test_translations.py does)."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel

from sec_desktop.domain.risk_enums import Answer, DashLevel, Proceedings, Readiness, RiskOutcome
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.risk_pages import ChoiceButtons
from sec_desktop.ui.risk_wizard import RiskWizard
from tests.ui.test_risk_wizard import (
    BACK,
    FINISH,
    NEXT,
    accepted,
    add_person,
    opened,
    shoot,
    through_readiness,
)
from tests.ui.test_translations import (
    PACKAGE,
    _tool,
    _untranslated,
    _visible_texts,
    pseudo_translate,
)


@pytest.fixture
def writer() -> RecordWriter:
    return RecordWriter()


@pytest.fixture
def person(services) -> int:
    return add_person(services)


@pytest.fixture
def wizard(qtbot, services, writer, person) -> RiskWizard:
    return opened(qtbot, RiskWizard(services, writer, person))


def test_plain_proceed_by_keyboard_alone(qtbot, services, writer, wizard, person) -> None:
    def alt(key) -> None:
        QTest.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)

    def clicked(key) -> None:
        """A mnemonic on a button or check box clicks it a moment later (animated)."""
        alt(key)
        QTest.qWait(150)

    def down_in(key) -> None:
        alt(key)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)

    def next_page() -> None:
        page = wizard.currentId()
        shoot(wizard, f"{page + 1}-{wizard.current_page().name}")
        alt(Qt.Key.Key_N)
        qtbot.waitUntil(lambda: wizard.currentId() == page + 1, timeout=2000)

    clicked(Qt.Key.Key_C)  # counsellor
    next_page()
    down_in(Qt.Key.Key_D)  # DASH: standard
    alt(Qt.Key.Key_W)
    QTest.keyClicks(QApplication.focusWidget(), "Police officer")
    next_page()
    down_in(Qt.Key.Key_D)
    down_in(Qt.Key.Key_C)
    alt(Qt.Key.Key_T)
    QTest.keyClicks(QApplication.focusWidget(), "Bus, daytime.")
    next_page()
    down_in(Qt.Key.Key_C)  # proceedings: none
    next_page()
    down_in(Qt.Key.Key_E)  # ready
    next_page()
    clicked(Qt.Key.Key_E)
    clicked(Qt.Key.Key_A)
    next_page()
    clicked(Qt.Key.Key_P)
    assert wizard.pages[6].outcome.value() is RiskOutcome.PROCEED
    shoot(wizard, "7-outcome")
    with qtbot.waitSignal(wizard.saved, timeout=10000):
        alt(Qt.Key.Key_F)
    qtbot.waitUntil(lambda: not writer.busy)

    a = services.risk.current(person).answers
    assert a.outcome is RiskOutcome.PROCEED and a.dash_level is DashLevel.STANDARD
    assert a.has_counsellor and a.dash_source == "Police officer"
    assert a.harmer_in_contact is Answer.YES and a.harmer_could_learn is Answer.YES
    assert a.safe_travel == "Bus, daytime." and a.proceedings is Proceedings.NONE
    assert a.readiness is Readiness.READY
    assert a.confidentiality_explained and a.confidentiality_acknowledged
    assert services.groups.eligibility(person).allowed


def test_every_field_has_a_name_and_a_key(wizard) -> None:
    for page in wizard.pages:
        labels = {label.buddy(): label.text() for label in page.findChildren(QLabel)}
        for name, field in page.fields.items():
            assert field.accessibleName(), name
            if isinstance(field, QCheckBox):
                assert "&" in field.text(), name
            elif isinstance(field, ChoiceButtons):
                assert all("&" in radio.text() for radio in field.buttons.values())
            else:
                assert "&" in labels.get(field, ""), name
    for which in (NEXT, BACK, FINISH):
        assert "&" in wizard.buttonText(which)


def test_every_string_of_every_page_goes_through_translation(
    qapp, qtbot, services, person, tmp_path
) -> None:
    ts_file = tmp_path / "risk_cy.ts"
    sources = [
        *sorted(str(p) for p in (PACKAGE / "ui").glob("risk_*.py")),
        str(PACKAGE / "ui" / "participant_fields.py"),
        str(PACKAGE / "domain" / "risk_enums.py"),
    ]
    for tool, args in (
        ("pyside6-lupdate", [*sources, "-ts", str(ts_file)]),
        ("pyside6-lrelease", [str(ts_file)]),
    ):
        done = subprocess.run([_tool(tool), *args], check=False, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        if tool == "pyside6-lupdate":
            assert pseudo_translate(ts_file) > 80
    translator = QTranslator()
    assert translator.load(str(tmp_path / "risk_cy.qm"))
    qapp.installTranslator(translator)
    try:
        wizard = opened(qtbot, RiskWizard(services, RecordWriter(), person))
        through_readiness(qtbot, wizard, DashLevel.HIGH, Proceedings.PRE_TRIAL)
        accepted(qtbot, wizard)
        for index in range(6, -1, -1):
            assert wizard.currentId() == index
            assert _untranslated(_visible_texts(wizard)) == [], index
            wizard.back()
    finally:
        qapp.removeTranslator(translator)
