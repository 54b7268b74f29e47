"""A case reviewed by a scrutiny panel: the force's crime reference, the offence, the
outcome, the victim (contacted? agreed to give feedback? on the roster by pseudonym?),
the questions for the panel, the journey timeline and the Victims' Code rights.

Three tabs, one form. The crime reference is checked against the force's format as it is
typed (the same check the service makes on saving). A problem with a timeline entry is
shown under its row on the timeline tab, whose title then says to check it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.engagement_enums import TermKind, VictimsRight
from sec_desktop.services.errors import RecordError, ValidationFailed
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.scrutiny_records import CaseDetails, CaseRecord, MeetingRecord
from sec_desktop.ui.case_rights_editor import CaseRightsEditor
from sec_desktop.ui.case_timeline_editor import CaseTimelineEditor
from sec_desktop.ui.form_errors import FieldWithError, error_text
from sec_desktop.ui.participant_fields import line_edit, new_form, notes_edit, scrolled, shown_date
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.scrutiny_meeting_dialog import panel_text

DRAFT_KEY = "scrutiny_case"
DIALOG_WIDTH, DIALOG_HEIGHT = 860, 600
REFERENCE_LENGTH = 40
SHORT_LENGTH = 120
CODE_LENGTH = 12


def outcome_suggestions() -> list[str]:
    """Home Office crime outcome codes met most in DA and RASSO cases (free text too)."""
    return [
        QCoreApplication.translate("CaseOutcomes", "Outcome 1: charged or summonsed"),
        QCoreApplication.translate("CaseOutcomes", "Outcome 3: adult caution"),
        QCoreApplication.translate("CaseOutcomes", "Outcome 8: community resolution"),
        QCoreApplication.translate(
            "CaseOutcomes", "Outcome 9: prosecution not in the public interest (CPS)"
        ),
        QCoreApplication.translate(
            "CaseOutcomes", "Outcome 10: formal action not in the public interest (police)"
        ),
        QCoreApplication.translate(
            "CaseOutcomes", "Outcome 14: victim does not support action, suspect not identified"
        ),
        QCoreApplication.translate(
            "CaseOutcomes", "Outcome 15: evidential difficulties, victim supports action"
        ),
        QCoreApplication.translate(
            "CaseOutcomes", "Outcome 16: evidential difficulties, victim does not support action"
        ),
        QCoreApplication.translate(
            "CaseOutcomes", "Outcome 18: investigation complete, no suspect identified"
        ),
        QCoreApplication.translate(
            "CaseOutcomes", "Outcome 21: further investigation not in the public interest"
        ),
        QCoreApplication.translate("CaseOutcomes", "Convicted at court"),
        QCoreApplication.translate("CaseOutcomes", "Acquitted at court"),
    ]


def offence_suggestions() -> list[str]:
    return [
        QCoreApplication.translate("CaseOutcomes", "Controlling or coercive behaviour"),
        QCoreApplication.translate("CaseOutcomes", "Assault occasioning actual bodily harm"),
        QCoreApplication.translate("CaseOutcomes", "Common assault"),
        QCoreApplication.translate("CaseOutcomes", "Non-fatal strangulation"),
        QCoreApplication.translate("CaseOutcomes", "Stalking"),
        QCoreApplication.translate("CaseOutcomes", "Harassment"),
        QCoreApplication.translate("CaseOutcomes", "Breach of a non-molestation order"),
        QCoreApplication.translate("CaseOutcomes", "Rape"),
        QCoreApplication.translate("CaseOutcomes", "Assault by penetration"),
        QCoreApplication.translate("CaseOutcomes", "Sexual assault"),
    ]


def suggestion_combo(parent: QWidget, suggestions: list[str], limit: int) -> QComboBox:
    """Free text with common answers offered (type-ahead completes from them)."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(suggestions)
    combo.setCurrentIndex(-1)
    combo.setMinimumContentsLength(30)
    # As wide as the column, so that the two lists line up and long outcomes show whole.
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    line = combo.lineEdit()
    if line is not None:
        line.setMaxLength(limit)
    return combo


def name_editor(combo: QComboBox) -> None:
    """An editable combo's text box takes the focus: screen readers ask it for the name."""
    line = combo.lineEdit()
    if line is not None:
        line.setAccessibleName(combo.accessibleName())


class ScrutinyCaseDialog(RecordDialog):
    """Add a case to `meeting` (`case` None) or change one."""

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        meeting: MeetingRecord,
        case: CaseRecord | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, DRAFT_KEY, parent)
        self.setObjectName("scrutinyCaseDialog")
        # No crime reference in the title: it identifies a case.
        self.setWindowTitle(self.tr("Add case") if case is None else self.tr("Edit case"))
        self._services = services
        self._meeting = meeting
        self._case = case
        self._format = services.scrutiny.references.format()
        self.set_intro(
            self.tr("A case reviewed by the {panel} panel on {date}.").format(
                panel=panel_text(meeting.panel), date=shown_date(meeting.details.held_on)
            )
        )
        self.fit_height = False

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("caseTabs")
        self.tabs.setAccessibleName(self.tr("Parts of the case"))
        self.tabs.tabBar().setAccessibleName(self.tr("Parts of the case"))
        self.tabs.addTab(self._build_case_tab(), self.tr("&Case"))
        self.timeline = CaseTimelineEditor(services.today(), self)
        used = {e.stage_id for e in case.details.timeline} if case else set()
        self.timeline.set_stages(
            [
                t
                for t in services.taxonomy.terms(TermKind.STAGE, include_retired=True)
                if not t.retired or t.id in used
            ]
        )
        self.tabs.addTab(self._tab_of(self.timeline), self.tr("&Journey timeline"))
        self.rights = CaseRightsEditor(self)
        self.tabs.addTab(
            self._tab_of(scrolled(self.rights, self)), self.tr("Victims' Code ri&ghts")
        )
        self.body.addWidget(self.tabs, 1)
        self.resize(DIALOG_WIDTH, DIALOG_HEIGHT)
        self.setMinimumWidth(DIALOG_WIDTH)

        if case is not None:
            self._show(case.details)
        self.reference_edit.textChanged.connect(lambda _t: self._check_reference(False))
        self.reference_edit.editingFinished.connect(lambda: self._check_reference(True))
        self.contacted_check.toggled.connect(self._on_contacted)
        self._on_contacted(self.contacted_check.isChecked())
        self.reference_edit.setFocus()

    def _build_case_tab(self) -> QWidget:
        page = QWidget(self)
        self.reference_edit = line_edit(page, REFERENCE_LENGTH)
        self.reference_edit.setPlaceholderText(self._format.example)
        # As wide as the longest reference kept, not the whole form.
        char = self.reference_edit.fontMetrics().averageCharWidth()
        self.reference_edit.setMaximumWidth(char * (REFERENCE_LENGTH + 4))
        self.offence_combo = suggestion_combo(page, offence_suggestions(), SHORT_LENGTH)
        self.outcome_combo = suggestion_combo(page, outcome_suggestions(), SHORT_LENGTH)
        self.contacted_check = QCheckBox(
            self.tr("The victim was c&ontacted about this review"), page
        )
        self.contacted_check.setAccessibleName(self.tr("The victim was contacted"))
        self.agreed_check = QCheckBox(self.tr("They &agreed to give feedback"), page)
        self.agreed_check.setAccessibleName(self.tr("They agreed to give feedback"))
        self.code_edit = line_edit(page, CODE_LENGTH)
        self.code_edit.setPlaceholderText(self.tr("S-0042"))
        self.code_edit.setMaximumWidth(char * 18)
        self.questions_edit = notes_edit(page, 4)

        form = new_form()
        add = self.add_row
        add(
            form,
            self.tr("Crime &reference:"),
            self.reference_edit,
            self.tr("Crime reference"),
            "crime_reference",
            note=self.tr("In your force's format, for example {example}.").format(
                example=self._format.example
            ),
        )
        add(form, self.tr("O&ffence:"), self.offence_combo, self.tr("Offence"), "offence_type")
        add(form, self.tr("Ou&tcome:"), self.outcome_combo, self.tr("Outcome"), "outcome")
        form.addRow("", self.contacted_check)
        form.addRow("", self.register("victim_agreed", self.agreed_check))
        add(
            form,
            self.tr("Victim's &pseudonym:"),
            self.code_edit,
            self.tr("Victim's pseudonym code"),
            "participant_code",
            note=self.tr("If they are on the roster: their quote consent is then checked."),
        )
        add(
            form,
            self.tr("&Questions for the panel:"),
            self.questions_edit,
            self.tr("Questions for the panel"),
            "questions",
        )
        for combo in (self.offence_combo, self.outcome_combo):
            name_editor(combo)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _tab_of(self, widget: QWidget) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        widget.setParent(page)
        layout.addWidget(widget, 1)
        return page

    @property
    def case_id(self) -> int | None:
        return None if self._case is None else self._case.id

    @property
    def meeting_id(self) -> int:
        return self._meeting.id

    # --- the form -------------------------------------------------------------------------

    def _show(self, details: CaseDetails) -> None:
        self.reference_edit.setText(details.crime_reference)
        self.offence_combo.setEditText(details.offence_type)
        self.outcome_combo.setEditText(details.outcome)
        self.contacted_check.setChecked(details.victim_contacted)
        self.agreed_check.setChecked(details.victim_agreed)
        self.code_edit.setText(details.participant_code)
        self.questions_edit.setPlainText(details.questions)
        self.timeline.set_entries(details.timeline)
        self.rights.set_rights(details.rights)

    def details(self) -> CaseDetails:
        return CaseDetails(
            crime_reference=self.reference_edit.text(),
            offence_type=self.offence_combo.currentText(),
            outcome=self.outcome_combo.currentText(),
            timeline=self.timeline.entries(),
            rights=self.rights.rights(),
            victim_contacted=self.contacted_check.isChecked(),
            victim_agreed=self.agreed_check.isChecked(),
            participant_code=self.code_edit.text(),
            questions=self.questions_edit.toPlainText(),
        )

    def _on_contacted(self, contacted: bool) -> None:
        # Agreeing to give feedback needs them to have been contacted.
        if not contacted:
            self.agreed_check.setChecked(False)
        self.agreed_check.setEnabled(contacted)

    def _check_reference(self, finished: bool) -> None:
        """Under the field, as the service would say it: once the reference is typed and
        left; taken away as soon as it is right."""
        typed = self.reference_edit.text()
        error = self._format.check(typed) if typed.strip() else None
        wrapper = self.reference_edit.parentWidget()
        if not isinstance(wrapper, FieldWithError):
            return
        if error is not None and finished:
            wrapper.error.setText(error_text(error))
            wrapper.error.show()
            self.reference_edit.setAccessibleDescription(wrapper.error.text())
        elif error is None:
            wrapper.error.clear()
            wrapper.error.hide()
            self.reference_edit.setAccessibleDescription("")

    # --- saving ---------------------------------------------------------------------------

    def work(self) -> Callable[[], object]:
        details, service = self.details(), self._services.scrutiny
        meeting_id, case_id = self.meeting_id, self.case_id
        return lambda: service.save_case(meeting_id, details, case_id)

    def after_errors(self, error: RecordError | None) -> None:
        """Timeline problems go under their rows; the general message keeps the rest."""
        self.timeline.clear_errors()
        if not isinstance(error, ValidationFailed):
            return
        rows: dict[int, dict[str, str]] = {}
        rest: list[str] = []
        for field_error in error.errors:
            parts = field_error.field.split(".")
            if len(parts) == 3 and parts[0] == "timeline" and parts[1].isdigit():
                rows.setdefault(int(parts[1]), {})[parts[2]] = error_text(field_error)
            elif self.field(field_error.field) is None:
                rest.append(error_text(field_error))
        if not rows:
            return
        self.timeline.show_errors(rows)
        self.general_error.setText("\n".join(rest))
        self.general_error.setVisible(bool(rest))
        fields = {self.field(e.field) for e in error.errors}
        self._mark_tabs({f for f in fields if f is not None} | {self.timeline})
        if not any(self.field(e.field) is not None for e in error.errors):
            self.tabs.setCurrentIndex(1)
            self.timeline.focus_first_error()

    # --- drafts -----------------------------------------------------------------------------

    def input_state(self) -> dict[str, Any]:
        details = self.details()
        return {
            "crime_reference": details.crime_reference,
            "offence_type": details.offence_type,
            "outcome": details.outcome,
            "victim_contacted": details.victim_contacted,
            "victim_agreed": details.victim_agreed,
            "participant_code": details.participant_code,
            "questions": details.questions,
            "timeline": self.timeline.state(),
            "rights": {right.value: met for right, met in details.rights.items()},
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        rights = state.get("rights")
        known = {r.value: r for r in VictimsRight}
        self._show(
            CaseDetails(
                crime_reference=str(state.get("crime_reference", "")),
                offence_type=str(state.get("offence_type", "")),
                outcome=str(state.get("outcome", "")),
                rights={
                    known[k]: bool(v)
                    for k, v in (rights.items() if isinstance(rights, dict) else ())
                    if k in known
                },
                victim_contacted=bool(state.get("victim_contacted")),
                victim_agreed=bool(state.get("victim_agreed")),
                participant_code=str(state.get("participant_code", "")),
                questions=str(state.get("questions", "")),
            )
        )
        self.timeline.restore(state.get("timeline"))
