"""The file format and the key hierarchy on their own."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sec_desktop.vault import crypto
from sec_desktop.vault.errors import VaultDamaged, VaultError
from sec_desktop.vault.format import (
    BODY_SALT_BYTES,
    MAGIC,
    MAX_HEADER_BYTES,
    NONCE_BYTES,
    SALT_BYTES,
    TAG_BYTES,
    WRAPPED_KEY_BYTES,
    Header,
    KeySlot,
    SlotKind,
    split_file,
    split_prefix,
)

slots = st.builds(
    KeySlot,
    kind=st.sampled_from(list(SlotKind)),
    params=st.binary(max_size=64),
    salt=st.binary(min_size=SALT_BYTES, max_size=SALT_BYTES),
    nonce=st.binary(min_size=NONCE_BYTES, max_size=NONCE_BYTES),
    wrapped_key=st.binary(min_size=WRAPPED_KEY_BYTES, max_size=WRAPPED_KEY_BYTES),
)
headers = st.builds(
    Header,
    generation=st.integers(0, 2**64 - 1),
    audit_head=st.binary(min_size=32, max_size=32),
    slots=st.lists(slots, min_size=1, max_size=8).map(tuple),
    body_salt=st.binary(min_size=BODY_SALT_BYTES, max_size=BODY_SALT_BYTES),
    body_nonce=st.binary(min_size=NONCE_BYTES, max_size=NONCE_BYTES),
)


@given(headers, st.binary(min_size=TAG_BYTES, max_size=200))
def test_headers_round_trip(header: Header, body: bytes) -> None:
    encoded = header.encode()
    parsed, header_bytes, parsed_body = split_file(encoded + body)
    assert parsed == header
    assert header_bytes == encoded
    assert parsed_body == body


@given(
    st.one_of(
        st.binary(max_size=600),
        # Past the magic and version, so the parser's deeper paths are reached too.
        st.binary(max_size=600).map(lambda rest: MAGIC + b"\x01\x00" + rest),
        headers.map(lambda h: bytearray(h.encode() + bytes(TAG_BYTES))).flatmap(
            lambda data: st.integers(0, len(data) - 1).map(
                lambda i: bytes(data[:i]) + bytes([data[i] ^ 0x40]) + bytes(data[i + 1 :])
            )
        ),
    )
)
def test_any_bytes_give_a_vault_error_or_a_header(data: bytes) -> None:
    with contextlib.suppress(VaultError):
        split_file(data)


def test_a_wrapped_key_opens_only_with_its_slot_key() -> None:
    data_key, slot_key, salt = crypto.new_data_key(), os.urandom(32), os.urandom(SALT_BYTES)
    slot = crypto.wrap_data_key(data_key, slot_key, SlotKind.RECOVERY_KEY, b"", salt)
    assert crypto.unwrap_data_key(slot, slot_key) == data_key
    assert crypto.unwrap_data_key(slot, os.urandom(32)) is None
    # The slot's settings are bound to the wrapping: changing them fails the unwrap.
    weaker = KeySlot(
        SlotKind.PASSPHRASE_SCRYPT, slot.params, slot.salt, slot.nonce, slot.wrapped_key
    )
    assert crypto.unwrap_data_key(weaker, slot_key) is None


def test_the_body_round_trips_and_is_bound_to_its_header() -> None:
    data_key = crypto.new_data_key()
    salt, nonce = crypto.new_body_salt_and_nonce()
    body = crypto.encrypt_body(data_key, salt, nonce, b"header", b"SQLite format 3\x00 rows")
    assert b"SQLite" not in body
    assert crypto.decrypt_body(data_key, salt, nonce, b"header", body).startswith(b"SQLite")
    with pytest.raises(VaultDamaged):
        crypto.decrypt_body(data_key, salt, nonce, b"other header", body)
    with pytest.raises(VaultDamaged):
        crypto.decrypt_body(crypto.new_data_key(), salt, nonce, b"header", body)


def test_every_save_uses_a_fresh_salt_and_nonce() -> None:
    pairs = {crypto.new_body_salt_and_nonce() for _ in range(100)}
    assert len(pairs) == 100


def test_derived_keys_differ_by_purpose() -> None:
    data_key = crypto.new_data_key()
    assert len({crypto.audit_key(data_key), crypto.draft_key(data_key), data_key}) == 3


def _outcome(parse: Callable[[], object]) -> object:
    try:
        return parse()
    except VaultError as error:
        return type(error)


@given(
    st.one_of(
        headers.map(lambda h: h.encode()).flatmap(
            lambda encoded: st.binary(max_size=120).map(lambda body: encoded + body)
        ),
        st.binary(max_size=600).map(lambda rest: MAGIC + b"\x01\x00" + rest),
        headers.map(lambda h: bytearray(h.encode() + bytes(TAG_BYTES))).flatmap(
            lambda data: st.integers(0, len(data) - 1).map(
                lambda i: bytes(data[:i]) + bytes([data[i] ^ 0x08]) + bytes(data[i + 1 :])
            )
        ),
    )
)
def test_reading_from_the_first_bytes_agrees_with_reading_the_whole_file(data: bytes) -> None:
    """The streamed open parses the header from the file's first bytes and its size: it
    accepts exactly what the whole-file parser accepts, with the same header."""

    def whole() -> object:
        header, header_bytes, body = split_file(data)
        return header, header_bytes, len(body) - TAG_BYTES

    def prefix() -> object:
        return split_prefix(data[:MAX_HEADER_BYTES], len(data))

    assert _outcome(prefix) == _outcome(whole)
