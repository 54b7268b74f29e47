"""Feedback rows for lists, read fast: 150,000 items (scale 100) in one scan.

Measured on the in-memory vault: joining participants, partners, engagements and
disclosures row by row, ordering through the date index (random page reads) and letting
SQLAlchemy convert every date and enum cost several times more than one plain scan of
`feedback_item`. So the scan returns raw values; the few codes, names and kinds come
from small lookups restricted to the items in scope; the newest-first order is a Python
sort; and dates and enums are converted through dictionaries (a few hundred distinct
dates, a handful of enum values).

A disclosure's text is blanked in the SQL itself: it never reaches a row.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, String, case, func, select, type_coerce
from sqlalchemy.orm import Session

from sec_desktop.domain.engagement import Engagement, TaxonomyTerm
from sec_desktop.domain.engagement_enums import FeedbackSource, Sentiment, TermKind
from sec_desktop.domain.feedback import Disclosure, FeedbackItem, FeedbackTerm
from sec_desktop.domain.participant import Participant
from sec_desktop.domain.partner import Partner
from sec_desktop.services import quote_permission
from sec_desktop.services.feedback_records import FeedbackRow

_Terms = tuple[tuple[str, ...], tuple[str, ...]]
_NO_TERMS: _Terms = ((), ())
_SOURCES = {m.value: m for m in FeedbackSource}
_SENTIMENTS: dict[str | None, Sentiment | None] = {m.value: m for m in Sentiment}
_SENTIMENTS[None] = None


def _raw(column: Any, kind: type[Integer] | type[String] = String) -> Any:
    """The column's value as SQLite holds it, with no conversion by SQLAlchemy."""
    return type_coerce(column, kind())


def read_rows(
    session: Session, today: date, where: Sequence[ColumnElement[bool]]
) -> list[FeedbackRow]:
    # Core, not the ORM: the ORM's per-row handling costs more than the query itself.
    connection = session.connection()
    result = list(connection.execute(_scan(today, where)))
    if not result:
        return []
    # Newest first; the same day by id, the latest recorded first. Two stable sorts on
    # single keys are quicker than one on (date, id) tuples: the first is on rows that
    # come (nearly) in id order already.
    result.sort(key=itemgetter(0), reverse=True)
    result.sort(key=itemgetter(1), reverse=True)
    codes = _lookup(session, Participant.id, Participant.code, FeedbackItem.participant_id, where)
    partners = _lookup(session, Partner.id, Partner.name, FeedbackItem.partner_id, where)
    kinds = _lookup(session, Engagement.id, Engagement.kind, FeedbackItem.engagement_id, where)
    # Plain subscripts in the loop below: None (no participant, partner, engagement or
    # coding) is a key too.
    codes[None] = partners[None] = ""
    kinds[None] = None
    terms = _Coding(session).names_by_item(_coded(session, where))
    dates = {d: date.fromisoformat(d) for d in {r[1] for r in result}}
    rows = []
    # 150,000 small objects set off the collector's full sweeps over the whole heap (the
    # vault's records included) again and again: measured, that doubled the time here.
    # Nothing made here is cyclic, so pausing it loses nothing.
    with _collector_paused():
        for (
            item_id,
            received,
            source,
            participant_id,
            partner_id,
            engagement_id,
            case_id,
            summary,
            quote,
            sentiment,
            quotable,
            disclosure,
            dealt,
        ) in result:
            rows.append(
                FeedbackRow(
                    item_id,
                    dates[received],
                    _SOURCES[source],
                    codes[participant_id],
                    partners[partner_id],
                    engagement_id,
                    kinds[engagement_id],
                    case_id,
                    summary,
                    quote,
                    _SENTIMENTS[sentiment],
                    *terms.get(item_id, _NO_TERMS),
                    bool(quotable),
                    bool(disclosure),
                    bool(dealt),
                )
            )
    return rows


def _disclosed() -> ColumnElement[bool]:
    return FeedbackItem.id.in_(select(Disclosure.feedback_id))


def shown_text() -> ColumnElement[str]:
    """An item's summary and quote (one line apart) as a list may show them: blank for a
    disclosure, in the SQL itself. What a filter looks in."""
    joined = FeedbackItem.summary + "\n" + FeedbackItem.quote
    return case((_disclosed(), ""), else_=joined)


def _scan(today: date, where: Sequence[ColumnElement[bool]]) -> Select[*tuple[Any, ...]]:
    """One pass over `feedback_item`, raw values; a disclosure's text blanked here."""
    disclosed = _disclosed()
    dealt_with = FeedbackItem.id.in_(
        select(Disclosure.feedback_id).where(
            Disclosure.notified_at.is_not(None), Disclosure.survivor_told_on.is_not(None)
        )
    )
    return select(
        _raw(FeedbackItem.id, Integer),
        _raw(FeedbackItem.received_on),
        _raw(FeedbackItem.source),
        _raw(FeedbackItem.participant_id, Integer),
        _raw(FeedbackItem.partner_id, Integer),
        _raw(FeedbackItem.engagement_id, Integer),
        _raw(FeedbackItem.case_id, Integer),
        case((disclosed, ""), else_=FeedbackItem.summary),
        case((disclosed, ""), else_=FeedbackItem.quote),
        _raw(FeedbackItem.sentiment),
        _raw(quote_permission.quotable_clause(today), Integer),
        _raw(disclosed, Integer),
        _raw(dealt_with, Integer),
    ).where(*where)


@contextmanager
def _collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _lookup(
    session: Session,
    key: Any,
    value: Any,
    link: Any,
    where: Sequence[ColumnElement[bool]],
) -> dict[Any, Any]:
    """`key -> value` of a small table, only for the items in scope when filtered."""
    query = select(key, value)
    if where:
        query = query.where(key.in_(select(link).where(*where)))
    return {k: v for k, v in session.connection().execute(query)}


def _coded(session: Session, where: Sequence[ColumnElement[bool]]) -> dict[int, str]:
    """Each item's term ids as "3,17,22", in one ordered scan of the primary key's index
    (a subquery per item would seek 150,000 times)."""
    query = select(
        _raw(FeedbackTerm.feedback_id, Integer), func.group_concat(FeedbackTerm.term_id)
    ).group_by(FeedbackTerm.feedback_id)
    if where:
        query = query.where(FeedbackTerm.feedback_id.in_(select(FeedbackItem.id).where(*where)))
    return {item_id: coded for item_id, coded in session.connection().execute(query)}


class _Coding:
    """Stage and theme names from a list of term ids as SQLite's group_concat gives it
    ("3,17,22"): many items share a coding, so each distinct list is worked out once."""

    def __init__(self, session: Session) -> None:
        self._terms: dict[int, tuple[int, int, bool, str]] = {}
        for term_id, position, kind, name in session.execute(
            select(TaxonomyTerm.id, TaxonomyTerm.position, TaxonomyTerm.kind, TaxonomyTerm.name)
        ):
            self._terms[term_id] = (position, term_id, kind == TermKind.STAGE, name)

    def names_by_item(self, coded: dict[int, str]) -> dict[int, _Terms]:
        known = {text: self.names(text) for text in set(coded.values())}
        return {item_id: known[text] for item_id, text in coded.items()}

    def names(self, coded: str) -> _Terms:
        # In the user's order of the lists.
        terms = sorted(self._terms[int(t)] for t in coded.split(","))
        return (
            tuple(t[3] for t in terms if t[2]),
            tuple(t[3] for t in terms if not t[2]),
        )
