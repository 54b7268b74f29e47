"""Tables whose rows grow to their wrapped text, without measuring every row.

Fitting each row's height to its text (`resizeRowsToContents`, or a vertical header in
`ResizeToContents` mode) measures every cell of every row, on the GUI thread, whenever the
table is filled, resized or a column is dragged: at the largest scale (thousands of
rows) that froze the window for most of a second. `VisibleRowFitter` fits all rows of a
short table, as before, and only the rows on screen of a long one, fitting more as they
scroll into view. Column widths measured from the contents sample the rows on screen and
`CONTENTS_PRECISION` more, not all of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

# A table this short has every row fitted at once (exactly as Qt would).
FIT_ALL_ROWS = 60
# Rows beyond those on screen that are measured to size a column to its contents.
CONTENTS_PRECISION = 100


def limit_contents_sampling(view: QTableView) -> None:
    """Column widths fitted to contents sample a bounded number of rows."""
    view.verticalHeader().setResizeContentsPrecision(CONTENTS_PRECISION)


class VisibleRowFitter(QObject):
    """Keeps the row heights of `view` fitted to their contents where it matters: every
    row of a short table, the rows on screen of a long one. Refits when the model
    changes, the view is resized or scrolled, or a column changes width."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._fitting = False
        self._held = 0
        header = view.verticalHeader()
        if header.sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents:
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        limit_contents_sampling(view)
        view.verticalScrollBar().valueChanged.connect(self.fit)
        view.horizontalHeader().sectionResized.connect(self.fit)
        model = view.model()
        # Not dataChanged: a table widget being filled emits it once per cell (its filler
        # calls `fit` when done).
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self.fit)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and shiboken6.isValid(self):
            self.fit()
        return False

    @contextmanager
    def held(self) -> Iterator[None]:
        """No fitting while the table is being filled (each column fitted, each row added
        would ask for it): once, at the end."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
        self.fit()

    def fit(self, *_args: object) -> None:
        # Not while the view is being destroyed (its model still signals then).
        if self._fitting or self._held or not shiboken6.isValid(self._view):
            return
        self._fitting = True
        try:
            self._fit()
        finally:
            self._fitting = False

    def _fit(self) -> None:
        view = self._view
        rows = view.model().rowCount()
        if rows <= FIT_ALL_ROWS:
            view.resizeRowsToContents()
            return
        height = view.viewport().height()
        row = max(view.rowAt(0), 0)
        # Fitting a row may push the next ones down: go on until past the bottom edge.
        while row < rows and view.rowViewportPosition(row) < height:
            view.resizeRowToContents(row)
            row += 1
        bar = view.verticalScrollBar()
        if bar.maximum() > 0 and bar.value() == bar.maximum():
            # At the end: the last rows too, a screenful from the bottom up, so that the
            # end is there to scroll to once the rows above have grown.
            row, filled = rows - 1, 0
            while row >= 0 and filled < height:
                view.resizeRowToContents(row)
                filled += view.rowHeight(row)
                row -= 1
