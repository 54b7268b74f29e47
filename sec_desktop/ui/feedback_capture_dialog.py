"""The fast feedback capture form: several items in a row, by keyboard alone.

"Save and add another" (the default, Ctrl+Return) saves the item off the GUI thread,
then empties what was said and how it is coded, keeping who it came from, the date and
the engagement, and puts the cursor back in the summary. "Save and close" (Ctrl+S) saves
the last one. Closing asks first if an item is half typed. A refusal shows its messages
under the fields, with everything as typed.

Given a `feedback_id`, the form edits that one item instead. What is typed survives a lock
(Draftable): the chips and the source chosen included.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from sec_desktop.domain.engagement_enums import FeedbackSource, Sentiment, TermKind
from sec_desktop.services.errors import RecordError
from sec_desktop.services.feedback_types import CaptureContext, FeedbackDraft, FeedbackRecord
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.change_passphrase_dialog import grow_to_fit
from sec_desktop.ui.form_errors import error_text
from sec_desktop.ui.participant_fields import (
    DateField,
    choice_combo,
    date_or_none,
    grow_across,
    new_form,
    note_label,
    notes_edit,
)
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.source_picker import QuotePermission, SourcePicker, choose
from sec_desktop.ui.term_chips import TermChips

DRAFT_KEY = "feedback_capture"
DIALOG_WIDTH = 720
# Emptied after each item saved (the rest is kept for the next item).
ITEM_KEYS = ("summary", "quote", "quote_permission", "sentiment", "stages", "themes")


def confirm_discard(parent: QWidget) -> bool:
    """Ask before a half-typed item is thrown away; keeping it is the default answer."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("FeedbackCaptureDialog", "Close without saving?"),
        QCoreApplication.translate(
            "FeedbackCaptureDialog", "The item you are typing is not saved."
        ),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setInformativeText(
        QCoreApplication.translate("FeedbackCaptureDialog", "Close and lose it, or go back to it?")
    )
    box.button(QMessageBox.StandardButton.Discard).setText(
        QCoreApplication.translate("FeedbackCaptureDialog", "&Close and lose it")
    )
    box.button(QMessageBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("FeedbackCaptureDialog", "&Go back to it")
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Discard


class FeedbackCaptureDialog(RecordDialog):
    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        parent: QWidget | None,
        *,
        engagement_id: int | None = None,
        case_id: int | None = None,
        feedback_id: int | None = None,
    ) -> None:
        super().__init__(writer, DRAFT_KEY, parent)
        self.setObjectName("feedbackCaptureDialog")
        self._services = services
        self.engagement_id, self.case_id, self.feedback_id = engagement_id, case_id, feedback_id
        self.saved_count = 0
        self._close_after = feedback_id is not None
        self._snapshot: dict[str, Any] = {}
        self._gone = ""
        record = self._load_record(feedback_id)
        context = self._load_context()
        self._make_fields(context)
        self._make_buttons()
        self._build(context)
        if record is not None:
            self._show_record(record)
        self._baseline = self.input_state()
        self.permission.update_state()
        self.setWindowTitle(
            self.tr("Edit feedback") if feedback_id is not None else self.tr("Record feedback")
        )
        self.setMinimumWidth(DIALOG_WIDTH)
        self._first_field().setFocus()

    # --- loading ------------------------------------------------------------------------------

    def _load_record(self, feedback_id: int | None) -> FeedbackRecord | None:
        if feedback_id is None:
            return None
        try:
            record = self._services.feedback.record(feedback_id)
        except RecordError as error:
            self._gone = error_text(error)
            return None
        self.engagement_id, self.case_id = record.draft.engagement_id, record.draft.case_id
        return record

    def _load_context(self) -> CaptureContext:
        try:
            return self._services.feedback.capture_context(
                engagement_id=self.engagement_id, case_id=self.case_id
            )
        except RecordError as error:  # the engagement was deleted meanwhile
            self._gone = error_text(error)
            return CaptureContext(None, False, False, (), self._services.today())

    def _make_fields(self, context: CaptureContext) -> None:
        self.source = SourcePicker(self._services, context, self)
        self.date_field = DateField(self.tr("Date received"), context.received_on, self)
        self.summary_edit = notes_edit(self, 4)
        self.summary_edit.setAccessibleName(self.tr("Summary of what was said"))
        self.summary_edit.setPlaceholderText(self.tr("What was said, in your words"))
        self.quote_edit = notes_edit(self, 3)
        self.quote_edit.setAccessibleName(self.tr("Quote, in their own words"))
        self.quote_edit.setPlaceholderText(self.tr("Optional: their exact words"))
        self.permission = QuotePermission(self.source, self)
        self.permission_check = self.permission.check
        self.sentiment_combo = choice_combo(self, list(Sentiment), self.tr("Not recorded"))
        self.sentiment_combo.setAccessibleName(self.tr("Sentiment"))
        self.stage_chips = TermChips(TermKind.STAGE, self.tr("Journey stage"), self)
        self.stage_chips.set_accessible_name(self.tr("Add a journey stage"))
        self.stage_chips.set_terms(self._services.taxonomy.terms(TermKind.STAGE))
        self.theme_chips = TermChips(TermKind.THEME, self.tr("Theme"), self)
        self.theme_chips.set_accessible_name(self.tr("Add a theme"))
        self.theme_chips.set_terms(self._services.taxonomy.terms(TermKind.THEME))
        self.permission.note_changed.connect(lambda: grow_to_fit(self))
        for chips in (self.stage_chips, self.theme_chips):
            chips.resized.connect(lambda: grow_to_fit(self))
        self.count_label = note_label("", self)
        self.count_label.setObjectName("savedCount")
        self.count_label.hide()

    def _make_buttons(self) -> None:
        capturing = self.feedback_id is None
        self.save_button.setText(
            self.tr("Save and &add another") if capturing else self.tr("&Save")
        )
        self.save_button.setAccessibleName(
            self.tr("Save and add another") if capturing else self.tr("Save")
        )
        self.close_save_button = QPushButton(self.tr("&Save and close"), self)
        self.close_save_button.setAccessibleName(self.tr("Save and close"))
        self.close_save_button.setToolTip(self.tr("Save this item and close (Ctrl+S)"))
        self.close_save_button.setAutoDefault(False)
        self.close_save_button.setVisible(capturing)
        if capturing:
            self.buttons.addButton(self.close_save_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.save_button.setToolTip(self.tr("Save this item and start the next (Ctrl+Return)"))
        self.close_save_button.clicked.connect(self.save_and_close)
        self.cancel_button.setText(self.tr("&Close") if capturing else self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.cancel_button.text().replace("&", ""))
        self.buttons.rejected.disconnect(self.reject)
        self.buttons.rejected.connect(self.close_asking)
        for keys, slot in (
            ("Ctrl+Return", self.save),
            ("Ctrl+Enter", self.save),
            ("Ctrl+S", self.save_and_close),
        ):
            QShortcut(QKeySequence(keys), self, slot)

    def _build(self, context: CaptureContext) -> None:
        self.set_intro(self._intro(context))
        form = new_form()
        add, s = self.add_row, self.source
        add(form, self.tr("&From:"), s.source_combo, None, "source", note=s.source_note)
        rows = (
            (self.tr("&Participant:"), s.participant_combo, "participant", s.people_note),
            (self.tr("Pa&rtner:"), s.partner_combo, "partner", None),
            (self.tr("C&ontact:"), s.contact_combo, "partner_contact", None),
        )
        labels: dict[QWidget, QLabel] = {
            field: add(form, label, field, None, name, note=note)
            for label, field, name, note in rows
        }
        s.show_row = lambda widget, shown: form.setRowVisible(labels[widget], shown)
        s.update_rows()
        add(form, self.tr("&Date received:"), self.date_field, None, "received_on")
        add(form, self.tr("S&ummary:"), self.summary_edit, None, "summary")
        add(form, self.tr("&Quote:"), self.quote_edit, None, "quote")
        grow_across(self.permission)
        form.addRow("", self.register("quote_permission", self.permission))
        add(form, self.tr("Se&ntiment:"), self.sentiment_combo, None)
        add(form, self.tr("&Journey stages:"), self.stage_chips, None, "stages")
        add(form, self.tr("T&hemes:"), self.theme_chips, None, "themes")
        self.body.addLayout(form)
        self.body.addWidget(self.count_label)
        self.body.addStretch(1)
        if self._gone:
            self.general_error.setText(self._gone)
            self.general_error.show()
            self.save_button.setEnabled(False)
            self.close_save_button.setEnabled(False)

    def _intro(self, context: CaptureContext) -> str:
        where = self.source.where(context, self.case_id)
        if self.feedback_id is not None:
            return where
        keys = self.tr("Ctrl+Return saves each item and starts the next.")
        return f"{where} {keys}" if where else keys

    def _first_field(self) -> QWidget:
        choosing = self.source.source() is FeedbackSource.PARTICIPANT
        if self.feedback_id is None and choosing and self.source.person() is None:
            return self.source.participant_combo
        return self.summary_edit

    def _show_record(self, record: FeedbackRecord) -> None:
        draft = record.draft
        self.source.show_record(record)
        self.date_field.set_value(draft.received_on)
        self.summary_edit.setPlainText(draft.summary)
        self.quote_edit.setPlainText(draft.quote)
        self.permission.set_given(draft.quote_permission, on_record=True)
        choose(self.sentiment_combo, draft.sentiment)
        self.stage_chips.set_chosen(record.stages)
        self.theme_chips.set_chosen(record.themes)

    # --- saving -------------------------------------------------------------------------------

    def draft(self) -> FeedbackDraft:
        s = self.source
        return FeedbackDraft(
            received_on=self.date_field.value() or self._services.today(),
            source=s.source(),
            participant_id=s.participant_id(),
            partner_id=s.partner_id(),
            partner_contact_id=s.contact_id(),
            engagement_id=self.engagement_id,
            case_id=self.case_id,
            summary=self.summary_edit.toPlainText(),
            quote=self.quote_edit.toPlainText(),
            sentiment=self._sentiment(),
            stage_ids=self.stage_chips.chosen_ids(),
            theme_ids=self.theme_chips.chosen_ids(),
            quote_permission=self.permission.given(),
        )

    def work(self) -> Callable[[], object]:
        draft, service, feedback_id = self.draft(), self._services.feedback, self.feedback_id
        if feedback_id is None:
            return lambda: service.add(draft)

        def update() -> int:
            service.update(feedback_id, draft)
            return feedback_id

        return update

    def save(self) -> None:
        """The default button: the next item (or, editing, save and close)."""
        self._start_save(close=self.feedback_id is not None)

    def save_and_close(self) -> None:
        self._start_save(close=True)

    def _start_save(self, *, close: bool) -> None:
        if self.busy or not self.save_button.isEnabled():
            return
        self._close_after = close
        self._snapshot = self.input_state()
        super().save()

    def _on_done(self, result: object) -> None:
        self._set_busy(False)
        if self.feedback_id is None:
            self.saved_count += 1
            self._show_count()
        self.saved.emit(result)
        if self._close_after:
            self.accept()
            return
        self._next_item()

    def _next_item(self) -> None:
        """Empty what the saved item said (not what was typed since), keep the rest."""
        now = self.input_state()
        cleared = {key for key in ITEM_KEYS if now[key] == self._snapshot.get(key)}
        untouched = cleared == set(ITEM_KEYS)
        for key in cleared:
            self._clear(key)
        # Who said the next thing is chosen again, where several could have: kept, an item
        # (and its quote permission) could go to the wrong person.
        ask_who = now["source"] == self._snapshot.get("source") and self.source.offers_several()
        if ask_who:
            self.source.participant_combo.setCurrentIndex(0)
        # What was typed meanwhile is unsaved: closing asks about it.
        self._baseline = {**self.input_state(), **dict.fromkeys(set(ITEM_KEYS) - cleared)}
        if untouched:
            (self.source.participant_combo if ask_who else self.summary_edit).setFocus()

    def _clear(self, key: str) -> None:
        fields: dict[str, Callable[[], None]] = {
            "summary": self.summary_edit.clear,
            "quote": self.quote_edit.clear,
            "quote_permission": lambda: self.permission_check.setChecked(False),
            "sentiment": lambda: self.sentiment_combo.setCurrentIndex(0),
            "stages": self.stage_chips.clear,
            "themes": self.theme_chips.clear,
        }
        fields[key]()

    def _show_count(self) -> None:
        count = self.saved_count
        text = (
            self.tr("Saved: 1 item this session")
            if count == 1
            else self.tr("Saved: {count} items this session").format(count=count)
        )
        self.count_label.setText(text)
        self.count_label.setAccessibleName(text)
        self.count_label.setVisible(count > 0)

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        self.close_save_button.setEnabled(not busy)

    # --- closing: ask before losing a half-typed item -----------------------------------------

    def typed_unsaved(self) -> bool:
        now = self.input_state()
        keys = ITEM_KEYS if self.feedback_id is None else tuple(now)
        return any(now[key] != self._baseline.get(key) for key in keys)

    def close_asking(self) -> None:
        """Close (Escape, the Close button): asks first if an item is half typed."""
        if self.busy:
            return
        if self.typed_unsaved() and not confirm_discard(self):
            return
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            event.accept()
            self.close_asking()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window's own close button asks; closing from code (a lock) never does.
        asking = event.spontaneous() and not self.busy and self.typed_unsaved()
        if asking and not confirm_discard(self):
            event.ignore()
            return
        super().closeEvent(event)

    def forget(self) -> None:
        super().forget()
        self.stage_chips.clear()
        self.theme_chips.clear()

    def _sentiment(self) -> Sentiment | None:
        chosen = self.sentiment_combo.currentData()
        return Sentiment(chosen) if chosen in _SENTIMENTS else None

    # --- Draftable ------------------------------------------------------------------------------

    def input_state(self) -> dict[str, Any]:
        received = self.date_field.value()
        sentiment = self._sentiment()
        return {
            "feedback_id": self.feedback_id,
            "source": self.source.state(),
            "received_on": received.isoformat() if received else None,
            "summary": self.summary_edit.toPlainText(),
            "quote": self.quote_edit.toPlainText(),
            "quote_permission": self.permission.given(),
            "sentiment": sentiment.value if sentiment is not None else None,
            "stages": self.stage_chips.state(),
            "themes": self.theme_chips.state(),
            "saved_count": self.saved_count,
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        if state.get("feedback_id") != self.feedback_id:
            return
        source = state.get("source")
        if isinstance(source, dict):
            self.source.restore(source)
        received = date_or_none(state.get("received_on"))
        if received is not None:
            self.date_field.set_value(received)
        self.summary_edit.setPlainText(str(state.get("summary", "")))
        self.quote_edit.setPlainText(str(state.get("quote", "")))
        sentiment = state.get("sentiment")
        choose(self.sentiment_combo, Sentiment(sentiment) if sentiment in _SENTIMENTS else None)
        self.stage_chips.restore(state.get("stages"))
        self.theme_chips.restore(state.get("themes"))
        self.permission.set_given(bool(state.get("quote_permission")))
        count = state.get("saved_count")
        self.saved_count = count if isinstance(count, int) else 0
        if self.saved_count:
            self._show_count()
        self._first_field().setFocus()


_SENTIMENTS = {s.value for s in Sentiment}
