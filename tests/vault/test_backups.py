"""Backups: names, crash-safe keeping of the previous file, and the retention policy."""

from __future__ import annotations

import errno
import functools
import os
import stat
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sec_desktop.vault.atomic import write_atomically
from sec_desktop.vault.backups import (
    BackupInfo,
    RetentionPolicy,
    backup_dir_for,
    backup_name,
    choose_backups_to_keep,
    clean_stale_backup_temp_files,
    keep_previous,
    list_backups,
    prune_backups,
)
from sec_desktop.vault.errors import SaveFailed

NOW = datetime(2025, 6, 15, 14, 30, 5, tzinfo=UTC)
POSIX = os.name == "posix"
real_fsync = os.fsync


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    path = tmp_path / "vaults" / "case.secvault"
    write_atomically(path, b"generation 7")
    return path


def folder_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- names and listing -----------------------------------------------------------------


def test_backup_names_hold_the_generation_and_the_utc_time(vault: Path) -> None:
    assert backup_dir_for(vault) == vault.parent / "case-backups"
    assert backup_name(vault, 7, NOW) == "case-g0000000007-20250615T143005Z.secvault"
    in_paris = NOW.astimezone(timezone(timedelta(hours=2)))
    assert backup_name(vault, 7, in_paris) == backup_name(vault, 7, NOW)
    with pytest.raises(ValueError, match="timezone"):
        backup_name(vault, 7, datetime(2025, 1, 1))
    with pytest.raises(ValueError):
        backup_name(vault, -1, NOW)


def test_list_backups_is_newest_first_and_ignores_other_files(vault: Path) -> None:
    assert list_backups(vault) == []
    folder = backup_dir_for(vault)
    folder.mkdir()
    names = [
        "case-g0000000003-20250614T100000Z.secvault",
        "case-g0000000005-20250615T090000Z.secvault",
        "case-g0000000004-20250615T090000Z.secvault",
        "case-g12345678901-20250101T000000Z.secvault",
    ]
    ignored = [
        "case-g0000000006-20251315T090000Z.secvault",  # month 13
        "case-g6-20250615T090000Z.secvault",  # generation not padded
        "other-g0000000006-20250615T090000Z.secvault",
        "case-g0000000006-20250615T090000Z.secvault.bak",
        ".case-g0000000006-20250615T090000Z.secvault.tmp-ab12",
        "notes.txt",
    ]
    for name in names + ignored:
        (folder / name).write_bytes(b"x")
    (folder / "case-g0000000009-20250615T090000Z.secvault.d").mkdir()
    found = list_backups(vault)
    assert [b.path.name for b in found] == [names[1], names[2], names[0], names[3]]
    assert [b.generation for b in found] == [5, 4, 3, 12345678901]
    assert found[0].saved_at == datetime(2025, 6, 15, 9, 0, tzinfo=UTC)
    assert all(b.saved_at.tzinfo is UTC for b in found)


# --- keeping the previous file ---------------------------------------------------------


def test_keep_previous_hard_links_the_current_file(vault: Path) -> None:
    kept = keep_previous(vault, 7, NOW)
    assert kept == backup_dir_for(vault) / "case-g0000000007-20250615T143005Z.secvault"
    assert kept.read_bytes() == b"generation 7"
    assert os.path.samefile(kept, vault)  # a hard link: no copy, no extra space
    assert list_backups(vault) == [BackupInfo(kept, 7, NOW.replace(microsecond=0))]


@pytest.mark.skipif(not POSIX, reason="POSIX modes")
def test_the_backup_folder_is_private(vault: Path) -> None:
    keep_previous(vault, 7, NOW)
    assert stat.S_IMODE(backup_dir_for(vault).stat().st_mode) == 0o700


def test_as_before_replace_the_backup_holds_the_old_bytes(vault: Path) -> None:
    write_atomically(
        vault,
        b"generation 8",
        before_replace=functools.partial(keep_previous, generation=7, now=NOW),
    )
    assert vault.read_bytes() == b"generation 8"
    [backup] = list_backups(vault)
    assert backup.generation == 7
    assert backup.path.read_bytes() == b"generation 7"


def no_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")  # as on FAT or exFAT

    monkeypatch.setattr(os, "link", refuse)


def test_without_hard_links_the_file_is_copied(
    vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_hard_links(monkeypatch)
    kept = keep_previous(vault, 7, NOW)
    assert kept.read_bytes() == b"generation 7"
    assert not os.path.samefile(kept, vault)
    assert folder_names(backup_dir_for(vault)) == [kept.name]
    if POSIX:
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_a_failed_copy_leaves_no_backup_and_no_temp_file(
    vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_hard_links(monkeypatch)

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", disk_full)
        with pytest.raises(OSError, match="No space"):
            keep_previous(vault, 7, NOW)
    assert folder_names(backup_dir_for(vault)) == []
    assert vault.read_bytes() == b"generation 7"
    # And as the save's before_replace: the save fails, the vault is untouched.
    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", disk_full)
        with pytest.raises(SaveFailed):
            write_atomically(
                vault,
                b"generation 8",
                before_replace=functools.partial(keep_previous, generation=7, now=NOW),
            )
    assert vault.read_bytes() == b"generation 7"
    assert folder_names(backup_dir_for(vault)) == []


@pytest.mark.parametrize("hard_links", [True, False])
def test_a_retried_save_reuses_the_backup_it_already_made(
    vault: Path, monkeypatch: pytest.MonkeyPatch, hard_links: bool
) -> None:
    if not hard_links:
        no_hard_links(monkeypatch)
    first = keep_previous(vault, 7, NOW)
    again = keep_previous(vault, 7, NOW + timedelta(seconds=30))
    assert again == first
    assert len(list_backups(vault)) == 1


def test_same_generation_with_other_bytes_is_kept_separately(vault: Path) -> None:
    first = keep_previous(vault, 7, NOW)
    write_atomically(vault, b"generation 7, restored from elsewhere")
    second = keep_previous(vault, 7, NOW + timedelta(seconds=30))
    assert second != first
    assert first.read_bytes() == b"generation 7"
    assert second.read_bytes() == b"generation 7, restored from elsewhere"


def test_an_existing_backup_name_is_never_overwritten(vault: Path) -> None:
    folder = backup_dir_for(vault)
    folder.mkdir()
    taken = folder / backup_name(vault, 7, NOW)
    taken.write_bytes(b"another file")
    with pytest.raises(FileExistsError):
        keep_previous(vault, 7, NOW)
    assert taken.read_bytes() == b"another file"


def test_keeping_a_missing_vault_fails_cleanly(tmp_path: Path) -> None:
    vault = tmp_path / "case.secvault"
    with pytest.raises(FileNotFoundError):
        keep_previous(vault, 1, NOW)
    assert folder_names(backup_dir_for(vault)) == []


def test_stale_backup_copies_are_cleaned(vault: Path) -> None:
    kept = keep_previous(vault, 7, NOW)
    folder = backup_dir_for(vault)
    (folder / f".{kept.name}.tmp-0a1b2c").write_bytes(b"partial")
    (folder / ".unrelated.tmp-0a1b2c").write_bytes(b"not ours")
    assert clean_stale_backup_temp_files(vault) == 1
    assert folder_names(folder) == [".unrelated.tmp-0a1b2c", kept.name]
    assert clean_stale_backup_temp_files(vault.with_name("gone.secvault")) == 0


# --- retention -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keep_last", "daily_days"),
    [(0, 30), (101, 30), (10, -1), (10, 366), (True, 30), (10, 2.5), ("10", 30)],
)
def test_a_retention_policy_is_checked(keep_last: object, daily_days: object) -> None:
    with pytest.raises(ValueError, match="between"):
        RetentionPolicy(keep_last=keep_last, daily_days=daily_days)  # type: ignore[arg-type]


def test_the_default_policy_is_ten_and_thirty_days() -> None:
    assert RetentionPolicy() == RetentionPolicy(keep_last=10, daily_days=30)
    RetentionPolicy(keep_last=1, daily_days=0)
    RetentionPolicy(keep_last=100, daily_days=365)


def backup(generation: int, saved_at: datetime) -> BackupInfo:
    return BackupInfo(Path(f"g{generation}"), generation, saved_at)


def test_choose_keeps_the_newest_and_one_a_day() -> None:
    # Three saves a day for 40 days, the newest at NOW.
    history = [backup(gen, NOW - timedelta(hours=8 * (119 - gen))) for gen in range(120)]
    keep = choose_backups_to_keep(history, RetentionPolicy(keep_last=5, daily_days=30), NOW)
    newest_five = {Path(f"g{gen}") for gen in range(115, 120)}
    assert newest_five <= keep
    days = {b.saved_at.date() for b in history if b.path in keep}
    assert days == {NOW.date() - timedelta(days=d) for d in range(30)}
    assert len(keep) == 5 + 30 - 2  # today and yesterday are already among the newest five


def test_with_no_daily_days_only_the_newest_are_kept() -> None:
    history = [backup(gen, NOW - timedelta(days=gen)) for gen in range(10)]
    keep = choose_backups_to_keep(history, RetentionPolicy(keep_last=3, daily_days=0), NOW)
    assert keep == {Path("g0"), Path("g1"), Path("g2")}


def test_prune_deletes_what_the_policy_does_not_keep(vault: Path) -> None:
    for gen in range(40):
        write_atomically(
            vault,
            f"generation {gen + 1}".encode(),
            before_replace=functools.partial(
                keep_previous, generation=gen, now=NOW - timedelta(hours=12 * (39 - gen))
            ),
        )
    policy = RetentionPolicy(keep_last=4, daily_days=7)
    before = list_backups(vault)
    assert len(before) == 40
    expected = choose_backups_to_keep(before, policy, NOW)
    deleted = prune_backups(vault, policy, NOW)
    after = list_backups(vault)
    assert {b.path for b in after} == expected
    assert set(deleted) == {b.path for b in before} - expected
    assert not any(p.exists() for p in deleted)
    assert after[0] == before[0]
    assert prune_backups(vault, policy, NOW) == []
    assert vault.read_bytes() == b"generation 40"


def test_prune_skips_a_backup_it_cannot_delete(
    vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for gen in range(3):
        write_atomically(
            vault,
            b"next",
            before_replace=functools.partial(
                keep_previous, generation=gen, now=NOW - timedelta(days=3 - gen)
            ),
        )
    oldest = list_backups(vault)[-1].path
    real_unlink = Path.unlink

    def held(self: Path, missing_ok: bool = False) -> None:
        if self == oldest:
            raise PermissionError(errno.EACCES, "held by another program")
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", held)
    deleted = prune_backups(vault, RetentionPolicy(keep_last=1, daily_days=0), NOW)
    assert len(deleted) == 1
    assert oldest.exists()
    assert [b.generation for b in list_backups(vault)] == [2, 0]


# --- retention properties (hypothesis) -------------------------------------------------

nows = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
)
policies = st.builds(RetentionPolicy, keep_last=st.integers(1, 100), daily_days=st.integers(0, 365))
# Seconds before `now`; a few are in the future (a clock put back).
ages = st.integers(min_value=-2 * 86400, max_value=400 * 86400)


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[BackupInfo], datetime]:
    now = draw(nows)
    entries = draw(st.lists(st.tuples(st.integers(0, 10**6), ages), max_size=80))
    return [
        BackupInfo(Path(f"b{index}"), gen, (now - timedelta(seconds=age)).replace(microsecond=0))
        for index, (gen, age) in enumerate(entries)
    ], now


def newest(history: list[BackupInfo]) -> BackupInfo:
    return max(history, key=lambda b: (b.saved_at, b.generation, b.path.name))


def day_of(info: BackupInfo) -> date:
    return info.saved_at.astimezone(UTC).date()


@given(histories(), policies)
def test_the_newest_backup_is_never_removed(
    drawn: tuple[list[BackupInfo], datetime], policy: RetentionPolicy
) -> None:
    history, now = drawn
    keep = choose_backups_to_keep(history, policy, now)
    assert keep <= {b.path for b in history}
    if history:
        assert newest(history).path in keep


@given(histories(), policies)
def test_never_more_than_keep_last_plus_daily_days(
    drawn: tuple[list[BackupInfo], datetime], policy: RetentionPolicy
) -> None:
    history, now = drawn
    keep = choose_backups_to_keep(history, policy, now)
    assert len(keep) <= policy.keep_last + policy.daily_days
    assert len(keep) >= min(len(history), policy.keep_last)


@given(histories(), policies)
def test_each_recent_day_with_a_backup_keeps_one(
    drawn: tuple[list[BackupInfo], datetime], policy: RetentionPolicy
) -> None:
    history, now = drawn
    keep = choose_backups_to_keep(history, policy, now)
    recent = {now.date() - timedelta(days=d) for d in range(policy.daily_days)}
    days_with_backups = {day_of(b) for b in history} & recent
    days_kept = {day_of(b) for b in history if b.path in keep}
    assert days_with_backups <= days_kept


@given(histories(), policies)
def test_choosing_is_idempotent(
    drawn: tuple[list[BackupInfo], datetime], policy: RetentionPolicy
) -> None:
    history, now = drawn
    keep = choose_backups_to_keep(history, policy, now)
    survivors = [b for b in history if b.path in keep]
    assert choose_backups_to_keep(survivors, policy, now) == keep


def test_choosing_does_not_depend_on_the_order_given() -> None:
    history = [backup(gen, NOW - timedelta(hours=gen * 7)) for gen in range(50)]
    policy = RetentionPolicy(keep_last=3, daily_days=5)
    first = choose_backups_to_keep(history, policy, NOW)
    assert choose_backups_to_keep(list(reversed(history)), policy, NOW) == first
