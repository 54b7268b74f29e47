"""Small widgets shared by several screens."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

HEADING_SCALE = 1.6
# Lines of running text longer than this are hard to read on a wide window.
READABLE_WIDTH = 720
# Both at least 4.5:1 against the window colour of their theme (WCAG AA).
ERROR_ON_LIGHT = QColor("#b00020")
ERROR_ON_DARK = QColor("#ff8a80")


def heading_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A page heading: larger and bold, scaled from the user's font so it follows their size."""
    label = QLabel(text, parent)
    label.setObjectName("pageHeading")
    # Headings can hold a record's title: never read as markup.
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * HEADING_SCALE)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class ErrorLabel(QLabel):
    """A message about something that went wrong: bold, in a red that reads well on the
    current palette (light or dark), and selectable so it can be copied."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorMessage")
        # Messages can quote what was typed: never read as markup.
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.font())
        font.setBold(True)
        self.setFont(font)
        self._apply_colour()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colour()

    def _apply_colour(self) -> None:
        palette = self.palette()
        background = palette.color(QPalette.ColorRole.Window)
        colour = ERROR_ON_DARK if background.lightness() < 128 else ERROR_ON_LIGHT
        if palette.color(QPalette.ColorRole.WindowText) != colour:
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.setPalette(palette)
