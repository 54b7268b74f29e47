"""Schema migrations: committed vaults of earlier versions open; upgrades are all or nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from sec_desktop.vault import audit, schema
from sec_desktop.vault.backups import list_backups
from sec_desktop.vault.errors import UnsupportedVersion
from sec_desktop.vault.vault import Unlock, Vault, check_file
from tests.vault.conftest import FLOOR

DATA = Path(__file__).resolve().parents[1] / "data"
REFERENCE_PASSPHRASE = "reference vault passphrase 2026"
REFERENCES = sorted(DATA.glob("reference-v*.secvault"))


def test_there_is_a_reference_vault() -> None:
    assert REFERENCES


@pytest.mark.parametrize("reference", REFERENCES, ids=lambda p: p.name)
def test_every_reference_vault_still_opens(reference: Path, tmp_path: Path) -> None:
    path = tmp_path / reference.name
    shutil.copyfile(reference, path)
    vault = Vault.open(path, Unlock(passphrase=REFERENCE_PASSPHRASE))
    try:
        assert schema.current_revision(vault.engine) == schema.head_revision()
    finally:
        vault.close()
    key = (DATA / reference.name.replace(".secvault", ".recovery-key.txt")).read_text().strip()
    assert check_file(path, Unlock(recovery_key=key)).ok


NEXT_MIGRATION = '''"""A later schema, for the test.

Revision ID: 9999
Revises: {head}
"""

import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("later_table", sa.Column("id", sa.Integer, primary_key=True))
    {fail}


def downgrade() -> None:
    op.drop_table("later_table")
'''


def _migrations_with_next(tmp_path: Path, fail: bool) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    body = NEXT_MIGRATION.format(
        head=schema.head_revision(),
        fail='raise RuntimeError("this migration fails")' if fail else "",
    )
    (folder / "versions" / "9999_later.py").write_text(body, encoding="utf-8")
    return folder


def _copy_reference(tmp_path: Path) -> Path:
    path = tmp_path / "vault" / "records.secvault"
    path.parent.mkdir()
    shutil.copyfile(REFERENCES[0], path)
    return path


def test_an_older_vault_is_backed_up_then_upgraded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy_reference(tmp_path)
    original = path.read_bytes()
    monkeypatch.setattr(schema, "MIGRATIONS", _migrations_with_next(tmp_path, fail=False))
    assert schema.head_revision() == "9999"  # read from the new folder's files
    vault = Vault.open(path, Unlock(passphrase=REFERENCE_PASSPHRASE))
    try:
        assert schema.current_revision(vault.engine) == "9999"
        assert not schema.needs_upgrade(vault.engine)
        with vault.engine.connect() as connection:
            connection.execute(text("SELECT count(*) FROM later_table")).scalar_one()
            events = [row.event for row in audit.rows(connection)]
        assert audit.AuditEvent.SCHEMA_UPGRADED.value in events
    finally:
        vault.close()
    # The file as it was, before the upgrade, is among the backups.
    assert any(b.path.read_bytes() == original for b in list_backups(path))


def test_a_failed_upgrade_leaves_the_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy_reference(tmp_path)
    original = path.read_bytes()
    monkeypatch.setattr(schema, "MIGRATIONS", _migrations_with_next(tmp_path, fail=True))
    with pytest.raises(schema.MigrationFailed) as failure:
        Vault.open(path, Unlock(passphrase=REFERENCE_PASSPHRASE))
    assert "left exactly as it was" in failure.value.english()
    assert path.read_bytes() == original
    # And the lock was released: the current version opens it again.
    monkeypatch.undo()
    Vault.open(path, Unlock(passphrase=REFERENCE_PASSPHRASE)).close()


def test_a_vault_from_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = _copy_reference(tmp_path)
    vault = Vault.open(path, Unlock(passphrase=REFERENCE_PASSPHRASE))
    with vault.transaction() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'from-the-future'"))
    vault.close()
    with pytest.raises(UnsupportedVersion):
        Vault.open(path, Unlock(passphrase=REFERENCE_PASSPHRASE))


def test_the_revisions_read_from_the_files_are_alembics() -> None:
    scripts = ScriptDirectory.from_config(schema._config())
    assert schema.head_revision() == scripts.get_current_head()
    assert schema.known_revisions() == {s.revision for s in scripts.walk_revisions()}
    assert schema._chain() == {s.revision: s._all_down_revisions for s in scripts.walk_revisions()}


def test_revisions_are_read_as_alembic_writes_them(tmp_path: Path) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "a1_first.py").write_text("revision = 'a1'\ndown_revision = None\n", "utf-8")
    (versions / "b2_second.py").write_text(
        'revision: str = "b2"\ndown_revision: str | None = "a1"\n', "utf-8"
    )
    (versions / "c3_other.py").write_text("revision = 'c3'\ndown_revision = 'a1'\n", "utf-8")
    (versions / "d4_merge.py").write_text(
        "revision = 'd4'\ndown_revision = ('b2', 'c3')\n", "utf-8"
    )
    (versions / "__init__.py").write_text("", "utf-8")
    assert schema._chain_in(tmp_path) == {
        "a1": (),
        "b2": ("a1",),
        "c3": ("a1",),
        "d4": ("b2", "c3"),
    }
    (versions / "e5_broken.py").write_text("down_revision = 'd4'\n", "utf-8")
    with pytest.raises(schema.MigrationsUnreadable):
        schema._chain_in.__wrapped__(tmp_path)


def test_opening_a_vault_at_the_head_does_not_load_alembic(tmp_path: Path) -> None:
    """Alembic is for changing a schema; an ordinary unlock leaves it unloaded."""
    path = tmp_path / "head.secvault"
    vault, _key = Vault.create(path, "a long enough passphrase for this", kdf_params=FLOOR)
    vault.close()
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from sec_desktop.vault.vault import Unlock, Vault\n"
        f"Vault.open(Path({str(path)!r}), Unlock(passphrase='a long enough passphrase for this'))"
        ".close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'zxcvbn')))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]"
