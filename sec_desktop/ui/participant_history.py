"""A participant's history, newest first, from what their record holds: when they were
added and referred, consents given and withdrawn, memberships, invitations and replies;
and, from their activity (`services/participant_activity.py`), the engagements they took
part in, the feedback they gave, and what they were told came of it (the action, and how
they were told). A disclosure is listed as such, with none of its text.

Enter or a double click on feedback, an engagement or an action asks to open it (`open_requested`,
with ("feedback", id), ("engagement", id) or ("action", id)), for whoever shows the page to route.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMetaMethod,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.enums import InvitationResponse
from sec_desktop.services.feedback_records import FeedbackRow
from sec_desktop.services.participant_activity import (
    EngagementAttended,
    ParticipantActivity,
    ToldOutcome,
)
from sec_desktop.services.participant_records import ParticipantRecord
from sec_desktop.services.search import OPENS_ENGAGEMENT, OPENS_FEEDBACK
from sec_desktop.ui.consent_dialog import purpose_text
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.participant_tabs import WITHDRAWN_REASON
from sec_desktop.ui.participant_view import choice, fill_table, read_only_table, subheading

# How much of a summary the history shows; the item's own record has the rest.
SUMMARY_LENGTH = 140
# Room above and below an entry's lines, so that entries of several lines stand apart.
ROW_PADDING = 10
# On the same day: what the record holds (ranks 0 to 4), then engagements, then feedback,
# then being told what came of feedback.
ENGAGEMENT_RANK, FEEDBACK_RANK, TOLD_RANK = 5, 6, 7


@dataclass(frozen=True)
class HistoryEntry:
    on: date
    text: str
    # What Enter opens: (OPENS_FEEDBACK or OPENS_ENGAGEMENT, id), or None.
    opens: tuple[str, int] | None = None


_Ranked = tuple[date, int, str, tuple[str, int] | None]


def history_entries(
    record: ParticipantRecord, activity: ParticipantActivity | None = None
) -> list[tuple[date, str]]:
    """(date, what happened), newest first; on the same day, in the order it happened."""
    return [(entry.on, entry.text) for entry in history(record, activity)]


def history(
    record: ParticipantRecord, activity: ParticipantActivity | None = None
) -> list[HistoryEntry]:
    """Every entry, newest first; on the same day, in the order it happened. `activity` is
    used only if it is this participant's."""
    entries: list[_Ranked] = [(on, rank, text, None) for on, rank, text in _record_entries(record)]
    if activity is not None and activity.participant_id == record.ref.id:
        # Oldest first, as the record's entries are: the sort below keeps the later one of
        # a day above the earlier.
        for engagement in reversed(activity.engagements):
            entries.append(
                (
                    engagement.held_on,
                    ENGAGEMENT_RANK,
                    engagement_text(engagement),
                    (OPENS_ENGAGEMENT, engagement.engagement_id),
                )
            )
        for row in reversed(activity.feedback):
            entries.append(
                (row.received_on, FEEDBACK_RANK, feedback_text(row), (OPENS_FEEDBACK, row.id))
            )
        for told in reversed(activity.told):
            entries.append((told.told_on, TOLD_RANK, told_text(told), ("action", told.action_id)))
    ordered = sorted(enumerate(entries), key=lambda e: (e[1][0], e[1][1], e[0]), reverse=True)
    return [HistoryEntry(on, text, opens) for _index, (on, _rank, text, opens) in ordered]


def _record_entries(record: ParticipantRecord) -> list[tuple[date, int, str]]:
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
    return entries


def engagement_text(engagement: EngagementAttended) -> str:
    """What they took part in (or are booked on), and whether the limits of
    confidentiality were explained to them that time."""
    kind = choice(engagement.kind)
    if engagement.planned and engagement.label:
        what = QCoreApplication.translate(
            "ParticipantHistory", "Booked on a session: {kind} \u2013 {label}"
        )
    elif engagement.planned:
        what = QCoreApplication.translate("ParticipantHistory", "Booked on a session: {kind}")
    elif engagement.label:
        what = QCoreApplication.translate("ParticipantHistory", "Took part: {kind} \u2013 {label}")
    else:
        what = QCoreApplication.translate("ParticipantHistory", "Took part: {kind}")
    told = (
        QCoreApplication.translate("ParticipantHistory", "Limits of confidentiality explained.")
        if engagement.confidentiality_explained
        else QCoreApplication.translate(
            "ParticipantHistory", "Limits of confidentiality not recorded as explained."
        )
    )
    return what.format(kind=kind, label=engagement.label) + "\n" + told


def feedback_text(row: FeedbackRow) -> str:
    """Feedback in short: sentiment, the start of the summary (or the quote), and its
    coding. A disclosure says only that it is one: its row has no text anyway."""
    if row.disclosure:
        return QCoreApplication.translate("ParticipantHistory", "Feedback flagged as a disclosure")
    said = shortened(row.summary) or (f"\u201c{shortened(row.quote)}\u201d" if row.quote else "")
    if row.sentiment is not None and said:
        first = QCoreApplication.translate(
            "ParticipantHistory", "Feedback ({sentiment}): {said}"
        ).format(sentiment=choice(row.sentiment), said=said)
    elif row.sentiment is not None:
        first = QCoreApplication.translate("ParticipantHistory", "Feedback ({sentiment})").format(
            sentiment=choice(row.sentiment)
        )
    elif said:
        first = QCoreApplication.translate("ParticipantHistory", "Feedback: {said}").format(
            said=said
        )
    else:
        first = QCoreApplication.translate("ParticipantHistory", "Feedback")
    lines = [first]
    if row.stages:
        lines.append(
            QCoreApplication.translate("ParticipantHistory", "Journey stages: {names}").format(
                names="; ".join(row.stages)
            )
        )
    if row.themes:
        lines.append(
            QCoreApplication.translate("ParticipantHistory", "Themes: {names}").format(
                names="; ".join(row.themes)
            )
        )
    return "\n".join(lines)


def told_text(told: ToldOutcome) -> str:
    """That they were told what came of their feedback: the action, and how."""
    return QCoreApplication.translate(
        "ParticipantHistory", "Told what came of their feedback: {title} ({channel})"
    ).format(title=told.action_title, channel=choice(told.channel))


def shortened(text: str, length: int = SUMMARY_LENGTH) -> str:
    """The text on one line, cut at a word before `length` characters, with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    cut = flat[: length - 1].rsplit(" ", 1)[0] if " " in flat[: length - 1] else flat[: length - 1]
    return cut.rstrip(" ,;:.") + "\u2026"


class _Padded(QStyledItemDelegate):
    """Rows a little taller than their text (kept when the table fits rows to text)."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return super().sizeHint(option, index) + QSize(0, ROW_PADDING)


class HistoryTab(QWidget):
    # (OPENS_FEEDBACK or OPENS_ENGAGEMENT, id): Enter or a double click on such an entry.
    open_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyTab")
        self._opens: list[tuple[str, int] | None] = []
        self.table = read_only_table([self.tr("Date"), self.tr("What happened")], "", self)
        self.table.setAccessibleName(self.tr("History, newest first"))
        self.table.setItemDelegate(_Padded(self.table))
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(subheading(self.tr("History"), self))
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(self._open_index)
        self._say_what_opens()

    def show_record(
        self, record: ParticipantRecord | None, activity: ParticipantActivity | None = None
    ) -> None:
        """Show the record's history; with `activity` (theirs), their engagements and
        feedback as well."""
        entries = history(record, activity) if record is not None else []
        self._opens = [entry.opens for entry in entries]
        fill_table(self.table, [(shown_date(e.on), e.text) for e in entries])
        self._say_what_opens()

    def texts(self) -> list[str]:
        """What the list says, row by row (for reading back in tests and checks)."""
        rows = []
        for row in range(self.table.rowCount()):
            items = [self.table.item(row, column) for column in range(2)]
            rows.append(" ".join(item.text() for item in items if item is not None))
        return rows

    def opens(self, row: int) -> tuple[str, int] | None:
        """What the entry in `row` opens, if anything."""
        return self._opens[row] if 0 <= row < len(self._opens) else None

    def open_row(self, row: int) -> bool:
        """Ask to open the entry in `row`; False if it is not one that opens."""
        opens = self.opens(row)
        if opens is None:
            return False
        self.open_requested.emit(*opens)
        return True

    def _open_index(self, index: QModelIndex) -> None:
        self.open_row(index.row())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.table.currentIndex().isValid()
        ):
            # Enter always opens (`activated` follows the platform: a click on some).
            return self.open_row(self.table.currentIndex().row())
        return super().eventFilter(watched, event)

    def _say_what_opens(self) -> None:
        # Only promised where the page routes the request somewhere.
        signal = QMetaMethod.fromSignal(self.open_requested)
        if self.isSignalConnected(signal):
            self.note.setText(
                self.tr(
                    "What happened, newest first, with the day each happened. Press Enter "
                    "on feedback or an engagement to open it."
                )
            )
        else:
            self.note.setText(self.tr("What happened, newest first, with the day each happened."))
