"""The roster's lines: every participant in one query (fast at 15,000 people), with the
sets and dates that many lines share made once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from sec_desktop.domain.enums import (
    CommunicationNeed,
    Group,
    Language,
    ParticipantStatus,
    ReferralRoute,
)
from sec_desktop.services.participant_records import RosterRow


def roster_rows(session: Session) -> list[RosterRow]:
    result = session.execute(text(_ROSTER_QUERY)).all()
    shared = _Shared()
    return [_row(r, shared) for r in result]


_ROSTER_QUERY = """
SELECT p.id, p.code, p.name, p.pronouns, p.status, p.language, p.referral_route,
       p.referred_on, p.record_review_on,
       (SELECT group_concat(m."group", '|') FROM membership m
         WHERE m.participant_id = p.id AND m.left_on IS NULL) AS groups,
       (SELECT group_concat(n.need, '|') FROM participant_need n
         WHERE n.participant_id = p.id) AS needs,
       (SELECT min(c.review_on) FROM consent c
         WHERE c.participant_id = p.id AND c.withdrawn_on IS NULL) AS consent_review
FROM participant p
ORDER BY p.code
"""


def _split(value: str | None) -> list[str]:
    return value.split("|") if value else []


class _Shared:
    """One object for each distinct set of groups or needs, and each date: 15,000 rows
    share a few dozen sets and a few thousand dates (two sets per row, each made anew,
    held 6 MiB at scale 100)."""

    def __init__(self) -> None:
        self._groups: dict[str | None, frozenset[Group]] = {}
        self._needs: dict[str | None, frozenset[CommunicationNeed]] = {}
        self._dates: dict[str, date] = {}

    def groups(self, joined: str | None) -> frozenset[Group]:
        if joined not in self._groups:
            self._groups[joined] = frozenset(Group(g) for g in _split(joined))
        return self._groups[joined]

    def needs(self, joined: str | None) -> frozenset[CommunicationNeed]:
        if joined not in self._needs:
            self._needs[joined] = frozenset(CommunicationNeed(n) for n in _split(joined))
        return self._needs[joined]

    def date(self, text: str | None) -> date | None:
        if not text:
            return None
        if text not in self._dates:
            self._dates[text] = date.fromisoformat(text)
        return self._dates[text]


def _row(r: Sequence[Any], shared: _Shared) -> RosterRow:
    (pid, code, name, pronouns, status, language, route, referred, record_review) = r[:9]
    groups, needs, consent_review = r[9:]
    reviews = [d for d in (shared.date(record_review), shared.date(consent_review)) if d]
    return RosterRow(
        id=int(pid),
        code=str(code),
        name=str(name),
        pronouns=str(pronouns),
        status=ParticipantStatus(status),
        language=Language(language),
        groups=shared.groups(groups),
        needs=shared.needs(needs),
        next_review=min(reviews) if reviews else None,
        referral_route=ReferralRoute(route),
        referred_on=shared.date(referred),
        search_text=f"{code} {name}".casefold(),
    )
