"""The roster's search field and filters, read as one RosterFilter.

`changed` is emitted on every keystroke and choice; the roster applies it at once (a
filter over 15,000 rows takes milliseconds). `description()` says in words who the
filter keeps, for the printed roster.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.enums import (
    Choice,
    CommunicationNeed,
    Group,
    Language,
    ParticipantStatus,
)
from sec_desktop.services.roster_filter import NO_GROUP, NoGroup, RosterFilter
from sec_desktop.ui.roster_model import choice_text

REVIEW_HORIZON_DAYS = 30
COMBO_CHARACTERS = 12
_Member = TypeVar("_Member", bound=Choice)


def _chosen(combo: QComboBox, members: Sequence[_Member]) -> _Member | None:
    """The member chosen in a combo made by `RosterFilterBar._combo` (index 0: any)."""
    index = combo.currentIndex()
    return members[index - 1] if 0 < index <= len(members) else None


class RosterFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("rosterSearch")
        self.search_edit.setAccessibleName(self.tr("Search by name or code"))
        self.search_edit.setPlaceholderText(self.tr("Search by name or code"))
        self.search_edit.setClearButtonEnabled(True)

        self.group_combo = self._combo(self.tr("Group"), self.tr("Any group"), list(Group))
        self.group_combo.addItem(self.tr("No group"))
        self._groups: list[Group | NoGroup | None] = [None, *Group, NO_GROUP]
        self.status_combo = self._combo(
            self.tr("Status"), self.tr("Any status"), list(ParticipantStatus)
        )
        self.need_combo = self._combo(
            self.tr("Communication need"), self.tr("Any need"), list(CommunicationNeed)
        )
        self.language_combo = self._combo(
            self.tr("Preferred language"), self.tr("Any language"), list(Language)
        )
        self.review_check = QCheckBox(self.tr("Review &due within 30 days"), self)
        self.review_check.setAccessibleName(self.tr("Review due within 30 days"))
        self.review_check.setToolTip(
            self.tr("A consent or record review due in the next 30 days, or overdue")
        )
        self._build_layout()

        self.search_edit.textChanged.connect(self.changed)
        for combo in self.combos():
            combo.currentIndexChanged.connect(self.changed)
        self.review_check.toggled.connect(self.changed)

    def _combo(self, name: str, anything: str, members: Sequence[Choice]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.addItem(anything)
        for member in members:
            combo.addItem(choice_text(member))
        # Narrow enough for the row to fit a small window; the list shows labels in full.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(COMBO_CHARACTERS)
        return combo

    def _build_layout(self) -> None:
        search_row = QHBoxLayout()
        search_row.addWidget(self._label(self.tr("&Search:"), self.search_edit))
        search_row.addWidget(self.search_edit, 1)
        search_row.addSpacing(12)
        search_row.addWidget(self.review_check)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        for text, combo in (
            (self.tr("&Group:"), self.group_combo),
            (self.tr("S&tatus:"), self.status_combo),
            (self.tr("&Need:"), self.need_combo),
            (self.tr("&Language:"), self.language_combo),
        ):
            filters.addWidget(self._label(text, combo))
            filters.addWidget(combo)
            filters.addSpacing(8)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(search_row)
        layout.addLayout(filters)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def combos(self) -> tuple[QComboBox, ...]:
        return (self.group_combo, self.status_combo, self.need_combo, self.language_combo)

    def fields(self) -> list[QWidget]:
        """In tab order."""
        return [self.search_edit, *self.combos(), self.review_check]

    def current_filter(self) -> RosterFilter:
        return RosterFilter(
            text=self.search_edit.text(),
            group=self._groups[self.group_combo.currentIndex()],
            status=_chosen(self.status_combo, list(ParticipantStatus)),
            review_due_within_days=REVIEW_HORIZON_DAYS if self.review_check.isChecked() else None,
            need=_chosen(self.need_combo, list(CommunicationNeed)),
            language=_chosen(self.language_combo, list(Language)),
        )

    def reset(self) -> None:
        """Back to no search and no filters, without emitting `changed`."""
        for widget in self.fields():
            widget.blockSignals(True)
        self.search_edit.clear()
        for combo in self.combos():
            combo.setCurrentIndex(0)
        self.review_check.setChecked(False)
        for widget in self.fields():
            widget.blockSignals(False)

    def description(self) -> str:
        """Who the filter keeps, in words ("everyone" when nothing narrows it)."""
        f = self.current_filter()
        parts: list[str] = []
        if f.text.strip():
            parts.append(self.tr("search \u201c{text}\u201d").format(text=f.text.strip()))
        if f.group == NO_GROUP:
            parts.append(self.tr("in no group"))
        elif isinstance(f.group, Group):
            parts.append(self.tr("group: {group}").format(group=choice_text(f.group)))
        if f.status is not None:
            parts.append(self.tr("status: {status}").format(status=choice_text(f.status)))
        if f.need is not None:
            parts.append(self.tr("communication need: {need}").format(need=choice_text(f.need)))
        if f.language is not None:
            parts.append(
                self.tr("preferred language: {language}").format(language=choice_text(f.language))
            )
        if f.review_due_within_days is not None:
            parts.append(
                self.tr("review due within {days} days").format(days=f.review_due_within_days)
            )
        if not parts:
            return self.tr("everyone")
        # The user's language joins the list ("a, b and c"), not a fixed English comma.
        return self.locale().createSeparatedList(parts)
