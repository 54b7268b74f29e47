"""Small widgets shared by several screens."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

HEADING_SCALE = 1.6
# Lines of running text longer than this are hard to read on a wide window.
READABLE_WIDTH = 720


def heading_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A page heading: larger and bold, scaled from the user's font so it follows their size."""
    label = QLabel(text, parent)
    label.setObjectName("pageHeading")
    font = QFont(label.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * HEADING_SCALE)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    label.setWordWrap(True)
    return label
