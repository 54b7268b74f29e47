"""The governance report: furniture on every page, every published figure and title, the
hidden figures never, charts drawn from published cells, and nothing wider than the page."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from pypdf import PageObject, PdfReader

from sec_desktop.reports.charts import chart_data, charts, nice_step, number
from sec_desktop.reports.fonts import register_fonts
from sec_desktop.reports.governance_pdf import (
    BODY_WIDTH,
    HANDLING,
    _Builder,
    build_governance_pdf,
    shown_figure,
)
from sec_desktop.reports.page_furniture import MARKING, PageFurniture
from sec_desktop.services.disclosure_control import (
    DisclosureControl,
    FigureTable,
    PublishedTable,
    Suppression,
)
from sec_desktop.services.governance_figures import GovernanceSummary, SummaryLine

PRODUCED = datetime(2026, 12, 5, 11, 30)
PERIOD = (date(2026, 4, 1), date(2027, 3, 31))
MONTHS = tuple(
    f"{month} {2026 if n < 9 else 2027}"
    for n, month in enumerate(
        ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
    )
)
THEMES = ("Communication", "Being believed", "Delays", "Court experience", "Police contact")
STAGES = ("Report", "Investigation", "Charge decision", "Pre-trial", "Trial", "After")
WELSH = "Capel Cymraeg \u2014 \u0175 \u0177 \u00e2 \u00ea \u00ee \u00f4 \u00fb"
# True counts hidden by the hand-made table below: never to be seen in any output.
SECRET_SMALL = 3
SECRET_SECONDARY = 7291


def figure_tables() -> list[FigureTable]:
    """Fourteen tables shaped like the governance figures."""
    kinds = ("Focus group", "One-to-one", "Staff forum session", "Reference group meeting")
    one = ("People",)
    return [
        FigureTable(
            "engagements_by_month",
            "Engagements by type and month",
            "Engagement type",
            MONTHS,
            tuple((k, tuple((i * 7 + j * 3) % 17 for j in range(12))) for i, k in enumerate(kinds)),
        ),
        FigureTable(
            "people_engaged",
            "People engaged",
            "Group",
            one,
            (("Survivor Network", (42,)), ("Victim Reference Group", (3,)), ("Other", (17,))),
        ),
        FigureTable(
            "network_and_reference_group",
            "Network and reference group",
            "Group",
            ("Members at period end", "Joined", "Left"),
            (("Survivor Network", (40, 12, 2)), ("Victim Reference Group", (11, 4, 0))),
        ),
        FigureTable(
            "feedback_by_theme_and_stage",
            "Feedback by theme and journey stage",
            "Theme",
            STAGES,
            tuple(
                (t, tuple((i * 5 + j * 11) % 23 for j in range(6))) for i, t in enumerate(THEMES)
            ),
        ),
        FigureTable(
            "feedback_by_sentiment",
            "Feedback by theme and sentiment",
            "Theme",
            ("Positive", "Mixed", "Negative"),
            tuple((t, ((i * 7) % 19, (i * 3) % 9, (i * 13) % 25)) for i, t in enumerate(THEMES)),
        ),
        FigureTable(
            "actions_by_status",
            "Actions by status",
            "Status",
            ("Actions",),
            (("Open", (14,)), ("Done", (22,)), ("Declined", (2,)), ("Not started", (0,))),
        ),
        FigureTable(
            "loop_closed_by_quarter",
            "Loop closed by quarter",
            "Quarter",
            ("People to tell", "Told"),
            tuple(
                (f"{q} 2026", counts)
                for q, counts in (("Q1", (20, 18)), ("Q2", (15, 11)), ("Q3", (9, 3)))
            ),
        ),
        FigureTable(
            "service_recovery",
            "Service recovery",
            "Measure",
            ("Opened", "Closed", "Open at end", "0\u20137 days", "8\u201328 days", "29+ days"),
            (("Cases", (12, 9, 3, 6, 4, 2)),),
        ),
        FigureTable(
            "training_reach",
            "Training and awareness: sessions and reach",
            "Kind",
            ("Sessions", "People reached"),
            (("Awareness session", (8, 140)), ("Training for officers", (5, 62))),
        ),
        FigureTable(
            "development_opportunities",
            "Development opportunities",
            "Kind",
            ("Taken up", "Declined", "Waiting"),
            (("Training course", (7, 2, 3)), ("Peer mentoring", (5, 0, 6))),
        ),
        FigureTable(
            "risk_assessments_by_outcome",
            "Risk assessments by outcome",
            "DASH level",
            ("Took part", "Paused", "Not invited"),
            (("Standard", (30, 4, 2)), ("Medium", (12, 6, 3)), ("High", (2, 5, 8))),
        ),
        FigureTable(
            "equality_monitoring_age",
            "Equality monitoring: age",
            "Answer",
            one,
            (
                ("18\u201334", (20,)),
                ("35\u201354", (18,)),
                ("55 and over", (1,)),
                ("Prefer not to say", (9,)),
            ),
        ),
        FigureTable(
            "equality_monitoring_religion_or_belief",
            "Equality monitoring: religion or belief",
            "Answer",
            one,
            (
                ("No religion", (20,)),
                ("Christian", (15,)),
                (WELSH, (2,)),
                ("Prefer not to say", (8,)),
            ),
        ),
        FigureTable(
            "equality_monitoring_sex",
            "Equality monitoring: sex",
            "Answer",
            one,
            (("Female", (44,)), ("Male", (6,)), ("Prefer not to say", (0,))),
        ),
    ]


def secret_table() -> PublishedTable:
    """Made by hand: two hidden cells whose true counts are distinctive numbers."""
    source = FigureTable(
        "hand_made",
        "A hand-made table",
        "Row",
        ("Left column", "Right column"),
        (("First", (SECRET_SMALL, SECRET_SECONDARY)), ("Second", (40, 50))),
    )
    return PublishedTable(
        source=source,
        cells=(("<5", "*", "*"), ("40", "50", "90")),
        row_totals=("*", "90"),
        column_totals=("*", "*"),
        grand_total="*",
        suppressed=(
            Suppression(0, 0, "small"),
            Suppression(0, 1, "secondary"),
            Suppression(0, 2, "secondary"),
            Suppression(2, 0, "secondary"),
            Suppression(2, 1, "secondary"),
            Suppression(2, 2, "secondary"),
        ),
    )


def published() -> list[PublishedTable]:
    control = DisclosureControl(5)
    return [*(control.publish(t) for t in figure_tables()), secret_table()]


SUMMARY = {"Engagements": 212, "People engaged": 62, "Feedback items": 3, "Actions done": 22}


def build(tables: list[PublishedTable], *, demo: bool) -> PdfReader:
    furniture = PageFurniture(HANDLING, PRODUCED, demo)
    pdf = build_governance_pdf(tables, SUMMARY, furniture, period=PERIOD)
    return PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def report() -> PdfReader:
    return build(published(), demo=True)


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def heights(page: PageObject, wanted: str) -> list[float]:
    found: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip() == wanted:
            found.append(cm[5] + cm[3] * tm[5])

    page.extract_text(visitor_text=visit)
    return found


def test_every_page_is_marked_top_and_bottom_with_demo(report: PdfReader) -> None:
    pages = len(report.pages)
    assert pages > 3
    for number_, page in enumerate(report.pages, start=1):
        height = float(page.mediabox.height)
        assert float(page.mediabox.width) < height  # portrait A4
        marks = heights(page, MARKING)
        assert any(y > height - 40 for y in marks), "no marking at the top"
        assert any(y < 40 for y in marks), "no marking at the bottom"
        text = page.extract_text()
        assert "DEMO" in text
        assert f"Page {number_} of {pages}" in text
        assert "Statistics for governance boards." in flat(text)


def test_a_real_vault_report_never_says_demo() -> None:
    reader = build(published()[:3], demo=False)
    for text in page_texts(reader):
        assert "DEMO" not in text.upper()
        assert MARKING in text


def test_the_cover_has_period_produced_and_headlines(report: PdfReader) -> None:
    cover = flat(report.pages[0].extract_text())
    assert "Governance report" in cover
    assert "Period: 1 April 2026 to 31 March 2027" in cover
    assert "Produced 5 December 2026 at 11:30" in cover
    assert "Engagements 212" in cover
    assert "Feedback items <5" in cover  # a small headline figure is hidden too
    assert "Feedback items 3" not in cover
    assert shown_figure(0, 5) == "0"
    assert shown_figure(4, 5) == "<5"
    assert shown_figure(5, 5) == "5"


def test_every_title_and_published_row_appears(report: PdfReader) -> None:
    text = flat("\n".join(page_texts(report)))
    for table in published():
        assert table.source.title in text
        if len(table.source.columns) > 8:
            continue  # split into column groups: below
        for (label, _), cells in zip(table.source.rows, table.cells, strict=True):
            shown = cells[:1] if len(table.source.columns) == 1 else cells
            assert flat(" ".join([label, *shown])) in text, label


def test_a_wide_table_is_split_into_column_groups_that_fit(report: PdfReader) -> None:
    table = published()[0]
    register_fonts()
    parts = _Builder(lambda _c, t: t, 5).figure_tables(table)
    assert len(parts) == 2
    for part in parts:
        width, _ = part.wrap(BODY_WIDTH, 10_000)
        assert width <= BODY_WIDTH
    text = flat("\n".join(page_texts(report)))
    label, _ = table.source.rows[0]
    first = table.cells[0]
    # Each column group repeats the row label: the row is printed in two halves.
    assert any(
        flat(" ".join([label, *first[:k]])) in text and flat(" ".join([label, *first[k:]])) in text
        for k in range(4, len(first) - 3)
    )
    for month in MONTHS:
        assert month in text


def test_hidden_true_values_never_reach_the_pdf(report: PdfReader) -> None:
    text = "\n".join(page_texts(report))
    assert str(SECRET_SECONDARY) not in text
    hand_made = flat(next(t for t in page_texts(report)[1:] if "A hand-made table" in t))
    assert "First <5 * *" in hand_made
    assert f"First {SECRET_SMALL}" not in hand_made
    assert not re.search(rf"\b{SECRET_SMALL}\b", hand_made.split("A hand-made table")[1])


def test_each_heading_is_on_the_page_of_its_table(report: PdfReader) -> None:
    texts = page_texts(report)
    for table in published():
        page = next(t for t in texts[1:] if table.source.title in t)
        assert table.source.row_label in flat(page), table.source.name
        assert table.source.rows[0][0] in flat(page)


def test_welsh_letters_render(report: PdfReader) -> None:
    assert WELSH in "\n".join(page_texts(report))
    for page in report.pages:
        fonts = page["/Resources"]["/Font"].values()  # type: ignore[index]
        names = {str(f.get_object()["/BaseFont"]).split("+")[-1] for f in fonts}
        assert names <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}


def test_charts_take_published_cells_and_leave_gaps() -> None:
    data = chart_data(secret_table())
    assert data is not None
    assert data.categories == ("First", "Second")
    assert data.series == ("Left column", "Right column")
    assert data.values == ((None, 40), (None, 50))
    assert data.marks == (("<5", ""), ("*", ""))
    assert data.has_gaps
    months = chart_data(published()[0])
    assert months is not None
    assert months.over_time
    assert months.categories == MONTHS  # the Total column left out
    assert months.series == tuple(label for label, _ in figure_tables()[0].rows)
    one_row = chart_data(published()[7])
    assert one_row is not None
    assert one_row.categories == figure_tables()[7].columns


def test_a_table_with_every_figure_hidden_has_no_chart() -> None:
    source = FigureTable("tiny", "Tiny", "Row", ("A",), (("x", (2,)), ("y", (1,))))
    table = DisclosureControl(5).publish(source)
    assert chart_data(table) is None
    reader = build([table], demo=False)
    assert "No chart: every figure in this table is hidden" in flat(reader.pages[1].extract_text())


def test_no_tables_still_makes_a_marked_report() -> None:
    reader = build([], demo=False)
    text = "\n".join(page_texts(reader))
    assert "No figures for this period." in text
    assert MARKING in text


def test_numbers_and_steps() -> None:
    assert number("12") == 12
    assert number("0") == 0
    assert number("<5") is None
    assert number("*") is None
    assert [nice_step(n) for n in (1, 5, 7, 22, 140, 1000)] == [1, 1, 2, 5, 50, 200]


def test_a_chart_of_many_categories_is_split_to_fit_the_page() -> None:
    rows = tuple((f"Theme number {n}", (5 + n % 7, 6 + n % 5)) for n in range(70))
    table = DisclosureControl(5).publish(
        FigureTable("themes", "Many themes", "Theme", ("Positive", "Negative"), rows)
    )
    data = chart_data(table)
    assert data is not None
    drawings = charts(data, BODY_WIDTH)
    assert len(drawings) > 1
    assert all(d.height < 600 for d in drawings)
    reader = build([table], demo=False)  # no LayoutError: every part fits a page
    text = flat("\n".join(page_texts(reader)))
    assert "Theme number 69 " in text


def test_a_governance_summary_prints_published_grand_totals_only() -> None:
    tables = published()
    true_total = 9137  # what the summary line carries: never printed
    summary = GovernanceSummary(
        PERIOD[0],
        PERIOD[1],
        "Apr 2026 \u2013 Mar 2027",
        (
            SummaryLine("People engaged", "people_engaged", true_total),
            SummaryLine("Hand-made figure", "hand_made", true_total),
            SummaryLine("Not in the report", "no_such_table", true_total),
        ),
    )
    pdf = build_governance_pdf(tables, summary, PageFurniture(HANDLING, PRODUCED, False))
    cover = flat(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    people = next(t for t in tables if t.source.name == "people_engaged")
    assert f"People engaged {people.grand_total}" in cover
    assert "Hand-made figure *" in cover
    assert "Not in the report" not in cover
    assert "Period: 1 April 2026 to 31 March 2027" in cover
    assert str(true_total) not in cover


def test_more_columns_than_colours_are_charted_by_their_totals() -> None:
    stages = tuple(f"Stage {n}" for n in range(12))
    themes = tuple((f"Theme {n}", tuple(5 + (n + k) % 9 for k in range(12))) for n in range(10))
    table = DisclosureControl(5).publish(FigureTable("wide", "Wide", "Theme", stages, themes))
    data = chart_data(table)
    assert data is not None
    assert data.totals_only
    assert data.series == ("Total",)
    assert data.values == (tuple(number(t) for t in table.row_totals),)
    few_rows = DisclosureControl(5).publish(
        FigureTable("wide", "Wide", "Theme", stages, themes[:3])
    )
    swapped = chart_data(few_rows)
    assert swapped is not None
    assert swapped.series == tuple(label for label, _ in themes[:3])
    assert swapped.categories == stages
    text = flat(build([table], demo=False).pages[1].extract_text())
    assert "The chart shows each row's total" in text
