"""The benchmark harness's bookkeeping (no timings here: `make bench` runs those)."""

from __future__ import annotations

import json

import pytest

from bench import __main__ as bench_main
from bench.harness import Result, table


def test_a_ratio_target_compares_the_value_with_its_floor() -> None:
    assert Result("save", 1, 0.004, 0.002, max_ratio=2.0).met
    assert not Result("save", 1, 0.0041, 0.002, max_ratio=2.0).met
    assert Result("save", 1, 0.0041, 0.002, max_ratio=2.0).ratio == pytest.approx(2.05)


def test_a_ceiling_and_a_ratio_must_both_hold() -> None:
    def pdf(value: float, floor: float) -> Result:
        return Result("pdf", 10, value, floor, max_value=1.0, max_ratio=1.5)

    assert pdf(0.9, 0.7).met
    assert not pdf(1.1, 1.0).met  # over the ceiling
    assert not pdf(0.9, 0.5).met  # over the ratio


def test_a_ratio_target_without_a_floor_is_not_met() -> None:
    assert not Result("start", None, 0.2, None, max_ratio=1.5).met
    assert not Result("start", None, 0.2, 0.0, max_ratio=1.5).met


def test_memory_is_shown_in_mebibytes_and_times_in_milliseconds() -> None:
    shown = table(
        [
            Result("peak memory", 100, 312.5, 60.0, unit="MiB", max_value=400),
            Result("search", 100, 0.0153, 0.0011, max_value=0.1),
        ]
    )
    assert "312.5 MiB" in shown
    assert "<= 400.0 MiB" in shown
    assert "15.3 ms" in shown
    assert "<= 100.0 ms" in shown


def test_a_result_survives_json() -> None:
    result = Result("save", 10, 0.02, 0.015, max_ratio=2.0, detail="16 MB")
    fields = json.loads(json.dumps(result.as_json()))
    assert fields["met"] is True
    assert fields["ratio"] == pytest.approx(0.02 / 0.015)
    assert fields["target"] == "<= 2x floor"
    assert Result.from_json(fields) == result


def test_a_group_that_fails_counts_as_a_missed_target() -> None:
    results = bench_main.run_group("no_such_group", repeat=1)
    assert len(results) == 1
    assert results[0].has_target
    assert not results[0].met
