"""The `sec-desktop` command: the GUI with no arguments, administrative commands otherwise.

Thin by design: it parses, calls into the application or services, prints, and exits with
a code from the documented contract (0 ok, 1 usage or other error). Qt is imported only
when a command needs it, so `--version` stays instant.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn

import sec_desktop

EXIT_OK = 0
EXIT_ERROR = 1


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on a usage error; our contract keeps 2 for a wrong passphrase."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sec-desktop",
        description="SEC Desktop: offline records for a Survivor Engagement Coordinator. "
        "With no arguments, opens the application window.",
        epilog="Commands: 'sec-desktop vault --help' (create, inspect, check, back up vaults); "
        "'sec-desktop demo --help' (a new vault of synthetic demo records).",
    )
    parser.add_argument(
        "vault",
        nargs="?",
        type=Path,
        metavar="VAULT",
        help="the vault file to open (default: the last one used)",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {sec_desktop.__version__}"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="build every page offscreen and exit 0 only if all of them built without error",
    )
    parser.add_argument(
        "--screenshots",
        metavar="DIR",
        type=Path,
        help="with --self-test: save one PNG per page in DIR, named after the page",
    )
    parser.add_argument(
        "--vault",
        dest="self_test_vault",
        type=Path,
        metavar="PATH",
        help="with --self-test: unlock this vault (else a throwaway one is made)",
    )
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="with --self-test --vault: read the passphrase from the first line of stdin",
    )
    return parser


def build_command_parser() -> argparse.ArgumentParser:
    """The administrative commands: `sec-desktop vault ...` and `sec-desktop demo ...`."""
    from sec_desktop.cli import demo, report, vault  # noqa: PLC0415 (loads only when used)

    parser = _Parser(prog="sec-desktop", description="SEC Desktop administrative commands.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    vault.add_parser(commands)
    demo.add_parser(commands)
    report.add_parser(commands)
    return parser


COMMANDS = {"vault", "demo", "report"}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        return _run_command(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if (args.screenshots or args.self_test_vault or args.passphrase_stdin) and not args.self_test:
        parser.error("--screenshots, --vault and --passphrase-stdin go with --self-test")
    if args.self_test:
        if args.vault is not None:
            parser.error("with --self-test, name the vault with --vault")
        return _self_test(args.screenshots, args.self_test_vault, args.passphrase_stdin)
    if not _display_available(os.environ, sys.platform):
        print(
            "sec-desktop: no graphical display was found, so the window cannot open. "
            "Start it from a desktop session; to check the installation without a screen, "
            "run: sec-desktop --self-test",
            file=sys.stderr,
        )
        return EXIT_ERROR
    from sec_desktop.app import run_gui  # noqa: PLC0415 (Qt loads only for the GUI)

    return run_gui(vault_path=args.vault)


def _display_available(environ: Mapping[str, str], platform: str) -> bool:
    """On Linux, Qt aborts with a confusing message when there is no display: check first."""
    if not platform.startswith("linux"):
        return True
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0]
    x11 = bool(environ.get("DISPLAY"))
    wayland = bool(environ.get("WAYLAND_DISPLAY"))
    if chosen == "xcb":
        return x11
    if chosen.startswith("wayland"):
        return wayland
    # offscreen, vnc, eglfs and the like need no desktop session.
    return bool(chosen) or x11 or wayland


def _self_test(screenshots: Path | None, vault: Path | None, passphrase_stdin: bool) -> int:
    if screenshots is not None:
        try:
            screenshots.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            print(
                f"sec-desktop: cannot use {screenshots} for screenshots: {error.strerror}",
                file=sys.stderr,
            )
            return EXIT_ERROR
    passphrase = None
    if vault is not None:
        if passphrase_stdin:
            passphrase = sys.stdin.readline().rstrip("\r\n")
        else:
            import getpass  # noqa: PLC0415

            passphrase = getpass.getpass("Passphrase: ")
    from sec_desktop.app import run_self_test  # noqa: PLC0415 (Qt loads only when needed)

    results = run_self_test(screenshots, vault, passphrase)
    for result in results:
        status = "ok" if result.ok else f"FAILED ({result.error})"
        print(f"{result.page}: {status}")
    failed = [r for r in results if not r.ok]
    print(f"self-test: {len(results) - len(failed)} of {len(results)} pages built")
    return EXIT_OK if results and not failed else EXIT_ERROR


def _run_command(argv: list[str]) -> int:
    from sec_desktop.cli import demo, report, vault  # noqa: PLC0415

    args = build_command_parser().parse_args(argv)
    if args.command == "demo":
        return demo.run(args)
    if args.command == "report":
        return report.run(args)
    return vault.run(args)
