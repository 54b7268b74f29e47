"""The roster printout: the one PDF that carries names, for the SEC's own use.

A landscape A4 table, the header row repeated on every page: code, name, pronouns,
status, preferred language, groups, communication needs, safe contact and next review.

Safe contact is printed as the rules only (allowed ways, voicemail, whether the caller may
say they are the police, safe days and times), because the SEC phones people from this
list and a call that breaks those rules can put someone in danger. Phone numbers, emails,
addresses, code words and third parties are never printed: with them a lost sheet would
tell anyone how to reach each person; the SEC looks the number up in SEC Desktop.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO, TypeVar
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer

from sec_desktop.domain.enums import CommunicationNeed, ContactChannel, Group, Language, Weekday
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.reports import Translate, untranslated
from sec_desktop.reports.fonts import BOLD, OBLIQUE, REGULAR, register_fonts
from sec_desktop.reports.page_furniture import (
    CONTEXT,
    PageFurniture,
    build_pdf,
    short_date,
)
from sec_desktop.reports.paged_table import PagedTable, TableLook, wrap
from sec_desktop.services.participant_records import RosterRow, SafeContactRules

HANDLING = QT_TRANSLATE_NOOP(
    "Reports",
    "For the Survivor Engagement Coordinator only. Contains names: do not copy, share or "
    "leave unattended. Shred when no longer needed.",
)
TITLE = QT_TRANSLATE_NOOP("Reports", "Roster")
FILTER = QT_TRANSLATE_NOOP("Reports", "Filter: {filter}")
COUNT = QT_TRANSLATE_NOOP("Reports", "Participants: {count}")
CONTACT_NOTE = QT_TRANSLATE_NOOP(
    "Reports",
    "Safe contact shows the agreed rules only. Numbers and addresses are not printed: "
    "look them up in SEC Desktop.",
)
NOBODY = QT_TRANSLATE_NOOP("Reports", "Nobody is on this list.")
HEADERS = (
    QT_TRANSLATE_NOOP("Reports", "Code"),
    QT_TRANSLATE_NOOP("Reports", "Name"),
    QT_TRANSLATE_NOOP("Reports", "Pronouns"),
    QT_TRANSLATE_NOOP("Reports", "Status"),
    QT_TRANSLATE_NOOP("Reports", "Language"),
    QT_TRANSLATE_NOOP("Reports", "Groups"),
    QT_TRANSLATE_NOOP("Reports", "Communication needs"),
    QT_TRANSLATE_NOOP("Reports", "Safe contact"),
    QT_TRANSLATE_NOOP("Reports", "Next review"),
)
# Column widths in points; they add up to the width of landscape A4 inside the margins.
WIDTHS = (44.0, 106.0, 56.0, 44.0, 58.0, 96.0, 110.0, 176.0, 70.0)
NOT_RECORDED = QT_TRANSLATE_NOOP("Reports", "Not recorded: do not make contact.")
VOICEMAIL = QT_TRANSLATE_NOOP("Reports", "Voicemail: {answer}")
SAY_POLICE = QT_TRANSLATE_NOOP("Reports", "May say police: {answer}")
YES = QT_TRANSLATE_NOOP("Reports", "yes")
NO = QT_TRANSLATE_NOOP("Reports", "no")
OVERDUE = QT_TRANSLATE_NOOP("Reports", "overdue")
FROM = QT_TRANSLATE_NOOP("Reports", "from {time}")
UNTIL = QT_TRANSLATE_NOOP("Reports", "until {time}")
# Welsh's own label says "Welsh (Cymraeg)", two lines in this column.
SHORT_LANGUAGES = {
    Language.ENGLISH: QT_TRANSLATE_NOOP("Reports", "English"),
    Language.WELSH: QT_TRANSLATE_NOOP("Reports", "Welsh"),
}
# The choices' own labels are written for forms ("Through their trusted third party"):
# these shorter ones keep a row to a line or two.
SHORT_CHANNELS = {
    ContactChannel.PHONE: QT_TRANSLATE_NOOP("Reports", "Phone"),
    ContactChannel.TEXT: QT_TRANSLATE_NOOP("Reports", "Text"),
    ContactChannel.EMAIL: QT_TRANSLATE_NOOP("Reports", "Email"),
    ContactChannel.LETTER: QT_TRANSLATE_NOOP("Reports", "Letter"),
    ContactChannel.THIRD_PARTY: QT_TRANSLATE_NOOP("Reports", "Third party"),
}
SHORT_DAYS = {
    Weekday.MONDAY: QT_TRANSLATE_NOOP("Reports", "Mon"),
    Weekday.TUESDAY: QT_TRANSLATE_NOOP("Reports", "Tue"),
    Weekday.WEDNESDAY: QT_TRANSLATE_NOOP("Reports", "Wed"),
    Weekday.THURSDAY: QT_TRANSLATE_NOOP("Reports", "Thu"),
    Weekday.FRIDAY: QT_TRANSLATE_NOOP("Reports", "Fri"),
    Weekday.SATURDAY: QT_TRANSLATE_NOOP("Reports", "Sat"),
    Weekday.SUNDAY: QT_TRANSLATE_NOOP("Reports", "Sun"),
}
CHOICES = "Choices"

SIZE = 9.0
LEADING = 11.0
LOOK = TableLook(widths=WIDTHS, size=SIZE, leading=LEADING)


@dataclass(frozen=True)
class RosterLine:
    """One participant as printed: their roster row, the language they named when it is
    "other", and their safe contact rules (of which only the rules are printed)."""

    row: RosterRow
    language_other: str = ""
    contact: SafeContactRules = field(default_factory=SafeContactRules)


_Member = TypeVar("_Member", Group, CommunicationNeed, ContactChannel, Weekday)


@dataclass
class _Table:
    """The table's rows as plain strings, and by row the columns to set in bold."""

    rows: list[list[str]] = field(default_factory=list)
    bold: dict[int, list[int]] = field(default_factory=dict)


class _Cells:
    """Turns a participant's record into the text of their cells, translated."""

    def __init__(self, translate: Translate) -> None:
        self.translate = translate

    def tr(self, text: str) -> str:
        return self.translate(CONTEXT, text)

    def choice(self, label: str) -> str:
        return self.translate(CHOICES, label)

    def cell(self, lines: Iterable[str], column: int, font: str = REGULAR) -> str:
        room = LOOK.room(column)
        return "\n".join(part for line in lines for part in wrap(line, room, font, SIZE))

    def language(self, line: RosterLine) -> str:
        if line.row.language is Language.OTHER and line.language_other.strip():
            return line.language_other.strip()
        if line.row.language in SHORT_LANGUAGES:
            return self.tr(SHORT_LANGUAGES[line.row.language])
        return self.choice(line.row.language.label)

    def days(self, days: Iterable[Weekday]) -> str:
        """Safe days, a run of three or more as one span: "Mon\u2013Fri, Sun"."""
        chosen = set(days)
        runs: list[list[Weekday]] = []
        for day in Weekday:
            if day not in chosen:
                runs.append([])
            elif runs:
                runs[-1].append(day)
            else:
                runs.append([day])
        spans = []
        for run in filter(None, runs):
            names = [self.tr(SHORT_DAYS[d]) for d in run]
            spans += [f"{names[0]}\u2013{names[-1]}"] if len(names) >= 3 else names
        return ", ".join(spans)

    def contact(self, rules: SafeContactRules) -> list[str] | None:
        """The safe contact rules as short lines; None when no rule is recorded yet."""
        if not rules.recorded:
            return None
        chosen = _in_order(ContactChannel, rules.channels)
        channels = ", ".join(self.tr(SHORT_CHANNELS[c]) for c in chosen)
        answer = {True: self.tr(YES), False: self.tr(NO)}
        voicemail = self.tr(VOICEMAIL).format(answer=answer[rules.voicemail_allowed])
        police = self.tr(SAY_POLICE).format(answer=answer[rules.may_say_police])
        lines = [channels, f"{voicemail} \u00b7 {police}"]
        when = self.days(rules.safe_days)
        start, end = rules.safe_from, rules.safe_until
        if start and end:
            hours = f"{start:%H:%M}\u2013{end:%H:%M}"
        elif start or end:
            hours = self.tr(FROM if start else UNTIL).format(time=f"{start or end:%H:%M}")
        else:
            hours = ""
        when = f"{when} {hours}".strip()
        if when:
            lines.append(when)
        return lines


def _in_order(members: type[_Member], chosen: Iterable[_Member]) -> list[_Member]:
    """`chosen` in the order the enum lists them (sets have no order of their own)."""
    wanted = set(chosen)
    return [m for m in members if m in wanted]


def _add_row(table: _Table, line: RosterLine, today: date, cells: _Cells) -> None:
    row = line.row
    index = len(table.rows)
    contact, contact_font = cells.contact(line.contact), REGULAR
    if contact is None:
        contact, contact_font = [cells.tr(NOT_RECORDED)], BOLD
        table.bold.setdefault(index, []).append(7)
    review = "\u2013"
    if row.next_review is not None:
        review = short_date(row.next_review, cells.translate)
        if row.next_review < today:
            review = cells.cell([review, cells.tr(OVERDUE)], 8, BOLD)
            table.bold.setdefault(index, []).append(8)
    table.rows.append(
        [
            row.code,
            cells.cell([row.name], 1),
            cells.cell([row.pronouns], 2),
            cells.cell([cells.choice(row.status.label)], 3),
            cells.cell([cells.language(line)], 4),
            cells.cell([cells.choice(g.label) for g in _in_order(Group, row.groups)], 5),
            cells.cell([cells.choice(n.label) for n in _in_order(CommunicationNeed, row.needs)], 6),
            cells.cell(contact, 7, contact_font),
            review,
        ]
    )


def _table(lines: Sequence[RosterLine], today: date, cells: _Cells) -> PagedTable:
    header = [cells.cell([cells.tr(h)], i, BOLD) for i, h in enumerate(HEADERS)]
    table = _Table()
    for line in lines:
        _add_row(table, line, today, cells)
    return PagedTable(header, table.rows, LOOK, table.bold)


def build_roster_pdf(
    lines: Sequence[RosterLine],
    out: Path | BinaryIO,
    *,
    produced: datetime,
    demo: bool,
    filter_description: str,
    today: date | None = None,
    translate: Translate = untranslated,
) -> int:
    """Write the roster of `lines`, in their order, to `out`; return the page count.

    `filter_description` says which participants these are (as the roster's filter
    reads, translated). Reviews before `today` (by default `produced`'s date) are
    marked overdue.
    """
    register_fonts()  # before any Paragraph: they look their fonts up when made
    cells = _Cells(translate)
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=SIZE, leading=LEADING)
    note = ParagraphStyle("note", parent=body, fontName=OBLIQUE)
    title = ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=15, leading=19)
    story: list[Flowable] = [
        Paragraph(escape(cells.tr(TITLE)), title),
        Spacer(1, 3),
        Paragraph(escape(cells.tr(FILTER).format(filter=filter_description)), body),
        Paragraph(escape(cells.tr(COUNT).format(count=len(lines))), body),
        Paragraph(escape(cells.tr(CONTACT_NOTE)), note),
        Spacer(1, 8),
        _table(lines, today or produced.date(), cells),
    ]
    if not lines:
        story += [Spacer(1, 6), Paragraph(escape(cells.tr(NOBODY)), body)]
    furniture = PageFurniture(
        handling=cells.tr(HANDLING), produced=produced, demo=demo, translate=translate
    )
    return build_pdf(out, story, furniture, title=cells.tr(TITLE))
