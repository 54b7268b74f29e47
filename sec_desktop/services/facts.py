"""Facts about the vault itself, kept inside it (so only known once unlocked)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from sec_desktop.vault.vault import Vault

DEMO = "demo"


def mark_demo(connection: Connection) -> None:
    connection.execute(
        text("INSERT OR REPLACE INTO vault_fact (name, value) VALUES (:name, 'yes')"),
        {"name": DEMO},
    )


@dataclass
class VaultFacts:
    vault: Vault

    def is_demo(self) -> bool:
        """A vault of synthetic data: marked DEMO on screen and on every printed page."""
        with self.vault.reading() as session:
            value = session.execute(
                text("SELECT value FROM vault_fact WHERE name = :name"), {"name": DEMO}
            ).scalar()
        return value == "yes"
