"""Fields of the participant forms: dates that may be left empty, text limited to what the
record keeps, combos of fixed choices, check-box grids, and small layout helpers."""

from __future__ import annotations

import contextlib
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from sec_desktop.services.errors import NotFound
from sec_desktop.services.record_services import RecordServices

DATE_FORMAT = "d MMM yyyy"
EARLIEST = QDate(1900, 1, 1)
NOTES_LINES = 4


# --- dates ----------------------------------------------------------------------------------


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def one_year_on(value: date) -> date:
    """The same day next year (28 February after a 29th)."""
    return from_qdate(to_qdate(value).addYears(1))


def shown_date(value: date) -> str:
    """A date as the user's language writes it, the month as a word: never ambiguous."""
    return QLocale().toString(to_qdate(value), DATE_FORMAT)


def date_or_none(value: object) -> date | None:
    """A date from a draft (ISO text), or None."""
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


class DateField(QWidget):
    """A date, which may be optional: a QDateEdit cannot be empty, so an optional date has
    a "No date" check box beside it. With no date the edit shows a dash, not a date that
    could be taken for one on the record."""

    changed = Signal()

    def __init__(
        self,
        name: str,
        initial: date | None,
        parent: QWidget,
        *,
        none_name: str | None = None,
        fallback: date | None = None,
    ) -> None:
        super().__init__(parent)
        # Offered when "No date" is unticked and no date was there before.
        self._last = to_qdate(fallback) if fallback is not None else QDate.currentDate()
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(DATE_FORMAT)
        self.edit.setMinimumDate(EARLIEST)
        self.edit.setSpecialValueText("\u2014")  # shown for the minimum: no date
        self.edit.setAccessibleName(name)
        self.edit.setDate(self._last)
        self.none_check: QCheckBox | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        if none_name is not None:
            self.none_check = QCheckBox(self.tr("No date"), self)
            self.none_check.setAccessibleName(none_name)
            self.none_check.toggled.connect(self._on_none_toggled)
            layout.addWidget(self.none_check)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.set_value(initial)

    def value(self) -> date | None:
        if self.none_check is not None and self.none_check.isChecked():
            return None
        return from_qdate(self.edit.date())

    def set_value(self, value: date | None) -> None:
        if value is not None:
            self._last = to_qdate(value)
            self.edit.setDate(self._last)
        if self.none_check is None:
            return
        if self.none_check.isChecked() == (value is None):
            self._on_none_toggled(value is None)
        else:
            self.none_check.setChecked(value is None)

    def _on_none_toggled(self, none: bool) -> None:
        if none:
            if self.edit.date() != EARLIEST:
                self._last = self.edit.date()
            self.edit.setDate(EARLIEST)
        else:
            self.edit.setDate(self._last)
        self.edit.setEnabled(not none)
        # Focus goes to whichever part can take it.
        self.setFocusProxy(self.none_check if none and self.none_check else self.edit)
        self.changed.emit()


# --- small fields ---------------------------------------------------------------------------


def line_edit(parent: QWidget, limit: int, hints: Qt.InputMethodHint | None = None) -> QLineEdit:
    """Typing stops at the length the record keeps, instead of failing later."""
    edit = QLineEdit(parent)
    edit.setMaxLength(limit)
    if hints is not None:
        edit.setInputMethodHints(hints)
    return edit


def notes_edit(parent: QWidget, lines: int = NOTES_LINES) -> QPlainTextEdit:
    """A multi-line field in which Tab moves on (keyboard users must be able to leave it)."""
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    # A fixed height: in a scrolled form, spare room must not be handed to the notes.
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return edit


def choice_combo(parent: QWidget, members: list[Any], none_text: str | None = None) -> QComboBox:
    """A combo of Choice members (shown by their translated label), optionally led by a
    "none" entry whose data is None."""
    combo = QComboBox(parent)
    if none_text is not None:
        combo.addItem(none_text, None)
    for member in members:
        combo.addItem(QCoreApplication.translate("Choices", member.label), member)
    return combo


def choose(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def check_grid(
    parent: QWidget, members: list[Any], columns: int
) -> tuple[QWidget, dict[Any, QCheckBox]]:
    """Check boxes for `members` (Choice enums), in `columns` columns."""
    box = QWidget(parent)
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(16)
    checks: dict[Any, QCheckBox] = {}
    for index, member in enumerate(members):
        text = QCoreApplication.translate("Choices", member.label)
        check = QCheckBox(text, box)
        check.setAccessibleName(text)
        grid.addWidget(check, index // columns, index % columns)
        checks[member] = check
    grid.setColumnStretch(columns, 1)
    box.setFocusProxy(checks[members[0]])
    return box, checks


def partner_combo(
    services: RecordServices, parent: QWidget, none_text: str, keep: int | None = None
) -> QComboBox:
    """The active partners by name, led by a "none" entry; `keep` (a partner already on
    the record, perhaps inactive now) is listed too."""
    combo = QComboBox(parent)
    combo.addItem(none_text, None)
    names = services.partners.names()
    if keep is not None and keep not in {i for i, _n in names}:
        with contextlib.suppress(NotFound):
            names.append((keep, services.partners.record(keep).details.name))
    for partner_id, name in names:
        combo.addItem(name, partner_id)
    return combo


def draft_value(value: object) -> object:
    """A field's value as a draft keeps it (JSON): enums by value, dates as ISO text."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def grow_across(widget: QWidget) -> None:
    """Take the whole width on offer, keeping the rest of the size policy: a wrapped
    label must keep "height for width", or it is given the height of a narrower one."""
    policy = widget.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
    widget.setSizePolicy(policy)


def note_label(text: str, parent: QWidget) -> QLabel:
    """Guidance under a field: wraps, and takes the whole width of the field column."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # may quote what was typed
    label.setWordWrap(True)
    grow_across(label)
    return label


def buddy(text: str, field: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(field)
    return label


def scrolled(widget: QWidget, parent: QWidget) -> QScrollArea:
    """`widget` in a frameless scroll area that scrolls only up and down."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take focus, not the area
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    # The tab's own background shows through (a scroll area paints its widget otherwise).
    widget.setAutoFillBackground(False)
    area.viewport().setAutoFillBackground(False)
    return area


def new_form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return form
