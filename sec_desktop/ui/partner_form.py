"""What the partner directory's dialogs add to RecordDialog: one form, under an optional
introduction, and which dialog it is (the page keeps that with the draft at lock)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from sec_desktop.ui.participant_fields import new_form, note_label
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.widgets import READABLE_WIDTH

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


class PartnerFormDialog(RecordDialog):
    def __init__(self, writer: RecordWriter, draft_key: str, parent: QWidget | None) -> None:
        super().__init__(writer, draft_key, parent)
        self.form = new_form()
        self.body.addLayout(self.form)
        self.body.addStretch(1)
        self.setMinimumWidth(min(READABLE_WIDTH, DIALOG_WIDTH))

    def add_field(
        self, label: str, field: QWidget, accessible_name: str, name: str | None = None
    ) -> QLabel:
        return self.add_row(self.form, label, field, accessible_name, name)

    def add_note(self, text: str) -> QLabel:
        """Guidance under the field above it."""
        note = note_label(text, self)
        self.form.addRow("", note)
        return note

    def draft_identity(self) -> dict[str, Any]:
        """Which dialog this is, and about what, to open it again after a lock."""
        raise NotImplementedError
