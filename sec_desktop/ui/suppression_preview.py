"""What was suppressed in a governance report and why, shown before anything is saved.

The figures are grouped by table; each names its row and column and why it is not
published: a count under the threshold (shown as "<5"), or a figure hidden as well so
that a small one cannot be worked out from the totals (shown as "*").
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.services.reports import SuppressedCell
from sec_desktop.ui.participant_view import subheading

CONTEXT = "Reports"


def why_text(cell: SuppressedCell, threshold: int) -> str:
    if cell.why == "small":
        return QCoreApplication.translate(
            "SuppressionPreview", "<{threshold}: under {threshold}"
        ).format(threshold=threshold)
    return QCoreApplication.translate("SuppressionPreview", "*: protects a small count")


def place_text(cell: SuppressedCell) -> str:
    return QCoreApplication.translate("SuppressionPreview", "{row}, {column}").format(
        row=QCoreApplication.translate(CONTEXT, cell.row),
        column=QCoreApplication.translate(CONTEXT, cell.column),
    )


class SuppressionPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("What was suppressed and why"))
        self.heading = subheading(self.tr("What was suppressed and why"), self)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("suppressionSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("Suppressed figures, by table"))
        self.tree.setHeaderLabels([self.tr("Figure"), self.tr("Why")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tree, 1)
        self.clear()

    @property
    def figure_count(self) -> int:
        groups = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return sum(group.childCount() for group in groups if group is not None)

    def show_cells(self, cells: Sequence[SuppressedCell], threshold: int, tables: int) -> None:
        small = sum(1 for cell in cells if cell.why == "small")
        if not cells:
            summary = self.tr(
                "Nothing was suppressed: no count in the {tables} tables is under {threshold}."
            ).format(tables=tables, threshold=threshold)
        else:
            summary = self.tr(
                "{small} counts under {threshold} are shown as <{threshold}, and {secondary} "
                "more figures are hidden so that those cannot be worked out from the totals. "
                "Only these published figures go into the PDF, CSV and XLSX files."
            ).format(small=small, threshold=threshold, secondary=len(cells) - small)
        self.summary_label.setText(summary)
        self.summary_label.setAccessibleName(summary)
        self.tree.clear()
        for title, group in groupby(cells, key=lambda cell: cell.table):
            figures = list(group)
            parent = QTreeWidgetItem(
                [
                    self.tr("{table} ({count})").format(
                        table=QCoreApplication.translate(CONTEXT, title), count=len(figures)
                    ),
                    "",
                ]
            )
            for cell in figures:
                child = QTreeWidgetItem([place_text(cell), why_text(cell, threshold)])
                child.setToolTip(0, child.text(0))
                parent.addChild(child)
            self.tree.addTopLevelItem(parent)
            parent.setFirstColumnSpanned(True)
        self.tree.expandAll()
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self.tree.setVisible(bool(cells))

    def clear(self) -> None:
        self.summary_label.clear()
        self.tree.clear()
