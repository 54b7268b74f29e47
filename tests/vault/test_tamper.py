"""Damage and tampering: every change to a vault file gives a typed error, never data."""

from __future__ import annotations

import hashlib
import random
import struct
from pathlib import Path

import pytest

from sec_desktop.vault import kdf
from sec_desktop.vault.errors import (
    KdfParametersOutOfBounds,
    NotAVault,
    UnsupportedVersion,
    VaultDamaged,
    VaultError,
)
from sec_desktop.vault.format import CHECKSUM_BYTES, split_file
from sec_desktop.vault.vault import Unlock, Vault
from tests.vault.conftest import PASSPHRASE, MadeVault

# Errors that mean "this file cannot be opened as it is", each with its own message.
REFUSALS = (VaultDamaged, NotAVault, UnsupportedVersion)


def _open_bytes(path: Path, data: bytes, unlock: Unlock) -> None:
    path.write_bytes(data)
    Vault.open(path, unlock).close()


def _header_length(data: bytes) -> int:
    return int(struct.unpack_from("<I", data, 10)[0])


def test_every_header_byte_flipped_is_refused(made_vault: MadeVault) -> None:
    original = made_vault.path.read_bytes()
    unlock = Unlock(recovery_key=made_vault.recovery_key)
    for offset in range(_header_length(original)):
        damaged = bytearray(original)
        damaged[offset] ^= 0x01
        with pytest.raises(REFUSALS):
            _open_bytes(made_vault.path, bytes(damaged), unlock)


def test_sampled_body_bytes_flipped_are_refused(made_vault: MadeVault) -> None:
    original = made_vault.path.read_bytes()
    start = _header_length(original)
    unlock = Unlock(recovery_key=made_vault.recovery_key)
    offsets = [
        *sorted(random.Random(7).sample(range(start, len(original)), 40)),
        start,
        len(original) - 1,
    ]
    for offset in offsets:
        damaged = bytearray(original)
        damaged[offset] ^= 0x80
        with pytest.raises(VaultDamaged):
            _open_bytes(made_vault.path, bytes(damaged), unlock)


def test_truncation_anywhere_is_refused(made_vault: MadeVault) -> None:
    original = made_vault.path.read_bytes()
    header = _header_length(original)
    unlock = Unlock(recovery_key=made_vault.recovery_key)
    body_cuts = random.Random(11).sample(range(header, len(original)), 25)
    for cut in [*range(header + 1), *body_cuts]:
        with pytest.raises(REFUSALS):
            _open_bytes(made_vault.path, original[:cut], unlock)


def test_bodies_swapped_between_vaults_are_refused(made_vault: MadeVault, tmp_path: Path) -> None:
    other, _ = Vault.create(
        tmp_path / "other.secvault", PASSPHRASE, kdf_params=kdf.Argon2Params(65536, 3, 4)
    )
    other.close()
    mine = made_vault.path.read_bytes()
    theirs = (tmp_path / "other.secvault").read_bytes()
    swapped = mine[: _header_length(mine)] + theirs[_header_length(theirs) :]
    with pytest.raises(VaultDamaged):
        _open_bytes(made_vault.path, swapped, Unlock(recovery_key=made_vault.recovery_key))


def _with_params(data: bytes, params: bytes) -> bytes:
    """The file with the passphrase slot's KDF parameters replaced and the checksum redone,
    as someone editing the file on purpose would."""
    header_length = _header_length(data)
    header = bytearray(data[:header_length])
    offset = 55  # first slot: kind, parameter length, parameters
    assert header[offset] == 1 and header[offset + 1] == len(params)
    header[offset + 2 : offset + 2 + len(params)] = params
    without = bytes(header[:-CHECKSUM_BYTES])
    return without + hashlib.sha256(without).digest() + data[header_length:]


@pytest.mark.parametrize(
    "params",
    [
        kdf.Argon2Params(memory_kib=1024, iterations=3, lanes=4),  # too little memory
        kdf.Argon2Params(memory_kib=65536, iterations=1, lanes=4),  # too few passes
        kdf.Argon2Params(memory_kib=2**31, iterations=3, lanes=4),  # a memory bomb
        kdf.Argon2Params(memory_kib=65536, iterations=10_000, lanes=4),  # hours of work
    ],
)
def test_kdf_parameters_out_of_bounds_are_refused_before_deriving(
    made_vault: MadeVault, monkeypatch: pytest.MonkeyPatch, params: kdf.Argon2Params
) -> None:
    raw = struct.pack("<III", params.memory_kib, params.iterations, params.lanes)
    data = _with_params(made_vault.path.read_bytes(), raw)

    def must_not_derive(*args: object) -> bytes:
        raise AssertionError("a key was derived from out-of-bounds parameters")

    monkeypatch.setattr(kdf, "derive_key", must_not_derive)
    with pytest.raises(KdfParametersOutOfBounds):
        _open_bytes(made_vault.path, data, Unlock(passphrase=PASSPHRASE))


def test_a_newer_format_is_named_as_such(made_vault: MadeVault) -> None:
    data = bytearray(made_vault.path.read_bytes())
    struct.pack_into("<H", data, 8, 2)
    header_length = _header_length(bytes(data))
    data[header_length - CHECKSUM_BYTES : header_length] = hashlib.sha256(
        bytes(data[: header_length - CHECKSUM_BYTES])
    ).digest()
    with pytest.raises(UnsupportedVersion) as error:
        _open_bytes(made_vault.path, bytes(data), Unlock(passphrase=PASSPHRASE))
    assert "newer version" in error.value.english()


def test_not_a_vault(tmp_path: Path) -> None:
    for content in (b"", b"SQLite format 3\x00" + bytes(100), b"hello"):
        with pytest.raises(NotAVault):
            _open_bytes(tmp_path / "x.secvault", content, Unlock(passphrase=PASSPHRASE))


def test_errors_carry_no_file_content(made_vault: MadeVault) -> None:
    original = made_vault.path.read_bytes()
    damaged = original[:-10]
    try:
        _open_bytes(made_vault.path, damaged, Unlock(recovery_key=made_vault.recovery_key))
    except VaultError as error:
        assert error.english() == VaultDamaged.default_message
    else:
        raise AssertionError("a damaged vault opened")
    assert split_file(original)[0].generation >= 1
