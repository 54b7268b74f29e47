"""What the user types becomes a safe FTS5 query: checked against a real FTS5 table made
with the search index's own definition (read from a database the migrations built)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from sec_desktop.services.search_query import Part, match_expression, parts
from sec_desktop.vault import schema
from sec_desktop.vault.database import Database

EXAMPLES = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def index() -> Iterator[sqlite3.Connection]:
    """An empty table made exactly as the migrations make `search_index`."""
    database = Database()
    schema.upgrade(database.engine)
    with database.engine.connect() as migrated:
        ddl = migrated.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'search_index'")
        ).scalar_one()
    database.close()
    connection = sqlite3.connect(":memory:")
    connection.execute(ddl)
    yield connection
    connection.close()


def found(index: sqlite3.Connection, document: str, typed: str) -> bool:
    expression = match_expression(typed)
    if expression is None:
        return False
    index.execute("DELETE FROM search_index")
    index.execute("INSERT INTO search_index (rowid, body) VALUES (1, ?)", (document,))
    rows = index.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ?", (expression,)
    ).fetchall()
    return rows == [(1,)]


# --- examples -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expression"),
    [
        ("officer", '"officer" *'),
        ("officer ", '"officer"'),
        ("the officer was kind", '"the" "officer" "was" "kind" *'),
        ('"special measures" court', '"special measures" "court" *'),
        ('"special measures"', '"special measures"'),
        ('court "special meas', '"court" "special meas" *'),
        ("\u201cbeing believed\u201d", '"being believed"'),
        ("bail AND NOT court", '"bail" "AND" "NOT" "court" *'),
        ("body:bail OR x*", '"body:bail" "OR" "x*"'),
        ("NEAR(a b)", '"NEAR(a" "b)"'),
        ("don't", '"don\'t"'),  # the last word, "t", is too short to be a prefix
        ("go", '"go"'),
        ("caf\u00e9", '"caf\u00e9" *'),
        ("a\x00b\x1fc", '"a" "b" "c"'),
    ],
)
def test_what_is_typed_becomes_quoted_words(typed: str, expression: str) -> None:
    assert match_expression(typed) == expression


@pytest.mark.parametrize(
    "typed", ["", "   ", '""', '" "', "...", "-- * ^ :", "\u2014\u00a0!?", "\x00"]
)
def test_nothing_to_search_for_gives_no_query(typed: str) -> None:
    assert match_expression(typed) is None
    assert parts(typed) == []


def test_parts_say_which_is_still_being_typed() -> None:
    assert parts('bail "court date') == [
        Part("bail", phrase=False),
        Part("court date", phrase=True, open=True),
    ]
    assert parts("a long ") == [Part("a", phrase=False), Part("long", phrase=False)]


def test_a_word_is_found_by_its_start_and_by_its_stem(index: sqlite3.Connection) -> None:
    document = "The officers kept cancelling appointments."
    assert found(index, document, "cancel")
    assert found(index, document, "appoint")
    assert found(index, document, "officer")  # the same stem, "offic"
    assert found(index, document, '"kept cancelling"')
    assert not found(index, document, '"cancelling kept"')
    assert found(index, document, "kep")
    assert not found(index, document, "kep ")  # a whole word now, and not one of these
    assert not found(index, document, "OR")


# --- properties ---------------------------------------------------------------------------


@EXAMPLES
@given(st.text())
def test_any_text_gives_a_query_fts5_accepts(index: sqlite3.Connection, typed: str) -> None:
    expression = match_expression(typed)
    if expression is None:
        assert not parts(typed)
        return
    # Raises sqlite3.OperationalError if FTS5 rejects the expression.
    index.execute("SELECT count(*) FROM search_index WHERE search_index MATCH ?", (expression,))


# Words of letters and digits in scripts older than the tokenizer's Unicode tables
# (Latin with Welsh and other accents, Greek, Cyrillic): each is a word to FTS5 too.
WORD = st.text(st.characters(categories=("L", "N"), max_codepoint=0x4FF), min_size=1)


@EXAMPLES
@given(st.lists(WORD, min_size=1, max_size=12), st.data())
def test_a_word_of_a_document_is_found_by_typing_it(
    index: sqlite3.Connection, words: list[str], data: st.DataObject
) -> None:
    document = " ".join(words)
    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    word = words[start]
    assert found(index, document, word)
    assert found(index, document, word + " ")
    assert found(index, document, f"({word}),")
    assert found(index, document, '"' + " ".join(words[start:end]) + '"')


# Plain text rarely holds FTS5's own syntax: these strings are made of nothing else.
SYNTAX = st.lists(
    st.sampled_from(
        [
            '"',
            "*",
            "^",
            ":",
            "(",
            ")",
            "-",
            "+",
            "{",
            "}",
            ",",
            " ",
            "AND",
            "OR",
            "NOT",
            "NEAR",
            "NEAR(",
            "body",
            "body:",
            "court",
            "c",
            "\u201c",
            "\u201d",
            "\x00",
            "\t",
        ]
    ),
    max_size=20,
).map("".join)


@EXAMPLES
@given(SYNTAX)
def test_fts5_syntax_typed_gives_a_query_fts5_accepts(
    index: sqlite3.Connection, typed: str
) -> None:
    expression = match_expression(typed)
    if expression is None:
        return
    index.execute("SELECT count(*) FROM search_index WHERE search_index MATCH ?", (expression,))
