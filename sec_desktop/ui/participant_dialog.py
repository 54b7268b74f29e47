"""Adding a participant (details, safe contact rules and communication needs, on three
tabs) and editing their details.

This is a contact screen: the name is typed and shown here. Welsh is offered without
being asked: the preferred language is a choice of English and Welsh, side by side and
equal, before "other". Every problem the service finds is shown at once, under its
field, whichever tab it is on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.enums import AgeBand, Language, ParticipantStatus, ReferralRoute
from sec_desktop.services.errors import FieldError, ValidationFailed
from sec_desktop.services.participant_records import (
    CommunicationNeeds,
    ParticipantDetails,
    ParticipantRecord,
    SafeContactRules,
)
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.roster import validate_details, validate_rules
from sec_desktop.ui.before_you_contact import BeforeYouContactPanel
from sec_desktop.ui.communication_dialog import NeedsForm
from sec_desktop.ui.participant_fields import (
    DateField,
    choice_combo,
    choose,
    date_or_none,
    draft_value,
    line_edit,
    new_form,
    note_label,
    notes_edit,
    one_year_on,
    partner_combo,
    scrolled,
)
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.safe_contact_form import SafeContactForm

DRAFT_KEY = "participant_details"
DIALOG_WIDTH = 980
DIALOG_HEIGHT = 640
EDIT_WIDTH = 620
NOTES_LINES = 6


def _add_checked(details: ParticipantDetails, rules: SafeContactRules, today: date) -> None:
    """Every problem with a new participant at once: the service checks the details
    before it looks at the rules."""
    errors: list[FieldError] = []
    try:
        validate_details(details, today)
    except ValidationFailed as failed:
        errors.extend(failed.errors)
    try:
        validate_rules(rules)
    except ValidationFailed as failed:
        errors.extend(failed.errors)
    if errors:
        raise ValidationFailed(errors)


class ParticipantDialog(RecordDialog):
    """Add a participant (`record` None) or edit one's details."""

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        record: ParticipantRecord | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, DRAFT_KEY, parent)
        self.setObjectName("participantDialog")
        self._services = services
        self._record = record
        adding = record is None
        self.setWindowTitle(
            self.tr("Add participant")
            if record is None
            else self.tr("Edit details: {code}").format(code=record.ref.code)
        )
        keep = record.details.referral_partner_id if record is not None else None
        # The tabs first, so that Tab goes from the tab bar into the fields.
        self.tabs: QTabWidget | None = QTabWidget(self) if adding else None
        self.details_page = QWidget(self)
        self._build_details(self.details_page, keep)
        self.contact_form: SafeContactForm | None = None
        self.needs_form: NeedsForm | None = None
        self.preview: BeforeYouContactPanel | None = None
        if adding:
            self._build_tabs()
            self.fit_height = False
            self.resize(DIALOG_WIDTH, DIALOG_HEIGHT)
        else:
            self.body.addWidget(self.details_page)
            self.setMinimumWidth(EDIT_WIDTH)
        self.set_details(record.details if record is not None else self._new_details())
        self.name_edit.setFocus()

    # --- building -------------------------------------------------------------------------

    def _build_details(self, page: QWidget, keep: int | None) -> None:
        self.name_edit = line_edit(page, 200)
        self.pronouns_edit = line_edit(page, 60)
        self.pronouns_edit.setPlaceholderText(self.tr("For example: she/her, they/them"))
        language_box = QWidget(page)
        self.language_group = QButtonGroup(language_box)
        self.language_radios: dict[Language, QRadioButton] = {}
        row = QHBoxLayout(language_box)
        row.setContentsMargins(0, 0, 0, 0)
        for language in Language:  # English and Welsh first, side by side
            radio = QRadioButton(language_label(language), language_box)
            radio.setAccessibleName(language_label(language))
            self.language_group.addButton(radio)
            self.language_radios[language] = radio
            row.addWidget(radio)
        self.language_other_edit = line_edit(language_box, 80)
        self.language_other_edit.setAccessibleName(self.tr("Which other language"))
        self.language_other_edit.setPlaceholderText(self.tr("Which language"))
        row.addWidget(self.register("language_other", self.language_other_edit), 1)
        language_box.setFocusProxy(self.language_radios[Language.ENGLISH])
        self.age_combo = choice_combo(page, list(AgeBand), self.tr("Not recorded"))
        self.route_combo = choice_combo(page, list(ReferralRoute))
        self.partner_combo = partner_combo(self._services, page, self.tr("No partner"), keep)
        today = self._services.today()
        self.referred_field = DateField(
            self.tr("Referral date"),
            None,
            page,
            none_name=self.tr("No referral date"),
            fallback=today,
        )
        self.status_combo = choice_combo(page, list(ParticipantStatus))
        self.review_field = DateField(
            self.tr("Record review date"),
            None,
            page,
            none_name=self.tr("No record review date"),
            fallback=one_year_on(today),
        )
        self.notes_edit = notes_edit(page, NOTES_LINES)

        form = new_form()
        add = self.add_row
        add(form, self.tr("&Name:"), self.name_edit, self.tr("Name"), "name")
        add(form, self.tr("&Pronouns:"), self.pronouns_edit, self.tr("Pronouns"), "pronouns")
        label = add(form, self.tr("Preferred &language:"), language_box, self.tr("Language"))
        label.setBuddy(self.language_radios[Language.ENGLISH])
        add(form, self.tr("&Age band:"), self.age_combo, self.tr("Age band"))
        add(form, self.tr("&Referral route:"), self.route_combo, self.tr("Referral route"))
        add(form, self.tr("Referred &by:"), self.partner_combo, self.tr("Referring partner"))
        add(form, self.tr("Referral &date:"), self.referred_field, None, "referred_on")
        add(form, self.tr("S&tatus:"), self.status_combo, self.tr("Status"))
        add(
            form,
            self.tr("Record re&view:"),
            self.review_field,
            None,
            "record_review_on",
            note=self.tr("On this date, check with them whether the record is still needed."),
        )
        add(form, self.tr("N&otes:"), self.notes_edit, self.tr("Notes"), "notes")
        page.setLayout(form)

        self.language_group.buttonToggled.connect(lambda *_: self._update_language())

    def _build_tabs(self) -> None:
        if self.tabs is None:
            return
        self.tabs.setAccessibleName(self.tr("Parts of the record"))
        self.tabs.tabBar().setAccessibleName(self.tr("Parts of the record"))
        self.tabs.addTab(scrolled(self.details_page, self.tabs), self.tr("Details"))

        contact_page = QWidget(self.tabs)
        self.contact_form = SafeContactForm(self, contact_page)
        self.preview = BeforeYouContactPanel(contact_page)
        preview_column = QVBoxLayout()
        preview_column.addWidget(self.preview)
        preview_column.addStretch(1)
        row = QHBoxLayout(contact_page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(scrolled(self.contact_form, contact_page), 3)
        row.addLayout(preview_column, 2)
        self.tabs.addTab(contact_page, self.tr("Safe contact"))
        self.contact_form.changed.connect(self._update_preview)
        self._update_preview()

        needs_page = QWidget(self.tabs)
        self.needs_form = NeedsForm(self, needs_page)
        equality_note = note_label(
            self.tr(
                "Equality monitoring is asked separately, and only if they are happy to "
                "answer: from their page, on the “Communication and equality” tab."
            ),
            needs_page,
        )
        needs_column = QVBoxLayout(needs_page)
        needs_column.addWidget(self.needs_form)
        needs_column.addSpacing(12)
        needs_column.addWidget(equality_note)
        needs_column.addStretch(1)
        self.tabs.addTab(scrolled(needs_page, self.tabs), self.tr("Communication needs"))
        self.body.addWidget(self.tabs)

    def _new_details(self) -> ParticipantDetails:
        today = self._services.today()
        return ParticipantDetails(name="", referred_on=today, record_review_on=one_year_on(today))

    # --- values ---------------------------------------------------------------------------

    @property
    def participant_id(self) -> int | None:
        return None if self._record is None else self._record.ref.id

    def language(self) -> Language:
        for language, radio in self.language_radios.items():
            if radio.isChecked():
                return language
        return Language.ENGLISH

    def details(self) -> ParticipantDetails:
        partner = self.partner_combo.currentData()
        return ParticipantDetails(
            name=self.name_edit.text(),
            pronouns=self.pronouns_edit.text(),
            language=self.language(),
            language_other=self.language_other_edit.text(),
            age_band=self.age_combo.currentData(),
            referral_route=ReferralRoute(self.route_combo.currentData()),
            referral_partner_id=int(partner) if partner is not None else None,
            referred_on=self.referred_field.value(),
            status=ParticipantStatus(self.status_combo.currentData()),
            notes=self.notes_edit.toPlainText(),
            record_review_on=self.review_field.value(),
        )

    def set_details(self, details: ParticipantDetails) -> None:
        self.name_edit.setText(details.name)
        self.pronouns_edit.setText(details.pronouns)
        self.language_radios[details.language].setChecked(True)
        self.language_other_edit.setText(details.language_other)
        self.age_combo.setCurrentIndex(0)
        choose(self.age_combo, details.age_band)
        choose(self.route_combo, details.referral_route)
        self.partner_combo.setCurrentIndex(0)
        choose(self.partner_combo, details.referral_partner_id)
        self.referred_field.set_value(details.referred_on)
        choose(self.status_combo, details.status)
        self.review_field.set_value(details.record_review_on)
        self.notes_edit.setPlainText(details.notes)
        self._update_language()

    def _update_language(self) -> None:
        self.language_other_edit.setEnabled(self.language() is Language.OTHER)

    def _update_preview(self) -> None:
        if self.preview is not None and self.contact_form is not None:
            self.preview.show_rules(self.contact_form.rules())

    # --- saving ---------------------------------------------------------------------------

    def work(self) -> Callable[[], object]:
        details, services = self.details(), self._services
        if self._record is not None:
            participant_id = self._record.ref.id
            return lambda: services.roster.update_details(participant_id, details)
        contact_form, needs_form = self.contact_form, self.needs_form
        rules = contact_form.rules() if contact_form is not None else SafeContactRules()
        needs = needs_form.needs() if needs_form is not None else CommunicationNeeds()
        contact = rules if rules != SafeContactRules() else None

        def add() -> object:
            _add_checked(details, rules, services.today())
            return services.roster.add(details, contact, needs)

        return add

    # --- drafts ---------------------------------------------------------------------------

    def input_state(self) -> dict[str, Any]:
        details = self.details()
        state: dict[str, Any] = {
            "participant_id": self.participant_id,
            "details": {name: draft_value(getattr(details, name)) for name in _DETAIL_FIELDS},
        }
        if self.contact_form is not None and self.needs_form is not None:
            state["contact"] = self.contact_form.state()
            state["communication"] = self.needs_form.state()
        return state

    def restore_input(self, state: dict[str, Any]) -> None:
        saved = state.get("details", {})
        if isinstance(saved, dict):
            self.set_details(_details_from(saved))
        contact, communication = state.get("contact"), state.get("communication")
        if self.contact_form is not None and isinstance(contact, dict):
            self.contact_form.restore(contact)
        if self.needs_form is not None and isinstance(communication, dict):
            self.needs_form.restore(communication)


_DETAIL_FIELDS = (
    "name",
    "pronouns",
    "language",
    "language_other",
    "age_band",
    "referral_route",
    "referral_partner_id",
    "referred_on",
    "status",
    "notes",
    "record_review_on",
)


def language_label(language: Language) -> str:
    return QCoreApplication.translate("Choices", language.label)


def _details_from(saved: dict[str, Any]) -> ParticipantDetails:
    def member(enum: type[Any], value: object, default: Any) -> Any:
        try:
            return enum(value) if value is not None else default
        except ValueError:
            return default

    partner = saved.get("referral_partner_id")
    return ParticipantDetails(
        name=str(saved.get("name", "")),
        pronouns=str(saved.get("pronouns", "")),
        language=member(Language, saved.get("language"), Language.ENGLISH),
        language_other=str(saved.get("language_other", "")),
        age_band=member(AgeBand, saved.get("age_band"), None),
        referral_route=member(ReferralRoute, saved.get("referral_route"), ReferralRoute.SELF_OTHER),
        referral_partner_id=int(partner) if isinstance(partner, int) else None,
        referred_on=date_or_none(saved.get("referred_on")),
        status=member(ParticipantStatus, saved.get("status"), ParticipantStatus.ENQUIRY),
        notes=str(saved.get("notes", "")),
        record_review_on=date_or_none(saved.get("record_review_on")),
    )
