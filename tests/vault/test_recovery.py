"""The recovery key: its printed form, forgiving parsing, and typos caught by the checksum."""

from __future__ import annotations

import base64
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sec_desktop.vault.errors import EXIT_WRONG_SECRET, InvalidRecoveryKey
from sec_desktop.vault.recovery import (
    RECOVERY_KEY_BYTES,
    RECOVERY_KEY_CHARS,
    format_recovery_key,
    new_recovery_key,
    parse_recovery_key,
)

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
SHAPE = re.compile(r"^([A-Z2-7]{4}-){8}[A-Z2-7]{4}$")
keys = st.binary(min_size=RECOVERY_KEY_BYTES, max_size=RECOVERY_KEY_BYTES)


def test_a_new_key_has_160_random_bits() -> None:
    assert RECOVERY_KEY_BYTES == 20
    made = {new_recovery_key() for _ in range(50)}
    assert len(made) == 50
    assert all(len(key) == 20 for key in made)


def test_the_printed_form() -> None:
    key = bytes(range(20))
    # RFC 4648 Base32 of the key, then the checksum: key mod 1048573 = 148437 = "EQ6V".
    assert base64.b32encode(key) == b"AAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQT"
    assert format_recovery_key(key) == "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4IB-CEQT-EQ6V"
    assert format_recovery_key(bytes(20)) == "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA"
    assert format_recovery_key(b"\xff" * 20).endswith("-7777-AGNA")
    assert RECOVERY_KEY_CHARS == 36


@pytest.mark.parametrize("length", [0, 16, 19, 21, 32])
def test_only_a_20_byte_key_is_formatted(length: int) -> None:
    with pytest.raises(ValueError, match="20 bytes"):
        format_recovery_key(bytes(length))


@given(keys)
def test_format_then_parse_gives_the_key(key: bytes) -> None:
    text = format_recovery_key(key)
    assert SHAPE.match(text)
    assert parse_recovery_key(text) == key


@given(keys, st.sampled_from([" ", "", "  ", "\t", " - ", "\u2013", "\n"]), st.booleans())
def test_parsing_forgives_spacing_and_case(key: bytes, separator: str, lower: bool) -> None:
    text = separator.join(format_recovery_key(key).split("-"))
    assert parse_recovery_key(f"  {text.lower() if lower else text}\n") == key


@given(keys)
def test_parsing_forgives_look_alike_digits(key: bytes) -> None:
    text = format_recovery_key(key).translate(str.maketrans("OIB", "018"))
    assert parse_recovery_key(text) == key
    assert parse_recovery_key(text.lower()) == key


def test_parsing_forgives_full_width_characters() -> None:
    text = format_recovery_key(bytes(range(20)))
    full_width = "".join(chr(ord(c) + 0xFEE0) if c != "-" else " " for c in text)
    assert parse_recovery_key(full_width) == bytes(range(20))


@given(keys, st.data())
def test_any_single_wrong_character_is_caught(key: bytes, data: st.DataObject) -> None:
    text = format_recovery_key(key).replace("-", "")
    position = data.draw(st.integers(0, len(text) - 1), label="position")
    wrong = data.draw(st.sampled_from(ALPHABET.replace(text[position], "")), label="typed")
    typo = text[:position] + wrong + text[position + 1 :]
    with pytest.raises(InvalidRecoveryKey):
        parse_recovery_key(typo)


@settings(max_examples=15)  # 1,116 typos per key
@given(keys)
def test_every_wrong_character_at_every_position_is_caught(key: bytes) -> None:
    text = format_recovery_key(key).replace("-", "")
    for position, right in enumerate(text):
        for wrong in ALPHABET.replace(right, ""):
            with pytest.raises(InvalidRecoveryKey):
                parse_recovery_key(text[:position] + wrong + text[position + 1 :])


@given(keys)
def test_every_swap_of_neighbours_is_caught(key: bytes) -> None:
    text = format_recovery_key(key).replace("-", "")
    for i in range(len(text) - 1):
        if text[i] != text[i + 1]:
            swapped = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
            with pytest.raises(InvalidRecoveryKey):
                parse_recovery_key(swapped)


@given(keys, st.data())
def test_a_missing_or_extra_character_is_reported_with_the_count(
    key: bytes, data: st.DataObject
) -> None:
    text = format_recovery_key(key).replace("-", "")
    position = data.draw(st.integers(0, len(text) - 1))
    for typo, count in (
        (text[:position] + text[position + 1 :], 35),
        (text[:position] + data.draw(st.sampled_from(ALPHABET)) + text[position:], 37),
    ):
        with pytest.raises(InvalidRecoveryKey) as refused:
            parse_recovery_key(typo)
        assert refused.value.values == {"expected": 36, "count": count}
        assert f"{count} were entered" in str(refused.value)


@pytest.mark.parametrize("bad", ["9", "#", "é", "Ж"])
def test_a_character_outside_base32_is_reported(bad: str) -> None:
    text = format_recovery_key(bytes(range(20)))
    with pytest.raises(InvalidRecoveryKey) as refused:
        parse_recovery_key(bad + text[1:])
    assert "A to Z and the digits 2 to 7" in str(refused.value)


def test_a_checksum_mistake_says_to_check_the_sheet() -> None:
    with pytest.raises(InvalidRecoveryKey) as refused:
        parse_recovery_key("AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4IB-CEQT-EQ6W")
    assert "printed sheet" in str(refused.value)
    assert refused.value.exit_code == EXIT_WRONG_SECRET


@given(st.text(max_size=80))
def test_parsing_any_text_gives_a_key_or_invalid_recovery_key(text: str) -> None:
    try:
        key = parse_recovery_key(text)
    except InvalidRecoveryKey:
        return
    assert len(key) == RECOVERY_KEY_BYTES
