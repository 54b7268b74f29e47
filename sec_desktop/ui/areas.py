"""The areas of the application, in the order of the sidebar, with their shortcuts.

Titles and descriptions are marked with QT_TRANSLATE_NOOP and translated where shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from sec_desktop.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Areas"


@dataclass(frozen=True)
class Area:
    key: str  # also the self-test screenshot name
    title: str
    shortcut: str
    # What the area will hold, said plainly while it has not been built.
    purpose: str

    def translated_title(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.title)

    def translated_purpose(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.purpose)


AREAS: tuple[Area, ...] = (
    Area(
        "today",
        QT_TRANSLATE_NOOP("Areas", "Today"),
        "Ctrl+1",
        QT_TRANSLATE_NOOP(
            "Areas",
            "Your day at a glance: follow-ups due, reviews coming up, overdue actions, and a "
            "gentle prompt about supervision when your week has been heavy.",
        ),
    ),
    Area(
        "roster",
        QT_TRANSLATE_NOOP("Areas", "Roster"),
        "Ctrl+2",
        QT_TRANSLATE_NOOP(
            "Areas",
            "The Survivor Network and Victim Reference Group: each participant by pseudonym, "
            "with their safe contact rules, consents, communication needs and memberships.",
        ),
    ),
    Area(
        "engagements",
        QT_TRANSLATE_NOOP("Areas", "Engagements"),
        "Ctrl+3",
        QT_TRANSLATE_NOOP(
            "Areas",
            "Focus groups, one-to-ones, reference group meetings and staff forum sessions: "
            "who took part, and the wellbeing check afterwards.",
        ),
    ),
    Area(
        "feedback",
        QT_TRANSLATE_NOOP("Areas", "Feedback"),
        "Ctrl+4",
        QT_TRANSLATE_NOOP(
            "Areas",
            "What survivors said, coded by journey stage, theme and sentiment, with quote "
            "permission checked against consent and the disclosure guard.",
        ),
    ),
    Area(
        "actions",
        QT_TRANSLATE_NOOP("Areas", "Actions"),
        "Ctrl+5",
        QT_TRANSLATE_NOOP(
            "Areas",
            "\u201cYou said, we did\u201d: what is changing because of feedback, and a record "
            "of telling each person whose voice led to it.",
        ),
    ),
    Area(
        "service_recovery",
        QT_TRANSLATE_NOOP("Areas", "Service recovery"),
        "Ctrl+6",
        QT_TRANSLATE_NOOP(
            "Areas",
            "Concerns raised by partners on a survivor's behalf: the department involved, "
            "the steps taken, the outcome, and whether the survivor and partner were told.",
        ),
    ),
    Area(
        "partners",
        QT_TRANSLATE_NOOP("Areas", "Partners"),
        "Ctrl+7",
        QT_TRANSLATE_NOOP(
            "Areas",
            "Partner organisations, their named contacts, and a log of meetings, calls and "
            "referrals.",
        ),
    ),
    Area(
        "scrutiny",
        QT_TRANSLATE_NOOP("Areas", "Scrutiny panels"),
        "Ctrl+8",
        QT_TRANSLATE_NOOP(
            "Areas",
            "DA and RASSO scrutiny panel meetings, the cases reviewed, and printed briefings "
            "that never name a survivor.",
        ),
    ),
    Area(
        "risk_wellbeing",
        QT_TRANSLATE_NOOP("Areas", "Risk and wellbeing"),
        "Ctrl+9",
        QT_TRANSLATE_NOOP(
            "Areas",
            "A risk assessment before anyone takes part, wellbeing checks after sessions, "
            "and your own private wellbeing log.",
        ),
    ),
    Area(
        "reports",
        QT_TRANSLATE_NOOP("Areas", "Reports"),
        "Ctrl+0",
        QT_TRANSLATE_NOOP(
            "Areas",
            "Governance reports and exports in which small numbers are hidden, so that no "
            "survivor can be identified.",
        ),
    ),
    Area(
        "settings",
        QT_TRANSLATE_NOOP("Areas", "Settings"),
        "Ctrl+,",
        QT_TRANSLATE_NOOP("Areas", "Appearance and language."),
    ),
)
