"""The PDFs SEC Desktop makes, with reportlab.

reportlab is imported only by this package's modules, and those only when a PDF is made
(importing reportlab takes a noticeable part of a second): callers import them inside
the function that needs them, never at the top of a module loaded at start. This file
itself imports nothing heavy, so the types below can be used anywhere.

Every PDF uses the DejaVu Sans fonts shipped in resources/fonts (`fonts.register_fonts`)
and carries the page furniture of `page_furniture`: the protective marking at the top and
the bottom, a handling line, the date produced, page x of y, and DEMO on a demo vault.
"""

from __future__ import annotations

from collections.abc import Callable

# translate(context, text): QCoreApplication.translate from the UI; this layer has no Qt.
Translate = Callable[[str, str], str]


def untranslated(context: str, text: str) -> str:
    """The `translate` of code with no translations (the command line, tests)."""
    del context
    return text
