"""Opening a damaged vault from its newest good backup."""

from __future__ import annotations

import logging
from pathlib import Path

from sec_desktop.vault.atomic import write_atomically
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.backups import BackupInfo, RetentionPolicy, list_backups
from sec_desktop.vault.errors import NoGoodBackup, VaultDamaged, WrongPassphrase, WrongRecoveryKey
from sec_desktop.vault.lock import VaultLock
from sec_desktop.vault.vault import Clock, Unlock, Vault, check_file, utc_now

log = logging.getLogger(__name__)


def open_newest_good_backup(
    path: Path,
    unlock: Unlock,
    *,
    retention: RetentionPolicy | None = None,
    clock: Clock = utc_now,
) -> tuple[Vault, BackupInfo]:
    """When the vault file is damaged: find the newest backup that opens and passes its
    checks, set the damaged file aside (never deleted), put the backup in its place,
    and open it. Audited as a restore."""
    path = path.absolute()
    for backup in list_backups(path):
        try:
            result = check_file(backup.path, unlock)
        except (VaultDamaged, WrongPassphrase, WrongRecoveryKey, OSError):
            continue
        if not result.ok:
            continue
        break
    else:
        raise NoGoodBackup()
    lock = VaultLock(path)
    lock.acquire()
    try:
        if path.exists():
            aside = path.with_name(f"{path.name}.damaged-{clock():%Y%m%dT%H%M%SZ}")
            path.replace(aside)
            log.warning("The damaged vault file was set aside")
        write_atomically(path, backup.path.read_bytes())
    finally:
        lock.release()
    vault = Vault.open(path, unlock, retention=retention, clock=clock)
    vault.record(AuditEvent.BACKUP_RESTORED, f"generation {backup.generation}, at unlock")
    return vault, backup
