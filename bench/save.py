"""Saving: a commit, durable on disk, against writing the same bytes with fsync.

    python -m bench.save [--scales 1,10] [--repeat N]

The commit is what every change does (`Vault.writing`): one small change (a one-row
setting, so that the measure is the save, not the change's own triggers) and its audit
row in a transaction, the database encrypted and written to a new file, fsynced, the
previous file kept as the newest backup, the new one renamed into place and its folder
fsynced. The floor writes as many bytes to a new file in the same folder, with fsync.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from bench.harness import PASSPHRASE, FloorWrites, Result, group_main, paired_medians, scratch_copy
from bench.vaults import demo_vault
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Unlock, Vault

SAVE_RATIO = 2.0


def measure_save(scale: int, repeat: int, folder: Path) -> Result:
    with scratch_copy(demo_vault(scale), folder) as path:
        vault = Vault.open(path, Unlock(passphrase=PASSPHRASE))
        try:
            counter = iter(range(1_000_000))

            def commit() -> None:
                # One small change and its audit row, as a setting changed in the app.
                with vault.writing(AuditEvent.RECORD_SETTING_CHANGED, "bench") as session:
                    session.execute(
                        text("INSERT OR REPLACE INTO vault_fact (name, value) VALUES (:n, :v)"),
                        {"n": "bench.counter", "v": str(next(counter))},
                    )

            size = path.stat().st_size
            floor_writes = FloorWrites(folder, size)
            try:
                value, floor = paired_medians(
                    commit, floor_writes, repeat, before_floor=floor_writes.clear
                )
            finally:
                floor_writes.clean()
        finally:
            vault.close()
    return Result(
        "save (commit durable on disk)",
        scale,
        value,
        floor,
        max_ratio=SAVE_RATIO,
        detail=(
            f"a one-row change and its audit row; vault file {size / 1e6:.1f} MB; "
            "floor: write+fsync of as many bytes to a new file"
        ),
    )


def group(scales: tuple[int, ...], repeat: int) -> list[Result]:
    folder = Path(__file__).parent / ".cache" / "save"
    # More runs than elsewhere: a save is short and the disk's timing varies.
    return [measure_save(scale, max(repeat, 15), folder) for scale in scales]


if __name__ == "__main__":
    group_main(group, default_scales=(1, 10))
