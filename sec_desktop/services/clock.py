"""Today's date and the current time, passed into services so tests can choose them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

Today = Callable[[], date]


def local_today() -> date:
    return date.today()


def utc_now() -> datetime:
    # Naive UTC, as SQLite's DateTime keeps it.
    return datetime.now(UTC).replace(tzinfo=None)
