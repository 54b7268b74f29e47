"""Marking user-visible text outside the Qt layer for translation.

Code below `ui/` may not import Qt, yet some of its messages reach the user. It marks them
with `QT_TRANSLATE_NOOP(context, text)`, which `pyside6-lupdate` recognises; the UI then
shows `QCoreApplication.translate(context, text)`. So every message is translatable while
services stay free of Qt.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate knows)
    del context  # only lupdate reads it
    return text
