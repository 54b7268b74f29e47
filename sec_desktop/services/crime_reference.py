"""The force's crime reference format, checked wherever a crime reference is typed.

Forces number their crimes differently (letters for the force or the district, a running
number of five to eight digits, the year; slashes or none), and change their systems, so
the format is the user's to set: a regular expression and an example of a reference that
matches it, kept in the vault's facts (`vault_fact`). The example is what a refusal shows,
so the user sees what a valid reference looks like instead of a pattern.

References are compared as normalised: spaces at either end removed, in capitals. A
pattern must match the whole reference, ignoring case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import validation as check
from sec_desktop.services.errors import FieldError, ValidationFailed
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

PATTERN_FACT = "crime_reference_pattern"
EXAMPLE_FACT = "crime_reference_example"
# Two letters, a slash, five to eight digits, a slash, a two-digit year: GW/012345/26.
DEFAULT_PATTERN = r"[A-Z]{2}/[0-9]{5,8}/[0-9]{2}"
DEFAULT_EXAMPLE = "GW/012345/26"
MAX_PATTERN_LENGTH = 200
# As long as the records keep a reference (scrutiny cases, disclosures).
MAX_REFERENCE_LENGTH = 40


def normalise(reference: str) -> str:
    """A reference as kept: no spaces at either end, in capitals."""
    return reference.strip().upper()


def _compiled(pattern: str) -> re.Pattern[str]:
    # The pattern is the coordinator's own, for her force; references are at most 40
    # characters, which keeps matching quick for any pattern a force would write.
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class CrimeReferenceFormat:
    """A pattern every reference must match as a whole, and an example that matches it."""

    pattern: str
    example: str

    def problems(self) -> list[FieldError]:
        """What stops this format being used (field "pattern" or "example"), or nothing."""
        pattern_error = _pattern_problem(self.pattern)
        if pattern_error is not None:
            return [pattern_error]
        example = normalise(self.example)
        if not example:
            return [
                FieldError(
                    "example",
                    QT_TRANSLATE_NOOP(
                        "Records", "Type an example of a crime reference in this format."
                    ),
                )
            ]
        too_long = check.text("example", example, MAX_REFERENCE_LENGTH)
        if too_long is not None:
            return [too_long]
        if _compiled(self.pattern).fullmatch(example) is None:
            return [
                FieldError(
                    "example",
                    QT_TRANSLATE_NOOP(
                        "Records",
                        "The example does not match the pattern: change one of them so that "
                        "they agree.",
                    ),
                )
            ]
        return []

    def check(self, reference: str, field: str = "crime_reference") -> FieldError | None:
        """None if `reference` (normalised) is in this format; otherwise what a valid one
        looks like."""
        value = normalise(reference)
        if not value:
            return FieldError(field, QT_TRANSLATE_NOOP("Records", "Type the crime reference."))
        wrong = FieldError(
            field,
            QT_TRANSLATE_NOOP(
                "Records",
                "This is not a crime reference in your force's format: it should look like "
                "{example}.",
            ),
            {"example": normalise(self.example)},
        )
        if check.text(field, value, MAX_REFERENCE_LENGTH) is not None:
            return wrong
        try:
            matched = _compiled(self.pattern).fullmatch(value) is not None
        except re.error:
            matched = False  # never stored (set_format refuses it); the default is used
        return None if matched else wrong


DEFAULT_FORMAT = CrimeReferenceFormat(DEFAULT_PATTERN, DEFAULT_EXAMPLE)


def _pattern_problem(pattern: str) -> FieldError | None:
    if not pattern.strip():
        return FieldError(
            "pattern",
            QT_TRANSLATE_NOOP("Records", "Type the pattern that a crime reference must match."),
        )
    if len(pattern) > MAX_PATTERN_LENGTH:
        return FieldError(
            "pattern",
            QT_TRANSLATE_NOOP("Records", "This pattern is too long: at most {limit} characters."),
            {"limit": MAX_PATTERN_LENGTH},
        )
    try:
        compiled = _compiled(pattern)
    except (re.error, OverflowError, RecursionError) as error:
        where = getattr(error, "pos", None)
        return FieldError(
            "pattern",
            QT_TRANSLATE_NOOP(
                "Records",
                "This pattern cannot be used: the part from character {position} is not "
                "written right. Check its brackets, braces and backslashes.",
            ),
            {"position": (where or 0) + 1},
        )
    if compiled.fullmatch("") is not None:
        return FieldError(
            "pattern",
            QT_TRANSLATE_NOOP(
                "Records",
                "This pattern accepts an empty reference: make it ask for at least one character.",
            ),
        )
    return None


@dataclass
class CrimeReferenceService:
    vault: Vault

    def format(self) -> CrimeReferenceFormat:
        """The format set for this vault, or the default if none (or a broken one) is set."""
        with self.vault.reading() as session:
            facts: dict[str, str] = dict(
                session.execute(
                    text("SELECT name, value FROM vault_fact WHERE name IN (:pattern, :example)"),
                    {"pattern": PATTERN_FACT, "example": EXAMPLE_FACT},
                ).all()
            )
        stored = CrimeReferenceFormat(
            str(facts.get(PATTERN_FACT, "")), str(facts.get(EXAMPLE_FACT, ""))
        )
        return stored if stored.pattern and not stored.problems() else DEFAULT_FORMAT

    def set_format(self, pattern: str, example: str) -> CrimeReferenceFormat:
        """Keep a new format (refused, with what to change, if it cannot be used)."""
        wanted = CrimeReferenceFormat(pattern, normalise(example))
        problems = wanted.problems()
        if problems:
            raise ValidationFailed(problems)
        with self.vault.writing(AuditEvent.RECORD_SETTING_CHANGED, "crime reference format") as s:
            for name, value in ((PATTERN_FACT, wanted.pattern), (EXAMPLE_FACT, wanted.example)):
                s.execute(
                    text("INSERT OR REPLACE INTO vault_fact (name, value) VALUES (:name, :value)"),
                    {"name": name, "value": value},
                )
        return wanted

    def check(self, reference: str, field: str = "crime_reference") -> FieldError | None:
        return self.format().check(reference, field)
