"""The first tabs of the participant page: the profile (details, referral, memberships)
and safe contact. Each shows one record and offers the dialog that changes it; the page
opens the dialogs."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sec_desktop.domain.enums import Language
from sec_desktop.services.participant_records import (
    MembershipRecord,
    ParticipantRecord,
)
from sec_desktop.ui.before_you_contact import BeforeYouContactPanel
from sec_desktop.ui.membership_dialog import joinable
from sec_desktop.ui.participant_fields import shown_date
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

# What the service writes when a withdrawal of consent ends a membership.
WITHDRAWN_REASON = "consent withdrawn"


def page_layout(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(12, 12, 12, 12)
    layout.setSpacing(8)
    return layout


def language_text(record: ParticipantRecord) -> str:
    details = record.details
    if details.language is Language.OTHER and details.language_other:
        return details.language_other
    return choice(details.language)


class ProfileTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileTab")
        self.edit_button = button(self.tr("&Edit details\u2026"), self.tr("Edit details"), self)
        self.values: dict[str, QLabel] = {
            key: value_label(self)
            for key in (
                "name",
                "pronouns",
                "language",
                "age_band",
                "referral_route",
                "referral_partner",
                "referred_on",
                "status",
                "record_review_on",
                "notes",
            )
        }
        v = self.values
        facts = facts_form(
            self,
            [
                (self.tr("Name:"), v["name"]),
                (self.tr("Pronouns:"), v["pronouns"]),
                (self.tr("Preferred language:"), v["language"]),
                (self.tr("Age band:"), v["age_band"]),
                (self.tr("Referral route:"), v["referral_route"]),
                (self.tr("Referred by:"), v["referral_partner"]),
                (self.tr("Referral date:"), v["referred_on"]),
                (self.tr("Status:"), v["status"]),
                (self.tr("Record review:"), v["record_review_on"]),
                (self.tr("Notes:"), v["notes"]),
            ],
        )
        self.join_button = button(self.tr("&Join a group\u2026"), self.tr("Join a group"), self)
        self.leave_button = button(self.tr("&Leave group\u2026"), self.tr("Leave group"), self)
        self.memberships_table = read_only_table(
            [self.tr("Group"), self.tr("Joined"), self.tr("Role"), self.tr("Left"), self.tr("Why")],
            self.tr("Memberships"),
            self,
        )
        layout = page_layout(self)
        layout.addLayout(heading_row(subheading(self.tr("Details"), self), self.edit_button))
        layout.addLayout(facts)
        layout.addSpacing(8)
        layout.addLayout(
            heading_row(
                subheading(self.tr("Memberships"), self), self.join_button, self.leave_button
            )
        )
        layout.addWidget(self.memberships_table, 1)
        self.memberships_table.itemSelectionChanged.connect(self._update_buttons)
        self._record: ParticipantRecord | None = None
        self.show_record(None, "", date.min)

    def show_record(self, record: ParticipantRecord | None, partner: str, today: date) -> None:
        self._record = record
        if record is None:
            for label in self.values.values():
                label.clear()
            self.memberships_table.setRowCount(0)
            self._update_buttons()
            return
        d = record.details
        none = self.tr("Not recorded")
        review = shown_date(d.record_review_on) if d.record_review_on else none
        if d.record_review_on is not None and d.record_review_on < today:
            review = self.tr("{date} (overdue)").format(date=review)
        texts = {
            "name": d.name,
            "pronouns": d.pronouns or none,
            "language": language_text(record),
            "age_band": choice(d.age_band) if d.age_band else none,
            "referral_route": choice(d.referral_route),
            "referral_partner": partner or self.tr("No partner"),
            "referred_on": shown_date(d.referred_on) if d.referred_on else none,
            "status": choice(d.status),
            "record_review_on": review,
            "notes": d.notes or self.tr("None"),
        }
        for key, text in texts.items():
            self.values[key].setText(text)
        # Current memberships first, then the past ones, each newest first.
        memberships = sorted(
            record.memberships, key=lambda m: (m.active, m.joined_on, m.id), reverse=True
        )
        fill_table(
            self.memberships_table,
            [self._membership_row(m) for m in memberships],
            [m.id for m in memberships],
        )
        self._update_buttons()

    def _membership_row(self, m: MembershipRecord) -> list[str]:
        reason = (
            self.tr("Consent withdrawn") if m.left_reason == WITHDRAWN_REASON else m.left_reason
        )
        return [
            choice(m.group),
            shown_date(m.joined_on),
            m.role,
            shown_date(m.left_on) if m.left_on else self.tr("Still a member"),
            reason,
        ]

    def selected_membership(self) -> MembershipRecord | None:
        wanted = selected_id(self.memberships_table)
        memberships = self._record.memberships if self._record else ()
        return next((m for m in memberships if m.id == wanted), None)

    def _update_buttons(self) -> None:
        shown = self._record is not None
        self.edit_button.setEnabled(shown)
        self.join_button.setEnabled(self._record is not None and bool(joinable(self._record)))
        chosen = self.selected_membership()
        self.leave_button.setEnabled(chosen is not None and chosen.active)


class SafeContactTab(QWidget):
    """The rules first, in the panel; the details to use underneath."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("safeContactTab")
        self.panel = BeforeYouContactPanel(self)
        self.edit_button = button(
            self.tr("Edit safe &contact rules\u2026"), self.tr("Edit safe contact rules"), self
        )
        self.phone_value = value_label(self)
        self.email_value = value_label(self)
        self.address_value = value_label(self)
        self.third_party_value = value_label(self)
        facts = facts_form(
            self,
            [
                (self.tr("Phone:"), self.phone_value),
                (self.tr("Email:"), self.email_value),
                (self.tr("Postal address:"), self.address_value),
                (self.tr("Trusted third party:"), self.third_party_value),
            ],
        )
        layout = page_layout(self)
        layout.addWidget(self.panel)
        layout.addSpacing(4)
        layout.addLayout(
            heading_row(subheading(self.tr("Contact details"), self), self.edit_button)
        )
        layout.addLayout(facts)
        layout.addStretch(1)
        self.show_record(None)

    def show_record(self, record: ParticipantRecord | None) -> None:
        self.edit_button.setEnabled(record is not None)
        rules = record.safe_contact if record is not None else None
        self.panel.show_rules(rules)
        if rules is None:
            for label in (
                self.phone_value,
                self.email_value,
                self.address_value,
                self.third_party_value,
            ):
                label.clear()
            return
        none = self.tr("Not recorded")
        self.phone_value.setText(rules.phone or none)
        self.email_value.setText(rules.email or none)
        self.address_value.setText(rules.postal_address or none)
        name = rules.third_party_name
        third = (
            self.tr("{name}: {contact}").format(name=name, contact=rules.third_party_contact)
            if name and rules.third_party_contact
            else name or none
        )
        self.third_party_value.setText(third)
