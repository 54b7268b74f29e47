"""Recording a consent (one purpose at a time, with a review date) and withdrawing one.

Withdrawal takes effect at once, everywhere: before confirming, the dialog says exactly
what will happen to this person's memberships and waiting invitations, worked out from
their record the same way the service will do it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from sec_desktop.domain.enums import (
    ConsentMethod,
    ConsentPurpose,
    InvitationResponse,
)
from sec_desktop.services.consent import ConsentGiven, groups_needing
from sec_desktop.services.participant_records import ConsentRecord, ParticipantRecord
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.participant_fields import (
    DateField,
    choice_combo,
    choose,
    date_or_none,
    new_form,
    note_label,
    notes_edit,
    one_year_on,
    partner_combo,
    shown_date,
)
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter

GIVE_DRAFT_KEY = "participant_consent"
WITHDRAW_DRAFT_KEY = "participant_consent_withdrawal"
DIALOG_WIDTH = 600


def _choice(member: Any) -> str:
    return QCoreApplication.translate("Choices", member.label)


def purpose_text(consent: ConsentRecord) -> str:
    """The purpose as shown, with the partner for sharing with a named partner."""
    if consent.purpose is ConsentPurpose.PARTNER_SHARING and consent.partner_name:
        return QCoreApplication.translate("ConsentDialog", "{purpose}: {partner}").format(
            purpose=_choice(consent.purpose), partner=consent.partner_name
        )
    return _choice(consent.purpose)


def withdrawal_effects(record: ParticipantRecord, consent: ConsentRecord, today: date) -> list[str]:
    """What withdrawing `consent` will change, one sentence each (as ConsentService does:
    memberships that needed it end, invitations waiting on it are cancelled)."""
    purpose = consent.purpose
    others = [
        c
        for c in record.consents
        if c.id != consent.id and c.purpose is purpose and c.is_current(today)
    ]
    effects: list[str] = []
    if purpose is ConsentPurpose.PARTNER_SHARING:
        effects.append(
            QCoreApplication.translate(
                "ConsentDialog", "Nothing more about them may be shared with {partner}."
            ).format(
                partner=consent.partner_name
                or QCoreApplication.translate("ConsentDialog", "that partner")
            )
        )
    if others:
        # Another consent for the purpose (another partner) still holds: nothing else ends.
        return effects
    affected = set(groups_needing(purpose))
    for membership in record.memberships:
        if membership.active and membership.group in affected:
            effects.append(
                QCoreApplication.translate("ConsentDialog", "They will leave the {group}.").format(
                    group=_choice(membership.group)
                )
            )
    for invitation in record.invitations:
        waiting = invitation.response is InvitationResponse.AWAITING
        if waiting and (purpose is ConsentPurpose.CONTACT or invitation.group in affected):
            effects.append(
                QCoreApplication.translate(
                    "ConsentDialog",
                    "The invitation to the {group} sent on {date}, waiting for a reply, will "
                    "be cancelled.",
                ).format(group=_choice(invitation.group), date=shown_date(invitation.invited_on))
            )
    consequence = {
        ConsentPurpose.CONTACT: QCoreApplication.translate(
            "ConsentDialog",
            "Nobody may contact them about opportunities, and they cannot be invited to anything.",
        ),
        ConsentPurpose.REPORTING: QCoreApplication.translate(
            "ConsentDialog", "Their feedback will no longer be used in reports."
        ),
        ConsentPurpose.QUOTE: QCoreApplication.translate(
            "ConsentDialog", "They will no longer be quoted in briefings."
        ),
        ConsentPurpose.TRAINING: QCoreApplication.translate(
            "ConsentDialog", "Their story will no longer be used in officer training."
        ),
    }.get(purpose)
    if consequence:
        effects.append(consequence)
    return effects


class ConsentDialog(RecordDialog):
    """Record a consent given for one purpose."""

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: ParticipantRecord,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, GIVE_DRAFT_KEY, parent)
        self.setObjectName("consentDialog")
        self.setWindowTitle(self.tr("Record consent: {code}").format(code=record.ref.code))
        self._services = services
        self._participant_id = record.ref.id
        today = services.today()

        intro = note_label(
            self.tr(
                "One purpose at a time. Consent can be withdrawn at any time, and then it "
                "ends everywhere at once."
            ),
            self,
        )
        self.purpose_combo = choice_combo(self, list(ConsentPurpose))
        self.partner_combo = partner_combo(services, self, self.tr("Choose a partner"))
        self.given_field = DateField(self.tr("Given on"), today, self)
        self.method_combo = choice_combo(self, list(ConsentMethod))
        self.review_field = DateField(
            self.tr("Review date"),
            one_year_on(today),
            self,
            none_name=self.tr("No review date"),
            fallback=one_year_on(today),
        )
        self.note_edit = notes_edit(self, 3)

        form = new_form()
        add = self.add_row
        add(form, self.tr("&Purpose:"), self.purpose_combo, self.tr("Purpose"))
        self.partner_label = add(
            form, self.tr("Pa&rtner:"), self.partner_combo, self.tr("Partner"), "partner"
        )
        add(form, self.tr("&Given on:"), self.given_field, None, "given_on")
        add(form, self.tr("&How given:"), self.method_combo, self.tr("How consent was given"))
        add(
            form,
            self.tr("Re&view on:"),
            self.review_field,
            None,
            "review_on",
            note=self.tr("Check with them once a year that it still holds."),
        )
        add(form, self.tr("N&ote:"), self.note_edit, self.tr("Note"), "consent_note")
        self._form = form
        self.body.addWidget(intro)
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.setMinimumWidth(DIALOG_WIDTH)

        self.purpose_combo.currentIndexChanged.connect(lambda _i: self._update_partner())
        self._update_partner()
        self.purpose_combo.setFocus()

    @property
    def participant_id(self) -> int:
        return self._participant_id

    def _update_partner(self) -> None:
        sharing = self.purpose() is ConsentPurpose.PARTNER_SHARING
        self._form.setRowVisible(self.partner_label, sharing)

    def purpose(self) -> ConsentPurpose:
        return ConsentPurpose(self.purpose_combo.currentData())

    def consent(self) -> ConsentGiven:
        partner = self.partner_combo.currentData()
        given = self.given_field.value() or self._services.today()
        return ConsentGiven(
            purpose=self.purpose(),
            given_on=given,
            method=ConsentMethod(self.method_combo.currentData()),
            review_on=self.review_field.value(),
            note=self.note_edit.toPlainText(),
            partner_id=(
                int(partner)
                if partner is not None and self.purpose() is ConsentPurpose.PARTNER_SHARING
                else None
            ),
        )

    def work(self) -> Callable[[], object]:
        consent, service, participant_id = (
            self.consent(),
            self._services.consent,
            self._participant_id,
        )
        return lambda: service.give(participant_id, consent)

    def input_state(self) -> dict[str, Any]:
        review, given = self.review_field.value(), self.given_field.value()
        return {
            "participant_id": self._participant_id,
            "purpose": self.purpose().value,
            "partner_id": self.partner_combo.currentData(),
            "given_on": given.isoformat() if given else None,
            "method": ConsentMethod(self.method_combo.currentData()).value,
            "review_on": review.isoformat() if review else None,
            "note": self.note_edit.toPlainText(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        choose(self.purpose_combo, _member(ConsentPurpose, state.get("purpose")))
        self.partner_combo.setCurrentIndex(0)
        choose(self.partner_combo, state.get("partner_id"))
        given = date_or_none(state.get("given_on"))
        if given is not None:
            self.given_field.set_value(given)
        choose(self.method_combo, _member(ConsentMethod, state.get("method")))
        self.review_field.set_value(date_or_none(state.get("review_on")))
        self.note_edit.setPlainText(str(state.get("note", "")))


def _member(enum: type[Any], value: object) -> Any:
    try:
        return enum(value)
    except ValueError:
        return None


class WithdrawConsentDialog(RecordDialog):
    """Withdraw one consent, after saying what will happen."""

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: ParticipantRecord,
        consent: ConsentRecord,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, WITHDRAW_DRAFT_KEY, parent)
        self.setObjectName("withdrawConsentDialog")
        self.setWindowTitle(self.tr("Withdraw consent: {code}").format(code=record.ref.code))
        self._services = services
        self._participant_id = record.ref.id
        self._consent_id = consent.id
        today = services.today()

        self.purpose_label = note_label(
            self.tr("Consent to withdraw: {purpose} (given {date}).").format(
                purpose=purpose_text(consent), date=shown_date(consent.given_on)
            ),
            self,
        )
        effects = withdrawal_effects(record, consent, today)
        self.effects_label = note_label(
            self.tr("This takes effect now:") if effects else self.tr("This takes effect now."),
            self,
        )
        bold = QFont(self.effects_label.font())
        bold.setBold(True)
        self.effects_label.setFont(bold)
        self.effects_list = note_label("\n".join(f"\u2022 {e}" for e in effects), self)
        self.effects_list.setVisible(bool(effects))
        self.withdrawn_field = DateField(self.tr("They withdrew it on"), today, self)

        form = new_form()
        self.add_row(
            form, self.tr("They &withdrew it on:"), self.withdrawn_field, None, "withdrawn_on"
        )
        self.body.addWidget(self.purpose_label)
        self.body.addWidget(self.effects_label)
        self.body.addWidget(self.effects_list)
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.save_button.setText(self.tr("&Withdraw consent"))
        self.save_button.setAccessibleName(self.tr("Withdraw consent"))
        self.setMinimumWidth(DIALOG_WIDTH)
        self.setAccessibleDescription(self.effects_text())
        self.cancel_button.setFocus()

    @property
    def participant_id(self) -> int:
        return self._participant_id

    @property
    def consent_id(self) -> int:
        return self._consent_id

    def effects_text(self) -> str:
        parts = [self.effects_label.text()]
        if not self.effects_list.isHidden():
            parts.append(self.effects_list.text())
        return "\n".join(parts)

    def work(self) -> Callable[[], object]:
        service, participant_id, consent_id = (
            self._services.consent,
            self._participant_id,
            self._consent_id,
        )
        on = self.withdrawn_field.value()
        return lambda: service.withdraw(participant_id, consent_id, on)

    def input_state(self) -> dict[str, Any]:
        on = self.withdrawn_field.value()
        return {
            "participant_id": self._participant_id,
            "consent_id": self._consent_id,
            "withdrawn_on": on.isoformat() if on else None,
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        on = date_or_none(state.get("withdrawn_on"))
        if on is not None:
            self.withdrawn_field.set_value(on)
