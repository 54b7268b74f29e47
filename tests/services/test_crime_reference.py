"""The force's crime reference format: checking (never raising, normalising, saying what a
valid reference looks like), and setting it (refused in words when it cannot be used,
kept in the vault and audited when it can)."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sec_desktop.services.crime_reference import (
    DEFAULT_EXAMPLE,
    DEFAULT_FORMAT,
    DEFAULT_PATTERN,
    MAX_PATTERN_LENGTH,
    CrimeReferenceFormat,
    normalise,
)
from sec_desktop.services.errors import ValidationFailed
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

WRONG = "This is not a crime reference in your force's format: it should look like {example}."


@st.composite
def formats(draw: st.DrawFn) -> CrimeReferenceFormat:
    """A format a force might use (letters, digits, separators), with a matching example."""
    pattern, example_ = "", ""
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["letters", "digits", "separator"]))
        if kind == "separator":
            separator = draw(st.sampled_from(["/", "-", ":", "."]))
            pattern += "\\" + separator
            example_ += separator
            continue
        low = draw(st.integers(1, 4))
        high = draw(st.integers(low, 8))
        alphabet = string.ascii_uppercase if kind == "letters" else string.digits
        pattern += f"[{'A-Z' if kind == 'letters' else '0-9'}]{{{low},{high}}}"
        example_ += draw(st.text(alphabet, min_size=low, max_size=high))
    return CrimeReferenceFormat(pattern, draw(st.sampled_from([example_, example_.lower()])))


# --- checking ------------------------------------------------------------------------------


def test_the_default_format_and_what_a_refusal_says() -> None:
    assert CrimeReferenceFormat(DEFAULT_PATTERN, DEFAULT_EXAMPLE) == DEFAULT_FORMAT
    assert DEFAULT_FORMAT.problems() == []
    for typed in ("GW/012345/26", "  gw/12345678/25 ", "NP/00001/99"):
        assert DEFAULT_FORMAT.check(typed) is None, typed
    for typed in (
        "GW-012345-26",
        "GW/1234/26",
        "GW/123456789/26",
        "G1/012345/26",
        "GW/012345/2026",
    ):
        error = DEFAULT_FORMAT.check(typed)
        assert error is not None, typed
        assert (error.field, error.message) == ("crime_reference", WRONG)
        assert error.english() == WRONG.format(example="GW/012345/26")
    empty = DEFAULT_FORMAT.check("   ")
    assert empty is not None and empty.english() == "Type the crime reference."
    # A control character or a great length is refused the same way, without matching.
    assert DEFAULT_FORMAT.check("GW/012345/26\x00") is not None
    assert DEFAULT_FORMAT.check("GW/" + "1" * 60 + "/26") is not None


@given(st.text(), formats())
@example("\x00", DEFAULT_FORMAT)
@example("ß/012345/26", DEFAULT_FORMAT)
def test_checking_never_raises_on_any_text(typed: str, format_: CrimeReferenceFormat) -> None:
    for checked in (DEFAULT_FORMAT, format_):
        error = checked.check(typed)
        assert error is None or error.english()


@given(
    st.from_regex(DEFAULT_PATTERN, fullmatch=True),
    st.sampled_from(["", " ", "\t", "  \n"]),
    st.booleans(),
)
def test_an_accepted_reference_normalises_to_itself(
    reference: str, padding: str, lower: bool
) -> None:
    typed = padding + (reference.lower() if lower else reference) + padding
    if DEFAULT_FORMAT.check(typed) is not None:
        return  # from_regex may use letters [A-Z] does not mean (it is case-blind)
    kept = normalise(typed)
    assert normalise(kept) == kept
    assert DEFAULT_FORMAT.check(kept) is None
    assert kept == kept.strip().upper()


@given(formats())
def test_every_format_a_force_might_use_accepts_its_own_example(
    format_: CrimeReferenceFormat,
) -> None:
    assert format_.problems() == []
    assert format_.check(format_.example) is None


# --- setting -------------------------------------------------------------------------------


def audit_rows(vault: Vault) -> list[audit.AuditRow]:
    with vault.engine.connect() as connection:
        return audit.rows(connection)


@pytest.mark.parametrize(
    ("pattern", "example_", "field", "message"),
    [
        ("", "X", "pattern", "Type the pattern that a crime reference must match."),
        ("[A-Z", "A", "pattern", "the part from character 1 is not written right"),
        ("AB(12", "AB12", "pattern", "the part from character 3 is not written right"),
        ("A" * (MAX_PATTERN_LENGTH + 1), "A", "pattern", "at most 200 characters"),
        ("[0-9]*", "123", "pattern", "accepts an empty reference"),
        ("[0-9]{6}", "12345", "example", "The example does not match the pattern"),
        ("[0-9]{6}", " ", "example", "Type an example of a crime reference"),
    ],
)
def test_a_format_that_cannot_be_used_is_refused_in_words(
    services: RecordServices, pattern: str, example_: str, field: str, message: str
) -> None:
    references = services.scrutiny.references
    before = len(audit_rows(references.vault))
    with pytest.raises(ValidationFailed) as refused:
        references.set_format(pattern, example_)
    (error,) = refused.value.errors
    assert error.field == field
    assert message in error.english()
    assert references.format() == DEFAULT_FORMAT
    assert len(audit_rows(references.vault)) == before


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(format_=formats())
def test_a_format_set_is_kept_and_audited_without_its_pattern(
    services: RecordServices, records_vault: Vault, format_: CrimeReferenceFormat
) -> None:
    references = services.scrutiny.references
    kept = references.set_format(format_.pattern, format_.example)
    assert kept == CrimeReferenceFormat(format_.pattern, normalise(format_.example))
    assert references.format() == kept
    assert references.check(format_.example) is None
    last = audit_rows(records_vault)[-1]
    assert (last.event, last.detail) == (
        AuditEvent.RECORD_SETTING_CHANGED,
        "crime reference format",
    )
