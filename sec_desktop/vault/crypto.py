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

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sec_desktop.vault.errors import VaultDamaged
from sec_desktop.vault.format import (
    BODY_SALT_BYTES,
    KEY_BYTES,
    NONCE_BYTES,
    SALT_BYTES,
    KeySlot,
    SlotKind,
)

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
