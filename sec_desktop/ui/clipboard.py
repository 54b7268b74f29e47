"""Copying record text to the clipboard, and taking it back when the vault locks.

Only what SEC Desktop itself put there is cleared: if the user has since copied
something else, it is left alone. That covers copies made by Qt's own widgets too (Ctrl+C
in a table or a selectable label), which do not pass through `copy`: the clipboard is
cleared while this application still owns it.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication


class ClipboardGuard:
    def __init__(self) -> None:
        self._fingerprint: bytes | None = None

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        # A fingerprint, not the text: the guard itself must not keep record data.
        self._fingerprint = _fingerprint(text)

    def clear_ours(self) -> bool:
        """Clear the clipboard if it still holds what we put there; True if it did."""
        ours, self._fingerprint = self._fingerprint, None
        clipboard = QGuiApplication.clipboard()
        text = clipboard.text()
        copied_here = ours is not None and _fingerprint(text) == ours
        # ownsClipboard: the text came from one of our widgets, and nobody copied since.
        if not (copied_here or (text and clipboard.ownsClipboard())):
            return False
        clipboard.clear()
        return True


def _fingerprint(text: str) -> bytes:
    # hashlib is imported here: loading it delays the first window by a few milliseconds.
    import hashlib  # noqa: PLC0415

    return hashlib.sha256(text.encode("utf-8")).digest()
