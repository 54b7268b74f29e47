"""The vault: open, create, save, re-key and restore one encrypted vault file.

A commit is durable when `commit` returns: the database is serialised, encrypted and
written atomically before it does, and a failed save is the commit's failure (the data
stays in memory, the previous file stays intact, and the next save tries again).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from sec_desktop.vault import audit, crypto, kdf, schema
from sec_desktop.vault.atomic import clean_stale_temp_files, write_atomically
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.backups import (
    RetentionPolicy,
    clean_stale_backup_temp_files,
    keep_previous,
)
from sec_desktop.vault.database import Database
from sec_desktop.vault.errors import (
    BackupNotReadable,
    SaveFailed,
    VaultDamaged,
    VaultExists,
)
from sec_desktop.vault.format import Header, split_file
from sec_desktop.vault.housekeeping import BackupHousekeeper
from sec_desktop.vault.inspect import CheckResult, check_with_key
from sec_desktop.vault.keys import (
    Unlock,
    params_of,
    passphrase_slot,
    read_vault_file,
    reading_vault_file,
    recovery_slot,
    unwrap,
)
from sec_desktop.vault.lock import VaultLock
from sec_desktop.vault.recovery import format_recovery_key, new_recovery_key

# Unlock is defined in keys and re-exported here, where callers open vaults.
__all__ = ["Clock", "Unlock", "Vault", "check_file", "utc_now"]

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Vault:
    """An open vault. Use `Vault.create` or `Vault.open`; `close` when done (or lock)."""

    def __init__(
        self,
        path: Path,
        header: Header,
        data_key: bytes,
        database: Database,
        lock: VaultLock,
        *,
        retention: RetentionPolicy,
        clock: Clock,
    ) -> None:
        self.path = path
        self._header = header
        self._data_key = data_key
        self._database = database
        self._lock = lock
        self.retention = retention  # may be changed while open (Settings)
        self._clock = clock
        self._save_lock = threading.RLock()
        self._housekeeper = BackupHousekeeper()
        self._sessions = sessionmaker(bind=database.engine, expire_on_commit=False)
        self.unsaved_changes = False
        # Set when opened with the recovery key: the user must choose a new passphrase.
        self.must_change_passphrase = False

    # --- creating and opening ----------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        *,
        kdf_params: kdf.KdfParams | None = None,
        retention: RetentionPolicy | None = None,
        clock: Clock = utc_now,
    ) -> tuple[Vault, str]:
        """A new, empty vault. Returns it and its recovery key, formatted to be shown once."""
        path = path.absolute()
        if path.exists():
            raise VaultExists()
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = VaultLock(path)
        lock.acquire()
        try:
            params = kdf_params or kdf.tune()
            data_key = crypto.new_data_key()
            recovery_key = new_recovery_key()
            slots = (
                passphrase_slot(data_key, passphrase, params),
                recovery_slot(data_key, recovery_key),
            )
            header = Header(0, audit.GENESIS, slots, *crypto.new_body_salt_and_nonce())
            vault = cls(
                path,
                header,
                data_key,
                Database(),
                lock,
                retention=retention or RetentionPolicy(),
                clock=clock,
            )
            schema.upgrade(vault.engine)
            vault._audit_and_save(AuditEvent.VAULT_CREATED, f"schema {schema.head_revision()}")
        except BaseException:
            lock.release()
            path.unlink(missing_ok=True)
            raise
        log.info("Vault created (generation %d)", vault.generation)
        return vault, format_recovery_key(recovery_key)

    @classmethod
    def open(
        cls,
        path: Path,
        unlock: Unlock,
        *,
        retention: RetentionPolicy | None = None,
        clock: Clock = utc_now,
    ) -> Vault:
        path = path.absolute()
        lock = VaultLock(path)
        lock.acquire()
        try:
            if lock.stale_lock_found:
                log.warning("A lock left by a stopped copy of SEC Desktop was cleared")
            removed = clean_stale_temp_files(path) + clean_stale_backup_temp_files(path)
            if removed:
                log.info("Removed %d unfinished save file(s) left by a crash", removed)
            vault = cls._decrypt(path, unlock, lock, retention or RetentionPolicy(), clock)
        except BaseException:
            lock.release()
            raise
        return vault

    @classmethod
    def _decrypt(
        cls, path: Path, unlock: Unlock, lock: VaultLock, retention: RetentionPolicy, clock: Clock
    ) -> Vault:
        with reading_vault_file(path) as opened:
            header = opened.header
            data_key = unwrap(header, unlock)

            def decrypt(target: memoryview) -> None:
                crypto.decrypt_body_into(
                    data_key,
                    header.body_salt,
                    header.body_nonce,
                    opened.header_bytes,
                    source=opened.body,
                    target=target,
                )

            database = Database(size=opened.body_length, fill=decrypt)
        vault = cls(path, header, data_key, database, lock, retention=retention, clock=clock)
        try:
            vault._check_audit_chain()
            vault._upgrade_schema_if_needed()
            if unlock.recovery_key is not None:
                vault.must_change_passphrase = True
                vault._audit_and_save(AuditEvent.OPENED_WITH_RECOVERY_KEY)
            else:
                vault._audit_and_save(AuditEvent.VAULT_OPENED)
        except BaseException:
            vault._housekeeper.stop()
            vault._database.close()
            raise
        log.info("Vault opened (generation %d)", vault.generation)
        return vault

    def _check_audit_chain(self) -> None:
        with self.engine.connect() as connection:
            broken = audit.first_broken_row(
                connection, crypto.audit_key(self._data_key), self._header.audit_head
            )
        if broken is not None:
            log.error("Audit chain broken at row %d", broken)
            raise VaultDamaged()

    def _upgrade_schema_if_needed(self) -> None:
        if not schema.needs_upgrade(self.engine):
            return
        before = schema.current_revision(self.engine)
        # The file as it was is the newest backup before anything changes.
        keep_previous(self.path, self._header.generation, self._clock())
        schema.upgrade(self.engine)
        self._audit_and_save(
            AuditEvent.SCHEMA_UPGRADED, f"from {before or 'none'} to {schema.head_revision()}"
        )
        log.info("Vault schema upgraded from %s to %s", before, schema.head_revision())

    # --- using the database -----------------------------------------------------------

    @property
    def engine(self) -> Engine:
        return self._database.engine

    @property
    def generation(self) -> int:
        return self._header.generation

    @property
    def audit_key(self) -> bytes:
        return crypto.audit_key(self._data_key)

    @property
    def draft_key(self) -> bytes:
        return crypto.draft_key(self._data_key)

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading. It waits for a save or write in progress: the one
        in-memory connection must never hold two transactions at once."""
        with self._save_lock, self._sessions() as session:
            yield session

    @contextmanager
    def writing(self, event: AuditEvent, detail: str = "") -> Iterator[Session]:
        """A session whose changes are committed with their audit row, in one transaction,
        and saved, when the block ends; an exception in the block changes nothing.

        A detail only known inside the block (a new record's code) may be put in
        `session.info["audit_detail"]`."""
        with self._save_lock:
            with self._sessions() as session:
                yield session
                session.flush()
                detail = str(session.info.get("audit_detail", detail))
                head = audit.append(
                    session.connection(), self.audit_key, event, detail, self._clock()
                )
                session.commit()
            self.unsaved_changes = True
            self.save(head)

    def commit(self, session: Session) -> None:
        """Commit and save. When this returns, the change is on disk; if saving fails, the
        change is kept in memory, SaveFailed is raised, and the next save includes it."""
        with self._save_lock:
            session.commit()
            self.unsaved_changes = True
            self.save()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection in a transaction that is committed and saved on leaving."""
        with self._save_lock:
            with self.engine.begin() as connection:
                yield connection
            self.unsaved_changes = True
            self.save()

    def record(self, event: AuditEvent, detail: str = "") -> None:
        """Add an audit row and save."""
        self._audit_and_save(event, detail)

    def _audit_and_save(self, event: AuditEvent, detail: str = "") -> None:
        with self._save_lock:
            with self.engine.begin() as connection:
                head = audit.append(connection, self.audit_key, event, detail, self._clock())
            self.unsaved_changes = True
            self.save(head)

    # --- saving -------------------------------------------------------------------------

    def save(self, head: bytes | None = None) -> None:
        """Encrypt the database and replace the file atomically, keeping the previous one
        as the newest backup. Raises SaveFailed; the in-memory state is kept.

        `head` is the audit chain's head when the caller has just committed the row that
        made it (saves reading it back); otherwise it is read here."""
        with self._save_lock:
            if head is None:
                with self.engine.connect() as connection:
                    head = audit.head(connection)
            salt, nonce = crypto.new_body_salt_and_nonce()
            header = self._header.with_changes(
                generation=self._header.generation + 1,
                audit_head=head,
                body_salt=salt,
                body_nonce=nonce,
            )
            self._write(header)
            self.unsaved_changes = False

    def _write(self, header: Header) -> None:
        header_bytes = header.encode()
        previous_generation = self._header.generation
        now = self._clock()
        # Encrypted piece by piece from the database's own buffer straight to the file:
        # no whole copy of the records, plain or encrypted, is made in memory.
        with self._database.image_view() as plain:
            file_bytes = crypto.encrypt_body_chunks(
                self._data_key,
                header.body_salt,
                header.body_nonce,
                header_bytes,
                plain,
                prefix=header_bytes,
            )
            try:
                write_atomically(
                    self.path,
                    file_bytes,
                    # A link's folder is fsynced just after, by the housekeeper: on a
                    # journaling file system the vault folder's fsync carries it already.
                    before_replace=lambda current: keep_previous(
                        current, previous_generation, now, durable=False
                    ),
                )
            finally:
                file_bytes.close()  # its view of the database goes before the buffer may move
        self._header = header
        try:
            self._housekeeper.after_save(self.path, self.retention, now)
        except RuntimeError:  # no thread could be started: tidied after a later save
            log.warning("The backups could not be tidied after a save")

    def wait_for_pruning(self) -> None:
        """Wait until the backups kept and deleted after the saves so far are settled."""
        self._housekeeper.wait()

    # --- keys -------------------------------------------------------------------------------

    def verify_passphrase(self, passphrase: str) -> bool:
        """True if `passphrase` opens this vault's passphrase slot (asked before changes).

        Slow on purpose (the key derivation): call it off the GUI thread."""
        slot = self._header.passphrase_slot()
        if slot is None:
            return False
        key = kdf.derive_key(passphrase, slot.salt, params_of(slot))
        return crypto.unwrap_data_key(slot, key) is not None

    def change_passphrase(self, new_passphrase: str) -> None:
        """Rewrap the passphrase slot only; the data key and the recovery key stay.

        If the save fails, the new passphrase is kept in memory and saved on the next try
        (SaveFailed is raised); until then the file on disk opens with the old one.
        """
        current = self._header.passphrase_slot()
        params = params_of(current) if current is not None else kdf.default_params()
        new_slot = passphrase_slot(self._data_key, new_passphrase, params)
        others = tuple(s for s in self._header.slots if s is not current)
        with self._save_lock:
            self._header = self._header.with_changes(slots=(new_slot, *others))
            self.must_change_passphrase = False
            self._audit_and_save(AuditEvent.PASSPHRASE_CHANGED)

    def rekey(self, passphrase: str) -> str:
        """A new data key and recovery key, for a suspected compromise. Returns the new
        recovery key, to be shown once. Backups made before keep the old keys.

        If the save fails, SaveFailed carries the new key as `recovery_key`: the change is
        kept in memory and saved on the next try.
        """
        current = self._header.passphrase_slot()
        params = params_of(current) if current is not None else kdf.default_params()
        data_key = crypto.new_data_key()
        recovery_key = new_recovery_key()
        slots = (
            passphrase_slot(data_key, passphrase, params),
            recovery_slot(data_key, recovery_key),
        )
        formatted = format_recovery_key(recovery_key)
        with self._save_lock:
            with self.engine.begin() as connection:
                # Re-sealed under the new key, so the old rows stay checkable.
                audit.reseal(connection, crypto.audit_key(data_key))
                audit.append(
                    connection, crypto.audit_key(data_key), AuditEvent.REKEYED, "", self._clock()
                )
            self._data_key = data_key
            self._header = self._header.with_changes(slots=slots)
            self.must_change_passphrase = False
            self.unsaved_changes = True
            try:
                self.save()
            except SaveFailed as error:
                error.recovery_key = formatted
                raise
        return formatted

    # --- backups ------------------------------------------------------------------------

    def verify_backup(self, backup: Path) -> CheckResult:
        """Decrypt a backup in memory with this vault's key and check it fully."""
        try:
            return check_with_key(read_vault_file(backup), self._data_key)
        except VaultDamaged as error:
            raise BackupNotReadable() from error

    def restore(self, backup: Path) -> None:
        """Replace the records with a backup's, under the current passphrase and keys.

        The current file is kept as the newest backup first, and the restore is audited.
        The caller asks the user to confirm before calling this.
        """
        data = read_vault_file(backup)
        try:
            header, header_bytes, body = split_file(data)
            image = crypto.decrypt_body(
                self._data_key, header.body_salt, header.body_nonce, header_bytes, body
            )
        except VaultDamaged as error:
            raise BackupNotReadable() from error
        restored = Database(image)
        del image
        with restored.engine.connect() as connection:
            if audit.first_broken_row(connection, self.audit_key, header.audit_head) is not None:
                restored.close()
                raise BackupNotReadable()
        with self._save_lock:
            old, self._database = self._database, restored
            self._sessions = sessionmaker(bind=restored.engine, expire_on_commit=False)
            old.close()
            self._audit_and_save(AuditEvent.BACKUP_RESTORED, f"generation {header.generation}")
        log.info("Backup of generation %d restored", header.generation)

    # --- closing -------------------------------------------------------------------------

    def close(self) -> None:
        """Drop the key and the database, and release the lock. Waits for a save."""
        with self._save_lock:
            self._housekeeper.stop()
            self._database.close()
            self._data_key = b""
            self._lock.release()


def check_file(path: Path, unlock: Unlock) -> CheckResult:
    """Decrypt a vault (or backup) file in memory and check it, without opening it for
    use: no lock is taken and nothing is written, so it works while the app has it open."""
    data = read_vault_file(path)
    header = split_file(data)[0]
    return check_with_key(data, unwrap(header, unlock))
