"""Disclosure control on hand-made tables, each with the reason its answer is right.

Reading the grids below: the last column is the row total, the last row the column totals,
the bottom-right figure the grand total. A reader knows "<5" is 1 to 4, "*" is 5 or more
(anything smaller would show as "<5"), and "0" and numbers are exact.
"""

from __future__ import annotations

import pytest

from sec_desktop.services.disclosure_audit import Grid, exposed_cells
from sec_desktop.services.disclosure_control import (
    SECONDARY,
    SMALL,
    TOTAL,
    DisclosureControl,
    FigureTable,
    PublishedTable,
    Suppression,
)
from tests.services.test_disclosure_control_properties import (
    lonely_lines,
    pinned_by_intervals,
    pinned_by_search,
)


def table(*rows: tuple[int, ...], totals: bool = True) -> FigureTable:
    width = len(rows[0]) if rows else 0
    return FigureTable(
        name="engagements_by_month",
        title="Engagements by month",
        row_label="Kind",
        columns=tuple(f"Month {c + 1}" for c in range(width)),
        rows=tuple((f"Kind {r + 1}", counts) for r, counts in enumerate(rows)),
        totals=totals,
    )


def grid(published: PublishedTable) -> list[list[str]]:
    """The published text with its Total row, as the module docstring reads it."""
    return [list(row) for row in published.cells] + [
        [*published.column_totals, published.grand_total]
    ]


def safe(published: PublishedTable) -> bool:
    return (
        lonely_lines(published) == []
        and pinned_by_intervals(published) == []
        and pinned_by_search(published) == []
    )


def test_a_table_with_nothing_small_is_published_whole() -> None:
    published = DisclosureControl().publish(table((7, 9), (8, 10)))

    assert grid(published) == [["7", "9", "16"], ["8", "10", "18"], ["15", "19", "34"]]
    assert published.row_totals == ("16", "18")
    assert published.suppressed == ()
    assert not published.withheld


def test_one_small_cell_hides_a_rectangle_and_keeps_the_totals() -> None:
    # 3 is small. Hiding it alone, 23 - 20 would give it away; hiding 20 too, column 1
    # (20 + 12 = 32) would give 20 away, and so on round the rectangle. With all four
    # hidden, a + b = 23, c + d = 22, a + c = 13 leave a anywhere from 1 to 4.
    published = DisclosureControl().publish(table((3, 20), (10, 12)))

    assert grid(published) == [["<5", "*", "23"], ["*", "*", "22"], ["13", "32", "45"]]
    assert published.suppressed == (
        Suppression(0, 0, SMALL),
        Suppression(0, 1, SECONDARY),
        Suppression(1, 0, SECONDARY),
        Suppression(1, 1, SECONDARY),
    )
    assert safe(published)


def test_the_rectangle_is_not_enough_when_the_marks_pin_it() -> None:
    # The same rectangle on 1, 5, 5, 9 would publish a + b = 6 with a "<5" (1 to 4) and
    # b "*" (5 or more): only a = 1, b = 5 fits, and the rest follows. The audit sees it...
    rectangle = Grid.of([[1, 5], [5, 9]], width=2, totals=True, threshold=5)
    rectangle.hidden |= {(0, 1), (1, 0), (1, 1)}
    assert exposed_cells(rectangle) == [(0, 0), (0, 1), (1, 0), (1, 1)]

    # ... and hides totals until nothing can be worked out; the grand total stays.
    published = DisclosureControl().publish(table((1, 5), (5, 9)))

    assert grid(published) == [["<5", "*", "*"], ["*", "*", "*"], ["*", "*", "20"]]
    assert safe(published)


def test_zeros_are_shown_and_never_hide_a_small_cell() -> None:
    # Row 1 is 3, 0, 0: hiding a zero would protect nothing (a reader knows nothing about
    # it that matters); the row's total is 3, small in its own right, so the row has two
    # hidden figures. Column 1 then needs a partner among real counts: 6 (smallest).
    published = DisclosureControl().publish(table((3, 0, 0), (6, 7, 8), (9, 10, 11)))

    assert grid(published) == [
        ["<5", "0", "0", "<5"],
        ["*", "*", "8", "*"],
        ["*", "*", "11", "30"],
        ["18", "17", "19", "54"],
    ]
    assert all(s.why == SECONDARY for s in published.suppressed if s.row > 0)
    assert safe(published)


def test_a_table_of_zeros_and_large_counts_needs_nothing_hidden() -> None:
    published = DisclosureControl().publish(table((6, 0), (0, 0)))

    assert grid(published) == [["6", "0", "6"], ["0", "0", "0"], ["6", "0", "6"]]


def test_a_single_column_hides_a_partner_row_not_the_total() -> None:
    # One count per row (an equality breakdown): each row's total is its count, so 3 is
    # hidden twice over; 10 is hidden with it (a + b = 25 - 12 = 13: a from 1 to 4).
    published = DisclosureControl().publish(table((3,), (10,), (12,)))

    assert grid(published) == [["<5", "<5"], ["*", "*"], ["12", "12"], ["25", "25"]]
    assert safe(published)


def test_a_small_grand_total_is_hidden_too() -> None:
    # 1 + 2 = 3: every figure is small. a + b = "<5" leaves (1, 2) and (2, 1).
    published = DisclosureControl().publish(table((1,), (2,)))

    assert grid(published) == [["<5", "<5"], ["<5", "<5"], ["<5", "<5"]]
    assert published.grand_total == "<5"
    assert safe(published)


def test_a_table_that_cannot_be_protected_is_withheld() -> None:
    # Four cells of 1 with total 4: four "<5" adding up to "<5" can only be 1 + 1 + 1 + 1,
    # whatever else is hidden. So every non-zero figure is shown as "*" (1 or more).
    everything = Grid.of([[1, 1, 1, 1]], width=4, totals=True, threshold=5)
    everything.hidden = set(everything.cells())
    assert exposed_cells(everything) != []

    published = DisclosureControl().publish(table((1, 1, 1, 1)))

    assert published.withheld
    assert grid(published) == [["*"] * 5, ["*"] * 5]
    assert {s.why for s in published.suppressed} == {SMALL}  # the reason, not the mark
    assert safe(published)


def test_without_totals_only_the_small_counts_are_hidden() -> None:
    # Nothing adds up to anything published, so a "<5" stays 1 to 4 whatever else shows.
    published = DisclosureControl().publish(table((2, 6), (7, 9), totals=False))

    assert published.cells == (("<5", "6"), ("7", "9"))
    assert (published.row_totals, published.column_totals, published.grand_total) == ((), (), "")
    assert published.suppressed == (Suppression(0, 0, SMALL),)
    assert published.headers == ("Kind", "Month 1", "Month 2")


def test_the_threshold_sets_the_mark() -> None:
    published = DisclosureControl(10).publish(table((6, 7, 8), (9, 10, 11)))

    assert published.cells[0] == ("<10", "<10", "<10", "21")
    assert published.threshold == 10
    assert "<5" not in grid(published)[1]
    assert safe(published)


@pytest.mark.parametrize("threshold", [2, 1, 0, -5])
def test_a_threshold_under_three_is_refused(threshold: int) -> None:
    with pytest.raises(ValueError, match="3 or more"):
        DisclosureControl(threshold)


def test_three_is_the_lowest_threshold() -> None:
    published = DisclosureControl(3).publish(table((2, 3), (4, 5)))

    assert published.cells[0][0] == "<3"
    assert safe(published)


def test_ragged_rows_and_negative_counts_are_refused() -> None:
    ragged = FigureTable("t", "T", "Kind", ("A", "B"), (("x", (1, 2)), ("y", (3,))))
    with pytest.raises(ValueError, match="one count per column"):
        DisclosureControl().publish(ragged)
    with pytest.raises(ValueError, match="negative"):
        DisclosureControl().publish(table((1, -2)))


def test_positions_name_their_row_and_column() -> None:
    published = DisclosureControl().publish(table((3, 20), (10, 12)))
    total_row = Suppression(2, 0, SECONDARY)
    total_column = Suppression(0, 2, SECONDARY)

    assert published.headers == ("Kind", "Month 1", "Month 2", TOTAL)
    assert published.row_labels == ("Kind 1", "Kind 2")
    assert published.row_label_of(published.suppressed[2]) == "Kind 2"
    assert published.column_label_of(published.suppressed[1]) == "Month 2"
    assert published.row_label_of(total_row) == TOTAL
    assert published.column_label_of(total_column) == TOTAL
    assert [row[-1] for row in published.cells] == list(published.row_totals)


def test_an_empty_table_publishes_zeros() -> None:
    published = DisclosureControl().publish(table())
    months = FigureTable("t", "T", "Kind", ("Apr 2026", "May 2026"), ())

    assert (published.cells, published.grand_total) == ((), "0")
    assert DisclosureControl().publish(months).column_totals == ("0", "0")


def test_tables_published_together_hide_a_shared_total_in_both() -> None:
    # Theme by stage hides both themes' totals (6 and 14: see the rectangle above). Theme by
    # sentiment alone would show 6 and 14, and then by stage a + b = 6 pins a = 1 again.
    # Published together, theme by sentiment hides them too (and protects them in turn).
    by_stage = FigureTable("s", "By stage", "Theme", ("S1", "S2"), (("T1", (1, 5)), ("T2", (5, 9))))
    by_sentiment = FigureTable(
        "m", "By sentiment", "Theme", ("Positive", "Negative"), (("T1", (6, 0)), ("T2", (7, 7)))
    )
    control = DisclosureControl()
    assert control.publish(by_sentiment).row_totals == ("6", "14")

    stage, sentiment = control.publish_all([by_stage, by_sentiment])

    assert stage == control.publish(by_stage)
    assert stage.row_totals == ("*", "*")
    assert grid(sentiment) == [["*", "0", "*"], ["*", "7", "*"], ["13", "7", "20"]]
    assert safe(sentiment)
