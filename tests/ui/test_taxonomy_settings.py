"""Journey stages and themes in Settings, on a real vault: both lists with how many items
use each term, adding (a refusal shown in the dialog, which stays open), renaming,
retiring and bringing back, moving, and a delete refused while the term is in use; all
by keyboard, every control named."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from sec_desktop.domain.engagement_enums import FeedbackSource, TermKind
from sec_desktop.domain.taxonomy import SEED_STAGES, SEED_THEMES
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.taxonomy_settings import TaxonomySettings, TermList
from tests.records import TODAY
from tests.ui.test_participant_dialog import message_under, save_accepted, save_refused
from tests.ui.test_translations import (  # noqa: F401 (a fixture)
    _untranslated,
    _visible_texts,
    pseudo_language,
)

BELIEVED = "Being believed"


@pytest.fixture
def writer(qtbot):
    return RecordWriter()


@pytest.fixture
def settings(qtbot, services, writer):
    widget = TaxonomySettings()
    qtbot.addWidget(widget)
    widget.resize(900, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.loaded, timeout=10000):
        widget.attach(services, writer)
    return widget


def column(terms: TermList, index: int) -> list[str]:
    table = terms.table
    return [table.item(row, index).text() for row in range(table.rowCount())]


def choose(terms: TermList, name: str) -> None:
    row = column(terms, 0).index(name)
    terms.table.setFocus()
    terms.table.selectRow(row)
    terms.table.setCurrentCell(row, 0)


def press(qtbot, settings: TaxonomySettings, push) -> None:
    """Press a button by keyboard and wait until the lists are read again."""
    push.setFocus()
    with qtbot.waitSignal(settings.loaded, timeout=10000):
        QTest.keyClick(push, Qt.Key.Key_Space)


def coded_with(services, theme_name: str, times: int) -> None:
    theme = next(t.id for t in services.taxonomy.terms(TermKind.THEME) if t.name == theme_name)
    for _ in range(times):
        services.feedback.add(
            FeedbackDraft(
                received_on=TODAY,
                source=FeedbackSource.ANONYMOUS,
                summary="Synthetic feedback",
                theme_ids=(theme,),
            )
        )


def test_both_lists_show_their_terms_and_how_much_each_is_used(qtbot, services, writer) -> None:
    coded_with(services, BELIEVED, 2)
    coded_with(services, "Housing and money", 1)
    widget = TaxonomySettings()
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=10000):
        widget.attach(services, writer)

    assert column(widget.stages, 0) == list(SEED_STAGES)
    assert column(widget.themes, 0) == list(SEED_THEMES)
    used = dict(zip(column(widget.themes, 0), column(widget.themes, 1), strict=True))
    assert used[BELIEVED] == "2 items"
    assert used["Housing and money"] == "1 item"
    assert used["Time and delays"] == "Not used"

    widget.detach()
    assert widget.themes.table.rowCount() == 0
    assert not widget.themes.add_button.isEnabled()


def test_adding_a_term_refused_then_accepted_in_the_same_dialog(
    qtbot, settings, services, writer
) -> None:
    settings.themes.add_button.setFocus()
    QTest.keyClick(settings.themes.add_button, Qt.Key.Key_Space)
    dialog = settings.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Add a theme"

    QTest.keyClicks(dialog.name_edit, "  being BELIEVED ")
    save_refused(qtbot, dialog)
    assert (
        message_under(dialog, "name")
        == "There is already a theme called \u201cBeing believed\u201d."
    )
    assert dialog.name_edit.text() == "  being BELIEVED "

    dialog.name_edit.setText("Interpreters and translation")
    with qtbot.waitSignal(settings.loaded, timeout=10000):
        save_accepted(qtbot, dialog, writer)
    assert column(settings.themes, 0)[-1] == "Interpreters and translation"
    assert settings.themes.selected().name == "Interpreters and translation"
    assert settings.feedback.text() == "Added."


def test_renaming_retiring_bringing_back_and_moving(qtbot, settings, services, writer) -> None:
    themes = settings.themes
    choose(themes, "Time and delays")
    QTest.keyClick(themes.rename_button, Qt.Key.Key_Space)
    dialog = settings.dialog
    assert dialog.name_edit.text() == "Time and delays"
    dialog.name_edit.setText("Time, delays and waiting")
    with qtbot.waitSignal(settings.loaded, timeout=10000):
        save_accepted(qtbot, dialog, writer)
    assert "Time, delays and waiting" in column(themes, 0)
    settings.activateWindow()
    qtbot.waitUntil(settings.isActiveWindow)

    choose(themes, "Time, delays and waiting")
    assert themes.retire_button.text() == "Retire"
    press(qtbot, settings, themes.retire_button)
    row = column(themes, 0).index("Time, delays and waiting")
    assert column(themes, 2)[row] == "Retired"
    assert themes.table.item(row, 0).font().italic()
    assert themes.retire_button.text() == "Bring back"
    assert "Time, delays and waiting" not in [
        t.name for t in services.taxonomy.terms(TermKind.THEME)
    ]
    assert "is retired" in settings.feedback.text()

    press(qtbot, settings, themes.retire_button)
    assert column(themes, 2)[row] == "Offered"

    assert not themes.table.item(row, 0).font().italic()
    press(qtbot, settings, themes.up_button)
    assert column(themes, 0).index("Time, delays and waiting") == row - 1
    # Still on the button: pressed again, it moves the term again.
    assert QApplication.focusWidget() is themes.up_button
    assert themes.selected().name == "Time, delays and waiting"
    press(qtbot, settings, themes.down_button)
    press(qtbot, settings, themes.down_button)
    assert column(themes, 0).index("Time, delays and waiting") == row + 1

    choose(themes, SEED_THEMES[0])
    assert not themes.up_button.isEnabled()
    choose(themes, column(themes, 0)[-1])
    assert not themes.down_button.isEnabled()


def test_a_term_in_use_is_not_deleted_and_the_reason_is_shown(
    qtbot, services, writer, settings
) -> None:
    coded_with(services, BELIEVED, 3)
    with qtbot.waitSignal(settings.loaded, timeout=10000):
        settings.attach(services, writer)
    themes = settings.themes

    choose(themes, BELIEVED)
    press(qtbot, settings, themes.delete_button)
    assert settings.feedback.is_error()
    assert settings.feedback.text() == (
        "This theme cannot be deleted: items are coded with it (3). Retire it instead: those "
        "items keep it, and it is no longer offered for new ones."
    )
    assert BELIEVED in column(themes, 0)

    choose(themes, "Housing and money")
    press(qtbot, settings, themes.delete_button)
    assert "Housing and money" not in column(themes, 0)
    assert not settings.feedback.is_error()


def test_every_control_is_named_and_reached_by_tab(qtbot, settings) -> None:
    settings.activateWindow()
    qtbot.waitUntil(settings.isActiveWindow)
    choose(settings.themes, SEED_THEMES[3])
    wanted = [
        w
        for terms in (settings.stages, settings.themes)
        for w in (terms.table, *terms.buttons())
        if w.isEnabled()
    ]
    settings.stages.table.setFocus()
    reached = []
    for _ in range(40):
        widget = QApplication.focusWidget()
        if widget not in reached:
            reached.append(widget)
        QTest.keyClick(widget, Qt.Key.Key_Tab)
    assert [w for w in wanted if w not in reached] == []
    assert all(w.accessibleName() for w in wanted)


def shown(widget) -> list[tuple[str, str]]:
    return [(where, text) for where, text in _visible_texts(widget) if text]


def test_every_visible_string_goes_through_translation(
    qtbot,
    qapp,
    services,
    writer,
    pseudo_language,  # noqa: F811 (the fixture imported above)
) -> None:
    translator = QTranslator()
    assert translator.load(str(pseudo_language / "sec_desktop_cy.qm"))
    qapp.installTranslator(translator)
    try:
        widget = TaxonomySettings()
        qtbot.addWidget(widget)
        with qtbot.waitSignal(widget.loaded, timeout=10000):
            widget.attach(services, writer)
        choose(widget.themes, BELIEVED)
        assert _untranslated(shown(widget)) == []
        headers = [
            widget.themes.table.horizontalHeaderItem(c).text()
            for c in range(widget.themes.table.columnCount())
        ]
        assert _untranslated([("header", h) for h in headers]) == []
        assert _untranslated([("used", t) for t in column(widget.themes, 1)]) == []
        widget.themes.add_button.click()
        assert _untranslated(shown(widget.dialog)) == []
        widget.dialog.reject()
    finally:
        qapp.removeTranslator(translator)
