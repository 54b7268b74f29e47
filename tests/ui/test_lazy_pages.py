"""Screens that wait to be shown before reading, and tables that fit only what is seen.

Unlocking attaches every page; those rarely open first (the roster, the training tab,
the reports page's meetings) read their records when first shown (or first asked), so
that unlocking does not wait for them. Long tables fit the height of the rows on screen,
not of every row, and measure their columns' contents once per set of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from sec_desktop.domain.action_enums import MaterialKind
from sec_desktop.services.participant_records import ParticipantDetails
from sec_desktop.services.today import TodayItem
from sec_desktop.services.training_records import MaterialDetails
from sec_desktop.ui.engagements_page import EngagementsPage
from sec_desktop.ui.participant_view import fill_table, read_only_table
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.reports_page import ReportsPage
from sec_desktop.ui.roster_page import RosterPage
from sec_desktop.ui.row_fitting import FIT_ALL_ROWS
from sec_desktop.ui.scrutiny_tables import RecordTable, RowsModel
from sec_desktop.ui.today_page import TodaySection
from tests.records import TODAY
from tests.ui.test_training_panel import people  # noqa: F401 (a fixture)

LONG_TEXT = "what was said, at some length, so that it wraps over several lines " * 4


def shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_roster_reads_its_rows_when_first_shown(qtbot, services) -> None:
    person = services.roster.add(ParticipantDetails(name="Robin Calloway")).id
    page = RosterPage()
    qtbot.addWidget(page)
    page.attach(services, RecordWriter())
    assert page.model.rowCount() == 0  # hidden: nothing read yet
    shown(qtbot, page)
    assert page.model.rowCount() == 1
    assert page.model.participant_id(0) == person


def test_the_roster_reads_its_rows_when_asked_for_one_while_hidden(qtbot, services) -> None:
    person = services.roster.add(ParticipantDetails(name="Robin Calloway")).id
    page = RosterPage()
    qtbot.addWidget(page)
    page.attach(services, RecordWriter())
    assert page.first_participant_id() == person
    assert page.select_participant(person)


def test_the_training_tab_reads_when_first_shown(qtbot, services, people) -> None:  # noqa: F811
    services.training.add_material(
        MaterialDetails("Video: the first 999 call", MaterialKind.VIDEO, people["current"])
    )
    page = shown(qtbot, EngagementsPage())
    page.attach(services, RecordWriter())
    panel = page.training
    assert not panel.isVisible()
    assert panel.materials_table.rowCount() == 0
    page.tabs.setCurrentWidget(panel)
    assert panel.materials_table.rowCount() == 1
    assert panel.materials_table.item(0, 0).text() == "Video: the first 999 call"


def test_the_reports_page_reads_its_meetings_when_shown(qtbot, services, monkeypatch) -> None:
    calls: list[int] = []
    meetings = services.scrutiny.meetings
    monkeypatch.setattr(services.scrutiny, "meetings", lambda: calls.append(1) or meetings())
    page = ReportsPage()
    qtbot.addWidget(page)
    page.attach(services, RecordWriter())
    assert calls == []
    shown(qtbot, page)
    assert calls


def test_a_long_table_fits_the_rows_on_screen_and_more_as_they_come(qtbot) -> None:
    holder = shown(qtbot, QWidget())
    table = read_only_table(["When", "What was said"], "Notes", holder)
    table.resize(500, 300)
    table.show()
    rows = 500
    fill_table(table, [("1 Dec", LONG_TEXT)] * rows, list(range(rows)))
    one_line = table.verticalHeader().defaultSectionSize()
    assert table.rowHeight(0) > one_line  # on screen: fitted to its wrapped text
    assert table.rowHeight(rows - 1) == one_line  # far below: not measured
    qtbot.waitUntil(lambda: table.verticalScrollBar().maximum() > 0)  # laid out
    table.scrollToBottom()
    qtbot.waitUntil(lambda: table.rowHeight(rows - 1) > one_line)  # scrolled into view


def test_a_short_table_fits_every_row(qtbot) -> None:
    holder = shown(qtbot, QWidget())
    table = read_only_table(["When", "What was said"], "Notes", holder)
    table.resize(500, 200)
    table.show()
    rows = FIT_ALL_ROWS // 2
    fill_table(table, [("1 Dec", LONG_TEXT)] * rows)
    one_line = table.verticalHeader().defaultSectionSize()
    assert all(table.rowHeight(row) > one_line for row in range(rows))


@dataclass(frozen=True)
class Row:
    id: int
    text: str


class TextModel(RowsModel):
    def headings(self) -> tuple[str, ...]:
        return ("Code", "Said")

    def text(self, row: Any, column: int) -> str:
        return str(row.id) if column == 0 else row.text


def test_a_record_table_measures_its_columns_once_per_set_of_rows(qtbot, monkeypatch) -> None:
    holder = shown(qtbot, QWidget())
    model = TextModel()
    table = RecordTable(model, "said", 1, holder)
    measured: list[int] = []
    measure = table._measure
    monkeypatch.setattr(table, "_measure", lambda: measured.append(1) or measure())
    table.show()
    model.set_rows([Row(i, LONG_TEXT) for i in range(200)])
    assert len(measured) == 1
    wide = table.columnWidth(1)
    table.resize(table.width() + 200, table.height())  # only the stretch column changes
    qtbot.waitUntil(lambda: table.columnWidth(1) > wide)
    assert len(measured) == 1
    model.set_rows([Row(1, "short")])
    assert len(measured) == 2


def today_item(title: str) -> TodayItem:
    return TodayItem("consent", title, {}, date(2026, 12, 1), False, ("participant", 1))


def test_a_today_section_leaves_its_list_alone_when_nothing_changed(qtbot) -> None:
    holder = shown(qtbot, QWidget())
    section = TodaySection("consent", "Consent reviews", "", holder)
    items = [today_item("Review consent"), today_item("Review again")]
    section.show_items(items, TODAY)
    section.list.setCurrentRow(1)
    section.show_items(list(items), TODAY)  # read again after a save: the same
    assert section.list.currentRow() == 1
    assert section.texts()[0].startswith("Review consent")
    section.show_items([today_item("Something new")], TODAY)
    assert section.list.count() == 1
    assert section.texts()[0].startswith("Something new")
