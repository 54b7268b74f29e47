"""Adding a survivor material used in training (a video, a case study), or changing one:
its title, kind, and the survivor by roster code (never a name)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from sec_desktop.domain.action_enums import MaterialKind
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.training_records import MaterialDetails
from sec_desktop.ui.participant_fields import choice_combo, choose, line_edit, new_form, notes_edit
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.recovery_case_dialog import code_combo

DRAFT_KEY = "training_material"
DIALOG_WIDTH = 580
TEXT_LENGTH = 200


class TrainingMaterialDialog(RecordDialog):
    """Add a material (`material_id` None) or change one."""

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        material_id: int | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, DRAFT_KEY, parent)
        self.setObjectName("trainingMaterialDialog")
        self.setWindowTitle(
            self.tr("New training material") if material_id is None else self.tr("Edit material")
        )
        self._services = services
        self.material_id = material_id
        self.set_intro(
            self.tr(
                "A survivor's story used in officer training. It may be used only while "
                "their consent to training use is current: record that consent on their "
                "Consent tab."
            )
        )
        self.title_edit = line_edit(self, TEXT_LENGTH)
        self.title_edit.setPlaceholderText(self.tr("For example: Video \u2014 the first 999 call"))
        self.kind_combo = choice_combo(self, list(MaterialKind))
        self.participant_combo = code_combo(services, self, self.tr("Choose the survivor"))
        self.notes_edit = notes_edit(self, 3)
        form = new_form()
        add = self.add_row
        add(form, self.tr("&Title:"), self.title_edit, self.tr("Title"), "title",
            note=self.tr("Never a survivor's name."))  # fmt: skip
        add(form, self.tr("&Kind:"), self.kind_combo, self.tr("Kind of material"), "kind")
        add(form, self.tr("&Survivor's code:"), self.participant_combo, self.tr("Survivor's code"),
            "participant_id")  # fmt: skip
        add(form, self.tr("N&otes:"), self.notes_edit, self.tr("Notes"), "notes")
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.setMinimumWidth(DIALOG_WIDTH)
        if material_id is not None:
            details = services.training.material(material_id).details
            self.title_edit.setText(details.title)
            choose(self.kind_combo, details.kind)
            choose(self.participant_combo, details.participant_id)
            self.notes_edit.setPlainText(details.notes)
        self.title_edit.setFocus()

    def details(self) -> MaterialDetails:
        participant = self.participant_combo.currentData()
        return MaterialDetails(
            title=self.title_edit.text(),
            kind=MaterialKind(self.kind_combo.currentData()),
            participant_id=participant if isinstance(participant, int) else 0,
            notes=self.notes_edit.toPlainText(),
        )

    def work(self) -> Callable[[], object]:
        details, service, material_id = self.details(), self._services.training, self.material_id
        if material_id is None:
            return lambda: service.add_material(details)
        return lambda: service.update_material(material_id, details)

    def input_state(self) -> dict[str, Any]:
        return {
            "material_id": self.material_id,
            "title": self.title_edit.text(),
            "kind": self.kind_combo.currentData(),
            "participant_id": self.participant_combo.currentData(),
            "notes": self.notes_edit.toPlainText(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        self.title_edit.setText(str(state.get("title", "")))
        kind = state.get("kind")
        if kind in {k.value for k in MaterialKind}:
            choose(self.kind_combo, MaterialKind(kind))
        choose(self.participant_combo, state.get("participant_id"))
        self.notes_edit.setPlainText(str(state.get("notes", "")))
