"""Printing the roster: a private file written whole or not at all, and an audit row that
counts people without naming them."""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from sec_desktop.domain.enums import ContactChannel, Language
from sec_desktop.reports import roster_pdf
from sec_desktop.services import roster_print
from sec_desktop.services.errors import RuleBroken
from sec_desktop.services.facts import mark_demo
from sec_desktop.services.participant_records import ParticipantDetails, SafeContactRules
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.roster_print import Printout, PrintoutFailed, RosterPrint
from sec_desktop.vault import atomic, audit
from sec_desktop.vault.audit import AuditEvent, AuditRow
from sec_desktop.vault.vault import Vault
from tests.records import TODAY

NAMES = ["Siân Llŷr", "Gwilym Ŵyn", "Alex Example"]
PHONE = "07700 900456"
CODE_WORD = "kingfisher"


def audit_rows(vault: Vault) -> list[AuditRow]:
    with vault.engine.connect() as connection:
        return audit.rows(connection)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def ids(services: RecordServices) -> list[int]:
    rules = SafeContactRules(
        channels=frozenset({ContactChannel.PHONE}), phone=PHONE, code_word=CODE_WORD
    )
    return [services.roster.add(ParticipantDetails(name=name), contact=rules).id for name in NAMES]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of its own (the vault is in tmp_path too)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def service(records_vault: Vault) -> RosterPrint:
    return RosterPrint(records_vault, lambda: TODAY, clock=lambda: datetime(2026, 11, 25, 9, 30))


def test_saving_writes_a_private_pdf_of_those_people(
    service: RosterPrint, ids: list[int], out: Path
) -> None:
    path = out / "roster.pdf"
    printout = service.print_to(path, ids, "Everyone")
    assert (printout.participants, printout.pages) == (3, 1)
    assert path.read_bytes() == printout.pdf
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
    text = pdf_text(path.read_bytes())
    for name in NAMES:
        assert name in text
    assert "Filter: Everyone" in text
    assert "Produced 25 November 2026 at 09:30" in text
    assert PHONE not in text
    assert CODE_WORD not in text


def test_saving_is_audited_with_a_count_and_no_name(
    service: RosterPrint, ids: list[int], records_vault: Vault, out: Path
) -> None:
    before = len(audit_rows(records_vault))
    service.print_to(out / "roster.pdf", ids, "Everyone")
    rows = audit_rows(records_vault)
    assert len(rows) == before + 1
    assert rows[-1].event == AuditEvent.ROSTER_PRINTED
    assert rows[-1].detail == "3 participants on 1 page, saved as a PDF"
    for row in rows:
        for name in NAMES:
            for part in name.split():
                assert part not in row.detail


def test_people_are_printed_in_the_order_given(
    service: RosterPrint, ids: list[int], out: Path
) -> None:
    path = out / "roster.pdf"
    service.print_to(path, [ids[2], ids[0], ids[1], ids[0]], "As sorted on screen")
    text = pdf_text(path.read_bytes())
    positions = [text.index(name) for name in (NAMES[2], NAMES[0], NAMES[1])]
    assert positions == sorted(positions)
    assert text.count(NAMES[0]) == 1  # a repeat is printed once


def test_people_no_longer_in_the_vault_are_left_out(
    service: RosterPrint, services: RecordServices, ids: list[int], out: Path
) -> None:
    services.roster.erase(ids[1])
    printout = service.print_to(out / "roster.pdf", [*ids, 9999], "Everyone")
    assert printout.participants == 2
    assert NAMES[1] not in pdf_text(printout.pdf)


def test_nobody_to_print_is_refused_and_not_audited(
    service: RosterPrint, ids: list[int], records_vault: Vault, out: Path
) -> None:
    before = audit_rows(records_vault)
    with pytest.raises(RuleBroken):
        service.print_to(out / "roster.pdf", [9999], "Nobody")
    assert audit_rows(records_vault) == before
    assert list(out.iterdir()) == []


def test_an_existing_file_is_replaced_and_made_private(
    service: RosterPrint, ids: list[int], out: Path
) -> None:
    path = out / "roster.pdf"
    path.write_bytes(b"an older roster")
    path.chmod(0o644)
    service.print_to(path, ids, "Everyone")
    assert path.read_bytes().startswith(b"%PDF")
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in out.iterdir()] == ["roster.pdf"]


def test_a_failed_build_leaves_no_file_and_no_audit_row(
    service: RosterPrint,
    ids: list[int],
    records_vault: Vault,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken_build(*args: object, **kwargs: object) -> int:
        out = args[1]
        assert isinstance(out, io.BytesIO)
        out.write(b"%PDF-1.4 half a document")
        raise RuntimeError("layout failed")

    monkeypatch.setattr(roster_pdf, "build_roster_pdf", broken_build)
    before = audit_rows(records_vault)
    with pytest.raises(RuntimeError):
        service.print_to(out / "roster.pdf", ids, "Everyone")
    assert list(out.iterdir()) == []
    assert audit_rows(records_vault) == before


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), roster_print.DISK_FULL),
        (PermissionError(errno.EACCES, "Permission denied"), roster_print.NO_PERMISSION),
        (OSError(errno.EROFS, "Read-only file system"), roster_print.READ_ONLY),
        (OSError(errno.EIO, "Input/output error"), roster_print.NOT_SAVED),
    ],
)
def test_a_failed_write_says_why_and_leaves_nothing(  # noqa: PLR0917 (fixtures)
    service: RosterPrint,
    ids: list[int],
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: OSError,
    message: str,
) -> None:
    path = out / "roster.pdf"
    path.write_bytes(b"the previous file")

    def fail_half_way(fd: int, data: bytes) -> None:
        os.write(fd, data[:100])
        raise error

    monkeypatch.setattr(atomic, "_write_all", fail_half_way)
    before = audit_rows(service.vault)
    with pytest.raises(PrintoutFailed) as raised:
        service.print_to(path, ids, "Everyone")
    assert raised.value.message == message
    assert path.read_bytes() == b"the previous file"  # untouched
    assert [p.name for p in out.iterdir()] == ["roster.pdf"]  # no temporary file
    assert audit_rows(service.vault) == before


def test_a_folder_that_is_a_file_says_the_folder_is_not_there(
    service: RosterPrint, ids: list[int], out: Path
) -> None:
    (out / "not-a-folder").write_text("x")
    with pytest.raises(PrintoutFailed) as raised:
        service.print_to(out / "not-a-folder" / "roster.pdf", ids, "Everyone")
    assert raised.value.message == roster_print.FOLDER_GONE


def test_a_demo_vault_prints_demo(
    service: RosterPrint, ids: list[int], records_vault: Vault
) -> None:
    assert "DEMO" not in pdf_text(service.build(ids, "Everyone").pdf)
    with records_vault.transaction() as connection:
        mark_demo(connection)
    assert "DEMO" in pdf_text(service.build(ids, "Everyone").pdf)


def test_building_for_a_printer_audits_only_once_printed(
    service: RosterPrint, ids: list[int], records_vault: Vault
) -> None:
    before = len(audit_rows(records_vault))
    printout = service.build(ids, "Everyone")
    assert len(audit_rows(records_vault)) == before
    service.record_printed(printout)
    rows = audit_rows(records_vault)
    assert len(rows) == before + 1
    assert rows[-1].event == AuditEvent.ROSTER_PRINTED
    assert rows[-1].detail == "3 participants on 1 page, sent to a printer"


def test_the_language_they_named_and_their_rules_are_printed(
    service: RosterPrint, services: RecordServices, records_vault: Vault
) -> None:
    ref = services.roster.add(
        ParticipantDetails(name="Ola Nowak", language=Language.OTHER, language_other="Polski"),
        contact=SafeContactRules(
            channels=frozenset({ContactChannel.TEXT}),
            phone=PHONE,
            voicemail_allowed=True,
        ),
    )
    nobody = services.roster.add(ParticipantDetails(name="Sam Other"))
    text = " ".join(pdf_text(service.build([ref.id, nobody.id], "Two").pdf).split())
    assert "Polski" in text
    assert "Text Voicemail: yes · May say police: no" in text
    assert "Not recorded: do not make contact." in text


def test_the_audit_detail_counts_in_words() -> None:
    assert Printout(b"", 1, 1).audit_detail("x") == "1 participant on 1 page, x"
    assert Printout(b"", 20, 3).audit_detail("x") == "20 participants on 3 pages, x"


def _names(lines: Sequence[roster_pdf.RosterLine]) -> list[str]:
    return [line.row.name for line in lines]


def test_lines_carry_no_contact_details(service: RosterPrint, ids: list[int]) -> None:
    lines = service.lines(ids)
    assert _names(lines) == NAMES
    for line in lines:
        assert line.contact.channels == frozenset({ContactChannel.PHONE})
        assert line.contact.phone == ""
        assert line.contact.code_word == ""
