"""Governance tables about people: engagements by month, people engaged by group, the
Survivor Network and Victim Reference Group, and equality monitoring (aggregate only).

Counts only, with fixed labels: no code, name or text of any record is read here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sqlalchemy import Connection

from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.domain.enums import Group
from sec_desktop.domain.equality import CHARACTERISTICS, PREFER_NOT_TO_SAY, Characteristic
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import governance_queries as q
from sec_desktop.services.disclosure_control import FigureTable
from sec_desktop.services.governance_queries import Period

PEOPLE = QT_TRANSLATE_NOOP("Reports", "People")
NOT_ANSWERED = QT_TRANSLATE_NOOP("Reports", "Not asked or not answered")
OTHER_ANSWER = QT_TRANSLATE_NOOP("Reports", "Other answer")

# People engaged, in groups that do not overlap (so the total is everyone, once).
BOTH_GROUPS = QT_TRANSLATE_NOOP("Reports", "Survivor Network and Victim Reference Group")
NETWORK_ONLY = QT_TRANSLATE_NOOP("Reports", "Survivor Network only")
REFERENCE_ONLY = QT_TRANSLATE_NOOP("Reports", "Victim Reference Group only")
OTHER_PEOPLE = QT_TRANSLATE_NOOP("Reports", "Other participants")
ANONYMOUS_FORUM = QT_TRANSLATE_NOOP("Reports", "Anonymous staff forum attendance (headcount)")

# The tables' titles, in the report's own context (the characteristics' labels are choices).
EQUALITY_TITLES = {
    "age": QT_TRANSLATE_NOOP("Reports", "Equality monitoring: age"),
    "disability": QT_TRANSLATE_NOOP("Reports", "Equality monitoring: disability"),
    "gender_reassignment": QT_TRANSLATE_NOOP("Reports", "Equality monitoring: gender reassignment"),
    "marriage_civil_partnership": QT_TRANSLATE_NOOP(
        "Reports", "Equality monitoring: marriage and civil partnership"
    ),
    "pregnancy_maternity": QT_TRANSLATE_NOOP(
        "Reports", "Equality monitoring: pregnancy and maternity"
    ),
    "race": QT_TRANSLATE_NOOP("Reports", "Equality monitoring: ethnic group"),
    "religion_belief": QT_TRANSLATE_NOOP("Reports", "Equality monitoring: religion or belief"),
    "sex": QT_TRANSLATE_NOOP("Reports", "Equality monitoring: sex"),
    "sexual_orientation": QT_TRANSLATE_NOOP("Reports", "Equality monitoring: sexual orientation"),
}


def engagements_by_month(connection: Connection, period: Period) -> FigureTable:
    counts = q.engagements(connection, period)
    months = list(period.months())
    return FigureTable(
        name="engagements_by_month",
        title=QT_TRANSLATE_NOOP("Reports", "Engagements by type and month"),
        row_label=QT_TRANSLATE_NOOP("Reports", "Type of engagement"),
        columns=tuple(q.month_key_label(m) for m in months),
        rows=tuple(
            (kind.label, tuple(counts[kind.value, m] for m in months)) for kind in EngagementKind
        ),
        note=QT_TRANSLATE_NOOP(
            "Reports",
            "A one-to-one is counted only if the person's consent to their feedback being "
            "used in reports is current.",
        ),
    )


def group_of(groups: set[str]) -> str:
    network = Group.NETWORK.value in groups
    reference = Group.REFERENCE_GROUP.value in groups
    if network and reference:
        return BOTH_GROUPS
    if network:
        return NETWORK_ONLY
    return REFERENCE_ONLY if reference else OTHER_PEOPLE


def people_engaged(connection: Connection, period: Period, engaged: set[int]) -> FigureTable:
    members = q.memberships(connection, period)
    by_group = Counter(group_of(members.get(pid, set())) for pid in engaged)
    labels = (BOTH_GROUPS, NETWORK_ONLY, REFERENCE_ONLY, OTHER_PEOPLE)
    # People only: its total is the same count as every equality table's total, so the
    # two are hidden together (disclosure control links equal totals); the staff forum's
    # headcount, attendances rather than people, is a table of its own.
    rows = [(label, (by_group[label],)) for label in labels]
    return FigureTable(
        name="people_engaged",
        title=QT_TRANSLATE_NOOP("Reports", "People engaged, by group"),
        row_label=QT_TRANSLATE_NOOP("Reports", "Group"),
        columns=(QT_TRANSLATE_NOOP("Reports", "People engaged"),),
        rows=tuple(rows),
        note=QT_TRANSLATE_NOOP(
            "Reports",
            "Each person is counted once, in the group they belonged to during the period.",
        ),
    )


def staff_forum_attendance(connection: Connection, period: Period) -> FigureTable:
    return FigureTable(
        name="staff_forum_attendance",
        title=QT_TRANSLATE_NOOP("Reports", "Anonymous staff forum attendance"),
        row_label=QT_TRANSLATE_NOOP("Reports", "Sessions"),
        columns=(QT_TRANSLATE_NOOP("Reports", "Attendances (headcount)"),),
        rows=((ANONYMOUS_FORUM, (q.forum_headcount(connection, period),)),),
        totals=False,
        note=QT_TRANSLATE_NOOP(
            "Reports", "A headcount per session: attendances, not people, and nobody named."
        ),
    )


def network_and_reference_group(connection: Connection, period: Period) -> FigureTable:
    figures = q.group_figures(connection, period)
    groups = (Group.NETWORK, Group.REFERENCE_GROUP)
    return FigureTable(
        name="network_and_reference_group",
        title=QT_TRANSLATE_NOOP("Reports", "Survivor Network and Victim Reference Group"),
        row_label=QT_TRANSLATE_NOOP("Reports", "Group"),
        columns=(
            QT_TRANSLATE_NOOP("Reports", "Members at the end of the period"),
            QT_TRANSLATE_NOOP("Reports", "Joined"),
            QT_TRANSLATE_NOOP("Reports", "Left"),
        ),
        rows=tuple((g.label, figures.get(g.value, (0, 0, 0))) for g in groups),
        totals=False,
    )


def _answers_table(characteristic: Characteristic, answers: Sequence[str | None]) -> FigureTable:
    known = characteristic.values()
    counted = Counter(
        NOT_ANSWERED
        if answer is None
        else characteristic.label_of(answer)
        if answer in known
        else OTHER_ANSWER
        for answer in answers
    )
    labels = [characteristic.label_of(v) for v in known if v != PREFER_NOT_TO_SAY]
    labels += [characteristic.label_of(PREFER_NOT_TO_SAY)]
    if counted[OTHER_ANSWER]:
        labels.append(OTHER_ANSWER)
    labels.append(NOT_ANSWERED)
    return FigureTable(
        name=f"equality_monitoring_{characteristic.key}",
        title=EQUALITY_TITLES[characteristic.key],
        row_label=QT_TRANSLATE_NOOP("Reports", "Answer"),
        columns=(PEOPLE,),
        rows=tuple((label, (counted[label],)) for label in labels),
        note=QT_TRANSLATE_NOOP("Reports", "People engaged in the period; used only in aggregate."),
    )


def equality_monitoring(connection: Connection, engaged: set[int]) -> list[FigureTable]:
    """One table per protected characteristic, over the people engaged in the period."""
    answers = q.equality(connection)
    blank: tuple[str | None, ...] = (None,) * len(CHARACTERISTICS)
    given = [answers.get(pid, blank) for pid in sorted(engaged)]
    return [
        _answers_table(characteristic, [row[i] for row in given])
        for i, characteristic in enumerate(CHARACTERISTICS)
    ]
