"""Disclosure control: the one gate every governance export and report passes through.

A `FigureTable` holds true counts; `DisclosureControl.publish` turns it into a
`PublishedTable` of text that is safe to leave the vault:

- a count from 1 to threshold-1 is shown as "<5" (for threshold 5): primary suppression,
  why "small". Totals follow the same rule.
- 0 is shown as "0": a zero says nothing about any other cell.
- further cells are hidden as "*" (why "secondary") so that no hidden cell can be worked
  out from what is published: the totals, the other cells, and what the marks themselves
  say ("<5" is 1 to 4; "*" is 5 or more, since smaller counts are shown "<5").
- if a table cannot be protected that way (a line such as four "<5" cells whose total is
  "<5" pins every cell to 1), every non-zero figure is shown as "*": nothing but the zeros
  and the table's shape is published.

Tables that go out together should be published with `publish_all`: a total two tables
share (same label and count) is then hidden in both if either hides it.

How: primary suppression; then the line rule (a row or column, totals included, with one
hidden figure hides its smallest non-zero figure, inner cells before totals, the grand
total last); then an exact audit (disclosure_audit.py) and repair until no hidden figure
can be worked out.

Positions: a `Suppression` gives (row, column) in the table *with* its totals, so
`row == len(source.rows)` is the Total row and `column == len(source.columns)` is the Total
column (the cell at both is the grand total). `PublishedTable.cells` has the Total column
as its last entry when `source.totals`; the Total row is `column_totals` + `grand_total`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services.disclosure_audit import Cell, Grid, exposed_cells

TOTAL = QT_TRANSLATE_NOOP("Reports", "Total")
SMALL: Literal["small"] = "small"
SECONDARY: Literal["secondary"] = "secondary"
HIDDEN = "*"
MINIMUM_THRESHOLD = 3

Why = Literal["small", "secondary"]


@dataclass(frozen=True)
class FigureTable:
    """True counts, as a service computes them: never leaves the vault unpublished."""

    name: str  # file/sheet name, e.g. "engagements_by_month"
    title: str  # untranslated message, context "Reports"
    row_label: str  # header of the first column (untranslated, "Reports")
    columns: tuple[str, ...]  # column headers (already words, e.g. "Apr 2026", or messages)
    rows: tuple[tuple[str, tuple[int, ...]], ...]  # (row label, counts)
    totals: bool = True  # add a Total row and column
    note: str = ""


@dataclass(frozen=True)
class Suppression:
    """One hidden figure: its position in the table with totals, and why it is hidden."""

    row: int  # == len(source.rows): the Total row
    column: int  # == len(source.columns): the Total column
    why: Why


@dataclass(frozen=True)
class PublishedTable:
    """What may be written to a file: text only, every figure already controlled."""

    source: FigureTable
    cells: tuple[tuple[str, ...], ...]  # rows x (columns [+ Total]): "12", "<5", "0", "*"
    row_totals: tuple[str, ...]  # () without totals
    column_totals: tuple[str, ...]  # () without totals
    grand_total: str  # "" without totals
    suppressed: tuple[Suppression, ...]
    threshold: int = 5
    withheld: bool = False  # True: no safe pattern existed, every non-zero figure is "*"

    @property
    def headers(self) -> tuple[str, ...]:
        """The header row: the row label, the columns and (with totals) "Total" (untranslated)."""
        total = (TOTAL,) if self.source.totals else ()
        return (self.source.row_label, *self.source.columns, *total)

    @property
    def row_labels(self) -> tuple[str, ...]:
        return tuple(label for label, _ in self.source.rows)

    def row_label_of(self, suppression: Suppression) -> str:
        """The row a suppression is in, as words ("Total" for the Total row, untranslated)."""
        if suppression.row == len(self.source.rows):
            return TOTAL
        return self.source.rows[suppression.row][0]

    def column_label_of(self, suppression: Suppression) -> str:
        """The column a suppression is in, as words ("Total" for the Total column)."""
        if suppression.column == len(self.source.columns):
            return TOTAL
        return self.source.columns[suppression.column]


THRESHOLD_TOO_LOW = "The disclosure control threshold must be 3 or more."
RAGGED = "Every row of a figure table must have one count per column."
NEGATIVE = "A figure table cannot hold a negative count."


class DisclosureControl:
    """Publishes figure tables with small counts hidden and nothing recoverable from totals."""

    def __init__(self, threshold: int = 5) -> None:
        if threshold < MINIMUM_THRESHOLD:
            raise ValueError(THRESHOLD_TOO_LOW)
        self.threshold = threshold

    @property
    def small_mark(self) -> str:
        return f"<{self.threshold}"

    def publish(self, table: FigureTable) -> PublishedTable:
        return self._published(table, self._protected(table, set()))

    def publish_all(self, tables: Sequence[FigureTable]) -> list[PublishedTable]:
        """Publish tables that go out together (one report, one export). A total that two
        tables share (same label, same true count: a theme's total in two breakdowns, the
        number of people in every equality table) is hidden in both if either hides it;
        otherwise one table's published total would undo the other's suppression."""
        forced: list[set[Cell]] = [set() for _ in tables]
        while True:
            grids = [self._protected(t, cells) for t, cells in zip(tables, forced, strict=True)]
            wanted = shared_margins_to_hide(grids, [_margins(t) for t in tables])
            if all(want <= grid.hidden for want, grid in zip(wanted, grids, strict=True)):
                return [self._published(t, g) for t, g in zip(tables, grids, strict=True)]
            # only what a table does not hide by itself, so its own pattern stays as it was
            forced = [
                cells | (want - grid.hidden)
                for cells, want, grid in zip(forced, wanted, grids, strict=True)
            ]

    def _protected(self, table: FigureTable, forced: set[Cell]) -> Grid:
        values = _checked_values(table)
        grid = Grid.of(
            values, width=len(table.columns), totals=table.totals, threshold=self.threshold
        )
        if table.totals:
            grid.hidden |= forced
            _protect(grid)
        return grid

    def _published(self, table: FigureTable, grid: Grid) -> PublishedTable:
        shown = [[self._text(grid, r, c) for c in range(grid.width)] for r in range(grid.height)]
        inner_rows = len(table.rows)
        suppressed = tuple(
            Suppression(r, c, SMALL if (r, c) in grid.small else SECONDARY)
            for r, c in sorted(grid.hidden)
        )
        if not table.totals:
            return PublishedTable(
                table, tuple(tuple(row) for row in shown), (), (), "", suppressed, self.threshold
            )  # no totals, no equations: primary suppression is enough
        cols = len(table.columns)
        return PublishedTable(
            source=table,
            cells=tuple(tuple(row) for row in shown[:inner_rows]),
            row_totals=tuple(row[cols] for row in shown[:inner_rows]),
            column_totals=tuple(shown[inner_rows][:cols]),
            grand_total=shown[inner_rows][cols],
            suppressed=suppressed,
            threshold=self.threshold,
            withheld=grid.withheld,
        )

    def _text(self, grid: Grid, r: int, c: int) -> str:
        if (r, c) not in grid.hidden:
            return str(grid.values[r][c])
        if grid.withheld or (r, c) not in grid.small:
            return HIDDEN
        return self.small_mark


def _margins(table: FigureTable) -> dict[Cell, str]:
    """A table's totals by position, each named by its row or column label."""
    if not table.totals:
        return {}
    height, width = len(table.rows), len(table.columns)
    named = {(r, width): label for r, (label, _) in enumerate(table.rows)}
    named.update({(height, c): label for c, label in enumerate(table.columns)})
    named[(height, width)] = TOTAL
    return named


def shared_margins_to_hide(grids: list[Grid], margins: list[dict[Cell, str]]) -> list[set[Cell]]:
    """For each table, its totals that some table hides under the same label and count."""
    hidden_keys = {
        (label, grid.value(cell))
        for grid, named in zip(grids, margins, strict=True)
        for cell, label in named.items()
        if cell in grid.hidden
    }
    return [
        {cell for cell, label in named.items() if (label, grid.value(cell)) in hidden_keys}
        for grid, named in zip(grids, margins, strict=True)
    ]


def _checked_values(table: FigureTable) -> list[list[int]]:
    values = [list(counts) for _, counts in table.rows]
    if any(len(row) != len(table.columns) for row in values):
        raise ValueError(RAGGED)
    if any(count < 0 for row in values for count in row):
        raise ValueError(NEGATIVE)
    return values


def _protect(grid: Grid) -> None:
    """Secondary suppression: the line rule first, then audit and repair until nothing is
    exposed; if cells are still exposed with every non-zero figure hidden, withhold all."""
    _line_rule(grid)
    while exposed := exposed_cells(grid):
        if not _repair(grid, exposed[0]):
            grid.withheld = True
            grid.hidden = {cell for cell in grid.cells() if grid.value(cell) != 0}
            return


def _line_rule(grid: Grid) -> None:
    """Until no line (row or column, totals included) has exactly one hidden figure: hide
    the smallest non-zero figure of such a line, preferring inner cells to totals (the grand
    total last of all) and one that also mends another line."""
    lines = grid.lines()  # the grid's shape does not change here, only what is hidden
    while True:
        lonely = [line for line in lines if _hidden_count(grid, line) == 1]
        if not lonely:
            return
        line = lonely[0]
        candidates = [cell for cell in line if cell not in grid.hidden and grid.value(cell) > 0]
        if not candidates:
            return  # the audit decides what else to hide
        lonely_sets = [set(other) for other in lonely[1:]]
        grid.hidden.add(
            min(
                candidates,
                key=lambda cell: (
                    grid.is_grand_total(cell),
                    grid.is_total(cell),
                    not any(cell in other for other in lonely_sets),
                    grid.value(cell),
                    cell,
                ),
            )
        )


def _hidden_count(grid: Grid, line: list[Cell]) -> int:
    return sum(1 for cell in line if cell in grid.hidden)


def _repair(grid: Grid, exposed: Cell) -> bool:
    """Hide more figures for an exposed cell. Each candidate (a non-zero figure of its row
    or column) is tried with what the line rule then adds; of those that protect the cell,
    the one that keeps the grand total and hides the fewest figures wins. If none does,
    the first candidate is hidden anyway (then the first anywhere) and the audit goes on.
    False if nothing non-zero is left to hide."""
    near = _candidates(grid, [*grid.row_of(exposed), *grid.column_of(exposed)])
    options = []
    for rank, cell in enumerate(near):
        added = _with_line_rule(grid, cell)
        grid.hidden |= added
        if exposed not in exposed_cells(grid, only=exposed):
            grand = any(grid.is_grand_total(one) for one in added)
            options.append((grand, len(added), rank, added))
        grid.hidden -= added
    if options:
        grid.hidden |= min(options, key=lambda option: option[:3])[3]
        return True
    fallback = near or _candidates(grid, list(grid.cells()))
    if not fallback:
        return False
    grid.hidden |= _with_line_rule(grid, fallback[0])
    return True


def _with_line_rule(grid: Grid, cell: Cell) -> set[Cell]:
    """The figures hiding `cell` would hide: it and what the line rule adds after it."""
    before = set(grid.hidden)
    grid.hidden.add(cell)
    _line_rule(grid)
    added = grid.hidden - before
    grid.hidden = before
    return added


def _candidates(grid: Grid, cells: list[Cell]) -> list[Cell]:
    chosen = {cell for cell in cells if cell not in grid.hidden and grid.value(cell) > 0}
    return sorted(
        chosen,
        key=lambda cell: (grid.is_grand_total(cell), grid.is_total(cell), grid.value(cell), cell),
    )
