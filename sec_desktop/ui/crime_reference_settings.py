"""Settings: the force's crime reference format (a pattern and an example), with a box to
try a reference against what is typed before saving it.

Forces write crime references differently, so the format is set here rather than built
in. The pattern is a regular expression that a whole reference must match (capitals or
not); the example is what a refusal shows, so a user sees what a valid reference looks
like. Cases already recorded keep their references.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.services.crime_reference import (
    DEFAULT_FORMAT,
    MAX_PATTERN_LENGTH,
    MAX_REFERENCE_LENGTH,
    CrimeReferenceFormat,
    normalise,
)
from sec_desktop.services.errors import FieldError, RecordError, ValidationFailed
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.form_errors import FieldWithError, error_text
from sec_desktop.ui.participant_fields import buddy, new_form, note_label
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.settings_widgets import Feedback
from sec_desktop.ui.widgets import READABLE_WIDTH


class CrimeReferenceSettings(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crimeReferenceSettings")
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._saved: CrimeReferenceFormat | None = None

        group = QGroupBox(self.tr("Crime references"), self)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.pattern_edit = QLineEdit(group)
        self.pattern_edit.setMaxLength(MAX_PATTERN_LENGTH)
        self.pattern_edit.setFont(fixed)
        self.pattern_edit.setAccessibleName(self.tr("Pattern"))
        self.example_edit = QLineEdit(group)
        self.example_edit.setMaxLength(MAX_REFERENCE_LENGTH)
        self.example_edit.setAccessibleName(self.tr("Example"))
        self.test_edit = QLineEdit(group)
        self.test_edit.setMaxLength(MAX_REFERENCE_LENGTH * 2)
        self.test_edit.setAccessibleName(self.tr("Try a reference"))
        self.test_edit.setPlaceholderText(self.tr("Type a reference to see if it is accepted"))
        # Takes the whole width of the column (a wrapped label is otherwise squeezed).
        self.test_result = note_label("", group)
        self.test_result.setObjectName("crimeReferenceTestResult")
        self.save_button = QPushButton(self.tr("&Save the format"), group)
        self.save_button.setAccessibleName(self.tr("Save the format"))
        self.default_button = QPushButton(self.tr("Put &back the usual format"), group)
        self.default_button.setAccessibleName(self.tr("Put back the usual format"))
        self.feedback = Feedback(group)
        self._wrapped = {
            "pattern": FieldWithError(self.pattern_edit, group),
            "example": FieldWithError(self.example_edit, group),
        }

        intro = note_label(
            self.tr(
                "Forces write crime references differently, so set your force's format here. "
                "The pattern is a regular expression that the whole reference must match, "
                "capitals or not: [A-Z]{2}/[0-9]{5,8}/[0-9]{2} means two letters, a slash, "
                "five to eight digits, a slash and two digits. The example is shown to "
                "anyone who types a reference that does not match."
            ),
            group,
        )
        intro.setMaximumWidth(READABLE_WIDTH)
        form = new_form()
        form.addRow(buddy(self.tr("&Pattern:"), self.pattern_edit, group), self._wrapped["pattern"])
        form.addRow(buddy(self.tr("E&xample:"), self.example_edit, group), self._wrapped["example"])
        form.addRow(buddy(self.tr("&Try a reference:"), self.test_edit, group), self.test_edit)
        form.addRow("", self.test_result)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.default_button)
        buttons.addStretch(1)
        column = QVBoxLayout(group)
        column.addWidget(intro)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(self.feedback)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(group)
        layout.addStretch(1)

        for edit in (self.pattern_edit, self.example_edit, self.test_edit):
            edit.textChanged.connect(lambda _t: self._check())
        self.save_button.clicked.connect(self.save)
        self.default_button.clicked.connect(self._put_back_default)
        self.detach()

    # --- RecordPage ------------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self._services, self._writer = services, writer
        self._saved = services.scrutiny.references.format()
        self._set_enabled(True)
        self._show(self._saved)
        self.feedback.say("")

    def detach(self) -> None:
        self._services, self._writer, self._saved = None, None, None
        for edit in (self.pattern_edit, self.example_edit, self.test_edit):
            edit.clear()
        self._show_problems([])
        self.test_result.clear()
        self.feedback.say("")
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.pattern_edit,
            self.example_edit,
            self.test_edit,
            self.save_button,
            self.default_button,
        ):
            widget.setEnabled(enabled)

    # --- the form ----------------------------------------------------------------------------

    def typed(self) -> CrimeReferenceFormat:
        return CrimeReferenceFormat(self.pattern_edit.text(), self.example_edit.text())

    def _show(self, format_: CrimeReferenceFormat) -> None:
        self.pattern_edit.setText(format_.pattern)
        self.example_edit.setText(format_.example)
        self._check()

    def _put_back_default(self) -> None:
        self._show(DEFAULT_FORMAT)
        self.pattern_edit.setFocus()

    def _check(self) -> None:
        """As typed: what is wrong with the format, and whether the reference tried fits."""
        if self._services is None:
            return
        format_ = self.typed()
        problems = format_.problems()
        self._show_problems(problems)
        tried = self.test_edit.text()
        if not tried.strip():
            self.test_result.clear()
        elif problems:
            self.test_result.setText(self.tr("Correct the format first."))
        else:
            error = format_.check(tried)
            self.test_result.setText(
                self.tr("\u2714 {reference} is accepted.").format(reference=normalise(tried))
                if error is None
                else "\u2716 " + error_text(error)
            )
        self.save_button.setEnabled(not problems and format_ != self._saved)

    def _show_problems(self, problems: list[FieldError]) -> None:
        for name, wrapped in self._wrapped.items():
            found = next((p for p in problems if p.field == name), None)
            wrapped.error.setText(error_text(found) if found else "")
            wrapped.error.setVisible(found is not None)
            wrapped.field.setAccessibleDescription(error_text(found) if found else "")

    # --- saving ------------------------------------------------------------------------------

    def save(self) -> None:
        if self._services is None or self._writer is None or not self.save_button.isEnabled():
            return
        service, wanted = self._services.scrutiny.references, self.typed()
        self.save_button.setEnabled(False)
        self._writer.write(
            lambda: service.set_format(wanted.pattern, wanted.example),
            self._on_saved,
            self._on_refused,
        )

    def _on_saved(self, result: object) -> None:
        # None: kept, but the save to disk is being retried (the window says so).
        typed = self.typed()
        saved = result if isinstance(result, CrimeReferenceFormat) else None
        self._saved = saved or CrimeReferenceFormat(typed.pattern, normalise(typed.example))
        self._show(self._saved)
        self.feedback.say(
            self.tr(
                "Saved. New crime references are checked against this format; cases "
                "already recorded keep theirs."
            )
        )

    def _on_refused(self, error: RecordError) -> None:
        if isinstance(error, ValidationFailed):
            self._show_problems(list(error.errors))
        self.feedback.say(error_text(error), error=True)
        self._check()
