"""The vault file layout (format version 1), read and written without any key.

    offset  size  field
    0       8     magic b"SECVAULT"
    8       2     format version (little-endian u16)
    10      4     header length H, from the start of the file to the end of the checksum
    14      8     generation: +1 on every save
    22      32    audit chain head (HMAC of the newest audit row)
    54      1     number of key slots, then each slot:
                    kind u8, parameter length u8, KDF parameters, salt (16),
                    nonce (12), wrapped data key (32 + 16 tag)
    ...     32    body salt
    ...     12    body nonce
    H-32    32    SHA-256 of everything above: catches damage before any key is derived
    H       ...   body: AES-256-GCM of the SQLite image, with the whole header as
                  associated data, so no header byte can change unnoticed

The magic, the version and the header length stay where they are in every future
version, as does the checksum at the end of the header, so an old SEC Desktop can still
tell "damaged" from "newer than me".
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, replace
from enum import IntEnum

from sec_desktop.vault.errors import NotAVault, UnsupportedVersion, VaultDamaged

MAGIC = b"SECVAULT"
FORMAT_VERSION = 1
SALT_BYTES = 16
BODY_SALT_BYTES = 32
NONCE_BYTES = 12
KEY_BYTES = 32
TAG_BYTES = 16
WRAPPED_KEY_BYTES = KEY_BYTES + TAG_BYTES
CHECKSUM_BYTES = 32
AUDIT_HEAD_BYTES = 32
MAX_SLOTS = 8
MAX_PARAMS_BYTES = 64
# Generous for eight slots; a length outside this is damage, not a future format.
MIN_HEADER_BYTES = 64
MAX_HEADER_BYTES = 4096

_PREFIX = struct.Struct("<8sHIQ32sB")  # magic, version, header length, generation, head, slots
_FIXED_PREFIX = struct.Struct("<8sHI")  # the part every version keeps


class SlotKind(IntEnum):
    PASSPHRASE_ARGON2ID = 1
    PASSPHRASE_SCRYPT = 2
    RECOVERY_KEY = 3


@dataclass(frozen=True)
class KeySlot:
    kind: SlotKind
    params: bytes  # encoded KDF parameters (empty for the recovery key)
    salt: bytes
    nonce: bytes
    wrapped_key: bytes

    def associated_data(self) -> bytes:
        """What the wrapping authenticates besides the key: the slot's own settings, so
        they cannot be swapped for weaker ones without the unwrap failing."""
        return MAGIC + bytes([self.kind, len(self.params)]) + self.params + self.salt

    def encode(self) -> bytes:
        return (
            bytes([self.kind, len(self.params)])
            + self.params
            + self.salt
            + self.nonce
            + self.wrapped_key
        )


@dataclass(frozen=True)
class Header:
    generation: int
    audit_head: bytes
    slots: tuple[KeySlot, ...]
    body_salt: bytes
    body_nonce: bytes
    version: int = FORMAT_VERSION

    def encode(self) -> bytes:
        slots = b"".join(slot.encode() for slot in self.slots)
        length = _PREFIX.size + len(slots) + BODY_SALT_BYTES + NONCE_BYTES + CHECKSUM_BYTES
        prefix = _PREFIX.pack(
            MAGIC, self.version, length, self.generation, self.audit_head, len(self.slots)
        )
        without_checksum = prefix + slots + self.body_salt + self.body_nonce
        return without_checksum + hashlib.sha256(without_checksum).digest()

    def with_changes(self, **changes: object) -> Header:
        return replace(self, **changes)  # type: ignore[arg-type]

    def slot(self, kind: SlotKind) -> KeySlot | None:
        return next((s for s in self.slots if s.kind == kind), None)

    def passphrase_slot(self) -> KeySlot | None:
        return next(
            (
                s
                for s in self.slots
                if s.kind in (SlotKind.PASSPHRASE_ARGON2ID, SlotKind.PASSPHRASE_SCRYPT)
            ),
            None,
        )


def split_file(data: bytes) -> tuple[Header, bytes, bytes]:
    """Parse a whole vault file: (header, the header's exact bytes, encrypted body)."""
    length = _header_length(data)
    header_bytes = data[:length]
    expected = hashlib.sha256(header_bytes[:-CHECKSUM_BYTES]).digest()
    if header_bytes[-CHECKSUM_BYTES:] != expected:
        raise VaultDamaged()
    header = _parse(header_bytes)
    body = data[length:]
    if len(body) < TAG_BYTES:
        raise VaultDamaged()
    return header, header_bytes, body


def split_prefix(prefix: bytes, file_size: int) -> tuple[Header, bytes, int]:
    """Parse a vault file from its first bytes (at least MAX_HEADER_BYTES, or all of a
    smaller file) and its size: (header, the header's exact bytes, encrypted body length
    without its tag). Checked exactly as `split_file` checks a whole file."""
    length = _header_length(prefix)
    header_bytes = prefix[:length]
    expected = hashlib.sha256(header_bytes[:-CHECKSUM_BYTES]).digest()
    if header_bytes[-CHECKSUM_BYTES:] != expected:
        raise VaultDamaged()
    header = _parse(header_bytes)
    body_length = file_size - length - TAG_BYTES
    if body_length < 0:
        raise VaultDamaged()
    return header, header_bytes, body_length


def read_header(data: bytes) -> Header:
    return split_file(data)[0]


def _header_length(data: bytes) -> int:
    if len(data) < _FIXED_PREFIX.size or not data.startswith(MAGIC):
        raise NotAVault()
    _magic, version, length = _FIXED_PREFIX.unpack_from(data)
    if not MIN_HEADER_BYTES <= length <= MAX_HEADER_BYTES or length > len(data):
        raise VaultDamaged()
    if version > FORMAT_VERSION:
        # Checked on the checksummed header only: a damaged version field is damage.
        expected = hashlib.sha256(data[: length - CHECKSUM_BYTES]).digest()
        if data[length - CHECKSUM_BYTES : length] == expected:
            raise UnsupportedVersion(version=version)
        raise VaultDamaged()
    if version < 1:
        raise VaultDamaged()
    return int(length)


def _parse(header_bytes: bytes) -> Header:
    try:
        _magic, version, length, generation, head, slot_count = _PREFIX.unpack_from(header_bytes)
        if not 1 <= slot_count <= MAX_SLOTS:
            raise VaultDamaged()
        offset = _PREFIX.size
        slots = []
        for _ in range(slot_count):
            slot, offset = _parse_slot(header_bytes, offset)
            slots.append(slot)
        body_salt = header_bytes[offset : offset + BODY_SALT_BYTES]
        offset += BODY_SALT_BYTES
        body_nonce = header_bytes[offset : offset + NONCE_BYTES]
        offset += NONCE_BYTES
    except (struct.error, ValueError, IndexError) as error:
        raise VaultDamaged() from error
    if offset + CHECKSUM_BYTES != length or len(body_nonce) != NONCE_BYTES:
        raise VaultDamaged()
    return Header(generation, head, tuple(slots), body_salt, body_nonce, version)


def _parse_slot(data: bytes, offset: int) -> tuple[KeySlot, int]:
    kind, params_length = data[offset], data[offset + 1]
    if params_length > MAX_PARAMS_BYTES:
        raise VaultDamaged()
    offset += 2
    params = data[offset : offset + params_length]
    offset += params_length
    salt = data[offset : offset + SALT_BYTES]
    offset += SALT_BYTES
    nonce = data[offset : offset + NONCE_BYTES]
    offset += NONCE_BYTES
    wrapped = data[offset : offset + WRAPPED_KEY_BYTES]
    offset += WRAPPED_KEY_BYTES
    if len(wrapped) != WRAPPED_KEY_BYTES:
        raise VaultDamaged()
    return KeySlot(SlotKind(kind), params, salt, nonce, wrapped), offset
