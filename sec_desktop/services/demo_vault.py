"""The demo vault offered on the first-run screen: synthetic people only, so the SEC
(or a trainer) can explore every screen before entering anything real.

It lives beside the real vault under its own name, and opens with a published
passphrase: there is nothing in it to protect, and a demo must never be locked away
from the person trying it. Everything it prints or shows is marked DEMO.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sec_desktop.vault import kdf
from sec_desktop.vault.vault import Unlock, Vault

DEMO_FILE_NAME = "demo.secvault"
# Published on purpose (shown on the unlock screen of the demo vault): synthetic data only.
DEMO_PASSPHRASE = "synthetic demo records only"  # noqa: S105
# The floor settings: the demo opens quickly, and guards nothing real.
DEMO_KDF = kdf.Argon2Params(memory_kib=65536, iterations=3, lanes=4)


def demo_path_beside(vault_path: Path) -> Path:
    return vault_path.parent / DEMO_FILE_NAME


def is_demo_path(path: Path) -> bool:
    return path.name == DEMO_FILE_NAME


def open_or_create_demo(path: Path, today: date, scale: int = 1) -> Vault:
    """Open the demo vault at `path`, making it first (with demo records) if needed."""
    if path.exists():
        return Vault.open(path, Unlock(passphrase=DEMO_PASSPHRASE))
    # Faker is imported only when a demo is asked for: it is slow to load.
    from sec_desktop.demo.generator import write_demo_records  # noqa: PLC0415

    vault, _recovery_key = Vault.create(path, DEMO_PASSPHRASE, kdf_params=DEMO_KDF)
    try:
        write_demo_records(vault, scale=scale, today=today)
    except BaseException:
        vault.close()
        path.unlink(missing_ok=True)
        raise
    return vault
