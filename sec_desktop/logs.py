"""Rotating log files under the user's log folder, with no personal data in them.

Log messages are written by our own code and name events, never record contents. The one
way content could slip in, an exception's message in a logged traceback, is closed by
formatting every traceback through `crash_report.format_exception`, which withholds it.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from sec_desktop.crash_report import format_exception
from sec_desktop.paths import ensure_private_dir

LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5
_HANDLER_NAME = "sec-desktop-file"


class SafeFormatter(logging.Formatter):
    """Formats tracebacks without exception messages."""

    def formatException(self, ei: logging._SysExcInfoType) -> str:  # noqa: N802 (logging API)
        exc = ei[1]
        if exc is None:
            return ""
        return "\n".join(format_exception(exc))


def configure_logging(log_file: Path, level: int = logging.INFO) -> logging.Handler:
    """Send the `sec_desktop` loggers to a rotating file; safe to call more than once."""
    ensure_private_dir(log_file.parent)
    close_logging()
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("sec_desktop")
    logger.addHandler(handler)
    logger.setLevel(level)
    return handler


def close_logging() -> None:
    """Detach and close the file handler (before its folder is removed, say)."""
    logger = logging.getLogger("sec_desktop")
    for existing in list(logger.handlers):
        if existing.get_name() == _HANDLER_NAME:
            logger.removeHandler(existing)
            existing.close()
