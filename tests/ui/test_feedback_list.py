"""The feedback list on a real vault: the period (past 12 months by default) and the
quick filter over summary, code and theme, both asked of the service off the GUI thread;
the newest items only, the count line saying so when capped; the source shown by code, as
an anonymous survivor or by partner; a disclosure's row with no text in any cell or role
(and not found by its words); Enter opens, the button asks to add; a lock clears it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from sec_desktop.domain.engagement_enums import FeedbackSource, Sentiment
from sec_desktop.services.disclosures import AtRisk, MinimumFacts
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.ui import feedback_list
from sec_desktop.ui.feedback_list import FeedbackList, FeedbackPeriod
from sec_desktop.ui.feedback_model import COLUMNS
from sec_desktop.ui.record_writer import RecordWriter
from tests.feedback_data import SECRET, Seeded, seed
from tests.records import TODAY
from tests.ui.test_participant_dialog import show

BELIEVED = "Being believed"
DELAYS = "Time and delays"
ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.UserRole + 1,
)


@pytest.fixture
def seeded(records_vault) -> Seeded:
    return seed(records_vault)


def add(services, seeded: Seeded, days_ago: int, summary: str, **kw: object) -> int:
    values: dict[str, object] = {
        "source": FeedbackSource.PARTICIPANT,
        "participant_id": seeded.quoted,
        "summary": summary,
        "sentiment": Sentiment.NEGATIVE,
        "theme_ids": (seeded.themes[DELAYS],),
        **kw,
    }
    return services.feedback.add(FeedbackDraft(TODAY - timedelta(days=days_ago), **values))  # type: ignore[arg-type]


def loaded_list(qtbot, services) -> FeedbackList:
    widget = show(qtbot, FeedbackList())
    with qtbot.waitSignal(widget.loaded, timeout=10000):
        widget.attach(services, RecordWriter())
    return widget


def filtered(qtbot, widget: FeedbackList, words: str) -> list[int]:
    """The ids shown once the service has answered the filter."""
    widget.filter_edit.setText(words)
    with qtbot.waitSignal(widget.loaded, timeout=10000):
        widget.apply_filter()
    return [widget.model.row_at(r).id for r in range(widget.model.rowCount())]


def column(widget: FeedbackList, col: int) -> list[str]:
    model = widget.model
    return [str(model.data(model.index(r, col))) for r in range(model.rowCount())]


def every_value(widget: FeedbackList) -> str:
    model = widget.model
    return " ".join(
        str(model.data(model.index(r, c), role))
        for r in range(model.rowCount())
        for c in range(COLUMNS)
        for role in ROLES
    )


def test_the_period_and_the_quick_filter(qtbot, services, seeded) -> None:
    recent = add(services, seeded, 3, "Waited weeks for an update")
    anonymous = add(
        services,
        seeded,
        100,
        "The officer believed me",
        source=FeedbackSource.ANONYMOUS,
        participant_id=None,
        theme_ids=(seeded.themes[BELIEVED],),
    )
    partner = add(
        services,
        seeded,
        200,
        "Calls not returned",
        source=FeedbackSource.PARTNER,
        participant_id=None,
        partner_id=seeded.partner,
    )
    old = add(services, seeded, 400, "Old item about delays")
    widget = loaded_list(qtbot, services)
    assert widget.period_combo.currentData() is FeedbackPeriod.MONTHS_12
    assert column(widget, 1) == ["S-0001", "Anonymous survivor", "Example IDVA Service"]
    assert column(widget, 4)[1] == BELIEVED
    assert widget.count_label.text() == "Showing 3 of 3 in the period"
    assert widget.selected_id() == recent

    # Typed words narrow the rows (all must match): a theme, a code, a summary word.
    widget.filter_edit.setFocus()
    QTest.keyClicks(widget.filter_edit, "believed")
    qtbot.waitUntil(lambda: widget.model.rowCount() == 1)
    assert widget.selected_id() == anonymous
    for words, expected in (
        ("s-0001", [recent]),
        ("time and delays", [recent, partner]),
        ("calls delays", [partner]),
        ("nothing like this", []),
    ):
        assert filtered(qtbot, widget, words) == expected
    assert widget.count_label.text() == "Showing 0 of 3 in the period"

    # A longer period reads again, the filter kept.
    widget.filter_edit.setText("delays")
    with qtbot.waitSignal(widget.loaded, timeout=10000):
        widget.period_combo.setCurrentIndex(widget.period_combo.findData(FeedbackPeriod.ANY))
    assert [widget.model.row_at(r).id for r in range(widget.model.rowCount())] == [
        recent,
        partner,
        old,
    ]
    widget.detach()
    assert widget.model.rowCount() == 0 and widget.filter_edit.text() == ""


def test_a_disclosure_row_has_no_text_and_enter_opens_it(qtbot, services, seeded) -> None:
    plain = add(services, seeded, 1, "Felt listened to")
    flagged = add(services, seeded, 2, SECRET, quote=SECRET, participant_id=seeded.no_consent)
    services.disclosures.flag(flagged, MinimumFacts("Assault", "Then", "There", AtRisk.NO))
    widget = loaded_list(qtbot, services)
    assert column(widget, 5) == ["Felt listened to", "Disclosure \u2014 open the item"]
    assert SECRET not in every_value(widget)
    assert "Quokka" not in every_value(widget)
    assert filtered(qtbot, widget, "quokka-lighthouse") == []  # its words are not found
    assert filtered(qtbot, widget, "disclosure") == []  # nor the words shown in its place
    assert filtered(qtbot, widget, "S-0004") == [flagged]
    assert widget.selected_id() == flagged

    widget.table.setFocus()
    with qtbot.waitSignal(widget.open_requested) as opened:
        QTest.keyClick(widget.table, Qt.Key.Key_Return)
    assert opened.args == ["feedback", flagged]
    with qtbot.waitSignal(widget.add_requested):
        widget.add_button.click()
    assert plain != flagged
    for field in (widget.period_combo, widget.filter_edit, widget.add_button, widget.table):
        assert field.accessibleName()


def test_only_the_newest_items_are_shown_and_the_count_line_says_so(
    qtbot, services, seeded, monkeypatch
) -> None:
    monkeypatch.setattr(feedback_list, "PAGE_LIMIT", 2)
    newest = add(services, seeded, 3, "Waited weeks for an update")
    middle = add(services, seeded, 5, "The officer believed me")
    oldest = add(services, seeded, 40, "Another update, late")
    widget = loaded_list(qtbot, services)
    assert [widget.model.row_at(r).id for r in range(widget.model.rowCount())] == [
        newest,
        middle,
    ]
    assert widget.count_label.text() == (
        "Showing the newest 2 of 3 items. Narrow the period or type in the filter to find others."
    )
    widget.select(middle)
    assert filtered(qtbot, widget, "update") == [newest, oldest]  # asked of the service
    assert widget.count_label.text() == "Showing 2 of 3 in the period"  # not capped
    assert widget.selected_id() == newest  # the one chosen is gone: the first instead
    assert filtered(qtbot, widget, "e") == [newest, middle]
    assert widget.count_label.text() == (
        "Showing the newest 2 of 3 matching items. Narrow the period or add words to the "
        "filter to find others."
    )
    widget.select(middle)
    assert filtered(qtbot, widget, "E") == [newest, middle]
    assert widget.selected_id() == middle  # still shown: still chosen

    # The period and the filter together: the past 30 days leave the oldest out.
    with qtbot.waitSignal(widget.loaded, timeout=10000):
        widget.period_combo.setCurrentIndex(widget.period_combo.findData(FeedbackPeriod.DAYS_30))
    assert widget.filter_edit.text() == "E" and widget.model.rowCount() == 2
    assert widget.count_label.text() == "Showing 2 of 2 in the period"
    assert filtered(qtbot, widget, "update") == [newest]
    assert widget.count_label.text() == "Showing 1 of 2 in the period"
    assert filtered(qtbot, widget, "late update") == []
