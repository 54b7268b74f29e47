"""Property tests of disclosure control, checked by an attacker that reads only the output.

The attacker here knows nothing of the algorithm's own audit: it reads a PublishedTable's
text, knows what the marks mean ("<5" is 1 to 4, "*" is 5 or more, or 1 or more in a
withheld table; "0" and numbers are exact) and that every row and column adds up to its
total. It then tries to work hidden figures out, two ways:

- interval reasoning, line by line, repeated until nothing tightens (what someone with a
  spreadsheet would do): no hidden figure may come down to one value;
- on small tables, an exhaustive search for another complete table consistent with
  everything published in which the hidden figure has a different value.

Soak: SEC_DC_SOAK=5000 .venv/bin/python -m pytest -q -p no:randomly <this file>
"""

from __future__ import annotations

import itertools
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sec_desktop.services.disclosure_audit import Grid, exposed_cells
from sec_desktop.services.disclosure_control import (
    HIDDEN,
    DisclosureControl,
    FigureTable,
    PublishedTable,
)

Cell = tuple[int, int]
Domains = dict[Cell, tuple[int, int]]
EXAMPLES = int(os.environ.get("SEC_DC_SOAK", "200"))
EXACT_LIMIT = 12  # inner cells up to which the exhaustive search runs


# ---- the attacker -------------------------------------------------------------------


def published_grid(table: PublishedTable) -> list[list[str]]:
    """The published text as a grid with the Total row (needs totals)."""
    return [list(row) for row in table.cells] + [[*table.column_totals, table.grand_total]]


def true_grid(table: PublishedTable) -> list[list[int]]:
    rows = [[*counts, sum(counts)] for _, counts in table.source.rows]
    width = len(table.source.columns) + 1
    return [*rows, [sum(row[c] for row in rows) for c in range(width)]]


def lines_of(height: int, width: int) -> list[list[Cell]]:
    """Every row and column of the grid; the last cell of each is its total."""
    rows = [[(r, c) for c in range(width)] for r in range(height)]
    return rows + [[(r, c) for r in range(height)] for c in range(width)]


def knowledge(table: PublishedTable, cap: int) -> Domains:
    """What a reader knows of every figure, from its text alone (cap for "no upper bound")."""
    small = f"<{table.threshold}"
    hidden_low = 1 if table.withheld else table.threshold
    domains: Domains = {}
    for r, row in enumerate(published_grid(table)):
        for c, text in enumerate(row):
            if text == small:
                domains[(r, c)] = (1, table.threshold - 1)
            elif text == HIDDEN:
                domains[(r, c)] = (hidden_low, cap)
            else:
                domains[(r, c)] = (int(text), int(text))
    return domains


def propagate(lines: list[list[Cell]], domains: Domains) -> Domains | None:
    """Tighten every figure's interval from the line sums until nothing changes; None if
    no table fits."""
    known = dict(domains)
    changed = True
    while changed:
        changed = False
        for line in lines:
            for index, cell in enumerate(line):
                low, high = _from_line(line, index, known)
                old_low, old_high = known[cell]
                new = (max(old_low, low), min(old_high, high))
                if new[0] > new[1]:
                    return None
                if new != (old_low, old_high):
                    known[cell] = new
                    changed = True
    return known


def _from_line(line: list[Cell], index: int, known: Domains) -> tuple[int, int]:
    inner, total = line[:-1], line[-1]
    if index == len(line) - 1:
        return (sum(known[c][0] for c in inner), sum(known[c][1] for c in inner))
    others = [c for c in inner if c != line[index]]
    return (
        known[total][0] - sum(known[c][1] for c in others),
        known[total][1] - sum(known[c][0] for c in others),
    )


def feasible(lines: list[list[Cell]], domains: Domains) -> bool:
    """Is there a whole table of integers within the domains that adds up? (search)"""
    known = propagate(lines, domains)
    if known is None:
        return False
    open_cells = [cell for cell, (low, high) in known.items() if low < high]
    if not open_cells:
        return True
    cell = min(open_cells, key=lambda c: (known[c][1] - known[c][0], c))
    low, high = known[cell]
    return any(feasible(lines, {**known, cell: (v, v)}) for v in range(low, high + 1))


def hidden_cells(table: PublishedTable) -> list[Cell]:
    return [(s.row, s.column) for s in table.suppressed]


def cap_for(table: PublishedTable) -> int:
    return 3 * true_grid(table)[-1][-1] + 3 * table.threshold + 5


def pinned_by_intervals(table: PublishedTable) -> list[Cell]:
    grid = published_grid(table)
    lines = lines_of(len(grid), len(grid[0]))
    known = propagate(lines, knowledge(table, cap_for(table)))
    assert known is not None, "the true table must fit what was published"
    return [cell for cell in hidden_cells(table) if known[cell][0] == known[cell][1]]


def pinned_by_search(table: PublishedTable) -> list[Cell]:
    """Hidden figures for which no other consistent table gives a different value."""
    grid = published_grid(table)
    lines = lines_of(len(grid), len(grid[0]))
    truth = true_grid(table)
    domains = knowledge(table, cap_for(table))
    pinned = []
    for r, c in hidden_cells(table):
        low, high = domains[(r, c)]
        value = truth[r][c]
        tries = sorted(
            (v for v in range(low, high + 1) if v != value), key=lambda v: abs(v - value)
        )
        if not any(feasible(lines, {**domains, (r, c): (v, v)}) for v in tries):
            pinned.append((r, c))
    return pinned


def lonely_lines(table: PublishedTable) -> list[list[Cell]]:
    """Lines with exactly one hidden figure (its total published, or the total itself)."""
    grid = published_grid(table)
    hidden = set(hidden_cells(table))
    lines = lines_of(len(grid), len(grid[0]))
    return [line for line in lines if sum(1 for cell in line if cell in hidden) == 1]


# ---- the tables ----------------------------------------------------------------------

counts = st.one_of(st.just(0), st.integers(1, 4), st.integers(0, 30))
thresholds = st.sampled_from([3, 4, 5, 5, 5, 10])


@st.composite
def figure_tables(draw: st.DrawFn, max_side: int = 6) -> FigureTable:
    height = draw(st.integers(1, max_side))
    width = draw(st.integers(1, max_side))
    rows = tuple((f"row {r}", tuple(draw(counts) for _ in range(width))) for r in range(height))
    totals = draw(st.integers(0, 9)) != 0  # one table in ten without totals
    return FigureTable(
        "t", "Figures", "Kind", tuple(f"col {c}" for c in range(width)), rows, totals
    )


def all_texts(table: PublishedTable) -> list[str]:
    return [
        *(text for row in table.cells for text in row),
        *table.row_totals,
        *table.column_totals,
        *([table.grand_total] if table.source.totals else []),
    ]


# ---- the properties ------------------------------------------------------------------

SETTINGS = settings(max_examples=EXAMPLES, deadline=None)


@SETTINGS
@given(figure_tables(), thresholds)
def test_no_published_figure_is_small(table: FigureTable, threshold: int) -> None:
    published = DisclosureControl(threshold).publish(table)
    for text in all_texts(published):
        assert text in {f"<{threshold}", HIDDEN} or text.isdigit()
        if text.isdigit():
            assert int(text) == 0 or int(text) >= threshold


@SETTINGS
@given(figure_tables(), thresholds)
def test_published_numbers_are_the_true_ones(table: FigureTable, threshold: int) -> None:
    published = DisclosureControl(threshold).publish(table)
    truth = true_grid(published) if table.totals else [list(c) for _, c in table.rows]
    texts = published_grid(published) if table.totals else [list(r) for r in published.cells]
    hidden = set(hidden_cells(published))
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            assert ((r, c) in hidden) == (not text.isdigit())
            if text.isdigit():
                assert int(text) == truth[r][c]
            if (r, c) in hidden:
                assert truth[r][c] > 0  # a zero is never hidden


@SETTINGS
@given(figure_tables(), thresholds)
def test_no_line_has_a_single_hidden_figure(table: FigureTable, threshold: int) -> None:
    published = DisclosureControl(threshold).publish(table)
    if table.totals:
        assert lonely_lines(published) == []


@SETTINGS
@given(figure_tables(), thresholds)
def test_interval_reasoning_pins_no_hidden_figure(table: FigureTable, threshold: int) -> None:
    published = DisclosureControl(threshold).publish(table)
    if table.totals:
        assert pinned_by_intervals(published) == []


@settings(max_examples=max(EXAMPLES // 2, 50), deadline=None)
@given(figure_tables(max_side=4), thresholds)
def test_no_other_table_search_pins_a_hidden_figure(table: FigureTable, threshold: int) -> None:
    published = DisclosureControl(threshold).publish(table)
    if table.totals and len(table.rows) * len(table.columns) <= EXACT_LIMIT:
        assert pinned_by_search(published) == []


@SETTINGS
@given(figure_tables(), thresholds)
def test_publishing_is_deterministic(table: FigureTable, threshold: int) -> None:
    first = DisclosureControl(threshold).publish(table)
    assert DisclosureControl(threshold).publish(table) == first
    # the same table rebuilt from its parts (fresh tuples) publishes the same way
    copy = FigureTable(
        table.name,
        table.title,
        table.row_label,
        tuple(table.columns),
        tuple((label, tuple(c)) for label, c in table.rows),
        table.totals,
        table.note,
    )
    assert DisclosureControl(threshold).publish(copy) == first


@SETTINGS
@given(figure_tables(), thresholds)
def test_a_table_with_nothing_small_is_published_as_it_is(
    table: FigureTable, threshold: int
) -> None:
    """Idempotence: publishing changes nothing that needs no protection."""
    lifted = FigureTable(
        table.name,
        table.title,
        table.row_label,
        table.columns,
        tuple((label, tuple(0 if n == 0 else n + threshold for n in c)) for label, c in table.rows),
        table.totals,
    )
    published = DisclosureControl(threshold).publish(lifted)
    assert published.suppressed == ()
    assert all(text.isdigit() for text in all_texts(published))


@SETTINGS
@given(st.integers(-5, 2))
def test_a_threshold_under_three_is_refused(threshold: int) -> None:
    with pytest.raises(ValueError, match="3 or more"):
        DisclosureControl(threshold)


@settings(max_examples=max(EXAMPLES // 2, 50), deadline=None)
@given(
    st.lists(st.lists(counts, min_size=3, max_size=3), min_size=1, max_size=3),
    st.sets(st.tuples(st.integers(0, 3), st.integers(0, 3))),
    thresholds,
)
def test_the_audit_agrees_with_the_search(
    rows: list[list[int]], extra: set[Cell], threshold: int
) -> None:
    """The algorithm's own audit (residual cycles) finds exactly the figures the search can
    pin, for any choice of hidden figures: it neither misses one nor sees one too many."""
    grid = Grid.of(rows, width=3, totals=True, threshold=threshold)
    grid.hidden |= {cell for cell in extra if cell in set(grid.cells()) and grid.value(cell) > 0}
    source = FigureTable(
        "t", "T", "Kind", ("a", "b", "c"), tuple((str(i), tuple(r)) for i, r in enumerate(rows))
    )
    published = DisclosureControl(threshold)._published(source, grid)

    assert exposed_cells(grid) == sorted(pinned_by_search(published))


@st.composite
def linked_tables(draw: st.DrawFn) -> list[FigureTable]:
    """A table and one or two others splitting each of its row totals another way (a theme
    by stage, then by sentiment): same row labels, same row totals, same grand total."""
    first = draw(figure_tables(max_side=4).filter(lambda t: t.totals))
    tables = [first]
    for n in range(draw(st.integers(1, 2))):
        width = draw(st.integers(1, 3))
        rows = []
        for label, counts in first.rows:
            cuts = sorted(draw(st.integers(0, sum(counts))) for _ in range(width - 1))
            bounds = [0, *cuts, sum(counts)]
            rows.append((label, tuple(b - a for a, b in itertools.pairwise(bounds))))
        columns = tuple(f"other {n} {c}" for c in range(width))
        tables.append(FigureTable(f"t{n}", "Other", "Kind", columns, tuple(rows)))
    return tables


def hidden_margins(published: PublishedTable) -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
    """The (label, true count) of a table's totals: those hidden, and all of them."""
    truth = true_grid(published)
    height, width = len(truth) - 1, len(truth[0]) - 1
    named = {(r, width): label for r, label in enumerate(published.row_labels)}
    named.update({(height, c): label for c, label in enumerate(published.source.columns)})
    named[(height, width)] = "Total"
    hidden = set(hidden_cells(published))
    keys = {cell: (label, truth[cell[0]][cell[1]]) for cell, label in named.items()}
    return {key for cell, key in keys.items() if cell in hidden}, set(keys.values())


@settings(max_examples=max(EXAMPLES // 2, 50), deadline=None)
@given(linked_tables(), thresholds)
def test_tables_published_together_hide_their_shared_totals_alike(
    tables: list[FigureTable], threshold: int
) -> None:
    published = DisclosureControl(threshold).publish_all(tables)
    margins = [hidden_margins(one) for one in published]
    hidden_anywhere = set().union(*(hidden for hidden, _ in margins))
    for one, (hidden, every) in zip(published, margins, strict=True):
        assert every & hidden_anywhere <= hidden  # shown here, hidden there: never
        assert lonely_lines(one) == []
        assert pinned_by_intervals(one) == []


@SETTINGS
@given(figure_tables(), thresholds)
def test_one_table_published_together_is_published_alone(
    table: FigureTable, threshold: int
) -> None:
    control = DisclosureControl(threshold)
    assert control.publish_all([table]) == [control.publish(table)]
