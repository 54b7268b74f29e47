"""Models of the themes view: the period chosen, feedback counted by theme by journey stage,
the sentiment split per theme, and the items behind a count.

Counts come whole from `ThemesService.counts` (disclosures already left out); the models
only lay them out. A cell's `target` says which items are behind it, for the drill-down.
Names of themes and stages are the user's own (not translated); a retired one is marked.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from sec_desktop.domain.engagement_enums import FeedbackSource, Sentiment
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services.feedback_records import FeedbackRow
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.taxonomy import Term
from sec_desktop.services.themes import UNCODED, ThemeCounts
from sec_desktop.ui.participant_fields import EARLIEST, from_qdate, shown_date, to_qdate
from sec_desktop.ui.roster_model import choice_text

_Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole
# The totals row and column.
TOTAL = -1
# Stage names in column headers wrap at about this many characters.
HEADER_WRAP = 12
# In the order of the sentiment table's columns and the chart's bars.
SENTIMENTS: tuple[Sentiment | None, ...] = (
    Sentiment.POSITIVE,
    Sentiment.NEGATIVE,
    Sentiment.MIXED,
    None,
)
_CONTEXT = "ThemesModel"


def _translated(marked: str) -> str:
    """A string marked with QT_TRANSLATE_NOOP("ThemesModel", ...), translated."""
    return QCoreApplication.translate(_CONTEXT, marked)


def anonymous_text() -> str:
    return QCoreApplication.translate("ThemesModel", "Anonymous survivor")


def number(count: int) -> str:
    """A count as the user's language writes it ("15,051")."""
    return QLocale().toString(count)


def sentiment_text(sentiment: Sentiment | None) -> str:
    return (
        choice_text(sentiment)
        if sentiment is not None
        else QCoreApplication.translate("ThemesModel", "Not recorded")
    )


def summary_text(counts: ThemeCounts) -> str:
    """ "N items counted; M disclosures left out of these figures." """
    total, left_out = counts.total, counts.disclosures_left_out
    items = (
        QCoreApplication.translate("ThemesModel", "1 item counted")
        if total == 1
        else QCoreApplication.translate("ThemesModel", "{count} items counted").format(
            count=number(total)
        )
    )
    disclosures = (
        QCoreApplication.translate("ThemesModel", "1 disclosure left out of these figures")
        if left_out == 1
        else QCoreApplication.translate(
            "ThemesModel", "{count} disclosures left out of these figures"
        ).format(count=number(left_out))
    )
    return QCoreApplication.translate("ThemesModel", "{items}; {disclosures}.").format(
        items=items, disclosures=disclosures
    )


class Period(Enum):
    MONTHS_3 = QT_TRANSLATE_NOOP("ThemesModel", "Last 3 months")
    MONTHS_12 = QT_TRANSLATE_NOOP("ThemesModel", "Last 12 months")
    FINANCIAL_YEAR = QT_TRANSLATE_NOOP("ThemesModel", "This financial year (April to March)")
    ALL_TIME = QT_TRANSLATE_NOOP("ThemesModel", "All time")
    CUSTOM = QT_TRANSLATE_NOOP("ThemesModel", "Custom period")

    def text(self) -> str:
        return _translated(self.value)

    def range(self, today: date) -> tuple[date, date]:
        """The first and last day counted (both included). Not for CUSTOM."""
        day = to_qdate(today)
        if self is Period.MONTHS_3:
            return from_qdate(day.addMonths(-3).addDays(1)), today
        if self is Period.MONTHS_12:
            return from_qdate(day.addMonths(-12).addDays(1)), today
        if self is Period.FINANCIAL_YEAR:
            first = today.year if today.month >= 4 else today.year - 1
            return date(first, 4, 1), date(first + 1, 3, 31)
        return from_qdate(EARLIEST), today


@dataclass(frozen=True)
class Target:
    """The items behind a count: None means any theme (or stage, or sentiment)."""

    theme_id: int | None = None
    stage_id: int | None = None
    sentiment: Sentiment | None = None
    by_sentiment: bool = False


def term_name(term_id: int, terms: tuple[Term, ...], uncoded: str) -> str:
    if term_id == UNCODED:
        return uncoded
    term = next(t for t in terms if t.id == term_id)
    return (
        QCoreApplication.translate("ThemesModel", "{name} (retired)").format(name=term.name)
        if term.retired
        else term.name
    )


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


class _CountsBase(QAbstractTableModel):
    """Rows are themes (and "No theme" where items have none); each cell a count, whose
    `target` says which items are behind it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.counts: ThemeCounts | None = None
        self._themes: list[int] = []
        self._bold = _bold(QFont())

    def set_counts(self, counts: ThemeCounts | None) -> None:
        self.beginResetModel()
        self.counts = counts
        self._themes = _ids(counts.themes, counts.theme_totals) if counts else []
        self._refill()
        self.endResetModel()

    def _refill(self) -> None:
        """Further layout worked out with the counts (in the reset)."""

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._themes)

    def target(self, index: QModelIndex) -> Target | None:
        if not index.isValid() or self.counts is None:
            return None
        return self._target(index.row(), index.column())

    def _target(self, row: int, column: int) -> Target:
        raise NotImplementedError

    def count(self, row: int, column: int) -> int:
        raise NotImplementedError

    def describe(self, target: Target) -> str:
        raise NotImplementedError

    def _is_total(self, row: int, column: int) -> bool:
        raise NotImplementedError

    def theme_name(self, theme_id: int) -> str:
        if theme_id == TOTAL or self.counts is None:
            return QCoreApplication.translate("ThemesModel", "All themes")
        return term_name(
            theme_id, self.counts.themes, QCoreApplication.translate("ThemesModel", "No theme")
        )

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> object:
        if not index.isValid() or self.counts is None:
            return None
        row, column = index.row(), index.column()
        if role == _Role.DisplayRole:
            return number(self.count(row, column))
        if role in (_Role.ToolTipRole, _Role.AccessibleTextRole):
            return QCoreApplication.translate(
                "ThemesModel", "{where}: {count} items. Enter lists them."
            ).format(
                where=self.describe(self._target(row, column)),
                count=number(self.count(row, column)),
            )
        if role == _Role.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == _Role.FontRole and self._is_total(row, column):
            return self._bold
        return None

    def _theme_header(self, section: int, role: int) -> object:
        if role in (_Role.DisplayRole, _Role.ToolTipRole, _Role.AccessibleTextRole):
            return self.theme_name(self._themes[section]) if section < len(self._themes) else ""
        return None


def _ids(terms: tuple[Term, ...], totals: Mapping[int, int]) -> list[int]:
    ids = [t.id for t in terms]
    if totals.get(UNCODED):
        ids.append(UNCODED)
    return ids


class CountsModel(_CountsBase):
    """Items by theme (rows) by journey stage (columns), with totals. An item with two
    themes counts once in each theme's row and once in the totals row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stages: list[int] = []

    def _refill(self) -> None:
        counts = self.counts
        self._stages = _ids(counts.stages, counts.stage_totals) if counts else []
        if counts:
            self._themes.append(TOTAL)
            self._stages.append(TOTAL)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._stages)

    def _target(self, row: int, column: int) -> Target:
        theme, stage = self._themes[row], self._stages[column]
        return Target(None if theme == TOTAL else theme, None if stage == TOTAL else stage)

    def _is_total(self, row: int, column: int) -> bool:
        return self._themes[row] == TOTAL or self._stages[column] == TOTAL

    def count(self, row: int, column: int) -> int:
        theme, stage = self._themes[row], self._stages[column]
        if self.counts is None:
            return 0
        if theme == TOTAL and stage == TOTAL:
            return self.counts.total
        if theme == TOTAL:
            return self.counts.stage_total(stage)
        if stage == TOTAL:
            return self.counts.theme_total(theme)
        return self.counts.cell(theme, stage)

    def stage_name(self, stage_id: int) -> str:
        if stage_id == TOTAL or self.counts is None:
            return QCoreApplication.translate("ThemesModel", "All stages")
        return term_name(
            stage_id, self.counts.stages, QCoreApplication.translate("ThemesModel", "No stage")
        )

    def describe(self, target: Target) -> str:
        theme = self.theme_name(TOTAL if target.theme_id is None else target.theme_id)
        stage = self.stage_name(TOTAL if target.stage_id is None else target.stage_id)
        return QCoreApplication.translate("ThemesModel", "{theme}; {stage}").format(
            theme=theme, stage=stage
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Vertical:
            if section < len(self._themes) and self._themes[section] == TOTAL:
                return self._total_header(
                    role, QCoreApplication.translate("ThemesModel", "Total (each item once)")
                )
            return self._theme_header(section, role)
        if section >= len(self._stages):
            return None
        if self._stages[section] == TOTAL:
            return self._total_header(role, QCoreApplication.translate("ThemesModel", "Total"))
        name = self.stage_name(self._stages[section])
        if role == _Role.DisplayRole:
            return textwrap.fill(name, HEADER_WRAP, break_long_words=False)
        return name if role in (_Role.ToolTipRole, _Role.AccessibleTextRole) else None

    def _total_header(self, role: int, text: str) -> object:
        if role in (_Role.DisplayRole, _Role.ToolTipRole, _Role.AccessibleTextRole):
            return text
        return self._bold if role == _Role.FontRole else None


class SentimentModel(_CountsBase):
    """Each theme's items split by sentiment (positive, negative, mixed, not recorded)."""

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.counts is None else len(SENTIMENTS) + 1

    def _target(self, row: int, column: int) -> Target:
        theme = self._themes[row]
        if column == len(SENTIMENTS):
            return Target(theme)
        return Target(theme, sentiment=SENTIMENTS[column], by_sentiment=True)

    def _is_total(self, row: int, column: int) -> bool:
        return column == len(SENTIMENTS)

    def count(self, row: int, column: int) -> int:
        theme = self._themes[row]
        if self.counts is None:
            return 0
        if column == len(SENTIMENTS):
            return self.counts.theme_total(theme)
        return self.counts.sentiment(theme, SENTIMENTS[column])

    def describe(self, target: Target) -> str:
        theme = self.theme_name(TOTAL if target.theme_id is None else target.theme_id)
        if not target.by_sentiment:
            return theme
        return QCoreApplication.translate("ThemesModel", "{theme}; {sentiment}").format(
            theme=theme, sentiment=sentiment_text(target.sentiment)
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Vertical:
            return self._theme_header(section, role)
        if role not in (_Role.DisplayRole, _Role.ToolTipRole, _Role.AccessibleTextRole):
            return None
        if section == len(SENTIMENTS):
            return QCoreApplication.translate("ThemesModel", "Total")
        return sentiment_text(SENTIMENTS[section]) if section < len(SENTIMENTS) else None


(DATE, SOURCE, SENTIMENT, SUMMARY) = range(4)
_ITEM_COLUMNS = (
    QT_TRANSLATE_NOOP("ThemesModel", "Date"),
    QT_TRANSLATE_NOOP("ThemesModel", "From"),
    QT_TRANSLATE_NOOP("ThemesModel", "Sentiment"),
    QT_TRANSLATE_NOOP("ThemesModel", "Summary"),
)


def source_text(row: FeedbackRow) -> str:
    """Who it came from, by pseudonym code only (never a name)."""
    if row.source is FeedbackSource.ANONYMOUS:
        return anonymous_text()
    if row.source is FeedbackSource.PARTNER:
        return row.partner_name or QCoreApplication.translate("ThemesModel", "A partner")
    return row.participant_code or QCoreApplication.translate(
        "ThemesModel", "Participant (record erased)"
    )


class ItemsModel(QAbstractTableModel):
    """The items behind a count, newest first. Disclosures never reach it (the service
    leaves them out); a row flagged as one would be dropped here too."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[FeedbackRow] = []

    def set_rows(self, rows: list[FeedbackRow]) -> None:
        self.beginResetModel()
        self.rows = [r for r in rows if not r.disclosure]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_ITEM_COLUMNS)

    def feedback_id(self, row: int) -> int | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def text(self, row: FeedbackRow, column: int) -> str:
        if column == DATE:
            return shown_date(row.received_on)
        if column == SOURCE:
            return source_text(row)
        if column == SENTIMENT:
            return sentiment_text(row.sentiment)
        return " ".join(row.summary.split())  # one line: the record shows it whole

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role in (_Role.DisplayRole, _Role.AccessibleTextRole):
            return self.text(self.rows[index.row()], index.column())
        if role == _Role.ToolTipRole and index.column() == SUMMARY:
            return self.rows[index.row()].summary
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == _Role.DisplayRole:
            return _translated(_ITEM_COLUMNS[section])
        return None


def items_behind(
    services: RecordServices, start: date, end: date, target: Target
) -> list[FeedbackRow]:
    """The items behind a count (off the GUI thread): the service's, then by sentiment."""
    rows = services.themes.items(start, end, theme_id=target.theme_id, stage_id=target.stage_id)
    if target.by_sentiment:
        rows = [r for r in rows if r.sentiment == target.sentiment]
    return rows
