"""A scale-1 demo vault shared by the demo tests that only read it."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from sec_desktop.demo.generator import write_demo_records
from sec_desktop.domain.models import Base
from sec_desktop.services.participant_records import ParticipantRecord
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault.vault import Unlock, Vault
from tests.records import TODAY, TemplateVault


@dataclass(frozen=True)
class Demo:
    vault: Vault
    services: RecordServices
    counts: dict[str, int]
    records: list[ParticipantRecord]


@pytest.fixture(scope="package")
def demo(
    records_template: TemplateVault, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Demo]:
    """One scale-1 demo vault, shared by the tests that only read it."""
    path = tmp_path_factory.mktemp("demo") / "demo.secvault"
    shutil.copyfile(records_template.path, path)
    vault = Vault.open(path, Unlock(recovery_key=records_template.recovery_key))
    summary = write_demo_records(vault, 1, today=TODAY)
    services = RecordServices.over(vault, today=lambda: TODAY)
    records = [services.roster.record(ref.id) for ref in services.roster.refs()]
    yield Demo(vault, services, dict(summary.counts), records)
    vault.close()


def dump(vault: Vault) -> dict[str, list[tuple[Any, ...]]]:
    with vault.reading() as session:
        return {
            table.name: [
                tuple(row)
                for row in session.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
        }


def share(records: list[ParticipantRecord], test: Any) -> float:
    return sum(1 for r in records if test(r)) / len(records)


def digest(vault: Vault) -> str:
    """A fingerprint of every record, to compare vaults made in different processes."""
    return hashlib.sha256(repr(sorted(dump(vault).items())).encode()).hexdigest()


# Run in a fresh process: `python -c DIGEST_SCRIPT FOLDER` prints the digest of a new
# scale-1 demo vault made on TODAY.
DIGEST_SCRIPT = """
import sys
from pathlib import Path
from sec_desktop.demo.generator import write_demo_records
from sec_desktop.vault import kdf
from sec_desktop.vault.vault import Vault
from tests.demo.conftest import digest
from tests.records import RECORDS_PASSPHRASE, TODAY
floor = kdf.Argon2Params(memory_kib=65536, iterations=3, lanes=4)
vault, _key = Vault.create(Path(sys.argv[1]) / "d.secvault", RECORDS_PASSPHRASE, kdf_params=floor)
write_demo_records(vault, 1, today=TODAY)
print(digest(vault))
vault.close()
"""
