"""Printed reports: the governance report at scale 10 and a 20-case scrutiny briefing,
each end to end from the vault, against building the same flowables bare.

    python -m bench.reports [--scales 10] [--repeat N]

The value is what the Reports screen runs (`ReportsService.build_governance` for the last
financial year; `build_scrutiny` for a meeting with 20 cases): reading the figures,
disclosure control, the flowables, the page furniture and the PDF. The floor makes the
same flowables from the figures already read and builds them with a bare reportlab
`SimpleDocTemplate`: no queries, no suppression, no headers, footers or page numbers.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from reportlab.platypus import Flowable, SimpleDocTemplate
from sqlalchemy import text

from bench.harness import PASSPHRASE, TODAY, Result, group_main, paired_medians, scratch_copy
from bench.vaults import demo_vault
from sec_desktop.reports.governance_pdf import PAGE as GOVERNANCE_PAGE
from sec_desktop.reports.governance_pdf import governance_story
from sec_desktop.reports.page_furniture import PageFurniture
from sec_desktop.reports.scrutiny_pdf import PAGE as SCRUTINY_PAGE
from sec_desktop.reports.scrutiny_pdf import scrutiny_story
from sec_desktop.services.disclosure_control import DisclosureControl
from sec_desktop.services.governance_figures import GovernanceFigures
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.reports import ReportsService, last_financial_year
from sec_desktop.services.scrutiny_briefing import ScrutinyBriefing
from sec_desktop.vault.vault import Unlock, Vault

GOVERNANCE_CEILING = 2.0
BRIEFING_CEILING = 1.0
BARE_RATIO = 1.5
BRIEFING_CASES = 20
PRODUCED = datetime(2026, 12, 1, 9, 30)


def _bare_build(story: Sequence[Flowable], pagesize: tuple[float, float]) -> None:
    SimpleDocTemplate(io.BytesIO(), pagesize=pagesize).build(list(story))


def measure_governance(services: RecordServices, scale: int, repeat: int) -> Result:
    reports = ReportsService(services, clock=lambda: PRODUCED)
    start, end = last_financial_year(TODAY)
    threshold = reports.threshold()
    figures = GovernanceFigures(services)
    tables = figures.tables(start, end)
    published = tuple(DisclosureControl(threshold).publish_all(tables))
    summary = figures.summary(start, end, tables)
    totals = {table.source.name: table.grand_total for table in published}
    headlines = [(line.label, totals.get(line.table, "*")) for line in summary.lines]
    furniture = PageFurniture(handling="", produced=PRODUCED, demo=True)

    def bare() -> None:
        story = governance_story(
            published,
            headlines,
            furniture,
            period=(summary.start, summary.end),
            threshold=threshold,
        )
        _bare_build(story, GOVERNANCE_PAGE)

    value, floor = paired_medians(
        lambda: reports.build_governance(start, end, threshold), bare, repeat
    )
    return Result(
        "governance PDF (last financial year)",
        scale,
        value,
        floor,
        max_value=GOVERNANCE_CEILING,
        max_ratio=BARE_RATIO,
        detail=f"{len(published)} tables; floor: the same flowables built bare",
    )


def measure_briefing(vault: Vault, services: RecordServices, scale: int, repeat: int) -> Result:
    meeting = _meeting_with_cases(vault, BRIEFING_CASES)
    reports = ReportsService(services, clock=lambda: PRODUCED)
    briefing = ScrutinyBriefing(services).briefing(meeting)
    built: Callable[[], object] = lambda: reports.build_scrutiny(meeting)  # noqa: E731

    def bare() -> None:
        _bare_build(scrutiny_story(briefing, lambda _context, message: message), SCRUTINY_PAGE)

    value, floor = paired_medians(built, bare, repeat)
    return Result(
        f"scrutiny briefing PDF ({BRIEFING_CASES} cases)",
        scale,
        value,
        floor,
        max_value=BRIEFING_CEILING,
        max_ratio=BARE_RATIO,
        detail="floor: the same flowables built bare",
    )


def _meeting_with_cases(vault: Vault, cases: int) -> int:
    """The latest DA meeting, given `cases` cases (moved from other DA meetings of the
    scratch copy: the demo's meetings have 3 to 6 each)."""
    with vault.transaction() as connection:
        meeting = connection.execute(
            text("SELECT id FROM engagement WHERE panel = 'da' ORDER BY held_on DESC LIMIT 1")
        ).scalar_one()
        chosen = (
            connection.execute(
                text(
                    "SELECT c.id FROM scrutiny_case c JOIN engagement e ON e.id = c.engagement_id"
                    " WHERE e.panel = 'da' ORDER BY c.engagement_id = :m DESC, c.id LIMIT :n"
                ),
                {"m": meeting, "n": cases},
            )
            .scalars()
            .all()
        )
        for case in chosen:
            connection.execute(
                text("UPDATE scrutiny_case SET engagement_id = :m WHERE id = :c"),
                {"m": meeting, "c": case},
            )
    return int(meeting)


def group(scales: tuple[int, ...], repeat: int) -> list[Result]:
    results = []
    folder = Path(__file__).parent / ".cache" / "reports"
    for scale in scales:
        with scratch_copy(demo_vault(scale), folder) as path:
            vault = Vault.open(path, Unlock(passphrase=PASSPHRASE))
            try:
                services = RecordServices.over(vault, today=lambda: TODAY)
                results.append(measure_governance(services, scale, repeat))
                results.append(measure_briefing(vault, services, scale, repeat))
            finally:
                vault.close()
    return results


if __name__ == "__main__":
    group_main(group, default_scales=(10,))
