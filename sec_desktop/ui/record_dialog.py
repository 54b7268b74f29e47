"""The dialog every record form is built on: fields that carry their own error messages,
saved through the RecordWriter (off the GUI thread), closed only once the service has
accepted what was typed.

A refusal leaves every field as typed, with its message under it; the first field in
error (in the order of the form) is brought into view (its tab chosen, scrolled to) and
focused. A fault that is neither a save nor a refusal un-freezes the form and says that
nothing was saved. The dialog cannot be closed while a save runs. Each dialog is
Draftable: what is typed survives a lock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.services.errors import RecordError, ValidationFailed
from sec_desktop.ui.change_passphrase_dialog import grow_to_fit
from sec_desktop.ui.form_errors import FormErrors
from sec_desktop.ui.participant_fields import buddy, grow_across, note_label
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.widgets import ErrorLabel

_GROWING = (
    QSizePolicy.Policy.Expanding,
    QSizePolicy.Policy.MinimumExpanding,
    QSizePolicy.Policy.Ignored,
)


class RecordDialog(QDialog):
    """Subclasses put their fields in `body`, register the ones the service names
    (`add_row` / `register`) and provide `work`, `input_state` and `restore_input`."""

    # The service's result once saved, or None if it was kept but the save to disk failed
    # (the window says so and retries).
    saved = Signal(object)

    def __init__(self, writer: RecordWriter, draft_key: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self._writer = writer
        self._draft_key = draft_key
        self._busy = False
        self._listening = False
        self._fields: dict[str, QWidget] = {}
        self._tab_titles: dict[tuple[int, int], str] = {}

        self.general_error = ErrorLabel(self)
        self.general_error.setObjectName("generalError")
        self.errors = FormErrors(self.general_error)

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

        # What the dialog is about, above everything else (hidden until set).
        self.intro = note_label("", self)
        self.intro.hide()
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        self.body.addWidget(self.intro)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        # Fit the height to the text as wrapped at the width shown (off for dialogs given
        # a size of their own).
        self.fit_height = True
        self._fitted = False

    @property
    def busy(self) -> bool:
        return self._busy

    # --- building (for subclasses) --------------------------------------------------------

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def register(self, name: str, field: QWidget) -> QWidget:
        """Messages about the service's field `name` appear under `field`; returns what to
        put in the layout."""
        self._fields[name] = field
        wrapped = self.errors.add(name, field)
        # The message takes the whole width of the column, even under a narrow field (a
        # combo, a date): squeezed to the field's width it wraps and is cut off.
        grow_across(wrapped)
        layout = wrapped.layout()
        grows = field.sizePolicy().horizontalPolicy() in _GROWING
        if layout is not None and not grows:
            layout.setAlignment(field, Qt.AlignmentFlag.AlignLeft)
        return wrapped

    def add_row(
        self,
        form: QFormLayout,
        label: str,
        field: QWidget,
        accessible_name: str | None,
        name: str | None = None,
        *,
        note: str | None = None,
    ) -> QLabel:
        """A row: `label` (with its mnemonic) bound to `field`; with `name` (the service's
        field name) its error messages appear under it, and a `note` under those."""
        if accessible_name is not None:
            field.setAccessibleName(accessible_name)
        parent = field.parentWidget() or self
        shown = self.register(name, field) if name is not None else field
        if note is not None:
            # In the field's own column: a wrapped label on a row of its own gets a height
            # for some other width from the form layout, and floats in a gap.
            box = QWidget(parent)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(shown)
            column.addWidget(note_label(note, box))
            grow_across(box)
            shown = box
        label_widget = buddy(label, field, parent)
        form.addRow(label_widget, shown)
        return label_widget

    def field(self, name: str) -> QWidget | None:
        return self._fields.get(name)

    # --- what subclasses provide ----------------------------------------------------------

    def work(self) -> Callable[[], object]:
        """The service call that saves what is in the form."""
        raise NotImplementedError

    def input_state(self) -> dict[str, Any]:
        """Every field, JSON-able, to keep across a lock."""
        raise NotImplementedError

    def restore_input(self, state: dict[str, Any]) -> None:
        raise NotImplementedError

    def after_errors(self, error: RecordError | None) -> None:
        """Called once the messages of `error` are shown, or (None) cleared: a subclass
        may add to them."""

    # --- Draftable ------------------------------------------------------------------------

    def draft_key(self) -> str:
        return self._draft_key

    def take_draft(self) -> Any:
        return self.input_state()

    def restore_draft(self, state: Any) -> None:
        if isinstance(state, dict):
            self.restore_input(state)

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
        # Not while a save runs, nor when the form has turned saving off (a blocked
        # invitation, no group left to join).
        if self._busy or not self.save_button.isEnabled():
            return
        self.errors.clear()
        self._mark_tabs(set())
        self.after_errors(None)
        self._set_busy(True)
        self._writer.write(self.work(), self._on_done, self._on_error)

    def _on_done(self, result: object) -> None:
        self._set_busy(False)
        self.saved.emit(result)
        self.accept()

    def _on_error(self, error: RecordError) -> None:
        self._set_busy(False)
        self.errors.show(error)
        if isinstance(error, ValidationFailed):
            names = {e.field for e in error.errors}
            # In the order of the form, not of the service's checks.
            in_error = [field for name, field in self._fields.items() if name in names]
            self._mark_tabs(set(in_error))
            if in_error:
                reveal(in_error[0])
        self.after_errors(error)
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
        if busy and not self._listening:
            self._writer.failed.connect(self._on_write_failed)
        elif not busy and self._listening:
            self._writer.failed.disconnect(self._on_write_failed)
        self._listening = busy

    def _mark_tabs(self, in_error: set[QWidget]) -> None:
        """A tab holding a field in error says so in its title: the message itself may be
        out of sight on another tab."""
        for tabs in self.findChildren(QTabWidget):
            for index in range(tabs.count()):
                key = (id(tabs), index)
                title = self._tab_titles.setdefault(key, tabs.tabText(index))
                page = tabs.widget(index)
                flagged = page is not None and any(page.isAncestorOf(f) for f in in_error)
                tabs.setTabText(
                    index,
                    self.tr("{tab} (check this)").format(tab=title) if flagged else title,
                )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.fit_height and not self._fitted:
            self._fitted = True
            fit_height(self)

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


def fit_height(dialog: QDialog) -> None:
    """Wrapped text is measured at a narrower width than the dialog gets, which leaves it
    too tall, with gaps between the lines: take the height the width shown needs."""
    layout = dialog.layout()
    if layout is None or not layout.hasHeightForWidth():
        return
    layout.activate()
    needed = layout.totalHeightForWidth(dialog.width())
    if 0 < needed < dialog.height():
        # A minimum of our own: the layout's would be for the narrower width.
        dialog.setMinimumHeight(needed)
        dialog.resize(dialog.width(), needed)


def reveal(field: QWidget) -> None:
    """Bring `field` into view (choose the tabs it is on, scroll to it) and focus it."""
    parent = field.parentWidget()
    scroll: QScrollArea | None = None
    while parent is not None:
        if isinstance(parent, QTabWidget):
            for index in range(parent.count()):
                page = parent.widget(index)
                if page is not None and (page is field or page.isAncestorOf(field)):
                    parent.setCurrentIndex(index)
        if isinstance(parent, QScrollArea) and scroll is None:
            scroll = parent
        parent = parent.parentWidget()
    if scroll is not None:
        scroll.ensureWidgetVisible(field)
    field.setFocus()
