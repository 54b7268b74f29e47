"""The governance report's charts, drawn from published figures only.

A chart takes its numbers from a `PublishedTable`'s cells, never from the counts behind
them: a cell published as "<5" or "*" (suppressed) has no number, so it is drawn as a
gap (no bar, a break in the line) marked with its published text, and its true value
cannot reach the page.

Counts by month or quarter are lines (one per row), other tables horizontal bars: one
bar per row for a single column, grouped bars for a few columns, stacked bars when
grouped ones would be too many to read. Colours are the Okabe-Ito palette, which
readers with colour-blindness can tell apart; lines also differ by marker.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib.colors import Color, HexColor, black, white
from reportlab.pdfbase.pdfmetrics import stringWidth

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.reports import Translate, untranslated
from sec_desktop.reports.fonts import OBLIQUE, REGULAR
from sec_desktop.reports.paged_table import wrap

if TYPE_CHECKING:
    from sec_desktop.services.disclosure_control import PublishedTable

# Okabe & Ito (2008), yellow last: it is faint on white paper.
PALETTE = (
    *(HexColor(c) for c in ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")),
    HexColor("#000000"),
    HexColor("#F0E442"),
)
GRID = Color(0.85, 0.85, 0.85)
AXIS = Color(0.3, 0.3, 0.3)
MARK = Color(0.35, 0.35, 0.35)
SIZE = 7.5
LABEL_ROOM = 118.0  # category labels of bar charts, wrapped to this width
BAR = 9.0
MIN_BAR = 4.0
MAX_BARS_GROUPED = 48
MAX_PLOT_HEIGHT = 430.0
LINE_PLOT_HEIGHT = 190.0
CONTEXT = "Reports"
TOTAL = QT_TRANSLATE_NOOP("Reports", "Total")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_TIME_NAMES = ("_by_month", "_by_quarter")


@dataclass(frozen=True)
class ChartData:
    """What a chart shows: `values[s][c]` is series s in category c, None where the
    published cell is not a number; `marks[s][c]` is then its published text."""

    categories: tuple[str, ...]
    series: tuple[str, ...]
    values: tuple[tuple[int | None, ...], ...]
    marks: tuple[tuple[str, ...], ...]
    over_time: bool
    totals_only: bool = False  # the rows' totals: too many columns to tell apart

    @property
    def has_gaps(self) -> bool:
        return any(v is None for row in self.values for v in row)


@dataclass(frozen=True)
class _Plot:
    """A chart being drawn: where value 0 is (x for bars, y for lines) and points per unit."""

    drawing: Drawing
    data: ChartData
    zero: float
    scale: float


def number(text: str) -> int | None:
    """A published cell's count, or None for a suppressed one ("<5", "*")."""
    text = text.strip()
    return int(text) if text.isdigit() else None


def _time_like(labels: Sequence[str]) -> bool:
    return bool(labels) and all(_YEAR.search(label) for label in labels)


def chart_data(table: PublishedTable) -> ChartData | None:
    """The chart of `table`'s body cells (totals left out), or None with nothing to draw
    (no rows or columns, or every figure hidden). Never more series than PALETTE has
    colours: a table with more columns and rows than that is charted by its row totals."""
    source = table.source
    columns = tuple(source.columns)
    rows = tuple(label for label, _ in source.rows)
    if not columns or not rows:
        return None
    body = [tuple(cells[: len(columns)]) for cells in table.cells[: len(rows)]]
    named_for_time = source.name.endswith(_TIME_NAMES)
    if (named_for_time or _time_like(columns)) and len(columns) >= 3 and not _time_like(rows):
        # Rows are series, columns the months.
        return _drawable(ChartData(columns, rows, *_parsed(body), over_time=True))
    if len(rows) == 1:  # one row: a bar per column reads better than one group
        return _drawable(ChartData(columns, rows, *_parsed(body), over_time=False))
    over_time = (named_for_time or _time_like(rows)) and len(rows) >= 3
    return _drawable(_by_rows(table, body, over_time=over_time))


def _by_rows(
    table: PublishedTable, body: Sequence[Sequence[str]], *, over_time: bool
) -> ChartData | None:
    """Rows as categories, columns as series; but never more series than PALETTE has
    colours: with more columns, fewer rows than that become the series instead, else
    the chart shows each row's total and the table the detail."""
    source = table.source
    columns = tuple(source.columns)
    rows = tuple(label for label, _ in source.rows)
    transposed = [tuple(row[c] for row in body) for c in range(len(columns))]
    if len(columns) <= len(PALETTE) or over_time:
        return ChartData(rows, columns, *_parsed(transposed), over_time=over_time)
    if len(rows) <= len(PALETTE):
        return ChartData(columns, rows, *_parsed(body), over_time=False)
    if not source.totals:
        return None
    totals = [tuple(table.row_totals[: len(rows)])]
    return ChartData(rows, (TOTAL,), *_parsed(totals), over_time=False, totals_only=True)


def _drawable(data: ChartData | None) -> ChartData | None:
    """None when every figure is hidden: a chart of gaps only says nothing."""
    if data is None or all(v is None for row in data.values for v in row):
        return None
    return data


def _parsed(
    cells: Sequence[Sequence[str]],
) -> tuple[tuple[tuple[int | None, ...], ...], tuple[tuple[str, ...], ...]]:
    values = tuple(tuple(number(cell) for cell in row) for row in cells)
    marks = tuple(
        tuple("" if number(cell) is not None else cell.strip() for cell in row) for row in cells
    )
    return values, marks


def nice_step(top: int, ticks: int = 5) -> int:
    """A whole-number step (1, 2 or 5 times a power of ten) giving about `ticks` ticks."""
    if top <= ticks:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)


def _scale_top(data: ChartData) -> tuple[int, int]:
    """The value axis's top and step."""
    top = max((v for row in data.values for v in row if v is not None), default=0)
    if len(data.series) > 1 and not data.over_time and _stacked(data):
        top = max(
            (sum(row[c] or 0 for row in data.values) for c in range(len(data.categories))),
            default=0,
        )
    step = nice_step(max(top, 1))
    return step * max(1, math.ceil(max(top, 1) / step)), step


def _stacked(data: ChartData) -> bool:
    return len(data.series) * len(data.categories) > MAX_BARS_GROUPED


def _text(
    x: float,
    y: float,
    text: str,
    *,
    font: str = REGULAR,
    anchor: Literal["start", "middle", "end"] = "start",
    size: float = SIZE,
    colour: Color = black,
) -> String:
    return String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)


def _rect(
    x: float, y: float, width: float, height: float, fill: Color, *, stroke: Color | None = None
) -> Rect:
    """A filled rectangle (set by attribute: the stubs mistype Rect's keywords)."""
    rect = Rect(x, y, width, height)
    rect.fillColor, rect.strokeColor, rect.strokeWidth = fill, stroke, 0.3
    return rect


def _legend(data: ChartData, width: float, lines: bool) -> tuple[Group, float]:
    """Swatches and names, flowing left to right in lines; its height."""
    group = Group()
    if len(data.series) < 2:
        return group, 0.0
    x, y, row_height = 0.0, 0.0, SIZE + 5
    for index, name in enumerate(data.series):
        label = wrap(name, width * 0.45, REGULAR, SIZE)[0] if name else ""
        need = 14 + stringWidth(label, REGULAR, SIZE) + 12
        if x and x + need > width:
            x, y = 0.0, y - row_height
        colour = PALETTE[index % len(PALETTE)]
        if lines:
            group.add(Line(x, y + 3, x + 10, y + 3, strokeColor=colour, strokeWidth=1.5))
            group.add(_marker(index, x + 5, y + 3, colour))
        else:
            group.add(_rect(x, y - 0.5, 9, 7, colour))
        group.add(_text(x + 13, y, label))
        x += need
    height = -y + row_height
    group.translate(0, height - row_height + 2)
    return group, height


def _marker(index: int, x: float, y: float, colour: Color) -> Circle | Rect | Polygon:
    shape = index % 4
    if shape == 0:
        return Circle(x, y, 2.4, fillColor=colour, strokeColor=colour)
    if shape == 1:
        return _rect(x - 2.2, y - 2.2, 4.4, 4.4, colour, stroke=colour)
    if shape == 2:
        return Polygon(
            [x - 2.8, y - 2.2, x + 2.8, y - 2.2, x, y + 2.8], fillColor=colour, strokeColor=colour
        )
    return Polygon(
        [x, y - 3, x + 3, y, x, y + 3, x - 3, y], fillColor=white, strokeColor=colour, strokeWidth=1
    )


def charts(data: ChartData, width: float, translate: Translate = untranslated) -> list[Drawing]:
    """The chart of `data`, `width` points wide, its labels translated: bars for many
    categories are split into several charts on one scale, none taller than
    MAX_PLOT_HEIGHT, so each fits a page."""
    data = replace(
        data,
        categories=tuple(translate(CONTEXT, c) for c in data.categories),
        series=tuple(translate(CONTEXT, s) for s in data.series),
    )
    if data.over_time:
        return [_line_chart(data, width)]
    layout = _BarLayout.of(data)
    return [_bar_chart(data, width, layout, part) for part in layout.parts()]


@dataclass(frozen=True)
class _BarLayout:
    """Sizes shared by every part of one bar chart."""

    stacked: bool
    per_group: int
    labels: tuple[tuple[str, ...], ...]
    label_room: float
    bar: float
    gap: float
    bands: tuple[float, ...]

    @classmethod
    def of(cls, data: ChartData) -> _BarLayout:
        stacked = len(data.series) > 1 and _stacked(data)
        per_group = 1 if stacked else len(data.series)
        labels = tuple(tuple(wrap(c, LABEL_ROOM, REGULAR, SIZE) or [""]) for c in data.categories)
        label_room = max(stringWidth(line, REGULAR, SIZE) for lines in labels for line in lines)
        bars = len(data.categories) * per_group
        bar = max(MIN_BAR, min(BAR, MAX_PLOT_HEIGHT / max(bars, 1) * 0.8))
        gap = max(5.0, bar * 0.7)
        bands = tuple(max(per_group * bar, len(lines) * (SIZE + 1)) + gap for lines in labels)
        return cls(stacked, per_group, labels, label_room, bar, gap, bands)

    def parts(self) -> list[range]:
        """Runs of categories whose bands fit MAX_PLOT_HEIGHT (at least one each)."""
        parts: list[range] = []
        start, height = 0, 0.0
        for index, band in enumerate(self.bands):
            if index > start and height + band > MAX_PLOT_HEIGHT:
                parts.append(range(start, index))
                start, height = index, 0.0
            height += band
        parts.append(range(start, len(self.bands)))
        return parts


def _bar_chart(data: ChartData, width: float, layout: _BarLayout, part: range) -> Drawing:
    bar = layout.bar
    plot_height = sum(layout.bands[c] for c in part)
    legend, legend_height = _legend(data, width, lines=False)
    axis_room = 16.0
    height = plot_height + axis_room + legend_height + 4
    drawing = Drawing(width, height, initialFontName=REGULAR, initialFontSize=SIZE)
    left = layout.label_room + 6
    right = width - 24  # room for the last bar's value
    top, step = _scale_top(data)
    scale = (right - left) / top
    y0 = axis_room
    for tick in range(0, top + 1, step):
        x = left + tick * scale
        drawing.add(Line(x, y0, x, y0 + plot_height, strokeColor=GRID, strokeWidth=0.5))
        drawing.add(_text(x, y0 - SIZE - 3, str(tick), anchor="middle"))
    drawing.add(Line(left, y0, left, y0 + plot_height, strokeColor=AXIS, strokeWidth=0.8))
    plot = _Plot(drawing, data, left, scale)
    y = y0 + plot_height
    for c in part:
        lines, band = layout.labels[c], layout.bands[c]
        middle = y - band / 2
        for n, line in enumerate(lines):
            baseline = middle + len(lines) * (SIZE + 1) / 2 - (n + 1) * (SIZE + 1) + 2
            drawing.add(_text(left - 4, baseline, line, anchor="end"))
        start = middle + layout.per_group * bar / 2
        if layout.stacked:
            _stack(plot, c, start - bar, bar)
        else:
            for s in range(len(data.series)):
                _bar(plot, s, c, start - (s + 1) * bar, bar)
        y -= band
    legend.translate(0, height - legend_height)
    drawing.add(legend)
    return drawing


def _bar(plot: _Plot, s: int, c: int, y: float, bar: float) -> None:
    drawing, data, left, scale = plot.drawing, plot.data, plot.zero, plot.scale
    value = data.values[s][c]
    size = min(SIZE, bar + 1.5)
    baseline = y + (bar - size) / 2 + 1
    if value is None:
        mark = data.marks[s][c] or "?"
        drawing.add(_text(left + 3, baseline, mark, font=OBLIQUE, size=size, colour=MARK))
        return
    colour = PALETTE[s % len(PALETTE)]
    drawing.add(_rect(left, y + 0.5, value * scale, bar - 1, colour))
    drawing.add(_text(left + value * scale + 2, baseline, str(value), size=size))


def _stack(plot: _Plot, c: int, y: float, bar: float) -> None:
    drawing, data, x, scale = plot.drawing, plot.data, plot.zero, plot.scale
    hidden = [data.marks[s][c] for s in range(len(data.series)) if data.values[s][c] is None]
    for s in range(len(data.series)):
        value = data.values[s][c]
        if value:
            colour = PALETTE[s % len(PALETTE)]
            drawing.add(_rect(x, y + 0.5, value * scale, bar - 1, colour, stroke=white))
            x += value * scale
    if hidden:  # the suppressed parts: not drawn, named after the bar
        size = min(SIZE, bar + 1.5)
        note = "+ " + " ".join(dict.fromkeys(hidden))
        baseline = y + (bar - size) / 2 + 1
        drawing.add(_text(x + 3, baseline, note, font=OBLIQUE, size=size, colour=MARK))


def _line_chart(data: ChartData, width: float) -> Drawing:
    legend, legend_height = _legend(data, width, lines=True)
    labels = [wrap(c, 60, REGULAR, SIZE)[:2] or [""] for c in data.categories]
    slot = (width - 40) / len(data.categories)
    angled = any(stringWidth(line, REGULAR, SIZE) > slot - 2 for lines in labels for line in lines)
    axis_room = 34.0 if angled else (max(len(lines) for lines in labels) * (SIZE + 1) + 6)
    height = LINE_PLOT_HEIGHT + axis_room + legend_height + 8
    drawing = Drawing(width, height, initialFontName=REGULAR, initialFontSize=SIZE)
    left, right = 30.0, width - 10
    top, step = _scale_top(data)
    y0 = axis_room
    scale = LINE_PLOT_HEIGHT / top
    for tick in range(0, top + 1, step):
        y = y0 + tick * scale
        drawing.add(Line(left, y, right, y, strokeColor=GRID, strokeWidth=0.5))
        drawing.add(_text(left - 4, y - SIZE / 3, str(tick), anchor="end"))
    drawing.add(Line(left, y0, right, y0, strokeColor=AXIS, strokeWidth=0.8))
    slot = (right - left) / len(data.categories)
    xs = [left + slot * (c + 0.5) for c in range(len(data.categories))]
    for c, lines in enumerate(labels):
        if angled:
            label = _text(0, 0, " ".join(lines), anchor="end")
            group = Group(label)
            group.translate(xs[c] + 3, y0 - 6)
            group.rotate(40)
            drawing.add(group)
        else:
            for n, line in enumerate(lines):
                drawing.add(_text(xs[c], y0 - (n + 1) * (SIZE + 1) - 2, line, anchor="middle"))
    plot = _Plot(drawing, data, y0, scale)
    for s in range(len(data.series)):
        _series(plot, s, xs)
    legend.translate(0, height - legend_height)
    drawing.add(legend)
    return drawing


def _series(plot: _Plot, s: int, xs: Sequence[float]) -> None:
    """One line, broken where a figure is suppressed; the gap marked on the axis."""
    drawing, data, y0, scale = plot.drawing, plot.data, plot.zero, plot.scale
    colour = PALETTE[s % len(PALETTE)]
    run: list[float] = []
    for c, value in enumerate([*data.values[s], None]):
        if value is not None:
            run += [xs[c], y0 + value * scale]
            drawing.add(_marker(s, xs[c], y0 + value * scale, colour))
            continue
        if len(run) >= 4:
            drawing.add(PolyLine(run, strokeColor=colour, strokeWidth=1.4))
        run = []
        if c < len(xs):
            mark = data.marks[s][c] or "?"
            y = y0 + 3 + s * (SIZE + 1)
            drawing.add(_text(xs[c], y, mark, font=OBLIQUE, anchor="middle", colour=colour))
