"""The risk assessment wizard: is it safe for this person to take part now?

Seven pages (context and support, current risk, safety, criminal proceedings, emotional
readiness, the limits of confidentiality, the outcome). Next checks the page through the
service (`check_page`): each message appears under its field and the first is focused.
Back keeps every answer. Finish saves off the GUI thread (RecordWriter); a refusal takes
the wizard to the page in question with the messages shown, and nothing typed is lost.

The window title gives the pseudonym code, never the name. The wizard is Draftable: left
open at lock time, it comes back after unlocking with every answer, on the same page.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget, QWizard

from sec_desktop.domain.risk_enums import DashLevel
from sec_desktop.services.errors import FieldError, NotFound, RecordError, ValidationFailed
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.risk_records import AssessmentAnswers
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.risk_pages import ContextPage, RiskLevelPage, RiskPage
from sec_desktop.ui.risk_pages_outcome import ConfidentialityPage, OutcomePage
from sec_desktop.ui.risk_pages_safety import ProceedingsPage, ReadinessPage, SafetyPage

DRAFT_KEY = "participant_risk_assessment"
_BUTTONS = QWizard.WizardButton


class RiskWizard(QWizard):
    # The new assessment's id once saved, or None if kept but the save to disk failed.
    saved = Signal(object)

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("riskWizard")
        self.setModal(True)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self._services = services
        self._writer = writer
        self.participant_id = participant_id
        self._busy = False
        self._listening = False
        try:
            code = services.roster.record(participant_id).ref.code
        except NotFound:
            code = "?"
        self.setWindowTitle(self.tr("Risk assessment: {code}").format(code=code))
        self.setAccessibleName(self.tr("Risk assessment for {code}").format(code=code))
        self.pages: list[RiskPage] = [
            ContextPage(self),
            RiskLevelPage(self),
            SafetyPage(self),
            ProceedingsPage(self),
            ReadinessPage(self),
            ConfidentialityPage(self),
            OutcomePage(self),
        ]
        for number, page in enumerate(self.pages, start=1):
            page.setSubTitle(
                self.tr("Step {number} of {count}. {about}").format(
                    number=number, count=len(self.pages), about=page.subTitle()
                )
            )
            self.addPage(page)
        self.context_page: ContextPage = self.pages[0]  # type: ignore[assignment]
        self.outcome_page: OutcomePage = self.pages[-1]  # type: ignore[assignment]
        self.context_page.assessed_on.set_value(services.today())
        self._label_buttons()
        # Cancel and Escape ask before answers are thrown away; a lock (which takes them
        # as a draft first) closes the wizard through reject(), without asking.
        cancel = self.button(_BUTTONS.CancelButton)
        cancel.clicked.disconnect()
        cancel.clicked.connect(self.cancel_asked)
        self._untouched = self._answer_states()
        self.resize(780, 600)

    def _label_buttons(self) -> None:
        for which, text, name in (
            (_BUTTONS.BackButton, self.tr("&Back"), self.tr("Back")),
            (_BUTTONS.NextButton, self.tr("&Next"), self.tr("Next")),
            (_BUTTONS.FinishButton, self.tr("&Finish and save"), self.tr("Finish and save")),
            (_BUTTONS.CancelButton, self.tr("Cancel"), self.tr("Cancel")),
            # Not used (no page commits early), but Qt makes it all the same.
            (_BUTTONS.CommitButton, self.tr("&Commit"), self.tr("Commit")),
        ):
            self.setButtonText(which, text)
            self.button(which).setAccessibleName(name)

    @property
    def busy(self) -> bool:
        return self._busy

    # --- answers ----------------------------------------------------------------------------

    def answers(self) -> AssessmentAnswers:
        """Every answer so far, as the service takes them."""
        values: dict[str, Any] = {}
        for page in self.pages:
            values.update(page.answers())
        return AssessmentAnswers(**values)

    def page_named(self, name: str) -> RiskPage:
        return next(page for page in self.pages if page.name == name)

    def current_page(self) -> RiskPage:
        return self.pages[max(self.currentId(), 0)]

    def initializePage(self, page_id: int) -> None:
        super().initializePage(page_id)
        if self.pages[page_id] is self.outcome_page:
            answers = self.answers()
            self.outcome_page.prepare(
                answers.dash_level is DashLevel.HIGH, self._services.risk.default_review_on(answers)
            )

    def check_page(self, page: RiskPage) -> bool:
        """Next (or Finish) on `page`: its messages under its fields, or on we go."""
        try:
            errors = self._services.risk.check_page(page.name, self.answers())
        except RecordError as refused:
            errors = [FieldError("", refused.message, refused.values)]
        page.show_errors(errors)
        return not errors

    # --- saving -----------------------------------------------------------------------------

    def accept(self) -> None:
        """Finish: the last page is checked, then the whole assessment saved."""
        if self._busy or not self.validateCurrentPage():
            return
        answers = self.answers()
        participant_id = self.participant_id
        risk = self._services.risk
        self._set_busy(True)
        self._writer.write(lambda: risk.save(participant_id, answers), self._done, self._refused)

    def _done(self, result: object) -> None:
        self._set_busy(False)
        self.saved.emit(result)
        QDialog.done(self, QDialog.DialogCode.Accepted)
        self.forget()

    def reject(self) -> None:
        """Cancel, Escape, or the page cleared at lock (after its draft was taken)."""
        super().reject()
        self.forget()

    def _refused(self, error: RecordError) -> None:
        self._set_busy(False)
        if not isinstance(error, ValidationFailed):
            self.current_page().show_errors([FieldError("", error.message, error.values)])
            return
        names = {e.field for e in error.errors}
        in_error = next(
            (page for page in self.pages if names & set(page.fields)), self.current_page()
        )
        while self.current_page() is not in_error and self.currentId() > 0:
            self.back()
        in_error.show_errors(list(error.errors))

    def _on_write_failed(self, _error: object) -> None:
        if not self._busy:
            return
        self._set_busy(False)
        self.current_page().general_error.setText(
            self.tr(
                "This was not saved because something went wrong. What you typed is still here."
            )
        )
        self.current_page().general_error.show()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for which in (_BUTTONS.BackButton, _BUTTONS.FinishButton, _BUTTONS.CancelButton):
            self.button(which).setEnabled(not busy)
        if busy and not self._listening:
            self._writer.failed.connect(self._on_write_failed)
        elif not busy and self._listening:
            self._writer.failed.disconnect(self._on_write_failed)
        self._listening = busy

    # --- no closing while a save runs: its answer must reach the wizard -------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            if not self._busy:
                self.cancel_asked()
            return
        super().keyPressEvent(event)

    def _answer_states(self) -> dict[str, Any]:
        return {page.name: page.state() for page in self.pages}

    def cancel_asked(self) -> None:
        """Cancel; if anything was answered, only once the user says to lose it."""
        if self._answer_states() != self._untouched and not self._confirm_discard():
            return
        self.reject()

    def _confirm_discard(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Close without saving?"),
            self.tr("This risk assessment is not saved."),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(self.tr("Close and lose the answers, or go back to them?"))
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("&Close and lose them"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("&Go back"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    # --- Draftable ------------------------------------------------------------------------

    def draft_key(self) -> str:
        return DRAFT_KEY

    def take_draft(self) -> Any:
        """Every answer (JSON-able) and the page shown."""
        return {
            "participant_id": self.participant_id,
            "page": self.current_page().name,
            "answers": {page.name: page.state() for page in self.pages},
        }

    def restore_draft(self, state: Any) -> None:
        if not isinstance(state, dict):
            return
        answers = state.get("answers")
        if isinstance(answers, dict):
            for page in self.pages:
                saved = answers.get(page.name)
                if isinstance(saved, dict):
                    page.restore(saved)
        wanted = state.get("page")
        names = [page.name for page in self.pages]
        target = names.index(wanted) if wanted in names else 0
        if self.currentId() < 0:
            self.restart()
        # Forward page by page, as Next would: a page whose answers no longer pass stops
        # it, with its messages shown.
        while self.currentId() < target:
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break

    def forget(self) -> None:
        """Empty every answer (at lock): a closed wizard lives on until deleted."""
        for page in self.pages:
            page.restore({name: None for name in page.fields})
