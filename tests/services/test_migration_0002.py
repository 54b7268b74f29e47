"""Migration 0002 on a vault saved by 0.1.0 (schema 0001): it upgrades (to the head, through
every later migration), its new tables are there and empty, records written after it
survive a reopen, and the upgraded schema is exactly what the models declare."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, inspect, text

from sec_desktop.domain.enums import ConsentMethod, ConsentPurpose, ContactChannel, PartnerType
from sec_desktop.domain.models import Base
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.participant_records import (
    ParticipantDetails,
    ParticipantRecord,
    SafeContactRules,
)
from sec_desktop.services.partners import PartnerDetails
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault import audit, schema
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Unlock, Vault
from tests.records import TODAY

DATA = Path(__file__).resolve().parents[1] / "data"
REFERENCE = DATA / "reference-v0.1.0.secvault"
PASSPHRASE = "reference vault passphrase 2026"
# Kept by the vault itself, not declared by the record models.
VAULT_TABLES = {"vault_fact", "audit_log"}
# The full-text index (an FTS5 virtual table) and the tables FTS5 keeps it in: made by
# migration 0003 in SQL, not declared by the models.
SEARCH_INDEX = "search_index"
# The tables migration 0002 adds.
NEW_TABLES = {
    "pseudonym_counter",
    "participant",
    "safe_contact",
    "participant_need",
    "equality_monitoring",
    "consent",
    "membership",
    "invitation",
    "partner",
    "partner_contact",
    "partner_log",
}


@pytest.fixture
def reference_path(tmp_path: Path) -> Path:
    path = tmp_path / "vault" / REFERENCE.name
    path.parent.mkdir()
    shutil.copyfile(REFERENCE, path)
    return path


@pytest.fixture
def upgraded(reference_path: Path) -> Iterator[Vault]:
    vault = Vault.open(reference_path, Unlock(passphrase=PASSPHRASE))
    yield vault
    vault.close()


def not_declared(name: str | None) -> bool:
    """Tables the models do not declare: the vault's own and the search index's."""
    return name is not None and (
        name in VAULT_TABLES or name == SEARCH_INDEX or name.startswith(f"{SEARCH_INDEX}_")
    )


def differences(vault: Vault, metadata: MetaData) -> list[object]:
    def ours(name: str | None, type_: str, _parent: object) -> bool:
        return not (type_ == "table" and not_declared(name))

    with vault.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_name": ours},
        )
        return list(compare_metadata(context, metadata))


def test_the_reference_vault_was_saved_at_0001_and_is_upgraded_to_head(upgraded: Vault) -> None:
    assert schema.current_revision(upgraded.engine) == schema.head_revision()
    with upgraded.engine.connect() as connection:
        rows = audit.rows(connection)
    upgrades = [r.detail for r in rows if r.event == AuditEvent.SCHEMA_UPGRADED.value]
    assert upgrades == [f"from 0001 to {schema.head_revision()}"]


def test_the_new_tables_exist_and_are_empty(upgraded: Vault) -> None:
    tables = set(inspect(upgraded.engine).get_table_names())
    declared = {t for t in tables if not not_declared(t)} - {"alembic_version"}
    # Later migrations add tables of their own; every table is declared by the models.
    assert declared >= NEW_TABLES
    assert declared == set(Base.metadata.tables)
    assert tables >= VAULT_TABLES and SEARCH_INDEX in tables
    with upgraded.engine.connect() as connection:
        for table in sorted(NEW_TABLES):
            count = connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()  # noqa: S608
            assert count == 0, table
        # What was there before is still there.
        assert connection.execute(text("SELECT count(*) FROM audit_log")).scalar_one() > 0


def test_participant_ids_are_never_reused_in_an_upgraded_vault(upgraded: Vault) -> None:
    with upgraded.engine.connect() as connection:
        sql = connection.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'participant'")
        ).scalar_one()
    assert "AUTOINCREMENT" in sql.upper()
    services = RecordServices.over(upgraded, today=lambda: TODAY)
    first = services.roster.add(ParticipantDetails(name="First Synthetic"))
    second = services.roster.add(ParticipantDetails(name="Second Synthetic"))
    services.roster.erase(second.id)
    third = services.roster.add(ParticipantDetails(name="Third Synthetic"))
    assert (first.code, third.code) == ("S-0001", "S-0003")
    assert third.id > second.id


def test_records_written_after_the_upgrade_survive_closing_and_reopening(
    reference_path: Path,
) -> None:
    vault = Vault.open(reference_path, Unlock(passphrase=PASSPHRASE))
    try:
        services = RecordServices.over(vault, today=lambda: TODAY)
        partner = services.partners.add(PartnerDetails("Synthetic Refuge", PartnerType.REFUGE))
        ref = services.roster.add(
            ParticipantDetails(name="Rhiannon Synthetic", referral_partner_id=partner),
            SafeContactRules(channels=frozenset({ContactChannel.EMAIL}), email="r@example.org"),
        )
        services.consent.give(
            ref.id,
            ConsentGiven(
                ConsentPurpose.PARTNER_SHARING, TODAY, ConsentMethod.WRITTEN, None, "", partner
            ),
        )
        written: ParticipantRecord = services.roster.record(ref.id)
        rows = services.roster.rows()
    finally:
        vault.close()

    again = Vault.open(reference_path, Unlock(passphrase=PASSPHRASE))
    try:
        services = RecordServices.over(again, today=lambda: TODAY)
        assert services.roster.find_by_code("S-0001") == ref
        assert services.roster.record(ref.id) == written
        assert services.roster.rows() == rows
        assert services.partners.record(partner).details.name == "Synthetic Refuge"
        assert written.consents[0].partner_name == "Synthetic Refuge"
        with again.engine.connect() as connection:
            events = [r.event for r in audit.rows(connection)]
        # Upgraded once, not again on the second opening.
        assert events.count(AuditEvent.SCHEMA_UPGRADED.value) == 1
    finally:
        again.close()


def test_the_upgraded_schema_is_exactly_what_the_models_declare(upgraded: Vault) -> None:
    assert differences(upgraded, Base.metadata) == []


def test_the_comparison_would_notice_a_model_the_migration_does_not_match(
    upgraded: Vault,
) -> None:
    # The check above proves something only if a difference would show: add a column
    # to a copy of the models and one must.
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["participant"].append_column(Column("shoe_size", Integer, nullable=True))
    found = differences(upgraded, changed)
    assert len(found) == 1
    assert found[0][0] == "add_column"  # type: ignore[index]
    assert found[0][3].name == "shoe_size"  # type: ignore[index]
