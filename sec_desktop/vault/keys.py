"""Reading a vault file and turning what the user typed into its data key."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.vault import crypto, kdf
from sec_desktop.vault.errors import NoVaultThere, VaultError, WrongPassphrase, WrongRecoveryKey
from sec_desktop.vault.format import MAX_HEADER_BYTES, Header, KeySlot, SlotKind, split_prefix
from sec_desktop.vault.recovery import parse_recovery_key


@dataclass(frozen=True)
class Unlock:
    """How the user unlocks: exactly one of a passphrase or a recovery key (as typed)."""

    passphrase: str | None = None
    recovery_key: str | None = None


def read_vault_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as error:
        raise NoVaultThere() from error
    except OSError as error:
        raise _not_readable(error) from error


def _not_readable(error: OSError) -> VaultError:
    return VaultError(
        QT_TRANSLATE_NOOP("Vault", "The vault file could not be read ({reason})."),
        reason=error.strerror or type(error).__name__,
    )


@dataclass(frozen=True)
class OpenedFile:
    """A vault file being read piece by piece: its header, and the file positioned at
    the start of its encrypted body of `body_length` bytes (then the 16-byte tag)."""

    header: Header
    header_bytes: bytes
    body_length: int
    body: BinaryIO


@contextmanager
def reading_vault_file(path: Path) -> Iterator[OpenedFile]:
    """Open a vault file to decrypt it without holding its ciphertext in memory. A read
    that fails part way raises the same errors as `read_vault_file`."""
    try:
        handle = path.open("rb")  # buffered: a short read (network drives) is read on
    except FileNotFoundError as error:
        raise NoVaultThere() from error
    except OSError as error:
        raise _not_readable(error) from error
    with handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            prefix = handle.read(MAX_HEADER_BYTES)
            header, header_bytes, body_length = split_prefix(prefix, size)
            handle.seek(len(header_bytes))
            yield OpenedFile(header, header_bytes, body_length, handle)
        except OSError as error:
            raise _not_readable(error) from error


def params_of(slot: KeySlot) -> kdf.KdfParams:
    kind = kdf.KdfKind.ARGON2ID if slot.kind == SlotKind.PASSPHRASE_ARGON2ID else kdf.KdfKind.SCRYPT
    return kdf.decode_params(kind, slot.params)


def passphrase_slot(data_key: bytes, passphrase: str, params: kdf.KdfParams) -> KeySlot:
    salt = crypto.new_slot_salt()
    kind = (
        SlotKind.PASSPHRASE_ARGON2ID
        if kdf.kind_of(params) == kdf.KdfKind.ARGON2ID
        else SlotKind.PASSPHRASE_SCRYPT
    )
    slot_key = kdf.derive_key(passphrase, salt, params)
    return crypto.wrap_data_key(data_key, slot_key, kind, kdf.encode_params(params), salt)


def recovery_slot(data_key: bytes, recovery_key: bytes) -> KeySlot:
    salt = crypto.new_slot_salt()
    slot_key = crypto.recovery_slot_key(recovery_key, salt)
    return crypto.wrap_data_key(data_key, slot_key, SlotKind.RECOVERY_KEY, b"", salt)


def unwrap(header: Header, unlock: Unlock) -> bytes:
    if unlock.recovery_key is not None:
        key = parse_recovery_key(unlock.recovery_key)  # a typo is caught here
        slot = header.slot(SlotKind.RECOVERY_KEY)
        if slot is None:
            raise WrongRecoveryKey()
        data_key = crypto.unwrap_data_key(slot, crypto.recovery_slot_key(key, slot.salt))
        if data_key is None:
            raise WrongRecoveryKey()
        return data_key
    slot = header.passphrase_slot()
    if slot is None or unlock.passphrase is None:
        raise WrongPassphrase()
    params = params_of(slot)  # bounds-checked here, before any derivation
    data_key = crypto.unwrap_data_key(slot, kdf.derive_key(unlock.passphrase, slot.salt, params))
    if data_key is None:
        raise WrongPassphrase()
    return data_key
