"""Fill an empty vault with synthetic records, in one audited transaction.

Scale 1 is about one coordinator's year (150 participants, 25 partners); scale 10 and
100 multiply the participants (partners grow with the square root). The same seed and
day always give the same records. Each family of records is a function over a shared
`DemoContext`, run in the order of `FAMILIES`; a new kind of record adds its family
there.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType

from faker import Faker
from sqlalchemy import func, select

from sec_desktop.demo.actions import write_actions
from sec_desktop.demo.context import DemoContext, Family
from sec_desktop.demo.engagements import write_engagements
from sec_desktop.demo.feedback import write_feedback
from sec_desktop.demo.partners import write_partners
from sec_desktop.demo.people import write_people
from sec_desktop.demo.recovery import write_recovery
from sec_desktop.demo.risk import write_risk
from sec_desktop.demo.scrutiny import write_scrutiny
from sec_desktop.demo.wellbeing import write_wellbeing
from sec_desktop.domain.participant import Participant
from sec_desktop.domain.partner import Partner
from sec_desktop.services.facts import mark_demo
from sec_desktop.vault import kdf
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

DEFAULT_SEED = 2026
SCALES = (1, 10, 100)

# In order: each family may use what the ones before it made.
FAMILIES: tuple[Family, ...] = (
    write_partners,
    write_people,
    write_engagements,
    write_scrutiny,
    write_feedback,
    write_risk,
    write_wellbeing,
    # Last, so that the records of the families above stay as they were.
    write_actions,
    write_recovery,
)


@dataclass(frozen=True)
class DemoSummary:
    """How many of each thing were written (counts only: nothing about anyone)."""

    scale: int
    seed: int
    counts: Mapping[str, int]

    def __getitem__(self, what: str) -> int:
        return self.counts[what]


class VaultNotEmpty(ValueError):
    """Demo records go only into a new vault, never beside real ones."""


def write_demo_records(
    vault: Vault, scale: int = 1, *, seed: int = DEFAULT_SEED, today: date
) -> DemoSummary:
    """Write the demo records into `vault` (open and empty) and mark it as a demo."""
    if scale < 1:
        raise ValueError("the scale is 1 or more")
    with vault.writing(AuditEvent.DEMO_DATA_WRITTEN, f"scale {scale}, seed {seed}") as session:
        if any(session.scalar(select(func.count()).select_from(m)) for m in (Participant, Partner)):
            raise VaultNotEmpty("demo records are written only into an empty vault")
        fake = Faker("en_GB")
        fake.seed_instance(seed)
        ctx = DemoContext(
            session=session,
            # Synthetic records, not secrets: a seeded generator is the point.
            rng=random.Random(seed),  # noqa: S311
            fake=fake,
            today=today,
            scale=scale,
        )
        for family in FAMILIES:
            family(ctx)
        mark_demo(session.connection())
    return DemoSummary(scale, seed, MappingProxyType(dict(ctx.counts)))


def create_demo_vault(
    path: Path,
    passphrase: str,
    *,
    scale: int = 1,
    seed: int = DEFAULT_SEED,
    today: date,
    kdf_params: kdf.KdfParams | None = None,
) -> tuple[DemoSummary, str]:
    """A new vault at `path` holding the demo records; returns the summary and the
    recovery key (to be shown once). If the records cannot be written, no file is left."""
    vault, recovery_key = Vault.create(path, passphrase, kdf_params=kdf_params)
    try:
        summary = write_demo_records(vault, scale, seed=seed, today=today)
    except BaseException:
        vault.close()
        path.unlink(missing_ok=True)
        raise
    vault.close()
    return summary, recovery_key
