"""CSV and XLSX exports: one file or sheet per table, named after it, published figures
only, never a formula, written atomically."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from sec_desktop.reports.exports import (
    SHEET_NAME_LIMIT,
    csv_bytes,
    sheet_names,
    write_csv,
    write_xlsx,
)
from sec_desktop.services.disclosure_control import DisclosureControl, FigureTable, PublishedTable
from sec_desktop.vault.errors import SaveFailed
from tests.reports.test_governance_pdf import SECRET_SECONDARY, SECRET_SMALL, secret_table

LONG_NAME = "equality_monitoring_marriage_and_civil_partnership"
WELSH = "Gwasanaeth \u0175 \u0177 \u00e2"


def tables() -> list[PublishedTable]:
    control = DisclosureControl(5)
    return [
        control.publish(
            FigureTable(
                "engagements_by_month",
                "Engagements by type and month",
                "Engagement type",
                ("Apr 2026", "May 2026"),
                (("Focus group", (12, 7)), (WELSH, (9, 30))),
            )
        ),
        control.publish(
            FigureTable(LONG_NAME, "Marriage", "Answer", ("People",), (("Married", (20,)),))
        ),
        control.publish(
            FigureTable(LONG_NAME + "_2", "Marriage again", "Answer", ("People",), (("x", (8,)),))
        ),
        secret_table(),
    ]


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_one_csv_per_table_named_after_it(tmp_path: Path) -> None:
    folder = tmp_path / "new folder"
    paths = write_csv(tables(), folder)
    assert [p.name for p in paths] == [
        "engagements_by_month.csv",
        f"{LONG_NAME}.csv",
        f"{LONG_NAME}_2.csv",
        "hand_made.csv",
    ]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths)
    assert paths[0].read_bytes().startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8
    assert read_csv(paths[0]) == [
        ["Engagement type", "Apr 2026", "May 2026", "Total"],
        ["Focus group", "12", "7", "19"],
        [WELSH, "9", "30", "39"],
        ["Total", "21", "37", "58"],
    ]


def test_suppressed_cells_keep_their_marks_and_a_note_says_why(tmp_path: Path) -> None:
    (path,) = write_csv([secret_table()], tmp_path)
    rows = read_csv(path)
    assert rows[1] == ["First", "<5", "*", "*"]
    assert rows[3] == ["Total", "*", "*", "*"]
    notes = [row for row in rows if row[0] == "note"]
    assert [row[1].split(":")[0] for row in notes] == ["<5", "*"]
    assert "a count from 1 to 4" in notes[0][1]


def test_true_values_of_hidden_cells_never_reach_a_file(tmp_path: Path) -> None:
    (path,) = write_csv([secret_table()], tmp_path)
    text = path.read_text(encoding="utf-8-sig")
    assert str(SECRET_SECONDARY) not in text
    assert str(SECRET_SMALL) not in text
    workbook_path = write_xlsx([secret_table()], tmp_path / "figures.xlsx")
    workbook = load_workbook(workbook_path)
    values = [
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    assert "<5" in values
    assert not any(str(SECRET_SECONDARY) in value for value in values)
    assert str(SECRET_SMALL) not in values


def test_one_sheet_per_table_with_a_legend_first(tmp_path: Path) -> None:
    path = write_xlsx(tables(), tmp_path / "out" / "figures.xlsx")
    workbook = load_workbook(path)
    names = workbook.sheetnames
    assert names[0] == "Legend"
    assert len(names) == 5
    assert all(len(name) <= SHEET_NAME_LIMIT for name in names)
    assert len({name.casefold() for name in names}) == len(names)
    assert names[1] == "engagements_by_month"
    # Long names lose "monitoring" and "and" before they are cut to 31 characters.
    assert names[2] == "equality_marriage_civil_partner"
    assert names[3] == "equality_marriage_civil_partn~2"
    sheet = workbook["engagements_by_month"]
    assert sheet["A1"].value == "Engagements by type and month"
    assert [c.value for c in sheet[4]] == ["Engagement type", "Apr 2026", "May 2026", "Total"]
    assert [c.value for c in sheet[5]] == ["Focus group", 12, 7, 19]  # numbers, to sum
    assert sheet["A6"].value == WELSH
    legend = [c.value for row in workbook["Legend"].iter_rows() for c in row if c.value]
    assert "Engagements by type and month" in legend
    hidden = workbook["hand_made"]
    assert [c.value for c in hidden[5]] == ["First", "<5", "*", "*"]
    assert "worked out from the totals" in str(hidden["A2"].value)


def test_sheet_names_are_short_unique_and_legal() -> None:
    names = sheet_names(["a" * 40, "a" * 40, "A" * 35, "x[1]:y?"], reserved=["Legend"])
    assert names == ["a" * 31, "a" * 29 + "~2", "A" * 29 + "~3", "x_1__y_"]
    assert sheet_names(["legend"], reserved=["Legend"]) == ["legend~2"]


def test_labels_that_look_like_formulas_stay_text(tmp_path: Path) -> None:
    table = DisclosureControl(5).publish(
        FigureTable("themes", "Themes", "Theme", ("Items",), (("=HYPERLINK(1)", (9,)),))
    )
    assert b"'=HYPERLINK(1)" in csv_bytes(table)
    workbook = load_workbook(write_xlsx([table], tmp_path / "t.xlsx"))
    cell = workbook["themes"]["A5"]
    assert cell.value == "=HYPERLINK(1)"
    assert cell.data_type == "s"


def test_a_file_is_replaced_whole_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    (tmp_path / "engagements_by_month.csv").write_text("old", encoding="utf-8")
    write_csv(tables()[:1], tmp_path)
    write_xlsx(tables(), tmp_path / "figures.xlsx")
    write_xlsx(tables()[:1], tmp_path / "figures.xlsx")
    assert "Focus group" in (tmp_path / "engagements_by_month.csv").read_text(encoding="utf-8-sig")
    assert len(load_workbook(tmp_path / "figures.xlsx").sheetnames) == 2
    assert sorted(os.listdir(tmp_path)) == ["engagements_by_month.csv", "figures.xlsx"]


def test_a_folder_that_cannot_be_made_fails_clearly(tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(SaveFailed):
        write_csv(tables()[:1], blocker / "inside")
    with pytest.raises(SaveFailed):
        write_xlsx(tables()[:1], blocker / "inside" / "figures.xlsx")


def test_bad_or_repeated_table_names_are_refused(tmp_path: Path) -> None:
    table = tables()[0]
    with pytest.raises(ValueError, match="same name"):
        write_csv([table, table], tmp_path)
    bad = DisclosureControl(5).publish(FigureTable("../up", "T", "R", ("C",), (("x", (9,)),)))
    with pytest.raises(ValueError, match="lower-case"):
        write_xlsx([bad], tmp_path / "x.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_importing_exports_loads_neither_openpyxl_nor_reportlab() -> None:
    script = (
        "import sys\n"
        "import sec_desktop.reports.exports\n"
        "print(sorted(m for m in sys.modules if m.startswith(('reportlab', 'openpyxl'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
