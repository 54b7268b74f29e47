"""The fixed choices of risk assessments, wellbeing checks and the coordinator's own log,
in the users' words. Values are what the vault stores; labels are shown (context
"Choices")."""

from __future__ import annotations

from sec_desktop.domain.enums import Choice, _labels
from sec_desktop.i18n import QT_TRANSLATE_NOOP


class DashLevel(Choice):
    STANDARD = "standard"
    MEDIUM = "medium"
    HIGH = "high"


_labels(
    DashLevel,
    QT_TRANSLATE_NOOP("Choices", "Standard"),
    QT_TRANSLATE_NOOP("Choices", "Medium"),
    QT_TRANSLATE_NOOP("Choices", "High"),
)


class Answer(Choice):
    """A safety question's answer, where "not known" is an answer in its own right."""

    YES = "yes"
    NO = "no"
    NOT_KNOWN = "not known"


_labels(
    Answer,
    QT_TRANSLATE_NOOP("Choices", "Yes"),
    QT_TRANSLATE_NOOP("Choices", "No"),
    QT_TRANSLATE_NOOP("Choices", "Not known"),
)


class Proceedings(Choice):
    NONE = "none"
    UNDER_INVESTIGATION = "under investigation"
    AWAITING_CHARGE = "awaiting charge"
    PRE_TRIAL = "pre-trial"
    TRIAL = "trial"
    CONCLUDED = "concluded"

    @property
    def blocks_groups(self) -> bool:
        """Pre-trial or at trial: they must not discuss the evidence in a group."""
        return self in (Proceedings.PRE_TRIAL, Proceedings.TRIAL)


_labels(
    Proceedings,
    QT_TRANSLATE_NOOP("Choices", "None"),
    QT_TRANSLATE_NOOP("Choices", "Under investigation"),
    QT_TRANSLATE_NOOP("Choices", "Awaiting a charging decision"),
    QT_TRANSLATE_NOOP("Choices", "Charged, waiting for trial (pre-trial)"),
    QT_TRANSLATE_NOOP("Choices", "At trial"),
    QT_TRANSLATE_NOOP("Choices", "Concluded"),
)


class Readiness(Choice):
    READY = "ready"
    SOME_CONCERNS = "some concerns"
    NOT_READY = "not ready"


_labels(
    Readiness,
    QT_TRANSLATE_NOOP("Choices", "Ready"),
    QT_TRANSLATE_NOOP("Choices", "Ready, with some concerns"),
    QT_TRANSLATE_NOOP("Choices", "Not ready now"),
)


class RiskOutcome(Choice):
    PROCEED = "proceed"
    PROCEED_WITH_SUPPORT = "proceed with support"
    DEFER = "defer"


_labels(
    RiskOutcome,
    QT_TRANSLATE_NOOP("Choices", "Proceed"),
    QT_TRANSLATE_NOOP("Choices", "Proceed with support"),
    QT_TRANSLATE_NOOP("Choices", "Defer"),
)


class HowTheyAre(Choice):
    """How an attendee was after a session."""

    WELL = "well"
    SOME_DISTRESS = "some distress"
    DISTRESSED = "distressed"


_labels(
    HowTheyAre,
    QT_TRANSLATE_NOOP("Choices", "Well"),
    QT_TRANSLATE_NOOP("Choices", "Some distress"),
    QT_TRANSLATE_NOOP("Choices", "Distressed"),
)
