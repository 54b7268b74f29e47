"""One feedback item in full: when, from whom (by pseudonym code, an anonymous survivor or
a partner), where it was given, what was said, whether the quote may be used, and how it
is coded. The only screen that shows a disclosure's text.

A disclosure has its own section (DisclosureSection, in deadline_clock.py): the minimum
facts, the clock to the recording deadline until it is dealt with, the notification,
telling the survivor, and a button for each step. Edit, Delete and "Flag as a disclosure" open what
they need; the record is read again after each change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.engagement_enums import FeedbackSource
from sec_desktop.services.errors import RecordError
from sec_desktop.services.feedback_types import FeedbackRecord
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.deadline_clock import DisclosureSection
from sec_desktop.ui.disclosure_dialogs import (
    FlagDisclosureDialog,
    NotificationDialog,
    SurvivorToldDialog,
)
from sec_desktop.ui.form_errors import error_text
from sec_desktop.ui.participant_fields import scrolled, shown_date
from sec_desktop.ui.participant_view import (
    button,
    choice,
    facts_form,
    subheading,
    value_label,
)
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.widgets import ErrorLabel

DIALOG_SIZE = (720, 640)
# Room for the buttons, the message line and the margins below the record itself.
BELOW_RECORD = 70
# The dialog's margins and a scroll bar beside the record.
SIDE_ROOM = 60
DRAFT_KEY = "feedback_record"


def ask_to_delete(parent: QWidget) -> bool:
    """Ask before deleting (tests replace this: a modal box would wait for a click)."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("FeedbackRecordDialog", "Delete feedback"),
        QCoreApplication.translate(
            "FeedbackRecordDialog",
            "Delete this feedback item? Do this only for an item recorded by mistake: it "
            "cannot be undone.",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def align_labels(*forms: QFormLayout) -> None:
    """The labels of several forms one above the other take the same width, so that
    their values line up in one column."""
    labels = [
        item.widget()
        for form in forms
        for row in range(form.rowCount())
        if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
    ]
    width = max((label.sizeHint().width() for label in labels if label is not None), default=0)
    for label in labels:
        if isinstance(label, QLabel):
            label.setMinimumWidth(width)
            # Beside a value wrapped over two lines, a label stays at the first.
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


class FeedbackRecordDialog(QDialog):
    # A step was saved (the item changed, was flagged or deleted): lists may reload.
    changed = Signal()
    deleted = Signal(int)

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        feedback_id: int,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackRecordDialog")
        self.setWindowTitle(self.tr("Feedback item"))
        self.feedback_id = feedback_id
        self._services = services
        self._writer = writer
        self.record: FeedbackRecord | None = None
        self.child: QDialog | None = None
        self._build()
        self.resize(*DIALOG_SIZE)
        self._fitted = False
        self.reload()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        content = QWidget(self)
        self._content = content
        self.heading = subheading("", content)
        self.source_value = value_label(content)
        self.given_at_value = value_label(content)
        self.sentiment_value = value_label(content)
        self.stages_value = value_label(content)
        self.themes_value = value_label(content)
        self.summary_value = value_label(content)
        self.quote_value = value_label(content)
        self.quote_status = value_label(content)
        self.quote_status.setObjectName("quoteStatus")
        self.section = DisclosureSection(self._services.disclosures.now, content)
        self.section.notify_button.clicked.connect(self.record_notification)
        self.section.told_button.clicked.connect(self.record_survivor_told)
        column = QVBoxLayout(content)
        column.setSpacing(10)
        about = facts_form(
            content,
            [
                (self.tr("From:"), self.source_value),
                (self.tr("Given at:"), self.given_at_value),
                (self.tr("Sentiment:"), self.sentiment_value),
                (self.tr("Journey stages:"), self.stages_value),
                (self.tr("Themes:"), self.themes_value),
            ],
        )
        said = facts_form(
            content,
            [
                (self.tr("Summary:"), self.summary_value),
                (self.tr("Quote:"), self.quote_value),
                (self.tr("May it be quoted?"), self.quote_status),
            ],
        )
        align_labels(about, said, self.section.form)
        column.addWidget(self.heading)
        column.addLayout(about)
        column.addSpacing(6)
        column.addWidget(subheading(self.tr("What was said"), content))
        column.addLayout(said)
        column.addWidget(self.section)
        column.addStretch(1)

        self.error = ErrorLabel(self)
        self.error.setWordWrap(True)
        self.error.hide()
        self.edit_button = button(self.tr("&Edit\u2026"), self.tr("Edit this feedback"), self)
        self.delete_button = button(self.tr("&Delete"), self.tr("Delete this feedback"), self)
        self.flag_button = button(
            self.tr("&Flag as a disclosure\u2026"), self.tr("Flag as a disclosure"), self
        )
        self.close_button = button(self.tr("C&lose"), self.tr("Close"), self)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.flag_button.clicked.connect(self.flag)
        self.close_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        for push in (self.edit_button, self.delete_button, self.flag_button):
            row.addWidget(push)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(content, self), 1)
        layout.addWidget(self.error)
        layout.addLayout(row)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            self._fit()

    def _fit(self, *, grow_only: bool = False) -> None:
        """As tall as the record needs (a plain item is short), up to the usual size: a
        longer one scrolls. Measured once shown: wrapped text has no height before."""
        width, tallest = DIALOG_SIZE
        layout = self._content.layout()
        layout_width = self.width() if grow_only else width
        needed = layout.totalHeightForWidth(layout_width - SIDE_ROOM) if layout is not None else -1
        if needed > 0:
            # Grown when a step adds to the record; never shrunk under the user's size.
            height = min(tallest, needed + BELOW_RECORD)
            self.resize(self.width(), max(height, self.height()) if grow_only else height)

    # --- showing --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the item again and show it (a message instead if it is gone)."""
        try:
            self.record = self._services.feedback.record(self.feedback_id)
        except RecordError as error:
            self.record = None
            self._say(error_text(error))
            for push in (self.edit_button, self.delete_button, self.flag_button):
                push.setEnabled(False)
            self.section.show_record(None)
            return
        self._show(self.record)

    def _show(self, record: FeedbackRecord) -> None:
        draft = record.draft
        self.heading.setText(
            self.tr("Feedback received {date}").format(date=shown_date(draft.received_on))
        )
        self.source_value.setText(self.source_text(record))
        self.given_at_value.setText(self._given_at(record))
        self.sentiment_value.setText(
            choice(draft.sentiment) if draft.sentiment else self.tr("Not coded")
        )
        self.stages_value.setText(", ".join(t.name for t in record.stages) or self.tr("None"))
        self.themes_value.setText(", ".join(t.name for t in record.themes) or self.tr("None"))
        self.summary_value.setText(draft.summary or self.tr("No summary"))
        self.quote_value.setText(draft.quote or self.tr("No quote"))
        self.quote_status.setText(self.quote_line(record))
        self.section.show_record(record.disclosure)
        self.flag_button.setVisible(record.disclosure is None)
        self.edit_button.setEnabled(True)
        self.delete_button.setEnabled(True)

    def source_text(self, record: FeedbackRecord) -> str:
        source = record.draft.source
        if source is FeedbackSource.PARTICIPANT:
            return record.participant_code or self.tr("A participant (record erased)")
        if source is FeedbackSource.PARTNER:
            name = record.partner_name or choice(source)
            if record.partner_contact_name:
                return self.tr("{partner} ({contact})").format(
                    partner=name, contact=record.partner_contact_name
                )
            return name
        return self.tr("Anonymous survivor")

    def _given_at(self, record: FeedbackRecord) -> str:
        engagement = record.engagement
        if engagement is not None:
            title = engagement.title or choice(engagement.kind)
            return self.tr("{kind}: {title}, {date}").format(
                kind=choice(engagement.kind), title=title, date=shown_date(engagement.held_on)
            )
        if record.draft.case_id is not None:
            return self.tr("A case reviewed by a scrutiny panel")
        return self.tr("Not at a recorded engagement")

    def quote_line(self, record: FeedbackRecord) -> str:
        """Whether the quote may be used, and if not, why: the one quote rule's answer."""
        draft = record.draft
        if not draft.quote:
            return self.tr("There is no quote to use.")
        if record.quotable:
            return self.tr(
                "May be quoted, anonymised: they gave permission and their consent to be "
                "quoted is current."
            )
        not_participant = (
            draft.source is not FeedbackSource.PARTICIPANT or not record.participant_code
        )
        reasons = [
            (
                record.disclosure is not None,
                self.tr("Stored, but never quoted: it contains a disclosure."),
            ),
            (
                not_participant,
                self.tr("Stored, but never quoted: only a participant on the roster can be."),
            ),
            (
                not draft.quote_permission,
                self.tr("Stored, but never quoted: no permission was given for this quote."),
            ),
            (
                not record.quote_consent_current,
                self.tr("Stored, but never quoted: no current consent to be quoted."),
            ),
        ]
        return next(
            (text for applies, text in reasons if applies), self.tr("Stored, but never quoted.")
        )

    # --- Draftable: a step's form left open at lock time comes back as typed ------------

    def draft_key(self) -> str:
        return DRAFT_KEY

    def take_draft(self) -> dict[str, Any]:
        state: dict[str, Any] = {"feedback_id": self.feedback_id}
        child = self.child
        step = next((name for name, kind in self._steps() if isinstance(child, kind[0])), None)
        # A form being saved is not kept: restored, it could be saved a second time.
        busy = getattr(child, "busy", False)
        if step is not None and child is not None and child.isVisible() and not busy:
            state["step"] = step
            state["input"] = child.take_draft()  # type: ignore[attr-defined]
        return state

    def restore_draft(self, state: Any) -> None:
        if not isinstance(state, dict) or state.get("feedback_id") != self.feedback_id:
            return
        opener = dict(self._steps()).get(str(state.get("step")))
        child = opener[1]() if opener is not None else None
        if child is not None and "input" in state:
            child.restore_draft(state["input"])  # type: ignore[attr-defined]

    def _steps(self) -> list[tuple[str, tuple[type, Callable[[], QDialog | None]]]]:
        from sec_desktop.ui.feedback_capture_dialog import FeedbackCaptureDialog  # noqa: PLC0415

        return [
            ("flag", (FlagDisclosureDialog, self.flag)),
            ("notification", (NotificationDialog, self.record_notification)),
            ("told", (SurvivorToldDialog, self.record_survivor_told)),
            ("edit", (FeedbackCaptureDialog, self.edit)),
        ]

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # --- actions --------------------------------------------------------------------------

    def edit(self) -> QDialog | None:
        if self.record is None:
            return None
        # Imported here: the capture form is built alongside this dialog.
        from sec_desktop.ui.feedback_capture_dialog import FeedbackCaptureDialog  # noqa: PLC0415

        dialog = FeedbackCaptureDialog(
            self._services, self._writer, self, feedback_id=self.feedback_id
        )
        return self._open_child(dialog)

    def flag(self) -> QDialog | None:
        if self.record is None or self.record.disclosure is not None:
            return None
        return self._open_child(
            FlagDisclosureDialog(self._services, self._writer, self.feedback_id, self)
        )

    def record_notification(self) -> QDialog | None:
        disclosure = self.record.disclosure if self.record is not None else None
        if disclosure is None:
            return None
        dialog = NotificationDialog(
            self._services,
            self._writer,
            self.feedback_id,
            self,
            recorded=disclosure.notification,
        )
        return self._open_child(dialog)

    def record_survivor_told(self) -> QDialog | None:
        if self.record is None or self.record.disclosure is None:
            return None
        return self._open_child(
            SurvivorToldDialog(self._services, self._writer, self.feedback_id, self)
        )

    def _open_child(self, dialog: QDialog) -> QDialog | None:
        if self.child is not None:
            return None
        self.child = dialog
        self._say("")
        dialog.saved.connect(lambda _result: self._changed())  # type: ignore[attr-defined]
        dialog.finished.connect(lambda _code: self._child_closed(dialog))
        dialog.open()
        return dialog

    def _child_closed(self, dialog: QDialog) -> None:
        if self.child is dialog:
            self.child = None
        # Emptied, not deleted: it goes with this dialog. (A deleteLater pending when
        # this dialog is deleted first crashed Qt: the child was deleted twice.)
        if isinstance(dialog, RecordDialog):
            dialog.forget()

    def _changed(self) -> None:
        self.reload()
        if self.isVisible():
            self._fit(grow_only=True)
        self.changed.emit()

    def delete(self) -> None:
        if self.record is None or self._writer.busy:
            return
        # A disclosure is refused by the service whatever the answer: no need to ask.
        if self.record.disclosure is None and not ask_to_delete(self):
            return
        self._say("")
        service, feedback_id = self._services.feedback, self.feedback_id
        self.delete_button.setEnabled(False)
        self._writer.write(lambda: service.delete(feedback_id), self._deleted, self._refused)

    def _deleted(self, _result: object) -> None:
        self.changed.emit()
        self.deleted.emit(self.feedback_id)
        self.accept()

    def _refused(self, error: RecordError) -> None:
        self.delete_button.setEnabled(True)
        self._say(error_text(error))
