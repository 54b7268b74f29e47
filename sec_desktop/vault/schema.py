"""Schema versions: Alembic, run inside the decrypted in-memory database at unlock."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.vault.errors import UnsupportedVersion, VaultError

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class MigrationFailed(VaultError):
    default_message = QT_TRANSLATE_NOOP(
        "Vault",
        "The vault could not be upgraded to this version of SEC Desktop, so it was left "
        "exactly as it was. Keep using the previous version and report the problem.",
    )


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migrations found")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    """True when the vault's schema is older than this version's; refuses newer ones."""
    current = current_revision(engine)
    known = {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}
    if current is not None and current not in known:
        raise UnsupportedVersion(
            QT_TRANSLATE_NOOP(
                "Vault",
                "This vault was saved by a newer version of SEC Desktop (schema {version}). "
                "Install that version or newer to open it.",
            ),
            version=current,
        )
    return current != head_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to this version's head (or, for tests of an older version's
    schema, to `revision`) in one transaction: all or nothing."""
    config = _config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except Exception as error:  # any failure means: nothing changed, say so
        raise MigrationFailed() from error
