"""The SQL behind the governance figures: counts only, read in a few aggregate queries.

Every query takes the same parameters (`Period.params`): the period as ISO dates, the
day after it, today, and the stored values of the choices it names. "Holders" are the
participants whose consent to their feedback being used anonymously in reports
(`ConsentPurpose.REPORTING`) holds today: given on or before today, not withdrawn, and
its review date (if any) not passed. A participant-linked record counts only for them; a
record linked to nobody (anonymous feedback, an erased participant's feedback, a
partner's concern about someone not on the roster) counts as it is.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, text

from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.domain.enums import ConsentPurpose
from sec_desktop.domain.equality import CHARACTERISTIC_KEYS

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

HOLDERS = (
    "SELECT participant_id FROM consent WHERE purpose = :reporting "
    "AND withdrawn_on IS NULL AND given_on <= :today "
    "AND (review_on IS NULL OR review_on >= :today)"
)
_LINKED_OK = "({alias}.participant_id IS NULL OR {alias}.participant_id IN (" + HOLDERS + "))"


@dataclass(frozen=True)
class Period:
    """A period widened to whole months: figures are never finer than the month."""

    start: date
    end: date
    today: date

    @classmethod
    def of(cls, start: date, end: date, today: date) -> Period:
        last = calendar.monthrange(end.year, end.month)[1]
        return cls(start.replace(day=1), end.replace(day=last), today)

    @property
    def params(self) -> dict[str, str]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "after": (self.end + timedelta(days=1)).isoformat(),
            "today": self.today.isoformat(),
            "reporting": ConsentPurpose.REPORTING.value,
            "one_to_one": EngagementKind.ONE_TO_ONE.value,
            "forum": EngagementKind.STAFF_FORUM.value,
        }

    def months(self) -> Iterator[str]:
        """The months of the period as "YYYY-MM", oldest first."""
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            yield f"{year:04d}-{month:02d}"
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    @property
    def label(self) -> str:
        first, last = month_label(self.start), month_label(self.end)
        return first if first == last else f"{first} \u2013 {last}"


def month_label(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def month_key_label(key: str) -> str:
    year, month = key.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def _rows(connection: Connection, sql: str, params: dict[str, str]) -> list[tuple[Any, ...]]:
    # The driver's own cursor, as `codings`: SQLAlchemy's Row objects cost more than the
    # query for the longer lists (the people engaged, the equality answers).
    cursor = connection.connection.driver_connection.execute(sql, params)  # type: ignore[union-attr]
    return list(cursor.fetchall())


def _counts(connection: Connection, sql: str, params: dict[str, str]) -> Counter[tuple[Any, ...]]:
    """A GROUP BY whose last column is the count: (keys...) -> count."""
    return Counter({row[:-1]: int(row[-1] or 0) for row in _rows(connection, sql, params)})


# --- engagements and people ---------------------------------------------------------------

# A one-to-one is about one person: it counts only if nobody at it lacks the consent.
_ENGAGEMENTS = (
    "SELECT e.kind, substr(e.held_on, 1, 7), count(*) FROM engagement e "  # noqa: S608 (constant SQL; values are bound)
    "WHERE e.held_on BETWEEN :start AND :end AND NOT (e.kind = :one_to_one AND EXISTS ("
    "SELECT 1 FROM attendance a WHERE a.engagement_id = e.id "
    "AND a.participant_id NOT IN (" + HOLDERS + "))) GROUP BY 1, 2"
)
_HEADCOUNT = (
    "SELECT coalesce(sum(headcount), 0) FROM engagement "
    "WHERE kind = :forum AND held_on BETWEEN :start AND :end"
)
# Attended an engagement held in the period, or gave feedback received in it.
_ENGAGED = (
    "SELECT pid FROM (SELECT a.participant_id AS pid FROM attendance a "  # noqa: S608 (constant SQL; values are bound)
    "JOIN engagement e ON e.id = a.engagement_id WHERE e.held_on BETWEEN :start AND :end "
    "UNION SELECT participant_id FROM feedback_item WHERE participant_id IS NOT NULL "
    "AND received_on BETWEEN :start AND :end) WHERE pid IN (" + HOLDERS + ")"
)
_MEMBERS_IN_PERIOD = (
    'SELECT participant_id, "group" FROM membership '
    "WHERE joined_on <= :end AND (left_on IS NULL OR left_on >= :start)"
)
_GROUP_FIGURES = (
    'SELECT m."group", '
    "sum(m.joined_on <= :end AND (m.left_on IS NULL OR m.left_on > :end)), "
    "sum(m.joined_on BETWEEN :start AND :end), sum(m.left_on BETWEEN :start AND :end) "
    "FROM membership m WHERE m.participant_id IN (" + HOLDERS + ') GROUP BY m."group"'
)
# The column names are fixed (CHARACTERISTIC_KEYS), not input.
_EQUALITY = (
    "SELECT participant_id, "  # noqa: S608 (constant SQL)
    + ", ".join(CHARACTERISTIC_KEYS)
    + " FROM equality_monitoring"
)


def engagements(connection: Connection, period: Period) -> Counter[tuple[Any, ...]]:
    """(kind value, "YYYY-MM") -> engagements held."""
    return _counts(connection, _ENGAGEMENTS, period.params)


def forum_headcount(connection: Connection, period: Period) -> int:
    return int(connection.execute(text(_HEADCOUNT), period.params).scalar_one())


def engaged(connection: Connection, period: Period) -> set[int]:
    """The holders who took part in the period."""
    return {int(row[0]) for row in _rows(connection, _ENGAGED, period.params)}


def memberships(connection: Connection, period: Period) -> dict[int, set[str]]:
    """participant id -> the groups (values) they belonged to at some time in the period."""
    found: dict[int, set[str]] = {}
    for pid, group in _rows(connection, _MEMBERS_IN_PERIOD, period.params):
        found.setdefault(int(pid), set()).add(str(group))
    return found


def group_figures(connection: Connection, period: Period) -> dict[str, tuple[int, int, int]]:
    """group value -> (members at the end, joined, left), holders only."""
    return {
        str(group): (int(at_end or 0), int(joined or 0), int(left or 0))
        for group, at_end, joined, left in _rows(connection, _GROUP_FIGURES, period.params)
    }


def equality(connection: Connection) -> dict[int, tuple[str | None, ...]]:
    """participant id -> their answers, in the order of CHARACTERISTIC_KEYS."""
    return {int(row[0]): tuple(row[1:]) for row in _rows(connection, _EQUALITY, {})}


# --- feedback -------------------------------------------------------------------------------

# One row per item: its sentiment and its term ids ("3,17,22"). Disclosures left out.
_CODINGS = (
    "SELECT f.sentiment, (SELECT group_concat(ft.term_id) FROM feedback_term ft "  # noqa: S608 (constant SQL; values are bound)
    "WHERE ft.feedback_id = f.id) FROM {source} "
    "WHERE f.received_on BETWEEN :start AND :end "
    "AND f.id NOT IN (SELECT feedback_id FROM disclosure) AND " + _LINKED_OK.format(alias="f")
)
# Over about this share of all items, one plain scan beats the date index (ThemesService
# measured it); without either, SQLite reads the items through the consent holders.
_SCAN_SHARE = 0.2
_IN_PERIOD = "SELECT count(*) FROM feedback_item WHERE received_on BETWEEN :start AND :end"
_ALL = "SELECT count(*) FROM feedback_item"
_TERMS = "SELECT id, kind, name, retired FROM taxonomy_term ORDER BY position, id"


def codings(connection: Connection, period: Period) -> Counter[tuple[Any, Any]]:
    """(sentiment value or None, term ids or None) -> items. Through the driver's own
    cursor, as ThemesService does: one row per item through SQLAlchemy's Row objects
    costs more than the query. Only constant SQL; the values are bound."""
    params = period.params
    in_period = int(connection.execute(text(_IN_PERIOD), params).scalar_one())
    scan = in_period > _SCAN_SHARE * int(connection.execute(text(_ALL)).scalar_one())
    source = (
        "feedback_item f NOT INDEXED"
        if scan
        else "feedback_item f INDEXED BY ix_feedback_item_received_on"
    )
    cursor = connection.connection.driver_connection.execute(  # type: ignore[union-attr]
        _CODINGS.format(source=source), params
    )
    return Counter(cursor)


def terms(connection: Connection) -> list[tuple[int, str, str, bool]]:
    """(id, kind value, name, retired), in the user's order."""
    return [(int(i), str(k), str(n), bool(r)) for i, k, n, r in _rows(connection, _TERMS, {})]


# --- actions, recovery, training, development, risk -----------------------------------------

_ACTIONS = (
    "SELECT status, substr(created_at, 1, 7), count(*) FROM action "
    "WHERE created_at >= :start AND created_at < :after GROUP BY 1, 2"
)
_CLOSED_ACTIONS = "SELECT id, closed_on FROM action WHERE closed_on BETWEEN :start AND :end"
_RECOVERY = (
    "SELECT c.opened_on, c.closed_on, c.status FROM recovery_case c "  # noqa: S608 (constant SQL; values are bound)
    "WHERE c.opened_on <= :end AND " + _LINKED_OK.format(alias="c")
)
_TRAINING = (
    "SELECT kind, count(*), coalesce(sum(attending), 0) FROM training_session "
    "WHERE held_on BETWEEN :start AND :end GROUP BY kind"
)
_DEVELOPMENT = (
    "SELECT kind, taken_up, count(*) FROM development_opportunity "  # noqa: S608 (constant SQL; values are bound)
    "WHERE offered_on BETWEEN :start AND :end AND participant_id IN (" + HOLDERS + ") "
    "GROUP BY 1, 2"
)
_RISK = (
    "SELECT dash_level, outcome, count(*) FROM risk_assessment "  # noqa: S608 (constant SQL; values are bound)
    "WHERE assessed_on BETWEEN :start AND :end AND participant_id IN (" + HOLDERS + ") "
    "GROUP BY 1, 2"
)


def actions(connection: Connection, period: Period) -> Counter[tuple[Any, ...]]:
    """(status value, "YYYY-MM" raised) -> actions raised in the period."""
    return _counts(connection, _ACTIONS, period.params)


def closed_actions(connection: Connection, period: Period) -> dict[int, date]:
    """Actions closed in the period: id -> closed on."""
    return {
        int(i): date.fromisoformat(str(on))
        for i, on in _rows(connection, _CLOSED_ACTIONS, period.params)
    }


def holders(connection: Connection, period: Period) -> set[int]:
    return {int(row[0]) for row in _rows(connection, HOLDERS, period.params)}


def recovery(connection: Connection, period: Period) -> list[tuple[date, date | None, str]]:
    """(opened on, closed on, status value) of the cases opened by the period's end."""
    return [
        (date.fromisoformat(str(opened)), date.fromisoformat(str(closed)) if closed else None, s)
        for opened, closed, s in _rows(connection, _RECOVERY, period.params)
    ]


def training(connection: Connection, period: Period) -> dict[str, tuple[int, int]]:
    """kind value -> (sessions, people reached)."""
    return {
        str(kind): (int(n), int(people))
        for kind, n, people in _rows(connection, _TRAINING, period.params)
    }


def development(connection: Connection, period: Period) -> Counter[tuple[Any, ...]]:
    """(kind value, taken-up value) -> opportunities offered in the period."""
    return _counts(connection, _DEVELOPMENT, period.params)


def risk(connection: Connection, period: Period) -> Counter[tuple[Any, ...]]:
    """(DASH level value, outcome value) -> assessments made in the period."""
    return _counts(connection, _RISK, period.params)
