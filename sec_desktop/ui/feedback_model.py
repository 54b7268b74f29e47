"""The table model of feedback rows (the feedback list, the picker of items to link): one
line per item, all the same height, nothing measured per row. A disclosure's row carries
no text (the service leaves it out): it says to open the item.

The model can also narrow its rows by words in Python (`set_words`, for the picker's
short lists); the feedback list has the service do it in SQL instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from sec_desktop.domain.engagement_enums import FeedbackSource
from sec_desktop.services.feedback_records import FeedbackRow
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.participant_view import choice

(DATE, SOURCE, SENTIMENT, STAGES, THEMES, SUMMARY) = range(6)
COLUMNS = 6
FeedbackIdRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_TEXT_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
)


def haystacks_of(rows: Sequence[FeedbackRow]) -> list[str]:
    """What the quick filter looks in, one text per row: summary, quote, code, partner and
    themes, case-folded. (A disclosure's row has no summary or quote to look in.) The
    service's `page` looks in the same texts, in SQL."""
    return [
        "\n".join((r.summary, r.quote, r.participant_code, r.partner_name, *r.themes)).casefold()
        for r in rows
    ]


def matching(rows: list[FeedbackRow], haystacks: list[str], words: list[str]) -> list[FeedbackRow]:
    """The rows in which every word is found (one word, the common case, scanned plainly)."""
    pairs = zip(rows, haystacks, strict=True)
    if len(words) == 1:
        word = words[0]
        return [row for row, hay in pairs if word in hay]
    return [row for row, hay in pairs if all(word in hay for word in words)]


class FeedbackModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[FeedbackRow] = []
        self._shown: list[FeedbackRow] = []
        self._haystacks: list[str] | None = None
        self._words = ""
        self._anonymous = self.tr("Anonymous survivor")
        self._erased = self.tr("A participant (record erased)")
        self._disclosure = self.tr("Disclosure \u2014 open the item")
        self._sentiments: dict[object, str] = {}
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_rows(self, rows: Sequence[FeedbackRow]) -> None:
        self._all = list(rows)
        self._haystacks = None  # made when first filtered
        self._refill()

    def clear(self) -> None:
        """Forget every row (on lock)."""
        self.set_rows([])

    def set_words(self, words: str) -> None:
        """Show only the rows in which every word is found."""
        words = words.strip().casefold()
        if words != self._words:
            self._words = words
            self._refill()

    @property
    def total(self) -> int:
        return len(self._all)

    def row_at(self, row: int) -> FeedbackRow | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def row_of(self, feedback_id: int) -> int | None:
        return next((i for i, r in enumerate(self._shown) if r.id == feedback_id), None)

    def _refill(self) -> None:
        self.beginResetModel()
        if not self._words:
            self._shown = self._all
        else:
            if self._haystacks is None:
                self._haystacks = haystacks_of(self._all)
            self._shown = matching(self._all, self._haystacks, self._words.split())
        self.endResetModel()

    # --- the model ------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Received"),
            self.tr("From"),
            self.tr("Sentiment"),
            self.tr("Journey stages"),
            self.tr("Themes"),
            self.tr("What was said"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == FeedbackIdRole:
            return row.id
        if role == Qt.ItemDataRole.FontRole and row.disclosure and index.column() == SUMMARY:
            return self._italic
        if role not in _TEXT_ROLES:
            return None
        return self.text(row, index.column())

    def text(self, row: FeedbackRow, column: int) -> str:
        if column == SUMMARY:
            if row.disclosure:
                return self._disclosure
            return (row.summary or row.quote).replace("\n", " ")
        if column == DATE:
            return shown_date(row.received_on)
        if column == SOURCE:
            return self.source(row)
        if column == SENTIMENT:
            return self._sentiment(row)
        return ", ".join(row.stages if column == STAGES else row.themes)

    def source(self, row: FeedbackRow) -> str:
        if row.source is FeedbackSource.PARTICIPANT:
            return row.participant_code or self._erased
        if row.source is FeedbackSource.PARTNER:
            return row.partner_name or choice(row.source)
        return self._anonymous

    def _sentiment(self, row: FeedbackRow) -> str:
        if row.sentiment is None:
            return ""
        if row.sentiment not in self._sentiments:
            self._sentiments[row.sentiment] = choice(row.sentiment)
        return self._sentiments[row.sentiment]
