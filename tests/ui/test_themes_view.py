"""The themes view against a small real vault: the counts table, the drill-down by
keyboard (and opening an item), the period chooser (quick choices, a custom period, a
period refused), and no disclosure text anywhere: models, headers, chart and labels."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QAbstractItemModel, QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QTableView

from sec_desktop.domain.engagement_enums import Sentiment
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.themes_model import SENTIMENTS, Period
from sec_desktop.ui.themes_view import ThemesView
from sec_desktop.vault.vault import Vault
from tests.feedback_data import SECRET
from tests.records import TODAY
from tests.services.test_themes import (
    BELIEVED,
    CHILDREN,
    COURT,
    DELAYS,
    END,
    HOUSING,
    START,
    Coded,
    write_coded,
)

WAIT_MS = 10_000
_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
)


@pytest.fixture
def coded(records_vault: Vault) -> Coded:
    return write_coded(records_vault)


@pytest.fixture
def view(qtbot, services: RecordServices, coded: Coded) -> Iterator[ThemesView]:
    themes = ThemesView()
    qtbot.addWidget(themes)
    themes.resize(1280, 800)
    themes.show()
    with qtbot.waitSignal(themes.loaded, timeout=WAIT_MS):
        themes.attach(services, RecordWriter())
    yield themes
    themes.detach()


def choose_period(qtbot, view: ThemesView, start: date, end: date) -> None:
    """Typed into the date fields: counted again once the typing pauses."""
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        view.from_edit.setDate(QDate(start.year, start.month, start.day))
        view.to_edit.setDate(QDate(end.year, end.month, end.day))


def row_of(model: QAbstractItemModel, header: str) -> int:
    rows = model.rowCount()
    names = [
        model.headerData(r, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
        for r in range(rows)
    ]
    return names.index(header)


def column_of(model: QAbstractItemModel, header: str) -> int:
    columns = model.columnCount()
    names = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        for c in range(columns)
    ]
    return names.index(header)


def shown(model: QAbstractItemModel, row: int, column: int) -> str:
    return str(model.data(model.index(row, column)))


def test_the_table_shows_the_counts_of_the_period(qtbot, view: ThemesView) -> None:
    choose_period(qtbot, view, START, END)
    assert view.period_combo.currentData() is Period.CUSTOM
    model = view.counts_model
    believed, court = row_of(model, BELIEVED), column_of(model, COURT)
    total_row, total_column = model.rowCount() - 1, model.columnCount() - 1
    assert shown(model, believed, court) == "2"
    assert shown(model, row_of(model, DELAYS), column_of(model, "No stage")) == "1"
    assert shown(model, row_of(model, "No theme"), court) == "1"
    assert shown(model, believed, total_column) == "2"
    assert shown(model, total_row, court) == "4"  # once each, though one has two themes
    assert shown(model, total_row, total_column) == "5"
    themes = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert f"{HOUSING} (retired)" in themes
    assert not any(CHILDREN in str(t) for t in themes)
    assert view.summary_label.text() == ("5 items counted; 1 disclosure left out of these figures.")
    sentiment = view.sentiment_model
    assert shown(sentiment, row_of(sentiment, DELAYS), SENTIMENTS.index(None)) == "1"


def test_a_count_drills_down_by_keyboard_and_an_item_opens(
    qtbot, view: ThemesView, coded: Coded
) -> None:
    choose_period(qtbot, view, START, END)
    model = view.counts_model
    view.counts_table.setCurrentIndex(model.index(row_of(model, BELIEVED), column_of(model, COURT)))
    view.counts_table.setFocus()
    with qtbot.waitSignal(view.items_loaded, timeout=WAIT_MS):
        QTest.keyClick(view.counts_table, Qt.Key.Key_Return)
    items = view.items_model
    assert [r.id for r in items.rows] == [coded.ids["two themes"], coded.ids["first day"]]
    assert [shown(items, r, 1) for r in range(2)] == ["S-0001", "Anonymous survivor"]
    assert BELIEVED in view.drill_heading.text() and COURT in view.drill_heading.text()
    view.items_table.setFocus()
    QTest.keyClick(view.items_table, Qt.Key.Key_Down)
    with qtbot.waitSignal(view.open_requested, timeout=WAIT_MS) as opened:
        QTest.keyClick(view.items_table, Qt.Key.Key_Return)
    assert opened.args == ["feedback", coded.ids["first day"]]

    # The grand total lists every item counted; a sentiment cell only its own.
    total = model.index(model.rowCount() - 1, model.columnCount() - 1)
    view.counts_table.setCurrentIndex(total)
    with qtbot.waitSignal(view.items_loaded, timeout=WAIT_MS):
        QTest.keyClick(view.counts_table, Qt.Key.Key_Enter)
    assert len(items.rows) == 5
    sentiment = view.sentiment_model
    negative = sentiment.index(row_of(sentiment, BELIEVED), SENTIMENTS.index(Sentiment.NEGATIVE))
    view.tabs.setCurrentWidget(view.sentiment_table)
    view.sentiment_table.setCurrentIndex(negative)
    with qtbot.waitSignal(view.items_loaded, timeout=WAIT_MS):
        QTest.keyClick(view.sentiment_table, Qt.Key.Key_Return)
    assert [r.id for r in items.rows] == [coded.ids["first day"]]
    # A click on a bar of the chart lists that theme's items of that sentiment.
    chart = view.chart
    series = chart.chart().series()[0]
    with qtbot.waitSignal(view.items_loaded, timeout=WAIT_MS):
        series.clicked.emit(
            chart.categories.index(DELAYS), chart.bar_sets[SENTIMENTS.index(Sentiment.POSITIVE)]
        )
    assert [r.id for r in items.rows] == [coded.ids["two themes"]]
    assert DELAYS in view.drill_heading.text()


def test_changing_the_period_counts_again(qtbot, view: ThemesView) -> None:
    combo = view.period_combo
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        combo.setCurrentIndex(combo.findData(Period.MONTHS_3))
    assert view.period() == (date(2026, 8, 26), TODAY)
    assert view.counts is not None and view.counts.total == 1  # the recent item
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        combo.setCurrentIndex(combo.findData(Period.FINANCIAL_YEAR))
    assert view.period() == (date(2026, 4, 1), date(2027, 3, 31))
    assert view.counts is not None and view.counts.total == 2  # and "day after", 1 April
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        combo.setCurrentIndex(combo.findData(Period.MONTHS_12))
    assert view.counts is not None and view.counts.total == 8  # all but the disclosures

    choose_period(qtbot, view, END, START)
    assert view.error_label.isVisible()
    assert view.error_label.text() == ("The period ends before it starts: choose a later end date.")
    assert view.counts_model.rowCount() == 0 and view.summary_label.text() == ""
    choose_period(qtbot, view, START, END)
    assert not view.error_label.isVisible()


def _texts(model: QAbstractItemModel) -> Iterator[str]:
    for orientation, count in (
        (Qt.Orientation.Horizontal, model.columnCount()),
        (Qt.Orientation.Vertical, model.rowCount()),
    ):
        for section in range(count):
            for role in _ROLES:
                yield str(model.headerData(section, orientation, role))
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            for role in _ROLES:
                yield str(model.data(model.index(row, column), role))


def test_no_disclosure_text_anywhere_in_the_view(qtbot, view: ThemesView) -> None:
    combo = view.period_combo
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        combo.setCurrentIndex(combo.findData(Period.ALL_TIME))
    assert view.counts is not None and view.counts.disclosures_left_out == 2
    model = view.counts_model
    view.counts_table.setCurrentIndex(model.index(model.rowCount() - 1, model.columnCount() - 1))
    with qtbot.waitSignal(view.items_loaded, timeout=WAIT_MS):
        QTest.keyClick(view.counts_table, Qt.Key.Key_Return)
    assert len(view.items_model.rows) == 8  # every item but the two disclosures
    texts = [
        *_texts(view.counts_model),
        *_texts(view.sentiment_model),
        *_texts(view.items_model),
        *(label.text() for label in view.findChildren(QLabel)),
        *(table.accessibleName() for table in view.findChildren(QTableView)),
        view.chart.description(),
        view.chart.accessibleDescription(),
        *view.chart.categories,
        *(bar_set.label() for bar_set in view.chart.bar_sets),
    ]
    assert not [t for t in texts if SECRET in t]
    # The chart's bars hold the counts counted, disclosures left out, by value.
    believed = view.chart.categories.index(BELIEVED)
    theme_id = next(t.id for t in view.counts.themes if t.name == BELIEVED)
    for sentiment, bar_set in zip(SENTIMENTS, view.chart.bar_sets, strict=True):
        assert bar_set.at(believed) == view.counts.sentiment(theme_id, sentiment)
    assert view.chart.bar_sets[SENTIMENTS.index(Sentiment.NEGATIVE)].at(believed) == 1
    assert f"{BELIEVED}: 4 items" in view.chart.description()


def test_detach_clears_everything(qtbot, view: ThemesView) -> None:
    view.detach()
    assert view.counts_model.rowCount() == 0 and view.items_model.rowCount() == 0
    assert view.chart.bar_sets == [] and view.summary_label.text() == ""


def test_every_control_is_named_and_reached_by_tab(view: ThemesView) -> None:
    controls = [view.period_combo, view.from_edit, view.to_edit, view.tabs]
    controls += [view.counts_table, view.sentiment_table, view.chart, view.items_table]
    for control in controls:
        assert control.accessibleName(), control
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.accessibleName()
    # The chart's figures are in words too.
    assert "Being believed: 4 items" in view.chart.accessibleDescription()
