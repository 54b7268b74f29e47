"""The journey stages and themes a new vault starts with (from `domain.md`).

They are the user's own once written: renamed, reordered, added to or retired in
Settings. A term in use is retired rather than deleted, so old feedback keeps its coding.
"""

from __future__ import annotations

from sec_desktop.domain.engagement_enums import TermKind

SEED_STAGES: tuple[str, ...] = (
    "Contact and call handling (999, 101, online)",
    "First response and attendance",
    "Statement and evidence capture",
    "Crime recording",
    "Safeguarding and risk (DASH, MARAC, protective orders)",
    "Referral to support (IDVA, ISVA, SARC)",
    "Investigation and updates",
    "Arrest, bail and suspect management",
    "Police decision (including no further action)",
    "CPS charging decision and victims' right to review",
    "Witness care and pre-trial",
    "Court (plea, trial, verdict, sentence)",
    "After sentence (victim contact scheme)",
    "Complaints and service recovery",
)

SEED_THEMES: tuple[str, ...] = (
    "Being believed",
    "Communication and updates",
    "Officer attitude and language",
    "Time and delays",
    "Safety and safeguarding",
    "Information about rights (Victims' Code)",
    "Accessibility and communication barriers",
    "Digital evidence and phones",
    "Special measures at court",
    "Support services",
    "Children and family",
    "Housing and money",
)

SEEDS: dict[TermKind, tuple[str, ...]] = {
    TermKind.STAGE: SEED_STAGES,
    TermKind.THEME: SEED_THEMES,
}
