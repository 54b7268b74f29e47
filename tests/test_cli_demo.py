"""`sec-desktop demo` as an administrator or trainer uses it, through real processes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sec_desktop.cli import build_command_parser
from sec_desktop.cli import demo as demo_command
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault.vault import Unlock, Vault

PASSPHRASE = "orbit lantern cobalt meadow ferry"


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


def test_demo_makes_a_demo_vault_and_prints_counts_and_the_recovery_key(tmp_path: Path) -> None:
    path = tmp_path / "demo.secvault"
    result = cli(
        "demo",
        str(path),
        "--scale",
        "1",
        "--passphrase-stdin",
        "--kdf-seconds",
        "0",
        stdin=PASSPHRASE + "\n",
        home=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "participants: 150" in result.stdout
    assert "partners: 25" in result.stdout
    key_lines = [line.strip() for line in result.stdout.splitlines() if line.count("-") >= 6]
    assert len(key_lines) == 1

    vault = Vault.open(path, Unlock(passphrase=PASSPHRASE))
    try:
        services = RecordServices.over(vault)
        assert services.facts.is_demo()
        rows = services.roster.rows()
        partners = services.partners.rows()
    finally:
        vault.close()
    assert len(rows) == 150
    # Counts only: nobody's name, and no contact detail, is printed.
    printed = result.stdout + result.stderr
    assert [r.name for r in rows if r.name in printed] == []
    assert [p.name for p in partners if p.name in printed] == []
    assert "@" not in printed and "07700" not in printed
    Vault.open(path, Unlock(recovery_key=key_lines[0])).close()


def test_demo_refuses_an_existing_file_and_leaves_it_alone(tmp_path: Path) -> None:
    path = tmp_path / "records.secvault"
    path.write_bytes(b"someone's real vault")
    result = cli("demo", str(path), "--passphrase-stdin", stdin=PASSPHRASE + "\n", home=tmp_path)
    assert result.returncode == 1
    assert "sec-desktop: There is already a file at that place." in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == b"someone's real vault"


def test_demo_refuses_a_weak_passphrase_as_vault_create_does(tmp_path: Path) -> None:
    path = tmp_path / "demo.secvault"
    result = cli("demo", str(path), "--passphrase-stdin", stdin="password1234\n", home=tmp_path)
    assert result.returncode == 1
    assert "sec-desktop: This passphrase is easy to guess" in result.stderr
    assert "Traceback" not in result.stderr
    assert not path.exists()


def test_demo_offers_only_the_three_scales(tmp_path: Path) -> None:
    path = tmp_path / "demo.secvault"
    result = cli(
        "demo", str(path), "--scale", "5", "--passphrase-stdin", stdin=PASSPHRASE, home=tmp_path
    )
    assert result.returncode == 1
    assert "invalid choice: 5 (choose from 1, 10, 100)" in result.stderr
    assert not path.exists()


def test_demo_asks_for_the_passphrase_twice_at_a_prompt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.secvault"
    args = build_command_parser().parse_args(["demo", str(path), "--kdf-seconds", "0"])
    asked: list[str] = []
    answers = iter([PASSPHRASE, "orbit lantern cobalt meadow feryy"])

    def prompt(text: str) -> str:
        asked.append(text)
        return next(answers)

    assert demo_command.run(args, stdin=io.StringIO(""), prompt=prompt) == 1
    assert asked == ["New passphrase: ", "Type it again: "]
    assert "The two passphrases are not the same." in capsys.readouterr().err
    assert not path.exists()

    answers = iter([PASSPHRASE, PASSPHRASE])
    assert demo_command.run(args, stdin=io.StringIO(""), prompt=prompt) == 0
    assert "participants: 150" in capsys.readouterr().out
    Vault.open(path, Unlock(passphrase=PASSPHRASE)).close()


def test_the_command_offers_what_the_generator_makes() -> None:
    # Kept apart so that `sec-desktop vault ...` need not load Faker.
    from sec_desktop.demo import generator

    assert demo_command.SCALES == generator.SCALES
    assert demo_command.DEFAULT_SEED == generator.DEFAULT_SEED
