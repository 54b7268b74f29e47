"""The scrutiny panel briefing, printed: portrait A4, read round a table.

A cover (the panel, the date, how many cases, the handling line and the audit chain's
fingerprint, and the cases at a glance); a section per case (its facts, the journey by
month and stage, the Victims' Code rights met and not met, the victim's feedback and its
themes); the questions for the panel; and where the actions raised at earlier panels of
the same kind stand. It prints a `Briefing` only (services/scrutiny_briefing.py), which
carries no name, code, crime reference or disclosure: nothing else is read here.

Headings keep with what follows them (`keepWithNext`), and tables repeat their header
row when they run onto the next page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from sec_desktop.domain.engagement_enums import Panel, VictimsRight
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.reports import Translate
from sec_desktop.reports.fonts import BOLD, OBLIQUE, REGULAR, register_fonts
from sec_desktop.reports.page_furniture import (
    CONTEXT,
    SHORT_MONTHS,
    SIDE_MARGIN,
    PageFurniture,
    build_pdf,
    long_date,
)
from sec_desktop.services.scrutiny_briefing_records import (
    Briefing,
    BriefingCase,
    EarlierAction,
    RiskKnown,
    VictimVoice,
)

HANDLING = QT_TRANSLATE_NOOP(
    "Reports",
    "Scrutiny panel briefing: do not copy or share beyond the panel. "
    "Hand it back to the coordinator at the end of the meeting.",
)
CASE = QT_TRANSLATE_NOOP("Reports", "Case {letter}")


class T:
    """The briefing's words (context "Reports")."""

    TITLE = QT_TRANSLATE_NOOP("Reports", "{panel} scrutiny panel briefing")
    DA = QT_TRANSLATE_NOOP("Reports", "DA")
    RASSO = QT_TRANSLATE_NOOP("Reports", "RASSO")
    MEETING = QT_TRANSLATE_NOOP("Reports", "Meeting: {date}")
    CASES = QT_TRANSLATE_NOOP("Reports", "Cases to review: {count}")
    FINGERPRINT = QT_TRANSLATE_NOOP("Reports", "Audit fingerprint: {fingerprint}")
    FINGERPRINT_NOTE = QT_TRANSLATE_NOOP(
        "Reports",
        "The head of the vault's audit log when this briefing was made: it ties this paper "
        "to the records it came from, and says nothing about them.",
    )
    HOW_TO_READ = QT_TRANSLATE_NOOP("Reports", "How to read this briefing")
    READING_NOTES = (
        QT_TRANSLATE_NOOP(
            "Reports",
            "Cases are known by a letter. No name, contact detail, pseudonym or crime "
            "reference is printed, and dates are given to the month only.",
        ),
        QT_TRANSLATE_NOOP(
            "Reports",
            "Words in quotation marks are the victim\u2019s own, used with their current "
            "consent to be quoted. Other feedback is the coordinator\u2019s summary.",
        ),
        QT_TRANSLATE_NOOP(
            "Reports",
            "DASH level and MARAC are from the victim\u2019s latest risk assessment, when "
            "they take part in survivor engagement.",
        ),
    )
    AT_A_GLANCE = QT_TRANSLATE_NOOP("Reports", "The cases at a glance")
    GLANCE_HEADERS = (
        QT_TRANSLATE_NOOP("Reports", "Case"),
        QT_TRANSLATE_NOOP("Reports", "Offence"),
        QT_TRANSLATE_NOOP("Reports", "Outcome"),
        QT_TRANSLATE_NOOP("Reports", "Feedback"),
    )
    NO_CASES = QT_TRANSLATE_NOOP("Reports", "No cases are listed for this meeting yet.")
    MONTH_YEAR = QT_TRANSLATE_NOOP("Reports", "{month} {year}")
    YES = QT_TRANSLATE_NOOP("Reports", "Yes")
    NO = QT_TRANSLATE_NOOP("Reports", "No")
    OFFENCE = QT_TRANSLATE_NOOP("Reports", "Offence type")
    OUTCOME = QT_TRANSLATE_NOOP("Reports", "Outcome")
    CONTACTED = QT_TRANSLATE_NOOP("Reports", "Victim contacted")
    AGREED = QT_TRANSLATE_NOOP("Reports", "Agreed to give feedback")
    DASH = QT_TRANSLATE_NOOP("Reports", "DASH risk level")
    MARAC = QT_TRANSLATE_NOOP("Reports", "At MARAC")
    RISK_NOT_KNOWN = QT_TRANSLATE_NOOP("Reports", "Not known to survivor engagement")
    RISK_NOT_ASSESSED = QT_TRANSLATE_NOOP("Reports", "No risk assessment recorded")
    NOT_RECORDED = QT_TRANSLATE_NOOP("Reports", "Not recorded")
    ASSESSED = QT_TRANSLATE_NOOP("Reports", "{level} (assessed {month})")
    MARAC_NOT_KNOWN = QT_TRANSLATE_NOOP("Reports", "Not known")
    JOURNEY = QT_TRANSLATE_NOOP("Reports", "The journey")
    JOURNEY_HEADERS = (
        QT_TRANSLATE_NOOP("Reports", "Month"),
        QT_TRANSLATE_NOOP("Reports", "Stage"),
        QT_TRANSLATE_NOOP("Reports", "What happened"),
    )
    NO_STAGE = QT_TRANSLATE_NOOP("Reports", "No stage given")
    NO_JOURNEY = QT_TRANSLATE_NOOP("Reports", "No steps of the journey are recorded.")
    RIGHTS = QT_TRANSLATE_NOOP("Reports", "Victims\u2019 Code rights")
    RIGHTS_HEADERS = (
        QT_TRANSLATE_NOOP("Reports", "Right"),
        QT_TRANSLATE_NOOP("Reports", "Judged"),
    )
    MET = QT_TRANSLATE_NOOP("Reports", "Met")
    NOT_MET = QT_TRANSLATE_NOOP("Reports", "Not met")
    NO_RIGHTS = QT_TRANSLATE_NOOP("Reports", "No rights were judged for this case.")
    FEEDBACK = QT_TRANSLATE_NOOP("Reports", "The victim\u2019s feedback")
    IN_THEIR_WORDS = QT_TRANSLATE_NOOP("Reports", "In their words")
    SUMMARY = QT_TRANSLATE_NOOP("Reports", "Summary")
    NOT_CONTACTED = QT_TRANSLATE_NOOP("Reports", "The victim was not contacted.")
    NOT_AGREED = QT_TRANSLATE_NOOP("Reports", "The victim did not agree to give feedback.")
    NO_FEEDBACK = QT_TRANSLATE_NOOP("Reports", "No feedback of theirs can be shared.")
    THEMES = QT_TRANSLATE_NOOP("Reports", "Themes:")
    NO_THEMES = QT_TRANSLATE_NOOP("Reports", "none coded")
    QUESTIONS = QT_TRANSLATE_NOOP("Reports", "Questions for the panel")
    NO_QUESTIONS = QT_TRANSLATE_NOOP("Reports", "No questions are recorded.")
    ACTIONS = QT_TRANSLATE_NOOP("Reports", "Actions from earlier {panel} panels")
    ACTION_HEADERS = (
        QT_TRANSLATE_NOOP("Reports", "Raised"),
        QT_TRANSLATE_NOOP("Reports", "Action"),
        QT_TRANSLATE_NOOP("Reports", "Due"),
        QT_TRANSLATE_NOOP("Reports", "Status"),
        QT_TRANSLATE_NOOP("Reports", "Outcome or reason"),
    )
    NO_ACTIONS = QT_TRANSLATE_NOOP(
        "Reports", "No actions were raised at earlier panels of this kind."
    )


PAGE = A4
WIDTH = PAGE[0] - 2 * SIDE_MARGIN
SIZE, LEADING = 9.5, 12.5
HEADER_GREY = Color(0.84, 0.84, 0.84)
STRIPE_GREY = Color(0.95, 0.95, 0.95)
RULE_GREY = Color(0.6, 0.6, 0.6)
BOX_GREY = Color(0.93, 0.93, 0.93)


# Each style's changes from the body text (its parent): name -> (parent, changes).
_LOOKS: dict[str, tuple[str, dict[str, Any]]] = {
    "cell": ("body", {"fontSize": 9, "leading": 11}),
    "cell_bold": ("cell", {"fontName": BOLD}),
    "small": ("body", {"fontSize": 8.5, "leading": 11}),
    "title": ("body", {"fontName": BOLD, "fontSize": 20, "leading": 25, "spaceAfter": 4}),
    "h1": ("body", {"fontName": BOLD, "fontSize": 15, "leading": 19, "spaceBefore": 6}),
    "h2": ("body", {"fontName": BOLD, "fontSize": 11, "leading": 14, "spaceBefore": 8}),
    "quote": ("body", {"fontName": OBLIQUE, "leftIndent": 5 * mm, "spaceAfter": 4}),
    "summary": ("body", {"leftIndent": 5 * mm, "spaceAfter": 4}),
    "handling": ("body", {"fontName": BOLD, "fontSize": 11, "leading": 15, "backColor": BOX_GREY}),
    "bullet": ("body", {"leftIndent": 6 * mm, "bulletIndent": 1.5 * mm, "spaceAfter": 2}),
}


class _Styles:
    def __init__(self) -> None:
        made = {"body": ParagraphStyle("body", fontName=REGULAR, fontSize=SIZE, leading=LEADING)}
        for name, (parent, changes) in _LOOKS.items():
            made[name] = ParagraphStyle(name, parent=made[parent], **changes)
        made["bullet"].bulletFontName = REGULAR  # else Helvetica, not embedded
        for heading in (made["h1"], made["h2"]):  # never alone at the foot of a page
            heading.keepWithNext, heading.spaceAfter = 1, 3
        box = made["handling"]
        box.borderColor, box.borderWidth, box.borderPadding = black, 0.8, 6
        box.spaceBefore, box.spaceAfter = 10, 14
        self.body, self.cell, self.cell_bold = made["body"], made["cell"], made["cell_bold"]
        self.small, self.title, self.h1, self.h2 = (made[n] for n in ("small", "title", "h1", "h2"))
        self.quote, self.summary = made["quote"], made["summary"]
        self.handling, self.bullet = made["handling"], made["bullet"]


class _Printer:
    """Turns a briefing into flowables, in the reader's language."""

    def __init__(self, briefing: Briefing, translate: Translate) -> None:
        self.briefing = briefing
        self.translate = translate
        self.styles = _Styles()

    def tr(self, text: str) -> str:
        return self.translate(CONTEXT, text)

    def choice(self, label: str) -> str:
        return self.translate("Choices", label)

    def para(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(escape(text), style or self.styles.body)

    def month(self, day: date) -> str:
        month = self.tr(SHORT_MONTHS[day.month - 1])
        return self.tr(T.MONTH_YEAR).format(month=month, year=day.year)

    def yes_no(self, value: bool) -> str:
        return self.tr(T.YES if value else T.NO)

    def case_name(self, case: BriefingCase) -> str:
        return self.tr(CASE).format(letter=case.letter)

    def panel_short(self) -> str:
        return self.tr(T.DA if self.briefing.panel is Panel.DA else T.RASSO)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Flowable | str]],
        widths: Sequence[float],
        *,
        header_row: bool = True,
    ) -> Table:
        cells: list[list[Flowable | str]] = []
        if header_row:
            cells.append([self.para(h, self.styles.cell_bold) for h in header])
        cells += [
            [c if isinstance(c, Flowable) else self.para(c, self.styles.cell) for c in row]
            for row in rows
        ]
        table = Table(cells, colWidths=list(widths), repeatRows=1 if header_row else 0)
        start = 1 if header_row else 0
        commands: list[Any] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LINEBELOW", (0, start), (-1, -1), 0.25, RULE_GREY),
            ("ROWBACKGROUNDS", (0, start), (-1, -1), [None, STRIPE_GREY]),
        ]
        if header_row:
            commands += [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_GREY),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, black),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, black),
            ]
        table.setStyle(TableStyle(commands))
        return table

    # --- the parts ------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        story = self.cover()
        for case in self.briefing.cases:
            story += self.case(case)
        story += self.questions()
        story += self.actions()
        return story

    def cover(self) -> list[Flowable]:
        b, s = self.briefing, self.styles
        panel = b.panel.label
        story: list[Flowable] = [
            self.para(self.tr(T.TITLE).format(panel=self.panel_short()), s.title),
            self.para(self.choice(panel), s.h2),
            self.para(self.tr(T.MEETING).format(date=long_date(b.held_on, self.translate))),
            self.para(self.tr(T.CASES).format(count=b.case_count)),
            self.para(self.tr(HANDLING), s.handling),
            self.para(self.tr(T.FINGERPRINT).format(fingerprint=b.fingerprint)),
            self.para(self.tr(T.FINGERPRINT_NOTE), s.small),
            Spacer(1, 8),
            self.para(self.tr(T.HOW_TO_READ), s.h2),
        ]
        story += [
            Paragraph(escape(self.tr(note)), s.bullet, bulletText="\u2022")
            for note in T.READING_NOTES
        ]
        if b.cases:
            story += [self.para(self.tr(T.AT_A_GLANCE), s.h2), self.glance()]
        else:
            story.append(self.para(self.tr(T.NO_CASES)))
        return story

    def glance(self) -> Table:
        rows = [
            [self.case_name(c), c.offence_type, c.outcome, str(len(c.feedback))]
            for c in self.briefing.cases
        ]
        header = [self.tr(h) for h in T.GLANCE_HEADERS]
        return self.table(header, rows, [0.12 * WIDTH, 0.33 * WIDTH, 0.43 * WIDTH, 0.12 * WIDTH])

    def case(self, case: BriefingCase) -> list[Flowable]:
        s = self.styles
        story: list[Flowable] = [
            PageBreak(),  # each case on a page of its own: read and discussed one at a time
            self.para(self.case_name(case), s.h1),
            self.facts(case),
            self.para(self.tr(T.JOURNEY), s.h2),
        ]
        if case.journey:
            rows = [
                [self.month(j.month), j.stage or self.tr(T.NO_STAGE), j.note] for j in case.journey
            ]
            header = [self.tr(h) for h in T.JOURNEY_HEADERS]
            story.append(self.table(header, rows, [0.13 * WIDTH, 0.32 * WIDTH, 0.55 * WIDTH]))
        else:
            story.append(self.para(self.tr(T.NO_JOURNEY)))
        story += self.rights(case)
        story += self.feedback(case)
        story.append(Spacer(1, 10))
        return story

    def facts(self, case: BriefingCase) -> Table:
        label = self.styles.cell_bold
        rows: list[list[Flowable | str]] = [
            [self.para(self.tr(T.OFFENCE), label), case.offence_type or "\u2013"],
            [self.para(self.tr(T.OUTCOME), label), case.outcome or "\u2013"],
            [self.para(self.tr(T.CONTACTED), label), self.yes_no(case.victim_contacted)],
            [self.para(self.tr(T.AGREED), label), self.yes_no(case.victim_agreed)],
            [self.para(self.tr(T.DASH), label), self.dash(case)],
            [self.para(self.tr(T.MARAC), label), self.marac(case)],
        ]
        return self.table((), rows, [0.3 * WIDTH, 0.7 * WIDTH], header_row=False)

    def dash(self, case: BriefingCase) -> str:
        risk = case.risk
        if risk.known is RiskKnown.NOT_ON_ROSTER:
            return self.tr(T.RISK_NOT_KNOWN)
        if risk.known is RiskKnown.NOT_ASSESSED or risk.assessed_in is None:
            return self.tr(T.RISK_NOT_ASSESSED)
        level = self.choice(risk.dash_level.label) if risk.dash_level else self.tr(T.NOT_RECORDED)
        return self.tr(T.ASSESSED).format(level=level, month=self.month(risk.assessed_in))

    def marac(self, case: BriefingCase) -> str:
        if case.risk.known is not RiskKnown.ASSESSED:
            return self.tr(T.MARAC_NOT_KNOWN)
        return self.yes_no(case.risk.at_marac)

    def rights(self, case: BriefingCase) -> list[Flowable]:
        story: list[Flowable] = [self.para(self.tr(T.RIGHTS), self.styles.h2)]
        judged = [(r, True) for r in case.rights_met] + [(r, False) for r in case.rights_not_met]
        judged.sort(key=lambda pair: list(VictimsRight).index(pair[0]))
        if not judged:
            return [*story, self.para(self.tr(T.NO_RIGHTS))]
        rows: list[list[Flowable | str]] = [
            [
                self.choice(right.label),
                self.para(
                    self.tr(T.MET if met else T.NOT_MET),
                    self.styles.cell if met else self.styles.cell_bold,
                ),
            ]
            for right, met in judged
        ]
        header = [self.tr(h) for h in T.RIGHTS_HEADERS]
        return [*story, self.table(header, rows, [0.8 * WIDTH, 0.2 * WIDTH])]

    def feedback(self, case: BriefingCase) -> list[Flowable]:
        s = self.styles
        story: list[Flowable] = [self.para(self.tr(T.FEEDBACK), s.h2)]
        if not case.feedback:
            if not case.victim_contacted:
                why = T.NOT_CONTACTED
            elif not case.victim_agreed:
                why = T.NOT_AGREED
            else:
                why = T.NO_FEEDBACK
            story.append(self.para(self.tr(why)))
        story += [self.voice(v) for v in case.feedback]
        themes = ", ".join(case.themes) if case.themes else self.tr(T.NO_THEMES)
        story.append(Paragraph(f"<b>{escape(self.tr(T.THEMES))}</b> {escape(themes)}", s.body))
        return story

    def voice(self, voice: VictimVoice) -> Paragraph:
        sentiment = self.choice(voice.sentiment.label) if voice.sentiment else ""
        label = self.tr(T.IN_THEIR_WORDS if voice.quoted else T.SUMMARY)
        if sentiment:
            label = f"{label} ({sentiment.lower()})"
        if voice.quoted:
            text = f"\u201c{escape(voice.text)}\u201d"
            return Paragraph(f"<b>{escape(label)}:</b> {text}", self.styles.quote)
        return Paragraph(f"<b>{escape(label)}:</b> {escape(voice.text)}", self.styles.summary)

    def questions(self) -> list[Flowable]:
        s = self.styles
        story: list[Flowable] = [CondPageBreak(40 * mm), self.para(self.tr(T.QUESTIONS), s.h1)]
        asked = [c for c in self.briefing.cases if c.questions]
        if not asked:
            return [*story, self.para(self.tr(T.NO_QUESTIONS))]
        for case in asked:  # a case's questions on one page, under its name
            bullets = [Paragraph(escape(q), s.bullet, bulletText="\u2022") for q in case.questions]
            story.append(KeepTogether([self.para(self.case_name(case), s.h2), *bullets]))
        return story

    def actions(self) -> list[Flowable]:
        s = self.styles
        heading = self.tr(T.ACTIONS).format(panel=self.panel_short())
        story: list[Flowable] = [CondPageBreak(40 * mm), self.para(heading, s.h1)]
        if not self.briefing.earlier_actions:
            return [*story, self.para(self.tr(T.NO_ACTIONS))]
        header = [self.tr(h) for h in T.ACTION_HEADERS]
        rows = [self.action_row(a) for a in self.briefing.earlier_actions]
        widths = [0.11 * WIDTH, 0.34 * WIDTH, 0.11 * WIDTH, 0.12 * WIDTH, 0.32 * WIDTH]
        return [*story, self.table(header, rows, widths)]

    def action_row(self, action: EarlierAction) -> list[Flowable | str]:
        due = self.month(action.due_in) if action.due_in else "\u2013"
        return [
            self.month(action.raised_in),
            action.title,
            due,
            self.choice(action.status.label),
            action.result or "\u2013",
        ]


def scrutiny_story(briefing: Briefing, translate: Translate) -> list[Flowable]:
    """The briefing's flowables (without page furniture)."""
    register_fonts()  # before any Paragraph: they look their fonts up when made
    return _Printer(briefing, translate).story()


def scrutiny_furniture(
    briefing: Briefing, produced: datetime, translate: Translate
) -> PageFurniture:
    """The page furniture of a briefing: its handling line, DEMO on a demo vault's."""
    return PageFurniture(
        handling=translate(CONTEXT, HANDLING),
        produced=produced,
        demo=briefing.demo,
        translate=translate,
    )


def build_scrutiny_pdf(
    briefing: Briefing, furniture: PageFurniture, translate: Translate | None = None
) -> bytes:
    """The briefing as a PDF, in memory. `translate` defaults to the furniture's."""
    translate = translate or furniture.translate
    buffer = io.BytesIO()
    story = scrutiny_story(briefing, translate)
    panel = translate(CONTEXT, T.DA if briefing.panel is Panel.DA else T.RASSO)
    title = translate(CONTEXT, T.TITLE).format(panel=panel)
    build_pdf(buffer, story, furniture, title=title, pagesize=PAGE)
    return buffer.getvalue()
