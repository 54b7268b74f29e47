"""Vaults for tests: real Argon2id at the floor settings (about 0.3 s), made once and copied."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sec_desktop.vault import kdf
from sec_desktop.vault.vault import Unlock, Vault

PASSPHRASE = "orbit lantern cobalt meadow ferry"
FLOOR = kdf.Argon2Params(memory_kib=65536, iterations=3, lanes=4)


@dataclass(frozen=True)
class MadeVault:
    path: Path
    recovery_key: str

    def open(self) -> Vault:
        """Opened with the recovery key: no slow KDF, so tests stay fast."""
        return Vault.open(self.path, Unlock(recovery_key=self.recovery_key))


@pytest.fixture(scope="session")
def template_vault(tmp_path_factory: pytest.TempPathFactory) -> MadeVault:
    folder = tmp_path_factory.mktemp("template")
    vault, recovery_key = Vault.create(folder / "template.secvault", PASSPHRASE, kdf_params=FLOOR)
    vault.close()
    return MadeVault(folder / "template.secvault", recovery_key)


@pytest.fixture
def made_vault(template_vault: MadeVault, tmp_path: Path) -> Iterator[MadeVault]:
    """A fresh copy of the template vault in its own folder."""
    folder = tmp_path / "vaults"
    folder.mkdir()
    path = folder / "records.secvault"
    shutil.copyfile(template_vault.path, path)
    yield MadeVault(path, template_vault.recovery_key)
