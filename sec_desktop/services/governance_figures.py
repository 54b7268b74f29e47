"""The governance report's figures: what a board receives, as tables of true counts.

`GovernanceFigures(services).tables(start, end)` gives every table of the report (names
fixed: they are the CSV file and XLSX sheet names); `DisclosureControl.publish` must run
on each before anything leaves the vault. The rules (domain.md) applied here:

- the period is widened to whole months (`Period.of`): no figure is finer than the month;
- a participant-linked count includes only people whose consent to their feedback being
  used anonymously in reports (`ConsentPurpose.REPORTING`) is current today; anonymous
  feedback and anonymous staff forum headcounts are counted as they are;
- disclosures are left out of every feedback count;
- no free text: only counts and fixed labels (choice labels, theme and stage names,
  months and quarters). Labels are untranslated messages (context "Reports", or the
  choices' own "Choices" context); the report translates them.

All tables are read in one vault session, by aggregate queries (governance_queries.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import governance_activity as activity
from sec_desktop.services import governance_people as people
from sec_desktop.services import governance_queries as q
from sec_desktop.services.disclosure_control import FigureTable
from sec_desktop.services.errors import FieldError, ValidationFailed
from sec_desktop.services.governance_queries import Period
from sec_desktop.services.record_services import RecordServices

__all__ = ["GovernanceFigures", "GovernanceSummary", "Period", "SummaryLine"]

# The summary's lines: (label, the table whose grand total it is).
_SUMMARY = (
    (QT_TRANSLATE_NOOP("Reports", "Engagements held"), "engagements_by_month"),
    (QT_TRANSLATE_NOOP("Reports", "People engaged"), "people_engaged"),
    (QT_TRANSLATE_NOOP("Reports", "Actions raised"), "actions_by_status"),
    (
        QT_TRANSLATE_NOOP("Reports", "Development opportunities offered"),
        "development_opportunities",
    ),
    (QT_TRANSLATE_NOOP("Reports", "Risk assessments made"), "risk_assessments_by_outcome"),
)


@dataclass(frozen=True)
class SummaryLine:
    label: str  # untranslated, context "Reports"
    table: str  # the table whose grand total this is
    value: int  # the true count: publish it as that table's published grand total


@dataclass(frozen=True)
class GovernanceSummary:
    """The report's opening lines: figures only."""

    start: date  # the first day of the first month
    end: date  # the last day of the last month
    period: str  # "Apr 2026 \u2013 Mar 2027" (month words, not translated)
    lines: tuple[SummaryLine, ...]

    def as_table(self) -> FigureTable:
        """The lines as one table, for disclosure control like any other."""
        return FigureTable(
            name="summary",
            title=QT_TRANSLATE_NOOP("Reports", "Summary"),
            row_label=QT_TRANSLATE_NOOP("Reports", "Figure"),
            columns=(self.period,),
            rows=tuple((line.label, (line.value,)) for line in self.lines),
            totals=False,
        )


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


class GovernanceFigures:
    def __init__(self, services: RecordServices) -> None:
        self._vault = services.themes.vault
        self._today = services.today

    def period(self, start: date, end: date) -> Period:
        _check_period(start, end)
        return Period.of(start, end, self._today())

    def tables(self, start: date, end: date) -> list[FigureTable]:
        """Every table of the report for the whole months from `start` to `end`."""
        period = self.period(start, end)
        with self._vault.reading() as session:
            return _tables(session, period)

    def summary(
        self, start: date, end: date, tables: Sequence[FigureTable] | None = None
    ) -> GovernanceSummary:
        """The opening lines; pass the period's `tables` if already built (saves reading
        them again)."""
        named = {t.name: t for t in (self.tables(start, end) if tables is None else tables)}
        period = self.period(start, end)
        return GovernanceSummary(
            period.start,
            period.end,
            period.label,
            tuple(
                SummaryLine(label, name, sum(sum(counts) for _, counts in named[name].rows))
                for label, name in _SUMMARY
            ),
        )


def _tables(session: Session, period: Period) -> list[FigureTable]:
    connection = session.connection()
    engaged = q.engaged(connection, period)
    tally = activity.FeedbackTally(connection, period)
    return [
        people.engagements_by_month(connection, period),
        people.people_engaged(connection, period, engaged),
        people.staff_forum_attendance(connection, period),
        people.network_and_reference_group(connection, period),
        activity.feedback_by_theme_and_stage(tally),
        activity.feedback_by_sentiment(tally),
        activity.actions_by_status(connection, period),
        activity.loop_closed_by_quarter(session, period),
        activity.service_recovery(connection, period),
        activity.training_reach(connection, period),
        activity.development_opportunities(connection, period),
        activity.risk_assessments_by_outcome(connection, period),
        *people.equality_monitoring(connection, engaged),
    ]
