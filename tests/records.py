"""Vaults with record services, for service and screen tests: made once, copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault import kdf
from sec_desktop.vault.vault import Unlock, Vault

# Every record test runs on this day, so dates in tests read plainly.
TODAY = date(2026, 11, 25)
RECORDS_PASSPHRASE = "orbit lantern cobalt meadow ferry"
_FLOOR = kdf.Argon2Params(memory_kib=65536, iterations=3, lanes=4)


@dataclass(frozen=True)
class TemplateVault:
    path: Path
    recovery_key: str


@pytest.fixture(scope="session")
def records_template(tmp_path_factory: pytest.TempPathFactory) -> TemplateVault:
    folder = tmp_path_factory.mktemp("records-template")
    vault, key = Vault.create(folder / "t.secvault", RECORDS_PASSPHRASE, kdf_params=_FLOOR)
    vault.close()
    return TemplateVault(folder / "t.secvault", key)


@pytest.fixture
def records_vault(records_template: TemplateVault, tmp_path: Path) -> Iterator[Vault]:
    """A new, empty vault, open (with the recovery key: no slow key derivation)."""
    path = tmp_path / "records" / "records.secvault"
    path.parent.mkdir()
    shutil.copyfile(records_template.path, path)
    vault = Vault.open(path, Unlock(recovery_key=records_template.recovery_key))
    yield vault
    vault.close()


@pytest.fixture
def services(records_vault: Vault) -> RecordServices:
    """The record services over an empty vault, on TODAY."""
    return RecordServices.over(records_vault, today=lambda: TODAY)
