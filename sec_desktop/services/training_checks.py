"""The consent rule for using a survivor's story, and the checks of what is typed in.

A consent is *current* on a day by the same rule as quote consent
(services/quote_permission.py `consent_current`): given on or before that day, not
withdrawn, and its review date (if any) not passed. A survivor material may be used in a
session only while its survivor's consent to their story being used in officer training
(`ConsentPurpose.TRAINING`) is current both on the session's date and today: a consent
withdrawn since, or given only after the session, or whose review has passed, stops it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sec_desktop.domain.enums import ConsentPurpose
from sec_desktop.domain.participant import Consent
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import validation as check
from sec_desktop.services.errors import FieldError, RuleBroken
from sec_desktop.services.training_records import MaterialDetails, SessionDetails

MAX_TITLE = 200
MAX_AUDIENCE = 200
MAX_NOTES = 4000
MAX_ATTENDING = 100_000

MATERIAL_GONE = QT_TRANSLATE_NOOP("Records", "That training material is no longer on record.")
SESSION_GONE = QT_TRANSLATE_NOOP("Records", "That training session is no longer on record.")
MATERIALS_REFUSED = QT_TRANSLATE_NOOP(
    "Records",
    "These materials cannot be used: their survivor's consent to their story being used in "
    "officer training is not current on {held_on} and today: {materials}. Remove them, or "
    "review the consent with the survivor first.",
)
MATERIALS_REFUSED_KEPT = QT_TRANSLATE_NOOP(
    "Records",
    "These materials were not covered by their survivor's consent to their story being used "
    "in officer training on {held_on}: {materials}. Check the session's date, or remove them.",
)


def consent_current(consent: Consent, purpose: ConsentPurpose, on: date) -> bool:
    """One consent for `purpose` that holds on `on` (the quote rule, for any purpose)."""
    return (
        consent.purpose == purpose
        and consent.withdrawn_on is None
        and consent.given_on <= on
        and (consent.review_on is None or consent.review_on >= on)
    )


def current_consent(
    consents: Iterable[Consent], purpose: ConsentPurpose, *days: date
) -> Consent | None:
    """The consent for `purpose` that holds on every one of `days`, if there is one."""
    return next(
        (c for c in consents if all(consent_current(c, purpose, day) for day in days)), None
    )


def training_usable(consents: Iterable[Consent], held_on: date, today: date) -> bool:
    """Whether a material may be used in a session held on `held_on`."""
    return current_consent(consents, ConsentPurpose.TRAINING, held_on, today) is not None


def was_covered(consents: Iterable[Consent], on: date) -> bool:
    """Whether a training consent covered `on` as things stood then (a withdrawal after
    that day does not undo a use already made)."""
    return any(
        c.purpose == ConsentPurpose.TRAINING
        and c.given_on <= on
        and (c.withdrawn_on is None or c.withdrawn_on > on)
        and (c.review_on is None or c.review_on >= on)
        for c in consents
    )


@dataclass(frozen=True)
class RefusedMaterial:
    id: int
    title: str
    participant_code: str


class MaterialsRefused(RuleBroken):
    """Some materials chosen for a session may not be used; nothing was saved. Each is
    named by its title and its survivor's code; `refused` lists them for a form."""

    def __init__(self, message: str, held_on: date, refused: Sequence[RefusedMaterial]) -> None:
        self.refused = tuple(refused)
        listed = "; ".join(f"“{m.title}” ({m.participant_code})" for m in self.refused)
        super().__init__(message, held_on=held_on, materials=listed)


def check_material(details: MaterialDetails) -> None:
    check.raise_if_any(
        [
            check.required("title", details.title, MAX_TITLE),
            check.text("notes", details.notes, MAX_NOTES),
        ]
    )


def check_session(details: SessionDetails, today: date) -> None:
    check.raise_if_any(
        [
            check.not_in_future("held_on", details.held_on, today),
            check.required("title", details.title, MAX_TITLE),
            check.text("audience", details.audience, MAX_AUDIENCE),
            _attending(details.attending),
            check.text("notes", details.notes, MAX_NOTES),
        ]
    )


def _attending(attending: int) -> FieldError | None:
    if 0 <= attending <= MAX_ATTENDING:
        return None
    return FieldError(
        "attending",
        QT_TRANSLATE_NOOP("Records", "Give the number attending: 0 (not known) up to {limit}."),
        {"limit": MAX_ATTENDING},
    )
