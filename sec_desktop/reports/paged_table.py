"""Long tables, fast: a page at a time, the header row at the top of every page.

reportlab's Table, split over many pages, measures every remaining row again at each
page break (a minute for 15,000 rows). Here every cell is plain text already broken
into lines (`wrap`), so a row's height is known up front: `PagedTable` takes the rows
that fit on the page, lays them out as a small Table under the header row, and passes
the rest on to the next page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

from reportlab.lib.colors import Color, black
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from sec_desktop.reports.fonts import BOLD, REGULAR

HEADER_GREY = Color(0.84, 0.84, 0.84)
STRIPE_GREY = Color(0.95, 0.95, 0.95)
RULE_GREY = Color(0.6, 0.6, 0.6)
# Below this much room a page takes no more rows (rounding in the sums of heights).
_FUZZ = 0.01


@dataclass(frozen=True)
class TableLook:
    widths: tuple[float, ...]
    size: float = 9.0
    leading: float = 11.0
    side_padding: float = 3.0
    top_padding: float = 2.0
    bottom_padding: float = 3.0
    header_background: Color = HEADER_GREY
    stripe: Color = STRIPE_GREY
    rule: Color = RULE_GREY

    def room(self, column: int) -> float:
        """The width text has in `column`, inside the padding."""
        return self.widths[column] - 2 * self.side_padding

    def row_height(self, cells: Sequence[str]) -> float:
        """As reportlab's Table measures a row of plain strings."""
        lines = max((cell.count("\n") + 1 for cell in cells), default=1)
        return lines * self.leading + self.top_padding + self.bottom_padding


def wrap(text: str, room: float, font: str = REGULAR, size: float = 9.0) -> list[str]:
    """`text` broken into lines no wider than `room` points: at spaces, else after a
    hyphen, else anywhere."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if stringWidth(trial, font, size) <= room:
            current = trial
            continue
        if current:
            lines.append(current)
        rest = word
        while stringWidth(rest, font, size) > room:
            cut = _cut(rest, room, font, size)
            lines.append(rest[:cut])
            rest = rest[cut:]
        current = rest
    if current:
        lines.append(current)
    return lines


def _cut(word: str, room: float, font: str, size: float) -> int:
    """Where to break a word too wide for `room`: after its last hyphen that fits, else
    after as many characters as fit (at least one)."""
    fits = 1
    while fits < len(word) and stringWidth(word[: fits + 1], font, size) <= room:
        fits += 1
    hyphen = word.rfind("-", 0, fits)
    return hyphen + 1 if hyphen > 0 else fits


@dataclass(frozen=True)
class _Rows:
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    look: TableLook
    bold: Mapping[int, Sequence[int]]
    header_height: float
    heights: Sequence[float]
    # after[i]: the height of rows i to the end, so wrap() needs no sum over the rows.
    after: Sequence[float]


class PagedTable(Flowable):
    """A table of plain-text cells (lines joined by newlines) that fills page after page,
    with `header` at the top of each. `bold` lists, by row index, the columns whose cell
    is set in bold."""

    def __init__(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        look: TableLook,
        bold: Mapping[int, Sequence[int]] | None = None,
    ) -> None:
        super().__init__()
        heights = [look.row_height(row) for row in rows]
        after = [*reversed(list(accumulate(reversed(heights)))), 0.0]
        self._rows = _Rows(header, rows, look, bold or {}, look.row_height(header), heights, after)
        self._start, self._end = 0, len(rows)

    def _part(self, start: int, end: int) -> PagedTable:
        """Rows start to end of the same table (sharing its rows: no copying)."""
        part = PagedTable.__new__(PagedTable)
        Flowable.__init__(part)
        part._rows, part._start, part._end = self._rows, start, end
        return part

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        rows = self._rows
        self.width = sum(rows.look.widths)
        self.height = rows.header_height + rows.after[self._start] - rows.after[self._end]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        rows = self._rows
        room = availHeight - rows.header_height - _FUZZ
        end = self._start
        while end < self._end and rows.heights[end] <= room:
            room -= rows.heights[end]
            end += 1
        if end == self._start:
            return []  # not even one row fits here: the next page
        return [self._part(self._start, end), self._part(end, self._end)]

    def draw(self) -> None:
        """The header and rows start to end, drawn straight on the canvas (a reportlab
        Table per page takes three times as long), looking as a Table would."""
        rows, look, canvas = self._rows, self._rows.look, self.canv
        heights = [rows.header_height, *rows.heights[self._start : self._end]]
        cells = [rows.header, *rows.rows[self._start : self._end]]
        width = sum(look.widths)
        tops = [self.height - above for above in accumulate((0.0, *heights[:-1]))]
        boxes = list(zip(tops, heights, strict=True))
        canvas.saveState()
        canvas.setFillColor(look.header_background)
        canvas.rect(0, tops[0] - heights[0], width, heights[0], stroke=0, fill=1)
        canvas.setFillColor(look.stripe)
        for top, height in boxes[2::2]:  # as Table's ROWBACKGROUNDS [white, stripe]
            canvas.rect(0, top - height, width, height, stroke=0, fill=1)
        canvas.setStrokeColor(look.rule)
        canvas.setLineWidth(0.25)
        canvas.lines([(0, top - height, width, top - height) for top, height in boxes[1:]])
        canvas.setStrokeColor(black)
        canvas.setLineWidth(0.8)
        below_header = tops[0] - heights[0]
        canvas.lines([(0, tops[0], width, tops[0]), (0, below_header, width, below_header)])
        canvas.setFillColor(black)
        text = canvas.beginText()
        lefts = [look.side_padding + x for x in accumulate((0.0, *look.widths[:-1]))]
        face = ""
        for index, (row, top) in enumerate(zip(cells, tops, strict=True)):
            bold = range(len(row)) if index == 0 else rows.bold.get(self._start + index - 1, ())
            for column, cell in enumerate(row):
                wanted = BOLD if column in bold else REGULAR
                if wanted != face:
                    face = wanted
                    text.setFont(face, look.size, look.leading)
                baseline = top - look.top_padding - look.size
                for line in cell.split("\n"):
                    if line:
                        text.setTextOrigin(lefts[column], baseline)
                        text.textOut(line)
                    baseline -= look.leading
        canvas.drawText(text)
        canvas.restoreState()
