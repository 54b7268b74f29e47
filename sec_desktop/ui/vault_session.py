"""The vault's life in the GUI: create, unlock, lock, and saving without freezing.

One object owns the open vault (or none) and tells the screens what happened through
signals. Slow steps (key derivation, saving) run on the thread pool; the GUI thread only
waits for them when locking, which must not drop the key while a save is running.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from sec_desktop.ui.background import run_in_background
from sec_desktop.vault.errors import VaultError

# The vault stack (SQLAlchemy, Alembic, the services) is imported when first used, not
# with this module: the unlock screen is shown before it loads (see app.py).
if TYPE_CHECKING:
    from sec_desktop.vault.backups import RetentionPolicy
    from sec_desktop.vault.vault import Unlock, Vault

log = logging.getLogger(__name__)

Opener = Callable[[Path, "Unlock"], "Vault"]
Creator = Callable[[Path, str], tuple["Vault", str]]


class VaultSession(QObject):
    """Owns the open vault. Everything that needs the vault gets it from here."""

    busy_changed = Signal(bool)
    # The vault is open and ready. (Opened with the recovery key: `must_change_passphrase`.)
    unlocked = Signal()
    # A new vault was made; its recovery key, to be shown once.
    created = Signal(str)
    locked = Signal()
    # Something failed: the error, a VaultError (its message is for the user) or other.
    failed = Signal(object)

    def __init__(
        self,
        path: Path,
        *,
        opener: Opener | None = None,
        creator: Creator | None = None,
        retention: RetentionPolicy | None = None,
        kdf_seconds: float = 1.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self._retention_given = retention  # None: the default policy, made when first used
        self._opener = opener or self._open
        self._creator = creator or self._create
        self._kdf_seconds = kdf_seconds
        self._vault: Vault | None = None
        self._busy = False

    # --- state -------------------------------------------------------------------------

    @property
    def vault(self) -> Vault | None:
        return self._vault

    @property
    def is_unlocked(self) -> bool:
        return self._vault is not None

    @property
    def busy(self) -> bool:
        return self._busy

    def vault_exists(self) -> bool:
        return self.path.exists()

    @property
    def _retention(self) -> RetentionPolicy:
        if self._retention_given is None:
            from sec_desktop.vault.backups import RetentionPolicy  # noqa: PLC0415

            self._retention_given = RetentionPolicy()
        return self._retention_given

    def set_retention(self, retention: RetentionPolicy) -> None:
        self._retention_given = retention
        if self._vault is not None:
            self._vault.retention = retention

    # --- actions ----------------------------------------------------------------------

    def create(self, path: Path, passphrase: str) -> None:
        """Make a new vault at `path` in the background; emits created or failed."""
        self.path = path
        self._start(lambda: self._creator(path, passphrase), self._on_created)

    def unlock(self, unlock: Unlock) -> None:
        """Open the vault in the background; emits unlocked or failed."""
        self._start(lambda: self._opener(self.path, unlock), self._on_unlocked)

    def unlock_from_newest_backup(self, unlock: Unlock) -> None:
        """The vault file is damaged: open the newest good backup in its place (the damaged
        file is set aside, never deleted). Emits unlocked or failed."""

        from sec_desktop.vault.from_backup import open_newest_good_backup  # noqa: PLC0415

        def work() -> Vault:
            vault, backup = open_newest_good_backup(self.path, unlock, retention=self._retention)
            log.info("Opened from the backup of generation %d", backup.generation)
            return vault

        self._start(work, self._on_unlocked)

    def explore_demo(self, path: Path) -> None:
        """Open the demo vault at `path` (made with synthetic records the first time);
        emits unlocked or failed."""
        from sec_desktop.services.clock import local_today  # noqa: PLC0415
        from sec_desktop.services.demo_vault import open_or_create_demo  # noqa: PLC0415

        self.path = path
        self._start(lambda: open_or_create_demo(path, local_today()), self._on_unlocked)

    def lock(self) -> None:
        """Close the vault: waits for a save in progress, then drops the key."""
        vault, self._vault = self._vault, None
        if vault is None:
            return
        vault.close()  # takes the save lock first, so a running save finishes
        log.info("Vault locked")
        self.locked.emit()

    def run(
        self, work: Callable[[Vault], Any], on_done: Callable[[Any], None] | None = None
    ) -> None:
        """Run `work(vault)` (a commit, a backup check) off the GUI thread; a failure is
        emitted as `failed`, the vault stays open."""
        vault = self._vault
        if vault is None:
            return
        self._start(lambda: work(vault), on_done or (lambda _result: None))

    # --- plumbing -------------------------------------------------------------------------

    def _open(self, path: Path, unlock: Unlock) -> Vault:
        from sec_desktop.vault.vault import Vault  # noqa: PLC0415

        return Vault.open(path, unlock, retention=self._retention)

    def _create(self, path: Path, passphrase: str) -> tuple[Vault, str]:
        from sec_desktop.vault import kdf  # noqa: PLC0415
        from sec_desktop.vault.vault import Vault  # noqa: PLC0415

        params = kdf.tune(target_seconds=self._kdf_seconds)
        return Vault.create(path, passphrase, kdf_params=params, retention=self._retention)

    def _start(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self._set_busy(True)

        def done(result: Any) -> None:
            self._set_busy(False)
            on_done(result)

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            if not isinstance(error, VaultError):
                log.error("Vault operation failed unexpectedly (%s)", type(error).__name__)
            self.failed.emit(error)

        run_in_background(work, done, failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_changed.emit(busy)

    def _on_created(self, result: tuple[Vault, str]) -> None:
        self._vault, recovery_key = result
        self.created.emit(recovery_key)

    def _on_unlocked(self, vault: Vault) -> None:
        self._vault = vault
        self.unlocked.emit()
