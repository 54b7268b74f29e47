"""Governance tables about what was done: feedback by theme, stage and sentiment, actions,
the loop closed, service recovery, training reach, development opportunities and risk
assessments.

Counts only, with fixed labels (choice labels, theme and stage names, months, quarters):
no title, text, code or name of any record is read here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from sec_desktop.domain.action_enums import (
    ActionStatus,
    OpportunityKind,
    RecoveryStatus,
    TakenUp,
    TrainingKind,
)
from sec_desktop.domain.engagement_enums import Sentiment, TermKind
from sec_desktop.domain.risk_enums import DashLevel, RiskOutcome
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import action_checks as rules
from sec_desktop.services import governance_queries as q
from sec_desktop.services.disclosure_control import FigureTable
from sec_desktop.services.governance_queries import Period
from sec_desktop.services.loop_closing import quarter_label, quarter_of

NO_THEME = QT_TRANSLATE_NOOP("Reports", "No theme")
NO_STAGE = QT_TRANSLATE_NOOP("Reports", "No journey stage")
NOT_RECORDED = QT_TRANSLATE_NOOP("Reports", "Not recorded")
THEME = QT_TRANSLATE_NOOP("Reports", "Theme")
UNCODED = 0
# Days open: (label, first day, last day or None).
BANDS = (
    (QT_TRANSLATE_NOOP("Reports", "0 to 7 days"), 0, 7),
    (QT_TRANSLATE_NOOP("Reports", "8 to 28 days"), 8, 28),
    (QT_TRANSLATE_NOOP("Reports", "29 days or more"), 29, None),
)
_FEEDBACK_NOTE = QT_TRANSLATE_NOOP(
    "Reports",
    "An item coded with two themes (or stages) counts under each. Disclosures are left "
    "out, and feedback of people whose consent to its use in reports is not current.",
)


class FeedbackTally:
    """Feedback items of the period spread over their themes, stages and sentiments."""

    def __init__(self, connection: Connection, period: Period) -> None:
        self.terms = {i: (kind, name, retired) for i, kind, name, retired in q.terms(connection)}
        self.cells: Counter[tuple[int, int]] = Counter()
        self.sentiments: Counter[tuple[int, str | None]] = Counter()
        self.items = 0
        split: dict[Any, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        for (sentiment, coded), n in q.codings(connection, period).items():
            if coded not in split:
                split[coded] = self._split(coded)
            themes, stages = split[coded]
            self.items += n
            for theme in themes:
                self.sentiments[theme, sentiment] += n
                for stage in stages:
                    self.cells[theme, stage] += n

    def _split(self, coded: str | None) -> tuple[tuple[int, ...], tuple[int, ...]]:
        ids = {int(i) for i in str(coded).split(",")} if coded else set()
        themes = tuple(i for i in ids if self.terms[i][0] == TermKind.THEME.value)
        stages = tuple(i for i in ids if self.terms[i][0] == TermKind.STAGE.value)
        return themes or (UNCODED,), stages or (UNCODED,)

    def shown(self, kind: TermKind, used: set[int], none_label: str) -> list[tuple[int, str]]:
        """Current terms, retired ones with items, and the uncoded line if it has items."""
        shown = [
            (i, name)
            for i, (k, name, retired) in self.terms.items()
            if k == kind.value and (not retired or i in used)
        ]
        return [*shown, (UNCODED, none_label)] if UNCODED in used else shown


def feedback_by_theme_and_stage(tally: FeedbackTally) -> FigureTable:
    themes = tally.shown(TermKind.THEME, {t for t, _ in tally.cells}, NO_THEME)
    stages = tally.shown(TermKind.STAGE, {s for _, s in tally.cells}, NO_STAGE)
    return FigureTable(
        name="feedback_by_theme_and_stage",
        title=QT_TRANSLATE_NOOP("Reports", "Feedback by theme and journey stage"),
        row_label=THEME,
        columns=tuple(name for _, name in stages),
        rows=tuple((name, tuple(tally.cells[t, s] for s, _ in stages)) for t, name in themes),
        note=_FEEDBACK_NOTE,
    )


def feedback_by_sentiment(tally: FeedbackTally) -> FigureTable:
    themes = tally.shown(TermKind.THEME, {t for t, _ in tally.sentiments}, NO_THEME)
    sentiments: list[str | None] = [s.value for s in Sentiment]
    sentiments.append(None)
    return FigureTable(
        name="feedback_by_sentiment",
        title=QT_TRANSLATE_NOOP("Reports", "Feedback by theme and sentiment"),
        row_label=THEME,
        columns=(*(s.label for s in Sentiment), NOT_RECORDED),
        rows=tuple((name, tuple(tally.sentiments[t, s] for s in sentiments)) for t, name in themes),
        note=_FEEDBACK_NOTE,
    )


def actions_by_status(connection: Connection, period: Period) -> FigureTable:
    counts = q.actions(connection, period)
    months = list(period.months())
    return FigureTable(
        name="actions_by_status",
        title=QT_TRANSLATE_NOOP("Reports", "Actions raised, by month raised and status now"),
        row_label=QT_TRANSLATE_NOOP("Reports", "Status"),
        columns=tuple(q.month_key_label(m) for m in months),
        rows=tuple(
            (status.label, tuple(counts[status.value, m] for m in months))
            for status in ActionStatus
        ),
    )


def loop_closed_by_quarter(session: Session, period: Period) -> FigureTable:
    """Per quarter, the actions closed in the period: the people behind them to tell, and
    those told (as of today); only people whose reporting consent is current."""
    connection = session.connection()
    closed = q.closed_actions(connection, period)
    holders = q.holders(connection, period)
    found = rules.behind(session, period.today, list(closed))
    quarters: dict[date, list[int]] = {}
    day = period.start
    while day <= period.end:
        first, last = quarter_of(day)
        quarters[first] = [0, 0]
        day = last + timedelta(days=1)
    for action_id, on in closed.items():
        figures = quarters[quarter_of(on)[0]]
        figures[0] += len(found.to_tell(action_id) & holders)
        figures[1] += len(found.told.get(action_id, set()) & holders)
    return FigureTable(
        name="loop_closed_by_quarter",
        title=QT_TRANSLATE_NOOP("Reports", "Closing the loop: people told, by quarter"),
        row_label=QT_TRANSLATE_NOOP("Reports", "Quarter"),
        # Told and not yet told, with totals (the people to tell): two published columns
        # whose difference was a count of its own would let a small one be worked out.
        columns=(
            QT_TRANSLATE_NOOP("Reports", "Told"),
            QT_TRANSLATE_NOOP("Reports", "Not yet told"),
        ),
        rows=tuple((quarter_label(first), (b, a - b)) for first, (a, b) in quarters.items()),
        note=QT_TRANSLATE_NOOP(
            "Reports",
            "Actions closed in the period, by the quarter they closed in; the total of a row "
            "is the people to tell. Someone behind two actions is counted for each.",
        ),
    )


def _band(days: int) -> int:
    return next(i for i, (_, low, high) in enumerate(BANDS) if high is None or days <= high)


def service_recovery(connection: Connection, period: Period) -> FigureTable:
    """Cases opened, closed, and open at the end of the period, by days open (to their
    closing, or to the end of the period, or today if sooner)."""
    end = min(period.end, period.today)
    rows = [[0, 0, 0] for _ in range(3)]
    for opened, closed_on, status in q.recovery(connection, period):
        closed = closed_on if status == RecoveryStatus.CLOSED.value else None
        closed_by_end = closed is not None and closed <= period.end
        days = max(0, ((closed if closed_by_end and closed else end) - opened).days)
        if opened >= period.start:
            rows[0][_band(days)] += 1
        if closed is not None and period.start <= closed <= period.end:
            rows[1][_band(days)] += 1
        if not closed_by_end:
            rows[2][_band(days)] += 1
    labels = (
        QT_TRANSLATE_NOOP("Reports", "Opened in the period"),
        QT_TRANSLATE_NOOP("Reports", "Closed in the period"),
        QT_TRANSLATE_NOOP("Reports", "Open at the end of the period"),
    )
    return FigureTable(
        name="service_recovery",
        title=QT_TRANSLATE_NOOP("Reports", "Service recovery cases, by days open"),
        row_label=QT_TRANSLATE_NOOP("Reports", "Cases"),
        columns=tuple(label for label, _, _ in BANDS),
        rows=tuple((label, tuple(row)) for label, row in zip(labels, rows, strict=True)),
        totals=False,
    )


def training_reach(connection: Connection, period: Period) -> FigureTable:
    figures = q.training(connection, period)
    return FigureTable(
        name="training_reach",
        title=QT_TRANSLATE_NOOP("Reports", "Training and awareness sessions and their reach"),
        row_label=QT_TRANSLATE_NOOP("Reports", "Kind of session"),
        columns=(
            QT_TRANSLATE_NOOP("Reports", "Sessions"),
            QT_TRANSLATE_NOOP("Reports", "People reached"),
        ),
        rows=tuple((k.label, figures.get(k.value, (0, 0))) for k in TrainingKind),
        totals=False,
    )


def _grid(
    name: str,
    title: str,
    row_label: str,
    *,
    rows: tuple[Any, ...],
    columns: tuple[Any, ...],
    counts: Mapping[tuple[Any, ...], int],
) -> FigureTable:
    return FigureTable(
        name=name,
        title=title,
        row_label=row_label,
        columns=tuple(c.label for c in columns),
        rows=tuple(
            (r.label, tuple(counts.get((r.value, c.value), 0) for c in columns)) for r in rows
        ),
    )


def development_opportunities(connection: Connection, period: Period) -> FigureTable:
    return _grid(
        "development_opportunities",
        QT_TRANSLATE_NOOP("Reports", "Development opportunities offered, and taken up"),
        QT_TRANSLATE_NOOP("Reports", "Kind of opportunity"),
        rows=tuple(OpportunityKind),
        columns=(TakenUp.TAKEN_UP, TakenUp.DECLINED, TakenUp.WAITING),
        counts=q.development(connection, period),
    )


def risk_assessments_by_outcome(connection: Connection, period: Period) -> FigureTable:
    return _grid(
        "risk_assessments_by_outcome",
        QT_TRANSLATE_NOOP("Reports", "Risk assessments by DASH level and outcome"),
        QT_TRANSLATE_NOOP("Reports", "DASH level"),
        rows=tuple(DashLevel),
        columns=tuple(RiskOutcome),
        counts=q.risk(connection, period),
    )
