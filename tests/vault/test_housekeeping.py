"""After a save, off its path: the backup folder fsynced and old backups pruned."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sec_desktop.vault import housekeeping
from sec_desktop.vault.backups import RetentionPolicy, backup_dir_for, backup_name, list_backups
from sec_desktop.vault.housekeeping import BackupHousekeeper

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def make_backups(vault: Path, count: int) -> None:
    folder = backup_dir_for(vault)
    folder.mkdir(parents=True, exist_ok=True)
    for generation in range(count):
        saved = NOW - timedelta(minutes=count - generation)
        (folder / backup_name(vault, generation, saved)).write_bytes(b"old")


def test_old_backups_are_pruned_after_a_save(tmp_path: Path) -> None:
    vault = tmp_path / "records.secvault"
    make_backups(vault, 8)
    keeper = BackupHousekeeper()
    keeper.after_save(vault, RetentionPolicy(keep_last=3, daily_days=0), NOW)
    keeper.wait()
    assert [b.generation for b in list_backups(vault)] == [7, 6, 5]
    keeper.stop()


def test_saves_while_it_works_are_all_followed_up(tmp_path: Path) -> None:
    vault = tmp_path / "records.secvault"
    make_backups(vault, 4)
    keeper = BackupHousekeeper()
    for keep in (3, 2, 1):
        keeper.after_save(vault, RetentionPolicy(keep_last=keep, daily_days=0), NOW)
    keeper.wait()
    # The last request wins: whatever ran before it, the policy it asked for holds.
    assert [b.generation for b in list_backups(vault)] == [3]
    keeper.stop()


def test_stop_finishes_the_work_asked_for(tmp_path: Path) -> None:
    vault = tmp_path / "records.secvault"
    make_backups(vault, 5)
    keeper = BackupHousekeeper()
    keeper.after_save(vault, RetentionPolicy(keep_last=1, daily_days=0), NOW)
    keeper.stop()
    assert len(list_backups(vault)) == 1
    assert not any(t.name == "backups" and t.is_alive() for t in threading.enumerate())


def test_a_failure_is_logged_and_the_keeper_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    vault = tmp_path / "records.secvault"
    make_backups(vault, 3)
    calls: list[Path] = []

    def failing(path: Path, _policy: RetentionPolicy, _now: datetime) -> list[Path]:
        calls.append(path)
        raise PermissionError("held by another program")

    monkeypatch.setattr(housekeeping, "prune_backups", failing)
    keeper = BackupHousekeeper()
    with caplog.at_level(logging.WARNING):
        keeper.after_save(vault, RetentionPolicy(keep_last=1, daily_days=0), NOW)
        keeper.wait()
    assert "could not be tidied" in caplog.text
    monkeypatch.undo()
    keeper.after_save(vault, RetentionPolicy(keep_last=1, daily_days=0), NOW)
    keeper.wait()
    assert calls == [vault]
    assert len(list_backups(vault)) == 1
    keeper.stop()


def test_waiting_with_nothing_asked_returns_at_once() -> None:
    keeper = BackupHousekeeper()
    keeper.wait()
    keeper.stop()


def test_an_unexpected_error_does_not_end_the_keeper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    vault = tmp_path / "records.secvault"
    make_backups(vault, 3)

    def broken(_path: Path, _policy: RetentionPolicy, _now: datetime) -> list[Path]:
        raise ValueError("a bug")

    monkeypatch.setattr(housekeeping, "prune_backups", broken)
    keeper = BackupHousekeeper()
    with caplog.at_level(logging.ERROR):
        keeper.after_save(vault, RetentionPolicy(keep_last=1, daily_days=0), NOW)
        keeper.wait()
    assert "could not be tidied" in caplog.text
    monkeypatch.undo()
    keeper.after_save(vault, RetentionPolicy(keep_last=1, daily_days=0), NOW)
    keeper.wait()  # the same thread is still there to do it
    assert len(list_backups(vault)) == 1
    keeper.stop()
