"""The plain data of a scrutiny panel briefing: what `reports/scrutiny_pdf.py` prints.

A briefing is read round a table by people who must never learn who a victim is, so
nothing here can carry a name, a contact detail, a code word, a pseudonym code, a crime
reference or a disclosure's text. Cases are known by a letter ("Case A"), in the
meeting's order; every date of a victim's journey is kept to the month (the first of the
month stands for it): a day with an offence type can be enough to find a case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sec_desktop.domain.action_enums import ActionStatus
from sec_desktop.domain.engagement_enums import Panel, Sentiment, VictimsRight
from sec_desktop.domain.risk_enums import DashLevel


def month_of(day: date) -> date:
    """The month `day` is in, as its first day: no finer than the month."""
    return day.replace(day=1)


def case_letter(index: int) -> str:
    """A, B, ... Z, then AA, AB, ...: the case's label from its place (from 0)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class BriefingMeeting:
    """A meeting a briefing can be made for."""

    id: int
    held_on: date
    panel: Panel
    cases: int


@dataclass(frozen=True)
class JourneyStep:
    month: date  # the first of the month
    stage: str  # "" if the step has no stage (or its stage was deleted)
    note: str


class RiskKnown(StrEnum):
    """Where the DASH level and MARAC come from."""

    NOT_ON_ROSTER = "not on roster"  # the victim is not on the roster: not known here
    NOT_ASSESSED = "not assessed"  # on the roster, no risk assessment recorded
    ASSESSED = "assessed"


@dataclass(frozen=True)
class CaseRisk:
    known: RiskKnown
    dash_level: DashLevel | None = None
    at_marac: bool = False
    assessed_in: date | None = None  # the month of the current assessment


@dataclass(frozen=True)
class VictimVoice:
    """One feedback item of the victim: their words where they may be quoted, otherwise
    the coordinator's summary. A disclosure never becomes a VictimVoice."""

    text: str
    quoted: bool
    sentiment: Sentiment | None


@dataclass(frozen=True)
class BriefingCase:
    letter: str  # "A": printed as "Case A"
    offence_type: str
    outcome: str
    victim_contacted: bool
    victim_agreed: bool
    journey: tuple[JourneyStep, ...]
    risk: CaseRisk
    rights_met: tuple[VictimsRight, ...]
    rights_not_met: tuple[VictimsRight, ...]
    feedback: tuple[VictimVoice, ...]
    themes: tuple[str, ...]
    questions: tuple[str, ...]


@dataclass(frozen=True)
class EarlierAction:
    """An action raised at an earlier panel of the same kind, and where it stands."""

    title: str
    raised_in: date  # the month of the meeting that raised it
    status: ActionStatus
    due_in: date | None  # the month it is due
    # The outcome of one done, the reason for one declined, else "".
    result: str


@dataclass(frozen=True)
class Briefing:
    meeting_id: int
    panel: Panel
    held_on: date
    cases: tuple[BriefingCase, ...]
    earlier_actions: tuple[EarlierAction, ...]
    # The head of the vault's audit chain when the briefing was read, short: "3f9a 1c7e
    # 0b42". Ties a printout to the vault's state without saying anything of its records.
    fingerprint: str
    demo: bool

    @property
    def case_count(self) -> int:
        return len(self.cases)
