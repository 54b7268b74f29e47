"""A participant's history, newest first, from what their record holds: when they were
added and referred, consents given and withdrawn, memberships, invitations and replies.
Engagements, feedback and "told about changes" join this list as they are recorded."""

from __future__ import annotations

from datetime import UTC, date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sec_desktop.domain.enums import InvitationResponse
from sec_desktop.services.participant_records import ParticipantRecord
from sec_desktop.ui.consent_dialog import purpose_text
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.participant_tabs import WITHDRAWN_REASON
from sec_desktop.ui.participant_view import choice, fill_table, read_only_table, subheading


def history_entries(record: ParticipantRecord) -> list[tuple[date, str]]:
    """(date, what happened), newest first; on the same day, in the order it happened."""
    # Kept in UTC; the day it was on here.
    added = record.created_at.replace(tzinfo=UTC).astimezone().date()
    entries: list[tuple[date, int, str]] = [
        (added, 0, QCoreApplication.translate("ParticipantHistory", "Added to the roster"))
    ]
    details = record.details
    if details.referred_on is not None:
        entries.append(
            (
                details.referred_on,
                0,
                QCoreApplication.translate("ParticipantHistory", "Referred: {route}").format(
                    route=choice(details.referral_route)
                ),
            )
        )
    for c in record.consents:
        entries.append(
            (
                c.given_on,
                1,
                QCoreApplication.translate(
                    "ParticipantHistory", "Consent given ({method}): {purpose}"
                ).format(method=choice(c.method), purpose=purpose_text(c)),
            )
        )
        if c.withdrawn_on is not None:
            entries.append(
                (
                    c.withdrawn_on,
                    3,
                    QCoreApplication.translate(
                        "ParticipantHistory", "Consent withdrawn: {purpose}"
                    ).format(purpose=purpose_text(c)),
                )
            )
    for m in record.memberships:
        entries.append(
            (
                m.joined_on,
                2,
                QCoreApplication.translate("ParticipantHistory", "Joined the {group}").format(
                    group=choice(m.group)
                ),
            )
        )
        if m.left_on is not None:
            if m.left_reason == WITHDRAWN_REASON:
                text = QCoreApplication.translate(
                    "ParticipantHistory", "Left the {group}: consent withdrawn"
                )
            elif m.left_reason:
                text = QCoreApplication.translate(
                    "ParticipantHistory", "Left the {group}: {reason}"
                )
            else:
                text = QCoreApplication.translate("ParticipantHistory", "Left the {group}")
            entries.append((m.left_on, 4, text.format(group=choice(m.group), reason=m.left_reason)))
    for i in record.invitations:
        entries.append(
            (
                i.invited_on,
                2,
                QCoreApplication.translate(
                    "ParticipantHistory", "Invited to join the {group} ({channel})"
                ).format(group=choice(i.group), channel=choice(i.channel)),
            )
        )
        if i.responded_on is not None and i.response is not InvitationResponse.AWAITING:
            entries.append(
                (
                    i.responded_on,
                    4,
                    QCoreApplication.translate(
                        "ParticipantHistory", "Invitation to the {group}: {response}"
                    ).format(group=choice(i.group), response=choice(i.response)),
                )
            )
    ordered = sorted(enumerate(entries), key=lambda e: (e[1][0], e[1][1], e[0]), reverse=True)
    return [(on, text) for _index, (on, _rank, text) in ordered]


class HistoryTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyTab")
        self.table = read_only_table([self.tr("Date"), self.tr("What happened")], "", self)
        self.table.setAccessibleName(self.tr("History, newest first"))
        note = QLabel(
            self.tr("Changes to their record, newest first, with the day each happened."), self
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(subheading(self.tr("History"), self))
        layout.addWidget(note)
        layout.addWidget(self.table, 1)

    def show_record(self, record: ParticipantRecord | None) -> None:
        entries = history_entries(record) if record is not None else []
        fill_table(self.table, [(shown_date(on), text) for on, text in entries])

    def texts(self) -> list[str]:
        """What the list says, row by row (for reading back in tests and checks)."""
        rows = []
        for row in range(self.table.rowCount()):
            items = [self.table.item(row, column) for column in range(2)]
            rows.append(" ".join(item.text() for item in items if item is not None))
        return rows
