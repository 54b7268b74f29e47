"""Full-text search: every kind of record is found and opens the right thing, ranking,
the index following edits and deletes, disclosures listed with no text, prefixes, and
odd input that never raises."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

import pytest
from sqlalchemy import update

from sec_desktop.domain.engagement import CaseTimelineEntry, Engagement, ScrutinyCase
from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource, Panel
from sec_desktop.services.disclosures import AtRisk, MinimumFacts
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.search import (
    MARK_END,
    MARK_START,
    OPENS_CASE,
    OPENS_ENGAGEMENT,
    OPENS_FEEDBACK,
    SearchHit,
)
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.feedback_data import SECRET, STAMP, Seeded, seed
from tests.records import TODAY


@dataclass(frozen=True)
class Searchable:
    seeded: Seeded
    meeting: int
    case: int
    entry: int


def write_searchable(vault: Vault) -> Searchable:
    """The feedback test data, with engagement notes, a scrutiny case and its timeline
    holding words found nowhere else."""
    seeded = seed(vault)
    with vault.writing(AuditEvent.ENGAGEMENT_RECORDED, "test data") as session:
        session.execute(
            update(Engagement)
            .where(Engagement.id == seeded.focus_group)
            .values(notes="The marmoset exercise went well; people asked about court dates.")
        )
        meeting = Engagement(
            kind=EngagementKind.SCRUTINY_PANEL,
            title="DA panel",
            held_on=TODAY - timedelta(days=10),
            panel=Panel.DA,
            created_at=STAMP,
            updated_at=STAMP,
        )
        case = ScrutinyCase(
            crime_reference="GW/12345/26",
            offence_type="Coercive control",
            questions="Why was the pelican statement taken so late?",
        )
        case.timeline.append(
            CaseTimelineEntry(on=TODAY - timedelta(days=40), note="Wombat interview moved.")
        )
        meeting.cases.append(case)
        session.add(meeting)
        session.flush()
        return Searchable(seeded, meeting.id, case.id, case.timeline[0].id)


def said(seeded: Seeded, summary: str, **changes: object) -> FeedbackDraft:
    draft = FeedbackDraft(
        received_on=TODAY,
        source=FeedbackSource.PARTICIPANT,
        participant_id=seeded.quoted,
        summary=summary,
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


@pytest.fixture
def data(records_vault: Vault) -> Searchable:
    return write_searchable(records_vault)


def found(services: RecordServices, typed: str) -> list[tuple[str, int]]:
    return [(hit.kind, hit.record_id) for hit in services.search.search(typed).hits]


def marked(hit: SearchHit) -> list[str]:
    """The words a snippet marks as matched."""
    return [part.split(MARK_END)[0] for part in hit.snippet.split(MARK_START)[1:]]


# --- each kind of record --------------------------------------------------------------------


def test_each_kind_of_record_is_found_and_opens_its_record(
    services: RecordServices, data: Searchable
) -> None:
    item = services.feedback.add(said(data.seeded, "The capybara officer listened."))

    assert found(services, "capybara") == [(OPENS_FEEDBACK, item)]
    assert found(services, "marmoset") == [(OPENS_ENGAGEMENT, data.seeded.focus_group)]
    assert found(services, "pelican") == [(OPENS_CASE, data.case)]
    # A timeline entry opens the case it belongs to.
    assert found(services, "wombat") == [(OPENS_CASE, data.case)]
    assert found(services, "GW/12345/26") == [(OPENS_CASE, data.case)]


def test_hits_carry_a_title_in_pseudonyms_a_date_and_a_marked_snippet(
    services: RecordServices, data: Searchable
) -> None:
    services.feedback.add(said(data.seeded, "The capybara officer listened."))
    services.feedback.add(
        said(
            data.seeded,
            "A capybara again.",
            source=FeedbackSource.ANONYMOUS,
            participant_id=None,
            received_on=TODAY - timedelta(days=1),
        )
    )

    hits = {hit.title: hit for hit in services.search.search("capybara").hits}
    assert set(hits) == {"Feedback from S-0001", "Feedback from an anonymous survivor"}
    named = hits["Feedback from S-0001"]
    assert named.on == TODAY
    assert marked(named) == ["capybara"]
    assert named.snippet.replace(MARK_START, "").replace(MARK_END, "") == (
        "The capybara officer listened."
    )
    for hit in services.search.search("marmoset").hits + services.search.search("wombat").hits:
        assert "Synthetic Person" not in hit.title
    (case,) = services.search.search("pelican").hits
    assert case.title == "DA panel case GW/12345/26"
    (entry,) = services.search.search("wombat").hits
    assert entry.title == "DA panel case GW/12345/26: timeline"
    assert entry.on == TODAY - timedelta(days=40)
    (group,) = services.search.search("marmoset").hits
    assert group.title == "Focus group: Courts focus group"


# --- ranking --------------------------------------------------------------------------------


def test_more_of_the_words_in_less_text_ranks_first(
    services: RecordServices, data: Searchable
) -> None:
    passing = services.feedback.add(
        said(
            data.seeded,
            "A long account of many things: the waiting room, the parking, the leaflets, "
            "the forms, the coffee, the signs, and once, briefly, the armadillo.",
        )
    )
    central = services.feedback.add(said(data.seeded, "Armadillo. The armadillo case."))
    middle = services.feedback.add(said(data.seeded, "The armadillo officer rang back."))

    assert [i for _, i in found(services, "armadillo")] == [central, middle, passing]


def test_equal_matches_list_the_newer_record_first(
    services: RecordServices, data: Searchable
) -> None:
    first = services.feedback.add(said(data.seeded, "Ocelot"))
    second = services.feedback.add(said(data.seeded, "Ocelot"))
    third = services.feedback.add(said(data.seeded, "Ocelot"))

    assert [i for _, i in found(services, "ocelot")] == [third, second, first]


def test_the_limit_shows_the_best_and_the_total_counts_every_match(
    services: RecordServices, data: Searchable
) -> None:
    ids = [services.feedback.add(said(data.seeded, f"Tapir number {n}")) for n in range(4)]

    results = services.search.search("tapir", limit=2)
    assert results.total == 4
    assert len(results.hits) == 2
    assert {hit.record_id for hit in results.hits} <= set(ids)
    assert not results.newest_only


# --- the index follows the records ----------------------------------------------------------


def test_the_index_follows_edits_and_deletes(services: RecordServices, data: Searchable) -> None:
    item = services.feedback.add(said(data.seeded, "The gecko stayed."))
    assert found(services, "gecko") == [(OPENS_FEEDBACK, item)]

    services.feedback.update(item, said(data.seeded, "The iguana stayed."))
    assert found(services, "gecko") == []
    assert found(services, "iguana") == [(OPENS_FEEDBACK, item)]

    services.feedback.delete(item)
    assert found(services, "iguana") == []
    assert services.search.search("iguana").total == 0


def test_a_deleted_case_takes_its_timeline_out_of_the_index(
    services: RecordServices, data: Searchable, records_vault: Vault
) -> None:
    with records_vault.writing(AuditEvent.ENGAGEMENT_RECORDED, "test") as session:
        session.delete(session.get_one(Engagement, data.meeting))

    assert found(services, "pelican") == []
    assert found(services, "wombat") == []


# --- disclosures ----------------------------------------------------------------------------


def test_a_disclosure_is_listed_with_no_text(services: RecordServices, data: Searchable) -> None:
    item = services.feedback.add(said(data.seeded, SECRET))
    services.disclosures.flag(item, MinimumFacts("Assault", "Last year", "At home", AtRisk.NO))

    (hit,) = services.search.search("quokka").hits
    assert (hit.kind, hit.record_id, hit.disclosure) == (OPENS_FEEDBACK, item, True)
    assert hit.snippet == ""
    assert "Quokka" not in repr(hit)
    assert "Quokka" not in repr(services.search.search("lighthouse").hits)


# --- what is typed ---------------------------------------------------------------------------


def test_a_word_is_found_while_still_being_typed(
    services: RecordServices, data: Searchable
) -> None:
    item = services.feedback.add(said(data.seeded, "The flamingo liaison officer called."))

    assert found(services, "flam") == [(OPENS_FEEDBACK, item)]
    assert found(services, "flam ") == []  # a whole word now: not one of these
    assert found(services, '"liaison officer"') == [(OPENS_FEEDBACK, item)]
    assert found(services, '"officer liaison"') == []
    (hit,) = services.search.search("flamingo liai").hits
    assert marked(hit) == ["flamingo", "liaison"]


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        '"',
        '""',
        '"unclosed phrase',
        "AND",
        "OR NOT",
        "NEAR(court bail)",
        "body:court",
        "court*",
        "^court",
        "(court",
        "court)",
        "'; DROP TABLE feedback_item; --",
        "\x00\x01",
        "\ud800",
        "a" * 5000,
        " ".join(["court"] * 200),
        "\u201ccourt date\u201d",
        "caf\u00e9 ysgol \u0175\u0177",
    ],
)
def test_odd_input_never_raises(services: RecordServices, data: Searchable, typed: str) -> None:
    results = services.search.search(typed)
    assert results.typed == typed
    assert results.total >= len(results.hits)


def test_operators_are_searched_for_as_words(services: RecordServices, data: Searchable) -> None:
    item = services.feedback.add(said(data.seeded, "Court OR bail, NOT both."))
    services.feedback.add(said(data.seeded, "Court only."))

    assert found(services, "court OR bail") == [(OPENS_FEEDBACK, item)]
    assert found(services, "NOT both") == [(OPENS_FEEDBACK, item)]
