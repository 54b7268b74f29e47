"""`sec-desktop demo PATH [--scale N]`: a new vault full of synthetic records, marked DEMO.

For trying the app, training and benchmarks. The passphrase is asked for like `vault
create` asks (twice at a prompt, or the first line of standard input with
--passphrase-stdin) and must be as strong. Prints counts only, never a name, and the
recovery key once. Exit codes: 0 ok, 1 usage or other error.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from sec_desktop.cli.vault import (
    SecretReader,
    guarded,
    kdf_seconds_option,
    print_recovery_key,
    stdin_option,
)
from sec_desktop.vault import kdf
from sec_desktop.vault.errors import VaultExists

EXIT_OK = 0
# As in sec_desktop.demo.generator (not imported here: it loads Faker, which is slow).
SCALES = (1, 10, 100)
DEFAULT_SEED = 2026


def add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="a new vault of synthetic demo records; prints its recovery key once",
        description="Make a new vault filled with synthetic records (invented people and "
        "partners), marked DEMO on screen and on every printed page.",
    )
    demo.add_argument("path", type=Path, metavar="PATH", help="the new vault file")
    demo.add_argument(
        "--scale",
        type=int,
        choices=SCALES,
        default=1,
        metavar="N",
        help="1 (default): about one coordinator's year, 150 participants; "
        "10 or 100: ten or a hundred times as many",
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"the same seed gives the same records on the same day (default {DEFAULT_SEED})",
    )
    kdf_seconds_option(demo)
    stdin_option(demo)


def run(
    args: argparse.Namespace,
    *,
    stdin: TextIO = sys.stdin,
    prompt: Callable[[str], str] = getpass.getpass,
) -> int:
    reader = SecretReader(args.passphrase_stdin, stdin, prompt)
    return guarded(lambda: _demo(args, reader))


def _demo(args: argparse.Namespace, reader: SecretReader) -> int:
    path: Path = args.path
    if path.exists():
        # Before asking for a passphrase: nothing typed should be wasted on a refusal.
        raise VaultExists()
    passphrase = reader.read_new("New passphrase: ")
    params = kdf.tune(target_seconds=max(args.kdf_seconds, 0.0))
    from sec_desktop.demo.generator import create_demo_vault  # noqa: PLC0415 (Faker is slow)

    summary, recovery_key = create_demo_vault(
        path,
        passphrase,
        scale=args.scale,
        seed=args.seed,
        today=date.today(),
        kdf_params=params,
    )
    print(f"Demo vault created: {path}")
    print(f"Synthetic records only (scale {summary.scale}, seed {summary.seed}), marked DEMO:")
    print()
    for what, how_many in summary.counts.items():
        print(f"    {what}: {how_many}")
    print()
    print_recovery_key(recovery_key)
    return EXIT_OK
