"""Feedback at scale: saving an item, full-text search, and the themes counts.

    python -m bench.feedback [--scales 1,10,100] [--repeat 7] [--cache DIR]

For each scale a demo vault is made once (kept in the cache folder, default
`bench/.cache`, for the next run). Each measure is the median of several runs, beside a
floor measured in the same run on the same machine:

- saving one feedback item (durable on disk) against writing the vault's bytes with fsync;
- a search (the median and the worst over typical queries) against a bare FTS5 count of
  the same query on the same connection;
- the themes counts for twelve months and for all time, against a bare count of the
  feedback items in the period.

Prints a table; no thresholds here (issue 9 adds the targets).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from sqlalchemy import text

from sec_desktop.demo.generator import write_demo_records
from sec_desktop.domain.engagement_enums import FeedbackSource, Sentiment, TermKind
from sec_desktop.services.feedback_types import FeedbackDraft
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.search_query import match_expression
from sec_desktop.vault import kdf
from sec_desktop.vault.vault import Unlock, Vault

PASSPHRASE = "bench orbit lantern cobalt meadow"  # noqa: S105 (a throwaway bench vault)
FLOOR_KDF = kdf.Argon2Params(65536, 3, 4)
TODAY = date(2026, 12, 1)
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
    # The worst case: a short, common prefix, as it is while still being typed.
    "the",
)


@dataclass(frozen=True)
class Measure:
    name: str
    value_s: float
    floor_s: float

    @property
    def ratio(self) -> float:
        return self.value_s / self.floor_s if self.floor_s else float("inf")


def _times(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def _median(action: Callable[[], object], repeat: int) -> float:
    return statistics.median(_times(action, repeat))


def demo_vault(scale: int, cache: Path) -> Path:
    """The cached demo vault of this scale, made if missing."""
    path = cache / f"demo-scale-{scale}.secvault"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        vault, _key = Vault.create(partial, PASSPHRASE, kdf_params=FLOOR_KDF)
        write_demo_records(vault, scale, today=TODAY)
        vault.close()
        partial.replace(path)
    return path


def _fsync_write(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _draft(services: RecordServices) -> FeedbackDraft:
    stage = services.taxonomy.terms(TermKind.STAGE)[0].id
    theme = services.taxonomy.terms(TermKind.THEME)[0].id
    return FeedbackDraft(
        received_on=TODAY,
        source=FeedbackSource.ANONYMOUS,
        summary="Said the officer kept them updated every week, which helped.",
        sentiment=Sentiment.POSITIVE,
        stage_ids=(stage,),
        theme_ids=(theme,),
    )


def measure_save(vault: Vault, services: RecordServices, path: Path, repeat: int) -> Measure:
    draft = _draft(services)
    save = _median(lambda: services.feedback.add(draft), repeat)
    data = path.read_bytes()
    floor = _median(lambda: _fsync_write(path.with_suffix(".floor"), data), repeat)
    path.with_suffix(".floor").unlink()
    return Measure("save a feedback item", save, floor)


def measure_search(vault: Vault, services: RecordServices, repeat: int) -> list[Measure]:
    def bare(expression: str) -> None:
        with vault.reading() as session:
            session.connection().execute(
                text("SELECT count(*) FROM search_index WHERE search_index MATCH :q"),
                {"q": expression},
            ).scalar_one()

    per_query = []
    for typed in QUERIES:
        expression = match_expression(typed) or '""'
        value = _median(partial(services.search.search, typed), repeat)
        floor = _median(partial(bare, expression), repeat)
        per_query.append((value, floor))
    values = [v for v, _ in per_query]
    floors = [f for _, f in per_query]
    return [
        Measure("search, median query", statistics.median(values), statistics.median(floors)),
        Measure("search, slowest query", max(values), max(floors)),
    ]


def measure_themes(vault: Vault, services: RecordServices, repeat: int) -> list[Measure]:
    def bare(start: date, end: date) -> None:
        with vault.reading() as session:
            session.connection().execute(
                text("SELECT count(*) FROM feedback_item WHERE received_on BETWEEN :s AND :e"),
                {"s": start.isoformat(), "e": end.isoformat()},
            ).scalar_one()

    measures = []
    periods = (("12 months", TODAY - timedelta(days=365)), ("all time", date(2000, 1, 1)))
    for label, start in periods:
        value = _median(partial(services.themes.counts, start, TODAY), repeat)
        floor = _median(partial(bare, start, TODAY), repeat)
        measures.append(Measure(f"themes counts, {label}", value, floor))
    return measures


def run_scale(scale: int, cache: Path, repeat: int) -> tuple[int, list[Measure]]:
    path = demo_vault(scale, cache)
    work = cache / f"work-scale-{scale}.secvault"
    work.write_bytes(path.read_bytes())
    vault = Vault.open(work, Unlock(passphrase=PASSPHRASE))
    try:
        services = RecordServices.over(vault, today=lambda: TODAY)
        items = len(services.feedback.rows())
        measures = [
            *measure_search(vault, services, repeat),
            *measure_themes(vault, services, repeat),
            measure_save(vault, services, work, repeat),
        ]
    finally:
        vault.close()
        work.unlink()
    return items, measures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=Path(__file__).parent / ".cache")
    args = parser.parse_args()
    print(f"{'scale':>5} {'items':>8}  {'measure':<28} {'ms':>9} {'floor ms':>9} {'ratio':>7}")
    for scale in (int(s) for s in args.scales.split(",")):
        items, measures = run_scale(scale, args.cache, args.repeat)
        for m in measures:
            print(
                f"{scale:>5} {items:>8}  {m.name:<28} {m.value_s * 1000:9.1f} "
                f"{m.floor_s * 1000:9.1f} {m.ratio:7.1f}"
            )


if __name__ == "__main__":
    main()
