"""Closing the loop, in figures: how many of the people behind closed actions were told,
per calendar quarter, and the "you said, we did" summary of a period for the governance
report (figures and short texts: no codes, no names, no feedback text, and the themes of
a disclosure's item left out).

A quarter counts the actions closed in it, whole (a period starting mid-quarter still
shows that quarter's full figures). People to tell are counted per action: someone behind
two actions is two people to tell. Told is as of today.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sec_desktop.domain.action import Action, ActionFeedback, ToldRecord
from sec_desktop.domain.action_enums import ActionStatus
from sec_desktop.domain.feedback import FeedbackItem
from sec_desktop.services import action_checks as rules
from sec_desktop.services.action_records import (
    ClosedActionSummary,
    QuarterRate,
    YouSaidWeDid,
)
from sec_desktop.services.clock import Today, local_today
from sec_desktop.services.feedback_records import FeedbackRow
from sec_desktop.services.feedback_rows import read_rows
from sec_desktop.vault.vault import Vault

__all__ = ["ClosedActionSummary", "LoopClosingService", "QuarterRate", "YouSaidWeDid"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def quarter_of(day: date) -> tuple[date, date]:
    """The first and last day of the calendar quarter `day` is in."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    after = date(day.year + 1, 1, 1) if first_month == 10 else date(day.year, first_month + 3, 1)
    return start, after - timedelta(days=1)


def quarter_label(start: date) -> str:
    return f"{_MONTHS[start.month - 1]}\u2013{_MONTHS[start.month + 1]} {start.year}"


def _rate(told: int, to_tell: int) -> float | None:
    return told / to_tell if to_tell else None


@dataclass
class LoopClosingService:
    vault: Vault
    today: Today = field(default=local_today)

    def by_quarter(self, start: date, end: date) -> list[QuarterRate]:
        """Every calendar quarter that overlaps `start`..`end`, oldest first."""
        if end < start:
            return []
        first, last = quarter_of(start)[0], quarter_of(end)[1]
        today = self.today()
        with self.vault.reading() as session:
            closed = _closed(session, first, last)
            found = rules.behind(session, today, list(closed))
        quarters = []
        day = first
        while day <= last:
            q_start, q_end = quarter_of(day)
            ids = [i for i, (_, on) in closed.items() if q_start <= on <= q_end]
            to_tell = sum(len(found.to_tell(i)) for i in ids)
            told = sum(len(found.told.get(i, set())) for i in ids)
            quarters.append(
                QuarterRate(
                    quarter_label(q_start),
                    q_start,
                    q_end,
                    len(ids),
                    to_tell,
                    told,
                    _rate(told, to_tell),
                )
            )
            day = q_end + timedelta(days=1)
        return quarters

    def you_said_we_did(self, start: date, end: date) -> YouSaidWeDid:
        """The period's figures and, per action closed in it, its title, outcome (or
        reason) and the themes of its feedback."""
        today = self.today()
        with self.vault.reading() as session:
            closed = _closed(session, start, end)
            found = rules.behind(session, today, list(closed))
            raised, in_progress = _raised(session, start, end)
            links = [
                (int(a), int(f))
                for a, f in session.execute(
                    select(ActionFeedback.action_id, ActionFeedback.feedback_id).where(
                        ActionFeedback.action_id.in_(closed)
                    )
                )
            ]
            rows = read_rows(session, today, [FeedbackItem.id.in_({f for _, f in links})])
            told_in_period = session.scalar(
                select(func.count(ToldRecord.id)).where(
                    ToldRecord.told_on >= start, ToldRecord.told_on <= end
                )
            )
            actions = {
                a.id: a for a in session.scalars(select(Action).where(Action.id.in_(closed)))
            }
            summaries = _summaries(actions, links, {r.id: r for r in rows})
        to_tell = sum(len(found.to_tell(i)) for i in closed)
        told = sum(len(found.told.get(i, set())) for i in closed)
        statuses = [status for status, _ in closed.values()]
        return YouSaidWeDid(
            start=start,
            end=end,
            raised=raised,
            done=statuses.count(ActionStatus.DONE),
            declined=statuses.count(ActionStatus.DECLINED),
            in_progress=in_progress,
            items_answered=len({f for _, f in links}),
            people_told=int(told_in_period or 0),
            loop_closed_rate=_rate(told, to_tell),
            closed=summaries,
        )


def _closed(session: Session, start: date, end: date) -> dict[int, tuple[ActionStatus, date]]:
    """Actions closed in `start`..`end`: id -> (status, closed on)."""
    return {
        int(i): (status, on)
        for i, status, on in session.execute(
            select(Action.id, Action.status, Action.closed_on).where(
                Action.closed_on >= start, Action.closed_on <= end
            )
        )
        if on is not None
    }


def _raised(session: Session, start: date, end: date) -> tuple[int, int]:
    """How many were raised in the period, and how many raised by its end are in progress."""
    after = datetime.combine(end + timedelta(days=1), datetime.min.time())
    raised = session.scalar(
        select(func.count(Action.id)).where(
            Action.created_at >= datetime.combine(start, datetime.min.time()),
            Action.created_at < after,
        )
    )
    in_progress = session.scalar(
        select(func.count(Action.id)).where(
            Action.status == ActionStatus.IN_PROGRESS, Action.created_at < after
        )
    )
    return int(raised or 0), int(in_progress or 0)


def _summaries(
    actions: dict[int, Action],
    links: Sequence[tuple[int, int]],
    rows: dict[int, FeedbackRow],
) -> tuple[ClosedActionSummary, ...]:
    by_action: dict[int, list[FeedbackRow]] = {i: [] for i in actions}
    for action_id, feedback_id in links:
        row = rows.get(feedback_id)
        if row is not None:
            by_action[action_id].append(row)
    return tuple(
        _summary(action, by_action[action.id])
        for action in sorted(actions.values(), key=lambda a: (a.closed_on or date.min, a.id))
    )


def _summary(action: Action, items: list[FeedbackRow]) -> ClosedActionSummary:
    # A disclosure's coding stays out, as it does in every theme analysis.
    themes = Counter(t for r in items if not r.disclosure for t in r.themes)
    done = action.status == ActionStatus.DONE
    return ClosedActionSummary(
        title=action.title,
        status=action.status,
        closed_on=action.closed_on or date.min,
        outcome=action.outcome if done else action.decline_reason,
        themes=tuple(t for t, _ in sorted(themes.items(), key=lambda kv: (-kv[1], kv[0]))),
        items=len(items),
    )
