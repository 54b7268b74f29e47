"""The governance figures as files: one CSV per table, or one XLSX workbook.

Both take `PublishedTable`s only, so every figure written is a published one ("12",
"<5", "0", "*"): a count that disclosure control hid cannot reach a file. Each file is
written atomically (a temporary file beside it, then a replace), so a failed export
leaves no half-written file; `SaveFailed` says why.

Spreadsheet programs run a cell that starts with "=", "+", "-" or "@" as a formula: a
label (a theme's name is typed by the user) that starts so is written with a leading
apostrophe in CSV, and as text, never a formula, in XLSX.

Neither reportlab nor openpyxl is imported at the top: this module is light to import.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.reports import Translate, untranslated
from sec_desktop.vault.atomic import write_atomically

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell  # type: ignore[import-untyped]
    from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

    from sec_desktop.services.disclosure_control import PublishedTable

CONTEXT = "Reports"
TOTAL = QT_TRANSLATE_NOOP("Reports", "Total")
NOTE = QT_TRANSLATE_NOOP("Reports", "note")
SMALL = QT_TRANSLATE_NOOP(
    "Reports", "{mark}: a count from 1 to {highest}, not shown so that nobody can be identified."
)
SECONDARY = QT_TRANSLATE_NOOP(
    "Reports", "{mark}: not shown so that a hidden count cannot be worked out from the totals."
)
LEGEND_SHEET = QT_TRANSLATE_NOOP("Reports", "Legend")
LEGEND_TITLE = QT_TRANSLATE_NOOP("Reports", "About these figures")
ABOUT = QT_TRANSLATE_NOOP(
    "Reports",
    "Counts only: no names, no free text, no date finer than the month. People are counted "
    "only while their consent to their feedback being used in reports is current.",
)
SHEET = QT_TRANSLATE_NOOP("Reports", "Sheet")
TABLE = QT_TRANSLATE_NOOP("Reports", "Table")
SECONDARY_MARK = "*"
SHEET_NAME_LIMIT = 31  # Excel's
_NAME = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Shorter words for long table names, so more of the name fits in a sheet's 31 characters.
_SHEET_SHORTER = (("equality_monitoring_", "equality_"), ("_and_", "_"))


def legend_lines(
    marks: Iterable[str], threshold: int, translate: Translate = untranslated
) -> list[str]:
    """What the suppression marks among `marks` mean, one line each."""
    present = {mark.strip() for mark in marks}
    lines = []
    small = f"<{threshold}"
    if small in present:
        text = translate(CONTEXT, SMALL)
        lines.append(text.format(mark=small, highest=threshold - 1))
    if SECONDARY_MARK in present:
        lines.append(translate(CONTEXT, SECONDARY).format(mark=SECONDARY_MARK))
    return lines


def table_marks(table: PublishedTable) -> set[str]:
    """Every published figure of `table` that is not a number: its suppression marks."""
    figures = [
        *(cell for row in table.cells for cell in row),
        *table.row_totals,
        *table.column_totals,
        table.grand_total,
    ]
    return {f.strip() for f in figures if f.strip() and not f.strip().isdigit()}


def table_rows(table: PublishedTable, translate: Translate = untranslated) -> list[list[str]]:
    """Header row, one row per row of the table, then the Total row: published text."""
    source = table.source

    def tr(text: str) -> str:
        return translate(CONTEXT, text)

    total = [tr(TOTAL)] if source.totals else []
    rows = [[tr(source.row_label), *(tr(c) for c in source.columns), *total]]
    width = len(source.columns) + len(total)
    for (label, _), cells in zip(source.rows, table.cells, strict=True):
        rows.append([tr(label), *cells[:width]])
    if source.totals:
        rows.append([tr(TOTAL), *table.column_totals, table.grand_total])
    return rows


def _checked_names(published: Sequence[PublishedTable]) -> None:
    names = [table.source.name for table in published]
    for name in names:
        if not _NAME.match(name):
            raise ValueError(f"A table's name must be lower-case letters, digits and _: {name!r}")
    if len(set(names)) != len(names):
        raise ValueError("Two tables have the same name.")


def _safe_text(text: str) -> str:
    """A label as a spreadsheet will not run it as a formula."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def csv_bytes(table: PublishedTable, translate: Translate = untranslated) -> bytes:
    """One table as CSV (UTF-8 with a byte-order mark, so Excel reads ŵ and ŷ right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in table_rows(table, translate):
        writer.writerow([_safe_text(cell) for cell in row])
    note = translate(CONTEXT, NOTE)
    legend = legend_lines(table_marks(table), table.threshold, translate)
    if table.source.note:
        legend.insert(0, translate(CONTEXT, table.source.note))
    for line in legend:
        writer.writerow([note, _safe_text(line)])
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(
    published: Sequence[PublishedTable], folder: Path, translate: Translate = untranslated
) -> list[Path]:
    """One `<name>.csv` per table in `folder` (made if missing); their paths, in order.
    Raises SaveFailed if a file cannot be written, ValueError on a bad table name."""
    _checked_names(published)
    paths = []
    for table in published:
        path = folder / f"{table.source.name}.csv"
        write_atomically(path, csv_bytes(table, translate))
        paths.append(path)
    return paths


def sheet_names(names: Sequence[str], reserved: Iterable[str] = ()) -> list[str]:
    """Excel sheet names for `names`: no more than 31 characters, none of []:*?/\\, and
    unique (case-insensitively, as Excel compares them), avoiding `reserved`."""
    taken = {name.casefold() for name in reserved}
    chosen = []
    for name in names:
        shorter = name
        if len(name) > SHEET_NAME_LIMIT:
            for long, short in _SHEET_SHORTER:
                shorter = shorter.replace(long, short)
        base = _SHEET_FORBIDDEN.sub("_", shorter)[:SHEET_NAME_LIMIT] or "table"
        candidate, number = base, 2
        while candidate.casefold() in taken:
            suffix = f"~{number}"
            candidate = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
            number += 1
        taken.add(candidate.casefold())
        chosen.append(candidate)
    return chosen


def xlsx_bytes(published: Sequence[PublishedTable], translate: Translate = untranslated) -> bytes:
    """The workbook: a legend sheet, then one sheet per table."""
    from openpyxl import Workbook  # type: ignore[import-untyped]  # noqa: PLC0415 (slow)

    def tr(text: str) -> str:
        return translate(CONTEXT, text)

    workbook = Workbook()
    legend_sheet = workbook.create_sheet()
    workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook starts with
    legend_name = sheet_names([tr(LEGEND_SHEET)])[0]
    names = sheet_names([t.source.name for t in published], reserved=[legend_name])
    legend_sheet.title = legend_name
    _fill_legend(legend_sheet, published, names, translate)
    for table, name in zip(published, names, strict=True):
        _fill_table(workbook.create_sheet(name), table, translate)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill_legend(
    sheet: Worksheet,
    published: Sequence[PublishedTable],
    names: Sequence[str],
    translate: Translate,
) -> None:
    """What the marks mean, then each sheet with the title of its table."""
    from openpyxl.styles import Font  # type: ignore[import-untyped]  # noqa: PLC0415

    def tr(text: str) -> str:
        return translate(CONTEXT, text)

    marks = set().union(*(table_marks(t) for t in published)) if published else set()
    threshold = published[0].threshold if published else 5
    lines = [
        tr(ABOUT),
        *legend_lines(marks | {f"<{threshold}", SECONDARY_MARK}, threshold, translate),
    ]
    _text_cell(sheet, 1, 1, tr(LEGEND_TITLE)).font = Font(bold=True, size=13)
    for row, line in enumerate(lines, start=2):
        _text_cell(sheet, row, 1, line)
    first = len(lines) + 3
    _text_cell(sheet, first, 1, tr(SHEET)).font = Font(bold=True)
    _text_cell(sheet, first, 2, tr(TABLE)).font = Font(bold=True)
    for row, (table, name) in enumerate(zip(published, names, strict=True), start=first + 1):
        _text_cell(sheet, row, 1, name)
        _text_cell(sheet, row, 2, tr(table.source.title))
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 60


def _fill_table(sheet: Worksheet, table: PublishedTable, translate: Translate) -> None:
    """Title in A1, the note under it, the table from row 4: counts as numbers, hidden
    figures as their marks (text), labels as text, never formulas."""
    from openpyxl.styles import Font  # noqa: PLC0415

    source = table.source
    _text_cell(sheet, 1, 1, translate(CONTEXT, source.title)).font = Font(bold=True, size=13)
    notes = legend_lines(table_marks(table), table.threshold, translate)
    if source.note:
        notes.insert(0, translate(CONTEXT, source.note))
    _text_cell(sheet, 2, 1, " ".join(notes))
    rows = table_rows(table, translate)
    top = 4
    for r, row in enumerate(rows, start=top):
        for c, text in enumerate(row, start=1):
            if c > 1 and r > top and text.strip().isdigit():
                cell = sheet.cell(row=r, column=c, value=int(text))
            else:
                cell = _text_cell(sheet, r, c, text)
            if r == top or (source.totals and r == top + len(rows) - 1):
                cell.font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(row=top + 1, column=2)
    sheet.column_dimensions["A"].width = min(60, max(12, *(len(row[0]) + 2 for row in rows)))


def _text_cell(sheet: Worksheet, row: int, column: int, text: str) -> Cell:
    """A cell holding `text` as text: a value starting with "=" is not a formula here."""
    cell = sheet.cell(row=row, column=column, value=text)
    cell.data_type = "s"
    return cell


def write_xlsx(
    published: Sequence[PublishedTable], path: Path, translate: Translate = untranslated
) -> Path:
    """Write the workbook at `path` (replacing a file there). Raises SaveFailed if it
    cannot be written, ValueError on a bad table name."""
    _checked_names(published)
    write_atomically(path, xlsx_bytes(published, translate))
    return path
