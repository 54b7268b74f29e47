"""Who the feedback came from, for the capture form: a participant (by code only), an
anonymous survivor, or a partner (the organisation, and the named contact if known); where
it was given; and the quote permission, which only a participant with current consent to
be quoted can give.

What is offered follows the capture context: at an engagement that records attendees,
only its attendees; at an anonymous staff forum session, only "an anonymous survivor".
The rows the dialog lays out are shown or hidden to match the source chosen.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QElapsedTimer, QObject, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QVBoxLayout, QWidget

from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource
from sec_desktop.services.errors import NotFound
from sec_desktop.services.feedback_types import CaptureContext, FeedbackRecord, SourcePerson
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.participant_fields import choice_combo, note_label, partner_combo, shown_date
from sec_desktop.ui.participant_view import choice


def choose(combo: QComboBox, value: object) -> None:
    """Choose the entry holding `value`; None chooses the first ("none") entry."""
    index = combo.findData(value) if value is not None else 0
    if index >= 0:
        combo.setCurrentIndex(index)


class CodeCombo(QComboBox):
    """Participants by code: typing a code finds it, and so does typing just its number
    ("42" for S-0042), as in the attendee picker."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._digits = ""
        self._since = QElapsedTimer()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        digit = event.text()
        if not (digit.isdigit() and len(digit) == 1 and not event.modifiers()):
            super().keyPressEvent(event)
            return
        if (
            not self._since.isValid()
            or self._since.elapsed() > QApplication.keyboardInputInterval()
        ):
            self._digits = ""
        self._digits += digit
        self._since.restart()
        wanted = int(self._digits)
        for index in range(self.count()):
            if re.sub(r"\D", "", self.itemText(index)).lstrip("0") == str(wanted):
                self.setCurrentIndex(index)
                break
        event.accept()


class SourcePicker(QObject):
    """The source's fields (for the dialog to lay out) and what they say."""

    changed = Signal()

    def __init__(self, services: RecordServices, context: CaptureContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._services = services
        self._people: dict[int, SourcePerson] = {p.id: p for p in context.participants}
        sources = [FeedbackSource.ANONYMOUS] if context.anonymous_only else list(FeedbackSource)
        self.source_combo = choice_combo(parent, sources)
        self.source_combo.setAccessibleName(self.tr("Feedback from"))
        self.participant_combo = CodeCombo(parent)
        self.participant_combo.setAccessibleName(self.tr("Participant, by code"))
        self.participant_combo.addItem(self.tr("Choose a code\u2026"), None)
        for person in context.participants:
            self.participant_combo.addItem(person.code, person.id)
        self.partner_combo = partner_combo(services, parent, self.tr("Choose a partner\u2026"))
        self.partner_combo.setAccessibleName(self.tr("Partner organisation"))
        self.contact_combo = QComboBox(parent)
        self.contact_combo.setAccessibleName(self.tr("Named contact at the partner"))
        self._fill_contacts()
        self.source_note, self.people_note = self._notes(context)
        # The dialog shows or hides its rows: (widget, visible) for each.
        self.show_row: Callable[[QWidget, bool], None] = lambda _w, _v: None
        if context.case_participant_id in self._people:
            choose(self.participant_combo, context.case_participant_id)
        elif context.attendees_only and len(context.participants) == 1:
            choose(self.participant_combo, context.participants[0].id)
        if not context.participants and not context.anonymous_only:
            choose(self.source_combo, FeedbackSource.ANONYMOUS)
        self.source_combo.currentIndexChanged.connect(self._on_source)
        self.participant_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.partner_combo.currentIndexChanged.connect(self._on_partner)
        self.contact_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def _notes(self, context: CaptureContext) -> tuple[str | None, str | None]:
        """What to say under the source and under the participant, if anything."""
        if context.anonymous_only:
            return self._anonymous_only_note(context), None
        if context.attendees_only and not context.participants:
            return None, self.tr(
                "Nobody is recorded as attending: add them to the engagement first, or "
                "choose an anonymous survivor."
            )
        if context.attendees_only:
            return None, self.tr("Only the people recorded as attending are offered.")
        if not context.participants:
            return None, self.tr("Nobody is on the roster yet.")
        return None, None

    def _anonymous_only_note(self, context: CaptureContext) -> str:
        engagement = context.engagement
        if engagement is not None and engagement.kind is EngagementKind.STAFF_FORUM:
            return self.tr(
                "An anonymous staff forum session: its feedback can only be from an "
                "anonymous survivor."
            )
        if engagement is None:
            return self.tr(
                "The victim of this case is not on the roster: their feedback is recorded "
                "as from an anonymous survivor."
            )
        return self.tr("Only an anonymous survivor can be named here.")

    def where(self, context: CaptureContext, case_id: int | None) -> str:
        """Where the feedback was given, to head the form ("" if nowhere in particular)."""
        engagement = context.engagement
        if engagement is not None:
            kind, on = choice(engagement.kind).lower(), shown_date(engagement.held_on)
            if engagement.title:
                return self.tr("Feedback given at this {kind}: {title}, {date}.").format(
                    kind=kind, title=engagement.title, date=on
                )
            return self.tr("Feedback given at this {kind}, {date}.").format(kind=kind, date=on)
        if case_id is not None:
            return self.tr("Feedback from the victim of this scrutiny case.")
        return ""

    # --- reading ----------------------------------------------------------------------------

    def source(self) -> FeedbackSource:
        chosen = self.source_combo.currentData()
        # An emptied combo (the form forgotten at lock) names nobody.
        return FeedbackSource(chosen) if chosen is not None else FeedbackSource.ANONYMOUS

    def person(self) -> SourcePerson | None:
        """The participant chosen (only when the source is a participant)."""
        if self.source() is not FeedbackSource.PARTICIPANT:
            return None
        chosen = self.participant_combo.currentData()
        return self._people.get(chosen) if isinstance(chosen, int) else None

    def offers_several(self) -> bool:
        """A participant is the source and more than one could be chosen."""
        # The first entry is "Choose a code…".
        return self.source() is FeedbackSource.PARTICIPANT and self.participant_combo.count() > 2

    def participant_id(self) -> int | None:
        person = self.person()
        return person.id if person is not None else None

    def partner_id(self) -> int | None:
        if self.source() is not FeedbackSource.PARTNER:
            return None
        chosen = self.partner_combo.currentData()
        return chosen if isinstance(chosen, int) else None

    def contact_id(self) -> int | None:
        chosen = self.contact_combo.currentData() if self.partner_id() is not None else None
        return chosen if isinstance(chosen, int) else None

    # --- setting ----------------------------------------------------------------------------

    def keep_person(self, person: SourcePerson) -> None:
        """Offer `person` even if the context does not (an item's own source, when editing)."""
        if person.id not in self._people:
            self._people[person.id] = person
            self.participant_combo.addItem(person.code, person.id)

    def keep_partner(self, partner_id: int, name: str) -> None:
        if self.partner_combo.findData(partner_id) < 0:
            self.partner_combo.addItem(name, partner_id)

    def show_record(self, record: FeedbackRecord) -> None:
        """The source of an item being edited (offered even if the context would not)."""
        draft = record.draft
        if draft.participant_id is not None:
            code, consent = record.participant_code, record.quote_consent_current
            self.keep_person(SourcePerson(draft.participant_id, code, consent))
        if draft.partner_id is not None:
            self.keep_partner(draft.partner_id, record.partner_name)
        self.set_values(
            draft.source, draft.participant_id, draft.partner_id, draft.partner_contact_id
        )

    def set_values(
        self,
        source: object,
        participant_id: object = None,
        partner_id: object = None,
        contact_id: object = None,
    ) -> None:
        if source in {s.value for s in FeedbackSource}:
            choose(self.source_combo, FeedbackSource(source))
        choose(self.participant_combo, participant_id)
        choose(self.partner_combo, partner_id)
        choose(self.contact_combo, contact_id)
        self.update_rows()

    def state(self) -> dict[str, Any]:
        return {
            "source": self.source().value,
            "participant_id": self.participant_combo.currentData(),
            "partner_id": self.partner_combo.currentData(),
            "partner_contact_id": self.contact_combo.currentData(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.set_values(
            state.get("source"),
            state.get("participant_id"),
            state.get("partner_id"),
            state.get("partner_contact_id"),
        )

    def update_rows(self) -> None:
        source = self.source()
        self.show_row(self.participant_combo, source is FeedbackSource.PARTICIPANT)
        self.show_row(self.partner_combo, source is FeedbackSource.PARTNER)
        self.show_row(self.contact_combo, source is FeedbackSource.PARTNER)

    # --- reacting ---------------------------------------------------------------------------

    def _on_source(self, _index: int) -> None:
        self.update_rows()
        self.changed.emit()

    def _on_partner(self, _index: int) -> None:
        self._fill_contacts()
        self.changed.emit()

    def _fill_contacts(self) -> None:
        combo = self.contact_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("No named contact"), None)
        partner_id = self.partner_combo.currentData()
        if isinstance(partner_id, int):
            with contextlib.suppress(NotFound):
                for contact in self._services.partners.record(partner_id).contacts:
                    role = f" ({contact.details.role})" if contact.details.role else ""
                    combo.addItem(f"{contact.details.name}{role}", contact.id)
        combo.setEnabled(combo.count() > 1)
        combo.blockSignals(False)


class QuotePermission(QWidget):
    """The "may be quoted" tick, enabled only for a participant whose consent to be quoted
    holds today; when it is not, the note under it says why."""

    note_changed = Signal()

    def __init__(self, source: SourcePicker, parent: QWidget) -> None:
        super().__init__(parent)
        self._source = source
        # Editing an item whose permission is on record: kept (shown, not changeable)
        # while its participant's consent is not current, instead of quietly dropped.
        self._kept_for: int | None = None
        self.check = QCheckBox(self.tr("They allo&w this quote to be used (anonymised)"), self)
        self.check.setAccessibleName(self.tr("Permission to use this quote"))
        self.note = note_label("", self)
        self.note.setObjectName("quotePermissionNote")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.check)
        layout.addWidget(self.note)
        # Room the form hands out beyond the wrapped note's height goes below it.
        layout.addStretch(1)
        self.setFocusProxy(self.check)
        source.changed.connect(self.update_state)

    def given(self) -> bool:
        return self.check.isChecked()

    def set_given(self, given: bool, *, on_record: bool = False) -> None:
        person = self._source.person()
        if on_record:
            self._kept_for = person.id if given and person is not None else None
        if self.check.isEnabled() or on_record:
            self.check.setChecked(given)
        self.update_state()

    def update_state(self) -> None:
        person = self._source.person()
        reason = ""
        if self._source.source() is not FeedbackSource.PARTICIPANT:
            reason = self.tr("Only a participant on the roster can give permission to be quoted.")
        elif person is None:
            reason = self.tr("Choose the participant first.")
        elif not person.quote_consent:
            reason = self.tr(
                "{code} has no current consent to be quoted: record it on their Consent tab first."
            ).format(code=person.code)
        kept = bool(reason) and person is not None and person.id == self._kept_for
        if kept:
            reason += " " + self.tr("The permission already on record stays as it was.")
        if reason and not kept:
            self.check.setChecked(False)
        self.check.setEnabled(not reason)
        self.check.setAccessibleDescription(reason)
        if reason != self.note.text():
            self.note.setText(reason)
            self.note.setVisible(bool(reason))
            self.note_changed.emit()
