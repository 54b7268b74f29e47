"""Key derivation: known answers, bounds checked before any work, the stored form, tuning.

Only two tests run a real derivation at the floor (and one scrypt at its floor); the
rest replace the primitives with fakes that fail if they are ever called.
"""

from __future__ import annotations

import hashlib
import struct
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from hypothesis import given
from hypothesis import strategies as st

from sec_desktop.vault import kdf
from sec_desktop.vault.errors import KdfParametersOutOfBounds, VaultDamaged, VaultError
from sec_desktop.vault.kdf import Argon2Params, KdfKind, KdfParams, ScryptParams

FLOOR = Argon2Params(memory_kib=65536, iterations=3, lanes=4)
SALT = bytes(range(16))


# --- Known answers ------------------------------------------------------------------------


def test_rfc_9106_argon2id_test_vector() -> None:
    # RFC 9106 section 5.3. Below our floor (32 KiB), so the primitive is tested directly.
    kdf_ = Argon2id(
        salt=b"\x02" * 16,
        length=32,
        iterations=3,
        lanes=4,
        memory_cost=32,
        ad=b"\x04" * 12,
        secret=b"\x03" * 8,
    )
    assert kdf_.derive(b"\x01" * 32) == bytes.fromhex(
        "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"
    )


def test_derive_key_is_argon2id_of_the_nfc_utf8_passphrase() -> None:
    # "café" typed with a combining accent (as some systems send it) gives the key of the
    # composed form, so the same passphrase opens the vault on another keyboard.
    decomposed = "cre\u0300me bru\u0302le\u0301e au cafe\u0301"
    composed = unicodedata.normalize("NFC", decomposed)
    assert decomposed != composed
    expected = Argon2id(salt=SALT, length=32, iterations=3, lanes=4, memory_cost=65536).derive(
        composed.encode("utf-8")
    )
    assert kdf.derive_key(decomposed, SALT, FLOOR) == expected


def test_derive_key_with_scrypt_is_scrypt() -> None:
    params = kdf.SCRYPT_MIN
    expected = hashlib.scrypt(
        "naïve passphrase".encode(),
        salt=SALT,
        n=1 << params.log2_n,
        r=params.r,
        p=params.p,
        maxmem=kdf.scrypt_memory_bytes(params) + 2**20,
        dklen=32,
    )
    assert kdf.derive_key("naïve passphrase", SALT, params) == expected


def test_passphrase_normalisation() -> None:
    assert kdf.normalize_passphrase("A\u030a") == "\u00c5".encode()
    assert kdf.normalize_passphrase("\u00c5") == b"\xc3\x85"
    # Compatibility forms are kept: NFC, not NFKC, so "ﬁ" stays distinct from "fi".
    assert kdf.normalize_passphrase("\ufb01") != kdf.normalize_passphrase("fi")
    # A lone surrogate (never typed, but possible from a badly decoded pipe) does not fail.
    assert kdf.normalize_passphrase("a\ud800") == b"a\xed\xa0\x80"


# --- Bounds, refused before any derivation ------------------------------------------------


@dataclass
class FakePrimitive:
    """Stands in for Argon2id and Scrypt: records what it was asked, derives nothing."""

    calls: list[dict[str, Any]] = field(default_factory=list)

    def __call__(self, **kwargs: Any) -> FakePrimitive:
        self.calls.append(kwargs)
        return self

    def derive(self, secret: bytes) -> bytes:
        del secret
        return bytes(32)


@pytest.fixture
def primitives(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakePrimitive]:
    fake = FakePrimitive()
    monkeypatch.setattr(kdf, "Argon2id", fake)
    monkeypatch.setattr(kdf, "Scrypt", fake)
    yield fake


def _argon2(**changes: int) -> Argon2Params:
    return Argon2Params(**{"memory_kib": 65536, "iterations": 3, "lanes": 4, **changes})


def _scrypt(**changes: int) -> ScryptParams:
    return ScryptParams(**{"log2_n": 17, "r": 8, "p": 1, **changes})


JUST_INSIDE: list[KdfParams] = [
    _argon2(),
    _argon2(memory_kib=4 * 1024 * 1024),
    _argon2(iterations=64),
    _argon2(lanes=64),
    _argon2(memory_kib=4 * 1024 * 1024, iterations=64, lanes=64),
    _scrypt(),
    _scrypt(log2_n=21),
    _scrypt(r=128),  # 128 * 128 * 2^17 = 2 GiB
    _scrypt(p=16),
    _scrypt(log2_n=21, p=16),
]

JUST_OUTSIDE: list[KdfParams] = [
    _argon2(memory_kib=65535),
    _argon2(memory_kib=4 * 1024 * 1024 + 1),
    _argon2(iterations=2),
    _argon2(iterations=65),
    _argon2(lanes=3),
    _argon2(lanes=65),
    _argon2(memory_kib=0, iterations=0, lanes=0),
    _argon2(memory_kib=2**32 - 1),
    _scrypt(log2_n=16),
    _scrypt(log2_n=22),
    _scrypt(log2_n=2**32 - 1),  # must be refused without computing 2**(2**32)
    _scrypt(r=7),
    _scrypt(r=129),
    _scrypt(log2_n=21, r=9),
    _scrypt(p=0),
    _scrypt(p=17),
]


@pytest.mark.parametrize("params", JUST_INSIDE, ids=str)
def test_parameters_just_inside_the_bounds_are_used(
    params: KdfParams, primitives: FakePrimitive
) -> None:
    kdf.check_bounds(params)
    assert kdf.decode_params(kdf.kind_of(params), kdf.encode_params(params)) == params
    assert kdf.derive_key("passphrase", SALT, params) == bytes(32)
    assert len(primitives.calls) == 1


@pytest.mark.parametrize("params", JUST_OUTSIDE, ids=str)
def test_parameters_just_outside_the_bounds_are_refused_before_deriving(
    params: KdfParams, primitives: FakePrimitive
) -> None:
    with pytest.raises(KdfParametersOutOfBounds):
        kdf.check_bounds(params)
    with pytest.raises(KdfParametersOutOfBounds):
        kdf.derive_key("passphrase", SALT, params)
    fields = struct.pack("<III", *(getattr(params, f) for f in params.__dataclass_fields__))
    with pytest.raises(KdfParametersOutOfBounds) as refused:
        kdf.decode_params(kdf.kind_of(params), fields)
    assert refused.value.exit_code == 3  # a doctored file: "damaged or tampered"
    assert primitives.calls == []


@pytest.mark.parametrize("params", JUST_OUTSIDE, ids=str)
def test_out_of_bounds_parameters_are_never_written(params: KdfParams) -> None:
    with pytest.raises(ValueError, match="out of bounds"):
        kdf.encode_params(params)


@pytest.mark.parametrize("length", [0, 8, 15, 65, 1000])
def test_a_salt_too_short_or_too_long_is_refused(length: int, primitives: FakePrimitive) -> None:
    with pytest.raises(KdfParametersOutOfBounds):
        kdf.derive_key("passphrase", bytes(length), FLOOR)
    assert primitives.calls == []


@pytest.mark.parametrize("length", [16, 32, 64])
def test_salts_of_16_to_64_bytes_are_accepted(length: int, primitives: FakePrimitive) -> None:
    kdf.derive_key("passphrase", bytes(length), FLOOR)
    assert primitives.calls[0]["salt"] == bytes(length)


def test_the_primitive_gets_the_parameters(primitives: FakePrimitive) -> None:
    kdf.derive_key("passphrase", SALT, Argon2Params(131072, 5, 8))
    kdf.derive_key("passphrase", SALT, ScryptParams(18, 8, 2))
    assert primitives.calls == [
        {"salt": SALT, "length": 32, "iterations": 5, "lanes": 8, "memory_cost": 131072},
        {"salt": SALT, "length": 32, "n": 2**18, "r": 8, "p": 2},
    ]


def test_the_defaults_are_within_bounds() -> None:
    for params in (kdf.ARGON2_MIN, kdf.ARGON2_DEFAULT, kdf.SCRYPT_MIN, kdf.SCRYPT_DEFAULT):
        kdf.check_bounds(params)
    assert Argon2Params(262144, 3, 4) == kdf.ARGON2_DEFAULT


# --- The stored form ----------------------------------------------------------------------


def test_the_stored_form_is_three_little_endian_uint32() -> None:
    assert kdf.PARAMS_BYTES == 12
    assert kdf.encode_params(FLOOR) == bytes.fromhex("000001000300000004000000")
    assert kdf.encode_params(ScryptParams(17, 8, 1)) == bytes.fromhex("110000000800000001000000")
    assert kdf.kind_of(FLOOR) is KdfKind.ARGON2ID
    assert kdf.kind_of(ScryptParams(17, 8, 1)) is KdfKind.SCRYPT
    assert (int(KdfKind.ARGON2ID), int(KdfKind.SCRYPT)) == (1, 2)


@pytest.mark.parametrize("kind", [0, 3, 255, -1, 2**40])
def test_an_unknown_kind_is_damage(kind: int) -> None:
    with pytest.raises(VaultDamaged) as refused:
        kdf.decode_params(kind, kdf.encode_params(FLOOR))
    assert type(refused.value) is VaultDamaged


@pytest.mark.parametrize("length", [0, 11, 13, 24])
def test_a_wrong_length_is_damage(length: int) -> None:
    with pytest.raises(VaultDamaged) as refused:
        kdf.decode_params(KdfKind.ARGON2ID, bytes(length))
    assert type(refused.value) is VaultDamaged


argon2_params = st.builds(
    Argon2Params,
    memory_kib=st.integers(kdf.ARGON2_MIN.memory_kib, kdf.ARGON2_MAX.memory_kib),
    iterations=st.integers(kdf.ARGON2_MIN.iterations, kdf.ARGON2_MAX.iterations),
    lanes=st.integers(kdf.ARGON2_MIN.lanes, kdf.ARGON2_MAX.lanes),
)


@st.composite
def scrypt_params(draw: st.DrawFn) -> ScryptParams:
    log2_n = draw(st.integers(kdf.SCRYPT_MIN.log2_n, kdf.SCRYPT_MAX_LOG2_N))
    max_r = kdf.SCRYPT_MAX_MEMORY_BYTES // (128 << log2_n)
    return ScryptParams(
        log2_n=log2_n,
        r=draw(st.integers(kdf.SCRYPT_MIN.r, max_r)),
        p=draw(st.integers(kdf.SCRYPT_MIN.p, kdf.SCRYPT_MAX_P)),
    )


@given(st.one_of(argon2_params, scrypt_params()))
def test_encode_then_decode_gives_the_same_parameters(params: KdfParams) -> None:
    data = kdf.encode_params(params)
    assert len(data) == kdf.PARAMS_BYTES
    assert kdf.decode_params(kdf.kind_of(params), data) == params


@given(
    kind=st.one_of(st.sampled_from([1, 2]), st.integers()),
    data=st.one_of(st.binary(min_size=12, max_size=12), st.binary(max_size=40)),
)
def test_decoding_any_bytes_gives_checked_parameters_or_a_vault_error(
    kind: int, data: bytes
) -> None:
    try:
        params = kdf.decode_params(kind, data)
    except VaultError:
        return
    kdf.check_bounds(params)
    assert kdf.encode_params(params) == data


# --- Availability and defaults ------------------------------------------------------------


@pytest.fixture
def no_argon2id(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """OpenSSL as in a FIPS build: Argon2id raises UnsupportedAlgorithm."""

    def unsupported(**kwargs: object) -> None:
        raise UnsupportedAlgorithm("argon2id is not supported by this OpenSSL")

    kdf.argon2id_available.cache_clear()
    monkeypatch.setattr(kdf, "Argon2id", unsupported)
    yield
    kdf.argon2id_available.cache_clear()


def test_argon2id_is_available_here() -> None:
    assert kdf.argon2id_available()
    assert kdf.default_params() == kdf.ARGON2_DEFAULT


@pytest.mark.usefixtures("no_argon2id")
def test_without_argon2id_the_default_is_scrypt() -> None:
    assert not kdf.argon2id_available()
    assert kdf.default_params() == kdf.SCRYPT_DEFAULT


# --- Tuning with a fake clock -------------------------------------------------------------


@dataclass
class FakeMachine:
    """A clock and a derivation whose cost grows with the work asked, as on a real machine:
    Argon2id in proportion to memory x iterations, scrypt to N x p."""

    floor_seconds: float
    now: float = 0.0
    runs: list[KdfParams] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    def derive(self, passphrase: str, salt: bytes, params: KdfParams) -> bytes:
        assert len(salt) >= 16
        self.runs.append(params)
        if isinstance(params, Argon2Params):
            work = params.memory_kib / 65536 * params.iterations / 3 * params.lanes / 4
        else:
            work = (1 << (params.log2_n - 17)) * params.r / 8 * params.p
        self.now += self.floor_seconds * work
        return bytes(32)


def _tune(machine: FakeMachine, **kwargs: Any) -> KdfParams:
    params = kdf.tune(clock=machine.clock, derive=machine.derive, **kwargs)
    kdf.check_bounds(params)
    return params


# Times are binary fractions (1/8, 1/16...) so that the arithmetic is exact.


def test_tune_raises_memory_towards_the_target() -> None:
    machine = FakeMachine(floor_seconds=0.125)
    assert _tune(machine) == Argon2Params(memory_kib=512 * 1024, iterations=3, lanes=4)
    assert machine.runs == [FLOOR, Argon2Params(512 * 1024, 3, 4)]


def test_tune_rounds_memory_down_to_whole_mebibytes() -> None:
    machine = FakeMachine(floor_seconds=0.3)
    # 64 MiB x 1 / 0.3 = 213.3 MiB: 213 MiB (0.998 s), no room for another iteration.
    assert _tune(machine) == Argon2Params(memory_kib=213 * 1024, iterations=3, lanes=4)


def test_tune_raises_iterations_once_memory_is_capped() -> None:
    machine = FakeMachine(floor_seconds=1 / 64)
    # Memory stops at 1 GiB (0.25 s), then 3 x 1 / 0.25 = 12 iterations.
    assert _tune(machine) == Argon2Params(memory_kib=1024 * 1024, iterations=12, lanes=4)
    assert len(machine.runs) == 2


def test_tune_follows_the_target() -> None:
    machine = FakeMachine(floor_seconds=0.125)
    assert _tune(machine, target_seconds=0.5) == Argon2Params(256 * 1024, 3, 4)
    machine = FakeMachine(floor_seconds=0.125)
    # 1 GiB takes 2 s: 3 x 3 / 2 = 4 iterations (rounded down, so under the target).
    assert _tune(machine, target_seconds=3.0) == Argon2Params(1024 * 1024, 4, 4)


def test_tune_respects_a_lower_memory_cap() -> None:
    machine = FakeMachine(floor_seconds=1 / 16)
    # 256 MiB takes 0.25 s: 3 x 4 = 12 iterations.
    params = _tune(machine, max_memory_kib=256 * 1024)
    assert params == Argon2Params(memory_kib=256 * 1024, iterations=12, lanes=4)


def test_tune_never_goes_below_the_floor() -> None:
    slow = FakeMachine(floor_seconds=2.5)
    assert _tune(slow) == FLOOR
    assert slow.runs == [FLOOR]  # nothing more to measure
    tiny_cap = FakeMachine(floor_seconds=0.125)
    assert _tune(tiny_cap, max_memory_kib=1024) == Argon2Params(65536, 24, 4)
    assert tiny_cap.runs == [FLOOR]


def test_tune_never_goes_above_the_ceiling() -> None:
    fast = FakeMachine(floor_seconds=0.0)  # a clock that does not move
    assert _tune(fast, max_memory_kib=2**40) == Argon2Params(
        kdf.ARGON2_MAX.memory_kib, kdf.ARGON2_MAX.iterations, 4
    )


@pytest.mark.usefixtures("no_argon2id")
def test_tune_falls_back_to_scrypt() -> None:
    machine = FakeMachine(floor_seconds=0.1)
    # 0.1 s at N=2^17: three doublings to 2^20 (0.8 s), no room for p=2.
    assert _tune(machine) == ScryptParams(log2_n=20, r=8, p=1)
    assert machine.runs == [kdf.SCRYPT_MIN, ScryptParams(20, 8, 1)]


@pytest.mark.usefixtures("no_argon2id")
def test_scrypt_tuning_caps_memory_then_raises_p() -> None:
    machine = FakeMachine(floor_seconds=0.01)
    # N stops at 2^20 (1 GiB, the default cap: 0.08 s), then p = 1 / 0.08 = 12.
    assert _tune(machine) == ScryptParams(log2_n=20, r=8, p=12)
    capped = FakeMachine(floor_seconds=0.01)
    assert _tune(capped, max_memory_kib=4 * 1024 * 1024) == ScryptParams(21, 8, 6)


@pytest.mark.usefixtures("no_argon2id")
def test_scrypt_tuning_stays_within_bounds() -> None:
    assert _tune(FakeMachine(floor_seconds=5.0)) == kdf.SCRYPT_MIN
    assert _tune(FakeMachine(floor_seconds=0.0), max_memory_kib=2**40) == ScryptParams(21, 8, 16)
    assert _tune(FakeMachine(floor_seconds=0.125), max_memory_kib=1) == ScryptParams(17, 8, 8)
