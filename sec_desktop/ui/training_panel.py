"""Training and awareness (a tab of the Engagements area): the sessions the SEC delivers
or contributes to, and the survivor materials (videos, case studies) they may use.

A material whose survivor's training consent has lapsed is marked, in words, "consent
lapsed \u2014 do not use", and listed again above the materials so it cannot be missed. A
form left open at lock time comes back, as typed, after unlocking (`take_draft` /
`restore_draft`, through the Engagements page)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from sec_desktop.services.errors import NotFound
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.training_records import MaterialRow, SessionRow
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.participant_view import (
    button,
    fill_table,
    heading_row,
    read_only_table,
    selected_id,
    subheading,
    value_label,
)
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.training_material_dialog import TrainingMaterialDialog
from sec_desktop.ui.training_session_dialog import TrainingSessionDialog

_Dialog = TypeVar("_Dialog", bound=RecordDialog)
LAPSED_COLOUR = QColor(255, 214, 214)
LAPSED_TEXT = QColor(90, 0, 0)


def lapsed_marker() -> str:
    return QCoreApplication.translate("TrainingPanel", "Consent lapsed \u2014 do not use")


class TrainingPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingPanel")
        self.setAccessibleName(self.tr("Training and awareness"))
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._stale = False  # attached, not yet loaded: loads when shown
        self._dialog: RecordDialog | None = None
        self._materials: list[MaterialRow] = []
        self.new_session_button = button(
            self.tr("Record a &session\u2026"), self.tr("Record a training session"), self
        )
        self.edit_session_button = button(
            self.tr("Edit sess&ion\u2026"), self.tr("Edit the chosen session"), self
        )
        self.sessions_table = read_only_table(
            [
                self.tr("Date"),
                self.tr("Kind"),
                self.tr("Title"),
                self.tr("Audience"),
                self.tr("Attending"),
                self.tr("Materials used"),
            ],
            self.tr("Training sessions"),
            self,
        )
        self.sessions_table.setObjectName("trainingSessions")
        self.lapsed_label = value_label(self)
        self.lapsed_label.setObjectName("lapsedMaterials")
        self.new_material_button = button(
            self.tr("Add a &material\u2026"), self.tr("Add a training material"), self
        )
        self.edit_material_button = button(
            self.tr("Edit ma&terial\u2026"), self.tr("Edit the chosen material"), self
        )
        self.materials_table = read_only_table(
            [self.tr("Title"), self.tr("Kind"), self.tr("Survivor"), self.tr("Training consent")],
            self.tr("Training materials"),
            self,
        )
        self.materials_table.setObjectName("trainingMaterials")
        self._build_layout()
        self.new_session_button.clicked.connect(self.new_session)
        self.edit_session_button.clicked.connect(self.edit_session)
        self.sessions_table.activated.connect(lambda _i: self.edit_session())
        self.new_material_button.clicked.connect(self.new_material)
        self.edit_material_button.clicked.connect(self.edit_material)
        self.materials_table.activated.connect(lambda _i: self.edit_material())
        self.show_data(None)

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(
            heading_row(
                subheading(self.tr("Sessions"), self),
                self.new_session_button,
                self.edit_session_button,
            )
        )
        layout.addWidget(self.sessions_table, 3)
        layout.addSpacing(8)
        layout.addLayout(
            heading_row(
                subheading(self.tr("Survivor materials"), self),
                self.new_material_button,
                self.edit_material_button,
            )
        )
        layout.addWidget(self.lapsed_label)
        layout.addWidget(self.materials_table, 2)
        chain = [
            self.new_session_button,
            self.edit_session_button,
            self.sessions_table,
            self.new_material_button,
            self.edit_material_button,
            self.materials_table,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- attached through the Engagements page ---------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self._services, self._writer = services, writer
        # Loaded when first shown (its tab is rarely the one open): unlocking does not wait
        # for its tables to be filled and fitted.
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def detach(self) -> None:
        if self._dialog is not None:
            self._dialog.reject()
            self._dialog = None
        for dialog in self.findChildren(RecordDialog):
            dialog.forget()
        self._services, self._writer = None, None
        self._stale = False
        self.show_data(None)

    def reload(self) -> None:
        services = self._services
        if services is None:
            return
        self._stale = False
        self.show_data(services)

    def show_data(self, services: RecordServices | None) -> None:
        sessions = services.training.sessions() if services is not None else []
        self._materials = services.training.materials() if services is not None else []
        lapsed = services.training.lapsed_materials() if services is not None else []
        fill_table(
            self.sessions_table,
            [self._session_texts(s) for s in sessions],
            [s.id for s in sessions],
        )
        fill_table(
            self.materials_table,
            [self._material_texts(m) for m in self._materials],
            [m.id for m in self._materials],
        )
        for index, material in enumerate(self._materials):
            if not material.consent_current:
                for column in range(self.materials_table.columnCount()):
                    item = self.materials_table.item(index, column)
                    if item is not None:
                        item.setBackground(QBrush(LAPSED_COLOUR))
                        item.setForeground(QBrush(LAPSED_TEXT))
        self._show_lapsed(lapsed, services is not None)
        enabled = services is not None
        for push in (self.new_session_button, self.new_material_button):
            push.setEnabled(enabled)
        self.edit_session_button.setEnabled(enabled and bool(sessions))
        self.edit_material_button.setEnabled(enabled and bool(self._materials))

    def _show_lapsed(self, lapsed: list[MaterialRow], attached: bool) -> None:
        self._fill_lapsed(lapsed, attached)
        # Screen readers hear what the line says.
        self.lapsed_label.setAccessibleName(self.lapsed_label.text())

    def _fill_lapsed(self, lapsed: list[MaterialRow], attached: bool) -> None:
        font = self.lapsed_label.font()
        font.setBold(bool(lapsed))
        self.lapsed_label.setFont(font)
        if not attached:
            self.lapsed_label.clear()
            return
        if not lapsed:
            self.lapsed_label.setText(
                self.tr("Every material's training consent is current.")
                if self._materials
                else self.tr("No survivor materials yet.")
            )
            return
        names = "; ".join(f"\u201c{m.title}\u201d ({m.participant_code})" for m in lapsed)
        self.lapsed_label.setText(
            self.tr("Consent lapsed \u2014 do not use: {materials}").format(materials=names)
        )

    def _session_texts(self, row: SessionRow) -> list[str]:
        return [
            shown_date(row.held_on),
            QCoreApplication.translate("Choices", row.kind.label),
            row.title,
            row.audience,
            str(row.attending) if row.attending else self.tr("Not known"),
            str(row.materials) if row.materials else self.tr("None"),
        ]

    def _material_texts(self, row: MaterialRow) -> list[str]:
        if row.consent_current:
            consent = (
                self.tr("Current, review {date}").format(date=shown_date(row.consent_review_on))
                if row.consent_review_on is not None
                else self.tr("Current")
            )
        else:
            consent = lapsed_marker()
        return [
            row.title,
            QCoreApplication.translate("Choices", row.kind.label),
            row.participant_code,
            consent,
        ]

    # --- forms ------------------------------------------------------------------------------

    @property
    def dialog(self) -> RecordDialog | None:
        return self._dialog

    def new_session(self) -> TrainingSessionDialog | None:
        return self._open(lambda s, w: TrainingSessionDialog(s, w, None, parent=self))

    def edit_session(self, session_id: int | None = None) -> TrainingSessionDialog | None:
        chosen = session_id if session_id is not None else selected_id(self.sessions_table)
        if not isinstance(chosen, int):
            return None
        return self._open(lambda s, w: TrainingSessionDialog(s, w, chosen, parent=self))

    def new_material(self) -> TrainingMaterialDialog | None:
        return self._open(lambda s, w: TrainingMaterialDialog(s, w, None, parent=self))

    def edit_material(self, material_id: int | None = None) -> TrainingMaterialDialog | None:
        chosen = material_id if material_id is not None else selected_id(self.materials_table)
        if not isinstance(chosen, int):
            return None
        return self._open(lambda s, w: TrainingMaterialDialog(s, w, chosen, parent=self))

    def _open(self, make: Callable[[RecordServices, RecordWriter], _Dialog]) -> _Dialog | None:
        if self._services is None or self._writer is None or self._dialog is not None:
            return None
        try:
            dialog = make(self._services, self._writer)
        except NotFound:
            self.reload()
            return None
        self._dialog = dialog
        dialog.saved.connect(lambda _result: self.reload())
        dialog.finished.connect(lambda _code: self._closed(dialog))
        dialog.open()
        return dialog

    def _closed(self, dialog: RecordDialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()

    # --- drafts (kept by the Engagements page) ---------------------------------------------

    def take_draft(self) -> dict[str, Any] | None:
        dialog = self._dialog
        if dialog is None or not dialog.isVisible() or dialog.busy:
            return None
        return {"dialog": dialog.draft_key(), "input": dialog.input_state()}

    def restore_draft(self, state: Any) -> None:
        if not isinstance(state, dict):
            return
        saved = state.get("input")
        saved = saved if isinstance(saved, dict) else {}
        kind = state.get("dialog")
        dialog: RecordDialog | None = None
        if kind == "training_session":
            session_id = saved.get("session_id")
            dialog = (
                self.edit_session(session_id) if isinstance(session_id, int) else self.new_session()
            )
        elif kind == "training_material":
            material_id = saved.get("material_id")
            dialog = (
                self.edit_material(material_id)
                if isinstance(material_id, int)
                else self.new_material()
            )
        if dialog is not None:
            dialog.restore_input(saved)
