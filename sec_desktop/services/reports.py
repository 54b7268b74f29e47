"""Reports that leave the vault: a scrutiny panel briefing or a governance report, built
as a PDF in memory, then saved, printed or exported, each step audited.

The pieces come from elsewhere: the briefing's content from `scrutiny_briefing`, the
governance figures from `governance_figures`, disclosure control from
`disclosure_control`, and the PDFs and CSV/XLSX files from `reports/`. This module ties
them together for the Reports screen and the command line, so both do the same thing.

Only published (disclosure-controlled) tables ever reach a file. A saved file is written
atomically and readable by this user only, with its audit row in the same vault
transaction: a file is never saved without its row, nor a row kept for a file that was
not saved. Audit details give the report, the meeting id or period and counts; never a
name, a code or anything said.
"""

from __future__ import annotations

import errno
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import text

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.reports import Translate, untranslated
from sec_desktop.services.errors import FieldError, NotFound, RecordError, ValidationFailed
from sec_desktop.services.facts import VaultFacts
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault.atomic import write_atomically
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.errors import SaveFailed

THRESHOLD_FACT = "report_small_numbers_threshold"
DEFAULT_THRESHOLD = 5
MIN_THRESHOLD = 3
MAX_THRESHOLD = 50
THRESHOLD_DETAIL = "small numbers threshold for reports"

NO_MEETING = QT_TRANSLATE_NOOP(
    "Records", "There is no scrutiny panel meeting {meeting} in this vault."
)
THRESHOLD_RANGE = QT_TRANSLATE_NOOP("Records", "Choose a number from {low} to {high}.")
TO_BEFORE_FROM = QT_TRANSLATE_NOOP("Records", "The last day must be on or after the first day.")
FONTS_MISSING = QT_TRANSLATE_NOOP(
    "Records",
    "The report could not be made: SEC Desktop's fonts are missing from this installation. "
    "Reinstall SEC Desktop, then try again.",
)
DISK_FULL = QT_TRANSLATE_NOOP(
    "Records",
    "The report could not be saved: the disk is full. Free some space, or save it on "
    "another drive.",
)
NO_PERMISSION = QT_TRANSLATE_NOOP(
    "Records",
    "The report could not be saved: you do not have permission to write there, or another "
    "program has the file open. Choose another folder, or close that program.",
)
READ_ONLY = QT_TRANSLATE_NOOP(
    "Records",
    "The report could not be saved: the drive is read-only. Choose another drive or folder.",
)
FOLDER_GONE = QT_TRANSLATE_NOOP(
    "Records",
    "The report could not be saved: the folder could not be found (a drive may have been "
    "removed). Choose another folder.",
)
NOT_SAVED = QT_TRANSLATE_NOOP(
    "Records",
    "The report could not be saved: the drive reported an error. Try again, or choose "
    "another folder.",
)
_REASONS = {
    errno.ENOSPC: DISK_FULL,
    errno.EACCES: NO_PERMISSION,
    errno.EPERM: NO_PERMISSION,
    errno.EROFS: READ_ONLY,
    errno.ENOENT: FOLDER_GONE,
    errno.ENODEV: FOLDER_GONE,
    errno.ENOTDIR: FOLDER_GONE,
    errno.EEXIST: FOLDER_GONE,
}


class ReportFailed(RecordError):
    """The report could not be made or saved; no file was left and nothing audited."""


class ReportKind(StrEnum):
    SCRUTINY = "scrutiny briefing"
    GOVERNANCE = "governance report"


@dataclass(frozen=True)
class SuppressedCell:
    """One suppressed figure, for the preview: which table, row and column, and why
    ("small": a count under the threshold; "secondary": hidden so that a small one
    cannot be worked out from the totals). Titles and labels are untranslated."""

    table: str
    row: str
    column: str
    why: str


@dataclass(frozen=True)
class BuiltReport:
    """A built report: the PDF (plaintext: handle with care), and what is in it."""

    kind: ReportKind
    pdf: bytes = field(repr=False)
    pages: int
    # The meeting id or the period, as the audit log gives it (no names, no codes).
    subject: str
    # Where a file is suggested to go: "scrutiny-briefing-2026-11-03".
    file_stem: str
    # Governance only: the disclosure-controlled tables (DC's PublishedTable).
    published: tuple[Any, ...] = ()
    suppressed: tuple[SuppressedCell, ...] = ()

    def audit_detail(self, what: str = "") -> str:
        pages = "page" if self.pages == 1 else "pages"
        detail = f"{self.kind.value}, {self.subject}, {self.pages} {pages}"
        return f"{detail}, {what}" if what else detail


def last_quarter(today: date) -> tuple[date, date]:
    """The last whole calendar quarter before today (also a financial-year quarter)."""
    first_this = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    end = first_this - timedelta(days=1)
    return date(end.year, end.month - 2, 1), end


def last_financial_year(today: date) -> tuple[date, date]:
    """The last whole financial year (1 April to 31 March) before today."""
    year = today.year if today.month >= 4 else today.year - 1
    return date(year - 1, 4, 1), date(year, 3, 31)


def check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationFailed([FieldError("to", TO_BEFORE_FROM)])


def check_threshold(value: int) -> None:
    if not MIN_THRESHOLD <= value <= MAX_THRESHOLD:
        raise ValidationFailed(
            [
                FieldError(
                    "threshold", THRESHOLD_RANGE, {"low": MIN_THRESHOLD, "high": MAX_THRESHOLD}
                )
            ]
        )


def _local_now() -> datetime:
    return datetime.now()


@dataclass
class ReportsService:
    services: RecordServices
    # The UI passes QCoreApplication.translate, so reports are in the user's language.
    translate: Translate = untranslated
    clock: Callable[[], datetime] = _local_now

    @property
    def vault(self) -> Any:
        return self.services.roster.vault

    # --- the small-numbers threshold, kept in the vault -----------------------------------

    def threshold(self) -> int:
        with self.vault.reading() as session:
            stored = session.execute(
                text("SELECT value FROM vault_fact WHERE name = :name"), {"name": THRESHOLD_FACT}
            ).scalar()
        try:
            value = int(stored) if stored is not None else DEFAULT_THRESHOLD
        except ValueError:
            return DEFAULT_THRESHOLD
        return value if MIN_THRESHOLD <= value <= MAX_THRESHOLD else DEFAULT_THRESHOLD

    def set_threshold(self, value: int) -> None:
        """Keep `value` (3 to 50) as the threshold; audited. Nothing is written if it is
        already the threshold."""
        check_threshold(value)
        if value == self.threshold():
            return
        with self.vault.writing(AuditEvent.RECORD_SETTING_CHANGED, THRESHOLD_DETAIL) as s:
            s.execute(
                text("INSERT OR REPLACE INTO vault_fact (name, value) VALUES (:name, :value)"),
                {"name": THRESHOLD_FACT, "value": str(value)},
            )

    # --- building (in memory; `record_built` audits) ---------------------------------------

    def build_scrutiny(self, meeting_id: int) -> BuiltReport:
        from sec_desktop.reports.scrutiny_pdf import (  # noqa: PLC0415 (slow: reportlab)
            build_scrutiny_pdf,
            scrutiny_furniture,
        )
        from sec_desktop.services.scrutiny_briefing import ScrutinyBriefing  # noqa: PLC0415

        meeting = next((m for m in self.services.scrutiny.meetings() if m.id == meeting_id), None)
        if meeting is None:
            raise NotFound(NO_MEETING, meeting=meeting_id)
        briefing = ScrutinyBriefing(self.services).briefing(meeting_id)
        furniture = scrutiny_furniture(briefing, self.clock(), self.translate)
        pdf = _guarded_build(lambda: build_scrutiny_pdf(briefing, furniture, self.translate))
        cases = "case" if meeting.cases == 1 else "cases"
        return BuiltReport(
            ReportKind.SCRUTINY,
            pdf,
            furniture.pages,
            f"meeting {meeting_id} ({meeting.panel.name}, {meeting.cases} {cases})",
            f"scrutiny-briefing-{meeting.panel.name.lower()}-{meeting.held_on:%Y-%m-%d}",
        )

    def build_governance(self, start: date, end: date, threshold: int) -> BuiltReport:
        from sec_desktop.reports.governance_pdf import (  # noqa: PLC0415 (slow: reportlab)
            HANDLING,
            build_governance_pdf,
        )
        from sec_desktop.reports.page_furniture import PageFurniture  # noqa: PLC0415
        from sec_desktop.services.disclosure_control import DisclosureControl  # noqa: PLC0415
        from sec_desktop.services.governance_figures import GovernanceFigures  # noqa: PLC0415

        check_period(start, end)
        check_threshold(threshold)
        figures = GovernanceFigures(self.services)
        control = DisclosureControl(threshold)
        tables = figures.tables(start, end)
        # Together: a total two tables share is hidden in both if either hides it, or one
        # table's published total would undo the other's suppression.
        published = tuple(control.publish_all(tables))
        summary = figures.summary(start, end, tables)
        # The headline figures are the tables' grand totals, as published (never truer).
        totals = {table.source.name: table.grand_total for table in published}
        headlines = [(line.label, totals.get(line.table, "*")) for line in summary.lines]
        furniture = PageFurniture(
            handling=self.translate("Reports", HANDLING),
            produced=self.clock(),
            demo=VaultFacts(self.vault).is_demo(),
            translate=self.translate,
        )
        pdf = _guarded_build(
            lambda: build_governance_pdf(
                published,
                headlines,
                furniture,
                period=(summary.start, summary.end),
                translate=self.translate,
                threshold=threshold,
            )
        )
        suppressed = suppressed_cells(published)
        return BuiltReport(
            ReportKind.GOVERNANCE,
            pdf,
            furniture.pages,
            f"{summary.start:%Y-%m} to {summary.end:%Y-%m}, counts under {threshold} "
            f"suppressed ({len(suppressed)} figures)",
            f"governance-report-{summary.start:%Y-%m}-to-{summary.end:%Y-%m}",
            published,
            suppressed,
        )

    def record_built(self, report: BuiltReport) -> None:
        self.vault.record(AuditEvent.REPORT_BUILT, report.audit_detail())

    def record_printed(self, report: BuiltReport) -> None:
        """Audit a report the UI is sending to a printer (before the first page goes)."""
        self.vault.record(AuditEvent.REPORT_PRINTED, report.audit_detail("sent to a printer"))

    # --- saving and exporting (atomic, audited with the write) ------------------------------

    def save_pdf(self, report: BuiltReport, path: Path) -> None:
        with self.vault.writing(AuditEvent.REPORT_SAVED, report.audit_detail("saved as a PDF")):
            _guarded_write(lambda: write_atomically(path, report.pdf))

    def export_csv(self, report: BuiltReport, folder: Path) -> int:
        """One CSV per published table in `folder` (made if missing); returns how many.
        Each file is replaced whole; none is written unless all were made."""
        from sec_desktop.reports.exports import write_csv  # noqa: PLC0415

        written: list[int] = []

        def export() -> None:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=folder, prefix=".sec-export-") as temp:
                write_csv(list(report.published), Path(temp))
                files = sorted(Path(temp).glob("*.csv"))
                for made in files:
                    write_atomically(folder / made.name, made.read_bytes())
                written.append(len(files))

        detail = report.audit_detail(f"figures exported as CSV ({len(report.published)} tables)")
        with self.vault.writing(AuditEvent.REPORT_EXPORTED, detail):
            _guarded_write(export)
        return written[0]

    def export_xlsx(self, report: BuiltReport, path: Path) -> None:
        from sec_desktop.reports.exports import write_xlsx  # noqa: PLC0415

        def export() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=path.parent, prefix=".sec-export-") as temp:
                made = Path(temp) / "report.xlsx"
                write_xlsx(list(report.published), made)
                write_atomically(path, made.read_bytes())

        detail = report.audit_detail(f"figures exported as XLSX ({len(report.published)} sheets)")
        with self.vault.writing(AuditEvent.REPORT_EXPORTED, detail):
            _guarded_write(export)


def _guarded_build(build: Callable[[], bytes]) -> bytes:
    from sec_desktop.reports.fonts import FontsMissing  # noqa: PLC0415

    try:
        return build()
    except FontsMissing as error:
        raise ReportFailed(FONTS_MISSING) from error


def suppressed_cells(published: Sequence[Any]) -> tuple[SuppressedCell, ...]:
    """Every suppressed figure of these published tables, in table order."""
    return tuple(
        SuppressedCell(
            table.source.title, table.row_label_of(item), table.column_label_of(item), item.why
        )
        for table in published
        for item in table.suppressed
    )


def _guarded_write(write: Callable[[], object]) -> None:
    """Run `write`; a failure becomes a ReportFailed saying why in the user's words."""
    try:
        write()
    except SaveFailed as failed:
        raise _failure(failed.__cause__) from failed
    except OSError as error:
        raise _failure(error) from error


def _failure(cause: BaseException | None) -> ReportFailed:
    reason = NO_PERMISSION if isinstance(cause, PermissionError) else NOT_SAVED
    if isinstance(cause, OSError) and cause.errno in _REASONS:
        reason = _REASONS[cause.errno]
    return ReportFailed(reason)
