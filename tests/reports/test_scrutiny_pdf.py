"""The scrutiny panel briefing, printed: marked on every page, and nothing on paper that
would tell a panel member who a victim is (checked by value against every demo record)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from sec_desktop.domain.engagement_enums import Panel
from sec_desktop.reports import untranslated
from sec_desktop.reports.page_furniture import MARKING
from sec_desktop.reports.scrutiny_pdf import HANDLING, build_scrutiny_pdf, scrutiny_furniture
from sec_desktop.services.scrutiny_briefing import ScrutinyBriefing
from sec_desktop.services.scrutiny_briefing_records import Briefing
from tests.reports.test_roster_pdf import pieces_by_height
from tests.services.test_scrutiny_briefing import (
    DISCLOSED,
    DISCLOSED_QUOTE,
    HIDDEN_QUOTE,
    HIDDEN_SUMMARY,
    QUOTABLE,
    QUOTABLE_SUMMARY,
    WITHDRAWN_QUOTE,
    WITHDRAWN_SUMMARY,
    BriefingVault,
    briefing_vault,
    forbidden_values,
    leaks,
    twenty_case_briefing,
)

__all__ = ["briefing_vault"]  # the shared fixture, imported so pytest finds it here

PRODUCED = datetime(2026, 11, 25, 9, 30)


def pdf_of(briefing: Briefing) -> bytes:
    return build_scrutiny_pdf(briefing, scrutiny_furniture(briefing, PRODUCED, untranslated))


def pages_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def printed(briefing_vault: BriefingVault) -> dict[int, list[str]]:
    """Every meeting's briefing as the text of its pages."""
    maker = ScrutinyBriefing(briefing_vault.services)
    return {m.id: pages_of(pdf_of(maker.briefing(m.id))) for m in maker.meetings()}


def test_every_page_is_marked_top_and_bottom_with_handling_and_demo(
    printed: dict[int, list[str]],
) -> None:
    handling_start = " ".join(HANDLING.split()[:6])
    for pages in printed.values():
        for number, text in enumerate(pages, start=1):
            assert text.count(MARKING) == 2
            assert "DEMO" in text
            assert handling_start in flat(text)
            assert f"Page {number} of {len(pages)}" in text
            assert "Produced 25 November 2026 at 09:30" in text


def test_the_marking_is_at_the_top_and_the_bottom(briefing_vault: BriefingVault) -> None:
    briefing = twenty_case_briefing(briefing_vault)
    reader = PdfReader(io.BytesIO(pdf_of(briefing)))
    for page in reader.pages:
        height = float(page.mediabox.height)
        heights = [y for text, y in pieces_by_height(page) if text == MARKING]
        assert any(y > height - 40 for y in heights), "no marking at the top"
        assert any(y < 40 for y in heights), "no marking at the bottom"


def test_no_name_contact_code_reference_or_disclosure_on_any_page(
    briefing_vault: BriefingVault, printed: dict[int, list[str]]
) -> None:
    forbidden = forbidden_values(briefing_vault.vault)
    for meeting_id, pages in printed.items():
        text = "\n".join(pages)
        assert leaks(text, forbidden) == [], meeting_id
        assert re.search(r"S-\d{4}", text) is None
        assert re.search(r"[A-Z]{2}/\d{5,8}/\d{2}", text) is None


def test_quote_printed_only_where_quotable_and_the_summary_otherwise(
    briefing_vault: BriefingVault, printed: dict[int, list[str]]
) -> None:
    text = flat("\n".join(printed[briefing_vault.seeded.meeting_id]))
    assert f"\u201c{QUOTABLE}\u201d" in text
    assert HIDDEN_SUMMARY in text
    assert WITHDRAWN_SUMMARY in text
    for never in (HIDDEN_QUOTE, WITHDRAWN_QUOTE, DISCLOSED, DISCLOSED_QUOTE, QUOTABLE_SUMMARY):
        assert never not in text


def test_cover_has_panel_date_cases_and_fingerprint(
    briefing_vault: BriefingVault, printed: dict[int, list[str]]
) -> None:
    maker = ScrutinyBriefing(briefing_vault.services)
    briefing = maker.briefing(briefing_vault.seeded.meeting_id)
    cover = flat(printed[briefing.meeting_id][0])
    assert "RASSO scrutiny panel briefing" in cover
    assert "Meeting: 10 November 2026" in cover
    assert f"Cases to review: {briefing.case_count}" in cover
    assert f"Audit fingerprint: {briefing.fingerprint}" in cover
    for case in briefing.cases:
        assert f"Case {case.letter}" in cover


def test_each_case_starts_its_own_page_then_questions_and_actions(
    briefing_vault: BriefingVault, printed: dict[int, list[str]]
) -> None:
    briefing = ScrutinyBriefing(briefing_vault.services).briefing(briefing_vault.seeded.meeting_id)
    pages = printed[briefing.meeting_id]
    starts = [
        number
        for number, text in enumerate(pages)
        for case in briefing.cases
        if flat(text).startswith(f"Case {case.letter} Offence type")
    ]
    assert len(starts) == briefing.case_count == len(set(starts))
    rest = flat("\n".join(pages[starts[-1] :]))
    assert "Questions for the panel" in rest
    assert "Actions from earlier RASSO panels" in rest
    for action in briefing.earlier_actions:
        assert flat(action.title) in rest


def test_a_twenty_case_briefing_prints(briefing_vault: BriefingVault) -> None:
    briefing = twenty_case_briefing(briefing_vault)
    pages = pages_of(pdf_of(briefing))
    assert len(pages) >= 21
    text = flat("\n".join(pages))
    assert "Cases to review: 20" in text
    assert "Case T" in text
    assert leaks(text, forbidden_values(briefing_vault.vault)) == []


def test_an_empty_meeting_of_a_real_vault_prints_without_demo_marks() -> None:
    briefing = Briefing(
        meeting_id=1,
        panel=Panel.DA,
        held_on=date(2026, 12, 2),
        cases=(),
        earlier_actions=(),
        fingerprint="0123 4567 89ab",
        demo=False,
    )
    pages = pages_of(pdf_of(briefing))
    text = flat("\n".join(pages))
    assert "DA scrutiny panel briefing" in text
    assert "Cases to review: 0" in text
    assert "No cases are listed for this meeting yet." in text
    assert "No questions are recorded." in text
    assert "No actions were raised at earlier panels of this kind." in text
    assert "DEMO" not in text.upper()
    assert all(page.count(MARKING) == 2 for page in pages)
