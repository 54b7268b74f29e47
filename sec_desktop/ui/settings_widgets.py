"""Small pieces for settings forms: a path shown as selectable text, a spin box with a
name, a sentence built from words and fields, and a line of feedback."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.ui.widgets import ErrorLabel


def path_label(parent: QWidget) -> QLabel:
    """A file or folder path: selectable so it can be copied, and never translated."""
    label = QLabel(parent)
    label.setObjectName("folderPath")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def spin_box(parent: QWidget, low: int, high: int, value: int, name: str) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setAccessibleName(name)
    editor = spin.findChild(QLineEdit)
    if editor is not None:  # it takes the focus: screen readers ask it for the name
        editor.setAccessibleName(name)
    spin.setKeyboardTracking(False)  # one change when typing is done, not one per digit
    return spin


def sentence(parent: QWidget, *parts: tuple[str, QWidget] | str) -> QHBoxLayout:
    """Words and fields read as one line ("Lock after [5] minutes without use"); a
    (text, field) part makes the text the field's label, with its & mnemonic."""
    row = QHBoxLayout()
    row.setSpacing(6)
    for part in parts:
        if isinstance(part, tuple):
            text, field = part
            label = QLabel(text, parent)
            label.setBuddy(field)
            row.addWidget(label)
            row.addWidget(field)
        else:
            row.addWidget(QLabel(part, parent))
    row.addStretch(1)
    return row


class Feedback(QWidget):
    """The outcome of the last action: a plain sentence, or an error in red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = ErrorLabel(self)
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        self.say("")

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText("" if error else text)
        self.message.setVisible(bool(text) and not error)
        self.error.setText(text if error else "")
        self.error.setVisible(bool(text) and error)
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.error.text() or self.message.text()

    def is_error(self) -> bool:
        return bool(self.error.text())
