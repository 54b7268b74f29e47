"""How strong a passphrase is, and the rule a new one must meet.

Strength comes from zxcvbn (Dropbox's estimator: dictionaries, names, keyboard patterns,
dates, l33t), told about words an attacker aiming at this app would try first. A new
passphrase needs at least MIN_LENGTH characters and a score of at least MIN_SCORE
("Strong": about 10^10 guesses). Messages are marked for translation (context "Vault")
with {placeholders} filled from `values` after translating.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.vault.errors import WeakPassphrase

MIN_LENGTH = 12
MIN_SCORE = 3
# zxcvbn's time grows steeply with length; beyond this many characters it only slows the
# meter down (a passphrase that long and still weak in its first part is rare).
MAX_EVALUATED_CHARS = 100
# Guesses per second assumed for the estimate shown under the meter: a well-equipped
# offline attacker against a slow, memory-hard key derivation (zxcvbn's "slow hashing").
GUESSES_PER_SECOND = 1e4
# Words an attacker who knows where the vault came from would try first.
APP_WORDS = (
    "sec",
    "desktop",
    "sec desktop",
    "survivor",
    "engagement",
    "coordinator",
    "police",
    "gwent",
    "vault",
    "passphrase",
)

LABELS = (
    QT_TRANSLATE_NOOP("Vault", "Very weak"),
    QT_TRANSLATE_NOOP("Vault", "Weak"),
    QT_TRANSLATE_NOOP("Vault", "Fair"),
    QT_TRANSLATE_NOOP("Vault", "Strong"),
    QT_TRANSLATE_NOOP("Vault", "Very strong"),
)
TOO_SHORT = QT_TRANSLATE_NOOP("Vault", "Use at least {min_length} characters.")
TOO_GUESSABLE = QT_TRANSLATE_NOOP(
    "Vault", "This passphrase is easy to guess: try four or five unrelated words."
)
MISMATCH = QT_TRANSLATE_NOOP("Vault", "The two passphrases are not the same.")

_VALUES: Mapping[str, object] = {"min_length": MIN_LENGTH}
# zxcvbn keeps the user inputs in a module-level dictionary while it runs.
_ZXCVBN_LOCK = threading.Lock()

_MINUTE = 60.0
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR
_YEAR = 365.25 * _DAY
_CENTURY = 100 * _YEAR


@dataclass(frozen=True)
class Message:
    """A message marked for translation (context "Vault"), with its {placeholder} values."""

    text: str
    values: Mapping[str, object] = field(default_factory=dict)

    def english(self) -> str:
        return self.text.format(**self.values)


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (very weak) to 4 (very strong)
    label: str  # marked for translation
    acceptable: bool
    # Why a new vault would refuse it, marked for translation; fill from `values`.
    problems: list[str]
    guesses: float  # zxcvbn's estimate of the guesses needed
    guess_seconds: float  # at GUESSES_PER_SECOND
    guess_time: Message  # guess_seconds in words, for the meter
    values: Mapping[str, object] = field(default_factory=lambda: dict(_VALUES))

    def english_problems(self) -> list[str]:
        return [problem.format(**self.values) for problem in self.problems]


def _estimate(passphrase: str) -> tuple[int, float]:
    """zxcvbn's score and guesses for the first MAX_EVALUATED_CHARS characters."""
    head = passphrase[:MAX_EVALUATED_CHARS]
    if not head:  # zxcvbn fails on the empty string
        return 0, 1.0
    # Loaded here, not at import: its dictionaries take about 13 MiB, and only creating a
    # vault or changing its passphrase needs them.
    from zxcvbn import zxcvbn  # type: ignore[import-untyped, unused-ignore]  # noqa: PLC0415

    with _ZXCVBN_LOCK:
        result = zxcvbn(head, user_inputs=list(APP_WORDS), max_length=MAX_EVALUATED_CHARS)
    return int(result["score"]), float(result["guesses"])


# (below this many seconds, one unit, several units), in order.
_DURATIONS: tuple[tuple[float, str, str], ...] = (
    (
        _MINUTE,
        QT_TRANSLATE_NOOP("Vault", "about a second"),
        QT_TRANSLATE_NOOP("Vault", "about {count} seconds"),
    ),
    (
        _HOUR,
        QT_TRANSLATE_NOOP("Vault", "about a minute"),
        QT_TRANSLATE_NOOP("Vault", "about {count} minutes"),
    ),
    (
        _DAY,
        QT_TRANSLATE_NOOP("Vault", "about an hour"),
        QT_TRANSLATE_NOOP("Vault", "about {count} hours"),
    ),
    (
        _YEAR,
        QT_TRANSLATE_NOOP("Vault", "about a day"),
        QT_TRANSLATE_NOOP("Vault", "about {count} days"),
    ),
    (
        _CENTURY,
        QT_TRANSLATE_NOOP("Vault", "about a year"),
        QT_TRANSLATE_NOOP("Vault", "about {count} years"),
    ),
)


def describe_guess_time(seconds: float) -> Message:
    """A rough duration for the meter, as a marked message."""
    if seconds < 1:
        return Message(QT_TRANSLATE_NOOP("Vault", "less than a second"))
    unit = 1.0
    for limit, one, many in _DURATIONS:
        if seconds < limit:
            count = round(seconds / unit)
            return Message(one) if count <= 1 else Message(many, {"count": count})
        unit = limit
    return Message(QT_TRANSLATE_NOOP("Vault", "centuries"))


def assess(passphrase: str) -> Strength:
    """How strong the passphrase is and, if a new vault would refuse it, why."""
    normalized = unicodedata.normalize("NFC", passphrase)
    score, guesses = _estimate(normalized)
    problems = []
    if len(normalized) < MIN_LENGTH:
        problems.append(TOO_SHORT)
    if score < MIN_SCORE:
        problems.append(TOO_GUESSABLE)
    seconds = guesses / GUESSES_PER_SECOND
    return Strength(
        score=score,
        label=LABELS[score],
        acceptable=not problems,
        problems=problems,
        guesses=guesses,
        guess_seconds=seconds,
        guess_time=describe_guess_time(seconds),
    )


def check_new_passphrase(passphrase: str, confirmation: str) -> None:
    """Raise WeakPassphrase saying why, unless the passphrase may protect a vault."""
    if unicodedata.normalize("NFC", passphrase) != unicodedata.normalize("NFC", confirmation):
        raise WeakPassphrase(MISMATCH)
    strength = assess(passphrase)
    if strength.problems:
        # The first problem is the one to fix first: length before guessability.
        raise WeakPassphrase(strength.problems[0], **strength.values)
