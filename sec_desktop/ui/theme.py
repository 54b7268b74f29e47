"""Light, dark, or whatever the system uses.

Fusion everywhere, so the app looks and behaves the same on every workstation. "Follow the
system" resets to the platform palette and asks Qt for the system colour scheme; light and
dark also set an explicit palette, because not every platform honours the request (the
offscreen and plain X11 platforms do not).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from sec_desktop.settings import Theme

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

# Text on these backgrounds meets WCAG AA contrast (4.5:1) or better.
_DARK: dict[Role, str] = {
    Role.Window: "#2b2b2b",
    Role.WindowText: "#f0f0f0",
    Role.Base: "#1f1f1f",
    Role.AlternateBase: "#333333",
    Role.ToolTipBase: "#3a3a3a",
    Role.ToolTipText: "#f0f0f0",
    Role.PlaceholderText: "#a8a8a8",
    Role.Text: "#f0f0f0",
    Role.Button: "#353535",
    Role.ButtonText: "#f0f0f0",
    Role.BrightText: "#ff6b6b",
    Role.Light: "#5a5a5a",
    Role.Midlight: "#4a4a4a",
    # Lighter than the window, so that frames and borders drawn in Mid stay visible.
    Role.Mid: "#5c5c5c",
    Role.Dark: "#1a1a1a",
    Role.Shadow: "#000000",
    Role.Highlight: "#2f6fbf",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#8cb8ff",
    Role.LinkVisited: "#c3a6ff",
}
_DARK_DISABLED: dict[Role, str] = {
    Role.WindowText: "#8a8a8a",
    Role.Text: "#8a8a8a",
    Role.ButtonText: "#8a8a8a",
    Role.Highlight: "#474747",
    Role.HighlightedText: "#bdbdbd",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette


def apply_theme(app: QApplication, theme: Theme) -> None:
    hints = app.styleHints()
    if theme is Theme.DARK:
        hints.setColorScheme(Qt.ColorScheme.Dark)
        app.setPalette(dark_palette())
    elif theme is Theme.LIGHT:
        hints.setColorScheme(Qt.ColorScheme.Light)
        app.setPalette(app.style().standardPalette())
    else:
        hints.unsetColorScheme()
        # An empty palette hands control back to the platform's own (light or dark).
        app.setPalette(QPalette())
        # Some Linux desktops report a dark preference but give Qt a light palette.
        if hints.colorScheme() == Qt.ColorScheme.Dark and not is_dark(app):
            app.setPalette(dark_palette())
    # Style sheet colours name palette roles, resolved when the sheet is set: set it afresh
    # (Qt ignores setting the same sheet again) so the new palette's colours are used.
    sheet = app.styleSheet()
    if sheet:
        app.setStyleSheet("")
        app.setStyleSheet(sheet)


def is_dark(app: QApplication) -> bool:
    window = app.palette().color(Role.Window)
    text = app.palette().color(Role.WindowText)
    return window.lightness() < text.lightness()
