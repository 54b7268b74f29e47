"""The body encrypted and decrypted piece by piece: the same bytes as one AES-GCM call,
and every change or cut to them is refused."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sec_desktop.vault import crypto
from sec_desktop.vault.errors import VaultDamaged
from sec_desktop.vault.format import TAG_BYTES

KEY = bytes(range(32))
SALT = bytes(32)
NONCE = bytes(12)
HEADER = b"SECVAULT header bytes"
CHUNK = 64  # small pieces, so that short inputs still cross several of them


def streamed(plain: bytes, chunk: int = CHUNK, prefix: bytes = b"") -> bytes:
    pieces = crypto.encrypt_body_chunks(
        KEY, SALT, NONCE, HEADER, plain, chunk_bytes=chunk, prefix=prefix
    )
    return b"".join(bytes(piece) for piece in pieces)


def decrypted(body: bytes, size: int, chunk: int = CHUNK) -> bytes:
    target = bytearray(size)
    crypto.decrypt_body_into(
        KEY,
        SALT,
        NONCE,
        HEADER,
        source=io.BytesIO(body),
        target=memoryview(target),
        chunk_bytes=chunk,
    )
    return bytes(target)


@settings(max_examples=60)
@given(plain=st.binary(min_size=1, max_size=700), chunk=st.integers(1, 300))
def test_pieces_are_the_same_bytes_as_one_call(plain: bytes, chunk: int) -> None:
    body = streamed(plain, chunk)
    assert body == crypto.encrypt_body(KEY, SALT, NONCE, HEADER, plain)
    assert decrypted(body, len(plain), chunk) == plain
    assert crypto.decrypt_body(KEY, SALT, NONCE, HEADER, body) == plain


@settings(max_examples=60)
@given(plain=st.binary(min_size=1, max_size=400), data=st.data())
def test_any_changed_byte_is_refused(plain: bytes, data: st.DataObject) -> None:
    body = bytearray(streamed(plain))
    position = data.draw(st.integers(0, len(body) - 1))
    body[position] ^= data.draw(st.integers(1, 255))
    with pytest.raises(VaultDamaged):
        decrypted(bytes(body), len(plain))


@settings(max_examples=40)
@given(plain=st.binary(min_size=1, max_size=400), data=st.data())
def test_a_cut_or_lengthened_body_is_refused(plain: bytes, data: st.DataObject) -> None:
    body = streamed(plain)
    cut = data.draw(st.integers(1, len(body)))
    with pytest.raises(VaultDamaged):
        decrypted(body[:-cut], len(plain))
    with pytest.raises(VaultDamaged):
        decrypted(body + b"\0", len(plain))


def test_another_header_is_refused() -> None:
    body = streamed(b"records" * 50)
    target = bytearray(350)
    with pytest.raises(VaultDamaged):
        crypto.decrypt_body_into(
            KEY, SALT, NONCE, HEADER + b"!", source=io.BytesIO(body), target=memoryview(target)
        )


@settings(max_examples=40)
@given(
    plain=st.binary(min_size=1, max_size=500),
    chunk=st.integers(1, 200),
    prefix=st.binary(max_size=300),
)
def test_the_file_is_the_prefix_then_the_body_in_as_many_pieces_as_chunks(
    plain: bytes, chunk: int, prefix: bytes
) -> None:
    pieces = [
        bytes(p)
        for p in crypto.encrypt_body_chunks(
            KEY, SALT, NONCE, HEADER, plain, chunk_bytes=chunk, prefix=prefix
        )
    ]
    assert b"".join(pieces) == prefix + crypto.encrypt_body(KEY, SALT, NONCE, HEADER, plain)
    assert len(pieces) == -(-len(plain) // chunk)  # the prefix and the tag ride along


def test_the_tag_comes_last() -> None:
    plain = b"x" * 1000
    body = streamed(plain)
    assert len(body) == len(plain) + TAG_BYTES
