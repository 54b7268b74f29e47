"""One service recovery case: who raised it, the survivor (by reference or code, never a
name), the concern and department, the steps taken, the outcome, and whether the
survivor and the partner were told. Buttons change it; Escape or Alt+Left goes back."""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sec_desktop.domain.action_enums import RecoveryStatus
from sec_desktop.services.recovery_records import RecoveryRecord
from sec_desktop.ui.participant_fields import scrolled, shown_date
from sec_desktop.ui.participant_view import (
    button,
    facts_form,
    fill_table,
    heading_row,
    read_only_table,
    subheading,
    value_label,
)
from sec_desktop.ui.settings_widgets import Feedback
from sec_desktop.ui.widgets import heading_label


def _told(on: date | None) -> str:
    if on is None:
        return QCoreApplication.translate("RecoveryCaseView", "Not yet")
    return shown_date(on)


class RecoveryCaseView(QWidget):
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryCaseView")
        self.setAccessibleName(self.tr("Service recovery case"))
        self.record: RecoveryRecord | None = None
        self.back_button = button(self.tr("&Back to the cases"), self.tr("Back to the cases"), self)
        self.title_label = heading_label("", self)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message = Feedback(self)
        self.edit_button = button(self.tr("&Edit case\u2026"), self.tr("Edit case"), self)
        self.told_button = button(
            self.tr("Record who was &told\u2026"), self.tr("Record who was told"), self
        )
        self.close_button = button(self.tr("&Close case\u2026"), self.tr("Close case"), self)
        self.reopen_button = button(self.tr("&Reopen case"), self.tr("Reopen case"), self)
        self.participant_button = button(
            self.tr("&Open their roster record"), self.tr("Open their roster record"), self
        )
        self.add_step_button = button(self.tr("Add &step\u2026"), self.tr("Add a step"), self)
        self.values: dict[str, QLabel] = {}
        names = {
            "raised_by": self.tr("Raised by"),
            "survivor": self.tr("Survivor"),
            "department": self.tr("Department"),
            "opened": self.tr("Opened"),
            "status": self.tr("Status"),
            "concern": self.tr("Concern"),
            "outcome": self.tr("Outcome"),
            "survivor_told": self.tr("Survivor told"),
            "partner_told": self.tr("Partner told"),
        }
        for key, name in names.items():
            label = value_label(self)
            label.setAccessibleName(name)
            label.setObjectName(f"recovery_{key}")
            self.values[key] = label
        self.facts_names = names
        self.steps_table = read_only_table(
            [self.tr("Date"), self.tr("What was done")], self.tr("Steps taken"), self
        )
        self.steps_table.setObjectName("recoverySteps")
        self._build_layout()
        for sequence in (QKeySequence("Alt+Left"), QKeySequence(Qt.Key.Key_Escape)):
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.back_requested)
        self.back_button.clicked.connect(self.back_requested)

    def _build_layout(self) -> None:
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(10)
        rows = [(self.facts_names[key] + ":", label) for key, label in self.values.items()]
        column.addLayout(facts_form(inner, rows))
        column.addLayout(
            heading_row(subheading(self.tr("Steps taken"), inner), self.add_step_button)
        )
        column.addWidget(self.steps_table, 1)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        buttons = [self.edit_button, self.told_button, self.close_button, self.reopen_button]
        for push in buttons:
            actions.addWidget(push)
        actions.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.participant_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 20)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.title_label)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        layout.addWidget(scrolled(inner, self), 1)
        chain: list[QWidget] = [
            self.back_button,
            self.participant_button,
            *buttons,
            self.add_step_button,
            self.steps_table,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def show_record(self, record: RecoveryRecord | None) -> None:
        self.record = record
        if record is None:
            self.title_label.clear()
            for label in self.values.values():
                label.clear()
            self.steps_table.setRowCount(0)
            self.message.say("")
            self.participant_button.hide()
            return
        details = record.details
        survivor = details.survivor_pseudonym or record.participant_code or self.tr("Not given")
        self.title_label.setText(
            self.tr("Service recovery case: {survivor}").format(survivor=survivor)
        )
        raised = ", ".join(n for n in (record.contact_name, record.partner_name) if n)
        code = record.participant_code
        survivor_text = (
            self.tr("{reference} (roster code {code})").format(
                reference=details.survivor_pseudonym, code=code
            )
            if code and details.survivor_pseudonym
            else survivor
        )
        open_ = record.status is RecoveryStatus.OPEN
        status = QCoreApplication.translate("Choices", record.status.label)
        status_text = (
            self.tr("{status} \u00b7 {days} days open").format(status=status, days=record.days_open)
            if open_ or record.closed_on is None
            else self.tr("{status} on {date} \u00b7 {days} days open").format(
                status=status, date=shown_date(record.closed_on), days=record.days_open
            )
        )
        texts = {
            "raised_by": raised or self.tr("Not recorded"),
            "survivor": survivor_text,
            "department": details.department or self.tr("Not recorded"),
            "opened": shown_date(details.opened_on),
            "status": status_text,
            "concern": details.concern,
            "outcome": record.outcome or self.tr("Not yet"),
            "survivor_told": _told(record.survivor_told_on),
            "partner_told": _told(record.partner_told_on),
        }
        for key, text in texts.items():
            self.values[key].setText(text)
        fill_table(
            self.steps_table,
            [[shown_date(step.on), step.note] for step in record.steps],
            [step.id for step in record.steps],
        )
        self.close_button.setVisible(open_)
        self.add_step_button.setEnabled(open_)
        self.reopen_button.setVisible(not open_)
        self.participant_button.setVisible(details.participant_id is not None)

    def buttons(self) -> list[QPushButton]:
        return [
            self.edit_button,
            self.told_button,
            self.close_button,
            self.reopen_button,
            self.add_step_button,
        ]
