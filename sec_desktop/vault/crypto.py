"""The key hierarchy: one random data key, wrapped in slots; body and audit keys from it.

- The data key (32 random bytes) never changes when the passphrase does: a change of
  passphrase rewraps its slot only. Re-keying makes a new data key.
- Slot keys come from the passphrase (Argon2id or scrypt, see `kdf`) or from the random
  recovery key (HKDF: it already has 160 bits of entropy, so no slow KDF is needed).
- Each save encrypts the body under a key derived by HKDF from the data key and a fresh
  random salt, with a fresh random nonce: never a counter, which restoring a backup would
  repeat.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sec_desktop.vault.errors import VaultDamaged
from sec_desktop.vault.format import (
    BODY_SALT_BYTES,
    KEY_BYTES,
    NONCE_BYTES,
    SALT_BYTES,
    TAG_BYTES,
    KeySlot,
    SlotKind,
)

# The body is encrypted and decrypted in pieces of this size, so that no second copy of a
# large database is ever held in memory. The result is the same bytes as one AES-GCM call.
CHUNK_BYTES = 1 << 20
_GCM_SLACK = 15  # update_into wants room for a block beyond its input

_BODY_INFO = b"sec-desktop vault body v1"
_AUDIT_INFO = b"sec-desktop audit chain v1"
_DRAFT_INFO = b"sec-desktop drafts v1"
_RECOVERY_INFO = b"sec-desktop recovery slot v1"


def random_bytes(count: int) -> bytes:
    return os.urandom(count)


def new_data_key() -> bytes:
    return random_bytes(KEY_BYTES)


def new_slot_salt() -> bytes:
    return random_bytes(SALT_BYTES)


def _hkdf(secret: bytes, salt: bytes | None, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info).derive(secret)


def recovery_slot_key(recovery_key: bytes, salt: bytes) -> bytes:
    return _hkdf(recovery_key, salt, _RECOVERY_INFO)


def wrap_data_key(
    data_key: bytes, slot_key: bytes, kind: SlotKind, params: bytes, salt: bytes
) -> KeySlot:
    unwrapped = KeySlot(kind, params, salt, random_bytes(NONCE_BYTES), b"")
    wrapped = AESGCM(slot_key).encrypt(unwrapped.nonce, data_key, unwrapped.associated_data())
    return KeySlot(kind, params, salt, unwrapped.nonce, wrapped)


def unwrap_data_key(slot: KeySlot, slot_key: bytes) -> bytes | None:
    """The data key, or None if this slot key does not open the slot."""
    try:
        return AESGCM(slot_key).decrypt(slot.nonce, slot.wrapped_key, slot.associated_data())
    except InvalidTag:
        return None


def new_body_salt_and_nonce() -> tuple[bytes, bytes]:
    return random_bytes(BODY_SALT_BYTES), random_bytes(NONCE_BYTES)


def encrypt_body(
    data_key: bytes, body_salt: bytes, nonce: bytes, header: bytes, plain: bytes
) -> bytes:
    return AESGCM(_hkdf(data_key, body_salt, _BODY_INFO)).encrypt(nonce, plain, header)


def encrypt_body_chunks(
    data_key: bytes,
    body_salt: bytes,
    nonce: bytes,
    header: bytes,
    plain: memoryview | bytes,
    *,
    chunk_bytes: int = CHUNK_BYTES,
    prefix: bytes = b"",
) -> Generator[memoryview, None, None]:
    """`prefix`, then the encrypted body, then its tag, in pieces: the same bytes as
    `prefix + encrypt_body(...)`. The prefix shares the first piece and the tag the last,
    so that a small vault is written in as few calls as a plain file.

    Each piece is a view of one reused buffer: use it (write it) before asking for the
    next. (Encrypting the next piece on another thread while one is written was measured
    and gained nothing: the write to the page cache is bound by memory, as is AES-GCM.)"""
    encryptor = Cipher(algorithms.AES(_body_key(data_key, body_salt)), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(header)
    buffer = bytearray(len(prefix) + chunk_bytes + _GCM_SLACK + TAG_BYTES)
    out = memoryview(buffer)
    source = memoryview(plain)
    starts = range(0, len(source), chunk_bytes)
    buffer[: len(prefix)] = prefix
    end = len(prefix)
    for index, start in enumerate(starts):
        begin = len(prefix) if index == 0 else 0
        end = begin + encryptor.update_into(source[start : start + chunk_bytes], out[begin:])
        if index < len(starts) - 1:
            yield out[:end]
    encryptor.finalize()
    buffer[end : end + TAG_BYTES] = encryptor.tag
    yield out[: end + TAG_BYTES]


def decrypt_body_into(
    data_key: bytes,
    body_salt: bytes,
    nonce: bytes,
    header: bytes,
    *,
    source: BinaryIO,
    target: memoryview,
    chunk_bytes: int = CHUNK_BYTES,
) -> None:
    """Decrypt the body read from `source` (positioned at its start: ciphertext of
    `len(target)` bytes, then the tag) into `target`.

    Raises VaultDamaged if the body is short or anything was changed; the caller must
    then discard `target`, which holds unauthenticated bytes."""
    decryptor = Cipher(algorithms.AES(_body_key(data_key, body_salt)), modes.GCM(nonce)).decryptor()
    decryptor.authenticate_additional_data(header)
    read_buffer = bytearray(chunk_bytes)
    out_buffer = bytearray(chunk_bytes + _GCM_SLACK)
    read_view, out_view = memoryview(read_buffer), memoryview(out_buffer)
    position = 0
    try:
        while position < len(target):
            wanted = min(chunk_bytes, len(target) - position)
            got = source.readinto(read_view[:wanted])  # type: ignore[attr-defined]
            if not got:
                raise VaultDamaged()
            written = decryptor.update_into(read_view[:got], out_buffer)
            target[position : position + written] = out_view[:written]
            position += written
    finally:
        out_buffer[:] = bytes(len(out_buffer))  # no piece of plaintext left behind here
    tag = source.read(TAG_BYTES)
    if len(tag) != TAG_BYTES or source.read(1):
        raise VaultDamaged()
    try:
        decryptor.finalize_with_tag(tag)
    except InvalidTag as error:
        raise VaultDamaged() from error


def _body_key(data_key: bytes, body_salt: bytes) -> bytes:
    return _hkdf(data_key, body_salt, _BODY_INFO)


def decrypt_body(
    data_key: bytes, body_salt: bytes, nonce: bytes, header: bytes, body: bytes
) -> bytes:
    """The SQLite image. Any change to the header or the body raises VaultDamaged."""
    try:
        return AESGCM(_hkdf(data_key, body_salt, _BODY_INFO)).decrypt(nonce, body, header)
    except InvalidTag as error:
        raise VaultDamaged() from error


def audit_key(data_key: bytes) -> bytes:
    return _hkdf(data_key, None, _AUDIT_INFO)


def draft_key(data_key: bytes) -> bytes:
    return _hkdf(data_key, None, _DRAFT_INFO)
