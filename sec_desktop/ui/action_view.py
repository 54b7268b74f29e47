"""One action: what will change, who owns it, when it is due, its status (and the outcome
or the reason it was declined), its dated updates, the feedback items it answers (by
code; a disclosure's row carries no text), the scrutiny panel meeting that raised it, and
who to tell (ui/who_to_tell_panel.py).

Back to the board with Escape or Alt+Left. Enter on a feedback item opens its own record
(`open_requested` with ("feedback", its id)); the meeting opens in its own area
(("engagement", its id)).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sec_desktop.services.action_records import ActionRecord
from sec_desktop.services.errors import NotFound, RecordError
from sec_desktop.services.feedback_records import FeedbackRow
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.search import OPENS_ENGAGEMENT, OPENS_FEEDBACK
from sec_desktop.ui.form_errors import error_text
from sec_desktop.ui.participant_fields import scrolled, shown_date
from sec_desktop.ui.participant_view import (
    button,
    choice,
    facts_form,
    fill_table,
    heading_row,
    read_only_table,
    selected_id,
    subheading,
    value_label,
)
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.today_page import overdue_colour
from sec_desktop.ui.who_to_tell_panel import WhoToTellPanel, fit_rows
from sec_desktop.ui.widgets import ErrorLabel, heading_label

FACTS = ("description", "owner", "due", "status", "outcome", "reason", "closed", "raised_at")


class ActionView(QWidget):
    back_requested = Signal()
    edit_requested = Signal(int)
    move_requested = Signal(int)
    update_requested = Signal(int)
    link_requested = Signal(int)
    # (action id, participant id)
    tell_requested = Signal(int, int)
    # ("feedback" or "engagement", its id)
    open_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionView")
        self.setAccessibleName(self.tr("Action"))
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._record: ActionRecord | None = None
        self.back_button = button(self.tr("&Back to actions"), self.tr("Back to actions"), self)
        self.back_button.setToolTip(self.tr("Back to the board (Alt+Left or Escape)"))
        self.edit_button = button(self.tr("&Edit\u2026"), self.tr("Edit action"), self)
        self.move_button = button(
            self.tr("&Move to\u2026"), self.tr("Move to another status"), self
        )
        self.heading = heading_label("", self)
        self.heading.setObjectName("actionHeading")
        self.summary_label = value_label(self)
        self.summary_label.setObjectName("actionSummary")
        self.message_label = ErrorLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.values = {key: value_label(self) for key in FACTS}
        self.meeting_button = button(
            self.tr("Open the &meeting"), self.tr("Open the scrutiny panel meeting"), self
        )
        self.update_button = button(self.tr("Add &update\u2026"), self.tr("Add update"), self)
        self.updates_table = read_only_table(
            [self.tr("Date"), self.tr("Update")], self.tr("Updates"), self
        )
        self.link_button = button(self.tr("&Link feedback\u2026"), self.tr("Link feedback"), self)
        self.unlink_button = button(
            self.tr("U&nlink"), self.tr("Unlink the chosen feedback item"), self
        )
        self.feedback_table = read_only_table(
            [self.tr("Received"), self.tr("From"), self.tr("Themes"), self.tr("What was said")],
            self.tr("Feedback it answers"),
            self,
        )
        self.no_updates_label = value_label(self)
        self.no_updates_label.setText(self.tr("No updates yet."))
        self.no_feedback_label = value_label(self)
        self.no_feedback_label.setText(
            self.tr("No feedback is linked yet: link the items this action answers.")
        )
        self.who = WhoToTellPanel(self)
        self._build_layout()
        self._connect()
        self.detach()

    def _build_layout(self) -> None:
        v = self.values
        meeting = QWidget(self)
        row = QHBoxLayout(meeting)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(v["raised_at"], 1)
        row.addWidget(self.meeting_button)
        self._meeting_row = meeting
        self._facts = facts_form(
            self,
            [
                (self.tr("What will change:"), v["description"]),
                (self.tr("Owner:"), v["owner"]),
                (self.tr("Due:"), v["due"]),
                (self.tr("Status:"), v["status"]),
                (self.tr("Outcome:"), v["outcome"]),
                (self.tr("Why declined:"), v["reason"]),
                (self.tr("Closed on:"), v["closed"]),
            ],
        )
        self._meeting_label = QLabel(self.tr("Raised at:"), self)
        self._facts.addRow(self._meeting_label, meeting)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 12, 0)
        column.setSpacing(8)
        column.addWidget(self.summary_label)
        column.addWidget(self.message_label)
        column.addLayout(self._facts)
        column.addSpacing(8)
        column.addLayout(heading_row(subheading(self.tr("Updates"), body), self.update_button))
        column.addWidget(self.no_updates_label)
        column.addWidget(self.updates_table)
        column.addSpacing(8)
        column.addLayout(
            heading_row(
                subheading(self.tr("Feedback it answers"), body),
                self.link_button,
                self.unlink_button,
            )
        )
        column.addWidget(self.no_feedback_label)
        column.addWidget(self.feedback_table)
        column.addSpacing(8)
        column.addWidget(self.who)
        column.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.edit_button)
        top.addWidget(self.move_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 20)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(scrolled(body, self), 1)

    def _connect(self) -> None:
        self.back_button.clicked.connect(self.back_requested)
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_requested.emit))
        self.move_button.clicked.connect(lambda: self._emit(self.move_requested.emit))
        self.update_button.clicked.connect(lambda: self._emit(self.update_requested.emit))
        self.link_button.clicked.connect(lambda: self._emit(self.link_requested.emit))
        self.unlink_button.clicked.connect(self.unlink)
        self.meeting_button.clicked.connect(self._open_meeting)
        self.feedback_table.activated.connect(lambda _index: self._open_feedback())
        self.feedback_table.itemSelectionChanged.connect(self._enable)
        self.who.tell_requested.connect(self._tell)
        keys = {"Alt+Left": QKeySequence("Alt+Left"), "Esc": QKeySequence(Qt.Key.Key_Escape)}
        for sequence in QKeySequence.keyBindings(QKeySequence.StandardKey.Back):
            keys.setdefault(sequence.toString(), sequence)
        for sequence in keys.values():
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.back_requested)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Once the tables have wrapped their rows at the new width.
        QTimer.singleShot(0, self, self._refit)

    def _refit(self) -> None:
        for table in (self.updates_table, self.feedback_table):
            fit_rows(table)

    # --- RecordPage -----------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self._services, self._writer = services, writer
        self.who.attach(services)

    def detach(self) -> None:
        self._services, self._writer = None, None
        self.who.detach()
        self._show(None)

    # --- showing --------------------------------------------------------------------------

    @property
    def record(self) -> ActionRecord | None:
        return self._record

    @property
    def action_id(self) -> int | None:
        return self._record.id if self._record is not None else None

    def show_action(self, action_id: int) -> bool:
        """Load and show one action; False if it is no longer on record."""
        if self._services is None:
            return False
        try:
            record = self._services.actions.record(action_id)
        except NotFound:
            self._show(None)
            return False
        self.message_label.hide()
        self._show(record)
        return True

    def reload(self) -> None:
        if self._record is not None and not self.show_action(self._record.id):
            self.back_requested.emit()

    def _show(self, record: ActionRecord | None) -> None:
        self._record = record
        self.update_button.setEnabled(record is not None)
        # A closed action says what it said when it closed: raise a new one for more change.
        for widget in (self.edit_button, self.link_button, self.move_button):
            widget.setEnabled(record is not None and not record.status.closed)
        if record is None:
            for label in (self.heading, self.summary_label, *self.values.values()):
                label.clear()
            fill_table(self.updates_table, [])
            fill_table(self.feedback_table, [])
            self.who.show_who(None, closed=False)
            self._enable()
            return
        self.heading.setText(record.details.title)
        self._show_facts(record)
        fill_table(
            self.updates_table,
            [(shown_date(u.on), u.note) for u in reversed(record.updates)],
            [u.id for u in reversed(record.updates)],
        )
        fill_table(
            self.feedback_table,
            [self._feedback_texts(row) for row in record.feedback],
            [row.id for row in record.feedback],
        )
        for table, empty in (
            (self.updates_table, self.no_updates_label),
            (self.feedback_table, self.no_feedback_label),
        ):
            fit_rows(table)
            table.setVisible(table.rowCount() > 0)
            empty.setVisible(table.rowCount() == 0)
        if self._services is not None:
            who = self._services.actions.who_to_tell(record.id)
            self.who.show_who(who, closed=record.status.closed)
        self._enable()

    def _show_facts(self, record: ActionRecord) -> None:
        details, v = record.details, self.values
        today = self._services.today() if self._services is not None else None
        overdue = (
            details.due_on is not None
            and today is not None
            and details.due_on < today
            and not record.status.closed
        )
        if details.due_on is None:
            due = self.tr("No date set")
        elif overdue:
            due = self.tr("Overdue: was due {date}").format(date=shown_date(details.due_on))
        else:
            due = self.tr("Due {date}").format(date=shown_date(details.due_on))
        owners = [o for o in (details.owner_department, record.owner_partner_name) if o]
        texts = {
            "description": details.description,
            "owner": " \u00b7 ".join(owners) or self.tr("No owner yet"),
            "due": due,
            "status": choice(record.status),
            "outcome": record.outcome,
            "reason": record.decline_reason,
            "closed": shown_date(record.closed_on) if record.closed_on else "",
            "raised_at": self._meeting_text(record),
        }
        for key, text in texts.items():
            v[key].setText(text)
            shown_row = self._meeting_row if key == "raised_at" else v[key]
            self._facts.setRowVisible(shown_row, bool(text))
        self._colour(v["due"], overdue)
        parts = [choice(record.status), due]
        if record.feedback:
            parts.append(self.tr("Feedback items: {count}").format(count=len(record.feedback)))
        self.summary_label.setText(" \u00b7 ".join(parts))

    def _colour(self, label: QLabel, overdue: bool) -> None:
        font = label.font()
        font.setBold(overdue)
        label.setFont(font)
        label.setStyleSheet(f"color: {overdue_colour(self).name()};" if overdue else "")

    def _meeting_text(self, record: ActionRecord) -> str:
        if record.details.raised_at_id is None:
            return ""
        title = QCoreApplication.translate("Choices", record.raised_at_title)
        if record.raised_at_on is None:
            return title
        return self.tr("{title}, {date}").format(title=title, date=shown_date(record.raised_at_on))

    def _feedback_texts(self, row: FeedbackRow) -> list[str]:
        if row.participant_code:
            source = row.participant_code
        elif row.partner_name:
            source = row.partner_name
        else:
            source = self.tr("Anonymous survivor")
        said = (
            self.tr("Disclosure \u2014 open the item")
            if row.disclosure
            else (row.summary or row.quote).replace("\n", " ")
        )
        return [shown_date(row.received_on), source, ", ".join(row.themes), said]

    def _enable(self) -> None:
        self.unlink_button.setEnabled(
            self._record is not None and selected_id(self.feedback_table) is not None
        )

    # --- doing ------------------------------------------------------------------------------

    def _emit(self, emit: Callable[[int], object]) -> None:
        if self._record is not None:
            emit(self._record.id)

    def _tell(self, participant_id: int) -> None:
        if self._record is not None:
            self.tell_requested.emit(self._record.id, participant_id)

    def _open_meeting(self) -> None:
        if self._record is not None and self._record.details.raised_at_id is not None:
            self.open_requested.emit(OPENS_ENGAGEMENT, self._record.details.raised_at_id)

    def _open_feedback(self) -> None:
        feedback_id = selected_id(self.feedback_table)
        if isinstance(feedback_id, int):
            self.open_requested.emit(OPENS_FEEDBACK, feedback_id)

    def unlink(self) -> None:
        record, services, writer = self._record, self._services, self._writer
        feedback_id = selected_id(self.feedback_table)
        if record is None or services is None or writer is None or feedback_id is None:
            return
        self.message_label.hide()
        action_id, item = record.id, int(str(feedback_id))
        writer.write(
            lambda: services.actions.unlink_feedback(action_id, item),
            lambda _result: self.reload(),
            self._refused,
        )

    def _refused(self, error: RecordError) -> None:
        self.message_label.setText(error_text(error))
        self.message_label.show()
