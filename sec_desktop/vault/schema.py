"""Schema versions: Alembic, run inside the decrypted in-memory database at unlock.

Alembic itself (about 17 MiB and 40 ms to import) is loaded only to create or upgrade a
schema. Every unlock only needs to know the vault's revision (one row of
`alembic_version`) and this version's revisions, read from the migration files' own
`revision` and `down_revision` lines (a test checks they agree with Alembic's view).
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.vault.errors import UnsupportedVersion, VaultError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class MigrationsUnreadable(VaultError):
    default_message = QT_TRANSLATE_NOOP(
        "Vault",
        "This copy of SEC Desktop is damaged: its list of database versions cannot be read. "
        "Install it again.",
    )


class MigrationFailed(VaultError):
    default_message = QT_TRANSLATE_NOOP(
        "Vault",
        "The vault could not be upgraded to this version of SEC Desktop, so it was left "
        "exactly as it was. Keep using the previous version and report the problem.",
    )


def _config() -> Config:
    from alembic.config import Config  # noqa: PLC0415 (heavy: only to change a schema)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _chain() -> dict[str, tuple[str, ...]]:
    return _chain_in(MIGRATIONS)


@cache
def _chain_in(folder: Path) -> dict[str, tuple[str, ...]]:
    """The revisions in `folder`: revision -> the revisions it follows (none for the first;
    two for a merge). Read as Alembic reads them: every `*.py` in `versions/`."""
    chain: dict[str, tuple[str, ...]] = {}
    for script in sorted((folder / "versions").glob("*.py")):
        if script.name.startswith("_"):
            continue
        found = _assignments(script)
        revision = found.get("revision")
        if not isinstance(revision, str) or not revision:
            raise MigrationsUnreadable()
        chain[revision] = _as_tuple(found.get("down_revision"))
    return chain


def _assignments(script: Path) -> dict[str, object]:
    """The module-level `revision` and `down_revision` values of a migration file."""
    try:
        tree = ast.parse(script.read_text("utf-8"), filename=script.name)
    except (OSError, SyntaxError, ValueError) as error:
        raise MigrationsUnreadable() from error
    found: dict[str, object] = {}
    for node in tree.body:
        target, value = _assigned(node)
        if target in ("revision", "down_revision") and value is not None:
            try:
                found[target] = ast.literal_eval(value)
            except ValueError as error:
                raise MigrationsUnreadable() from error
    return found


def _assigned(node: ast.stmt) -> tuple[str | None, ast.expr | None]:
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        return (target.id if isinstance(target, ast.Name) else None), node.value
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id, node.value
    return None, None


def _as_tuple(down: object) -> tuple[str, ...]:
    if down is None:
        return ()
    if isinstance(down, str):
        return (down,)
    if isinstance(down, tuple | list) and all(isinstance(d, str) for d in down):
        return tuple(down)
    raise MigrationsUnreadable()


def head_revision() -> str:
    chain = _chain()
    heads = set(chain) - {down for downs in chain.values() for down in downs}
    if len(heads) != 1:
        raise MigrationsUnreadable()
    return heads.pop()


def known_revisions() -> frozenset[str]:
    return frozenset(_chain())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        found = list(versions)
    if len(found) > 1:
        raise VaultError(
            QT_TRANSLATE_NOOP("Vault", "The vault's schema version is not one SEC Desktop knows.")
        )
    return str(found[0]) if found else None


def needs_upgrade(engine: Engine) -> bool:
    """True when the vault's schema is older than this version's; refuses newer ones."""
    current = current_revision(engine)
    if current is not None and current not in known_revisions():
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
    from alembic import command  # noqa: PLC0415 (heavy: only to change a schema)

    config = _config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except Exception as error:  # any failure means: nothing changed, say so
        raise MigrationFailed() from error
