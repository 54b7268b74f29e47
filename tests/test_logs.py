from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from sec_desktop.logs import (
    LOG_BACKUPS,
    LOG_MAX_BYTES,
    close_logging,
    configure_logging,
    drop_early_records,
    hold_early_records,
)

PLANTED = "Planted Personname"


def test_logged_exception_withholds_its_message(tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "sec-desktop.log"
    configure_logging(log_file)
    try:
        try:
            raise LookupError(f"no participant called {PLANTED}")
        except LookupError:
            logging.getLogger("sec_desktop.test").exception("Lookup failed")
    finally:
        close_logging()
    text = log_file.read_text(encoding="utf-8")
    assert "Lookup failed" in text
    assert "LookupError (message withheld" in text
    assert "Planted" not in text


def test_logs_rotate(tmp_path: Path) -> None:
    log_file = tmp_path / "sec-desktop.log"
    handler = configure_logging(log_file)
    try:
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        assert (handler.maxBytes, handler.backupCount) == (LOG_MAX_BYTES, LOG_BACKUPS)
        logger = logging.getLogger("sec_desktop.test")
        line = "x" * 1000
        for _ in range(LOG_MAX_BYTES // 1000 + 50):
            logger.info(line)
    finally:
        close_logging()
    assert (tmp_path / "sec-desktop.log.1").exists()
    assert log_file.stat().st_size < LOG_MAX_BYTES


def test_configuring_twice_keeps_one_handler(tmp_path: Path) -> None:
    configure_logging(tmp_path / "a.log")
    configure_logging(tmp_path / "b.log")
    try:
        names = [h.get_name() for h in logging.getLogger("sec_desktop").handlers]
        assert names.count("sec-desktop-file") == 1
    finally:
        close_logging()
    assert logging.getLogger("sec_desktop").handlers == []


def test_records_before_the_log_file_opens_are_written_first(tmp_path: Path) -> None:
    """The app opens its log file after the first window: nothing logged before is lost."""
    hold_early_records()
    logging.getLogger("sec_desktop.start").info("starting, held")
    logging.getLogger("sec_desktop.start").debug("below the level, never written")
    log_file = tmp_path / "sec-desktop.log"
    configure_logging(log_file)
    try:
        logging.getLogger("sec_desktop.start").info("after the file opened")
    finally:
        close_logging()
    lines = log_file.read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == ["starting, held", "after the file opened"]
    handlers = logging.getLogger("sec_desktop").handlers
    assert not any(h.get_name() == "sec-desktop-early" for h in handlers)


def test_held_records_are_dropped_when_the_log_cannot_open(tmp_path: Path) -> None:
    hold_early_records()
    logging.getLogger("sec_desktop.start").info("held")
    drop_early_records()
    assert not any(
        h.get_name() == "sec-desktop-early" for h in logging.getLogger("sec_desktop").handlers
    )
