"""Full-text search over feedback, engagement notes, scrutiny cases and case timelines.

The `search_index` FTS5 table is kept by triggers (see migration 0003); its rowid is the
record's id times 8 plus its kind. Results are ranked by bm25 and carry a title in
pseudonyms only, a date and a snippet with the matched words between `MARK_START` and
`MARK_END` (the screen escapes the text, then makes those bold).

Two choices keep a search instant at scale 100 (150,000 feedback items):

- Ranking every match of a very common word costs a bm25 score per match (half a second
  for "the"). So only the newest `RANK_WINDOW` matches are ranked: every match while
  there are fewer than that, and for a common word the best of the most recent ones
  (`SearchResults.newest_only` says so, and the count is still of every match).
- FTS5 builds a snippet through the whole index, which for a prefix means merging the
  lists of every word it starts (seconds for 200 hits). Snippets are made instead from
  a private in-memory FTS5 table holding only the hits shown, built with the index's
  own definition, so the words marked are exactly the ones that matched.

A feedback item flagged as a disclosure is listed with no snippet: its text is not even
read (domain.md: disclosure text appears only in its own record).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, text

from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource, Panel
from sec_desktop.domain.enums import Choice
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services.clock import Today, local_today
from sec_desktop.services.search_query import match_expression
from sec_desktop.vault.vault import Vault

# The kinds of indexed rows (rowid = id * 8 + kind), as the migration numbers them.
FEEDBACK, ENGAGEMENT, TIMELINE, CASE = 1, 2, 3, 4
ROWID_STEP = 8
# What a hit opens (the signal `open_requested(kind, record_id)`).
OPENS_FEEDBACK, OPENS_ENGAGEMENT, OPENS_CASE = "feedback", "engagement", "case"
DEFAULT_LIMIT = 200
RANK_WINDOW = 5_000
MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_WORDS = 14
_UNMARK = str.maketrans({MARK_START: " ", MARK_END: " ", "\n": " "})
# Short, as panels are called in the room (the full names are in the case's own screen).
PANEL_SHORT = {Panel.DA: "DA", Panel.RASSO: "RASSO"}


@dataclass(frozen=True)
class SearchHit:
    kind: str  # OPENS_FEEDBACK, OPENS_ENGAGEMENT or OPENS_CASE
    record_id: int
    # The title as a message to translate (context "Records") and the values to fill in
    # after translating; choices among them are translated by their label.
    title_message: str
    title_values: Mapping[str, object]
    on: date | None
    # The matched words between MARK_START and MARK_END; empty for a disclosure.
    snippet: str
    disclosure: bool = False

    @property
    def title(self) -> str:
        """The title in English."""
        values = {k: v.label if isinstance(v, Choice) else v for k, v in self.title_values.items()}
        return self.title_message.format(**values)


@dataclass(frozen=True)
class SearchResults:
    typed: str
    hits: tuple[SearchHit, ...] = ()
    # Every match, including those not listed.
    total: int = 0
    # More matched than could be ranked: the hits are the best of the newest matches.
    newest_only: bool = False


@dataclass
class SearchService:
    vault: Vault
    today: Today = field(default=local_today)
    _definition: str | None = field(default=None, init=False, repr=False)

    def search(self, typed: str, limit: int = DEFAULT_LIMIT) -> SearchResults:
        expression = match_expression(typed)
        if expression is None:
            return SearchResults(typed)
        with self.vault.reading() as session:
            connection = session.connection()
            window = connection.execute(_WINDOW, {"q": expression, "window": RANK_WINDOW}).all()
            if not window:
                return SearchResults(typed)
            # Counted again only when there are more than the window holds.
            total = (
                len(window)
                if len(window) < RANK_WINDOW
                else connection.execute(_COUNT, {"q": expression}).scalar_one()
            )
            rowids = [int(rowid) for rowid, _score in sorted(window, key=_best_first)[:limit]]
            hits, bodies = _describe(connection, rowids)
            definition = self._index_definition(connection)
        snippets = _snippets(definition, expression, bodies)
        shown = tuple(
            hit if hit.disclosure else _with_snippet(hit, snippets.get(rowid, ""))
            for rowid, hit in zip(rowids, hits, strict=True)
        )
        return SearchResults(typed, shown, total, newest_only=total > RANK_WINDOW)

    def _index_definition(self, connection: Connection) -> str:
        if self._definition is None:
            self._definition = connection.execute(_DEFINITION).scalar_one()
        return self._definition


_COUNT = text("SELECT count(*) FROM search_index WHERE search_index MATCH :q")
# The window is taken in rowid order, which FTS5 walks without scoring, and ranked in
# Python (a few thousand pairs): its size is then the count, unless it is full. Each query
# over a short prefix ("the*") first merges the lists of every word it starts, so one
# query fewer is a saving.
_WINDOW = text(
    "SELECT rowid, bm25(search_index) FROM search_index"
    " WHERE search_index MATCH :q ORDER BY rowid DESC LIMIT :window"
)
_DEFINITION = text("SELECT sql FROM sqlite_master WHERE name = 'search_index'")
_FEEDBACK = text(
    "SELECT f.id, f.received_on, f.source, p.code, pa.name, d.feedback_id IS NOT NULL "
    "FROM feedback_item f LEFT JOIN participant p ON p.id = f.participant_id "
    "LEFT JOIN partner pa ON pa.id = f.partner_id "
    "LEFT JOIN disclosure d ON d.feedback_id = f.id WHERE f.id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_ENGAGEMENTS = text(
    "SELECT id, kind, title, topic, held_on FROM engagement WHERE id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_CASES = text(
    "SELECT c.id, e.held_on, e.panel, c.crime_reference FROM scrutiny_case c "
    "JOIN engagement e ON e.id = c.engagement_id WHERE c.id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_TIMELINE = text(
    'SELECT t.id, t.case_id, t."on", e.panel, c.crime_reference FROM case_timeline_entry t '
    "JOIN scrutiny_case c ON c.id = t.case_id JOIN engagement e ON e.id = c.engagement_id "
    "WHERE t.id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_BODIES = text("SELECT rowid, body FROM search_index WHERE rowid IN :ids").bindparams(
    bindparam("ids", expanding=True)
)


def _best_first(row: Any) -> tuple[float, int]:
    """bm25 is lower for a better match; ties go to the newer record (higher rowid)."""
    return (float(row[1]), -int(row[0]))


def _ids_of(rowids: Iterable[int], kind: int) -> list[int]:
    return [rowid // ROWID_STEP for rowid in rowids if rowid % ROWID_STEP == kind]


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _describe(connection: Connection, rowids: list[int]) -> tuple[list[SearchHit], list[Any]]:
    """A hit (with no snippet yet) for each rowid, in order; and the indexed text of the
    hits that may show a snippet (never a disclosure's)."""
    found: dict[int, SearchHit] = {}
    for row in connection.execute(_FEEDBACK, {"ids": _ids_of(rowids, FEEDBACK)}):
        found[row[0] * ROWID_STEP + FEEDBACK] = _feedback_hit(tuple(row))
    for row in connection.execute(_ENGAGEMENTS, {"ids": _ids_of(rowids, ENGAGEMENT)}):
        found[row[0] * ROWID_STEP + ENGAGEMENT] = _engagement_hit(*row)
    for case_id, held_on, panel, reference in connection.execute(
        _CASES, {"ids": _ids_of(rowids, CASE)}
    ):
        found[case_id * ROWID_STEP + CASE] = _case_hit(case_id, held_on, panel, reference)
    for entry_id, case_id, on, panel, reference in connection.execute(
        _TIMELINE, {"ids": _ids_of(rowids, TIMELINE)}
    ):
        found[entry_id * ROWID_STEP + TIMELINE] = _case_hit(
            case_id, on, panel, reference, timeline=True
        )
    hits = [found[rowid] for rowid in rowids]
    readable = [rowid for rowid, hit in zip(rowids, hits, strict=True) if not hit.disclosure]
    bodies = list(connection.execute(_BODIES, {"ids": readable})) if readable else []
    return hits, bodies


def _feedback_hit(row: Sequence[Any]) -> SearchHit:
    """From (id, received_on, source, participant code, partner name, flagged)."""
    item_id, received_on, source, code, partner, flagged = row
    values: dict[str, object] = {}
    if source == FeedbackSource.ANONYMOUS.value:
        message = QT_TRANSLATE_NOOP("Records", "Feedback from an anonymous survivor")
    elif source == FeedbackSource.PARTNER.value:
        if partner:
            message, values = (
                QT_TRANSLATE_NOOP("Records", "Feedback from {partner}"),
                {"partner": partner},
            )
        else:
            message = QT_TRANSLATE_NOOP("Records", "Feedback from a partner")
    elif code:
        message, values = QT_TRANSLATE_NOOP("Records", "Feedback from {code}"), {"code": code}
    else:
        message = QT_TRANSLATE_NOOP(
            "Records", "Feedback from a participant whose record was erased"
        )
    return SearchHit(OPENS_FEEDBACK, item_id, message, values, _day(received_on), "", bool(flagged))


def _engagement_hit(
    engagement_id: int, kind: str, title: str, topic: str, held_on: Any
) -> SearchHit:
    named = title.strip() or topic.strip()
    values: dict[str, object] = {"kind": EngagementKind(kind)}
    if named:
        message = QT_TRANSLATE_NOOP("Records", "{kind}: {title}")
        values["title"] = named
    else:
        message = QT_TRANSLATE_NOOP("Records", "{kind}")
    return SearchHit(OPENS_ENGAGEMENT, engagement_id, message, values, _day(held_on), "")


def _case_hit(
    case_id: int, on: Any, panel: str | None, reference: str, *, timeline: bool = False
) -> SearchHit:
    short = PANEL_SHORT[Panel(panel)] if panel else ""
    if timeline:
        message = QT_TRANSLATE_NOOP("Records", "{panel} panel case {reference}: timeline")
    else:
        message = QT_TRANSLATE_NOOP("Records", "{panel} panel case {reference}")
    values = {"panel": short, "reference": reference}
    return SearchHit(OPENS_CASE, case_id, message, values, _day(on), "")


def _with_snippet(hit: SearchHit, snippet: str) -> SearchHit:
    return SearchHit(hit.kind, hit.record_id, hit.title_message, hit.title_values, hit.on, snippet)


def _snippets(definition: str, expression: str, bodies: list[Any]) -> dict[int, str]:
    """rowid -> snippet, made in a private in-memory FTS5 table of just these texts."""
    if not bodies:
        return {}
    private = sqlite3.connect(":memory:")
    try:
        private.execute("PRAGMA temp_store = MEMORY")
        private.execute(definition)
        private.executemany(
            "INSERT INTO search_index (rowid, body) VALUES (?, ?)",
            [(rowid, str(body).translate(_UNMARK)) for rowid, body in bodies],
        )
        rows = private.execute(
            "SELECT rowid, snippet(search_index, 0, ?, ?, '\u2026', ?) FROM search_index "
            "WHERE search_index MATCH ?",
            (MARK_START, MARK_END, SNIPPET_WORDS, expression),
        ).fetchall()
    finally:
        private.close()
    return {int(rowid): " ".join(str(snippet).split()) for rowid, snippet in rows}
