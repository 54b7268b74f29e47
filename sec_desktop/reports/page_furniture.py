"""What every page of every PDF carries, whatever the report.

At the top: the protective marking (OFFICIAL-SENSITIVE) and the report's handling line.
At the bottom: the date produced, "Page x of y", and the marking again. On a demo vault,
DEMO in both top corners and large across the page, so a printout of synthetic data is
never taken for real records.

"Page x of y" needs the page count before any page is finished: `_FurnishedCanvas` keeps
each page until the document is complete, then draws the furniture on all of them.

Text is translated by the `translate(context, text)` the caller passes in (the UI passes
QCoreApplication.translate; this layer may not import Qt); strings are marked with
QT_TRANSLATE_NOOP so that lupdate finds them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.reports import Translate, untranslated
from sec_desktop.reports.fonts import BOLD, REGULAR, register_fonts

CONTEXT = "Reports"
# The protective marking: the same in every language (Government Security Classifications).
MARKING = "OFFICIAL-SENSITIVE"
DEMO = "DEMO"

MARKING_SIZE = 12.0
SMALL_SIZE = 8.0
MIN_SIZE = 6.0
SIDE_MARGIN = 14 * mm
# Baselines, from the top or bottom edge. Nothing comes closer than 7 mm to an edge, so
# a printer that cannot print near the edge of the paper still prints the marking.
TOP_MARKING = 12 * mm
HANDLING_LINE = 16.5 * mm
TOP_RULE = 18.5 * mm
BOTTOM_MARKING = 8 * mm
FOOTER_LINE = 13 * mm
BOTTOM_RULE = 16.5 * mm
# Room the furniture takes above and below the body frame.
TOP_SPACE = 21 * mm
BOTTOM_SPACE = 19 * mm
GREY = Color(0.35, 0.35, 0.35)
WATERMARK_GREY = Color(0.5, 0.5, 0.5, alpha=0.14)

MONTHS = (
    QT_TRANSLATE_NOOP("Reports", "January"),
    QT_TRANSLATE_NOOP("Reports", "February"),
    QT_TRANSLATE_NOOP("Reports", "March"),
    QT_TRANSLATE_NOOP("Reports", "April"),
    QT_TRANSLATE_NOOP("Reports", "May"),
    QT_TRANSLATE_NOOP("Reports", "June"),
    QT_TRANSLATE_NOOP("Reports", "July"),
    QT_TRANSLATE_NOOP("Reports", "August"),
    QT_TRANSLATE_NOOP("Reports", "September"),
    QT_TRANSLATE_NOOP("Reports", "October"),
    QT_TRANSLATE_NOOP("Reports", "November"),
    QT_TRANSLATE_NOOP("Reports", "December"),
)
SHORT_MONTHS = (
    QT_TRANSLATE_NOOP("Reports", "Jan"),
    QT_TRANSLATE_NOOP("Reports", "Feb"),
    QT_TRANSLATE_NOOP("Reports", "Mar"),
    QT_TRANSLATE_NOOP("Reports", "Apr"),
    QT_TRANSLATE_NOOP("Reports", "May"),  # one word in English and Welsh (Mai) alike
    QT_TRANSLATE_NOOP("Reports", "Jun"),
    QT_TRANSLATE_NOOP("Reports", "Jul"),
    QT_TRANSLATE_NOOP("Reports", "Aug"),
    QT_TRANSLATE_NOOP("Reports", "Sep"),
    QT_TRANSLATE_NOOP("Reports", "Oct"),
    QT_TRANSLATE_NOOP("Reports", "Nov"),
    QT_TRANSLATE_NOOP("Reports", "Dec"),
)
DATE_FORMAT = QT_TRANSLATE_NOOP("Reports", "{day} {month} {year}")
PRODUCED = QT_TRANSLATE_NOOP("Reports", "Produced {date} at {time}")
PAGE_OF = QT_TRANSLATE_NOOP("Reports", "Page {page} of {pages}")
DEMO_NOTE = QT_TRANSLATE_NOOP("Reports", "Demo vault: synthetic data, not real people")


def long_date(day: date, translate: Translate = untranslated) -> str:
    """25 November 2026."""
    month = translate(CONTEXT, MONTHS[day.month - 1])
    return translate(CONTEXT, DATE_FORMAT).format(day=day.day, month=month, year=day.year)


def short_date(day: date, translate: Translate = untranslated) -> str:
    """25 Nov 2026: for dates in tables."""
    month = translate(CONTEXT, SHORT_MONTHS[day.month - 1])
    return translate(CONTEXT, DATE_FORMAT).format(day=day.day, month=month, year=day.year)


@dataclass
class PageFurniture:
    """The furniture of one document. `handling` is the report's handling line, already
    translated. After `build_pdf`, `pages` holds the page count."""

    handling: str
    produced: datetime
    demo: bool
    translate: Translate = untranslated
    pages: int = field(default=0, init=False)

    def produced_text(self) -> str:
        return self.translate(CONTEXT, PRODUCED).format(
            date=long_date(self.produced.date(), self.translate),
            time=self.produced.strftime("%H:%M"),
        )

    def page_text(self, page: int, pages: int) -> str:
        return self.translate(CONTEXT, PAGE_OF).format(page=page, pages=pages)

    def draw_over(
        self, canvas: Canvas, page: int, pages: int, pagesize: tuple[float, float]
    ) -> None:
        """Drawn once the page count is known: marking, handling line, date, page x of y."""
        width, height = pagesize
        left, right = SIDE_MARGIN, width - SIDE_MARGIN
        canvas.saveState()
        canvas.setFillColor(black)
        canvas.setFont(BOLD, MARKING_SIZE)
        canvas.drawCentredString(width / 2, height - TOP_MARKING, MARKING)
        canvas.drawCentredString(width / 2, BOTTOM_MARKING, MARKING)
        # A translation may be longer than the English: smaller type, never off the page.
        size = SMALL_SIZE
        while size > MIN_SIZE and canvas.stringWidth(self.handling, REGULAR, size) > right - left:
            size -= 0.25
        canvas.setFont(REGULAR, size)
        canvas.drawCentredString(width / 2, height - HANDLING_LINE, self.handling)
        canvas.setFont(REGULAR, SMALL_SIZE)
        canvas.drawString(left, FOOTER_LINE, self.produced_text())
        canvas.drawRightString(right, FOOTER_LINE, self.page_text(page, pages))
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.5)
        canvas.line(left, height - TOP_RULE, right, height - TOP_RULE)
        canvas.line(left, BOTTOM_RULE, right, BOTTOM_RULE)
        if self.demo:
            self._draw_demo_marks(canvas, width, height)
        canvas.restoreState()

    def _draw_watermark(self, canvas: Canvas, width: float, height: float) -> None:
        """DEMO across the page, faint so the content stays readable through it. Drawn
        over the content: table rows have backgrounds that would hide it underneath."""
        size = min(width, height) * 0.3
        canvas.saveState()
        canvas.setFillColor(WATERMARK_GREY)
        canvas.setFont(BOLD, size)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(24)
        canvas.drawCentredString(0, -size * 0.36, DEMO)
        canvas.restoreState()

    def _draw_demo_marks(self, canvas: Canvas, width: float, height: float) -> None:
        """DEMO across the page, white on black in both top corners, and what it means at
        the bottom."""
        self._draw_watermark(canvas, width, height)
        canvas.setFont(BOLD, MARKING_SIZE)
        label_width = canvas.stringWidth(DEMO, BOLD, MARKING_SIZE) + 4 * mm
        box_height = MARKING_SIZE + 2 * mm
        bottom = height - TOP_MARKING - 1.6 * mm  # the text on the marking's baseline
        for x in (SIDE_MARGIN, width - SIDE_MARGIN - label_width):
            canvas.setFillColor(black)
            canvas.rect(x, bottom, label_width, box_height, stroke=0, fill=1)
            canvas.setFillColor(white)
            canvas.drawCentredString(x + label_width / 2, height - TOP_MARKING, DEMO)
        canvas.setFillColor(black)
        canvas.setFont(BOLD, SMALL_SIZE)
        canvas.drawCentredString(width / 2, FOOTER_LINE, self.translate(CONTEXT, DEMO_NOTE))


def _furnished_canvas(furniture: PageFurniture, pagesize: tuple[float, float]) -> type[Canvas]:
    """A canvas class that holds every page back until the document is complete, then
    draws `furniture` on each one knowing the page count."""

    class _FurnishedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            # Keep the page; start the next as Canvas.showPage would, without writing it.
            self._held_pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]

        def save(self) -> None:
            pages = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                furniture.draw_over(self, number, pages, pagesize)
                super().showPage()
            furniture.pages = pages
            super().save()

    return _FurnishedCanvas


def build_pdf(
    out: Path | BinaryIO,
    story: Sequence[Flowable],
    furniture: PageFurniture,
    *,
    title: str,
    pagesize: tuple[float, float] = landscape(A4),
) -> int:
    """Lay out `story` on furnished pages and write the PDF to `out`; return the page
    count. `title` goes into the PDF's properties: never a person's name."""
    register_fonts()
    # Binary streams rather than ASCII85 text: smaller files, and ASCII85 encoding in pure
    # Python takes a tenth of the build. Process-wide, and every PDF here comes this way.
    rl_config.useA85 = 0
    width, height = pagesize
    document = BaseDocTemplate(
        str(out) if isinstance(out, Path) else out,
        pagesize=pagesize,
        leftMargin=SIDE_MARGIN,
        rightMargin=SIDE_MARGIN,
        topMargin=TOP_SPACE,
        bottomMargin=BOTTOM_SPACE,
        title=title,
        author="SEC Desktop",
        creator="SEC Desktop",
        subject=MARKING,
        pageCompression=1,
        # Else the canvas starts each page in Helvetica, a font not embedded.
        initialFontName=REGULAR,
    )
    body = Frame(
        SIDE_MARGIN,
        BOTTOM_SPACE,
        width - 2 * SIDE_MARGIN,
        height - TOP_SPACE - BOTTOM_SPACE,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    document.addPageTemplates([PageTemplate(id="furnished", frames=[body])])
    document.build(list(story), canvasmaker=_furnished_canvas(furniture, pagesize))
    return furniture.pages
