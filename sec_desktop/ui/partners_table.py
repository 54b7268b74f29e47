"""The partner directory's table: every partner, searched and sorted in Python.

One model does both: the list is small (tens of partners), and the search looks at what
the table does not show (the names of each partner's contacts, the translated type
label), so a proxy over display text would not do. Sorting reorders rows with persistent
indexes kept, so the selected partner stays selected when a column header is clicked.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from sec_desktop.services.partners import PartnerRow

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

NAME, TYPE, AREA, CONTACTS, LAST_CONTACT = range(5)
COLUMNS = 5
# How much of the text colour the greyed rows keep: about 4.6:1 against the base colour
# in both themes, so "greyed" stays readable (WCAG AA).
GREY_SHARE = 0.55

DATE_FORMAT = "d MMM yyyy"
_Index = QModelIndex | QPersistentModelIndex


def shown_date(value: date) -> str:
    """A date as the user's language writes it, with the month as a word: never ambiguous."""
    return QLocale().toString(QDate(value.year, value.month, value.day), DATE_FORMAT)


def type_label(row: PartnerRow) -> str:
    return QCoreApplication.translate("Choices", row.type.label)


class PaddedDelegate(QStyledItemDelegate):
    """Rows a little taller than their text, so wrapped lines of one row do not run into
    the next."""

    PADDING = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + self.PADDING)


def _greyed() -> QColor:
    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    return QColor(
        *(
            round(t * GREY_SHARE + b * (1 - GREY_SHARE))
            for t, b in (
                (text.red(), base.red()),
                (text.green(), base.green()),
                (text.blue(), base.blue()),
            )
        )
    )


class PartnerTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[PartnerRow] = []
        self._contacts: dict[int, tuple[str, ...]] = {}
        self._shown: list[PartnerRow] = []
        self._terms: list[str] = []
        self._show_inactive = False
        self._sort_column = NAME
        self._sort_order = Qt.SortOrder.AscendingOrder

    # --- contents -------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[PartnerRow], contacts: dict[int, tuple[str, ...]]) -> None:
        """All partners, with the names of each one's contacts (searched, not shown)."""
        self._all = list(rows)
        self._contacts = dict(contacts)
        self._refill()

    def clear(self) -> None:
        self.set_rows([], {})

    def set_search(self, text: str) -> None:
        terms = text.casefold().split()
        if terms != self._terms:
            self._terms = terms
            self._refill()

    def set_show_inactive(self, shown: bool) -> None:
        if shown != self._show_inactive:
            self._show_inactive = shown
            self._refill()

    @property
    def total(self) -> int:
        return len(self._all)

    def partner_id(self, row: int) -> int | None:
        return self._shown[row].id if 0 <= row < len(self._shown) else None

    def row_of(self, partner_id: int) -> int | None:
        return next((i for i, row in enumerate(self._shown) if row.id == partner_id), None)

    def id_named(self, name: str) -> int | None:
        wanted = name.strip().casefold()
        return next((row.id for row in self._all if row.name.casefold() == wanted), None)

    def _matches(self, row: PartnerRow) -> bool:
        if not row.active and not self._show_inactive:
            return False
        if not self._terms:
            return True
        haystack = " ".join(
            [row.name, row.area, type_label(row), row.type.label, *self._contacts.get(row.id, ())]
        ).casefold()
        return all(term in haystack for term in self._terms)

    def _refill(self) -> None:
        self.beginResetModel()
        self._shown = sorted(
            (row for row in self._all if self._matches(row)),
            key=lambda row: self._sort_key(row, self._sort_column),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )
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
            self.tr("Name"),
            self.tr("Type"),
            self.tr("Area"),
            self.tr("Contacts"),
            self.tr("Last contact"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        row = self._shown[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == ID_ROLE:
            return row.id
        return self._look(row, column, role)

    @staticmethod
    def _look(row: PartnerRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return _greyed()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == CONTACTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: PartnerRow, column: int) -> str:
        if column == NAME:
            # Said in words too: grey alone would not reach a screen reader or a printout.
            return row.name if row.active else self.tr("{name} (inactive)").format(name=row.name)
        if column == TYPE:
            return type_label(row)
        if column == AREA:
            return row.area
        if column == CONTACTS:
            return str(row.contacts)
        if row.last_contact is None:
            return self.tr("Never")
        return shown_date(row.last_contact)

    @staticmethod
    def _sort_key(row: PartnerRow, column: int) -> tuple[object, ...]:
        name = row.name.casefold()
        if column == TYPE:
            return (type_label(row).casefold(), name)
        if column == AREA:
            return (row.area.casefold(), name)
        if column == CONTACTS:
            return (row.contacts, name)
        if column == LAST_CONTACT:
            return (row.last_contact or date.min, name)
        return (name,)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        ids = [row.id for row in self._shown]
        self._shown.sort(
            key=lambda row: self._sort_key(row, column),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        where = {row.id: i for i, row in enumerate(self._shown)}
        old = self.persistentIndexList()
        new = [self.index(where[ids[index.row()]], index.column()) for index in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()
