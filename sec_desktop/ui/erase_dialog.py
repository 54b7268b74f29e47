"""Erasing a participant's record: what is kept only as long as it is needed.

Erasure cannot be undone (the backups of earlier saves still hold the record until they
are rotated out), so the SEC types the pseudonym code to confirm, as with other
irreversible deletions.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.ui.widgets import READABLE_WIDTH, ErrorLabel


class EraseParticipantDialog(QDialog):
    # The code was typed and Erase pressed: the page erases, then closes the dialog.
    erase_requested = Signal()

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eraseParticipantDialog")
        self.setWindowTitle(self.tr("Erase a record"))
        self.setModal(True)
        self._code = code
        explanation = QLabel(
            self.tr(
                "Erasing {code} removes everything kept about them: name, contact details "
                "and safe contact rules, consents, memberships, invitations, communication "
                "needs, equality answers, risk assessments and wellbeing checks (with any "
                "follow-up still to do), the record of telling them about actions, training "
                "materials made from their story (and their use in past sessions) and "
                "development opportunities. Feedback they gave is kept, as from an anonymous "
                "survivor, and so are service recovery cases, by the partner's reference. It "
                "cannot be undone. The code {code} is never "
                "given to anyone else, and the audit log records the code of the record "
                "erased, never the name. Copies in older backups are removed as the backups "
                "are rotated."
            ).format(code=code),
            self,
        )
        explanation.setWordWrap(True)
        explanation.setMaximumWidth(READABLE_WIDTH)
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("confirmCode")
        self.code_edit.setAccessibleName(self.tr("Type the code to confirm"))
        self.code_edit.setPlaceholderText(code)
        prompt = QLabel(self.tr("To confirm, type the code &{code}:").format(code=code), self)
        prompt.setBuddy(self.code_edit)
        self.error_label = ErrorLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(self)
        self.erase_button = self.buttons.addButton(
            self.tr("&Erase the record"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase_button.setAccessibleName(self.tr("Erase the record"))
        self.erase_button.setEnabled(False)
        self.erase_button.setAutoDefault(False)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.setDefault(True)
        self.erase_button.clicked.connect(self._request)
        self.buttons.rejected.connect(self.reject)
        self.code_edit.textChanged.connect(self._update)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(explanation)
        layout.addWidget(prompt)
        layout.addWidget(self.code_edit)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def confirmed(self) -> bool:
        return self.code_edit.text().strip().upper() == self._code.upper()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.adjustSize()  # a refusal can be long: show all of it

    def _update(self) -> None:
        self.erase_button.setEnabled(self.confirmed())

    def _request(self) -> None:
        if self.confirmed():
            self.erase_button.setEnabled(False)
            self.error_label.hide()
            self.erase_requested.emit()
