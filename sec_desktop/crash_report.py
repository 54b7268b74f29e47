"""Crash reports that can be copied and logged without carrying personal data.

An exception's message and the values of local variables can hold anything the failing
code was handling, a survivor's name included (`KeyError('<name>')`, SQL parameters,
`ValueError(f"... {name}")`). So a report keeps only what locates the fault in the code:
exception types, the chain of causes, and each frame's file, line and function, with the
source line as written in the program. Never a message, an argument or a local value.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import sec_desktop

if TYPE_CHECKING:
    from datetime import datetime

_PACKAGE_ROOT = Path(sec_desktop.__file__).resolve().parent
# Chained exceptions deeper than this are summarised; a loop in __context__ must not hang us.
_MAX_CHAIN = 8


def _short_path(filename: str) -> str:
    """A path that says where in the code, without the user's home folder in it."""
    path = Path(filename)
    try:
        return str(Path("sec_desktop") / path.resolve().relative_to(_PACKAGE_ROOT))
    except (ValueError, OSError):
        pass
    parts = path.parts
    for marker in ("site-packages", "dist-packages", "lib-dynload"):
        if marker in parts:
            return str(Path(*parts[parts.index(marker) + 1 :]))
    if "python3" in "".join(parts[-3:-1]) or path.name in {"<frozen>", "<string>"}:
        return str(Path(*parts[-2:]))
    return path.name


def _type_name(exc: BaseException) -> str:
    cls = type(exc)
    return (
        cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"
    )


def _frames(tb: TracebackType | None) -> list[str]:
    import traceback  # noqa: PLC0415 (only for a report: kept off the start)

    lines = []
    for frame in traceback.extract_tb(tb):
        lines.append(
            f'  File "{_short_path(frame.filename)}", line {frame.lineno}, in {frame.name}'
        )
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    return lines


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and what caused it, oldest first, as Python prints them."""
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(chain) < _MAX_CHAIN:
        chain.append(current)
        seen.add(id(current))
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return list(reversed(chain))


def format_exception(exc: BaseException) -> list[str]:
    """The traceback lines of an exception and its causes, with every message left out."""
    lines: list[str] = []
    for index, item in enumerate(_chain(exc)):
        if index:
            lines.append("")
            lines.append("which led to:")
        lines.append("Traceback (most recent call last):")
        lines.extend(_frames(item.__traceback__))
        lines.append(f"{_type_name(item)} (message withheld: it may hold personal data)")
    return lines


def build_report(
    exc: BaseException,
    versions: Mapping[str, str],
    now: datetime | None = None,
) -> str:
    """The whole report: when, which versions, and the sanitised traceback."""
    import platform  # noqa: PLC0415 (only for a report: kept off the start)
    from datetime import UTC, datetime  # noqa: PLC0415 (only for a report: kept off the start)

    when = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M:%S UTC")
    header = [
        "SEC Desktop problem report",
        f"Time: {when}",
        f"SEC Desktop: {sec_desktop.__version__}",
        f"Python: {platform.python_version()} ({sys.implementation.name})",
        f"System: {platform.system()} {platform.release()} {platform.machine()}",
    ]
    header.extend(f"{name}: {value}" for name, value in versions.items())
    return "\n".join([*header, "", *format_exception(exc)]) + "\n"
