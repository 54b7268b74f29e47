"""Quick-filter words matched in SQL as Python matches them: case-folded, anywhere.

SQLite's LIKE folds ASCII only ("STRASSE" would not find "straße"); a Python function
registered on the connection folds as `str.casefold` does. The capped lists (feedback,
engagements) filter this way, so that memory stays as small as the page they show.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Boolean, ColumnElement, func
from sqlalchemy.orm import Session

FOLDED_HAS = "sec_folded_has"


def folded_has(text: str | None, word: str) -> bool:
    """`word` (already case-folded) is in `text`, case-folded."""
    return text is not None and word in text.casefold()


def filter_words(words: Sequence[str]) -> list[str]:
    """The words to look for, case-folded, without blanks or repeats."""
    return list(dict.fromkeys(w for word in words for w in word.casefold().split()))


def register(session: Session) -> None:
    """Make `folded_has` callable from SQL on this session's connection (again: cheap)."""
    raw: Any = session.connection().connection.driver_connection
    raw.create_function(FOLDED_HAS, 2, folded_has, deterministic=True)


def has(text: Any, word: str) -> ColumnElement[bool]:
    """SQL: `text` holds `word` (already case-folded)."""
    called: ColumnElement[bool] = getattr(func, FOLDED_HAS)(text, word, type_=Boolean)
    return called
