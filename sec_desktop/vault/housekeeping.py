"""What follows a save, off its path: the backup folder made durable, old backups pruned.

The save is durable when it returns (its file fsynced, renamed, its folder fsynced). The
backup it kept (a hard link made before that folder fsync) is made durable here at once
after, and the backups the retention policy no longer keeps are deleted: deleting old
files costs as much as a small save, and nothing waits for it. One thread per open
vault, started with the first save; a save while it works asks it to go round once
more. `wait` blocks until it is idle (close waits, so no work outlives the vault).
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from pathlib import Path

from sec_desktop.vault.atomic import fsync_directory
from sec_desktop.vault.backups import RetentionPolicy, backup_dir_for, prune_backups

log = logging.getLogger(__name__)

_Request = tuple[Path, RetentionPolicy, datetime]
SETTLE_SECONDS = 0.01


class BackupHousekeeper:
    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._request: _Request | None = None
        self._busy = False
        self._stopping = False
        self._thread: threading.Thread | None = None

    def after_save(self, vault_path: Path, retention: RetentionPolicy, now: datetime) -> None:
        with self._changed:
            self._request = (vault_path, retention, now)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="backups", daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def wait(self) -> None:
        """Return once every save so far has been followed up."""
        with self._changed:
            self._changed.wait_for(lambda: self._request is None and not self._busy)

    def stop(self) -> None:
        """Finish what was asked, then end the thread."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._request is not None or self._stopping)
                if not self._stopping:
                    # Let the thread that saved finish first: this work needs the GIL too,
                    # and saves in quick succession are tidied up after once.
                    self._changed.wait(SETTLE_SECONDS)
                request, self._request = self._request, None
                if request is None:
                    return  # stopping, and nothing left to do
                self._busy = True
            try:
                _follow_up(*request)
            except Exception:
                log.exception("The backups could not be tidied after a save")
            finally:
                with self._changed:
                    self._busy = False
                    self._changed.notify_all()


def _follow_up(vault_path: Path, retention: RetentionPolicy, now: datetime) -> None:
    try:
        folder = backup_dir_for(vault_path)
        if folder.is_dir():
            fsync_directory(folder)
        prune_backups(vault_path, retention, now)
    except OSError:
        # Old backups left over are harmless, and the save itself succeeded.
        log.warning("The backups could not be tidied after a save")
