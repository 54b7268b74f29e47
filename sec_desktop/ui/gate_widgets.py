"""Pieces shared by the gate screens (create, unlock, recovery key): a centred column,
a busy indicator, labelled fields, and vault errors in the user's words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.ui.widgets import READABLE_WIDTH
from sec_desktop.vault.errors import (
    VaultError,
)

# How wide a page would like to be when it may choose (in a dialog): its column, a little
# narrower than the widest readable, plus the margins.
PREFERRED_WIDTH = 640
RECOVERY_KEY_PATTERN = "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"


# --- shared by the vault screens ----------------------------------------------------------


def vault_error_text(error: object) -> str:
    """What to tell the user about a failure: a vault error's own message, translated;
    for anything else, a plain sentence with the kind of problem (never its details,
    which could hold a path or record text)."""
    if isinstance(error, VaultError):
        values = {
            key: QCoreApplication.translate("Vault", value) if isinstance(value, str) else value
            for key, value in error.values.items()
        }
        return QCoreApplication.translate("Vault", error.message).format(**values)
    if isinstance(error, OSError) and error.strerror:
        return QCoreApplication.translate(
            "Vault", "The vault file could not be used ({reason}). Check the drive, then try again."
        ).format(reason=error.strerror)
    return QCoreApplication.translate(
        "Vault", "Something went wrong ({kind}). Nothing has been changed; try again."
    ).format(kind=type(error).__name__)


def announce(widget: QWidget, text: str) -> None:
    """Have a screen reader say `text` now (a message that appeared without focus)."""
    # Imported here: the unlock screen is built before the first paint, and these
    # (large) types are needed only when something is announced.
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent  # noqa: PLC0415

    if text and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


class _GateScroll(QScrollArea):
    """Scrolls only when it must: it asks for the room its content needs (so a dialog
    holding a page opens at the page's size), not the small default of a scroll area."""

    def sizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().sizeHint()
        hint = content.sizeHint()
        width = max(hint.width(), PREFERRED_WIDTH)
        height = content.heightForWidth(width) if content.hasHeightForWidth() else -1
        return QSize(width, max(height, hint.height()))


def column_layout() -> QVBoxLayout:
    """The layout of a page's column: fill it, then hand it to `centre_in_page`."""
    layout = QVBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(12)
    return layout


def centre_in_page(page: QWidget, layout: QVBoxLayout) -> None:
    """Lay `page` out as one column (the filled `layout`) no wider than READABLE_WIDTH,
    centred across the window and anchored near the top (so nothing jumps when a message
    appears), scrolling when the window is too short.

    Called once the column is filled: a scroll area measures its content when it gets it.
    """
    column = QWidget(page)
    column.setMaximumWidth(READABLE_WIDTH)
    column.setLayout(layout)
    scroll = _GateScroll(page)
    scroll.setObjectName("gateScroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    inner = QWidget(scroll)
    across = QHBoxLayout()
    across.addStretch(1)
    across.addWidget(column, 100)
    across.addStretch(1)
    down = QVBoxLayout(inner)
    down.setContentsMargins(24, 40, 24, 24)
    down.addLayout(across)
    down.addStretch(1)
    scroll.setWidget(inner)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)


def reveal(widget: QWidget) -> None:
    """Scroll the page so `widget` (a message that just appeared) is in view, once the
    layout has made room for it."""
    scroll = widget.parentWidget()
    while scroll is not None and not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    if scroll is not None:
        area = scroll
        QTimer.singleShot(0, area, lambda: area.ensureWidgetVisible(widget))


class BusyIndicator(QWidget):
    """What is happening, in words, over an indeterminate progress bar."""

    def __init__(self, text: str, accessible_name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.label = wrapped_label(text, self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(accessible_name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)


def monospace_font(scale: float = 1.0) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if scale != 1.0 and font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    return font


def wrapped_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


def buddy_label(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    """A field's caption; its &-mnemonic (Alt+letter) moves to the field."""
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


def passphrase_field(name: str, accessible_name: str, parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(accessible_name)
    return edit


# --- the page --------------------------------------------------------------------------------
