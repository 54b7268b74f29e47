"""The Reports screen on a demo vault: a briefing and a governance report built in a
worker and previewed, what was suppressed listed before saving, then saved, exported
and printed, each audited; refusals in the user's words; nothing kept once locked."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter

from sec_desktop.demo.generator import write_demo_records
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.reports import ReportKind, ReportsService
from sec_desktop.ui import report_preview
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.reports_page import Period, ReportsPage
from sec_desktop.vault import audit
from sec_desktop.vault.vault import Unlock, Vault
from tests.records import TODAY, TemplateVault

BUILD_MS = 60_000


@pytest.fixture(scope="module")
def demo_services(
    records_template: TemplateVault, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RecordServices]:
    path = tmp_path_factory.mktemp("reports-page") / "demo.secvault"
    shutil.copyfile(records_template.path, path)
    vault = Vault.open(path, Unlock(recovery_key=records_template.recovery_key))
    write_demo_records(vault, 1, today=TODAY)
    yield RecordServices.over(vault, today=lambda: TODAY)
    vault.close()


@pytest.fixture
def page(qtbot, demo_services: RecordServices) -> ReportsPage:
    shown = ReportsPage()
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.attach(demo_services, RecordWriter(shown))
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def report_rows(services: RecordServices) -> list[audit.AuditRow]:
    with services.roster.vault.engine.connect() as connection:
        return [r for r in audit.rows(connection) if r.event.startswith("report")]


def build(qtbot, page: ReportsPage) -> None:
    with qtbot.waitSignal(page.built, timeout=BUILD_MS):
        qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert page.busy is None


def choose_governance(page: ReportsPage, period: Period = Period.LAST_FINANCIAL_YEAR) -> None:
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(ReportKind.GOVERNANCE))
    page.period_combo.setCurrentIndex(page.period_combo.findData(period))


def names_of(services: RecordServices) -> list[str]:
    return [services.roster.record(ref.id).details.name for ref in services.roster.refs()]


def test_a_briefing_is_built_previewed_saved_and_audited(
    qtbot, page, demo_services, tmp_path, monkeypatch
) -> None:
    before = len(report_rows(demo_services))
    assert page.meetings.rowCount() == len(demo_services.scrutiny.meetings())
    assert not page.save_button.isEnabled()
    build(qtbot, page)
    report = page.report
    assert report is not None and report.kind == ReportKind.SCRUTINY
    assert page.preview.page_count == report.pages > 0
    assert page.suppression.isHidden()
    assert page.save_button.isEnabled() and not page.csv_button.isEnabled()
    assert "Nothing has been saved" in page.status_label.text()
    fitted = page.preview.view.zoomMode()
    qtbot.mouseClick(page.preview.zoom_in, Qt.MouseButton.LeftButton)
    assert page.preview.view.zoomMode() != fitted
    qtbot.mouseClick(page.preview.fit, Qt.MouseButton.LeftButton)
    assert page.preview.view.zoomMode() == fitted
    chosen = tmp_path / "briefing.pdf"
    asked = []

    def ask(parent, title, default, kind):
        asked.append((default.name, kind))
        return chosen

    monkeypatch.setattr(report_preview, "ask_for_file", ask)
    with qtbot.waitSignal(page.finished, timeout=BUILD_MS) as finished:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert asked == [(f"{report.file_stem}.pdf", "pdf")]
    assert "briefing.pdf" in finished.args[0] and "not encrypted" in finished.args[0]
    pages = PdfReader(chosen).pages
    assert len(pages) == report.pages
    text = "\n".join(p.extract_text() for p in pages)
    assert text.count("OFFICIAL-SENSITIVE") >= 2 * len(pages)
    rows = report_rows(demo_services)[before:]
    assert [r.event for r in rows] == ["report built", "report saved as a PDF"]
    names = names_of(demo_services)
    assert not [n for n in names if any(n in r.detail for r in rows)]


def test_governance_lists_what_was_suppressed_before_saving(
    qtbot, page, demo_services, tmp_path, monkeypatch
) -> None:
    choose_governance(page)
    assert page.period() == (QDate(2025, 4, 1).toPython(), QDate(2026, 3, 31).toPython())
    assert not page.from_edit.isEnabled()
    before = len(report_rows(demo_services))
    build(qtbot, page)
    report = page.report
    assert report is not None and report.kind == ReportKind.GOVERNANCE
    assert report.suppressed
    assert page.suppression.isVisible()
    tree = page.suppression.tree
    assert page.suppression.figure_count == len(report.suppressed)
    first, group = report.suppressed[0], tree.topLevelItem(0)
    mine = [c for c in report.suppressed if c.table == first.table]
    assert group.text(0) == f"{first.table} ({len(mine)})"
    assert group.child(0).text(0) == f"{first.row}, {first.column}"
    assert "counts under 5 are shown as <5" in page.suppression.summary_label.text()
    whys = {
        tree.topLevelItem(t).child(c).text(1)
        for t in range(tree.topLevelItemCount())
        for c in range(tree.topLevelItem(t).childCount())
    }
    assert whys == {"<5: under 5", "*: protects a small count"}
    # Nothing saved yet: only the build is audited.
    assert [r.event for r in report_rows(demo_services)[before:]] == ["report built"]

    folder, book = tmp_path / "tables", tmp_path / "figures.xlsx"
    monkeypatch.setattr(report_preview, "ask_for_folder", lambda *_a: folder)
    monkeypatch.setattr(report_preview, "ask_for_file", lambda *_a: book)
    with qtbot.waitSignal(page.finished, timeout=BUILD_MS):
        qtbot.mouseClick(page.csv_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.finished, timeout=BUILD_MS):
        qtbot.mouseClick(page.xlsx_button, Qt.MouseButton.LeftButton)
    assert (folder / "engagements_by_month.csv").is_file()
    assert len(list(folder.glob("*.csv"))) == len(report.published)
    assert len(load_workbook(book, read_only=True).sheetnames) >= len(report.published)
    events = [r.event for r in report_rows(demo_services)[before:]]
    assert events == ["report built", "report figures exported", "report figures exported"]


def test_the_threshold_is_kept_in_the_vault_never_below_three(qtbot, page, demo_services) -> None:
    assert page.threshold_spin.minimum() == 3
    choose_governance(page, Period.LAST_QUARTER)
    page.threshold_spin.setValue(7)
    build(qtbot, page)
    assert ReportsService(demo_services).threshold() == 7
    assert "counts under 7" in page.suppression.summary_label.text()
    assert not [c for c in page.report.suppressed if c.why not in {"small", "secondary"}]
    page.threshold_spin.setValue(2)
    assert page.threshold_spin.value() == 3
    again = ReportsPage()
    qtbot.addWidget(again)
    again.attach(demo_services, RecordWriter(again))
    assert again.threshold_spin.value() == 7
    ReportsService(demo_services).set_threshold(5)


def test_an_end_before_the_start_is_refused_in_words(qtbot, page, demo_services) -> None:
    before = len(report_rows(demo_services))
    choose_governance(page, Period.CUSTOM)
    assert page.from_edit.isEnabled()
    page.from_edit.setDate(QDate(2026, 6, 1))
    page.to_edit.setDate(QDate(2026, 5, 1))
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert page.error_label.isVisible()
    assert page.error_label.text() == "The last day must be on or after the first day."
    assert page.report is None and page.busy is None
    assert len(report_rows(demo_services)) == before


def test_printing_is_audited_before_the_pages_go(
    qtbot, page, demo_services, tmp_path, monkeypatch
) -> None:
    build(qtbot, page)
    printed = tmp_path / "printer.pdf"

    def printer(parent, title, landscape):
        chosen = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chosen.setOutputFileName(str(printed))
        return chosen

    monkeypatch.setattr(report_preview, "ask_for_printer", printer)
    before = len(report_rows(demo_services))
    with qtbot.waitSignal(page.finished, timeout=BUILD_MS) as finished:
        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert "sent to the printer" in finished.args[0]
    assert len(PdfReader(printed).pages) == page.report.pages
    assert [r.event for r in report_rows(demo_services)[before:]] == ["report sent to a printer"]


def test_cancelling_a_question_writes_nothing(qtbot, page, demo_services, monkeypatch) -> None:
    build(qtbot, page)
    before = len(report_rows(demo_services))
    monkeypatch.setattr(report_preview, "ask_for_file", lambda *_a: None)
    with qtbot.waitSignal(page.finished) as finished:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert finished.args == [""]
    assert len(report_rows(demo_services)) == before


def test_detach_forgets_the_report_and_its_preview(qtbot, page) -> None:
    choose_governance(page, Period.LAST_QUARTER)
    build(qtbot, page)
    page.detach()
    assert page.report is None
    assert page.preview.page_count == 0
    assert page.suppression.figure_count == 0
    assert page.meetings.rowCount() == 0
    assert not page.save_button.isEnabled() and not page.build_button.isEnabled()


def test_every_control_has_a_name_and_takes_the_keyboard(page) -> None:
    controls = [
        page.kind_combo,
        page.meetings,
        page.period_combo,
        page.from_edit,
        page.to_edit,
        page.threshold_spin,
        page.build_button,
        page.print_button,
        page.save_button,
        page.csv_button,
        page.xlsx_button,
        page.preview.view,
    ]
    for control in controls:
        assert control.accessibleName(), control
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control
