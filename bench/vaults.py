"""Demo vaults at each scale, made once and kept in `bench/.cache` between runs.

A cached vault is named after the schema revision and a digest of the demo generator's
source, so a change to either makes it again instead of measuring a stale vault.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from bench.harness import CACHE, PASSPHRASE, TODAY
from sec_desktop.demo.generator import write_demo_records
from sec_desktop.vault import kdf, schema
from sec_desktop.vault.vault import Vault

# Cheap and fixed, so that making a vault is quick; unlock measures exclude the KDF.
BENCH_KDF = kdf.Argon2Params(65536, 3, 4)


def _generator_digest() -> str:
    folder = Path(__file__).resolve().parent.parent / "sec_desktop" / "demo"
    digest = hashlib.sha256()
    for source in sorted(folder.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:10]


def demo_vault_name(scale: int) -> str:
    return f"demo-scale-{scale}-{schema.head_revision()}-{_generator_digest()}.secvault"


def demo_vault(scale: int, cache: Path = CACHE) -> Path:
    """The cached demo vault of this scale, made (and stale ones removed) if missing."""
    path = cache / demo_vault_name(scale)
    if path.exists():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.glob(f"demo-scale-{scale}-*.secvault"):
        stale.unlink()
    partial = cache / f"making-scale-{scale}.secvault"
    _remove(partial)
    vault, _recovery_key = Vault.create(partial, PASSPHRASE, kdf_params=BENCH_KDF)
    try:
        write_demo_records(vault, scale, today=TODAY)
    finally:
        vault.close()
    partial.replace(path)
    _remove(partial)
    return path


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    shutil.rmtree(path.with_name(f"{path.stem}-backups"), ignore_errors=True)
