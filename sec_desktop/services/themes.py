"""Feedback counted by theme and journey stage over a period, and the items behind a count.

An item coded with two themes and two stages counts once in each of the four cells, once
in each theme's total and once in each stage's; an item with no theme (or no stage) counts
under `UNCODED`. Items flagged as disclosures are left out of every count and of the
drill-down (domain.md: disclosure text never appears in theme analysis); how many were
left out is given, so the figures can be read honestly.

Built in one pass at scale 100: SQLite gives one row per item (its sentiment and its term
ids, read through the coding table's primary key), Python counts the distinct codings
(far fewer than the items) and spreads each over its cells. A GROUP BY per cell in SQL
would sort hundreds of thousands of joined rows: several times slower.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, select, text

from sec_desktop.domain.engagement import TaxonomyTerm
from sec_desktop.domain.engagement_enums import Sentiment, TermKind
from sec_desktop.domain.feedback import Disclosure, FeedbackItem, FeedbackTerm
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services.clock import Today, local_today
from sec_desktop.services.errors import FieldError, ValidationFailed
from sec_desktop.services.feedback_records import FeedbackRow
from sec_desktop.services.feedback_rows import read_rows
from sec_desktop.services.taxonomy import Term
from sec_desktop.vault.vault import Vault

# The row or column of items with no theme (or no stage). Term ids start at 1.
UNCODED = 0
_SENTIMENTS: dict[str | None, Sentiment | None] = {None: None} | {s.value: s for s in Sentiment}

# One row per item: its sentiment and its term ids ("3,17,22"), read through the coding
# table's primary key. {source} is the table, with the date index or without it.
_CODINGS = (
    "SELECT f.sentiment, (SELECT group_concat(ft.term_id) FROM feedback_term ft "
    "WHERE ft.feedback_id = f.id) FROM {source} "
    "WHERE f.received_on BETWEEN :start AND :end "
    "AND f.id NOT IN (SELECT feedback_id FROM disclosure)"
)
# Reading most of the table through the date index costs a lookup per item: over about
# this share of all items, one plain scan is quicker (measured: a year of 150,000 items
# takes half the time by scan; a quarter of it, half the time by index).
_SCAN_SHARE = 0.2
_IN_PERIOD = text("SELECT count(*) FROM feedback_item WHERE received_on BETWEEN :start AND :end")
_ALL = text("SELECT count(*) FROM feedback_item")
_LEFT_OUT = text(
    "SELECT count(*) FROM disclosure d JOIN feedback_item f ON f.id = d.feedback_id "
    "WHERE f.received_on BETWEEN :start AND :end"
)
_TERMS = text("SELECT id, kind, name, retired FROM taxonomy_term ORDER BY position, id")


@dataclass(frozen=True)
class ThemeCounts:
    start: date
    end: date
    # In the user's order: every current term, and retired ones that have items here.
    themes: tuple[Term, ...]
    stages: tuple[Term, ...]
    # (theme id or UNCODED, stage id or UNCODED) -> items.
    cells: Mapping[tuple[int, int], int]
    theme_totals: Mapping[int, int]
    stage_totals: Mapping[int, int]
    # theme id or UNCODED -> sentiment (None: not recorded) -> items.
    sentiments: Mapping[int, Mapping[Sentiment | None, int]]
    # Items counted (each once, however many themes it has).
    total: int
    disclosures_left_out: int

    def cell(self, theme_id: int, stage_id: int) -> int:
        return self.cells.get((theme_id, stage_id), 0)

    def theme_total(self, theme_id: int) -> int:
        return self.theme_totals.get(theme_id, 0)

    def stage_total(self, stage_id: int) -> int:
        return self.stage_totals.get(stage_id, 0)

    def sentiment(self, theme_id: int, sentiment: Sentiment | None) -> int:
        return self.sentiments.get(theme_id, {}).get(sentiment, 0)


@dataclass
class _Tally:
    cells: Counter[tuple[int, int]] = field(default_factory=Counter)
    themes: Counter[int] = field(default_factory=Counter)
    stages: Counter[int] = field(default_factory=Counter)
    sentiments: dict[int, Counter[Sentiment | None]] = field(default_factory=dict)
    total: int = 0

    def add(
        self, themes: tuple[int, ...], stages: tuple[int, ...], sentiment: Sentiment | None, n: int
    ) -> None:
        self.total += n
        for theme in themes:
            self.themes[theme] += n
            self.sentiments.setdefault(theme, Counter())[sentiment] += n
            for stage in stages:
                self.cells[theme, stage] += n
        for stage in stages:
            self.stages[stage] += n


@dataclass
class ThemesService:
    vault: Vault
    today: Today = field(default=local_today)

    def counts(self, start: date, end: date) -> ThemeCounts:
        _check_period(start, end)
        period = {"start": start.isoformat(), "end": end.isoformat()}
        with self.vault.reading() as session:
            connection = session.connection()
            terms = _all_terms(connection)
            codings = _codings(connection, period)
            left_out = int(connection.execute(_LEFT_OUT, period).scalar_one())
        tally = _Tally()
        split: dict[str | None, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        for (sentiment, coded), n in codings.items():
            if coded not in split:
                split[coded] = _split(coded, terms)
            tally.add(*split[coded], _SENTIMENTS[sentiment], n)

        def shown(kind: TermKind, totals: Counter[int]) -> tuple[Term, ...]:
            return tuple(
                t for t in terms.values() if t.kind == kind and (not t.retired or totals[t.id])
            )

        return ThemeCounts(
            start,
            end,
            shown(TermKind.THEME, tally.themes),
            shown(TermKind.STAGE, tally.stages),
            dict(tally.cells),
            dict(tally.themes),
            dict(tally.stages),
            {theme: dict(counts) for theme, counts in tally.sentiments.items()},
            tally.total,
            left_out,
        )

    def items(
        self, start: date, end: date, *, theme_id: int | None = None, stage_id: int | None = None
    ) -> list[FeedbackRow]:
        """The items behind a count, newest first, disclosures left out. `theme_id` and
        `stage_id` narrow to one theme or stage, or (`UNCODED`) to items with none."""
        _check_period(start, end)
        where: list[ColumnElement[bool]] = [
            FeedbackItem.received_on.between(start, end),
            FeedbackItem.id.not_in(select(Disclosure.feedback_id)),
        ]
        for term_id, kind in ((theme_id, TermKind.THEME), (stage_id, TermKind.STAGE)):
            if term_id is not None:
                where.append(_coded(term_id, kind))
        with self.vault.reading() as session:
            return read_rows(session, self.today(), where)


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationFailed(
            [
                FieldError(
                    "end",
                    QT_TRANSLATE_NOOP(
                        "Records", "The period ends before it starts: choose a later end date."
                    ),
                )
            ]
        )


def _codings(connection: Connection, period: dict[str, str]) -> Counter[tuple[Any, Any]]:
    """How many items have each (sentiment, coding)."""
    in_period = connection.execute(_IN_PERIOD, period).scalar_one()
    scan = in_period > _SCAN_SHARE * connection.execute(_ALL).scalar_one()
    source = "feedback_item f NOT INDEXED" if scan else "feedback_item f"
    # The driver's own cursor: 150,000 rows through SQLAlchemy's Row objects cost more
    # than the query itself. Only constant SQL is formatted in; the dates are bound.
    cursor = connection.connection.driver_connection.execute(  # type: ignore[union-attr]
        _CODINGS.format(source=source), period
    )
    return Counter(cursor)


def _all_terms(connection: Connection) -> dict[int, Term]:
    return {
        int(i): Term(int(i), TermKind(kind), str(name), bool(retired))
        for i, kind, name, retired in connection.execute(_TERMS)
    }


def _split(coded: str | None, terms: Mapping[int, Term]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The theme ids and stage ids of a coding ("3,17,22"), each UNCODED when none."""
    ids = [int(i) for i in coded.split(",")] if coded else []
    themes = tuple(i for i in ids if terms[i].kind == TermKind.THEME)
    stages = tuple(i for i in ids if terms[i].kind == TermKind.STAGE)
    return themes or (UNCODED,), stages or (UNCODED,)


def _coded(term_id: int, kind: TermKind) -> ColumnElement[bool]:
    if term_id != UNCODED:
        return FeedbackItem.id.in_(
            select(FeedbackTerm.feedback_id).where(FeedbackTerm.term_id == term_id)
        )
    of_kind = (
        select(FeedbackTerm.feedback_id)
        .join(TaxonomyTerm, TaxonomyTerm.id == FeedbackTerm.term_id)
        .where(TaxonomyTerm.kind == kind)
    )
    return FeedbackItem.id.not_in(of_kind)
