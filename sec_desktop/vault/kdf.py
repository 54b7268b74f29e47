"""Key derivation for the passphrase slot: Argon2id, or scrypt where Argon2id is missing.

Parameters are stored in the vault header as a kind (`KdfKind`) and a fixed-size
little-endian struct. Parameters read from a file are bounds-checked before any key is
derived, so a doctored file can neither weaken the key nor make SEC Desktop spend
gigabytes of memory or hours of work. At creation, `tune()` picks parameters that take
about a second on this machine, never below the floor.
"""

from __future__ import annotations

import functools
import math
import secrets
import struct
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import IntEnum

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from sec_desktop.vault.errors import KdfParametersOutOfBounds, VaultDamaged

KEY_BYTES = 32
SALT_MIN_BYTES = 16
# A salt longer than this is no stronger; refusing it keeps a doctored header small.
SALT_MAX_BYTES = 64


class KdfKind(IntEnum):
    ARGON2ID = 1
    SCRYPT = 2


@dataclass(frozen=True)
class Argon2Params:
    memory_kib: int
    iterations: int
    lanes: int


@dataclass(frozen=True)
class ScryptParams:
    log2_n: int
    r: int
    p: int


KdfParams = Argon2Params | ScryptParams
Derive = Callable[[str, bytes, KdfParams], bytes]

# Argon2id. The floor (64 MiB, t=3, p=4) is RFC 9106's second recommended option
# (section 4), for machines where the 2 GiB first option is out of reach; about 0.1-0.3 s
# on an office PC. The ceiling (4 GiB, t=64, p=64) is far above anything tune() picks (it
# stops at 1 GiB) yet bounds what a doctored file can ask for: minutes of work at most,
# never an allocation beyond what a workstation could hold.
ARGON2_MIN = Argon2Params(memory_kib=64 * 1024, iterations=3, lanes=4)
ARGON2_MAX = Argon2Params(memory_kib=4 * 1024 * 1024, iterations=64, lanes=64)
ARGON2_DEFAULT = Argon2Params(memory_kib=256 * 1024, iterations=3, lanes=4)

# scrypt (only where OpenSSL lacks Argon2id, e.g. FIPS builds). The floor N=2^17, r=8,
# p=1 uses 128 MiB (memory is 128*r*N bytes): the "interactive login" setting of 2009
# scaled up, comparable in cost to the Argon2id floor. The ceiling keeps memory at
# 2 GiB at most (with r >= 8 that means N <= 2^21) and p at most 16, since each unit of p
# repeats the whole work sequentially in OpenSSL.
SCRYPT_MIN = ScryptParams(log2_n=17, r=8, p=1)
SCRYPT_MAX_MEMORY_BYTES = 2 * 1024**3
SCRYPT_MAX_P = 16
SCRYPT_MAX_LOG2_N = 21  # 128 * 8 * 2^21 = 2 GiB, the most the memory ceiling allows
SCRYPT_DEFAULT = ScryptParams(log2_n=18, r=8, p=1)

# Every kind is stored as three unsigned 32-bit integers, little-endian.
_PARAMS_STRUCT = struct.Struct("<III")
PARAMS_BYTES = _PARAMS_STRUCT.size

# tune() rounds memory to whole MiB and never suggests more than this by default, so a
# vault made on a large workstation still opens on an ordinary one.
TUNE_MAX_MEMORY_KIB = 1024 * 1024
_TUNING_INPUT = "SEC Desktop tuning run"


def kind_of(params: KdfParams) -> KdfKind:
    if isinstance(params, Argon2Params):
        return KdfKind.ARGON2ID
    return KdfKind.SCRYPT


def scrypt_memory_bytes(params: ScryptParams) -> int:
    """Memory one scrypt derivation needs. Call only on bounds-checked parameters."""
    return 128 * params.r * (1 << params.log2_n)


def check_bounds(params: KdfParams) -> None:
    """Raise KdfParametersOutOfBounds unless the parameters are within what SEC Desktop
    accepts. Cheap: never derives anything, never computes with unchecked exponents."""
    if isinstance(params, Argon2Params):
        ok = (
            ARGON2_MIN.memory_kib <= params.memory_kib <= ARGON2_MAX.memory_kib
            and ARGON2_MIN.iterations <= params.iterations <= ARGON2_MAX.iterations
            and ARGON2_MIN.lanes <= params.lanes <= ARGON2_MAX.lanes
        )
    else:
        ok = (
            SCRYPT_MIN.log2_n <= params.log2_n <= SCRYPT_MAX_LOG2_N
            and SCRYPT_MIN.r <= params.r
            and SCRYPT_MIN.p <= params.p <= SCRYPT_MAX_P
            # log2_n is bounded above, so this product is small even for a huge r.
            and scrypt_memory_bytes(params) <= SCRYPT_MAX_MEMORY_BYTES
        )
    if not ok:
        raise KdfParametersOutOfBounds()


def encode_params(params: KdfParams) -> bytes:
    """The parameters as stored in a header: PARAMS_BYTES long, three unsigned 32-bit
    little-endian integers in field order (the kind is stored apart). Refuses parameters
    outside the bounds with ValueError: a vault that could not be opened is never written.
    """
    try:
        check_bounds(params)
    except KdfParametersOutOfBounds:
        raise ValueError(f"key derivation parameters out of bounds: {params}") from None
    if isinstance(params, Argon2Params):
        fields = (params.memory_kib, params.iterations, params.lanes)
    else:
        fields = (params.log2_n, params.r, params.p)
    return _PARAMS_STRUCT.pack(*fields)


def decode_params(kind: int, data: bytes) -> KdfParams:
    """Parameters read from a header. Raises VaultDamaged for an unknown kind or a wrong
    length, KdfParametersOutOfBounds (a VaultDamaged) for values outside the bounds."""
    try:
        kdf_kind = KdfKind(kind)
    except ValueError:
        raise VaultDamaged() from None
    if len(data) != PARAMS_BYTES:
        raise VaultDamaged()
    a, b, c = _PARAMS_STRUCT.unpack(data)
    params: KdfParams
    if kdf_kind is KdfKind.ARGON2ID:
        params = Argon2Params(memory_kib=a, iterations=b, lanes=c)
    else:
        params = ScryptParams(log2_n=a, r=b, p=c)
    check_bounds(params)
    return params


def normalize_passphrase(passphrase: str) -> bytes:
    """NFC then UTF-8, so the same passphrase typed on another keyboard or system (which
    may send composed or decomposed accents) gives the same bytes. Lone surrogates, which
    no keyboard sends, are kept as bytes rather than failing."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8", "surrogatepass")


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """A 32-byte key from the passphrase. Checks the salt and the bounds first."""
    if not SALT_MIN_BYTES <= len(salt) <= SALT_MAX_BYTES:
        raise KdfParametersOutOfBounds()
    check_bounds(params)
    secret = normalize_passphrase(passphrase)
    if isinstance(params, Argon2Params):
        return Argon2id(
            salt=salt,
            length=KEY_BYTES,
            iterations=params.iterations,
            lanes=params.lanes,
            memory_cost=params.memory_kib,
        ).derive(secret)
    return Scrypt(salt=salt, length=KEY_BYTES, n=1 << params.log2_n, r=params.r, p=params.p).derive(
        secret
    )


@functools.cache
def argon2id_available() -> bool:
    """False on OpenSSL builds without Argon2id (FIPS builds): found by trying it."""
    try:
        # Construction alone may succeed where deriving does not: derive, tiny.
        Argon2id(
            salt=bytes(SALT_MIN_BYTES), length=KEY_BYTES, iterations=1, lanes=1, memory_cost=8
        ).derive(b"probe")
    except UnsupportedAlgorithm:
        return False
    return True


def default_params() -> KdfParams:
    """Parameters for a new vault when tuning is not wanted (tests, a quick CLI create)."""
    return ARGON2_DEFAULT if argon2id_available() else SCRYPT_DEFAULT


def tune(
    target_seconds: float = 1.0,
    *,
    clock: Callable[[], float] = time.perf_counter,
    derive: Derive = derive_key,
    max_memory_kib: int = TUNE_MAX_MEMORY_KIB,
) -> KdfParams:
    """Parameters that take about `target_seconds` on this machine, never below the floor.

    Argon2id: time one derivation at the floor, raise memory in proportion to the time
    left (capped at `max_memory_kib`), time again, then raise iterations for what is
    still missing. Memory first because it is what makes guessing costly on GPUs.
    Where Argon2id is unavailable, scrypt the same way (N first, then p).
    Takes roughly target_seconds plus the floor's time to run.
    """
    if argon2id_available():
        return _tune_argon2(target_seconds, clock, derive, max_memory_kib)
    return _tune_scrypt(target_seconds, clock, derive, max_memory_kib)


def _time_one(params: KdfParams, clock: Callable[[], float], derive: Derive) -> float:
    salt = secrets.token_bytes(SALT_MIN_BYTES)
    start = clock()
    derive(_TUNING_INPUT, salt, params)
    # A clock that did not move (coarse timer, fake clock) must not divide by zero.
    return max(clock() - start, 1e-9)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, high))


def _tune_argon2(
    target: float, clock: Callable[[], float], derive: Derive, max_memory_kib: int
) -> Argon2Params:
    params = ARGON2_MIN
    cap = _clamp(max_memory_kib, ARGON2_MIN.memory_kib, ARGON2_MAX.memory_kib)
    elapsed = _time_one(params, clock, derive)
    if elapsed < target:
        wanted = int(params.memory_kib * target / elapsed) // 1024 * 1024
        memory = _clamp(wanted, ARGON2_MIN.memory_kib, cap)
        if memory != params.memory_kib:
            params = replace(params, memory_kib=memory)
            elapsed = _time_one(params, clock, derive)
    if elapsed < target:
        wanted = int(params.iterations * target / elapsed)
        iterations = _clamp(wanted, ARGON2_MIN.iterations, ARGON2_MAX.iterations)
        params = replace(params, iterations=iterations)
    return params


def _tune_scrypt(
    target: float, clock: Callable[[], float], derive: Derive, max_memory_kib: int
) -> ScryptParams:
    params = SCRYPT_MIN
    cap_bytes = min(max_memory_kib * 1024, SCRYPT_MAX_MEMORY_BYTES)
    # The largest N whose memory fits under the cap, never below the floor.
    top_log2_n = SCRYPT_MIN.log2_n
    while top_log2_n < SCRYPT_MAX_LOG2_N and (
        scrypt_memory_bytes(replace(params, log2_n=top_log2_n + 1)) <= cap_bytes
    ):
        top_log2_n += 1
    elapsed = _time_one(params, clock, derive)
    if elapsed < target:
        # Time doubles with each step of log2_n: take the steps that stay under target.
        steps = math.floor(math.log2(target / elapsed))
        log2_n = _clamp(params.log2_n + steps, SCRYPT_MIN.log2_n, top_log2_n)
        if log2_n != params.log2_n:
            params = replace(params, log2_n=log2_n)
            elapsed = _time_one(params, clock, derive)
    if elapsed < target:
        p = _clamp(int(params.p * target / elapsed), SCRYPT_MIN.p, SCRYPT_MAX_P)
        params = replace(params, p=p)
    return params
