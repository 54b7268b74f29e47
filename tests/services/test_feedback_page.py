"""`FeedbackService.page`: the newest items of a period that match the quick filter's words,
found in SQL. The same rows, in the same order, as `rows()`; the same matches as the
Python filter (`haystacks_of`/`matching`, case-folded); the total of all that match; and a
disclosure's words never found."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sec_desktop.domain.engagement_enums import FeedbackSource, Sentiment
from sec_desktop.services.disclosures import AtRisk, MinimumFacts
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.feedback_model import haystacks_of, matching
from sec_desktop.vault.vault import Vault
from tests.feedback_data import SECRET, Seeded, seed
from tests.records import TODAY

BELIEVED = "Being believed"
DELAYS = "Time and delays"
YEAR = (TODAY - timedelta(days=365), TODAY)


@pytest.fixture
def seeded(records_vault: Vault) -> Seeded:
    return seed(records_vault)


def add(services: RecordServices, seeded: Seeded, days_ago: int, summary: str, **kw: object) -> int:
    values: dict[str, object] = {
        "source": FeedbackSource.PARTICIPANT,
        "participant_id": seeded.quoted,
        "summary": summary,
        "sentiment": Sentiment.NEGATIVE,
        "theme_ids": (seeded.themes[DELAYS],),
        **kw,
    }
    return services.feedback.add(FeedbackDraft(TODAY - timedelta(days=days_ago), **values))  # type: ignore[arg-type]


@pytest.fixture
def items(services: RecordServices, seeded: Seeded) -> dict[str, int]:
    anonymous = {"source": FeedbackSource.ANONYMOUS, "participant_id": None}
    partner = {"source": FeedbackSource.PARTNER, "participant_id": None}
    found = {
        "recent": add(services, seeded, 1, "Waited weeks for an UPDATE", quote="50% of it"),
        "same_day": add(services, seeded, 1, "The officer believed me", **anonymous),
        "german": add(services, seeded, 20, "Die Straße war dunkel", **anonymous),
        "french": add(services, seeded, 30, "ÉCOLE fermée", **anonymous),
        "partner": add(
            services, seeded, 40, "Calls not returned", partner_id=seeded.partner, **partner
        ),
        "believed": add(
            services, seeded, 50, "Nothing to say", theme_ids=(seeded.themes[BELIEVED],)
        ),
        "old": add(services, seeded, 400, "Old item about an update"),
        "flagged": add(
            services, seeded, 2, SECRET, quote="whispered words", participant_id=seeded.no_consent
        ),
    }
    services.disclosures.flag(found["flagged"], MinimumFacts("Assault", "Then", "There", AtRisk.NO))
    return found


def ids(
    services: RecordServices, *words: str, limit: int = 100, start: date | None = YEAR[0]
) -> list[int]:
    page = services.feedback.page(start=start, end=TODAY, words=words, limit=limit)
    return [row.id for row in page.rows]


def test_the_page_is_the_newest_rows_as_rows_gives_them(
    services: RecordServices, items: dict[str, int]
) -> None:
    every = services.feedback.rows(start=YEAR[0], end=TODAY)
    page = services.feedback.page(start=YEAR[0], end=TODAY, words=(), limit=100)
    assert page.rows == tuple(every) and page.total == len(every) == 7
    assert not page.capped
    newest = services.feedback.page(start=YEAR[0], end=TODAY, words=[], limit=3)
    assert newest.rows == tuple(every[:3]) and newest.total == 7 and newest.capped
    # The same day: the latest recorded first.
    assert [r.id for r in every[:3]] == [items["same_day"], items["recent"], items["flagged"]]
    nothing = services.feedback.page(start=YEAR[0], end=TODAY, words=[], limit=0)
    assert nothing.rows == () and nothing.total == 7


def test_words_are_found_as_the_quick_filter_finds_them(
    services: RecordServices, items: dict[str, int], seeded: Seeded
) -> None:
    assert ids(services, "update") == [items["recent"]]  # the old one is out of the period
    assert ids(services, "update", start=None) == [items["recent"], items["old"]]
    assert ids(services, "BELIEVED") == [items["same_day"], items["believed"]]  # words, theme
    assert ids(services, "s-0001", "weeks") == [items["recent"]]  # a code and a summary word
    assert ids(services, "s-0001", "believed") == [items["believed"]]  # a code and a theme
    assert ids(services, "idva", "calls") == [items["partner"]]  # a partner's name
    assert ids(services, "50%") == [items["recent"]]  # in the quote; % is a plain character
    assert ids(services, "5_%") == [] and ids(services, "%") == [items["recent"]]
    # Case folding beyond ASCII, as Python's casefold: ß is ss, É is é.
    assert ids(services, "STRASSE") == [items["german"]]
    assert ids(services, "école", "FERMÉE") == [items["french"]]
    assert ids(services, "nowhere") == []


def test_the_page_matches_the_python_filter_over_the_same_rows(
    services: RecordServices, items: dict[str, int]
) -> None:
    every = services.feedback.rows(start=None, end=None)
    hay = haystacks_of(every)
    for words in ("update", "s-0001", "delays", "time and delays", "straße", "e", "whispered"):
        split = words.casefold().split()
        expected = [r.id for r in matching(every, hay, split)]
        page = services.feedback.page(start=None, end=None, words=split, limit=100)
        assert [r.id for r in page.rows] == expected and page.total == len(expected)


def test_a_disclosure_is_never_found_by_its_words(
    services: RecordServices, items: dict[str, int], seeded: Seeded
) -> None:
    for words in (("quokka-lighthouse",), ("whispered",), ("7731", "S-0004")):
        page = services.feedback.page(start=None, end=None, words=words, limit=100)
        assert page.rows == () and page.total == 0
    by_code = services.feedback.page(start=None, end=None, words=["S-0004"], limit=100)
    assert [r.id for r in by_code.rows] == [items["flagged"]] and by_code.total == 1
    assert by_code.rows[0].summary == by_code.rows[0].quote == ""
    assert by_code.rows[0].disclosure


def test_the_total_counts_every_match_of_the_period_beyond_the_limit(
    services: RecordServices, items: dict[str, int]
) -> None:
    page = services.feedback.page(start=YEAR[0], end=TODAY, words=["e"], limit=2)
    assert len(page.rows) == 2 and page.capped
    assert page.total == len(ids(services, "e"))
    assert [r.id for r in page.rows] == ids(services, "e")[:2]
    window = services.feedback.page(
        start=TODAY - timedelta(days=35), end=TODAY - timedelta(days=10), words=["e"], limit=9
    )
    assert [r.id for r in window.rows] == [items["german"], items["french"]]
