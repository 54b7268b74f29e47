"""The tables of the scrutiny panels page: meetings, the cases of one meeting, and the
victim's feedback on one case. Plain rows from the services, shown as they come (meetings
newest first, cases in the order added, feedback as the feedback service orders it).

Feedback flagged as a disclosure shows no text here: only its own record does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from sec_desktop.domain.engagement_enums import FeedbackSource, Panel
from sec_desktop.services.feedback_records import FeedbackRow
from sec_desktop.services.scrutiny_records import CaseRow, MeetingRow
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.partners_table import PaddedDelegate
from sec_desktop.ui.row_fitting import VisibleRowFitter

_Index = QModelIndex | QPersistentModelIndex
# The narrowest the widest column of a table gets before the table scrolls sideways.
STRETCH_CHARS = 18


class RowsModel(QAbstractTableModel):
    """Rows with an `id`, one column per heading; subclasses say what each cell shows."""

    # Columns whose figures are aligned right.
    numeric: tuple[int, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def headings(self) -> tuple[str, ...]:
        raise NotImplementedError

    def text(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, index: int) -> Any:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def row_of(self, record_id: int) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row.id == record_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headings())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headings()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class MeetingsModel(RowsModel):
    numeric = (3,)

    def headings(self) -> tuple[str, ...]:
        return (self.tr("Date"), self.tr("Panel"), self.tr("Venue"), self.tr("Cases"))

    def text(self, row: MeetingRow, column: int) -> str:
        if column == 0:
            when = shown_date(row.held_on)
            return f"{when}, {row.starts_at:%H:%M}" if row.starts_at else when
        if column == 1:
            return self.tr("DA") if row.panel is Panel.DA else self.tr("RASSO")
        if column == 2:
            return row.venue
        return str(row.cases)


class CasesModel(RowsModel):
    numeric = (5,)

    def headings(self) -> tuple[str, ...]:
        return (
            self.tr("Crime reference"),
            self.tr("Offence"),
            self.tr("Outcome"),
            self.tr("Victim"),
            self.tr("Rights"),
            self.tr("Feedback"),
        )

    def text(self, row: CaseRow, column: int) -> str:
        if column == 4:
            return self._rights(row)
        return (
            row.crime_reference,
            row.offence_type,
            row.outcome,
            self._victim(row),
            "",
            str(row.feedback_items),
        )[column]

    def _rights(self, row: CaseRow) -> str:
        if not row.rights_met and not row.rights_not_met:
            return self.tr("Not judged yet")
        return self.tr("{met} met, {not_met} not met").format(
            met=row.rights_met, not_met=row.rights_not_met
        )

    def _victim(self, row: CaseRow) -> str:
        if row.victim_agreed:
            said = self.tr("Agreed to give feedback")
        elif row.victim_contacted:
            said = self.tr("Contacted, did not agree")
        else:
            said = self.tr("Not contacted")
        return f"{said} ({row.participant_code})" if row.participant_code else said


class FeedbackModel(RowsModel):
    def headings(self) -> tuple[str, ...]:
        return (
            self.tr("Received"),
            self.tr("From"),
            self.tr("What was said"),
            self.tr("Sentiment"),
            self.tr("Quotable"),
        )

    def text(self, row: FeedbackRow, column: int) -> str:
        if column == 1:
            return self._source(row)
        if column == 2:
            if row.disclosure:
                return self.tr("A disclosure: what was said is shown only in its own record.")
            return row.summary or row.quote
        if column == 3:
            sentiment = row.sentiment
            return QCoreApplication.translate("Choices", sentiment.label) if sentiment else ""
        if column == 4:
            return self.tr("Yes") if row.quotable else self.tr("No")
        return shown_date(row.received_on)

    def _source(self, row: FeedbackRow) -> str:
        if row.source is FeedbackSource.PARTNER:
            return row.partner_name or self.tr("A partner")
        return row.participant_code or self.tr("Anonymous")


class RecordTable(QTableView):
    """A read-only table for the keyboard: arrows move, Tab leaves, whole rows chosen.
    Columns take what their text needs, up to a cap (in average characters; then they
    wrap); the `stretch` column takes the rest, never less than a readable width."""

    def __init__(
        self,
        model: RowsModel,
        name: str,
        stretch: int,
        parent: QWidget,
        caps: dict[int, int] | None = None,
    ) -> None:
        super().__init__(parent)
        self._stretch = stretch
        self._caps = caps or {}
        self._widths: dict[int, int] | None = None  # the contents' widths, once measured
        self.setObjectName(name)
        self.setModel(model)
        self.setItemDelegate(PaddedDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(False)
        model.modelReset.connect(self.fit_columns)
        # Rows fit their wrapped text: all of a short table, those on screen of a long one.
        self.row_fitter = VisibleRowFitter(self)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Measure the columns' contents again (new rows), then share out the width."""
        self._widths = None
        self._share_width()

    def _measure(self) -> dict[int, int]:
        header = self.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        widths: dict[int, int] = {}
        for column in range(self.model().columnCount()):
            if column == self._stretch:
                continue
            wanted = max(self.sizeHintForColumn(column), header.sectionSizeHint(column))
            cap = self._caps.get(column)
            widths[column] = min(wanted, cap * char) if cap else wanted
        return widths

    def _share_width(self) -> None:
        if self._widths is None:
            self._widths = self._measure()
        widths = dict(self._widths)
        char = self.fontMetrics().averageCharWidth()
        rest = self.viewport().width() - sum(widths.values())
        widths[self._stretch] = max(rest, STRETCH_CHARS * char)
        header = self.horizontalHeader()
        for column, width in widths.items():
            header.resizeSection(column, width)

    def viewportEvent(self, event: QEvent) -> bool:
        handled = super().viewportEvent(event)
        # The viewport, not the view: a scroll bar coming or going changes its width. The
        # contents were measured when the rows came: only the stretch column changes.
        if event.type() == QEvent.Type.Resize:
            self._share_width()
        return handled
