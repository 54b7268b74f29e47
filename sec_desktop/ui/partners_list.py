"""The table of partners on the left of the directory: keyboard first, readable at any
width.

Typing a letter in the list sends it to the search (instead of Qt's jump to the first
row starting with it), because the search also looks at areas, types and contact names.
Long names wrap rather than being cut short: the other columns take what their text needs
(long types and areas wrap past a cap) and the name takes the rest, never less than a
readable width (then the list scrolls sideways).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from sec_desktop.ui.partners_table import (
    AREA,
    COLUMNS,
    NAME,
    TYPE,
    PaddedDelegate,
    PartnerTableModel,
)
from sec_desktop.ui.row_fitting import VisibleRowFitter

# Column widths in average characters.
NAME_CHARS = 22
CAPPED_CHARS = {TYPE: 18, AREA: 18}


class PartnersList(QTableView):
    # Text typed while the list has focus, for the search field.
    typed = Signal(str)
    # Backspace pressed in the list: take a character off the search.
    backspaced = Signal()

    def __init__(self, model: PartnerTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partnersTable")
        self.setAccessibleName(self.tr("Partners"))
        self.setModel(model)
        self.setItemDelegate(PaddedDelegate(self))
        self.setSortingEnabled(True)
        self.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the list; arrows move inside it
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.verticalHeader().hide()
        # Widths are set by fit_columns; the user may still drag them.
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._widths: dict[int, int] | None = None  # the contents' widths, once measured
        model.modelReset.connect(self.fit_columns)
        # Rows fit their wrapped text: all of a short list, those on screen of a long one.
        self.row_fitter = VisibleRowFitter(self)

    def fit_columns(self) -> None:
        """Measure the columns' contents again (new rows), then share out the width."""
        self._widths = None
        self._share_width()

    def _measure(self) -> dict[int, int]:
        header = self.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        widths: dict[int, int] = {}
        for column in range(COLUMNS):
            if column == NAME:
                continue
            wanted = max(self.sizeHintForColumn(column), header.sectionSizeHint(column))
            cap = CAPPED_CHARS.get(column)
            widths[column] = min(wanted, cap * char) if cap else wanted
        return widths

    def _share_width(self) -> None:
        if self._widths is None:
            self._widths = self._measure()
        widths = dict(self._widths)
        char = self.fontMetrics().averageCharWidth()
        rest = self.viewport().width() - sum(widths.values())
        widths[NAME] = max(rest, NAME_CHARS * char)
        header = self.horizontalHeader()
        for column, width in widths.items():
            header.resizeSection(column, width)

    def viewportEvent(self, event: QEvent) -> bool:
        handled = super().viewportEvent(event)
        # The viewport, not the view: a scroll bar coming or going changes its width. The
        # contents were measured when the rows came: only the name column changes.
        if event.type() == QEvent.Type.Resize:
            self._share_width()
        return handled

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            if event.key() == Qt.Key.Key_Backspace:
                self.backspaced.emit()
                return
            text = event.text()
            if text and text.isprintable() and not text.isspace():
                self.typed.emit(text)
                return
        super().keyPressEvent(event)
