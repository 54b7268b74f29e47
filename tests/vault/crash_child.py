"""A child process that commits numbered notes to a vault until it is killed.

Prints "ready" once open, then "committed N" after each commit has returned (so the
parent knows which commits were durable). Opens with the recovery key, so the slow KDF
does not eat the crash test's time.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import text

from sec_desktop.vault.vault import Unlock, Vault


def main(path: Path, recovery_key: str, start: int) -> None:
    vault = Vault.open(path, Unlock(recovery_key=recovery_key))
    with vault.transaction() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS note (n INTEGER, body TEXT)"))
    print("ready", flush=True)
    number = start
    while True:
        with vault.transaction() as connection:
            # Some bulk, so that saves take long enough to be killed half-way.
            connection.execute(
                text("INSERT INTO note VALUES (:n, :b)"), {"n": number, "b": "x" * 5000}
            )
        print(f"committed {number}", flush=True)
        number += 1


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
