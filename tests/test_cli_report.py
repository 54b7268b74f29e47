"""`sec-desktop report ...` on a demo vault: listing meetings, a briefing, a governance
report with CSV and XLSX, each audited; and the refusals, with their exit codes."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from pypdf import PdfReader

from sec_desktop.cli import main
from sec_desktop.demo.generator import write_demo_records
from sec_desktop.services import reports
from sec_desktop.vault import audit
from sec_desktop.vault.vault import Unlock, Vault
from tests.records import RECORDS_PASSPHRASE, TODAY, TemplateVault


@pytest.fixture(scope="module")
def demo_file(
    records_template: TemplateVault, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """A closed scale-1 demo vault whose passphrase is RECORDS_PASSPHRASE."""
    path = tmp_path_factory.mktemp("report-cli") / "demo.secvault"
    shutil.copyfile(records_template.path, path)
    vault = Vault.open(path, Unlock(recovery_key=records_template.recovery_key))
    write_demo_records(vault, 1, today=TODAY)
    vault.close()
    yield path


def run(monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = RECORDS_PASSPHRASE) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin + "\n"))
    return main(["report", *args, "--passphrase-stdin"])


def audit_rows(path: Path) -> list[audit.AuditRow]:
    """The report rows of the audit log (opening the vault adds rows of its own)."""
    vault = Vault.open(path, Unlock(passphrase=RECORDS_PASSPHRASE))
    try:
        with vault.engine.connect() as connection:
            return [row for row in audit.rows(connection) if row.event.startswith("report")]
    finally:
        vault.close()


def meetings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], path: Path
) -> list[dict[str, Any]]:
    assert run(monkeypatch, "scrutiny", str(path), "--list", "--json") == 0
    listed: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return listed


def test_list_shows_every_meeting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], demo_file: Path
) -> None:
    listed = meetings(monkeypatch, capsys, demo_file)
    assert listed and {m["panel"] for m in listed} <= {"DA", "RASSO"}
    assert all(m["cases"] >= 0 and len(m["date"]) == 10 for m in listed)
    assert run(monkeypatch, "scrutiny", str(demo_file), "--list") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["ID", "Date", "Panel", "Cases"]
    assert f"{listed[0]['id']:>6}  {listed[0]['date']}" in out


def test_a_briefing_is_saved_marked_and_audited(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    demo_file: Path,
    tmp_path: Path,
) -> None:
    meeting = next(m for m in meetings(monkeypatch, capsys, demo_file) if m["cases"])
    out = tmp_path / "briefing.pdf"
    before = len(audit_rows(demo_file))
    code = run(
        monkeypatch, "scrutiny", str(demo_file), "--meeting", str(meeting["id"]), "--out", str(out)
    )
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert f"Briefing saved: {out}" in printed.out
    pages = PdfReader(out).pages
    for page in pages:
        text = page.extract_text()
        assert text.count("OFFICIAL-SENSITIVE") >= 2
        assert "DEMO" in text
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600
    rows = audit_rows(demo_file)[before:]
    assert [r.event for r in rows] == ["report built", "report saved as a PDF"]
    assert rows[1].detail.startswith(f"scrutiny briefing, meeting {meeting['id']} (")


def test_governance_with_csv_and_xlsx(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    demo_file: Path,
    tmp_path: Path,
) -> None:
    out, folder, book = tmp_path / "g.pdf", tmp_path / "csv", tmp_path / "g.xlsx"
    before = len(audit_rows(demo_file))
    code = run(
        monkeypatch,
        "governance",
        str(demo_file),
        "--from",
        "2025-04-01",
        "--to",
        "2026-03-31",
        "--out",
        str(out),
        "--csv",
        str(folder),
        "--xlsx",
        str(book),
    )
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "Suppressed: " in printed.out and "(shown as <5)" in printed.out
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "OFFICIAL-SENSITIVE" in text
    files = sorted(p.name for p in folder.iterdir())
    assert "engagements_by_month.csv" in files
    assert not [name for name in files if not name.endswith(".csv")]  # no temporary left
    with (folder / "engagements_by_month.csv").open(newline="", encoding="utf-8-sig") as f:
        cells = [cell for row in csv.reader(f) for cell in row[1:]]
    assert not [c for c in cells if c in {"1", "2", "3", "4"}]
    sheets = load_workbook(book, read_only=True).sheetnames
    assert len([name for name in sheets if name != "Legend"]) == len(files)
    events = [r.event for r in audit_rows(demo_file)[before:]]
    assert events == [
        "report built",
        "report saved as a PDF",
        "report figures exported",
        "report figures exported",
    ]


def test_refusals_say_why_with_their_exit_codes(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    demo_file: Path,
    tmp_path: Path,
) -> None:
    out = str(tmp_path / "x.pdf")
    assert run(monkeypatch, "scrutiny", str(demo_file), "--list", stdin="not it") == 2
    assert "passphrase is not right" in capsys.readouterr().err
    assert run(monkeypatch, "scrutiny", str(demo_file), "--meeting", "99999", "--out", out) == 1
    assert "no scrutiny panel meeting 99999" in capsys.readouterr().err
    assert run(monkeypatch, "scrutiny", str(demo_file), "--meeting", "1") == 1
    assert "--out FILE.pdf" in capsys.readouterr().err
    period = ["--to", "2026-03-31", "--out", out]
    assert run(monkeypatch, "governance", str(demo_file), "--from", "2026-04-01", *period) == 1
    assert "--to (2026-03-31) is before --from (2026-04-01)" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        run(monkeypatch, "governance", str(demo_file), "--from", "2026-13-01", *period)
    assert usage.value.code == 1
    assert "'2026-13-01' is not a date" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run(
            monkeypatch,
            "governance",
            str(demo_file),
            "--from",
            "2026-01-01",
            *period,
            "--threshold",
            "2",
        )
    assert "from 3 to 50" in capsys.readouterr().err
    assert run(monkeypatch, "scrutiny", str(tmp_path / "none.secvault"), "--list") == 1
    assert "there is no vault file" in capsys.readouterr().err
    assert not Path(out).exists()


def test_a_real_process_prints_no_traceback(demo_file: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            *(sys.executable, "-m", "sec_desktop", "report", "scrutiny", str(demo_file)),
            *("--meeting", "99999", "--out", str(tmp_path / "x.pdf"), "--passphrase-stdin"),
        ],
        input=RECORDS_PASSPHRASE + "\n",
        env=dict(os.environ, HOME=str(tmp_path)),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "sec-desktop report: There is no scrutiny panel meeting 99999 in this vault."
    )


def test_a_full_disk_leaves_no_file_and_no_audit_row(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    demo_file: Path,
    tmp_path: Path,
) -> None:
    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(reports, "write_atomically", full)
    out = tmp_path / "g.pdf"
    before = len(audit_rows(demo_file))
    period = ("--from", "2026-01-01", "--to", "2026-03-31", "--out", str(out))
    assert run(monkeypatch, "governance", str(demo_file), *period) == 1
    assert capsys.readouterr().err.strip() == (
        "sec-desktop report: The report could not be saved: the disk is full. Free some "
        "space, or save it on another drive."
    )
    assert not out.exists()
    assert [r.event for r in audit_rows(demo_file)[before:]] == ["report built"]
