"""The newest engagements of a kind and period that match the quick filter's words, found
in SQL so that memory stays in proportion to the page, not to the whole record (22,000
engagements at scale 100).

Matching is the quick filter's (`haystack_of`, the same test in Python): every word is
found, case-insensitively, in what the list's "Title or who" and "Topic" columns show from
the record: the title, the topic, the reference group project's title, and a one-to-one's
participant code. Case folding is Python's `str.casefold`, through the function the
feedback list registers (services/feedback_page.py): SQLite's LIKE and lower() fold ASCII
letters only, so "ÉCOLE" would not find "école", nor "STRASSE" "straße". Words are plain
substrings (Python's `in`): "%" and "_" are not wildcards, so nothing needs escaping.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from sec_desktop.domain.engagement import Attendance, Engagement, ReferenceProject
from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.domain.participant import Participant
from sec_desktop.services.engagement_records import EngagementPage, EngagementRow
from sec_desktop.services.engagement_store import row_of, rows_query
from sec_desktop.services.word_match import filter_words, has, register

__all__ = ["chosen", "filter_words", "haystack_of", "read_page"]


def haystack_of(row: EngagementRow) -> str:
    """What the quick filter looks in for one row, case-folded (the SQL below looks in the
    same texts)."""
    return "\n".join((row.title, row.topic, row.project_title, row.participant_code)).casefold()


def chosen(
    kind: EngagementKind | None, start: date | None, end: date | None
) -> list[ColumnElement[bool]]:
    """The engagements of `kind` held from `start` to `end` (None: any, open)."""
    where: list[ColumnElement[bool]] = []
    if kind is not None:
        where.append(Engagement.kind == kind)
    if start is not None:
        where.append(Engagement.held_on >= start)
    if end is not None:
        where.append(Engagement.held_on <= end)
    return where


def read_page(
    session: Session,
    where: Sequence[ColumnElement[bool]],
    words: Sequence[str],
    limit: int,
) -> EngagementPage:
    """The newest `limit` engagements meeting `where` and holding every word, as rows of
    `rows_query`, and how many match."""
    folded = filter_words(words)
    if folded:
        register(session)
    matching = [*where, *(_matches(word) for word in folded)]
    total = session.execute(select(func.count()).select_from(Engagement).where(*matching))
    newest = (
        select(Engagement.id)
        .where(*matching)
        .order_by(
            Engagement.held_on.desc(),
            Engagement.starts_at.desc().nulls_last(),
            Engagement.id.desc(),
        )
        .limit(max(limit, 0))
    )
    ids = list(session.execute(newest).scalars())
    rows: list[EngagementRow] = []
    if ids:
        found = session.execute(rows_query().where(Engagement.id.in_(ids)))
        rows = [row_of(values) for values in found]
    return EngagementPage(tuple(rows), int(total.scalar_one()))


def _matches(word: str) -> ColumnElement[bool]:
    """The engagement has `word` in its title or topic, its project's title, or (a
    one-to-one) its participant's code."""
    projects = select(ReferenceProject.id).where(has(ReferenceProject.title, word))
    coded = (
        select(Attendance.engagement_id)
        .join(Participant, Participant.id == Attendance.participant_id)
        .where(has(Participant.code, word))
    )
    return or_(
        has(Engagement.title + "\n" + Engagement.topic, word),
        Engagement.project_id.in_(projects),
        and_(Engagement.kind == EngagementKind.ONE_TO_ONE, Engagement.id.in_(coded)),
    )
