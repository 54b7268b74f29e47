"""What every `make_reference_v*.py` after the first does: copy the previous version's
reference vault, open it with this version (which upgrades it), add this version's
records through its services, and write the result beside the others, never replacing a
reference vault that exists. Synthetic data only."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parent


def write_reference(name: str, before: str, make: Callable[[Path, str], None]) -> int:
    """Write `<name>.secvault` (and its recovery key, the one the upgrade keeps) from the
    reference vault `before`, with `make(path, recovery_key)` adding the records."""
    vault_path, key_path = DATA / f"{name}.secvault", DATA / f"{name}.recovery-key.txt"
    if vault_path.exists() or key_path.exists():
        print(f"{vault_path.name} is there already: a reference vault is never remade.")
        return 1
    recovery_key = (DATA / f"{before}.recovery-key.txt").read_text(encoding="utf-8").strip()
    # Made elsewhere: saving keeps backups next to the vault.
    with tempfile.TemporaryDirectory() as folder:
        made = Path(folder) / vault_path.name
        shutil.copyfile(DATA / f"{before}.secvault", made)
        make(made, recovery_key)
        shutil.copyfile(made, vault_path)
    key_path.write_text(recovery_key + "\n", encoding="utf-8")
    print(f"Wrote {vault_path.name} ({vault_path.stat().st_size} bytes) and {key_path.name}")
    return 0
