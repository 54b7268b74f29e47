"""Validation messages shown next to the field they are about.

A form registers each field under the name the service uses (`FieldError.field`) with
`FormErrors.add(name, widget)`; an ErrorLabel is placed under the widget (hidden while
empty). `show(error)` translates and fills every message, focuses the first field in
error, and leaves all input as typed. Errors not tied to a registered field go to the
form's general label.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from sec_desktop.services.errors import FieldError, RecordError, ValidationFailed
from sec_desktop.ui.widgets import ErrorLabel

CONTEXT = "Records"


def translated(message: str, values: Mapping[str, object]) -> str:
    # Values that are themselves labels (a channel's name) are translated too.
    filled = {
        key: QCoreApplication.translate("Choices", value) if isinstance(value, str) else value
        for key, value in values.items()
    }
    return QCoreApplication.translate(CONTEXT, message).format(**filled)


def error_text(error: RecordError | FieldError) -> str:
    return translated(error.message, error.values)


class FieldWithError(QWidget):
    """A field with its error message underneath: put this in the form layout."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.error = ErrorLabel(self)
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(self.error)


class FormErrors:
    def __init__(self, general: ErrorLabel) -> None:
        self._general = general
        self._fields: dict[str, FieldWithError] = {}
        general.setWordWrap(True)
        general.hide()

    def add(self, name: str, field: QWidget) -> FieldWithError:
        wrapped = FieldWithError(field, field.parentWidget())
        self._fields[name] = wrapped
        return wrapped

    def message(self, name: str) -> str:
        wrapped = self._fields.get(name)
        return wrapped.error.text() if wrapped is not None and not wrapped.error.isHidden() else ""

    def clear(self) -> None:
        for wrapped in self._fields.values():
            wrapped.error.clear()
            wrapped.error.hide()
            wrapped.field.setAccessibleDescription("")
        self._general.clear()
        self._general.hide()

    def show(self, error: RecordError) -> None:
        """Show every message of `error`; focus the first field that has one."""
        self.clear()
        field_errors = error.errors if isinstance(error, ValidationFailed) else ()
        general: list[str] = [] if field_errors else [error_text(error)]
        first: QWidget | None = None
        for field_error in field_errors:
            wrapped = self._fields.get(field_error.field)
            text = error_text(field_error)
            if wrapped is None:
                general.append(text)
                continue
            wrapped.error.setText(text)
            wrapped.error.show()
            # Screen readers announce the message with the field.
            wrapped.field.setAccessibleDescription(text)
            first = first or wrapped.field
        if general:
            self._general.setText("\n".join(general))
            self._general.show()
        if first is not None:
            first.setFocus()
