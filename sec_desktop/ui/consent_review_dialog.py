"""Reviewing a consent: the SEC has checked with the person that it still holds, and sets
when to check again. A consent that no longer holds is withdrawn instead (its own dialog),
so this one only ever keeps a consent going.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

from sec_desktop.services.participant_records import ConsentRecord, ParticipantRecord
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.consent_dialog import DIALOG_WIDTH, purpose_text
from sec_desktop.ui.participant_fields import (
    DateField,
    date_or_none,
    new_form,
    note_label,
    one_year_on,
    shown_date,
)
from sec_desktop.ui.participant_view import choice, facts_form, value_label
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter

REVIEW_DRAFT_KEY = "participant_consent_review"


class ReviewConsentDialog(RecordDialog):
    """Record that a current consent still holds, with the date of the next review."""

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: ParticipantRecord,
        consent: ConsentRecord,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, REVIEW_DRAFT_KEY, parent)
        self.setObjectName("reviewConsentDialog")
        self.setWindowTitle(self.tr("Review consent: {code}").format(code=record.ref.code))
        self._services = services
        self._participant_id = record.ref.id
        self._consent_id = consent.id
        today = services.today()

        self.intro_label = note_label(
            self.tr(
                "Check with them that this consent still holds. If it does not, withdraw it "
                "instead."
            ),
            self,
        )
        self.purpose_value = self._value(purpose_text(consent))
        self.given_value = self._value(shown_date(consent.given_on))
        self.method_value = self._value(choice(consent.method))
        self.due_value = self._value(self.due_text(consent.review_on, today))
        overdue = consent.review_on is not None and consent.review_on < today
        if overdue:
            bold = QFont(self.due_value.font())
            bold.setBold(True)
            self.due_value.setFont(bold)
        facts = [
            (self.tr("Consent:"), self.purpose_value),
            (self.tr("Given on:"), self.given_value),
            (self.tr("How given:"), self.method_value),
            (self.tr("Review due:"), self.due_value),
        ]
        if consent.note:
            facts.append((self.tr("Note:"), self._value(consent.note)))

        self.review_field = DateField(
            self.tr("Next review on"),
            one_year_on(today),
            self,
            none_name=self.tr("No review date"),
            fallback=one_year_on(today),
        )
        form = new_form()
        self.add_row(form, self.tr("&Next review on:"), self.review_field, None, "review_on")

        self.body.addWidget(self.intro_label)
        self.body.addLayout(facts_form(self, facts))
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.save_button.setText(self.tr("&Record review"))
        self.save_button.setAccessibleName(self.tr("Record review"))
        self.setMinimumWidth(DIALOG_WIDTH)
        self.review_field.setFocus()

    def _value(self, text: str) -> QLabel:
        label = value_label(self)
        label.setText(text)  # plain text: a note is as typed
        return label

    def due_text(self, review_on: date | None, today: date) -> str:
        """The review date now on the consent, saying in words when it has passed."""
        if review_on is None:
            return self.tr("No review date was set")
        if review_on < today:
            return self.tr("Overdue: it was due on {date}").format(date=shown_date(review_on))
        if review_on == today:
            return self.tr("Today, {date}").format(date=shown_date(review_on))
        return shown_date(review_on)

    @property
    def participant_id(self) -> int:
        return self._participant_id

    @property
    def consent_id(self) -> int:
        return self._consent_id

    def work(self) -> Callable[[], object]:
        service, participant_id, consent_id = (
            self._services.consent,
            self._participant_id,
            self._consent_id,
        )
        next_review = self.review_field.value()
        return lambda: service.review(participant_id, consent_id, next_review)

    def input_state(self) -> dict[str, Any]:
        review = self.review_field.value()
        return {
            "participant_id": self._participant_id,
            "consent_id": self._consent_id,
            "review_on": review.isoformat() if review else None,
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        self.review_field.set_value(date_or_none(state.get("review_on")))
