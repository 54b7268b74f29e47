"""Feedback counted by theme and journey stage: each cell, totals that count an item once,
period edges included, items with no theme or stage, retired terms shown only when used,
the sentiment split, disclosures left out of counts and drill-downs (their text never
present), and the message for a period that ends before it starts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import update

from sec_desktop.domain.engagement import TaxonomyTerm
from sec_desktop.domain.engagement_enums import FeedbackSource, Sentiment
from sec_desktop.domain.feedback import Disclosure, FeedbackItem, FeedbackTerm
from sec_desktop.services.errors import ValidationFailed
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.themes import UNCODED
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.feedback_data import SECRET, STAMP, Seeded, seed
from tests.records import TODAY

COURT = "Court (plea, trial, verdict, sentence)"
FIRST = "First response and attendance"
BELIEVED = "Being believed"
DELAYS = "Time and delays"
SAFETY = "Safety and safeguarding"
HOUSING = "Housing and money"  # retired, with an item
CHILDREN = "Children and family"  # retired, no items
START, END = date(2026, 1, 1), date(2026, 3, 31)
BEFORE, AFTER = date(2025, 12, 31), date(2026, 4, 1)


@dataclass(frozen=True)
class Coded:
    seeded: Seeded
    ids: dict[str, int]

    def theme(self, name: str) -> int:
        return self.seeded.themes[name]

    def stage(self, name: str) -> int:
        return self.seeded.stages[name]


# name: (received on, themes, stages, sentiment, source, disclosure)
_ITEMS: dict[str, tuple[date, tuple[str, ...], tuple[str, ...], Sentiment | None, str, bool]] = {
    "two themes": (date(2026, 1, 10), (BELIEVED, DELAYS), (COURT,), Sentiment.POSITIVE, "p", False),
    "first day": (START, (BELIEVED,), (COURT, FIRST), Sentiment.NEGATIVE, "a", False),
    "last day": (END, (), (COURT,), Sentiment.MIXED, "partner", False),
    "no stage": (date(2026, 2, 1), (DELAYS,), (), None, "p", False),
    "retired": (date(2026, 2, 15), (HOUSING,), (COURT,), Sentiment.POSITIVE, "p", False),
    "day before": (BEFORE, (BELIEVED,), (COURT,), Sentiment.POSITIVE, "p", False),
    "day after": (AFTER, (BELIEVED,), (COURT,), Sentiment.POSITIVE, "p", False),
    "disclosure": (date(2026, 2, 10), (BELIEVED,), (COURT,), Sentiment.NEGATIVE, "p", True),
    "old disclosure": (date(2025, 12, 1), (BELIEVED,), (COURT,), Sentiment.NEGATIVE, "p", True),
    "recent": (TODAY - timedelta(days=10), (SAFETY,), (COURT,), Sentiment.POSITIVE, "a", False),
}
COUNTED = {"two themes", "first day", "last day", "no stage", "retired"}


def summary_of(name: str) -> str:
    return f"{SECRET} ({name})" if _ITEMS[name][5] else f"Synthetic summary: {name}"


def _item(seeded: Seeded, name: str) -> FeedbackItem:
    day, themes, stages, sentiment, source, _disclosure = _ITEMS[name]
    item = FeedbackItem(
        received_on=day,
        source={
            "p": FeedbackSource.PARTICIPANT,
            "a": FeedbackSource.ANONYMOUS,
            "partner": FeedbackSource.PARTNER,
        }[source],
        participant_id=seeded.quoted if source == "p" else None,
        partner_id=seeded.partner if source == "partner" else None,
        summary=summary_of(name),
        quote=SECRET if _disclosure else "",
        sentiment=sentiment,
        created_at=STAMP,
        updated_at=STAMP,
    )
    terms = [seeded.themes[t] for t in themes] + [seeded.stages[s] for s in stages]
    item.terms = [FeedbackTerm(term_id=t) for t in terms]
    if _disclosure:
        flagged = datetime.combine(day, datetime.min.time())
        item.disclosure = Disclosure(flagged_at=flagged, deadline_at=flagged + timedelta(days=1))
    return item


def write_coded(vault: Vault) -> Coded:
    """The items above, and two themes retired (one with an item, one without)."""
    seeded = seed(vault)
    with vault.writing(AuditEvent.ENGAGEMENT_RECORDED, "test data") as session:
        items = {name: _item(seeded, name) for name in _ITEMS}
        session.add_all(items.values())
        session.execute(
            update(TaxonomyTerm)
            .where(TaxonomyTerm.id.in_([seeded.themes[HOUSING], seeded.themes[CHILDREN]]))
            .values(retired=True)
        )
        session.flush()
        ids = {name: item.id for name, item in items.items()}
    return Coded(seeded, ids)


@pytest.fixture
def coded(records_vault: Vault) -> Coded:
    return write_coded(records_vault)


def test_each_cell_counts_the_items_coded_with_both(services: RecordServices, coded: Coded) -> None:
    counts = services.themes.counts(START, END)
    believed, delays, housing = coded.theme(BELIEVED), coded.theme(DELAYS), coded.theme(HOUSING)
    court, first = coded.stage(COURT), coded.stage(FIRST)
    assert dict(counts.cells) == {
        (believed, court): 2,
        (believed, first): 1,
        (delays, court): 1,
        (delays, UNCODED): 1,
        (UNCODED, court): 1,
        (housing, court): 1,
    }
    assert counts.cell(believed, court) == 2
    assert counts.cell(coded.theme(SAFETY), court) == 0  # outside the period


def test_totals_count_each_item_once_however_many_themes_or_stages(
    services: RecordServices, coded: Coded
) -> None:
    counts = services.themes.counts(START, END)
    assert counts.total == len(COUNTED) == 5
    # "two themes" is in both themes' totals, "first day" in both stages' totals...
    assert counts.theme_total(coded.theme(BELIEVED)) == 2
    assert counts.theme_total(coded.theme(DELAYS)) == 2
    assert counts.stage_total(coded.stage(FIRST)) == 1
    # ...but once in a stage's total, though it has two themes.
    assert counts.stage_total(coded.stage(COURT)) == 4
    assert sum(counts.theme_totals.values()) == 6


def test_the_first_and_last_days_are_counted_and_no_day_beyond(
    services: RecordServices, coded: Coded
) -> None:
    assert services.themes.counts(START, START).total == 1
    assert services.themes.counts(END, END).total == 1
    assert services.themes.counts(BEFORE, BEFORE).total == 1  # "day before", alone
    wider = services.themes.counts(BEFORE, AFTER)
    assert wider.total == len(COUNTED) + 2


def test_items_with_no_theme_or_no_stage_count_as_uncoded(
    services: RecordServices, coded: Coded
) -> None:
    counts = services.themes.counts(START, END)
    assert counts.theme_total(UNCODED) == 1
    assert counts.stage_total(UNCODED) == 1
    themes = services.themes
    assert [r.id for r in themes.items(START, END, theme_id=UNCODED)] == [coded.ids["last day"]]
    assert [r.id for r in themes.items(START, END, stage_id=UNCODED)] == [coded.ids["no stage"]]


def test_retired_terms_are_shown_only_while_they_have_items(
    services: RecordServices, coded: Coded
) -> None:
    counts = services.themes.counts(START, END)
    shown = {t.name: t for t in counts.themes}
    assert shown[HOUSING].retired
    assert CHILDREN not in shown
    assert BELIEVED in shown and SAFETY in shown  # current terms, with or without items
    # In a period without its item, the retired theme is not shown.
    later = services.themes.counts(END + timedelta(days=1), TODAY)
    assert HOUSING not in {t.name for t in later.themes}


def test_the_sentiment_split_per_theme(services: RecordServices, coded: Coded) -> None:
    counts = services.themes.counts(START, END)
    assert dict(counts.sentiments[coded.theme(BELIEVED)]) == {
        Sentiment.POSITIVE: 1,
        Sentiment.NEGATIVE: 1,
    }
    assert counts.sentiment(coded.theme(DELAYS), None) == 1  # not recorded
    assert counts.sentiment(coded.theme(DELAYS), Sentiment.POSITIVE) == 1
    assert counts.sentiment(UNCODED, Sentiment.MIXED) == 1
    assert counts.sentiment(coded.theme(BELIEVED), Sentiment.MIXED) == 0


def test_disclosures_are_left_out_of_counts_and_items_and_only_counted(
    services: RecordServices, coded: Coded
) -> None:
    counts = services.themes.counts(START, END)
    assert counts.disclosures_left_out == 1  # the older one is outside the period
    assert services.themes.counts(date(2025, 1, 1), END).disclosures_left_out == 2
    rows = services.themes.items(date(2025, 1, 1), TODAY)
    ids = {r.id for r in rows}
    assert coded.ids["disclosure"] not in ids and coded.ids["old disclosure"] not in ids
    assert ids == {coded.ids[n] for n in _ITEMS if not _ITEMS[n][5]}
    assert not any(SECRET in repr(row) for row in rows)
    assert SECRET not in repr(counts)


def test_the_items_behind_a_cell_newest_first(services: RecordServices, coded: Coded) -> None:
    rows = services.themes.items(
        START, END, theme_id=coded.theme(BELIEVED), stage_id=coded.stage(COURT)
    )
    assert [r.id for r in rows] == [coded.ids["two themes"], coded.ids["first day"]]
    assert rows[0].summary == summary_of("two themes")
    assert rows[0].participant_code == "S-0001"
    everything = services.themes.items(START, END)
    assert {r.id for r in everything} == {coded.ids[n] for n in COUNTED}


def test_a_period_that_ends_before_it_starts_is_refused_with_a_message(
    services: RecordServices, coded: Coded
) -> None:
    for ask in (
        lambda: services.themes.counts(END, START),
        lambda: services.themes.items(END, START),
    ):
        with pytest.raises(ValidationFailed) as refused:
            ask()
        error = refused.value.for_field("end")
        assert error is not None
        assert error.english() == "The period ends before it starts: choose a later end date."
