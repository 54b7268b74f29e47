"""A scripted session for the no-plaintext test: records with canary strings, a large sort,
saves, backups, verification, a lock (close) and an unlock (open), then a CLI backup.

Run as a process of its own, with HOME, TMPDIR and the XDG folders pointed under ROOT, so
that every file it could leave behind is under ROOT for the test to search.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from sqlalchemy import text

from sec_desktop.cli import main as cli_main
from sec_desktop.logs import close_logging, configure_logging
from sec_desktop.paths import AppPaths
from sec_desktop.vault import kdf
from sec_desktop.vault.backups import list_backups
from sec_desktop.vault.vault import Unlock, Vault

CANARY = "CANARY-Plaintext-7f3a9c"
PASSPHRASE = "orbit lantern cobalt meadow ferry"


def main(root: Path) -> None:
    paths = AppPaths.under(root)
    configure_logging(paths.log_file)
    logging.getLogger("sec_desktop.test").info("session starting")
    vault_path = paths.data_dir / "records.secvault"
    params = kdf.Argon2Params(memory_kib=65536, iterations=3, lanes=4)
    vault, _recovery = Vault.create(vault_path, PASSPHRASE, kdf_params=params)
    with vault.transaction() as connection:
        connection.execute(text("CREATE TABLE note (n INTEGER, body TEXT)"))
        connection.execute(
            text("INSERT INTO note VALUES (:n, :b)"),
            [{"n": i, "b": f"{CANARY} {i}"} for i in range(20000)],
        )
    with vault.engine.connect() as connection:
        # A sort far larger than SQLite's cache: without temp_store=MEMORY it spills to disk.
        connection.execute(text("SELECT * FROM note ORDER BY body || n DESC")).fetchall()
        connection.execute(text("CREATE TEMP TABLE scratch AS SELECT * FROM note")).close()
    for index in range(3):
        with vault.transaction() as connection:
            connection.execute(text("INSERT INTO note VALUES (:n, :b)"), {"n": -index, "b": CANARY})
    for backup in list_backups(vault_path):
        assert vault.verify_backup(backup.path).ok
    vault.close()  # as locking does
    vault = Vault.open(vault_path, Unlock(passphrase=PASSPHRASE))
    vault.close()
    sys.stdin = _Lines(PASSPHRASE)
    assert (
        cli_main(
            ["vault", "backup", str(vault_path), "--to", str(root / "copies"), "--passphrase-stdin"]
        )
        == 0
    )
    close_logging()
    print("session done")


class _Lines:
    def __init__(self, *lines: str) -> None:
        self._lines = [line + "\n" for line in lines]

    def readline(self) -> str:
        return self._lines.pop(0) if self._lines else ""


if __name__ == "__main__":
    main(Path(sys.argv[1]))
