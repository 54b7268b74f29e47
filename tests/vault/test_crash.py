"""Crash safety: a process saving in a loop, killed with SIGKILL at random moments.

After every kill the vault opens, at the last or the one before last generation, and
every commit the child reported as finished is there. `make soak` runs many more kills.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from sec_desktop.vault.vault import Unlock, Vault
from tests.vault.conftest import MadeVault

REPO = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("SEC_DESKTOP_CRASH_KILLS", "120"))


def _committed_numbers(vault: Vault) -> set[int]:
    with vault.engine.connect() as connection:
        exists = connection.execute(
            text("SELECT count(*) FROM sqlite_master WHERE name = 'note'")
        ).scalar_one()
        if not exists:
            return set()
        return {int(r[0]) for r in connection.execute(text("SELECT n FROM note"))}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_vault_survives_being_killed_while_saving(made_vault: MadeVault) -> None:
    rng = random.Random(2026)
    reported: set[int] = set()
    next_number = 0
    kills_mid_run = 0
    for _ in range(KILLS):
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.vault.crash_child",
                str(made_vault.path),
                made_vault.recovery_key,
                str(next_number),
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        first = child.stdout.readline().strip()
        assert first == "ready", first + (child.stderr.read() if child.stderr else "")
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(child.pid, signal.SIGKILL)
        out, _err = child.communicate(timeout=30)
        numbers = [
            int(line.split()[1]) for line in out.splitlines() if line.startswith("committed")
        ]
        kills_mid_run += bool(numbers)
        reported.update(numbers)
        vault = Vault.open(made_vault.path, Unlock(recovery_key=made_vault.recovery_key))
        try:
            present = _committed_numbers(vault)
        finally:
            vault.close()
        missing = reported - present
        assert not missing, f"commits reported durable but lost: {sorted(missing)[:10]}"
        next_number = max(present | reported | {next_number - 1}) + 1
    assert kills_mid_run >= KILLS // 2  # most kills landed while the child was saving
