"""Vault save and unlock times, as ratios to a floor measured in the same run.

    python -m bench.vault_save [--sizes 5,50] [--repeat 5]

For each size (MB of database): the median time of a commit that is durable on disk
(serialise, encrypt, write, fsync, replace, fsync the folder, keep the previous file as a
backup), against writing the same number of bytes to a file with fsync; and the time to
open the vault with its data key already derived (the KDF excluded), against reading the
file. Prints a table; no thresholds: this is for looking, and for the notes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from sec_desktop.vault import kdf
from sec_desktop.vault.vault import Unlock, Vault

PASSPHRASE = "bench orbit lantern cobalt meadow"
FLOOR = kdf.Argon2Params(65536, 3, 4)


def _median(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _fill(vault: Vault, megabytes: int) -> None:
    chunk = os.urandom(1024).hex()  # 2 KiB of text per row, incompressible
    rows = megabytes * 256  # about one 4 KiB page a row
    with vault.transaction() as connection:
        connection.execute(text("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)"))
        connection.execute(
            text("INSERT INTO filler (body) VALUES (:b)"), [{"b": chunk} for _ in range(rows)]
        )


def _fsync_write(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def measure(megabytes: int, repeat: int, folder: Path) -> dict[str, float]:
    path = folder / f"bench-{megabytes}mb.secvault"
    vault, recovery_key = Vault.create(path, PASSPHRASE, kdf_params=FLOOR)
    _fill(vault, megabytes)
    size = path.stat().st_size

    def commit() -> None:
        with vault.transaction() as connection:
            connection.execute(text("UPDATE filler SET body = body WHERE id = 1"))

    save = _median(commit, repeat)
    vault.close()
    data = path.read_bytes()
    floor_write = _median(lambda: _fsync_write(folder / "floor.bin", data), repeat)
    # Unlock without the KDF: the recovery key slot uses HKDF, which costs microseconds.
    unlock = _median(lambda: Vault.open(path, Unlock(recovery_key=recovery_key)).close(), repeat)
    floor_read = _median(path.read_bytes, repeat)
    return {
        "size_mb": size / 1e6,
        "save_s": save,
        "write_fsync_s": floor_write,
        "save_ratio": save / floor_write,
        "unlock_s": unlock,
        "read_s": floor_read,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="5,50")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sec-bench-", dir=Path.cwd()) as folder:
        print(f"{'size MB':>8} {'save s':>8} {'write+fsync s':>14} {'ratio':>6} {'unlock s':>9}")
        for megabytes in (int(s) for s in args.sizes.split(",")):
            r = measure(megabytes, args.repeat, Path(folder))
            print(f"{r['size_mb']:8.1f} {r['save_s']:8.3f} {r['write_fsync_s']:14.3f} "
                  f"{r['save_ratio']:6.2f} {r['unlock_s']:9.3f}")


if __name__ == "__main__":
    main()
