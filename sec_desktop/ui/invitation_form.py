"""What the invitation dialogs share: a form saved through the RecordWriter (off the GUI
thread) and closed only once the service accepted it. A refusal leaves every field as
typed, each message beside its field (or under the form)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.services.errors import RecordError
from sec_desktop.ui.change_passphrase_dialog import grow_to_fit
from sec_desktop.ui.form_errors import FormErrors
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.roster_model import DATE_FORMAT
from sec_desktop.ui.widgets import READABLE_WIDTH, ErrorLabel

DIALOG_WIDTH = 520


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(parent: QWidget, value: date) -> QDateEdit:
    edit = QDateEdit(qdate(value), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    return edit


class InvitationFormDialog(QDialog):
    """A form saved through the writer and closed only once the service accepted it."""

    saved = Signal(object)

    def __init__(self, writer: RecordWriter, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self._writer = writer
        self._busy = False
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.general_error = ErrorLabel(self)
        self.general_error.setObjectName("generalError")
        self.errors = FormErrors(self.general_error)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        # Translated in a fixed context: tr() would look up the subclass's name.
        self.save_button.setText(QCoreApplication.translate("InvitationDialogs", "&Save"))
        self.save_button.setAccessibleName(QCoreApplication.translate("InvitationDialogs", "Save"))
        self.save_button.setDefault(True)
        self.cancel_button: QPushButton = self.buttons.button(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.cancel_button.setAccessibleName(
            QCoreApplication.translate("InvitationDialogs", "Cancel")
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.setSpacing(10)
        self.body.addWidget(self.intro)
        self.setMinimumWidth(min(READABLE_WIDTH, DIALOG_WIDTH))

    def finish_layout(self) -> None:
        self.body.addLayout(self.form)
        self.body.addWidget(self.general_error)
        self.body.addStretch(1)
        self.body.addWidget(self.buttons)

    def add_field(
        self, label: str, field: QWidget, accessible_name: str, name: str | None = None
    ) -> QLabel:
        field.setAccessibleName(accessible_name)
        shown = self.errors.add(name, field) if name is not None else field
        label_widget = QLabel(label, self)
        label_widget.setBuddy(field)
        self.form.addRow(label_widget, shown)
        return label_widget

    @property
    def busy(self) -> bool:
        return self._busy

    def work(self) -> Callable[[], object]:
        raise NotImplementedError

    def input_state(self) -> dict[str, Any]:
        """Everything typed, JSON-able, to keep across a lock."""
        raise NotImplementedError

    def restore_input(self, state: dict[str, Any]) -> None:
        raise NotImplementedError

    def show_error(self, error: RecordError) -> None:
        self.errors.show(error)

    def save(self) -> None:
        if self._busy or not self.save_button.isEnabled():
            return
        self.errors.clear()
        self._set_busy(True)
        self._writer.write(self.work(), self._on_done, self._on_error)

    def _on_done(self, result: object) -> None:
        self._set_busy(False)
        self.saved.emit(result)
        self.accept()

    def _on_error(self, error: RecordError) -> None:
        self._set_busy(False)
        self.show_error(error)
        grow_to_fit(self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)

    # No closing while a save runs: its answer must reach the form.
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
