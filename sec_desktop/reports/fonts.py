"""The fonts every PDF uses: DejaVu Sans, shipped in resources/fonts and embedded.

Shipped rather than taken from the system so that a printout looks the same on every
computer and carries every character a name may have (Welsh ŵ and ŷ, accents,
typographic quotes); reportlab's built-in fonts cover Latin-1 only.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from sec_desktop.paths import resources_dir

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
FONT_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    OBLIQUE: "DejaVuSans-Oblique.ttf",
}

_lock = threading.Lock()
_registered = False


class FontsMissing(RuntimeError):
    """A font file is missing from the installation (a broken install, not a user error)."""


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def font_files(folder: Path) -> dict[str, Path]:
    """Each face's file in `folder`. Raises FontsMissing if any is not there."""
    files = {face: folder / name for face, name in FONT_FILES.items()}
    missing = sorted(path.name for path in files.values() if not path.is_file())
    if missing:
        raise FontsMissing(
            f"The fonts for printouts are missing from {folder}: {', '.join(missing)}. "
            "Reinstall SEC Desktop."
        )
    return files


def register_fonts() -> None:
    """Register the shipped fonts with reportlab, once per process (PDFs are built on a
    worker thread, hence the lock). Raises FontsMissing if a file is not there."""
    global _registered  # noqa: PLW0603 (reportlab's registry is process-wide too)
    with _lock:
        if _registered:
            return
        for face, path in font_files(fonts_dir()).items():
            pdfmetrics.registerFont(TTFont(face, str(path)))
        # So that <b> and <i> in paragraphs pick the right face. No bold oblique is
        # shipped (nothing needs it): bold stands in for it.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, OBLIQUE)
        addMapping(REGULAR, 1, 1, BOLD)
        _registered = True
