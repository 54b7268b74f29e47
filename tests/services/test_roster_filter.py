"""The roster's filter: plain Python over the rows, fast enough for every keystroke."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sec_desktop.domain.enums import (
    CommunicationNeed,
    Group,
    Language,
    ParticipantStatus,
    ReferralRoute,
)
from sec_desktop.services.participant_records import (
    CommunicationNeeds,
    ParticipantDetails,
    RosterRow,
)
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.roster import format_code
from sec_desktop.services.roster_filter import NO_GROUP, RosterFilter, filter_rows
from tests.records import TODAY


def row(
    number: int,
    name: str,
    *,
    status: ParticipantStatus = ParticipantStatus.ACTIVE,
    language: Language = Language.ENGLISH,
    groups: Sequence[Group] = (),
    needs: Sequence[CommunicationNeed] = (),
    next_review: date | None = None,
) -> RosterRow:
    code = format_code(number)
    return RosterRow(
        id=number,
        code=code,
        name=name,
        pronouns="",
        status=status,
        language=language,
        groups=frozenset(groups),
        needs=frozenset(needs),
        next_review=next_review,
        referral_route=ReferralRoute.SELF_OTHER,
        referred_on=None,
        search_text=f"{code} {name}".casefold(),
    )


ROWS = [
    row(1, "Alison Example", groups=[Group.NETWORK], next_review=TODAY - timedelta(days=3)),
    row(2, "Bryn Llewellyn", language=Language.WELSH, needs=[CommunicationNeed.WELSH]),
    row(
        12,
        "Ali Khan",
        status=ParticipantStatus.PAUSED,
        groups=[Group.NETWORK, Group.REFERENCE_GROUP],
        next_review=TODAY + timedelta(days=30),
    ),
    row(120, "Siân Ŵyn", language=Language.WELSH, next_review=TODAY + timedelta(days=31)),
    row(1200, "Dana Straße", status=ParticipantStatus.LEFT, needs=[CommunicationNeed.BSL]),
    row(
        12000,
        "Eve Alder",
        language=Language.OTHER,
        groups=[Group.STAFF_FORUM],
        needs=[CommunicationNeed.BSL, CommunicationNeed.LARGE_PRINT],
        next_review=TODAY,
    ),
]


def codes(f: RosterFilter, rows: Sequence[RosterRow] = ROWS) -> list[str]:
    return [r.code for r in filter_rows(rows, f, TODAY)]


def test_no_filter_keeps_every_row_in_order() -> None:
    assert filter_rows(ROWS, RosterFilter(), TODAY) == ROWS
    assert filter_rows(list(reversed(ROWS)), RosterFilter(), TODAY) == list(reversed(ROWS))
    assert filter_rows([], RosterFilter(text="ali"), TODAY) == []


def test_the_result_is_a_new_list() -> None:
    kept = filter_rows(ROWS, RosterFilter(), TODAY)
    kept.clear()
    assert len(ROWS) == 6


# --- text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ["S-0001", "S-0002", "S-0012", "S-0120", "S-1200", "S-12000"]),
        ("   \t ", ["S-0001", "S-0002", "S-0012", "S-0120", "S-1200", "S-12000"]),
        ("ali", ["S-0001", "S-0012"]),
        ("ALI", ["S-0001", "S-0012"]),
        ("  aLi   kHaN ", ["S-0012"]),
        ("khan ali", ["S-0012"]),  # every word, in any order
        ("ali s-00", ["S-0001", "S-0012"]),
        ("ali nobody", []),
        ("alder", ["S-12000"]),
        ("lder", ["S-12000"]),  # anywhere in the name, not only at a word's start
        ("siân", ["S-0120"]),
        ("SIÂN ŴYN", ["S-0120"]),  # Welsh capitals
        ("strasse", ["S-1200"]),  # casefold: ß is ss
        ("STRASSE", ["S-1200"]),
    ],
)
def test_text_matches_code_and_name_word_by_word_whatever_the_case(
    text: str, expected: list[str]
) -> None:
    assert codes(RosterFilter(text=text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("s12", ["S-0012"]),
        ("S12", ["S-0012"]),
        ("s-12", ["S-0012", "S-1200", "S-12000"]),  # S-0012, and "s-12" as typed
        ("S-0012", ["S-0012"]),
        ("s0012", ["S-0012"]),
        ("s-000012", ["S-0012"]),
        ("s120", ["S-0120"]),
        ("s1200", ["S-1200"]),
        ("s12000", ["S-12000"]),
        ("s-1", ["S-0001", "S-1200", "S-12000"]),
        ("s1", ["S-0001"]),
        ("s-0", ["S-0001", "S-0002", "S-0012", "S-0120"]),
        ("s99", []),
        ("s12 khan", ["S-0012"]),
        ("s12 alison", []),
        ("0012", ["S-0012"]),
        ("12", ["S-0012", "S-0120", "S-1200", "S-12000"]),
    ],
)
def test_codes_may_be_typed_without_the_dash_or_the_leading_zeros(
    text: str, expected: list[str]
) -> None:
    assert codes(RosterFilter(text=text)) == expected


# --- choices ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (RosterFilter(status=ParticipantStatus.ACTIVE), ["S-0001", "S-0002", "S-0120", "S-12000"]),
        (RosterFilter(status=ParticipantStatus.PAUSED), ["S-0012"]),
        (RosterFilter(status=ParticipantStatus.ENQUIRY), []),
        (RosterFilter(group=Group.NETWORK), ["S-0001", "S-0012"]),
        (RosterFilter(group=Group.REFERENCE_GROUP), ["S-0012"]),
        (RosterFilter(group=Group.STAFF_FORUM), ["S-12000"]),
        (RosterFilter(group=NO_GROUP), ["S-0002", "S-0120", "S-1200"]),
        (RosterFilter(need=CommunicationNeed.BSL), ["S-1200", "S-12000"]),
        (RosterFilter(need=CommunicationNeed.AUDIO), []),
        (RosterFilter(language=Language.WELSH), ["S-0002", "S-0120"]),
        (RosterFilter(language=Language.OTHER), ["S-12000"]),
        # Due within 30 days: overdue ones, today's, and the 30th day; not the 31st.
        (RosterFilter(review_due_within_days=30), ["S-0001", "S-0012", "S-12000"]),
        (RosterFilter(review_due_within_days=31), ["S-0001", "S-0012", "S-0120", "S-12000"]),
        (RosterFilter(review_due_within_days=0), ["S-0001", "S-12000"]),
        (RosterFilter(review_due_within_days=-1), ["S-0001"]),  # overdue only
    ],
)
def test_each_choice_keeps_only_the_rows_that_have_it(f: RosterFilter, expected: list[str]) -> None:
    assert codes(f) == expected


def test_every_condition_set_must_hold() -> None:
    f = RosterFilter(
        text="e",
        status=ParticipantStatus.ACTIVE,
        group=Group.STAFF_FORUM,
        need=CommunicationNeed.LARGE_PRINT,
        language=Language.OTHER,
        review_due_within_days=7,
    )
    assert codes(f) == ["S-12000"]
    changes: list[dict[str, Any]] = [
        {"text": "alison"},
        {"status": ParticipantStatus.LEFT},
        {"group": Group.NETWORK},
        {"need": CommunicationNeed.WELSH},
        {"language": Language.ENGLISH},
        {"review_due_within_days": -1},
    ]
    for change in changes:
        assert codes(replace(f, **change)) == []


def from_combo(member: StrEnum) -> Any:
    """What Qt hands back from a combo box holding a StrEnum member: its plain string."""
    value = str(member.value)
    assert type(value) is str
    return value


def test_choices_that_came_back_from_a_combo_box_as_plain_strings_still_match() -> None:
    plain = RosterFilter(
        status=from_combo(ParticipantStatus.PAUSED), group=from_combo(Group.REFERENCE_GROUP)
    )
    assert codes(plain) == ["S-0012"]
    welsh = RosterFilter(
        language=from_combo(Language.WELSH), need=from_combo(CommunicationNeed.WELSH)
    )
    assert codes(welsh) == ["S-0002"]


def test_the_filter_is_a_value() -> None:
    assert RosterFilter(text="a") == RosterFilter(text="a")
    assert RosterFilter(group=NO_GROUP) != RosterFilter()
    with pytest.raises(AttributeError):
        RosterFilter().text = "x"  # type: ignore[misc]


# --- over the real roster -------------------------------------------------------------------


def test_it_filters_the_rows_the_roster_service_gives(services: RecordServices) -> None:
    for i in range(12):
        services.roster.add(
            ParticipantDetails(
                name=f"Person {chr(ord('A') + i)}",
                language=Language.WELSH if i % 3 == 0 else Language.ENGLISH,
                record_review_on=TODAY + timedelta(days=i * 5),
            ),
            communication=CommunicationNeeds(
                frozenset({CommunicationNeed.AUDIO}) if i == 4 else frozenset()
            ),
        )
    rows = services.roster.rows()
    assert [r.code for r in filter_rows(rows, RosterFilter(text="s12"), TODAY)] == ["S-0012"]
    assert [r.name for r in filter_rows(rows, RosterFilter(text="PERSON l"), TODAY)] == ["Person L"]
    welsh = filter_rows(rows, RosterFilter(language=Language.WELSH), TODAY)
    assert [r.code for r in welsh] == ["S-0001", "S-0004", "S-0007", "S-0010"]
    due = filter_rows(rows, RosterFilter(review_due_within_days=10), TODAY)
    assert [r.code for r in due] == ["S-0001", "S-0002", "S-0003"]
    assert [
        r.code for r in filter_rows(rows, RosterFilter(need=CommunicationNeed.AUDIO), TODAY)
    ] == ["S-0005"]


# --- speed ----------------------------------------------------------------------------------

FIRST = ["Alison", "Bryn", "Ceri", "Dafydd", "Eleri", "Ffion", "Gethin", "Heledd", "Iolo", "Siân"]
LAST = ["Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Lewis", "Hughes", "Morgan"]


def many_rows(count: int) -> list[RosterRow]:
    statuses = list(ParticipantStatus)
    return [
        row(
            n,
            f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]}-{n}",
            status=statuses[n % len(statuses)],
            language=Language.WELSH if n % 4 == 0 else Language.ENGLISH,
            groups=[Group.NETWORK] if n % 3 == 0 else [],
            needs=[CommunicationNeed.LARGE_PRINT] if n % 7 == 0 else [],
            next_review=TODAY + timedelta(days=n % 90) if n % 2 else None,
        )
        for n in range(1, count + 1)
    ]


@pytest.mark.parametrize(
    "f",
    [
        RosterFilter(text="ali s-00"),
        RosterFilter(text="s12"),
        RosterFilter(text="zzz"),
        RosterFilter(text="e"),
        RosterFilter(
            text="jones",
            status=ParticipantStatus.ACTIVE,
            group=NO_GROUP,
            review_due_within_days=30,
            need=CommunicationNeed.LARGE_PRINT,
            language=Language.ENGLISH,
        ),
    ],
    ids=["words", "code", "nothing", "one letter", "everything"],
)
def test_fifteen_thousand_rows_are_filtered_well_within_a_keystroke(f: RosterFilter) -> None:
    rows = many_rows(15_000)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        filter_rows(rows, f, TODAY)
        timings.append(time.perf_counter() - started)
    # The best of three, so another process's burst does not fail the test.
    assert min(timings) < 0.05


# --- properties ------------------------------------------------------------------------------

WORDS = st.sampled_from(["ali", "s-00", "s12", "e", "ŵyn", "STRASSE", "khan", "s-1", "12", "x"])
TEXTS = st.lists(WORDS, max_size=3).map(" ".join)
STATUSES = st.one_of(st.none(), st.sampled_from(list(ParticipantStatus)))
GROUPS = st.one_of(st.none(), st.just(NO_GROUP), st.sampled_from(list(Group)))
NEEDS = st.one_of(st.none(), st.sampled_from(list(CommunicationNeed)))
LANGUAGES = st.one_of(st.none(), st.sampled_from(list(Language)))
HORIZONS = st.one_of(st.none(), st.integers(-5, 60))
FILTERS = st.builds(
    RosterFilter,
    text=TEXTS,
    group=GROUPS,
    status=STATUSES,
    review_due_within_days=HORIZONS,
    need=NEEDS,
    language=LANGUAGES,
)
ROW_LISTS = st.lists(st.sampled_from(ROWS + many_rows(40)), max_size=30)


@given(ROW_LISTS, TEXTS, STATUSES)
def test_filtering_by_text_then_status_is_filtering_by_both(
    rows: list[RosterRow], text: str, status: ParticipantStatus | None
) -> None:
    by_text = filter_rows(rows, RosterFilter(text=text), TODAY)
    then_status = filter_rows(by_text, RosterFilter(status=status), TODAY)
    assert then_status == filter_rows(rows, RosterFilter(text=text, status=status), TODAY)


@given(ROW_LISTS, FILTERS)
def test_a_filter_keeps_a_subsequence_that_each_of_its_parts_would_keep(
    rows: list[RosterRow], f: RosterFilter
) -> None:
    kept = filter_rows(rows, f, TODAY)
    # In order, and nothing added.
    remaining = iter(rows)
    assert all(any(r is candidate for candidate in remaining) for r in kept)
    # Exactly the rows every single condition keeps.
    parts = [
        RosterFilter(text=f.text),
        RosterFilter(group=f.group),
        RosterFilter(status=f.status),
        RosterFilter(review_due_within_days=f.review_due_within_days),
        RosterFilter(need=f.need),
        RosterFilter(language=f.language),
    ]
    each = [{id(r) for r in filter_rows(rows, part, TODAY)} for part in parts]
    assert [id(r) for r in kept] == [id(r) for r in rows if all(id(r) in s for s in each)]


@given(ROW_LISTS, TEXTS)
def test_more_words_never_find_more(rows: list[RosterRow], text: str) -> None:
    fewer = filter_rows(rows, RosterFilter(text=text), TODAY)
    more = filter_rows(rows, RosterFilter(text=f"{text} a"), TODAY)
    assert all(r in fewer for r in more)
    assert filter_rows(rows, RosterFilter(text=text.upper()), TODAY) == fewer
