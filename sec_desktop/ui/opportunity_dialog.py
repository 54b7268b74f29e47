"""A development opportunity offered to a participant (a course, speaking, writing,
volunteering), or changing one: whether they took it up, and what came of it, as they
choose to share it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from sec_desktop.domain.action_enums import OpportunityKind, TakenUp
from sec_desktop.services.development import OpportunityDetails
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.participant_fields import (
    DateField,
    choice_combo,
    choose,
    date_or_none,
    line_edit,
    new_form,
    notes_edit,
)
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter

DRAFT_KEY = "participant_opportunity"
DIALOG_WIDTH = 580
TEXT_LENGTH = 200


class OpportunityDialog(RecordDialog):
    """Offer an opportunity (`opportunity_id` None) or change one."""

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        participant_id: int,
        opportunity_id: int | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, DRAFT_KEY, parent)
        self.setObjectName("opportunityDialog")
        self.setWindowTitle(
            self.tr("New development opportunity")
            if opportunity_id is None
            else self.tr("Edit development opportunity")
        )
        self._services = services
        self.participant_id = participant_id
        self.opportunity_id = opportunity_id
        self.set_intro(
            self.tr(
                "Something offered to help them grow: a course, a chance to speak or write, "
                "volunteering. Record what came of it only as they choose to share it."
            )
        )
        self.kind_combo = choice_combo(self, list(OpportunityKind))
        self.title_edit = line_edit(self, TEXT_LENGTH)
        self.title_edit.setPlaceholderText(self.tr("For example: speaking at the VAWDAS board"))
        self.offered_field = DateField(self.tr("Offered on"), services.today(), self)
        self.taken_combo = choice_combo(self, list(TakenUp))
        self.outcome_edit = notes_edit(self, 4)
        form = new_form()
        add = self.add_row
        add(form, self.tr("&Kind:"), self.kind_combo, self.tr("Kind of opportunity"), "kind")
        add(form, self.tr("&Title:"), self.title_edit, self.tr("Title"), "title")
        add(form, self.tr("&Offered on:"), self.offered_field, None, "offered_on")
        add(form, self.tr("T&aken up:"), self.taken_combo, self.tr("Taken up"), "taken_up")
        add(form, self.tr("&What came of it:"), self.outcome_edit, self.tr("What came of it"),
            "what_came_of_it", note=self.tr("As they choose to share it."))  # fmt: skip
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.setMinimumWidth(DIALOG_WIDTH)
        if opportunity_id is not None:
            row = services.development.opportunity(opportunity_id)
            self._show(
                OpportunityDetails(
                    row.kind, row.title, row.offered_on, row.taken_up, row.what_came_of_it
                )
            )
        self.kind_combo.setFocus()

    def _show(self, details: OpportunityDetails) -> None:
        choose(self.kind_combo, details.kind)
        self.title_edit.setText(details.title)
        self.offered_field.set_value(details.offered_on)
        choose(self.taken_combo, details.taken_up)
        self.outcome_edit.setPlainText(details.what_came_of_it)

    def details(self) -> OpportunityDetails:
        return OpportunityDetails(
            kind=OpportunityKind(self.kind_combo.currentData()),
            title=self.title_edit.text(),
            offered_on=self.offered_field.value() or self._services.today(),
            taken_up=TakenUp(self.taken_combo.currentData()),
            what_came_of_it=self.outcome_edit.toPlainText(),
        )

    def work(self) -> Callable[[], object]:
        details, service = self.details(), self._services.development
        participant_id, opportunity_id = self.participant_id, self.opportunity_id
        if opportunity_id is None:
            return lambda: service.offer(participant_id, details)
        return lambda: service.update(opportunity_id, details)

    def input_state(self) -> dict[str, Any]:
        details = self.details()
        return {
            "participant_id": self.participant_id,
            "opportunity_id": self.opportunity_id,
            "kind": details.kind.value,
            "title": details.title,
            "offered_on": details.offered_on.isoformat(),
            "taken_up": details.taken_up.value,
            "what_came_of_it": details.what_came_of_it,
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        kind, taken = state.get("kind"), state.get("taken_up")
        self._show(
            OpportunityDetails(
                kind=(
                    OpportunityKind(kind)
                    if kind in {k.value for k in OpportunityKind}
                    else OpportunityKind.OTHER
                ),
                title=str(state.get("title", "")),
                offered_on=date_or_none(state.get("offered_on")) or self._services.today(),
                taken_up=TakenUp(taken) if taken in {t.value for t in TakenUp} else TakenUp.WAITING,
                what_came_of_it=str(state.get("what_came_of_it", "")),
            )
        )
