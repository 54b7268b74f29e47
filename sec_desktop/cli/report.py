"""`sec-desktop report ...`: scrutiny panel briefings and governance reports as files.

    report scrutiny PATH --list [--json]
    report scrutiny PATH --meeting ID --out FILE.pdf
    report governance PATH --from DATE --to DATE --out FILE.pdf [--csv DIR] [--xlsx FILE]
                           [--threshold N]

The passphrase comes from a prompt, or with --passphrase-stdin from the first line of
standard input. Every build, save and export is audited in the vault, as from the
Reports screen. Figures in CSV and XLSX files are the published (disclosure-controlled)
ones only. Exit codes: 0 ok, 1 usage or other error (an unknown meeting, bad dates, a
file that could not be written), 2 wrong passphrase, 3 damaged file, 4 vault in use.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from sec_desktop.cli.vault import SecretReader, guarded, stdin_option
from sec_desktop.services.errors import RecordError
from sec_desktop.vault.errors import EXIT_ERROR

EXIT_OK = 0


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a date: write it as YEAR-MONTH-DAY, for example 2026-04-01"
        ) from None


def threshold_number(value: str) -> int:
    from sec_desktop.services.reports import MAX_THRESHOLD, MIN_THRESHOLD  # noqa: PLC0415

    try:
        number = int(value)
    except ValueError:
        number = 0
    if not MIN_THRESHOLD <= number <= MAX_THRESHOLD:
        raise argparse.ArgumentTypeError(
            f"'{value}': choose a whole number from {MIN_THRESHOLD} to {MAX_THRESHOLD}"
        )
    return number


def add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    report = subparsers.add_parser(
        "report",
        help="scrutiny panel briefings and governance reports (PDF, CSV, XLSX)",
        description="Make a report from a vault: a scrutiny panel briefing, or a governance "
        "report of counts with small numbers suppressed. Every report is audited.",
    )
    kinds = report.add_subparsers(dest="report_kind", required=True, metavar="REPORT")

    scrutiny = kinds.add_parser(
        "scrutiny",
        help="a scrutiny panel briefing (list the meetings with --list)",
        description="List scrutiny panel meetings, or make the briefing for one of them.",
    )
    scrutiny.add_argument("path", type=Path, metavar="PATH", help="the vault file")
    which = scrutiny.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--list", action="store_true", help="list the meetings: id, date, panel, cases"
    )
    which.add_argument("--meeting", type=int, metavar="ID", help="the meeting's id (see --list)")
    scrutiny.add_argument("--out", type=Path, metavar="FILE.pdf", help="with --meeting: the PDF")
    scrutiny.add_argument("--json", action="store_true", help="with --list: print JSON")
    stdin_option(scrutiny)

    governance = kinds.add_parser(
        "governance",
        help="a governance report for a period, with its figures as CSV or XLSX",
        description="Make the governance report for a period as a PDF, and optionally its "
        "tables as CSV files (one per table) and an XLSX workbook (one sheet per table).",
    )
    governance.add_argument("path", type=Path, metavar="PATH", help="the vault file")
    governance.add_argument(
        "--from", dest="start", type=iso_date, required=True, metavar="DATE",
        help="the first day counted (YEAR-MONTH-DAY)",
    )  # fmt: skip
    governance.add_argument(
        "--to", dest="end", type=iso_date, required=True, metavar="DATE",
        help="the last day counted (YEAR-MONTH-DAY)",
    )  # fmt: skip
    governance.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    governance.add_argument("--csv", type=Path, metavar="DIR", help="one CSV file per table here")
    governance.add_argument("--xlsx", type=Path, metavar="FILE.xlsx", help="one sheet per table")
    governance.add_argument(
        "--threshold",
        type=threshold_number,
        metavar="N",
        help="publish counts from 1 to N-1 as '<N' (3 or more; default: the vault's setting, "
        "else 5)",
    )
    stdin_option(governance)


def run(
    args: argparse.Namespace,
    *,
    stdin: TextIO | None = None,
    prompt: Callable[[str], str] = getpass.getpass,
) -> int:
    problem = _usage_problem(args)
    if problem:
        # Before asking for a passphrase: nothing typed is wasted on a refusal.
        print(f"sec-desktop report: {problem}", file=sys.stderr)
        return EXIT_ERROR
    reader = SecretReader(args.passphrase_stdin, stdin or sys.stdin, prompt)
    return guarded(lambda: _with_vault(args, reader))


def _usage_problem(args: argparse.Namespace) -> str:
    if not args.path.is_file():
        return f"there is no vault file at {args.path}"
    if args.report_kind == "governance":
        if args.end < args.start:
            return f"--to ({args.end:%Y-%m-%d}) is before --from ({args.start:%Y-%m-%d})"
        return ""
    problems = (
        (args.meeting is not None and args.out is None, "with --meeting, say where to save "
         "the briefing with --out FILE.pdf"),
        (args.list and args.out is not None, "--out goes with --meeting, not with --list"),
        (args.json and not args.list, "--json goes with --list"),
    )  # fmt: skip
    return next((problem for found, problem in problems if found), "")


def _with_vault(args: argparse.Namespace, reader: SecretReader) -> int:
    from sec_desktop.services.record_services import RecordServices  # noqa: PLC0415
    from sec_desktop.services.reports import ReportsService  # noqa: PLC0415
    from sec_desktop.vault.vault import Unlock, Vault  # noqa: PLC0415

    vault = Vault.open(args.path, Unlock(passphrase=reader.read("Passphrase: ")))
    try:
        service = ReportsService(RecordServices.over(vault))
        try:
            if args.report_kind == "scrutiny":
                return _list(service, args.json) if args.list else _briefing(service, args)
            return _governance(service, args)
        except RecordError as error:
            print(f"sec-desktop report: {error}", file=sys.stderr)
            return EXIT_ERROR
    finally:
        vault.close()


def _list(service: Any, as_json: bool) -> int:
    meetings = service.services.scrutiny.meetings()
    if as_json:
        rows = [
            {"id": m.id, "date": m.held_on.isoformat(), "panel": m.panel.name, "cases": m.cases}
            for m in meetings
        ]
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    if not meetings:
        print("No scrutiny panel meetings in this vault.")
        return EXIT_OK
    print(f"{'ID':>6}  {'Date':<10}  {'Panel':<5}  Cases")
    for m in meetings:
        print(f"{m.id:>6}  {m.held_on:%Y-%m-%d}  {m.panel.name:<5}  {m.cases:>5}")
    return EXIT_OK


def _briefing(service: Any, args: argparse.Namespace) -> int:
    report = service.build_scrutiny(args.meeting)
    service.record_built(report)
    service.save_pdf(report, args.out)
    print(f"Briefing saved: {args.out} ({_pages(report.pages)}; {report.subject}).")
    _plaintext_warning()
    return EXIT_OK


def _governance(service: Any, args: argparse.Namespace) -> int:
    threshold = args.threshold if args.threshold is not None else service.threshold()
    report = service.build_governance(args.start, args.end, threshold)
    service.record_built(report)
    service.save_pdf(report, args.out)
    print(f"Governance report saved: {args.out} ({_pages(report.pages)}).")
    if args.csv is not None:
        files = service.export_csv(report, args.csv)
        print(f"CSV files written: {files}, in {args.csv}")
    if args.xlsx is not None:
        service.export_xlsx(report, args.xlsx)
        print(f"XLSX written: {args.xlsx} ({len(report.published)} sheets)")
    small = sum(1 for cell in report.suppressed if cell.why == "small")
    secondary = len(report.suppressed) - small
    print(
        f"Suppressed: {small} counts from 1 to {threshold - 1} (shown as <{threshold}), and "
        f"{secondary} more so that those cannot be worked out from the totals."
    )
    _plaintext_warning()
    return EXIT_OK


def _pages(pages: int) -> str:
    return "1 page" if pages == 1 else f"{pages} pages"


def _plaintext_warning() -> None:
    print("These files are not encrypted: keep them where only you can open them.")
