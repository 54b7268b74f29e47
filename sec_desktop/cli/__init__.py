"""The `sec-desktop` command: the GUI with no arguments, administrative commands otherwise.

Thin by design: it parses, calls into the application or services, prints, and exits with
a code from the documented contract (0 ok, 1 usage or other error). Qt is imported only
when a command needs it, so `--version` stays instant.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import sec_desktop

if TYPE_CHECKING:
    import argparse

EXIT_OK = 0
EXIT_ERROR = 1


@cache
def _parser_class() -> type[argparse.ArgumentParser]:
    """argparse is loaded only to parse options: a plain start (`sec-desktop [VAULT]`)
    does without it, and its first window comes sooner."""
    import argparse  # noqa: PLC0415

    class _Parser(argparse.ArgumentParser):
        """argparse exits 2 on a usage error; our contract keeps 2 for a wrong passphrase."""

        def error(self, message: str) -> NoReturn:
            self.print_usage(sys.stderr)
            self.exit(EXIT_ERROR, f"{self.prog}: {message}\n")

    return _Parser


def _Parser(**options: Any) -> argparse.ArgumentParser:  # noqa: N802 (stands for the class)
    return _parser_class()(**options)


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
    plain, vault = plain_launch(argv)
    if not plain:
        parser = build_parser()
        args = parser.parse_args(argv)
        if (
            args.screenshots or args.self_test_vault or args.passphrase_stdin
        ) and not args.self_test:
            parser.error("--screenshots, --vault and --passphrase-stdin go with --self-test")
        if args.self_test:
            if args.vault is not None:
                parser.error("with --self-test, name the vault with --vault")
            return _self_test(args.screenshots, args.self_test_vault, args.passphrase_stdin)
        vault = args.vault
    if not _display_available(os.environ, sys.platform):
        print(
            "sec-desktop: no graphical display was found, so the window cannot open. "
            "Start it from a desktop session; to check the installation without a screen, "
            "run: sec-desktop --self-test",
            file=sys.stderr,
        )
        return EXIT_ERROR
    _import_plain_modules_first()
    from sec_desktop.app import run_gui  # noqa: PLC0415 (Qt loads only for the GUI)

    return run_gui(vault_path=vault)


def plain_launch(argv: Sequence[str]) -> tuple[bool, Path | None]:
    """`sec-desktop` or `sec-desktop VAULT` (no option): the GUI on that vault, told apart
    without argparse, whose parsing loads several modules the first window can do
    without. Anything else is (False, None): the parser decides."""
    if not argv:
        return True, None
    if len(argv) == 1 and not argv[0].startswith("-"):
        return True, Path(argv[0])
    return False, None


def _import_plain_modules_first() -> None:
    """The plain-Python modules the first window needs, imported before PySide6: once it is
    loaded, PySide6 reads the source of every module imported after it (for its
    `__feature__` switches), which slows the start by several milliseconds."""
    import sec_desktop.crash_report  # noqa: PLC0415
    import sec_desktop.logs  # noqa: PLC0415
    import sec_desktop.paths  # noqa: PLC0415
    import sec_desktop.settings  # noqa: PLC0415
    import sec_desktop.vault.errors  # noqa: F401, PLC0415


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
