"""What the user typed in a search box, made into a safe FTS5 MATCH expression.

Every word is quoted, so nothing the user types is read as FTS5 syntax: AND, OR, NOT,
NEAR, `*`, `^`, `:`, brackets and column filters are searched for as words. Text "in
quotes" is kept as a phrase. The last word also finds longer words that start with it
(as the user types), unless it is followed by a space or is shorter than
`MIN_PREFIX` letters: a one- or two-letter prefix matches most of the index and would
make every keystroke slow, so those are matched as whole words.

The search index uses the `unicode61` tokenizer: letters, digits and private-use
characters make words; everything else separates them. A part with none of those is
dropped, so empty or punctuation-only input gives no query at all.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Shorter prefixes ("a*", "th*") ask FTS5 to merge the lists of thousands of words.
MIN_PREFIX = 3
# A pasted page of text is not a search: the first words are plenty to find it.
MAX_PARTS = 32
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'})


@dataclass(frozen=True)
class Part:
    """A word or a quoted phrase, as typed."""

    text: str
    phrase: bool
    # Still being typed: the last part, with no space or closing quote after it.
    open: bool = False


def _word_character(character: str) -> bool:
    """A character of a word to unicode61: a letter, a digit or a private-use one."""
    category = unicodedata.category(character)
    return category[0] in "LN" or category == "Co"


def _clean(typed: str) -> str:
    # Control characters, unpaired surrogates (which SQLite cannot even be given) and
    # NUL become spaces; typographic quotes become plain ones.
    kept = (" " if unicodedata.category(c) in ("Cc", "Cs") else c for c in typed.translate(_QUOTES))
    return "".join(kept)


def parts(typed: str) -> list[Part]:
    """The words and quoted phrases of `typed` that hold at least one word character."""
    text = _clean(typed)
    found: list[Part] = []
    pieces = text.split('"')
    for index, piece in enumerate(pieces):
        last_piece = index == len(pieces) - 1
        if index % 2:  # inside quotes (the last piece is an unclosed quote)
            found.append(Part(" ".join(piece.split()), phrase=True, open=last_piece))
            continue
        words = piece.split()
        ends_open = last_piece and bool(piece) and not piece[-1].isspace()
        found.extend(
            Part(word, phrase=False, open=ends_open and n == len(words) - 1)
            for n, word in enumerate(words)
        )
    useful = [part for part in found if any(_word_character(c) for c in part.text)]
    return useful[:MAX_PARTS]


def _last_word_length(text: str) -> int:
    """How many characters the last word of `text` has, as the tokenizer splits it."""
    length = 0
    for character in reversed(text):
        if _word_character(character) or unicodedata.category(character).startswith("M"):
            length += 1
        elif length:
            break
    return length


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def match_expression(typed: str) -> str | None:
    """The FTS5 expression for `typed`, or None when there is nothing to search for."""
    found = parts(typed)
    if not found:
        return None
    terms = [_quoted(part.text) for part in found]
    last = found[-1]
    if last.open and _last_word_length(last.text) >= MIN_PREFIX:
        terms[-1] += " *"
    return " ".join(terms)
