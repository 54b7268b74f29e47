"""Nothing readable reaches the disk: after a whole session, no file anywhere under the
session's folders (vault, backups, temp, settings, logs) holds a record or a database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sec_desktop.vault.database import Database
from tests.vault.plaintext_session import CANARY

REPO = Path(__file__).resolve().parents[2]
FORBIDDEN = (CANARY.encode("utf-8"), CANARY.encode("utf-16-le"), b"SQLite format 3")


def test_a_whole_session_leaves_no_plaintext(tmp_path: Path) -> None:
    root = tmp_path / "session"
    (root / "tmp").mkdir(parents=True)
    env = dict(
        os.environ,
        HOME=str(root),
        TMPDIR=str(root / "tmp"),
        SQLITE_TMPDIR=str(root / "tmp"),
        XDG_CONFIG_HOME=str(root / "xdg-config"),
        XDG_STATE_HOME=str(root / "xdg-state"),
        XDG_DATA_HOME=str(root / "xdg-data"),
        XDG_CACHE_HOME=str(root / "xdg-cache"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "tests.vault.plaintext_session", str(root)],
        cwd=REPO,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "session done" in result.stdout
    files = [p for p in root.rglob("*") if p.is_file()]
    assert any(p.suffix == ".secvault" for p in files)
    assert any("backups" in str(p) for p in files)  # backups were made, and searched
    for path in files:
        content = path.read_bytes()
        for needle in FORBIDDEN:
            assert needle not in content, f"{needle!r} found in {path.relative_to(root)}"


def test_the_database_keeps_temporary_data_in_memory() -> None:
    database = Database()
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA temp_store").scalar_one() == 2
            assert connection.exec_driver_sql("PRAGMA secure_delete").scalar_one() == 1
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    finally:
        database.close()
