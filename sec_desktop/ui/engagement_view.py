"""One engagement: its facts, who took part (by code, with whether the limits of
confidentiality were explained to them), their wellbeing checks after the session
(ui/wellbeing_checks_panel.py), and the feedback recorded there.

Feedback is added here with the capture form, and each item opened in its own record (the
only place a disclosure's text is shown: the list here never carries it). Back to the
list with Escape or Alt+Left. An anonymous staff forum session shows its headcount only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QVBoxLayout, QWidget

from sec_desktop.domain.engagement_enums import EngagementKind
from sec_desktop.services.engagement_records import EngagementRecord
from sec_desktop.services.errors import NotFound, RecordError
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.drafts import Draftable
from sec_desktop.ui.engagement_feedback import EngagementFeedback
from sec_desktop.ui.form_errors import error_text
from sec_desktop.ui.participant_fields import scrolled, shown_date
from sec_desktop.ui.participant_view import (
    button,
    choice,
    facts_form,
    fill_table,
    read_only_table,
    subheading,
    value_label,
)
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.wellbeing_checks_panel import WellbeingChecksPanel
from sec_desktop.ui.widgets import ErrorLabel, heading_label

FACTS = (
    "topic",
    "panel",
    "project",
    "organisation",
    "channel",
    "via",
    "venue",
    "advertised_via",
    "facilitator",
    "support_worker",
    "headcount",
    "notes",
)


def confirm(parent: QWidget, title: str, question: str, details: str) -> bool:
    """Ask before something that cannot be undone; No is the default answer."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setInformativeText(details)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


class EngagementView(QWidget):
    back_requested = Signal()
    edit_requested = Signal(int)
    open_feedback = Signal(int)
    # After a delete (the id that was deleted), and after feedback was added here.
    deleted = Signal(int)
    feedback_added = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("engagementView")
        self.setAccessibleName(self.tr("Engagement"))
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._record: EngagementRecord | None = None
        self.capture_dialog: QWidget | None = None

        self.back_button = button(
            self.tr("&Back to engagements"), self.tr("Back to engagements"), self
        )
        self.back_button.setToolTip(self.tr("Back to the list (Alt+Left or Escape)"))
        self.edit_button = button(self.tr("&Edit\u2026"), self.tr("Edit engagement"), self)
        self.delete_button = button(self.tr("&Delete\u2026"), self.tr("Delete engagement"), self)
        self.heading = heading_label("", self)
        self.heading.setObjectName("engagementHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label = value_label(self)
        self.message_label = ErrorLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.values = {key: value_label(self) for key in FACTS}
        self.people_heading = subheading("", self)
        self.unexplained_label = ErrorLabel(self)
        self.unexplained_label.setObjectName("unexplainedWarning")
        self.unexplained_label.setWordWrap(True)
        self.people_note = value_label(self)
        self.attendees_table = read_only_table(
            [self.tr("Code"), self.tr("Limits of confidentiality explained")],
            self.tr("Attendees"),
            self,
        )
        self.wellbeing = WellbeingChecksPanel(self)
        self.feedback = EngagementFeedback(self)
        self._build_layout()
        self._connect()
        self.detach()

    def _build_layout(self) -> None:
        v = self.values
        self._facts = facts_form(
            self,
            [
                (self.tr("Topic:"), v["topic"]),
                (self.tr("Panel:"), v["panel"]),
                (self.tr("Project:"), v["project"]),
                (self.tr("Asked by:"), v["organisation"]),
                (self.tr("Channel:"), v["channel"]),
                (self.tr("Given through:"), v["via"]),
                (self.tr("Venue:"), v["venue"]),
                (self.tr("How advertised:"), v["advertised_via"]),
                (self.tr("Facilitator:"), v["facilitator"]),
                (self.tr("Support worker:"), v["support_worker"]),
                (self.tr("How many came:"), v["headcount"]),
                (self.tr("Notes:"), v["notes"]),
            ],
        )
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 12, 0)
        column.setSpacing(8)
        column.addWidget(self.summary_label)
        column.addWidget(self.message_label)
        column.addLayout(self._facts)
        column.addSpacing(8)
        column.addWidget(self.people_heading)
        column.addWidget(self.people_note)
        column.addWidget(self.unexplained_label)
        column.addWidget(self.attendees_table)
        column.addSpacing(8)
        column.addWidget(self.wellbeing)
        column.addSpacing(8)
        column.addWidget(self.feedback, 1)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 20)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(scrolled(body, self), 1)

    def _connect(self) -> None:
        self.back_button.clicked.connect(self.back_requested)
        self.edit_button.clicked.connect(self._edit)
        self.delete_button.clicked.connect(self.delete)
        self.feedback.add_requested.connect(self.add_feedback)
        self.feedback.open_requested.connect(self.open_feedback)
        # Alt+Left and Escape, and the platform's own "back", as on the participant page.
        keys = {"Alt+Left": QKeySequence("Alt+Left"), "Esc": QKeySequence(Qt.Key.Key_Escape)}
        for sequence in QKeySequence.keyBindings(QKeySequence.StandardKey.Back):
            keys.setdefault(sequence.toString(), sequence)
        for sequence in keys.values():
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.back_requested)

    # --- RecordPage -----------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self._services, self._writer = services, writer
        self.wellbeing.attach(services, writer)

    def detach(self) -> None:
        """Drop the services and clear every view: nothing of the records stays."""
        if self.capture_dialog is not None:
            self.capture_dialog.close()
            self.capture_dialog = None
        self.wellbeing.detach()
        self._services, self._writer = None, None
        self._show(None)

    # --- showing --------------------------------------------------------------------------

    @property
    def record(self) -> EngagementRecord | None:
        return self._record

    @property
    def engagement_id(self) -> int | None:
        return self._record.id if self._record is not None else None

    def show_engagement(self, engagement_id: int) -> bool:
        """Load and show one engagement; False if it is no longer on record."""
        if self._services is None:
            return False
        try:
            record = self._services.engagements.record(engagement_id)
        except NotFound:
            self._show(None)
            return False
        self.message_label.hide()
        self._show(record)
        return True

    def reload(self) -> None:
        if self._record is not None and not self.show_engagement(self._record.id):
            self.back_requested.emit()

    def _show(self, record: EngagementRecord | None) -> None:
        self._record = record
        self.wellbeing.show_record(record)
        for widget in (self.edit_button, self.delete_button, self.feedback.add_button):
            widget.setEnabled(record is not None)
        if record is None:
            labels = (self.heading, self.summary_label, self.people_note, self.unexplained_label)
            for label in (*labels, *self.values.values()):
                label.clear()
            fill_table(self.attendees_table, [])
            self.feedback.clear()
            self.unexplained_label.hide()
            return
        self.heading.setText(self._heading(record))
        self.summary_label.setText(self._summary(record))
        self._show_facts(record)
        self._show_people(record)
        self._show_feedback(record)

    def _heading(self, record: EngagementRecord) -> str:
        kind = choice(record.kind)
        if record.kind is EngagementKind.ONE_TO_ONE:
            who = record.attendees[0].participant.code if record.attendees else None
            return self.tr("{kind} with {code}").format(kind=kind, code=who) if who else kind
        title = record.title or (record.project.details.title if record.project else "")
        return self.tr("{kind}: {title}").format(kind=kind, title=title) if title else kind

    def _summary(self, record: EngagementRecord) -> str:
        parts = [shown_date(record.held_on)]
        if record.starts_at is not None:
            parts.append(f"{record.starts_at:%H:%M}")
        if record.format is not None:
            parts.append(choice(record.format))
        if self._services is not None and record.held_on > self._services.today():
            parts.append(self.tr("Planned"))
        if record.wellbeing_follow_up:
            parts.append(self.tr("Wellbeing follow-up needed"))
        return " \u00b7 ".join(parts)

    def _show_facts(self, record: EngagementRecord) -> None:
        project = record.project
        texts = {
            "topic": record.topic,
            "panel": choice(record.panel) if record.panel else "",
            "project": project.details.title if project else "",
            "organisation": project.organisation_name if project else "",
            "channel": choice(record.channel) if record.channel else "",
            "via": record.via_partner_contact,
            "venue": record.venue,
            "advertised_via": record.advertised_via,
            "facilitator": record.facilitator,
            "support_worker": record.support_worker,
            "headcount": str(record.headcount) if record.anonymous else "",
            "notes": record.notes,
        }
        for key, text in texts.items():
            self.values[key].setText(text)
            self._facts.setRowVisible(self.values[key], bool(text))

    def _show_people(self, record: EngagementRecord) -> None:
        one_to_one = record.kind is EngagementKind.ONE_TO_ONE
        self.people_heading.setText(self.tr("The survivor") if one_to_one else self.tr("Attendees"))
        note = ""
        if record.anonymous:
            note = self.tr(
                "Anonymous session: {count} came. Nobody's identity is kept for it."
            ).format(count=record.headcount or 0)
        elif one_to_one and not record.attendees:
            note = self.tr("An anonymous survivor (nobody on the roster).")
        elif not record.attendees:
            note = self.tr("Nobody is recorded as attending yet.")
        self.people_note.setText(note)
        self.people_note.setVisible(bool(note))
        self.attendees_table.setVisible(bool(record.attendees))
        yes, no = self.tr("Yes"), self.tr("No: not recorded as explained")
        fill_table(
            self.attendees_table,
            [
                (a.participant.code, yes if a.confidentiality_explained else no)
                for a in record.attendees
            ],
            [a.participant.id for a in record.attendees],
        )
        unexplained = [ref.code for ref in record.unexplained()]
        self.unexplained_label.setText(
            self.tr(
                "The limits of confidentiality were not recorded as explained to: {codes}."
            ).format(codes=", ".join(unexplained))
        )
        self.unexplained_label.setVisible(bool(unexplained))

    def _show_feedback(self, record: EngagementRecord) -> None:
        if self._services is None:
            return
        try:
            rows = self._services.feedback.rows(engagement_id=record.id)
        except (AttributeError, NotImplementedError, RecordError):
            # The feedback service may not offer rows yet: the engagement is still shown.
            self.feedback.show_rows(None)
            return
        self.feedback.show_rows(rows)

    # --- actions ----------------------------------------------------------------------------

    def _edit(self) -> None:
        if self._record is not None:
            self.edit_requested.emit(self._record.id)

    def add_feedback(self) -> QWidget | None:
        """Open the capture form for feedback given at this engagement."""
        record, services, writer = self._record, self._services, self._writer
        if record is None or services is None or writer is None or self.capture_dialog:
            return None
        # Imported when asked for: the capture form is another screen's module.
        from sec_desktop.ui.feedback_capture_dialog import FeedbackCaptureDialog  # noqa: PLC0415

        dialog = FeedbackCaptureDialog(services, writer, self, engagement_id=record.id)
        self.capture_dialog = dialog
        dialog.saved.connect(lambda _result: self._after_feedback(record.id))
        dialog.finished.connect(lambda _code: self._capture_closed(dialog))
        dialog.open()
        return dialog

    def _after_feedback(self, engagement_id: int) -> None:
        self.reload()
        self.feedback_added.emit(engagement_id)

    def _capture_closed(self, dialog: QWidget) -> None:
        if self.capture_dialog is dialog:
            self.capture_dialog = None
        dialog.deleteLater()

    def delete(self) -> None:
        record, services, writer = self._record, self._services, self._writer
        if record is None or services is None or writer is None:
            return
        if not confirm(
            self,
            self.tr("Delete engagement"),
            self.tr("Delete this {kind}?").format(kind=choice(record.kind).lower()),
            self.tr(
                "It is removed from the vault, with who took part and their wellbeing checks "
                "(and any follow-up still to do). This cannot be undone."
            ),
        ):
            return
        self.message_label.hide()
        engagement_id = record.id
        writer.write(
            lambda: services.engagements.delete(engagement_id),
            lambda _result: self.deleted.emit(engagement_id),
            self._refused,
        )

    def _refused(self, error: RecordError) -> None:
        self.message_label.setText(error_text(error))
        self.message_label.show()

    # --- drafts: the capture form and a wellbeing check survive a lock --------------------

    def take_draft(self) -> Any:
        dialog = self.capture_dialog
        check = self.wellbeing.take_draft() if self._record is not None else None
        if check is not None and self._record is not None:
            return {"engagement_id": self._record.id, "wellbeing": check}
        if self._record is None or dialog is None or not dialog.isVisible():
            return None
        if not isinstance(dialog, Draftable) or getattr(dialog, "busy", False):
            return None
        return {"engagement_id": self._record.id, "input": dialog.take_draft()}

    def restore_draft(self, state: dict[str, Any]) -> None:
        engagement_id = state.get("engagement_id")
        if not isinstance(engagement_id, int) or not self.show_engagement(engagement_id):
            return
        if "wellbeing" in state:
            self.wellbeing.restore_draft(state["wellbeing"])
            return
        dialog = self.add_feedback()
        if isinstance(dialog, Draftable):
            dialog.restore_draft(state.get("input"))
