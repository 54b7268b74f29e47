"""Facts about a vault file without a key, and a full check of one with a key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sec_desktop.vault import audit, crypto, kdf, schema
from sec_desktop.vault.database import Database
from sec_desktop.vault.errors import VaultDamaged
from sec_desktop.vault.format import Header, SlotKind, split_file


@dataclass(frozen=True)
class SlotFacts:
    kind: str  # "passphrase" or "recovery key"
    kdf: str  # e.g. "argon2id m=262144KiB t=3 p=4", or "hkdf-sha256"


@dataclass(frozen=True)
class VaultFacts:
    path: Path
    format_version: int
    generation: int
    size_bytes: int
    modified: datetime
    slots: tuple[SlotFacts, ...]


@dataclass(frozen=True)
class CheckResult:
    generation: int
    schema_revision: str | None
    integrity_problems: tuple[str, ...]
    # None if the audit chain holds; else the first broken row (0: rows cut from the end).
    audit_broken_row: int | None
    audit_rows: int

    @property
    def ok(self) -> bool:
        return not self.integrity_problems and self.audit_broken_row is None


def read_facts(path: Path) -> VaultFacts:
    """What the header says; no passphrase needed, nothing decrypted."""
    data = path.read_bytes()
    header = split_file(data)[0]
    stat = path.stat()
    return VaultFacts(
        path=path.absolute(),
        format_version=header.version,
        generation=header.generation,
        size_bytes=stat.st_size,
        modified=datetime.fromtimestamp(stat.st_mtime, UTC),
        slots=tuple(_slot_facts(header, i) for i in range(len(header.slots))),
    )


def _slot_facts(header: Header, index: int) -> SlotFacts:
    slot = header.slots[index]
    if slot.kind == SlotKind.RECOVERY_KEY:
        return SlotFacts("recovery key", "hkdf-sha256")
    kind = kdf.KdfKind.ARGON2ID if slot.kind == SlotKind.PASSPHRASE_ARGON2ID else kdf.KdfKind.SCRYPT
    params = kdf.decode_params(kind, slot.params)
    if isinstance(params, kdf.Argon2Params):
        text = f"argon2id m={params.memory_kib}KiB t={params.iterations} p={params.lanes}"
    else:
        text = f"scrypt N=2^{params.log2_n} r={params.r} p={params.p}"
    return SlotFacts("passphrase", text)


def check_with_key(data: bytes, data_key: bytes) -> CheckResult:
    """Decrypt in memory, run SQLite's integrity check and verify the audit chain."""
    header, header_bytes, body = split_file(data)
    image = crypto.decrypt_body(data_key, header.body_salt, header.body_nonce, header_bytes, body)
    try:
        database = Database(image)
    except VaultDamaged:
        return CheckResult(header.generation, None, ("the database image is damaged",), None, 0)
    try:
        with database.engine.connect() as connection:
            broken = audit.first_broken_row(
                connection, crypto.audit_key(data_key), header.audit_head
            )
            count = len(audit.rows(connection))
        return CheckResult(
            generation=header.generation,
            schema_revision=schema.current_revision(database.engine),
            integrity_problems=tuple(database.integrity_check()),
            audit_broken_row=broken,
            audit_rows=count,
        )
    finally:
        database.close()
