"""Training and awareness sessions and the survivor materials they use, as the screens
see them. A material names its survivor by pseudonym code only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sec_desktop.domain.action_enums import MaterialKind, TrainingKind


@dataclass(frozen=True)
class MaterialDetails:
    # A short title for the SEC (for example "Video: the first 999 call"): never a name.
    title: str
    kind: MaterialKind
    participant_id: int
    notes: str = ""


@dataclass(frozen=True)
class MaterialRow:
    id: int
    title: str
    kind: MaterialKind
    participant_code: str
    # The survivor's consent to their story being used in officer training holds today.
    consent_current: bool
    participant_id: int = 0
    # When that consent is due for review (None if it is not current or has no date).
    consent_review_on: date | None = None


@dataclass(frozen=True)
class MaterialRecord:
    id: int
    details: MaterialDetails
    participant_code: str
    consent_current: bool
    sessions: int  # how many sessions have used it


@dataclass(frozen=True)
class SessionDetails:
    held_on: date
    kind: TrainingKind
    title: str
    audience: str = ""
    attending: int = 0
    notes: str = ""


@dataclass(frozen=True)
class SessionRow:
    id: int
    held_on: date
    kind: TrainingKind
    title: str
    audience: str
    attending: int
    materials: int


@dataclass(frozen=True)
class SessionRecord:
    id: int
    details: SessionDetails
    materials: tuple[MaterialRow, ...]


@dataclass(frozen=True)
class ReachByKind:
    kind: TrainingKind
    sessions: int
    attending: int


@dataclass(frozen=True)
class Reach:
    """Sessions held in a period (by their date) and the people they reached."""

    start: date
    end: date
    sessions: int
    people_reached: int  # the attendance, added up
    by_kind: tuple[ReachByKind, ...]  # every kind, in the order of TrainingKind
    sessions_with_survivor_materials: int
    materials_used: int  # different materials used in the period
