"""Rotating log files under the user's log folder, with no personal data in them.

Log messages are written by our own code and name events, never record contents. The one
way content could slip in, an exception's message in a logged traceback, is closed by
formatting every traceback through `crash_report.format_exception`, which withholds it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sec_desktop.crash_report import format_exception
from sec_desktop.paths import ensure_private_dir

LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5
_HANDLER_NAME = "sec-desktop-file"
_EARLY_NAME = "sec-desktop-early"


class SafeFormatter(logging.Formatter):
    """Formats tracebacks without exception messages."""

    def formatException(self, ei: logging._SysExcInfoType) -> str:  # noqa: N802 (logging API)
        exc = ei[1]
        if exc is None:
            return ""
        return "\n".join(format_exception(exc))


class _EarlyRecords(logging.Handler):
    """Keeps what is logged before the log file is opened: the app opens it only once its
    first window is on screen (`logging.handlers` alone takes a tenth of an empty window's
    start), and nothing logged meanwhile may be lost."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.set_name(_EARLY_NAME)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def hold_early_records(level: int = logging.INFO) -> None:
    """Keep the `sec_desktop` records in memory until `configure_logging` writes them."""
    logger = logging.getLogger("sec_desktop")
    if not any(h.get_name() == _EARLY_NAME for h in logger.handlers):
        logger.addHandler(_EarlyRecords())
    logger.setLevel(level)


def configure_logging(log_file: Path, level: int = logging.INFO) -> logging.Handler:
    """Send the `sec_desktop` loggers to a rotating file; safe to call more than once.
    Records held since `hold_early_records` are written first, in order."""
    import logging.handlers  # noqa: PLC0415 (after the first window: see _EarlyRecords)

    ensure_private_dir(log_file.parent)
    close_logging()
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("sec_desktop")
    for early in [h for h in logger.handlers if isinstance(h, _EarlyRecords)]:
        logger.removeHandler(early)
        for record in early.records:
            if record.levelno >= level:
                handler.handle(record)
    logger.addHandler(handler)
    logger.setLevel(level)
    return handler


def drop_early_records() -> None:
    """Stop holding records (the log file could not be opened): they are discarded."""
    logger = logging.getLogger("sec_desktop")
    for early in [h for h in logger.handlers if isinstance(h, _EarlyRecords)]:
        logger.removeHandler(early)


def close_logging() -> None:
    """Detach and close the file handler (before its folder is removed, say)."""
    logger = logging.getLogger("sec_desktop")
    for existing in list(logger.handlers):
        if existing.get_name() == _HANDLER_NAME:
            logger.removeHandler(existing)
            existing.close()
