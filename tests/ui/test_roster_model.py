"""The roster's table model: what each column says, sorting, filtering, and 15,000 rows."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from sec_desktop.domain.enums import (
    CommunicationNeed,
    Group,
    Language,
    ParticipantStatus,
    ReferralRoute,
)
from sec_desktop.services.participant_records import RosterRow
from sec_desktop.services.roster import format_code
from sec_desktop.services.roster_filter import NO_GROUP, RosterFilter
from sec_desktop.ui.roster_model import (
    CODE,
    COLUMNS,
    GROUPS,
    LANGUAGE,
    NAME,
    NEEDS,
    NEXT_REVIEW,
    PRONOUNS,
    REFERRED,
    STATUS,
    ParticipantIdRole,
    RosterTableModel,
)
from sec_desktop.ui.widgets import ERROR_ON_LIGHT
from tests.records import TODAY

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def make_row(number: int, name: str, **changes) -> RosterRow:
    code = format_code(number)
    values = {
        "id": number,
        "code": code,
        "name": name,
        "pronouns": "",
        "status": ParticipantStatus.ACTIVE,
        "language": Language.ENGLISH,
        "groups": frozenset(),
        "needs": frozenset(),
        "next_review": None,
        "referral_route": ReferralRoute.IDVA,
        "referred_on": None,
        "search_text": f"{code} {name}".casefold(),
    }
    values.update(changes)
    return RosterRow(**values)


@pytest.fixture
def model(qapp):
    return RosterTableModel()


def texts(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_each_column_says_what_it_holds(model):
    row = make_row(
        42,
        "Robin Calloway",
        pronouns="they/them",
        status=ParticipantStatus.PAUSED,
        language=Language.WELSH,
        groups=frozenset({Group.REFERENCE_GROUP, Group.NETWORK}),
        needs=frozenset({CommunicationNeed.LARGE_PRINT, CommunicationNeed.WELSH}),
        next_review=date(2027, 3, 1),
        referred_on=date(2026, 2, 14),
    )
    model.set_rows([row], TODAY)
    assert model.columnCount() == COLUMNS == 9
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(COLUMNS)]
    assert headers == [
        "Code",
        "Name",
        "Pronouns",
        "Status",
        "Language",
        "Groups",
        "Communication needs",
        "Next review",
        "Referred",
    ]
    assert [model.index(0, c).data() for c in range(COLUMNS)] == [
        "S-0042",
        "Robin Calloway",
        "they/them",
        "Paused",
        "Welsh (Cymraeg)",
        "Survivor Network, Victim Reference Group",
        "Welsh, Large print",
        "1 Mar 2027",
        "14 Feb 2026",
    ]
    assert model.index(0, NAME).data(ParticipantIdRole) == 42
    assert model.index(0, NEEDS).data(Qt.ItemDataRole.ToolTipRole) == (
        "Welsh language, Large print"
    )
    assert model.index(0, REFERRED).data(Qt.ItemDataRole.ToolTipRole) == "Referral route: IDVA"
    assert model.index(0, NEXT_REVIEW).data(Qt.ItemDataRole.ForegroundRole) is None


def test_an_overdue_review_is_said_in_words_and_stands_out(model):
    overdue = make_row(1, "Robin Calloway", next_review=TODAY - timedelta(days=1))
    due_today = make_row(2, "Dana Pryce", next_review=TODAY)
    model.set_rows([overdue, due_today], TODAY)
    assert texts(model, NEXT_REVIEW) == ["Overdue: 24 Nov 2026", "25 Nov 2026"]
    late = model.index(0, NEXT_REVIEW)
    assert late.data(Qt.ItemDataRole.ForegroundRole) == ERROR_ON_LIGHT
    assert late.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, NEXT_REVIEW).data(Qt.ItemDataRole.FontRole) is None


def test_empty_cells_are_said_to_a_screen_reader(model):
    model.set_rows([make_row(1, "Robin Calloway")], TODAY)
    spoken = [model.index(0, c).data(Qt.ItemDataRole.AccessibleTextRole) for c in range(COLUMNS)]
    assert spoken[GROUPS] == "No group"
    assert spoken[NEEDS] == "No communication needs recorded"
    assert spoken[NEXT_REVIEW] == "No review date"
    assert spoken[REFERRED] == "No referral date"
    assert model.index(0, GROUPS).data() == ""


ROWS = [
    make_row(
        3,
        "carys Morgan",
        pronouns="she/her",
        status=ParticipantStatus.LEFT,
        language=Language.WELSH,
        groups=frozenset({Group.NETWORK}),
        needs=frozenset({CommunicationNeed.BSL, CommunicationNeed.AUDIO}),
        next_review=date(2027, 1, 5),
        referred_on=date(2026, 5, 1),
    ),
    make_row(
        10000,
        "Alex Price",
        pronouns="they/them",
        status=ParticipantStatus.ACTIVE,
        groups=frozenset({Group.REFERENCE_GROUP}),
        next_review=date(2026, 12, 1),
        referred_on=date(2026, 1, 9),
    ),
    make_row(
        9999,
        "Bryn Evans",
        status=ParticipantStatus.ENQUIRY,
        language=Language.OTHER,
        needs=frozenset({CommunicationNeed.EASY_READ}),
    ),
]


@pytest.mark.parametrize(
    ("column", "ascending"),
    [
        (CODE, ["S-0003", "S-9999", "S-10000"]),  # by number, not as text
        (NAME, ["Alex Price", "Bryn Evans", "carys Morgan"]),  # case ignored
        (PRONOUNS, ["Bryn Evans", "carys Morgan", "Alex Price"]),
        (STATUS, ["Alex Price", "Bryn Evans", "carys Morgan"]),  # Active, Enquiry, Left
        (LANGUAGE, ["Alex Price", "Bryn Evans", "carys Morgan"]),  # English, Other, Welsh
        (GROUPS, ["Bryn Evans", "carys Morgan", "Alex Price"]),
        (NEEDS, ["Alex Price", "Bryn Evans", "carys Morgan"]),  # none, one, two
        (NEXT_REVIEW, ["Alex Price", "carys Morgan", "Bryn Evans"]),  # none last
        (REFERRED, ["Bryn Evans", "Alex Price", "carys Morgan"]),  # none first
    ],
)
def test_sorting_by_each_column(model, column, ascending):
    model.set_rows(ROWS, TODAY)
    model.sort(column, ASC)
    shown = texts(model, CODE) if column == CODE else texts(model, NAME)
    assert shown == ascending
    model.sort(column, DESC)
    shown = texts(model, CODE) if column == CODE else texts(model, NAME)
    assert shown == ascending[::-1]


def test_equal_values_keep_code_order(model):
    rows = [make_row(n, name) for n, name in ((5, "Sam Jones"), (2, "Sam Jones"), (9, "Ann Bell"))]
    model.set_rows(rows, TODAY)
    model.sort(NAME, ASC)
    assert texts(model, CODE) == ["S-0009", "S-0002", "S-0005"]


def test_sorting_keeps_the_filter_and_the_selected_row(model):
    model.set_rows(ROWS, TODAY)
    model.set_filter(RosterFilter(group=NO_GROUP))
    assert texts(model, NAME) == ["Bryn Evans"]
    model.set_filter(RosterFilter(text="r"))  # all three names have an r
    kept = QPersistentModelIndex(model.index(0, NAME))
    assert kept.data() == "carys Morgan"
    model.sort(NAME, ASC)
    assert model.filter == RosterFilter(text="r")
    assert texts(model, NAME) == ["Alex Price", "Bryn Evans", "carys Morgan"]
    assert kept.row() == 2
    assert kept.data() == "carys Morgan"


def test_a_filter_keeps_the_sort_order(model):
    model.set_rows(ROWS, TODAY)
    model.sort(NAME, DESC)
    model.set_filter(RosterFilter(status=ParticipantStatus.LEFT))
    assert texts(model, NAME) == ["carys Morgan"]
    model.set_filter(RosterFilter())
    assert texts(model, NAME) == ["carys Morgan", "Bryn Evans", "Alex Price"]
    assert model.shown_ids() == [3, 9999, 10000]


def test_clear_forgets_every_row(model):
    model.set_rows(ROWS, TODAY)
    model.set_filter(RosterFilter(text="alex"))
    model.clear()
    assert model.rowCount() == 0
    assert model.total == 0
    assert model.filter == RosterFilter()
    assert not model.holds(10000)
    model.set_filter(RosterFilter())
    assert model.rowCount() == 0


def synthetic_rows(count: int) -> list[RosterRow]:
    rng = random.Random(15000)
    first = ["Alex", "Rhian", "Cerys", "Dylan", "Megan", "Owen", "Priya", "Amir", "Lowri"]
    last = ["Jones", "Williams", "Davies", "Evans", "Thomas", "Khan", "Patel", "Rees"]
    return [
        make_row(
            number,
            f"{rng.choice(first)} {rng.choice(last)}",
            status=rng.choice(list(ParticipantStatus)),
            language=rng.choice(list(Language)),
            groups=frozenset(g for g in Group if rng.random() < 0.3),
            needs=frozenset(n for n in CommunicationNeed if rng.random() < 0.1),
            next_review=TODAY + timedelta(days=rng.randint(-60, 400)),
            referred_on=TODAY - timedelta(days=rng.randint(0, 900)),
        )
        for number in range(1, count + 1)
    ]


def test_fifteen_thousand_rows_load_filter_and_sort(model):
    rows = synthetic_rows(15_000)
    model.set_rows(list(reversed(rows)), TODAY)
    assert model.rowCount() == model.total == 15_000
    assert model.index(0, CODE).data() == "S-0001"
    assert model.index(14_999, CODE).data() == "S-15000"

    model.set_filter(RosterFilter(text="s12345"))
    assert texts(model, CODE) == ["S-12345"]

    wanted = RosterFilter(
        text="jones", group=Group.NETWORK, review_due_within_days=30, language=Language.WELSH
    )
    model.set_filter(wanted)
    due_by = TODAY + timedelta(days=30)
    expected = [
        r.id
        for r in rows
        if "jones" in r.name.casefold()
        and Group.NETWORK in r.groups
        and r.next_review <= due_by
        and r.language is Language.WELSH
    ]
    assert expected
    assert model.shown_ids() == expected

    model.set_filter(RosterFilter(need=CommunicationNeed.BSL))
    model.sort(NEXT_REVIEW, DESC)
    reviews = [r.next_review for r in rows if CommunicationNeed.BSL in r.needs]
    shown = [model.row_at(i).next_review for i in range(model.rowCount())]
    assert shown == sorted(reviews, reverse=True)
