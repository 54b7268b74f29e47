"""Properties of the single-field checks every form shares: phone, email, text, dates."""

from __future__ import annotations

import re
import string
from datetime import date, timedelta

from hypothesis import example, given
from hypothesis import strategies as st

from sec_desktop.services import validation as check
from sec_desktop.services.errors import FieldError, ValidationFailed

CONTROL = {chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)}
SEPARATORS = " -()"

# --- phone numbers ------------------------------------------------------------------------


@st.composite
def typed_phone_numbers(draw: st.DrawFn) -> str:
    """10 to 15 digits, perhaps a leading +, perhaps a separator between digits, perhaps
    blank space around: what people type, within the 40 characters kept."""
    digits = draw(st.text(string.digits, min_size=10, max_size=15))
    parts = [draw(st.sampled_from(["", "", " ", "-", " (", ") "])) + d for d in digits]
    number = draw(st.sampled_from(["", "+"])) + "".join(parts).lstrip(" )")
    padding = draw(st.sampled_from(["", " ", "\t", "  \n"]))
    return padding + number[: check.MAX_PHONE_LENGTH] + padding


@given(typed_phone_numbers())
@example("07700 900123")
@example("+44 7700 900123")
@example("(01632) 960-001")
def test_phone_numbers_as_people_type_them_are_accepted(value: str) -> None:
    stripped = value.strip()
    digits = sum(ch.isdigit() for ch in stripped)
    if len(stripped) <= check.MAX_PHONE_LENGTH and digits >= check.MIN_PHONE_DIGITS:
        assert check.phone("phone", value) is None
    else:  # the cut to 40 characters dropped digits below the minimum
        assert check.phone("phone", value) is not None


@given(st.text())
@example("07700 900123\x00")
@example("07700 900123" + "-" * 40)
@example("\u0660\u0667\u0667\u0660\u0660 \u0669\u0660\u0660\u0661\u0662\u0663")  # Arabic-Indic
@example("+44 +7700 900123")
def test_an_accepted_phone_number_is_only_digits_and_separators(value: str) -> None:
    if check.phone("phone", value) is not None:
        return
    stripped = value.strip()
    if not stripped:
        return  # empty is allowed: whether it is needed is the form's rule
    assert re.fullmatch(r"\+?[0-9 ()\-]+", stripped)
    digits = sum(ch in string.digits for ch in stripped)
    assert check.MIN_PHONE_DIGITS <= digits <= check.MAX_PHONE_DIGITS
    assert len(stripped) <= check.MAX_PHONE_LENGTH


@given(st.text(string.digits, min_size=1, max_size=40), st.sampled_from(string.ascii_letters))
def test_a_phone_number_with_a_letter_in_it_is_refused(digits: str, letter: str) -> None:
    middle = len(digits) // 2
    assert check.phone("phone", digits[:middle] + letter + digits[middle:]) is not None


@given(st.one_of(st.integers(1, check.MIN_PHONE_DIGITS - 1), st.integers(16, 30)))
def test_too_few_or_too_many_digits_are_refused(count: int) -> None:
    assert check.phone("phone", "1" * count) is not None


@given(st.text(" \t\n\r", max_size=5))
def test_a_blank_phone_or_email_is_no_error(value: str) -> None:
    assert check.phone("phone", value) is None
    assert check.email("email", value) is None


def test_a_phone_error_names_its_field_and_carries_no_input() -> None:
    error = check.phone("third_party_phone", "call 01632 960001 after six")
    assert error is not None
    assert error.field == "third_party_phone"
    assert "960001" not in error.english()


# --- email addresses ----------------------------------------------------------------------

LOCAL = st.text(string.ascii_letters + string.digits + "._%+-", min_size=1, max_size=30)
LABEL = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=20)
TLD = st.text(string.ascii_lowercase, min_size=2, max_size=6)


@given(LOCAL, st.lists(LABEL, min_size=1, max_size=3), TLD)
@example("a", ["b"], "cy")
@example("first.last+tag", ["mail", "example"], "org")
def test_plain_email_addresses_are_accepted(local: str, labels: list[str], tld: str) -> None:
    address = f"{local}@{'.'.join(labels)}.{tld}"
    assert check.email("email", f" {address} ") is None


@given(st.text(max_size=300))
@example("someone\x00@example.org")
@example("some one@example.org")
@example("someone@example")
@example("someone@@example.org")
@example("someone@example.o")
@example("someone@example.org.")
@example("a@" + "b" * 250 + ".org")
def test_an_accepted_email_address_has_the_plain_shape(value: str) -> None:
    if check.email("email", value) is not None:
        return
    stripped = value.strip()
    if not stripped:
        return
    assert len(stripped) <= 254
    assert stripped.count("@") == 1
    assert not any(ch.isspace() for ch in stripped)
    assert not CONTROL & set(stripped)
    local, domain = stripped.split("@")
    assert local
    name, dot, tld = domain.rpartition(".")
    assert name and dot and len(tld) >= 2


@given(LOCAL, LABEL, TLD)
def test_an_email_address_without_an_at_is_refused(local: str, label: str, tld: str) -> None:
    assert check.email("email", f"{local}{label}.{tld}") is not None


# --- text ---------------------------------------------------------------------------------


@given(st.text(max_size=60), st.integers(0, 50))
@example("tab\tand\nnew line\r", 50)
@example("bell\x07", 50)
@example("delete\x7f", 50)
def test_text_is_refused_exactly_when_too_long_or_holding_control_characters(
    value: str, limit: int
) -> None:
    error = check.text("notes", value, limit)
    too_long = len(value) > limit
    assert (error is not None) == (too_long or bool(CONTROL & set(value)))
    if too_long:
        assert error is not None
        assert error.values == {"limit": limit}
        assert str(limit) in error.english()


@given(st.text(max_size=40))
def test_required_text_is_refused_exactly_when_blank_or_otherwise_wrong(value: str) -> None:
    error = check.required("name", value, 30)
    if not value.strip():
        assert error is not None
        assert error.english() == "This cannot be left empty."
    else:
        assert error == check.text("name", value, 30)


# --- dates --------------------------------------------------------------------------------

DAYS = st.dates(date(2000, 1, 1), date(2100, 1, 1))


@given(DAYS, DAYS)
def test_not_in_future_and_not_in_past_split_the_calendar_at_today(day: date, today: date) -> None:
    assert (check.not_in_future("on", day, today) is None) == (day <= today)
    assert (check.not_in_past("review_on", day, today) is None) == (day >= today)
    assert check.not_in_future("on", None, today) is None
    assert check.not_in_past("review_on", None, today) is None


@given(DAYS, st.integers(1, 400))
def test_a_saved_date_may_stay_even_when_it_has_passed(saved: date, days_later: int) -> None:
    today = saved + timedelta(days=days_later)
    assert check.not_in_past("review_on", saved, today, unchanged_from=saved) is None
    assert check.not_in_past("review_on", saved, today, unchanged_from=today) is not None


@given(DAYS, DAYS)
def test_not_before(value: date, earliest: date) -> None:
    error = check.not_before("left_on", value, earliest, "Not before it began.")
    assert (error is None) == (value >= earliest)
    if error is not None:
        assert error == FieldError("left_on", "Not before it began.")


# --- gathering errors -----------------------------------------------------------------------


@given(st.lists(st.one_of(st.none(), st.sampled_from(["name", "email", "phone"])), max_size=6))
def test_raise_if_any_reports_every_error_in_order_and_only_errors(
    fields: list[str | None],
) -> None:
    errors = [FieldError(f, "Wrong.") if f is not None else None for f in fields]
    wanted = [f for f in fields if f is not None]
    if not wanted:
        check.raise_if_any(errors)
        return
    try:
        check.raise_if_any(errors)
    except ValidationFailed as failed:
        assert [e.field for e in failed.errors] == wanted
        assert failed.for_field(wanted[0]) == FieldError(wanted[0], "Wrong.")
    else:
        raise AssertionError("errors were not raised")
