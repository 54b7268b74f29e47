"""Printing the roster: the one printout that carries names, made as a PDF and audited.

The PDF is built in memory first, so a failed build leaves no file behind; saving it
then writes a private temporary file (0600) beside the chosen name and moves it into
place, with the audit row in the same vault transaction: a file is never saved without
its row, nor a row kept for a file that was not saved. For a printer, the PDF goes to the
UI, which renders it to the printer and then records that it did (`record_printed`).

A saved or printed roster is plaintext by nature: the vault's protection stops here, and
the UI says so before anything is made. Audit rows give a count, never a name.

Safe contact is passed to the report as its rules only (channels, voicemail, saying
"police", safe days and times): numbers, addresses and code words are not even read.
"""

from __future__ import annotations

import errno
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from sec_desktop.domain.enums import ContactChannel, Language, Weekday
from sec_desktop.domain.participant import Participant, SafeContact
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.reports import Translate, untranslated
from sec_desktop.services.clock import Today, local_today
from sec_desktop.services.errors import RecordError, RuleBroken
from sec_desktop.services.facts import VaultFacts
from sec_desktop.services.participant_records import SafeContactRules
from sec_desktop.services.roster import RosterService
from sec_desktop.vault.atomic import write_atomically
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.errors import SaveFailed
from sec_desktop.vault.vault import Vault

if TYPE_CHECKING:
    from sec_desktop.reports.roster_pdf import RosterLine

NOBODY = QT_TRANSLATE_NOOP(
    "Records", "There is nobody to print: no participant on the list is in the vault."
)
FONTS_MISSING = QT_TRANSLATE_NOOP(
    "Records",
    "The printout could not be made: SEC Desktop's fonts are missing from this "
    "installation. Reinstall SEC Desktop, then try again.",
)
DISK_FULL = QT_TRANSLATE_NOOP(
    "Records",
    "The PDF could not be saved: the disk is full. Free some space, or save it on another drive.",
)
NO_PERMISSION = QT_TRANSLATE_NOOP(
    "Records",
    "The PDF could not be saved: you do not have permission to write there, or another "
    "program has the file open. Choose another folder, or close that program.",
)
READ_ONLY = QT_TRANSLATE_NOOP(
    "Records",
    "The PDF could not be saved: the drive is read-only. Choose another drive or folder.",
)
FOLDER_GONE = QT_TRANSLATE_NOOP(
    "Records",
    "The PDF could not be saved: the folder could not be found (a drive may have been "
    "removed). Choose another folder.",
)
NOT_SAVED = QT_TRANSLATE_NOOP(
    "Records",
    "The PDF could not be saved: the drive reported an error. Try again, or choose another folder.",
)

_REASONS = {
    errno.ENOSPC: DISK_FULL,
    errno.EACCES: NO_PERMISSION,
    errno.EPERM: NO_PERMISSION,
    errno.EROFS: READ_ONLY,
    errno.ENOENT: FOLDER_GONE,
    errno.ENODEV: FOLDER_GONE,
    errno.ENOTDIR: FOLDER_GONE,
    errno.EEXIST: FOLDER_GONE,  # a file where the folder should be
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _REASONS[errno.EDQUOT] = DISK_FULL


class PrintoutFailed(RecordError):
    """The printout could not be made or saved; no file was left and nothing audited."""


@dataclass(frozen=True)
class Printout:
    """A built roster PDF: its bytes (plaintext: handle with care), and what is in it."""

    pdf: bytes = field(repr=False)
    participants: int
    pages: int

    def audit_detail(self, where: str) -> str:
        """What the audit log says: counts and where it went, never a name."""
        people = "participant" if self.participants == 1 else "participants"
        pages = "page" if self.pages == 1 else "pages"
        return f"{self.participants} {people} on {self.pages} {pages}, {where}"


SAVED = "saved as a PDF"
SENT_TO_PRINTER = "sent to a printer"


def _local_now() -> datetime:
    return datetime.now()


@dataclass
class RosterPrint:
    vault: Vault
    today: Today = local_today
    # The UI passes QCoreApplication.translate, so the printout is in the user's language.
    translate: Translate = untranslated
    clock: Callable[[], datetime] = _local_now

    def lines(self, participant_ids: Sequence[int]) -> list[RosterLine]:
        """The printed lines of these participants, in the order given; ids no longer in
        the vault (erased meanwhile) and repeats are left out."""
        from sec_desktop.reports.roster_pdf import RosterLine  # noqa: PLC0415 (slow: reportlab)

        rows = {row.id: row for row in RosterService(self.vault, self.today).rows()}
        with self.vault.reading() as session:
            other_languages = {
                int(pid): str(named)
                for pid, named in session.execute(
                    select(Participant.id, Participant.language_other).where(
                        Participant.language == Language.OTHER
                    )
                )
            }
            contacts = {
                int(found[0]): _rules(found[1:])
                for found in session.execute(
                    select(
                        SafeContact.participant_id,
                        SafeContact.channels,
                        SafeContact.safe_days,
                        SafeContact.safe_from,
                        SafeContact.safe_until,
                        SafeContact.voicemail_allowed,
                        SafeContact.may_say_police,
                    )
                )
            }
        return [
            RosterLine(rows[pid], other_languages.get(pid, ""), contacts.get(pid, _NONE))
            for pid in dict.fromkeys(participant_ids)
            if pid in rows
        ]

    def build(self, participant_ids: Sequence[int], filter_description: str) -> Printout:
        """The roster PDF of these participants, in memory. Not audited: for a printer,
        call `record_printed` once it has printed."""
        from sec_desktop.reports.fonts import FontsMissing  # noqa: PLC0415 (slow: reportlab)
        from sec_desktop.reports.roster_pdf import build_roster_pdf  # noqa: PLC0415

        lines = self.lines(participant_ids)
        if not lines:
            raise RuleBroken(NOBODY)
        buffer = io.BytesIO()
        try:
            pages = build_roster_pdf(
                lines,
                buffer,
                produced=self.clock(),
                today=self.today(),
                demo=VaultFacts(self.vault).is_demo(),
                filter_description=filter_description,
                translate=self.translate,
            )
        except FontsMissing as error:
            raise PrintoutFailed(FONTS_MISSING) from error
        return Printout(buffer.getvalue(), len(lines), pages)

    def print_to(
        self, path: Path, participant_ids: Sequence[int], filter_description: str
    ) -> Printout:
        """Build the PDF and save it at `path` (replacing a file there), audited.
        Raises PrintoutFailed, saying why in the user's words, if it cannot be saved."""
        printout = self.build(participant_ids, filter_description)
        with self.vault.writing(AuditEvent.ROSTER_PRINTED, printout.audit_detail(SAVED)):
            _save(path, printout.pdf)
        return printout

    def record_printed(self, printout: Printout) -> None:
        """Audit a roster the UI has sent to a printer."""
        self.vault.record(AuditEvent.ROSTER_PRINTED, printout.audit_detail(SENT_TO_PRINTER))


_NONE = SafeContactRules()


def _rules(found: Sequence[Any]) -> SafeContactRules:
    """Rules from a row of (channels, safe days, safe from, safe until, voicemail, police)."""
    channels, safe_days, safe_from, safe_until, voicemail, police = found
    return SafeContactRules(
        channels=frozenset(ContactChannel(v) for v in str(channels).split(",") if v),
        safe_days=frozenset(Weekday(v) for v in str(safe_days).split(",") if v),
        safe_from=safe_from,
        safe_until=safe_until,
        voicemail_allowed=bool(voicemail),
        may_say_police=bool(police),
    )


def _save(path: Path, pdf: bytes) -> None:
    """Write `pdf` at `path` atomically, readable by this user only (0600)."""
    try:
        write_atomically(path, pdf)
    except SaveFailed as failed:
        cause = failed.__cause__
        reason = NO_PERMISSION if isinstance(cause, PermissionError) else NOT_SAVED
        if isinstance(cause, OSError) and cause.errno in _REASONS:
            reason = _REASONS[cause.errno]
        raise PrintoutFailed(reason) from failed
