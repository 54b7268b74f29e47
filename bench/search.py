"""Full-text search at scale, against a bare FTS5 count of the same query.

    python -m bench.search [--scales 100] [--repeat N]

Each query is what the search box runs (ranked hits with snippets, as the Search tab
shows them); the floor is `SELECT count(*) ... MATCH` of the same expression on the same
connection. Reported: the median over typical queries, and the slowest of them (a short,
common prefix while still being typed). The themes counts are shown beside, without a
target (they load in the background).
"""

from __future__ import annotations

import statistics
from datetime import timedelta
from functools import partial

from sqlalchemy import text

from bench.harness import PASSPHRASE, TODAY, Result, group_main, paired_medians, scratch_copy
from bench.vaults import demo_vault
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.search_query import match_expression
from sec_desktop.vault.vault import Unlock, Vault

SEARCH_CEILING = 0.100
QUERIES = (
    "officer",
    "court",
    "updated",
    "believed",
    "interpreter",
    "phone evidence",
    "waited",
    "ISVA",
    "charging decision",
    "bail",
    "the",  # the worst case: a short, common prefix, as it is while still being typed
)


def measure_search(vault: Vault, services: RecordServices, scale: int, repeat: int) -> list[Result]:
    def bare(expression: str) -> None:
        with vault.reading() as session:
            session.connection().execute(
                text("SELECT count(*) FROM search_index WHERE search_index MATCH :q"),
                {"q": expression},
            ).scalar_one()

    pairs = [
        paired_medians(
            partial(services.search.search, typed),
            partial(bare, match_expression(typed) or '""'),
            repeat,
        )
        for typed in QUERIES
    ]
    values = [value for value, _ in pairs]
    floors = [floor for _, floor in pairs]
    slowest = max(range(len(pairs)), key=lambda index: values[index])
    return [
        Result(
            "full-text search, median query",
            scale,
            statistics.median(values),
            statistics.median(floors),
            max_value=SEARCH_CEILING,
            detail=f"{len(QUERIES)} queries; floor: bare FTS5 count",
        ),
        Result(
            "full-text search, slowest query",
            scale,
            values[slowest],
            floors[slowest],
            max_value=SEARCH_CEILING,
            detail=f'"{QUERIES[slowest]}"; floor: bare FTS5 count',
        ),
    ]


def measure_themes(vault: Vault, services: RecordServices, scale: int, repeat: int) -> Result:
    start = TODAY - timedelta(days=365)

    def bare() -> None:
        with vault.reading() as session:
            session.connection().execute(
                text("SELECT count(*) FROM feedback_item WHERE received_on BETWEEN :s AND :e"),
                {"s": start.isoformat(), "e": TODAY.isoformat()},
            ).scalar_one()

    value, floor = paired_medians(partial(services.themes.counts, start, TODAY), bare, repeat)
    return Result(
        "themes counts, 12 months (background)",
        scale,
        value,
        floor,
        detail="no target: loads off the GUI thread; floor: bare count of the items",
    )


def group(scales: tuple[int, ...], repeat: int) -> list[Result]:
    results = []
    folder = demo_vault(1).parent / "search"
    for scale in scales:
        with scratch_copy(demo_vault(scale), folder) as path:
            vault = Vault.open(path, Unlock(passphrase=PASSPHRASE))
            try:
                services = RecordServices.over(vault, today=lambda: TODAY)
                results += measure_search(vault, services, scale, repeat)
                results.append(measure_themes(vault, services, scale, repeat))
            finally:
                vault.close()
    return results


if __name__ == "__main__":
    group_main(group, default_scales=(100,))
