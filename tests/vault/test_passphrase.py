"""The passphrase rule (12 characters and a "Strong" score) and the strength meter."""

from __future__ import annotations

import time

import pytest

from sec_desktop.vault.errors import EXIT_ERROR, WeakPassphrase
from sec_desktop.vault.passphrase import (
    LABELS,
    MIN_LENGTH,
    MIN_SCORE,
    assess,
    check_new_passphrase,
    describe_guess_time,
)

FIVE_WORDS = "ferret lantern quota basalt humming"


def test_the_rule() -> None:
    assert (MIN_LENGTH, MIN_SCORE) == (12, 3)
    assert LABELS == ("Very weak", "Weak", "Fair", "Strong", "Very strong")


@pytest.mark.parametrize(
    "passphrase", [FIVE_WORDS, "marble tugboat violet orchard", "Kettle-Sparrow-Quilt-Nimbus"]
)
def test_a_few_unrelated_words_are_accepted(passphrase: str) -> None:
    strength = assess(passphrase)
    assert strength.acceptable
    assert strength.score >= MIN_SCORE
    assert strength.label == LABELS[strength.score]
    assert strength.problems == []
    assert strength.guess_seconds > 3600 * 24 * 365
    check_new_passphrase(passphrase, passphrase)


@pytest.mark.parametrize(
    "passphrase",
    ["password1234", "aaaaaaaaaaaaaaaaaaaa", "qwertyuiopasdf", "secdesktopsecdesktop"],
)
def test_a_guessable_passphrase_is_refused(passphrase: str) -> None:
    strength = assess(passphrase)
    assert not strength.acceptable
    assert strength.score < MIN_SCORE
    assert strength.english_problems() == [
        "This passphrase is easy to guess: try four or five unrelated words."
    ]
    with pytest.raises(WeakPassphrase) as refused:
        check_new_passphrase(passphrase, passphrase)
    assert str(refused.value) == (
        "This passphrase is easy to guess: try four or five unrelated words."
    )
    assert refused.value.exit_code == EXIT_ERROR


def test_password1234_in_detail() -> None:
    strength = assess("password1234")
    assert (strength.score, strength.label) == (1, "Weak")
    assert strength.guess_time.english() in {"less than a second", "about a second"}


def test_eleven_characters_are_refused_for_length_however_random() -> None:
    eleven = "Xq7#vL9!pRz"
    assert len(eleven) == 11
    strength = assess(eleven)
    assert strength.english_problems() == ["Use at least 12 characters."]
    with pytest.raises(WeakPassphrase) as refused:
        check_new_passphrase(eleven, eleven)
    assert str(refused.value) == "Use at least 12 characters."
    # Marked message and values kept apart, for translation.
    assert refused.value.message == "Use at least {min_length} characters."
    assert refused.value.values == {"min_length": 12}


def test_short_and_guessable_reports_length_first() -> None:
    strength = assess("abc")
    assert strength.english_problems() == [
        "Use at least 12 characters.",
        "This passphrase is easy to guess: try four or five unrelated words.",
    ]
    with pytest.raises(WeakPassphrase, match="at least 12 characters"):
        check_new_passphrase("abc", "abc")


def test_the_empty_passphrase() -> None:
    strength = assess("")
    assert (strength.score, strength.label, strength.acceptable) == (0, "Very weak", False)
    assert len(strength.problems) == 2


def test_the_two_passphrases_must_be_the_same() -> None:
    with pytest.raises(WeakPassphrase) as refused:
        check_new_passphrase(FIVE_WORDS, FIVE_WORDS + " ")
    assert str(refused.value) == "The two passphrases are not the same."
    # Checked first: even a weak pair is told it does not match.
    with pytest.raises(WeakPassphrase, match="not the same"):
        check_new_passphrase("a", "b")


def test_the_same_passphrase_composed_differently_matches() -> None:
    composed = "crème brûlée lantern quota basalt"
    decomposed = "cre\u0300me bru\u0302le\u0301e lantern quota basalt"
    check_new_passphrase(composed, decomposed)


def test_app_words_count_for_little() -> None:
    assert assess("survivorvaultgwent").score < assess("ferretlanternquota").score


def test_length_counts_in_full_but_only_the_start_is_evaluated() -> None:
    long_weak = "a" * 20_000
    start = time.perf_counter()
    strength = assess(long_weak)
    assert time.perf_counter() - start < 2.0
    assert strength.english_problems() == [
        "This passphrase is easy to guess: try four or five unrelated words."
    ]
    assert assess(FIVE_WORDS + "!" * 10_000).acceptable


@pytest.mark.parametrize(
    ("seconds", "english"),
    [
        (0.0, "less than a second"),
        (0.99, "less than a second"),
        (1.2, "about a second"),
        (42.0, "about 42 seconds"),
        (90.0, "about 2 minutes"),
        (3600.0, "about an hour"),
        (5 * 3600.0, "about 5 hours"),
        (3 * 86400.0, "about 3 days"),
        (2 * 365.25 * 86400, "about 2 years"),
        (1e12, "centuries"),
        (float("inf"), "centuries"),
    ],
)
def test_the_guess_time_in_words(seconds: float, english: str) -> None:
    assert describe_guess_time(seconds).english() == english
