"""The audit behind disclosure control: can a hidden figure be worked out exactly?

The table with its totals is a grid of (rows + 1) x (columns + 1) figures; each row's
cells add up to its last cell, each column's cells to its last cell. Flip the sign of the
Total row and of the Total column (the grand total keeps its sign) and every row and every
column of the grid adds up to zero: the hidden figures are then a circulation on the
bipartite graph with a node per row and per column and an edge per hidden figure, with
the published figures fixed.

What someone reading the output knows of a hidden figure is an interval: "<5" is 1 to 4;
"*" is 5 or more (smaller counts are shown "<5"; zeros are shown); in a withheld table
every "*" is 1 or more. Any other table consistent with what was published differs from
the true one by a circulation, which splits into cycles each of which can be added to the
true table on its own. So a hidden figure can take another value if and only if it lies on
a cycle of the residual graph (an arc where the figure may go up, a reverse arc where it
may go down); otherwise it is exposed: worked out exactly. That is exact, not a heuristic:
the constraint matrix is a network matrix, so integer reasoning gives no more than this.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

Cell = tuple[int, int]
Node = tuple[str, int]  # ("r", row) or ("c", column)
UNBOUNDED = 10**12


@dataclass
class Grid:
    """The figures of one table (with totals when it has them) and what is hidden so far."""

    values: list[list[int]]
    totals: bool
    threshold: int
    small: set[Cell] = field(default_factory=set)
    hidden: set[Cell] = field(default_factory=set)
    withheld: bool = False

    @classmethod
    def of(cls, values: list[list[int]], *, width: int, totals: bool, threshold: int) -> Grid:
        grid = [list(row) for row in values]
        if totals:
            grid = [[*row, sum(row)] for row in grid]
            grid.append([sum(row[c] for row in grid) for c in range(width + 1)])
        made = cls(grid, totals, threshold)
        made.small = {cell for cell in made.cells() if 0 < made.value(cell) < threshold}
        made.hidden = set(made.small)
        return made

    @property
    def height(self) -> int:
        return len(self.values)

    @property
    def width(self) -> int:
        return len(self.values[0]) if self.values else 0

    def value(self, cell: Cell) -> int:
        return self.values[cell[0]][cell[1]]

    def cells(self) -> Iterator[Cell]:
        for r in range(self.height):
            for c in range(self.width):
                yield (r, c)

    def is_total(self, cell: Cell) -> bool:
        return self.totals and (cell[0] == self.height - 1 or cell[1] == self.width - 1)

    def is_grand_total(self, cell: Cell) -> bool:
        return self.totals and cell == (self.height - 1, self.width - 1)

    def row_of(self, cell: Cell) -> list[Cell]:
        return [(cell[0], c) for c in range(self.width)]

    def column_of(self, cell: Cell) -> list[Cell]:
        return [(r, cell[1]) for r in range(self.height)]

    def lines(self) -> list[list[Cell]]:
        """Every row and column whose figures are tied by a total (none without totals)."""
        if not self.totals:
            return []
        rows = [self.row_of((r, 0)) for r in range(self.height)]
        return rows + [self.column_of((0, c)) for c in range(self.width)]

    def bounds(self, cell: Cell) -> tuple[int, int]:
        """What a reader knows of a hidden figure from its mark."""
        if self.withheld:
            return (1, UNBOUNDED)
        if cell in self.small:
            return (1, self.threshold - 1)
        return (self.threshold, UNBOUNDED)


def exposed_cells(grid: Grid, only: Cell | None = None) -> list[Cell]:
    """The hidden figures that what is published pins to one value (sorted); `only` checks
    just that one."""
    if not grid.totals:
        return []  # no totals, no equations: a "<5" is 1 to threshold-1, at least two values
    cells = sorted(grid.hidden) if only is None else [only]
    arcs = _arcs(grid)  # once per audit: the grid does not change while it runs
    return [cell for cell in cells if _pinned(grid, cell, arcs)]


# The residual graph: node -> (next node, the hidden figure whose arc it is).
Arcs = dict[Node, list[tuple[Node, Cell]]]


def _arcs(grid: Grid) -> Arcs:
    arcs: Arcs = {}
    for cell in grid.hidden:
        up, down = _moves(grid, cell)
        row, column = ("r", cell[0]), ("c", cell[1])
        if up:
            arcs.setdefault(row, []).append((column, cell))
        if down:
            arcs.setdefault(column, []).append((row, cell))
    return arcs


def _pinned(grid: Grid, cell: Cell, arcs: Arcs) -> bool:
    row, column = ("r", cell[0]), ("c", cell[1])
    up, down = _moves(grid, cell)
    if up and _reaches(arcs, column, row, without=cell):
        return False
    return not (down and _reaches(arcs, row, column, without=cell))


def _moves(grid: Grid, cell: Cell) -> tuple[bool, bool]:
    """Whether the signed figure may go up, and down, by one within what a reader knows."""
    value = grid.value(cell)
    low, high = grid.bounds(cell)
    rises, falls = value < high, value > low
    flipped = (cell[0] == grid.height - 1) != (cell[1] == grid.width - 1)
    return (falls, rises) if flipped else (rises, falls)


def _reaches(arcs: Arcs, start: Node, goal: Node, *, without: Cell) -> bool:
    """Whether a path leads from `start` to `goal` that does not use `without`'s arcs."""
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            return True
        for after, via in arcs.get(node, ()):
            if via != without and after not in seen:
                seen.add(after)
                queue.append(after)
    return False
