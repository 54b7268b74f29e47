"""What the partner directory's dialogs share: a form whose fields carry their own
error messages, saved through the RecordWriter (off the GUI thread), closed only once the
service has accepted it. A refusal leaves every field as typed, the message under it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.services.errors import RecordError
from sec_desktop.ui.change_passphrase_dialog import grow_to_fit
from sec_desktop.ui.form_errors import FormErrors
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.widgets import READABLE_WIDTH, ErrorLabel

DIALOG_WIDTH = 560
NOTES_LINES = 4
TEXT_MARGIN = 12  # a text box's frame and margins, above and below its lines


def notes_edit(
    parent: QWidget, lines: int = NOTES_LINES, most_lines: int | None = None
) -> QPlainTextEdit:
    """A multi-line field in which Tab moves on (keyboard users must be able to leave it)."""
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    line = edit.fontMetrics().lineSpacing()
    edit.setMinimumHeight(line * lines + TEXT_MARGIN)
    if most_lines is not None:
        edit.setMaximumHeight(line * most_lines + TEXT_MARGIN)
    return edit


def _expands(widget: QWidget) -> bool:
    policy = widget.sizePolicy().horizontalPolicy()
    return bool(policy.value & QSizePolicy.PolicyFlag.ExpandFlag.value)


class PartnerFormDialog(QDialog):
    # The service's result once saved (a new record's id), or None if it was kept but the
    # save to disk failed (the window says so and retries).
    saved = Signal(object)

    def __init__(self, writer: RecordWriter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self._writer = writer
        self._busy = False
        self._listening = False

        self.general_error = ErrorLabel(self)
        self.general_error.setObjectName("generalError")
        self.errors = FormErrors(self.general_error)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setAccessibleName(self.tr("Save"))
        self.save_button.setDefault(True)
        self.cancel_button: QPushButton = self.buttons.button(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.hide()

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(min(READABLE_WIDTH, DIALOG_WIDTH))

    @property
    def busy(self) -> bool:
        return self._busy

    # --- building (for subclasses) --------------------------------------------------------

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def add_field(
        self, label: str, field: QWidget, accessible_name: str, name: str | None = None
    ) -> QLabel:
        """A row: `label` (with its mnemonic) bound to `field`; with `name` (the service's
        field name) its error messages appear under it."""
        field.setAccessibleName(accessible_name)
        label_widget = QLabel(label, self)
        label_widget.setBuddy(field)
        # Out of the dialog, then in again inside its wrapper: the focus chain gets the
        # wrapper just before its field, in the order rows are added. (Wrapped in place,
        # the wrapper would sit at the end of the chain, and Tab, reaching it, would jump
        # back to its field instead of going on.)
        field.setParent(None)
        shown = self.errors.add(name, field) if name is not None else field
        if shown is not field and not _expands(field):
            # A narrow field (a date, a list) keeps its width; its messages get the row's.
            shown.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            wrapper_layout = shown.layout()
            if wrapper_layout is not None:
                wrapper_layout.setAlignment(field, Qt.AlignmentFlag.AlignLeft)
        self.form.addRow(label_widget, shown)
        return label_widget

    def add_row(self, widget: QWidget) -> None:
        """A row of its own (a check box that carries its label)."""
        widget.setParent(None)  # to the end of the focus chain, as add_field does
        self.form.addRow("", widget)

    def add_note(self, text: str) -> QLabel:
        """Guidance under the field above it."""
        note = QLabel(text, self)
        note.setWordWrap(True)
        # Wrapped only when the row is too narrow, not at a guessed width.
        note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.form.addRow("", note)
        return note

    # --- what subclasses provide ----------------------------------------------------------

    def work(self) -> Callable[[], object]:
        """The service call that saves what is in the form."""
        raise NotImplementedError

    def draft_identity(self) -> dict[str, Any]:
        """Which dialog this is, and about what, to open it again after a lock."""
        raise NotImplementedError

    def input_state(self) -> dict[str, Any]:
        """Everything typed, JSON-able, to keep across a lock."""
        raise NotImplementedError

    def restore_input(self, state: dict[str, Any]) -> None:
        raise NotImplementedError

    def after_errors(self) -> None:
        """Called after messages were shown or cleared (a subclass may redo descriptions)."""

    def forget(self) -> None:
        """Empty every field and text (at lock): a closed dialog lives on until the event
        loop deletes it, and must not hold records meanwhile."""
        for edit in self.findChildren(QLineEdit):
            edit.clear()
        for text in self.findChildren(QPlainTextEdit):
            text.clear()
        for combo in self.findChildren(QComboBox):
            combo.clear()
        for label in self.findChildren(QLabel):
            label.clear()

    # --- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        if self._busy:
            return
        self.errors.clear()
        self.after_errors()
        self._set_busy(True)
        self._writer.write(self.work(), self._on_done, self._on_error)

    def _on_done(self, result: object) -> None:
        self._set_busy(False)
        self.saved.emit(result)
        self.accept()

    def _on_error(self, error: RecordError) -> None:
        self._set_busy(False)
        self.errors.show(error)
        self.after_errors()
        grow_to_fit(self)

    def _on_write_failed(self, _error: object) -> None:
        # Neither saved nor refused (a fault, reported by the window): the form must not
        # stay stuck waiting, and what was typed stays.
        if not self._busy:
            return
        self._set_busy(False)
        self.general_error.setText(
            self.tr(
                "This was not saved because something went wrong. What you typed is still here."
            )
        )
        self.general_error.show()
        grow_to_fit(self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        # Only while this form's write runs: the writer's failures are not tied to a write.
        if busy:
            self._writer.failed.connect(self._on_write_failed)
        elif self._listening:
            self._writer.failed.disconnect(self._on_write_failed)
        self._listening = busy

    # --- no closing while a save runs: its answer must reach the form ---------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._busy and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)
