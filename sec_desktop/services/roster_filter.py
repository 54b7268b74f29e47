"""Narrowing the roster as the coordinator types and chooses: plain Python over the rows
the roster already holds, so it runs on every keystroke without asking the vault.

Values are compared with `==` and `in`, never `is`: a choice that went through a Qt combo
box comes back as its plain string value, which equals the enum member but is not it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from sec_desktop.domain.enums import CommunicationNeed, Group, Language, ParticipantStatus
from sec_desktop.services.participant_records import RosterRow
from sec_desktop.services.roster import CODE_PREFIX, format_code


class NoGroup(Enum):
    """The "in no group" choice of the group filter."""

    NO_GROUP = "no group"


NO_GROUP = NoGroup.NO_GROUP

# A code as people type it: "s12", "S-12", "s-0012" (the prefix, an optional dash, digits).
_TYPED_CODE = re.compile(rf"^{re.escape(CODE_PREFIX.casefold())}-?([0-9]+)$")


@dataclass(frozen=True)
class RosterFilter:
    text: str = ""
    group: Group | NoGroup | None = None
    status: ParticipantStatus | None = None
    review_due_within_days: int | None = None  # None: do not filter on reviews
    need: CommunicationNeed | None = None
    language: Language | None = None


@dataclass(frozen=True)
class _Word:
    text: str  # casefolded, matched anywhere in the row's search text
    code: str | None  # the full code this word may stand for ("s-0012 "), or None


def _words(text: str) -> list[_Word]:
    words = []
    for word in text.casefold().split():
        typed = _TYPED_CODE.match(word)
        # The search text starts with the code and a space: "s-0012 " matches one code only.
        code = f"{format_code(int(typed.group(1))).casefold()} " if typed else None
        words.append(_Word(word, code))
    return words


def _text_matches(search_text: str, words: list[_Word]) -> bool:
    for word in words:
        if word.text in search_text:
            continue
        if word.code is not None and search_text.startswith(word.code):
            continue
        return False
    return True


def filter_rows(rows: Sequence[RosterRow], f: RosterFilter, today: date) -> list[RosterRow]:
    """The rows `f` keeps, in their order. Every condition set must hold."""
    words = _words(f.text)
    group, status, need, language = f.group, f.status, f.need, f.language
    no_group = group == NO_GROUP
    due_by = (
        today + timedelta(days=f.review_due_within_days)
        if f.review_due_within_days is not None
        else None
    )
    kept = []
    for row in rows:
        if status is not None and row.status != status:
            continue
        if language is not None and row.language != language:
            continue
        if no_group:
            if row.groups:
                continue
        elif group is not None and group not in row.groups:
            continue
        if need is not None and need not in row.needs:
            continue
        if due_by is not None and (row.next_review is None or row.next_review > due_by):
            continue
        if words and not _text_matches(row.search_text, words):
            continue
        kept.append(row)
    return kept
