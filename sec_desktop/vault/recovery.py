"""The recovery key: 160 random bits, shown once, printable, easy to read aloud and type.

Written as RFC 4648 Base32 (letters A-Z and digits 2-7, no padding): 32 characters for
the key, then 4 for a checksum, in 9 groups of 4 joined by "-":

    ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-CHCK

The checksum is the key, read as a number, modulo the prime 1,048,573 (just under 2^20,
so it fills the 4 characters). A wrong character changes that number by d * 32^k with
0 < |d| < 32, and a swap of neighbours by a multiple of 31 * 32^k: a prime above 32 never
divides either, so every single typo and every swap of neighbouring characters is caught
(the tests check each position), not merely most of them as with a truncated hash.
Other mistakes slip through about once in a million.
Parsing forgives spaces, dashes, lower case and the look-alikes 0, 1 and 8 (for O, I, B),
so a typo is reported before any decryption is tried.
"""

from __future__ import annotations

import base64
import re
import secrets
import unicodedata

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.vault.errors import InvalidRecoveryKey

RECOVERY_KEY_BYTES = 20
GROUP_SIZE = 4
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_KEY_CHARS = RECOVERY_KEY_BYTES * 8 // 5  # 32: 160 bits, no padding needed
_CHECKSUM_CHARS = 4  # 20 bits
_CHECKSUM_PRIME = 1_048_573  # the largest prime below 2**20
RECOVERY_KEY_CHARS = _KEY_CHARS + _CHECKSUM_CHARS
# Characters people type for the ones they see; none of them is in the alphabet.
_LOOK_ALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})
# Spaces and every kind of dash, which people and word processors put between groups.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212_.]+")


def new_recovery_key() -> bytes:
    return secrets.token_bytes(RECOVERY_KEY_BYTES)


def _checksum(key: bytes) -> str:
    value = int.from_bytes(key, "big") % _CHECKSUM_PRIME
    chars = []
    for _ in range(_CHECKSUM_CHARS):
        value, digit = divmod(value, 32)
        chars.append(_ALPHABET[digit])
    return "".join(reversed(chars))


def format_recovery_key(key: bytes) -> str:
    """The key as the user sees it: 9 groups of 4 characters joined by "-"."""
    if len(key) != RECOVERY_KEY_BYTES:
        raise ValueError(f"a recovery key is {RECOVERY_KEY_BYTES} bytes, not {len(key)}")
    text = base64.b32encode(key).decode("ascii") + _checksum(key)
    return "-".join(text[i : i + GROUP_SIZE] for i in range(0, len(text), GROUP_SIZE))


def _canonical(text: str) -> str:
    # NFKC turns full-width letters and digits (East Asian input methods) into ASCII.
    text = unicodedata.normalize("NFKC", text)
    return _SEPARATORS.sub("", text).upper().translate(_LOOK_ALIKES)


def parse_recovery_key(text: str) -> bytes:
    """The key from what the user typed. Raises InvalidRecoveryKey (saying what is wrong)
    when the length, a character or the checksum is not right."""
    typed = _canonical(text)
    if len(typed) != RECOVERY_KEY_CHARS:
        raise InvalidRecoveryKey(
            QT_TRANSLATE_NOOP(
                "Vault",
                "A recovery key has {expected} letters and digits (9 groups of 4), but "
                "{count} were entered. Check that no group is missing or typed twice.",
            ),
            expected=RECOVERY_KEY_CHARS,
            count=len(typed),
        )
    if any(char not in _ALPHABET for char in typed):
        raise InvalidRecoveryKey(
            QT_TRANSLATE_NOOP(
                "Vault",
                "A recovery key has only the letters A to Z and the digits 2 to 7. "
                "Check each group against the printed sheet.",
            )
        )
    key = base64.b32decode(typed[:_KEY_CHARS])
    if typed[_KEY_CHARS:] != _checksum(key):
        raise InvalidRecoveryKey()
    return key
