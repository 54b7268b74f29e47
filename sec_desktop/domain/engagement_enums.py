"""The fixed choices of engagements, feedback and scrutiny panels, in the users' words.

Values are what the vault stores; labels are shown (context "Choices"). Journey stages
and themes are not here: the user edits those (see `domain/taxonomy.py`).
"""

from __future__ import annotations

from sec_desktop.domain.enums import Choice, _labels
from sec_desktop.i18n import QT_TRANSLATE_NOOP


class EngagementKind(Choice):
    FOCUS_GROUP = "focus group"
    ONE_TO_ONE = "one-to-one"
    STAFF_FORUM = "anonymous staff forum session"
    SCRUTINY_PANEL = "scrutiny panel meeting"
    REFERENCE_GROUP = "reference group meeting"


_labels(
    EngagementKind,
    QT_TRANSLATE_NOOP("Choices", "Focus group"),
    QT_TRANSLATE_NOOP("Choices", "One-to-one"),
    QT_TRANSLATE_NOOP("Choices", "Staff forum session (anonymous)"),
    QT_TRANSLATE_NOOP("Choices", "Scrutiny panel meeting"),
    QT_TRANSLATE_NOOP("Choices", "Reference group meeting"),
)


class EngagementFormat(Choice):
    IN_PERSON = "in person"
    ONLINE = "online"
    PHONE = "phone"


_labels(
    EngagementFormat,
    QT_TRANSLATE_NOOP("Choices", "In person"),
    QT_TRANSLATE_NOOP("Choices", "Online"),
    QT_TRANSLATE_NOOP("Choices", "Phone"),
)


class OneToOneChannel(Choice):
    PHONE = "phone"
    VIDEO = "video"
    IN_PERSON = "in person"
    WRITTEN = "written"


_labels(
    OneToOneChannel,
    QT_TRANSLATE_NOOP("Choices", "Phone"),
    QT_TRANSLATE_NOOP("Choices", "Video call"),
    QT_TRANSLATE_NOOP("Choices", "In person"),
    QT_TRANSLATE_NOOP("Choices", "Written"),
)


class Panel(Choice):
    DA = "da"
    RASSO = "rasso"


_labels(
    Panel,
    QT_TRANSLATE_NOOP("Choices", "Domestic abuse (DA)"),
    QT_TRANSLATE_NOOP("Choices", "Rape and serious sexual offences (RASSO)"),
)


class FeedbackSource(Choice):
    PARTICIPANT = "participant"
    ANONYMOUS = "anonymous survivor"
    PARTNER = "partner"


_labels(
    FeedbackSource,
    QT_TRANSLATE_NOOP("Choices", "A participant"),
    QT_TRANSLATE_NOOP("Choices", "An anonymous survivor"),
    QT_TRANSLATE_NOOP("Choices", "A partner (for example an IDVA)"),
)


class Sentiment(Choice):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    MIXED = "mixed"


_labels(
    Sentiment,
    QT_TRANSLATE_NOOP("Choices", "Positive"),
    QT_TRANSLATE_NOOP("Choices", "Negative"),
    QT_TRANSLATE_NOOP("Choices", "Mixed"),
)


class TermKind(Choice):
    STAGE = "journey stage"
    THEME = "theme"


_labels(
    TermKind,
    QT_TRANSLATE_NOOP("Choices", "Journey stage"),
    QT_TRANSLATE_NOOP("Choices", "Theme"),
)


class ProjectStatus(Choice):
    REQUESTED = "requested"
    IN_PROGRESS = "in progress"
    COMPLETED = "completed"


_labels(
    ProjectStatus,
    QT_TRANSLATE_NOOP("Choices", "Requested"),
    QT_TRANSLATE_NOOP("Choices", "In progress"),
    QT_TRANSLATE_NOOP("Choices", "Completed"),
)


class VictimsRight(Choice):
    """The twelve rights of the Victims' Code (England and Wales)."""

    UNDERSTAND = "understand"
    RECORDED = "crime recorded"
    INFO_REPORTING = "information when reporting"
    REFERRED = "referred to support"
    COMPENSATION = "compensation"
    INFO_INVESTIGATION = "investigation updates"
    VPS = "victim personal statement"
    INFO_TRIAL = "trial information"
    INFO_OUTCOME = "outcome and appeal"
    EXPENSES = "expenses and property"
    INFO_OFFENDER = "offender information"
    COMPLAIN = "complaint"


_labels(
    VictimsRight,
    QT_TRANSLATE_NOOP("Choices", "1. To understand and to be understood"),
    QT_TRANSLATE_NOOP("Choices", "2. To have the crime recorded without unjustified delay"),
    QT_TRANSLATE_NOOP("Choices", "3. To be given information when reporting the crime"),
    QT_TRANSLATE_NOOP("Choices", "4. To be referred to services that support victims"),
    QT_TRANSLATE_NOOP("Choices", "5. To be given information about compensation"),
    QT_TRANSLATE_NOOP(
        "Choices", "6. To be given information about the investigation and prosecution"
    ),
    QT_TRANSLATE_NOOP("Choices", "7. To make a Victim Personal Statement"),
    QT_TRANSLATE_NOOP("Choices", "8. To be given information about the trial and your role"),
    QT_TRANSLATE_NOOP(
        "Choices", "9. To be given information about the outcome of the case and any appeal"
    ),
    QT_TRANSLATE_NOOP("Choices", "10. To claim expenses and have property returned"),
    QT_TRANSLATE_NOOP(
        "Choices", "11. To be given information about the offender following a conviction"
    ),
    QT_TRANSLATE_NOOP("Choices", "12. To make a complaint about your rights not being met"),
)
