"""The governance report: statistics for boards, from published (disclosure-controlled)
tables only.

Portrait A4. A cover (period, date produced, handling line, what "<5" and "*" mean) with
the headline figures, then one section per table: its heading kept with its chart, and
the table of its figures after it. A table too wide for the page is split into column
groups, each repeating the row labels, so nothing runs off the paper.

It works on `PublishedTable`s: every number it prints or charts is a published cell, so a
count that disclosure control hid cannot reach the page.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.reports import Translate, untranslated
from sec_desktop.reports.charts import chart_data, charts, number
from sec_desktop.reports.exports import ABOUT, SECONDARY_MARK, legend_lines, table_marks
from sec_desktop.reports.fonts import BOLD, OBLIQUE, REGULAR, register_fonts
from sec_desktop.reports.page_furniture import (
    CONTEXT,
    SIDE_MARGIN,
    PageFurniture,
    build_pdf,
    long_date,
)
from sec_desktop.reports.paged_table import HEADER_GREY, RULE_GREY, STRIPE_GREY, wrap

if TYPE_CHECKING:
    from sec_desktop.services.disclosure_control import PublishedTable

HANDLING = QT_TRANSLATE_NOOP(
    "Reports",
    "Statistics for governance boards. Small numbers are hidden. Do not publish beyond "
    "the board without the Survivor Engagement Coordinator's agreement.",
)
TITLE = QT_TRANSLATE_NOOP("Reports", "Governance report")
PERIOD = QT_TRANSLATE_NOOP("Reports", "Period: {start} to {end}")
HEADLINES = QT_TRANSLATE_NOOP("Reports", "Headline figures")
CONTENTS = QT_TRANSLATE_NOOP("Reports", "Tables in this report")
TOTAL = QT_TRANSLATE_NOOP("Reports", "Total")
GAPS = QT_TRANSLATE_NOOP(
    "Reports", "In the chart, hidden figures are gaps marked with their sign, not bars or points."
)
NOTHING = QT_TRANSLATE_NOOP("Reports", "No figures for this period.")
TOO_BIG = QT_TRANSLATE_NOOP(
    "Reports", "No chart: too many rows and columns to draw clearly. The table has the figures."
)
TOTALS_ONLY = QT_TRANSLATE_NOOP(
    "Reports", "The chart shows each row's total; the table below has the breakdown."
)
NO_CHART = QT_TRANSLATE_NOOP(
    "Reports", "No chart: every figure in this table is hidden to protect identities."
)

PAGE = A4
BODY_WIDTH = PAGE[0] - 2 * SIDE_MARGIN
SIZE = 8.0
LEADING = 10.0
PAD = 3.0
MIN_NUMBER_WIDTH = 30.0
HEADER_ROOM = 56.0  # column headers wrap to this width
MAX_LABEL_SHARE = 0.38
MARK_GREY = Color(0.35, 0.35, 0.35)


@runtime_checkable
class SummaryLineLike(Protocol):
    """A headline: its label (a message) and the table whose grand total it is."""

    @property
    def label(self) -> str: ...
    @property
    def table(self) -> str: ...


@runtime_checkable
class SummaryLike(Protocol):
    """GovernanceFigures.summary's result, as read here: its true `value`s are never used."""

    @property
    def start(self) -> date: ...
    @property
    def end(self) -> date: ...
    @property
    def lines(self) -> Sequence[SummaryLineLike]: ...


Summary = SummaryLike | Mapping[str, object] | Iterable[tuple[str, object]]


class _Styles:
    def __init__(self) -> None:
        self.body = ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=12)
        self.note = ParagraphStyle(
            "note", parent=self.body, fontName=OBLIQUE, fontSize=8, leading=10, textColor=MARK_GREY
        )
        self.title = ParagraphStyle(
            "title", parent=self.body, fontName=BOLD, fontSize=20, leading=25, spaceAfter=6
        )
        self.heading = ParagraphStyle(
            "heading",
            parent=self.body,
            fontName=BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=4,
            spaceAfter=4,
        )


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def shown_figure(value: object, threshold: int) -> str:
    """A headline figure as printed: whole numbers from 1 to threshold-1 as "<threshold"."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) and 0 < value < threshold:
        return f"<{threshold}"
    return str(value)


def _summary_rows(
    summary: Summary, published: Sequence[PublishedTable]
) -> list[tuple[str, object]]:
    """The headlines: from a GovernanceSummary, each line's table's published grand total
    (never the line's true value); from a mapping or pairs, as given."""
    if isinstance(summary, SummaryLike):
        tables = {t.source.name: t for t in published if t.source.totals}
        return [
            (line.label, tables[line.table].grand_total)
            for line in summary.lines
            if line.table in tables
        ]
    if isinstance(summary, Mapping):
        return [(str(k), v) for k, v in summary.items()]
    return [(str(k), v) for k, v in summary]


class _Builder:
    def __init__(self, translate: Translate, threshold: int) -> None:
        self.translate = translate
        self.threshold = threshold
        self.styles = _Styles()

    def tr(self, text: str) -> str:
        return self.translate(CONTEXT, text)

    def cover(self, furniture: PageFurniture, period: tuple[date, date]) -> list[Flowable]:
        start, end = (long_date(day, self.translate) for day in period)
        styles = self.styles
        story: list[Flowable] = [
            _p(self.tr(TITLE), styles.title),
            _p(self.tr(PERIOD).format(start=start, end=end), styles.body),
            _p(furniture.produced_text(), styles.body),
            Spacer(1, 4),
            _p(furniture.handling, styles.body),
            Spacer(1, 4),
            _p(self.tr(ABOUT), styles.body),
            Spacer(1, 4),
        ]
        story += [
            _p(line, styles.note) for line in self.legend({f"<{self.threshold}", SECONDARY_MARK})
        ]
        return story

    def headlines(self, summary: Summary, published: Sequence[PublishedTable]) -> list[Flowable]:
        rows = [
            [self._cell(self.tr(label), BODY_WIDTH * 0.55), shown_figure(value, self.threshold)]
            for label, value in _summary_rows(summary, published)
        ]
        if not rows:
            return []
        table = Table(rows, colWidths=[BODY_WIDTH * 0.55 + 2 * PAD, 80], hAlign="LEFT")
        table.setStyle(self._style(len(rows), 2, header=False))
        heading = _p(self.tr(HEADLINES), self.styles.heading)
        return [Spacer(1, 10), KeepTogether([heading, table])]

    def contents(self, published: Sequence[PublishedTable]) -> list[Flowable]:
        """The tables' titles, in order, so a reader knows what follows."""
        if not published:
            return []
        heading = _p(self.tr(CONTENTS), self.styles.heading)
        titles = [_p(self.tr(t.source.title), self.styles.body) for t in published]
        return [Spacer(1, 10), heading, *titles]

    def legend(self, marks: set[str]) -> list[str]:
        return legend_lines(marks, self.threshold, self.translate)

    def section(self, table: PublishedTable) -> Flowable:
        source = table.source
        styles = self.styles
        head: list[Flowable] = [_p(self.tr(source.title), styles.heading)]
        if source.note:
            head.append(_p(self.tr(source.note), styles.note))
        if not source.rows or not source.columns:
            return KeepTogether([*head, _p(self.tr(NOTHING), styles.body), Spacer(1, 10)])
        data = chart_data(table)
        if data is None:
            hidden = all(number(cell) is None for row in table.cells for cell in row)
            head.append(_p(self.tr(NO_CHART if hidden else TOO_BIG), styles.note))
        else:
            if data.totals_only:
                head.append(_p(self.tr(TOTALS_ONLY), styles.note))
            head += [Spacer(1, 2), *charts(data, BODY_WIDTH, self.translate)]
        head.append(Spacer(1, 6))
        marks = table_marks(table)
        lines = legend_lines(marks, table.threshold, self.translate)
        notes = [_p(line, styles.note) for line in lines]
        if data is not None and data.has_gaps:
            notes.append(_p(self.tr(GAPS), styles.note))
        figures: list[Flowable] = []
        for part in self.figure_tables(table):
            figures += [part, Spacer(1, 6)]
        # One KeepTogether, not nested ones: a KeepTogether inside another measures as
        # 0xffffff high and would push every section onto a page of its own. A section
        # taller than what is left of the page starts a new page, so the heading always
        # has its chart under it; a section taller than a page flows on from there.
        return KeepTogether([*head, *figures, *notes, Spacer(1, 14)])

    def _cell(self, text: str, room: float, font: str = REGULAR) -> str:
        return "\n".join(wrap(text, room, font, SIZE)) or ""

    def figure_tables(self, table: PublishedTable) -> list[Table]:
        """The table of figures, split into column groups when too wide for the page."""
        source = table.source
        columns = [self.tr(c) for c in source.columns]
        n = len(columns)
        grid = [list(cells[:n]) for cells in table.cells[: len(source.rows)]]
        # With one column the Total column would repeat it: only the Total row is shown.
        total_column = source.totals and n > 1
        if total_column:
            columns.append(self.tr(TOTAL))
            for row, total in zip(grid, table.row_totals, strict=False):
                row.append(total)
        if source.totals:
            grid.append([*table.column_totals[:n], *([table.grand_total] if total_column else [])])
        labels = [self.tr(label) for label, _ in source.rows]
        if source.totals:
            labels.append(self.tr(TOTAL))
        headers = [self._cell(c, _header_room(c), BOLD) for c in columns]
        widths = [
            max(
                MIN_NUMBER_WIDTH,
                *(stringWidth(line, BOLD, SIZE) + 2 * PAD for line in header.split("\n")),
                *(stringWidth(row[i], REGULAR, SIZE) + 2 * PAD for row in grid if i < len(row)),
            )
            for i, header in enumerate(headers)
        ]
        corner_words = self.tr(source.row_label).split()
        label_room = min(
            max(
                [
                    *(stringWidth(t, REGULAR, SIZE) for t in labels),
                    *(stringWidth(word, BOLD, SIZE) for word in corner_words),
                ]
            ),
            BODY_WIDTH * MAX_LABEL_SHARE,
        )
        label_width = label_room + 2 * PAD + 1
        wrapped = [self._cell(t, label_room) for t in labels]
        corner = self._cell(self.tr(source.row_label), label_room, BOLD)
        parts: list[Table] = []
        for group in _column_groups(widths, BODY_WIDTH - label_width):
            rows = [[corner, *(headers[i] for i in group)]]
            rows += [[wrapped[r], *(grid[r][i] for i in group)] for r in range(len(grid))]
            total_col = len(columns) - 1 if total_column else None
            bold_cols = [k + 1 for k, i in enumerate(group) if i == total_col]
            part = Table(
                rows,
                colWidths=[label_width, *(widths[i] for i in group)],
                repeatRows=1,
                hAlign="LEFT",
            )
            part.setStyle(
                self._style(
                    len(rows),
                    len(group) + 1,
                    header=True,
                    total_row=source.totals,
                    bold_cols=bold_cols,
                )
            )
            parts.append(part)
        return parts

    def _style(
        self,
        rows: int,
        cols: int,
        *,
        header: bool,
        total_row: bool = False,
        bold_cols: Sequence[int] = (),
    ) -> TableStyle:
        commands: list[Any] = [
            ("FONT", (0, 0), (-1, -1), REGULAR, SIZE, LEADING),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE_GREY),
            ("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1), [None, STRIPE_GREY]),
        ]
        if header:
            commands += [
                ("FONT", (0, 0), (-1, 0), BOLD, SIZE, LEADING),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_GREY),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, black),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, black),
            ]
        if total_row and rows > 1:
            commands += [
                ("FONT", (0, -1), (-1, -1), BOLD, SIZE, LEADING),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, black),
            ]
        for col in bold_cols:
            commands.append(("FONT", (col, 1), (col, -1), BOLD, SIZE, LEADING))
        return TableStyle(commands)


def _header_room(text: str) -> float:
    """Column headers wrap at spaces to HEADER_ROOM, or their longest word if wider."""
    return max([HEADER_ROOM, *(stringWidth(word, BOLD, SIZE) for word in text.split())])


def _column_groups(widths: Sequence[float], room: float) -> list[list[int]]:
    """Column indexes in runs that fit `room`, as evenly sized as the widths allow."""
    if sum(widths) <= room:
        return [list(range(len(widths)))]
    groups: list[list[int]] = [[]]
    used = 0.0
    count = -(-sum(widths) // room)  # how many groups at least
    target = sum(widths) / count
    for index, width in enumerate(widths):
        if groups[-1] and (used + width > room or used >= target):
            groups.append([])
            used = 0.0
        groups[-1].append(index)
        used += width
    return groups


def build_governance_pdf(
    published: Sequence[PublishedTable],
    summary: Summary,
    furniture: PageFurniture,
    *,
    period: tuple[date, date] | None = None,
    translate: Translate = untranslated,
    threshold: int | None = None,
) -> bytes:
    """The governance report of `published` tables for `period`, as PDF bytes.

    `summary` gives the headline figures: a GovernanceSummary (each line printed as the
    published grand total of its table, and its period used when `period` is None), or
    (label message, figure) pairs, whose whole numbers from 1 to threshold-1 are printed
    as "<threshold". `threshold` is by default the tables' own. `furniture` carries the
    handling line (`HANDLING`, translated), the date produced and DEMO.
    """
    story = governance_story(
        published, summary, furniture, period=period, translate=translate, threshold=threshold
    )
    out = io.BytesIO()
    build_pdf(out, story, furniture, title=translate(CONTEXT, TITLE), pagesize=PAGE)
    return out.getvalue()


def governance_story(
    published: Sequence[PublishedTable],
    summary: Summary,
    furniture: PageFurniture,
    *,
    period: tuple[date, date] | None = None,
    translate: Translate = untranslated,
    threshold: int | None = None,
) -> list[Flowable]:
    """The report's flowables (without page furniture); arguments as `build_governance_pdf`."""
    if period is None:
        if not isinstance(summary, SummaryLike):
            raise ValueError("The report needs its period.")
        period = (summary.start, summary.end)
    if threshold is None:
        threshold = published[0].threshold if published else 5
    register_fonts()  # before any Paragraph: they look their fonts up when made
    builder = _Builder(translate, threshold)
    story: list[Flowable] = [
        *builder.cover(furniture, period),
        *builder.headlines(summary, published),
        *builder.contents(published),
        PageBreak(),
    ]
    story += [builder.section(table) for table in published]
    if not published:
        story.append(_p(builder.tr(NOTHING), builder.styles.body))
    return story
