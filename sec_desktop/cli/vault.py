"""`sec-desktop vault ...`: create, inspect, check, back up and re-key vaults.

Passphrases come from a prompt, or with --passphrase-stdin from standard input (the first
line; `passwd` reads the new passphrase from the second), never from an argument, where
other users could see it in the process list. Exit codes: 0 ok, 1 other error, 2 wrong
passphrase or recovery key, 3 damaged or tampered file, 4 vault in use.
"""

from __future__ import annotations

import argparse
import getpass
import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from sec_desktop.vault import kdf
from sec_desktop.vault.atomic import write_atomically
from sec_desktop.vault.errors import EXIT_DAMAGED, EXIT_ERROR, VaultError
from sec_desktop.vault.format import read_header
from sec_desktop.vault.inspect import CheckResult, read_facts
from sec_desktop.vault.passphrase import check_new_passphrase
from sec_desktop.vault.vault import Unlock, Vault, check_file

EXIT_OK = 0


class SecretReader:
    """Reads passphrases from a prompt, or line by line from standard input."""

    def __init__(self, from_stdin: bool, stdin: TextIO, prompt: Callable[[str], str]) -> None:
        self._from_stdin = from_stdin
        self._stdin = stdin
        self._prompt = prompt

    def read(self, prompt: str) -> str:
        if self._from_stdin:
            line = self._stdin.readline()
            if not line:
                raise VaultError("No passphrase was given on standard input.")
            return line.rstrip("\r\n")
        return self._prompt(prompt)

    def read_new(self, prompt: str) -> str:
        """A new passphrase: confirmed when typed at a prompt, and checked for strength."""
        passphrase = self.read(prompt)
        confirmation = passphrase if self._from_stdin else self._prompt("Type it again: ")
        check_new_passphrase(passphrase, confirmation)
        return passphrase


def add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    vault = subparsers.add_parser("vault", help="create, inspect, check and back up vaults")
    commands = vault.add_subparsers(dest="vault_command", required=True, metavar="COMMAND")

    create = commands.add_parser("create", help="a new vault; prints its recovery key once")
    create.add_argument("path", type=Path, metavar="PATH")
    kdf_seconds_option(create)
    stdin_option(create)

    info = commands.add_parser("info", help="facts from the header; no passphrase needed")
    info.add_argument("path", type=Path, metavar="PATH")
    info.add_argument("--json", action="store_true", help="print JSON")

    check = commands.add_parser("check", help="decrypt, integrity check, audit chain check")
    check.add_argument("path", type=Path, metavar="PATH")
    stdin_option(check)

    passwd = commands.add_parser("passwd", help="change the passphrase")
    passwd.add_argument("path", type=Path, metavar="PATH")
    stdin_option(passwd, second_line="the new passphrase on the second")

    backup = commands.add_parser("backup", help="a verified copy of the encrypted file")
    backup.add_argument("path", type=Path, metavar="PATH")
    backup.add_argument("--to", type=Path, required=True, metavar="DIR", dest="to")
    stdin_option(backup)


def kdf_seconds_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kdf-seconds",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="tune the key derivation to take about this long on this machine (default 1); "
        "the minimum settings apply however small",
    )


def stdin_option(parser: argparse.ArgumentParser, second_line: str = "") -> None:
    extra = f", {second_line}" if second_line else ""
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help=f"read the passphrase from the first line of standard input{extra}",
    )


def run(
    args: argparse.Namespace,
    *,
    stdin: TextIO = sys.stdin,
    prompt: Callable[[str], str] = getpass.getpass,
) -> int:
    reader = SecretReader(getattr(args, "passphrase_stdin", False), stdin, prompt)
    command = {
        "create": _create,
        "info": _info,
        "check": _check,
        "passwd": _passwd,
        "backup": _backup,
    }[args.vault_command]
    return guarded(lambda: command(args, reader))


def guarded(command: Callable[[], int]) -> int:
    """Run `command`; a vault or file error, or Ctrl+C, becomes one line on standard error
    and an exit code, not a traceback."""
    try:
        return command()
    except VaultError as error:
        print(f"sec-desktop: {error.english()}", file=sys.stderr)
        return error.exit_code
    except OSError as error:
        print(f"sec-desktop: {error.strerror or type(error).__name__}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("sec-desktop: cancelled", file=sys.stderr)
        return EXIT_ERROR


def _create(args: argparse.Namespace, reader: SecretReader) -> int:
    passphrase = reader.read_new("New passphrase: ")
    params = kdf.tune(target_seconds=max(args.kdf_seconds, 0.0))
    vault, recovery_key = Vault.create(args.path, passphrase, kdf_params=params)
    vault.close()
    print(f"Vault created: {args.path}")
    print()
    print_recovery_key(recovery_key)
    return EXIT_OK


def print_recovery_key(recovery_key: str) -> None:
    """The new vault's recovery key, the one time it is shown, and what it is for."""
    print("Recovery key (shown once; print it or write it down, and keep it locked away):")
    print()
    print(f"    {recovery_key}")
    print()
    print("Anyone with this key can open the vault. Without it, a forgotten passphrase")
    print("means the records are lost.")


def _info(args: argparse.Namespace, reader: SecretReader) -> int:
    facts = read_facts(args.path)
    if args.json:
        data = asdict(facts)
        data["path"] = str(facts.path)
        data["modified"] = facts.modified.isoformat()
        print(json.dumps(data, indent=2))
        return EXIT_OK
    print(f"Vault:          {facts.path}")
    print(f"Format version: {facts.format_version}")
    print(f"Generation:     {facts.generation} (saves since it was created)")
    print(f"Size:           {facts.size_bytes} bytes")
    print(f"Last saved:     {facts.modified:%Y-%m-%d %H:%M:%S} UTC")
    for slot in facts.slots:
        print(f"Key slot:       {slot.kind} ({slot.kdf})")
    return EXIT_OK


def _report(result: CheckResult) -> None:
    print(f"Generation:      {result.generation}")
    print(f"Schema:          {result.schema_revision or 'none'}")
    integrity = "ok" if not result.integrity_problems else "; ".join(result.integrity_problems)
    print(f"Database:        {integrity}")
    if result.audit_broken_row is None:
        print(f"Audit log:       ok ({result.audit_rows} entries)")
    elif result.audit_broken_row == 0:
        print("Audit log:       entries are missing from the end")
    else:
        print(f"Audit log:       broken at entry {result.audit_broken_row}")


def _check(args: argparse.Namespace, reader: SecretReader) -> int:
    result = check_file(args.path, Unlock(passphrase=reader.read("Passphrase: ")))
    _report(result)
    return EXIT_OK if result.ok else EXIT_DAMAGED


def _passwd(args: argparse.Namespace, reader: SecretReader) -> int:
    current = reader.read("Current passphrase: ")
    vault = Vault.open(args.path, Unlock(passphrase=current))
    try:
        vault.change_passphrase(reader.read_new("New passphrase: "))
    finally:
        vault.close()
    print("Passphrase changed.")
    return EXIT_OK


def _backup(args: argparse.Namespace, reader: SecretReader) -> int:
    passphrase = reader.read("Passphrase: ")
    data = args.path.read_bytes()  # one read: a save meanwhile gives old or new, whole
    generation = read_header(data).generation
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = args.to / f"{args.path.stem}-g{generation:010d}-{stamp}.secvault"
    write_atomically(target, data)
    # Verified from the copy on disk, not from memory: the copy is what a restore will use.
    result = check_file(target, Unlock(passphrase=passphrase))
    if not result.ok:
        target.unlink(missing_ok=True)
        _report(result)
        print("sec-desktop: the copy failed its check and was removed", file=sys.stderr)
        return EXIT_DAMAGED
    free = shutil.disk_usage(args.to).free
    print(f"Backup written and verified: {target} ({len(data)} bytes; {free} bytes free there)")
    return EXIT_OK
