"""About SEC Desktop: the version, and the licence of every library it ships with."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import sec_desktop
from sec_desktop.about import Component
from sec_desktop.ui.widgets import heading_label


class AboutDialog(QDialog):
    def __init__(
        self,
        components: Sequence[Component],
        runtime_versions: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About SEC Desktop"))
        self.setAccessibleName(self.tr("About SEC Desktop"))

        version = QLabel(self.tr("Version {version}").format(version=sec_desktop.__version__), self)
        version.setObjectName("aboutVersion")
        version.setAccessibleName(version.text())
        version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        summary = QLabel(
            self.tr(
                "Offline records for a Survivor Engagement Coordinator. Everything stays on "
                "this workstation; SEC Desktop has no network code."
            ),
            self,
        )
        summary.setWordWrap(True)

        runtime = QLabel(
            " \u00b7 ".join(f"{name} {value}" for name, value in runtime_versions.items()), self
        )
        runtime.setObjectName("runtimeVersions")  # data, not words: never translated
        runtime.setWordWrap(True)
        runtime.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableWidget(len(components), 3, self)
        self.table.setObjectName("licencesTable")
        self.table.setAccessibleName(self.tr("Libraries and their licences"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Library"), self.tr("Version"), self.tr("Licence")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, component in enumerate(components):
            for column, text in enumerate((component.name, component.version, component.licence)):
                self.table.setItem(row, column, QTableWidgetItem(text))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("SEC Desktop"), self))
        layout.addWidget(version)
        layout.addWidget(summary)
        layout.addWidget(runtime)
        layout.addWidget(QLabel(self.tr("Built with these libraries:"), self))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 520)
