"""`sec-desktop vault ...` as an administrator uses it, through real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sec_desktop.vault import kdf
from sec_desktop.vault.vault import Unlock, Vault

PASSPHRASE = "orbit lantern cobalt meadow ferry"
NEW_PASSPHRASE = "quiet harbour violet engine plum"


def cli(*args: str, stdin: str = "", home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "sec_desktop", *args],
        input=stdin,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    path = tmp_path / "v" / "records.secvault"
    result = cli(
        "vault",
        "create",
        str(path),
        "--passphrase-stdin",
        "--kdf-seconds",
        "0",
        stdin=PASSPHRASE + "\n",
        home=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    return path


def test_create_prints_the_recovery_key_once_and_it_opens_the_vault(tmp_path: Path) -> None:
    path = tmp_path / "records.secvault"
    result = cli(
        "vault",
        "create",
        str(path),
        "--passphrase-stdin",
        "--kdf-seconds",
        "0",
        stdin=PASSPHRASE + "\n",
        home=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    key_lines = [line.strip() for line in result.stdout.splitlines() if line.count("-") >= 6]
    assert len(key_lines) == 1
    Vault.open(path, Unlock(recovery_key=key_lines[0])).close()


def test_create_refuses_a_weak_passphrase(tmp_path: Path) -> None:
    result = cli(
        "vault",
        "create",
        str(tmp_path / "v.secvault"),
        "--passphrase-stdin",
        stdin="password1234\n",
        home=tmp_path,
    )
    assert result.returncode == 1
    assert "sec-desktop:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "v.secvault").exists()


def test_info_needs_no_passphrase(vault_path: Path, tmp_path: Path) -> None:
    result = cli("vault", "info", str(vault_path), "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    assert facts["format_version"] == 1
    assert facts["generation"] >= 1
    assert [slot["kind"] for slot in facts["slots"]] == ["passphrase", "recovery key"]
    assert "argon2id" in facts["slots"][0]["kdf"] or "scrypt" in facts["slots"][0]["kdf"]


def test_check_and_its_exit_codes(vault_path: Path, tmp_path: Path) -> None:
    good = cli(
        "vault",
        "check",
        str(vault_path),
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
        home=tmp_path,
    )
    assert good.returncode == 0, good.stderr
    assert "Audit log:       ok" in good.stdout
    wrong = cli(
        "vault",
        "check",
        str(vault_path),
        "--passphrase-stdin",
        stdin="not the passphrase\n",
        home=tmp_path,
    )
    assert wrong.returncode == 2
    assert "passphrase is not right" in wrong.stderr
    damaged = bytearray(vault_path.read_bytes())
    damaged[-5] ^= 0xFF
    vault_path.write_bytes(bytes(damaged))
    broken = cli(
        "vault",
        "check",
        str(vault_path),
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
        home=tmp_path,
    )
    assert broken.returncode == 3
    assert "damaged" in broken.stderr and "Traceback" not in broken.stderr


def test_a_vault_open_elsewhere_gives_exit_4(vault_path: Path, tmp_path: Path) -> None:
    holder = Vault.open(vault_path, Unlock(passphrase=PASSPHRASE))
    try:
        result = cli(
            "vault",
            "passwd",
            str(vault_path),
            "--passphrase-stdin",
            stdin=f"{PASSPHRASE}\n{NEW_PASSPHRASE}\n",
            home=tmp_path,
        )
    finally:
        holder.close()
    assert result.returncode == 4
    assert "open in another copy" in result.stderr


def test_passwd_reads_the_new_passphrase_from_the_second_line(
    vault_path: Path, tmp_path: Path
) -> None:
    result = cli(
        "vault",
        "passwd",
        str(vault_path),
        "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\n{NEW_PASSPHRASE}\n",
        home=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    Vault.open(vault_path, Unlock(passphrase=NEW_PASSPHRASE)).close()


def test_backup_writes_a_verified_copy(vault_path: Path, tmp_path: Path) -> None:
    copies = tmp_path / "copies"
    result = cli(
        "vault",
        "backup",
        str(vault_path),
        "--to",
        str(copies),
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
        home=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    (copy,) = copies.glob("*.secvault")
    assert copy.read_bytes() == vault_path.read_bytes()
    assert "verified" in result.stdout


def test_usage_errors_exit_1(tmp_path: Path) -> None:
    result = cli("vault", "frobnicate", home=tmp_path)
    assert result.returncode == 1
    missing = cli("vault", "info", str(tmp_path / "nothing.secvault"), home=tmp_path)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr


def test_floor_settings_are_what_kdf_seconds_zero_gives() -> None:
    params = kdf.tune(target_seconds=0.0)
    assert params == kdf.Argon2Params(65536, 3, 4) or isinstance(params, kdf.ScryptParams)
