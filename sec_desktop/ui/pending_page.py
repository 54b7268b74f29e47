"""The page shown for an area that has not been built yet: says so plainly, shows no data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sec_desktop.ui.areas import Area
from sec_desktop.ui.widgets import READABLE_WIDTH, heading_label


class PendingPage(QWidget):
    def __init__(self, area: Area, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page_{area.key}")
        self.setAccessibleName(area.translated_title())

        title = heading_label(area.translated_title(), self)

        self.status_label = QLabel(self.tr("Not built yet"), self)
        self.status_label.setObjectName("pendingStatus")

        purpose = QLabel(area.translated_purpose(), self)
        purpose.setWordWrap(True)
        purpose.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        note = QLabel(
            self.tr(
                "This area arrives in a later version of SEC Desktop. Until then nothing "
                "is recorded or shown here."
            ),
            self,
        )
        note.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        for label in (title, purpose, note):
            label.setMaximumWidth(READABLE_WIDTH)
        layout.addWidget(title)
        layout.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(purpose)
        layout.addWidget(note)
        layout.addStretch(1)
