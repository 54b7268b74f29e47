"""Checks of single fields, shared by every form: each returns a FieldError or None."""

from __future__ import annotations

import re
from datetime import date

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services.errors import FieldError, ValidationFailed

# A deliberately plain check: one @, no spaces, a dot in the domain. Real addresses that
# fail it are vanishingly rare; typos that pass it are caught by the person reading it.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-]+$")
MIN_PHONE_DIGITS = 10
MAX_PHONE_DIGITS = 15
# The longest a phone number may be as typed, spaces and brackets included: as kept.
MAX_PHONE_LENGTH = 40
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def raise_if_any(errors: list[FieldError | None]) -> None:
    found = [error for error in errors if error is not None]
    if found:
        raise ValidationFailed(found)


def required(field: str, value: str, limit: int) -> FieldError | None:
    if not value.strip():
        return FieldError(field, QT_TRANSLATE_NOOP("Records", "This cannot be left empty."))
    return text(field, value, limit)


def text(field: str, value: str, limit: int) -> FieldError | None:
    if len(value) > limit:
        return FieldError(
            field,
            QT_TRANSLATE_NOOP("Records", "This is too long: at most {limit} characters."),
            {"limit": limit},
        )
    if _CONTROL.search(value):
        return FieldError(
            field, QT_TRANSLATE_NOOP("Records", "This contains characters that cannot be kept.")
        )
    return None


def email(field: str, value: str) -> FieldError | None:
    value = value.strip()
    if not value:
        return None
    if len(value) > 254 or not _EMAIL.match(value) or _CONTROL.search(value):
        return FieldError(
            field,
            QT_TRANSLATE_NOOP(
                "Records", "This is not an email address: it should look like name@example.org."
            ),
        )
    return None


def phone(field: str, value: str) -> FieldError | None:
    value = value.strip()
    if not value:
        return None
    digits = sum(ch.isdigit() for ch in value)
    if (
        len(value) > MAX_PHONE_LENGTH
        or not _PHONE_CHARACTERS.match(value)
        or not MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS
    ):
        return FieldError(
            field,
            QT_TRANSLATE_NOOP(
                "Records",
                "This is not a phone number: use digits, spaces and an optional + at the "
                "start, for example 07700 900123.",
            ),
        )
    return None


def not_in_future(field: str, value: date | None, today: date) -> FieldError | None:
    if value is not None and value > today:
        return FieldError(
            field, QT_TRANSLATE_NOOP("Records", "This date is in the future: use today or earlier.")
        )
    return None


def not_in_past(
    field: str, value: date | None, today: date, unchanged_from: date | None = None
) -> FieldError | None:
    """A review or follow-up date: today or later (a date already saved may stay)."""
    if value is not None and value < today and value != unchanged_from:
        return FieldError(
            field,
            QT_TRANSLATE_NOOP(
                "Records", "This review date has already passed: choose today or a later date."
            ),
        )
    return None


def not_before(
    field: str, value: date | None, earliest: date | None, message: str
) -> FieldError | None:
    if value is not None and earliest is not None and value < earliest:
        return FieldError(field, message)
    return None
