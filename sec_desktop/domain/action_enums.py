"""The fixed choices of actions, service recovery cases, training and development
opportunities, in the users' words (labels: context "Choices")."""

from __future__ import annotations

from sec_desktop.domain.enums import Choice, _labels
from sec_desktop.i18n import QT_TRANSLATE_NOOP


class ActionStatus(Choice):
    PROPOSED = "proposed"
    AGREED = "agreed"
    IN_PROGRESS = "in progress"
    DONE = "done"
    DECLINED = "declined"

    @property
    def closed(self) -> bool:
        """Done or declined: the people whose feedback led to it are told."""
        return self in (ActionStatus.DONE, ActionStatus.DECLINED)


_labels(
    ActionStatus,
    QT_TRANSLATE_NOOP("Choices", "Proposed"),
    QT_TRANSLATE_NOOP("Choices", "Agreed"),
    QT_TRANSLATE_NOOP("Choices", "In progress"),
    QT_TRANSLATE_NOOP("Choices", "Done"),
    QT_TRANSLATE_NOOP("Choices", "Declined"),
)


class TellingChannel(Choice):
    PHONE = "phone"
    TEXT = "text"
    EMAIL = "email"
    LETTER = "letter"
    IN_PERSON = "in person"
    THROUGH_PARTNER = "through a partner"


_labels(
    TellingChannel,
    QT_TRANSLATE_NOOP("Choices", "Phone"),
    QT_TRANSLATE_NOOP("Choices", "Text message"),
    QT_TRANSLATE_NOOP("Choices", "Email"),
    QT_TRANSLATE_NOOP("Choices", "Letter"),
    QT_TRANSLATE_NOOP("Choices", "In person"),
    QT_TRANSLATE_NOOP("Choices", "Through a partner (IDVA/ISVA)"),
)


class RecoveryStatus(Choice):
    OPEN = "open"
    CLOSED = "closed"


_labels(
    RecoveryStatus,
    QT_TRANSLATE_NOOP("Choices", "Open"),
    QT_TRANSLATE_NOOP("Choices", "Closed"),
)


class TrainingKind(Choice):
    OFFICER_TRAINING = "officer training"
    BRIEFING = "briefing"
    TALK = "talk"
    OTHER = "other"


_labels(
    TrainingKind,
    QT_TRANSLATE_NOOP("Choices", "Officer training"),
    QT_TRANSLATE_NOOP("Choices", "Briefing"),
    QT_TRANSLATE_NOOP("Choices", "Talk or presentation"),
    QT_TRANSLATE_NOOP("Choices", "Other awareness session"),
)


class MaterialKind(Choice):
    VIDEO = "video"
    CASE_STUDY = "case study"
    AUDIO = "audio"
    WRITTEN = "written account"


_labels(
    MaterialKind,
    QT_TRANSLATE_NOOP("Choices", "Video"),
    QT_TRANSLATE_NOOP("Choices", "Case study"),
    QT_TRANSLATE_NOOP("Choices", "Audio"),
    QT_TRANSLATE_NOOP("Choices", "Written account"),
)


class OpportunityKind(Choice):
    TRAINING_COURSE = "training course"
    SPEAKING = "speaking"
    WRITING = "writing"
    VOLUNTEERING = "volunteering"
    OTHER = "other"


_labels(
    OpportunityKind,
    QT_TRANSLATE_NOOP("Choices", "Training course"),
    QT_TRANSLATE_NOOP("Choices", "Speaking"),
    QT_TRANSLATE_NOOP("Choices", "Writing"),
    QT_TRANSLATE_NOOP("Choices", "Volunteering"),
    QT_TRANSLATE_NOOP("Choices", "Other"),
)


class TakenUp(Choice):
    WAITING = "waiting"
    TAKEN_UP = "taken up"
    DECLINED = "declined"


_labels(
    TakenUp,
    QT_TRANSLATE_NOOP("Choices", "Waiting for an answer"),
    QT_TRANSLATE_NOOP("Choices", "Taken up"),
    QT_TRANSLATE_NOOP("Choices", "Declined"),
)
