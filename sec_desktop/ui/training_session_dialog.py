"""Recording a training or awareness session, or changing one: when, what kind, the title,
the audience, how many attended, and the survivor materials used. A material may be used
only while its survivor's training consent is current: the service refuses otherwise and
the form says which materials, and why."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QSpinBox, QWidget

from sec_desktop.domain.action_enums import TrainingKind
from sec_desktop.services.errors import RecordError
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.training_checks import MaterialsRefused
from sec_desktop.services.training_records import MaterialRow, SessionDetails
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

DRAFT_KEY = "training_session"
DIALOG_WIDTH = 640
TEXT_LENGTH = 200
MAX_ATTENDING = 10000
MATERIAL_ROWS = 5


LAPSED_COLOUR = QColor(255, 214, 214)
LAPSED_TEXT = QColor(90, 0, 0)


def material_text(row: MaterialRow) -> str:
    kind = QCoreApplication.translate("Choices", row.kind.label)
    text = f"{row.title} ({kind}, {row.participant_code})"
    if not row.consent_current:
        lapsed = QCoreApplication.translate("TrainingPanel", "Consent lapsed \u2014 do not use")
        text = f"{lapsed.upper()}: {text}"
    return text


class TrainingSessionDialog(RecordDialog):
    """Record a session (`session_id` None) or change one."""

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        session_id: int | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, DRAFT_KEY, parent)
        self.setObjectName("trainingSessionDialog")
        self.setWindowTitle(
            self.tr("New training or awareness session")
            if session_id is None
            else self.tr("Edit training or awareness session")
        )
        self._services = services
        self.session_id = session_id
        self.set_intro(
            self.tr(
                "Officer training, briefings and talks you deliver or contribute to. A "
                "survivor's video or case study may be used only while their consent to its "
                "use in training is current."
            )
        )
        self.date_field = DateField(self.tr("Date held"), services.today(), self)
        self.kind_combo = choice_combo(self, list(TrainingKind), self.tr("Choose the kind"))
        self.title_edit = line_edit(self, TEXT_LENGTH)
        self.audience_edit = line_edit(self, TEXT_LENGTH)
        self.audience_edit.setPlaceholderText(self.tr("For example: new response officers"))
        self.attending_spin = QSpinBox(self)
        self.attending_spin.setRange(0, MAX_ATTENDING)
        self.materials_list = QListWidget(self)
        self.materials_list.setObjectName("sessionMaterials")
        # Long titles wrap (a lapsed marker must never be cut off at the side).
        self.materials_list.setWordWrap(True)
        self.materials_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.materials_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = self.materials_list.fontMetrics().lineSpacing() + 8
        self.materials_list.setFixedHeight(rows * MATERIAL_ROWS)
        self.notes_edit = notes_edit(self, 3)
        self._build()
        self._fill_materials(services.training.materials())
        if session_id is not None:
            record = services.training.session(session_id)
            self._show(record.details, [m.id for m in record.materials])
        self.kind_combo.setFocus()

    def _build(self) -> None:
        form = new_form()
        add = self.add_row
        add(form, self.tr("&Date:"), self.date_field, None, "held_on")
        add(form, self.tr("&Kind:"), self.kind_combo, self.tr("Kind of session"), "kind")
        add(form, self.tr("&Title:"), self.title_edit, self.tr("Title"), "title")
        add(form, self.tr("A&udience:"), self.audience_edit, self.tr("Audience"), "audience")
        add(form, self.tr("&Number attending:"), self.attending_spin, self.tr("Number attending"),
            "attending")  # fmt: skip
        add(
            form,
            self.tr("&Materials used:"),
            self.materials_list,
            self.tr("Survivor materials used"),
            "material_ids",
            note=self.tr(
                "Space ticks a material. Never use one marked \u201cconsent lapsed\u201d."
            ),
        )
        add(form, self.tr("N&otes:"), self.notes_edit, self.tr("Notes"), "notes")
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.setMinimumWidth(DIALOG_WIDTH)

    def _fill_materials(self, rows: Sequence[MaterialRow]) -> None:
        for row in rows:
            item = QListWidgetItem(material_text(row), self.materials_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            if not row.consent_current:
                item.setBackground(QBrush(LAPSED_COLOUR))
                item.setForeground(QBrush(LAPSED_TEXT))
        if self.materials_list.count():
            self.materials_list.setCurrentRow(0)

    def chosen_materials(self) -> list[int]:
        chosen: list[int] = []
        for index in range(self.materials_list.count()):
            item = self.materials_list.item(index)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return chosen

    def set_materials(self, material_ids: Sequence[int]) -> None:
        wanted = set(material_ids)
        for index in range(self.materials_list.count()):
            item = self.materials_list.item(index)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _show(self, details: SessionDetails, material_ids: Sequence[int]) -> None:
        self.date_field.set_value(details.held_on)
        choose(self.kind_combo, details.kind)
        self.title_edit.setText(details.title)
        self.audience_edit.setText(details.audience)
        self.attending_spin.setValue(details.attending)
        self.notes_edit.setPlainText(details.notes)
        self.set_materials(material_ids)

    def details(self) -> SessionDetails:
        kind = self.kind_combo.currentData()
        return SessionDetails(
            held_on=self.date_field.value() or self._services.today(),
            kind=TrainingKind(kind) if kind is not None else TrainingKind.OTHER,
            title=self.title_edit.text(),
            audience=self.audience_edit.text(),
            attending=self.attending_spin.value(),
            notes=self.notes_edit.toPlainText(),
        )

    def work(self) -> Callable[[], object]:
        details, service, session_id = self.details(), self._services.training, self.session_id
        chosen = self.chosen_materials()
        if session_id is None:
            return lambda: service.record_session(details, chosen)
        return lambda: service.update_session(session_id, details, chosen)

    def after_errors(self, error: RecordError | None) -> None:
        """A refused material is chosen in the list, so it is easy to untick."""
        if not isinstance(error, MaterialsRefused) or not error.refused:
            return
        refused = {m.id for m in error.refused}
        for index in range(self.materials_list.count()):
            item = self.materials_list.item(index)
            if item.data(Qt.ItemDataRole.UserRole) in refused:
                self.materials_list.setCurrentRow(index)
                break
        self.materials_list.setFocus()

    def input_state(self) -> dict[str, Any]:
        details = self.details()
        return {
            "session_id": self.session_id,
            "held_on": details.held_on.isoformat(),
            "kind": self.kind_combo.currentData(),
            "title": details.title,
            "audience": details.audience,
            "attending": details.attending,
            "notes": details.notes,
            "materials": self.chosen_materials(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        kind = state.get("kind")
        attending = state.get("attending")
        materials = state.get("materials")
        self._show(
            SessionDetails(
                held_on=date_or_none(state.get("held_on")) or self._services.today(),
                kind=TrainingKind(kind) if kind in {k.value for k in TrainingKind} else None,  # type: ignore[arg-type]
                title=str(state.get("title", "")),
                audience=str(state.get("audience", "")),
                attending=attending if isinstance(attending, int) else 0,
                notes=str(state.get("notes", "")),
            ),
            [m for m in materials if isinstance(m, int)] if isinstance(materials, list) else [],
        )
        if kind is None:
            self.kind_combo.setCurrentIndex(0)
