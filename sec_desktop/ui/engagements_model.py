"""The table model of the engagements list: the rows the service found (the newest of
those that match the kind, period and words chosen, at most a page of them: the service
narrows them in SQL, ui/engagements_list.py asks it), newest first, one line each, all the
same height. People appear by pseudonym code only; an anonymous session by its headcount.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from enum import Enum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services.engagement_records import EngagementRow
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.roster_model import choice_text

EngagementIdRole = Qt.ItemDataRole.UserRole + 1
(DATE, KIND, TITLE, TOPIC, FORMAT, PEOPLE, FEEDBACK, FOLLOW_UP) = range(8)
COLUMNS = 8
_Index = QModelIndex | QPersistentModelIndex
_TEXT_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
)


# Short names for the kind column (its tooltip gives the full ones), in the enum's order.
SHORT_KINDS: dict[EngagementKind, str] = {
    EngagementKind.FOCUS_GROUP: QT_TRANSLATE_NOOP("EngagementsModel", "Focus group"),
    EngagementKind.ONE_TO_ONE: QT_TRANSLATE_NOOP("EngagementsModel", "One-to-one"),
    EngagementKind.STAFF_FORUM: QT_TRANSLATE_NOOP("EngagementsModel", "Staff forum"),
    EngagementKind.SCRUTINY_PANEL: QT_TRANSLATE_NOOP("EngagementsModel", "Scrutiny panel"),
    EngagementKind.REFERENCE_GROUP: QT_TRANSLATE_NOOP("EngagementsModel", "Reference group"),
}


class Period(Enum):
    ANY = QT_TRANSLATE_NOOP("EngagementsModel", "Any date")
    UPCOMING = QT_TRANSLATE_NOOP("EngagementsModel", "Planned (after today)")
    DAYS_30 = QT_TRANSLATE_NOOP("EngagementsModel", "Past 30 days")
    MONTHS_3 = QT_TRANSLATE_NOOP("EngagementsModel", "Past 3 months")
    MONTHS_12 = QT_TRANSLATE_NOOP("EngagementsModel", "Past 12 months")
    THIS_YEAR = QT_TRANSLATE_NOOP("EngagementsModel", "This year")

    def text(self) -> str:
        return QCoreApplication.translate("EngagementsModel", self.value)

    def range(self, today: date) -> tuple[date | None, date | None]:
        """The first and last day included (None: open)."""
        back = {Period.DAYS_30: 30, Period.MONTHS_3: 91, Period.MONTHS_12: 365}
        if self in back:
            return today - timedelta(days=back[self]), today
        if self is Period.UPCOMING:
            return today + timedelta(days=1), None
        if self is Period.THIS_YEAR:
            return date(today.year, 1, 1), date(today.year, 12, 31)
        return None, None


class EngagementsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shown: list[EngagementRow] = []
        self._today = date.today()
        # Labels translated once, not once per cell.
        self._kinds = {
            k: QCoreApplication.translate("EngagementsModel", text)
            for k, text in SHORT_KINDS.items()
        }
        self._kind_labels = {k: choice_text(k) for k in EngagementKind}

    # --- contents -------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[EngagementRow], today: date) -> None:
        self.beginResetModel()
        self._shown = list(rows)
        self._today = today
        self.endResetModel()

    def clear(self) -> None:
        """Forget every row (on lock)."""
        self.beginResetModel()
        self._shown = []
        self.endResetModel()

    def row_at(self, row: int) -> EngagementRow | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def engagement_id(self, row: int) -> int | None:
        found = self.row_at(row)
        return found.id if found is not None else None

    def row_of(self, engagement_id: int) -> int | None:
        return next((i for i, r in enumerate(self._shown) if r.id == engagement_id), None)

    # --- the model ------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and section == FOLLOW_UP:
            return self.tr("Wellbeing follow-up needed")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Date"),
            self.tr("Kind"),
            self.tr("Title or who"),
            self.tr("Topic"),
            self.tr("Format"),
            self.tr("Taking part"),
            self.tr("Feedback"),
            self.tr("Follow-up"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == EngagementIdRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = column in (PEOPLE, FEEDBACK)
            return (
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if right else None
            )
        if role not in _TEXT_ROLES:
            return None
        return self._text_for(row, column, role)

    def _text_for(self, row: EngagementRow, column: int, role: int) -> str:
        if column == KIND and role != Qt.ItemDataRole.DisplayRole:
            return self._kind_labels[row.kind]  # the full name, where there is room for it
        text = self.text(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return text or self._empty(column)
        return text

    def text(self, row: EngagementRow, column: int) -> str:
        texts: dict[int, Callable[[EngagementRow], str]] = {
            DATE: self._date,
            KIND: lambda r: self._kinds[r.kind],
            TITLE: self.title,
            TOPIC: lambda r: choice_text(r.panel) if r.panel is not None else r.topic,
            FORMAT: self._format,
            PEOPLE: self._people,
            FEEDBACK: lambda r: str(r.feedback),
            FOLLOW_UP: lambda r: self.tr("Needed") if r.wellbeing_follow_up else "",
        }
        return texts[column](row) if column in texts else ""

    def _date(self, row: EngagementRow) -> str:
        shown = shown_date(row.held_on)
        if row.starts_at is not None:
            shown = f"{shown}, {row.starts_at:%H:%M}"
        if row.held_on > self._today:
            return self.tr("{date} (planned)").format(date=shown)
        return shown

    @staticmethod
    def _format(row: EngagementRow) -> str:
        shown_as = row.channel or row.format
        return choice_text(shown_as) if shown_as is not None else ""

    def _people(self, row: EngagementRow) -> str:
        if row.anonymous:
            return self.tr("{count} (anonymous)").format(count=row.attendees)
        return str(row.attendees)

    def text_of_kind(self, kind: EngagementKind) -> str:
        return self._kinds[kind]

    def title(self, row: EngagementRow) -> str:
        if row.kind is EngagementKind.ONE_TO_ONE:
            return row.participant_code or self.tr("Anonymous survivor")
        if row.kind is EngagementKind.STAFF_FORUM and not row.title:
            return self.tr("Staff forum session")
        if row.kind is EngagementKind.REFERENCE_GROUP and row.project_title:
            if row.title:
                return f"{row.project_title}: {row.title}"
            return row.project_title
        return row.title

    def _empty(self, column: int) -> str:
        return {
            TOPIC: self.tr("No topic"),
            FORMAT: self.tr("No format"),
            FOLLOW_UP: self.tr("No follow-up needed"),
        }.get(column, "")
