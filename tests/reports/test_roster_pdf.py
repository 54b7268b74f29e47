"""The roster printout: furniture on every page, every character of a name, the fonts
embedded, the header on every page, and nothing printed that must not be."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from pypdf import PageObject, PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth

from sec_desktop.domain.enums import (
    CommunicationNeed,
    ContactChannel,
    Group,
    Language,
    ParticipantStatus,
    ReferralRoute,
    Weekday,
)
from sec_desktop.reports.fonts import (
    BOLD,
    FONT_FILES,
    REGULAR,
    FontsMissing,
    font_files,
    fonts_dir,
    register_fonts,
)
from sec_desktop.reports.page_furniture import MARKING, SIDE_MARGIN, long_date, short_date
from sec_desktop.reports.paged_table import wrap
from sec_desktop.reports.roster_pdf import HEADERS, WIDTHS, RosterLine, build_roster_pdf
from sec_desktop.services.participant_records import RosterRow, SafeContactRules

PRODUCED = datetime(2026, 11, 25, 14, 5)
HANDLING_START = "For the Survivor Engagement Coordinator only."
WELSH_NAMES = ["Gwenllian Ŵyn", "Rhŷs Llŷr", "Siân Pâr", "Emrys Gwên", "Dafydd Prîs", "Iolo Môn"]
# Typographic quotes: \u2018 \u2019 (single), \u201c \u201d (double).
QUOTED_NAMES = [
    "Mairéad O\u2019Brien",
    "Tomos \u201cTom\u201d Huws",
    "Ffion \u2018Ffi\u2019 Prys",
    "Ifan Cûn",
]
PHONE = "07700 900123"
CODE_WORD = "bluebird"


def row(number: int, name: str, **changes: object) -> RosterRow:
    values: dict[str, object] = {
        "id": number,
        "code": f"S-{number:04d}",
        "name": name,
        "pronouns": "she/her",
        "status": ParticipantStatus.ACTIVE,
        "language": Language.ENGLISH,
        "groups": frozenset({Group.NETWORK}),
        "needs": frozenset({CommunicationNeed.LARGE_PRINT}),
        "next_review": date(2027, 1, 15),
        "referral_route": ReferralRoute.IDVA,
        "referred_on": None,
        "search_text": name.casefold(),
    }
    values.update(changes)
    return RosterRow(**values)  # type: ignore[arg-type]


PHONE_RULES = SafeContactRules(
    channels=frozenset({ContactChannel.PHONE, ContactChannel.TEXT}),
    phone=PHONE,
    email="someone@example.org",
    code_word=CODE_WORD,
    safe_days=frozenset({Weekday.TUESDAY, Weekday.MONDAY}),
    safe_from=time(10, 0),
    safe_until=time(12, 30),
    voicemail_allowed=False,
    may_say_police=True,
)


def lines_of(names: Sequence[str]) -> list[RosterLine]:
    return [
        RosterLine(row(number, name), contact=PHONE_RULES)
        for number, name in enumerate(names, start=1)
    ]


def build(lines: Sequence[RosterLine], *, demo: bool = False, **options: object) -> PdfReader:
    out = io.BytesIO()
    pages = build_roster_pdf(
        lines,
        out,
        produced=PRODUCED,
        demo=demo,
        filter_description=str(options.pop("filter_description", "Everyone")),
        **options,  # type: ignore[arg-type]
    )
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert len(reader.pages) == pages
    return reader


def pieces_by_height(page: PageObject) -> list[tuple[str, float]]:
    """Each piece of text on the page with its height from the bottom of the page."""
    pieces: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            pieces.append((text.strip(), cm[5] + cm[3] * tm[5]))

    page.extract_text(visitor_text=visit)
    return pieces


@pytest.fixture(scope="module")
def long_roster() -> PdfReader:
    return build(lines_of([f"Person {n}" for n in range(1, 501)]), demo=True)


def test_five_hundred_rows_make_several_pages_with_every_row_once(long_roster: PdfReader) -> None:
    assert len(long_roster.pages) > 5
    text = "\n".join(page.extract_text() for page in long_roster.pages)
    for number in range(1, 501):
        assert text.count(f"S-{number:04d}") == 1
    assert "S-0001" in long_roster.pages[0].extract_text()
    assert "S-0500" in long_roster.pages[-1].extract_text()


def test_every_page_has_the_marking_at_top_and_bottom(long_roster: PdfReader) -> None:
    for page in long_roster.pages:
        height = float(page.mediabox.height)
        heights = [y for text, y in pieces_by_height(page) if text == MARKING]
        assert any(y > height - 40 for y in heights), "no marking at the top"
        assert any(y < 40 for y in heights), "no marking at the bottom"


def test_every_page_has_the_handling_line_and_date_at_the_edges(long_roster: PdfReader) -> None:
    produced = f"Produced {long_date(PRODUCED.date())} at 14:05"
    assert produced == "Produced 25 November 2026 at 14:05"
    for page in long_roster.pages:
        height = float(page.mediabox.height)
        pieces = pieces_by_height(page)
        assert any(t.startswith(HANDLING_START) and y > height - 60 for t, y in pieces)
        assert any(t == produced and y < 60 for t, y in pieces)


def test_pages_are_numbered_x_of_y(long_roster: PdfReader) -> None:
    total = len(long_roster.pages)
    for number, page in enumerate(long_roster.pages, start=1):
        numbers = [t for t, _ in pieces_by_height(page) if t.startswith("Page ")]
        assert numbers == [f"Page {number} of {total}"]


def test_the_header_row_is_repeated_on_every_page(long_roster: PdfReader) -> None:
    # pypdf reads a line of the table as one piece, its cells joined by spaces.
    for page in long_roster.pages:
        pieces = pieces_by_height(page)
        headers = [y for text, y in pieces if text.startswith("Code Name Pronouns Status")]
        assert len(headers) == 1
        first_row = max(y for text, y in pieces if text.startswith("S-0"))
        assert headers[0] > first_row  # above the rows


def test_a_demo_printout_says_demo_on_every_page(long_roster: PdfReader) -> None:
    for page in long_roster.pages:
        text = page.extract_text()
        assert "DEMO" in text
        assert "Demo vault: synthetic data, not real people" in text


def test_a_real_printout_never_says_demo() -> None:
    reader = build(lines_of([f"Person {n}" for n in range(1, 80)]), demo=False)
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert "DEMO" not in page.extract_text().upper()


def test_welsh_letters_and_typographic_quotes_survive() -> None:
    names = WELSH_NAMES + QUOTED_NAMES
    search = "Search: \u201cSiân\u201d \u2018ŵ\u2019"
    reader = build(lines_of(names), filter_description=search)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for name in names:
        assert name in text
    assert f"Filter: {search}" in text
    for face in (REGULAR, BOLD):  # drawn with a real glyph, not the empty box
        font: Any = pdfmetrics.getFont(face)
        glyphs = font.face.charToGlyph
        assert all(ord(letter) in glyphs for letter in "".join(names))
    for letter in "ŵŷâêîôûŴ\u201c\u201d\u2018\u2019":  # each in a name above
        assert letter in text


def test_the_fonts_are_embedded_and_no_other_font_is_used() -> None:
    reader = build(lines_of(WELSH_NAMES), demo=True)
    for page in reader.pages:
        resources: Any = page["/Resources"]
        fonts = [f.get_object() for f in resources["/Font"].values()]
        assert {str(f["/BaseFont"]).split("+")[-1] for f in fonts} == {
            "DejaVuSans",
            "DejaVuSans-Bold",
            "DejaVuSans-Oblique",
        }
        for font in fonts:
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # the TrueType program itself, in the file
            assert "/ToUnicode" in font  # so text can be searched and read aloud


def test_contact_numbers_and_code_words_are_never_printed() -> None:
    reader = build(lines_of(["Alex Example"]))
    text = reader.pages[0].extract_text()
    assert "Phone, Text" in text
    assert "Voicemail: no · May say police: yes" in text
    assert "Mon, Tue 10:00\u201312:30" in text
    for secret in (PHONE, "07700", "someone@example.org", CODE_WORD):
        assert secret not in text


def test_no_rules_recorded_says_do_not_contact() -> None:
    line = RosterLine(row(1, "Alex Example"), contact=SafeContactRules())
    text = " ".join(build([line]).pages[0].extract_text().split())
    assert "Not recorded: do not make contact." in text


def test_columns_show_language_groups_needs_and_overdue_reviews() -> None:
    line = RosterLine(
        row(
            1,
            "Alex Example",
            pronouns="they/them",
            status=ParticipantStatus.PAUSED,
            language=Language.OTHER,
            groups=frozenset({Group.REFERENCE_GROUP, Group.NETWORK}),
            needs=frozenset({CommunicationNeed.BSL, CommunicationNeed.EASY_READ}),
            next_review=date(2026, 11, 1),
        ),
        language_other="Polski",
        contact=PHONE_RULES,
    )
    text = build([line], today=date(2026, 11, 25)).pages[0].extract_text()
    for shown in (
        "they/them",
        "Paused",
        "Polski",
        "Survivor Network",
        "BSL interpreter",
        "Easy read",
        "1 Nov 2026\noverdue",
    ):
        assert shown in text
    # The enum's order, not the set's.
    assert text.index("Survivor Network") < text.index("Victim Reference")


def test_markup_in_text_is_printed_as_typed() -> None:
    reader = build(lines_of(["A <b>bold</b> & co"]), filter_description="<i>x</i> & y")
    text = reader.pages[0].extract_text()
    assert "A <b>bold</b> & co" in text
    assert "Filter: <i>x</i> & y" in text


def test_an_empty_list_still_makes_a_marked_page() -> None:
    reader = build([])
    text = reader.pages[0].extract_text()
    assert "Nobody is on this list." in text
    assert MARKING in text
    assert "Page 1 of 1" in text


def test_dates_read_plainly() -> None:
    assert long_date(date(2026, 5, 3)) == "3 May 2026"
    assert short_date(date(2026, 9, 30)) == "30 Sep 2026"


def test_columns_fill_landscape_a4_inside_the_margins() -> None:
    assert len(WIDTHS) == len(HEADERS)
    assert sum(WIDTHS) == pytest.approx(841.89 - 2 * SIDE_MARGIN, abs=3)


def test_wrap_breaks_at_spaces_then_hyphens_and_never_overflows() -> None:
    register_fonts()
    assert wrap("Victim Reference Group", 90) == ["Victim Reference", "Group"]
    assert wrap("Williamson-Montgomery-Smythe", 66) == ["Williamson-", "Montgomery-", "Smythe"]
    assert wrap("Williamson-Montgomery-Smythe", 100) == ["Williamson-", "Montgomery-Smythe"]
    long_word = "x" * 80
    pieces = wrap(long_word, 60)
    assert "".join(pieces) == long_word
    assert len(pieces) > 1
    assert all(stringWidth(piece, REGULAR, 9) <= 60 for piece in pieces)
    assert wrap("", 50) == []


def test_missing_fonts_are_named_in_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "DejaVuSans.ttf").write_bytes(b"")
    with pytest.raises(FontsMissing, match=r"DejaVuSans-Bold\.ttf") as raised:
        font_files(tmp_path)
    assert "Reinstall SEC Desktop" in str(raised.value)
    assert set(font_files(fonts_dir())) == set(FONT_FILES)


def test_the_shipped_fonts_come_with_their_licence() -> None:
    licence = (fonts_dir() / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera Fonts Copyright" in licence
    assert "Arev Fonts Copyright" in licence


def test_importing_the_print_service_and_dialog_does_not_load_reportlab() -> None:
    script = (
        "import sys\n"
        "import sec_desktop.services.roster_print, sec_desktop.ui.roster_print_dialog\n"
        "print(sorted(m for m in sys.modules if m.startswith(('reportlab', 'PySide6.QtPdf'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_runs_of_three_safe_days_or_more_are_spans() -> None:
    def shown(days: frozenset[Weekday]) -> str:
        rules = SafeContactRules(
            channels=frozenset({ContactChannel.EMAIL}), safe_days=days, safe_until=time(17, 0)
        )
        text = build([RosterLine(row(1, "Alex Example"), contact=rules)]).pages[0].extract_text()
        return next(line for line in text.splitlines() if line.endswith("until 17:00"))

    every = frozenset(Weekday)
    assert shown(every - {Weekday.SATURDAY, Weekday.SUNDAY}) == "Mon\u2013Fri until 17:00"
    assert shown(every - {Weekday.WEDNESDAY, Weekday.SATURDAY}) == (
        "Mon, Tue, Thu, Fri, Sun until 17:00"
    )
    assert shown(every) == "Mon\u2013Sun until 17:00"


def test_welsh_is_named_short_enough_for_one_line() -> None:
    line = RosterLine(row(1, "Alex Example", language=Language.WELSH), contact=PHONE_RULES)
    # One line of the table: the language did not wrap.
    assert "S-0001 Alex Example she/her Active Welsh Survivor Network" in (
        build([line]).pages[0].extract_text()
    )
