"""The risk assessment wizard's pages: what every page shares, and the first two (context
and support in place; the current risk).

Each page holds the fields of one part of `AssessmentAnswers`, registered under the
service's field names: messages from `check_page` appear under their field, and the
first one is focused. Leaving a page by Back keeps what was typed (`cleanupPage` resets
nothing). A page's input is kept in a draft as JSON (enums by value, dates as ISO text).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from sec_desktop.domain.risk_enums import DashLevel
from sec_desktop.services.errors import FieldError, ValidationFailed
from sec_desktop.ui.form_errors import FormErrors
from sec_desktop.ui.participant_fields import (
    DateField,
    buddy,
    choice_combo,
    date_or_none,
    draft_value,
    grow_across,
    line_edit,
    new_form,
    note_label,
    notes_edit,
)
from sec_desktop.ui.widgets import ErrorLabel

TEXT_LINES = 3


class ChoiceButtons(QWidget):
    """One of a few choices as radio buttons (arrows move between them); None until one
    is chosen. A choice can be turned off, with the reason said elsewhere."""

    changed = Signal()

    def __init__(self, choices: Sequence[tuple[Enum, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[Enum, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for member, text in choices:
            radio = QRadioButton(text, self)
            radio.setAccessibleName(text.replace("&", ""))
            self.group.addButton(radio)
            layout.addWidget(radio)
            self.buttons[member] = radio
        self.group.buttonToggled.connect(lambda *_: self.changed.emit())
        self._refocus()

    def value(self) -> Enum | None:
        return next((m for m, radio in self.buttons.items() if radio.isChecked()), None)

    def set_value(self, value: object) -> None:
        chosen = next((m for m in self.buttons if value in (m, m.value)), None)
        if chosen is not None:
            self.buttons[chosen].setChecked(True)
            return
        # No choice: radio buttons in a group cannot be unchecked while it is exclusive.
        self.group.setExclusive(False)
        for radio in self.buttons.values():
            radio.setChecked(False)
        self.group.setExclusive(True)

    def set_allowed(self, member: Enum, allowed: bool) -> None:
        radio = self.buttons[member]
        if not allowed and radio.isChecked():
            self.set_value(None)
        radio.setEnabled(allowed)
        self._refocus()

    def _refocus(self) -> None:
        enabled = [radio for radio in self.buttons.values() if radio.isEnabled()]
        if enabled:
            self.setFocusProxy(enabled[0])


def read(widget: QWidget) -> Any:
    """What a field holds, as `AssessmentAnswers` takes it."""
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, DateField | ChoiceButtons):
        return widget.value()
    raise TypeError(type(widget).__name__)


def write(widget: QWidget, value: object) -> None:
    """Put a draft's value (enums by value, dates as text) back in a field."""
    if isinstance(widget, QComboBox):
        for index in range(widget.count()):
            data = widget.itemData(index)
            if data == value or (isinstance(data, Enum) and data.value == value):
                widget.setCurrentIndex(index)
                return
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value or ""))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value or ""))
    elif isinstance(widget, DateField):
        shown = value if isinstance(value, date) else date_or_none(value)
        widget.set_value(shown)
    elif isinstance(widget, ChoiceButtons):
        widget.set_value(value)


class RiskPage(QWizardPage):
    """A page of fields named as the service names them, each with its message under it."""

    name = ""  # one of RISK_PAGES

    def __init__(self, title: str, subtitle: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.general_error = ErrorLabel(self)
        self.errors = FormErrors(self.general_error)
        self.fields: dict[str, QWidget] = {}
        # The Choice each combo holds: a combo gives its data back as plain text.
        self.kinds: dict[str, type[Enum]] = {}
        # The note under a field, by the field's name.
        self.notes: dict[str, QLabel] = {}
        self.content = QWidget(self)
        self.column = QVBoxLayout(self.content)
        self.column.setContentsMargins(0, 0, 8, 0)
        self.form = new_form()
        self.column.addLayout(self.form)
        self.column.addStretch(1)
        # No scroll area: the pages are short, and one would measure wrapped text at the
        # wrong width (and show a scroll bar for nothing).
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.content, 1)
        layout.addWidget(self.general_error)

    # --- building ---------------------------------------------------------------------------

    def add(
        self,
        label: str | None,
        name: str,
        field: QWidget,
        accessible_name: str,
        *,
        note: str | None = None,
        kind: type[Enum] | None = None,
    ) -> QWidget:
        """A row for the service's field `name`; a check box (no `label`) spans the row.
        `kind`: the Choice a combo holds."""
        field.setAccessibleName(accessible_name)
        if kind is not None:
            self.kinds[name] = kind
        self.fields[name] = field
        shown: QWidget = self.errors.add(name, field)
        grow_across(shown)
        if note is not None:
            box = QWidget(self.content)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(shown)
            self.notes[name] = note_label(note, box)
            column.addWidget(self.notes[name])
            shown = box
        if label is None:
            self.form.addRow(shown)
        else:
            self.form.addRow(buddy(label, field, self.content), shown)
        return shown

    def text_field(self, lines: int = TEXT_LINES) -> QPlainTextEdit:
        return notes_edit(self.content, lines)

    def explanation(self, text: str) -> QLabel:
        label = note_label(text, self.content)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # --- answers and drafts -----------------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        values = {name: read(field) for name, field in self.fields.items()}
        for name, kind in self.kinds.items():
            if values[name] is not None:
                values[name] = kind(values[name])
        return values

    def state(self) -> dict[str, Any]:
        return {name: draft_value(value) for name, value in self.answers().items()}

    def restore(self, state: dict[str, Any]) -> None:
        for name, field in self.fields.items():
            if name in state:
                write(field, state[name])

    def refresh(self, answers: Any) -> None:
        """Called each time the page is entered, with every answer so far."""

    # --- messages ---------------------------------------------------------------------------

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        if errors:
            self.errors.show(ValidationFailed(errors))
        else:
            self.errors.clear()

    def cleanupPage(self) -> None:
        """Back keeps every answer (the default would reset registered fields)."""

    def validatePage(self) -> bool:
        wizard = self.wizard()
        check = getattr(wizard, "check_page", None)
        return bool(check(self)) if check is not None else True


class ContextPage(RiskPage):
    name = "context"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Context and support"),
            self.tr("When this assessment is made, and the support already in place."),
            parent,
        )
        self.assessed_on = DateField(self.tr("Date of this assessment"), None, self.content)
        self.add(
            self.tr("Date of this &assessment:"),
            "assessed_on",
            self.assessed_on,
            self.tr("Date of this assessment"),
        )
        self.idva = QCheckBox(self.tr("They have an &IDVA or ISVA"), self.content)
        self.add(None, "has_idva_isva", self.idva, self.tr("They have an IDVA or ISVA"))
        self.counsellor = QCheckBox(self.tr("They have a &counsellor"), self.content)
        self.add(None, "has_counsellor", self.counsellor, self.tr("They have a counsellor"))
        self.agencies = line_edit(self.content, 400)
        self.add(
            self.tr("&Other agencies involved:"),
            "other_agencies",
            self.agencies,
            self.tr("Other agencies involved"),
        )
        self.note = self.text_field()
        self.add(
            self.tr("No&tes on support:"), "context_note", self.note, self.tr("Notes on support")
        )


class RiskLevelPage(RiskPage):
    name = "risk"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Current risk"),
            self.tr(
                "The level of the last DASH risk assessment, and whether the case is at MARAC."
            ),
            parent,
        )
        self.level = choice_combo(self.content, list(DashLevel), self.tr("Choose\u2026"))
        self.add(
            self.tr("&DASH risk level:"),
            "dash_level",
            self.level,
            self.tr("DASH risk level"),
            note=self.tr(
                "High risk: the outcome must be with support or deferred, and "
                "the review is due within one month."
            ),
            kind=DashLevel,
        )
        self.dash_on = DateField(
            self.tr("Date of the last DASH"),
            None,
            self.content,
            none_name=self.tr("No date for the last DASH"),
        )
        self.add(
            self.tr("Da&te of the last DASH:"),
            "dash_on",
            self.dash_on,
            self.tr("Date of the last DASH"),
        )
        self.source = line_edit(self.content, 200)
        self.source.setPlaceholderText(self.tr("For example: IDVA service, police officer"))
        self.add(
            self.tr("&Who completed it:"),
            "dash_source",
            self.source,
            self.tr("Who completed the last DASH"),
        )
        self.marac = QCheckBox(self.tr("The case is at &MARAC"), self.content)
        self.add(None, "at_marac", self.marac, self.tr("The case is at MARAC"))
