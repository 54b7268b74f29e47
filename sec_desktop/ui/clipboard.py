"""Copying record text to the clipboard, and taking it back when the vault locks.

Only what SEC Desktop itself put there is cleared: if the user has since copied
something else, it is left alone.
"""

from __future__ import annotations

import hashlib

from PySide6.QtGui import QGuiApplication


class ClipboardGuard:
    def __init__(self) -> None:
        self._fingerprint: bytes | None = None

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        # A fingerprint, not the text: the guard itself must not keep record data.
        self._fingerprint = hashlib.sha256(text.encode("utf-8")).digest()

    def clear_ours(self) -> bool:
        """Clear the clipboard if it still holds what we put there; True if it did."""
        ours, self._fingerprint = self._fingerprint, None
        if ours is None:
            return False
        clipboard = QGuiApplication.clipboard()
        if hashlib.sha256(clipboard.text().encode("utf-8")).digest() != ours:
            return False
        clipboard.clear()
        return True
