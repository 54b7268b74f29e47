from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sec_desktop.crash_report import build_report, format_exception

PLANTED = "Planted Personname 07700 900123"


def _fail_while_handling_a_survivor() -> None:
    survivor_name = PLANTED  # a local value the report must never show
    raise ValueError(f"could not save the record of {survivor_name}")


def _caught() -> BaseException:
    try:
        _fail_while_handling_a_survivor()
    except ValueError as error:
        return error
    raise AssertionError("expected a failure")


def test_report_locates_the_fault_without_the_message() -> None:
    report = build_report(_caught(), {"Qt": "6.x"}, now=datetime(2026, 11, 25, tzinfo=UTC))
    assert PLANTED not in report
    assert "Planted" not in report
    assert "ValueError (message withheld" in report
    assert "_fail_while_handling_a_survivor" in report
    assert "tests/test_crash_report.py" not in report  # only the file name, no full path
    assert 'File "test_crash_report.py"' in report
    assert "Time: 2026-11-25 00:00:00 UTC" in report
    assert "Qt: 6.x" in report
    assert "SEC Desktop: " in report


def test_chained_causes_are_listed_without_their_messages() -> None:
    names = {PLANTED: 1}
    wanted = "Other " + PLANTED

    def outer() -> None:
        try:
            names[wanted]
        except KeyError as error:
            raise RuntimeError(f"while looking up {wanted}") from error

    try:
        outer()
    except RuntimeError as error:
        lines = format_exception(error)
    text = "\n".join(lines)
    assert "Planted" not in text
    assert text.index("KeyError") < text.index("which led to:") < text.index("RuntimeError")


def test_source_lines_are_code_not_values() -> None:
    # The line shown is the program text, which names the variable, never its value.
    text = "\n".join(format_exception(_caught()))
    assert "{survivor_name}" in text
    assert PLANTED not in text


def test_a_cycle_in_the_context_chain_ends() -> None:
    first = ValueError("a")
    second = ValueError("b")
    first.__context__ = second
    second.__context__ = first
    assert "ValueError" in "\n".join(format_exception(first))


def test_home_folder_is_not_in_paths() -> None:
    home = str(Path.home())
    report = build_report(_caught(), {})
    assert home not in report
