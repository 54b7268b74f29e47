"""The search panel on a real vault: search and open a result by keyboard, the matched
words in bold with the user's text escaped, disclosures with no text, the count line,
one search per pause in typing, stale results dropped, and results kept up to date."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from sec_desktop.domain.engagement_enums import FeedbackSource
from sec_desktop.services.disclosures import AtRisk, MinimumFacts
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.search import OPENS_CASE, OPENS_FEEDBACK
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.search_panel import HTML_ROLE, SHOWN, SearchPanel
from tests.records import TODAY
from tests.services.test_search import Searchable, write_searchable
from tests.ui.test_translations import (  # noqa: F401 (a fixture)
    _untranslated,
    _visible_texts,
    pseudo_language,
)


@pytest.fixture
def writer(qtbot):
    return RecordWriter()


@pytest.fixture
def data(records_vault) -> Searchable:
    return write_searchable(records_vault)


@pytest.fixture
def panel(qtbot, services, writer, data):
    widget = SearchPanel()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.attach(services, writer)
    return widget


def add(services, summary: str, **changes: object) -> int:
    values: dict[str, object] = {
        "received_on": TODAY,
        "source": FeedbackSource.ANONYMOUS,
        "summary": summary,
        **changes,
    }
    return services.feedback.add(FeedbackDraft(**values))  # type: ignore[arg-type]


def typed(qtbot, panel: SearchPanel, text: str) -> None:
    """Type into the box as a user would, and wait for the results."""
    panel.focus_search()
    with qtbot.waitSignal(panel.searched, timeout=10000):
        QTest.keyClicks(panel.box, text)


def texts(panel: SearchPanel) -> list[str]:
    return [panel.results.item(row).text() for row in range(panel.results.count())]


def test_search_and_open_a_result_by_keyboard(qtbot, panel, services) -> None:
    item = add(services, "The capybara officer listened.")
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)

    typed(qtbot, panel, "capyb")
    assert texts(panel) == [
        f"Feedback from an anonymous survivor \u2014 {shown_date(TODAY)} \u2014 "
        "The capybara officer listened."
    ]
    assert panel.status.text() == "1 match."

    QTest.keyClick(panel.box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is panel.results
    assert panel.results.currentRow() == 0
    with qtbot.waitSignal(panel.open_requested) as opened:
        QTest.keyClick(panel.results, Qt.Key.Key_Return)
    assert opened.args == [OPENS_FEEDBACK, item]

    QTest.keyClick(panel.results, Qt.Key.Key_Up)
    assert QApplication.focusWidget() is panel.box


def test_enter_in_the_box_searches_at_once_and_a_case_opens_its_case(qtbot, panel, data) -> None:
    panel.box.setText("wombat ")
    with qtbot.waitSignal(panel.searched, timeout=10000):
        QTest.keyClick(panel.box, Qt.Key.Key_Return)
    assert texts(panel)[0].startswith("DA panel case GW/12345/26: timeline")
    with qtbot.waitSignal(panel.open_requested) as opened:
        panel.results.doubleClicked.emit(panel.results.model().index(0, 0))
        panel.results.activated.emit(panel.results.model().index(0, 0))
    assert opened.args == [OPENS_CASE, data.case]


def test_the_matched_words_are_bold_and_the_text_is_escaped(qtbot, panel, services) -> None:
    add(services, "<img src=x> & <b>not bold</b> capybara")

    typed(qtbot, panel, "capybara")
    rich = panel.results.item(0).data(HTML_ROLE)
    assert "<b>capybara</b>" in rich
    assert "&lt;img src=x&gt; &amp; &lt;b&gt;not bold&lt;/b&gt;" in rich
    assert "<img" not in rich


def test_a_disclosure_is_listed_with_no_text(qtbot, panel, services) -> None:
    item = add(services, "Quokka-lighthouse 7731", source=FeedbackSource.ANONYMOUS)
    services.disclosures.flag(item, MinimumFacts("Assault", "Last year", "At home", AtRisk.NO))

    typed(qtbot, panel, "quokka")
    (shown,) = texts(panel)
    assert shown.endswith("Disclosure \u2014 open the item to see it")
    assert "lighthouse" not in shown.lower()
    assert "lighthouse" not in panel.results.item(0).data(HTML_ROLE).lower()


def test_the_count_line_says_how_many_are_shown_of_how_many(qtbot, panel, services) -> None:
    for n in range(SHOWN + 5):
        add(services, f"Tapir visit {n}")

    typed(qtbot, panel, "tapir")
    assert panel.results.count() == SHOWN
    assert panel.status.text() == f"Showing {SHOWN} of {SHOWN + 5} matches."

    panel.box.clear()
    with qtbot.waitSignal(panel.searched, timeout=10000):
        QTest.keyClicks(panel.box, "zzyzx")
    assert panel.results.count() == 0
    assert panel.status.text().startswith("Nothing matches \u201czzyzx\u201d.")


def test_typing_a_word_searches_once_and_only_the_newest_is_shown(qtbot, panel, services) -> None:
    add(services, "The capybara officer listened.")
    shown: list[str] = []
    panel.searched.connect(lambda: shown.append(panel.status.text()))

    typed(qtbot, panel, "capybara")
    qtbot.wait(400)
    assert shown == ["1 match."]

    # The first is still running when the second is asked for: only the second shows.
    panel.box.setText("wombat")
    panel.search_now()
    panel.box.setText("marmoset")
    with qtbot.waitSignal(panel.searched, timeout=10000):
        panel.search_now()
    qtbot.wait(300)
    assert len(shown) == 2
    assert texts(panel)[0].startswith("Focus group: Courts focus group")


def test_results_follow_writes_and_detach_clears_everything(qtbot, panel, services, writer) -> None:
    item = add(services, "The capybara officer listened.")
    typed(qtbot, panel, "capybara")
    assert panel.results.count() == 1

    with qtbot.waitSignal(panel.searched, timeout=10000):
        writer.write(lambda: services.feedback.delete(item), lambda _r: None, lambda _e: None)
    assert panel.results.count() == 0

    panel.detach()
    assert panel.box.text() == ""
    assert panel.results.count() == 0
    assert not panel.box.isEnabled()


def test_the_box_and_the_results_are_named(panel) -> None:
    assert panel.box.accessibleName() == "Search"
    assert panel.results.accessibleName() == "Search results"
    assert panel.box.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert panel.results.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_every_visible_string_goes_through_translation(
    qtbot,
    qapp,
    services,
    writer,
    pseudo_language,  # noqa: F811 (the fixture imported above)
) -> None:
    item = add(services, "Quokka 7731 capybara")
    services.disclosures.flag(item, MinimumFacts("Assault", "Last year", "At home", AtRisk.NO))
    add(services, "A capybara again.")
    translator = QTranslator()
    assert translator.load(str(pseudo_language / "sec_desktop_cy.qm"))
    qapp.installTranslator(translator)
    try:
        panel = SearchPanel()
        qtbot.addWidget(panel)
        panel.attach(services, writer)
        assert _untranslated([(w, t) for w, t in _visible_texts(panel) if t]) == []
        typed(qtbot, panel, "capybara")
        assert _untranslated([(w, t) for w, t in _visible_texts(panel) if t]) == []
        assert _untranslated([("result", text) for text in texts(panel)]) == []
        assert any("\u2039Disclosure" in text for text in texts(panel))
    finally:
        qapp.removeTranslator(translator)
