"""Recording a DA or RASSO scrutiny panel meeting, or changing one: the panel, when and
where, who chairs it, and notes. The cases it reviews are added from the meeting's page.

A meeting may be recorded ahead of its date: the briefing is prepared before it sits.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QTime
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QTimeEdit, QWidget

from sec_desktop.domain.engagement_enums import EngagementFormat, Panel
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.scrutiny_records import MeetingDetails, MeetingRecord
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

DRAFT_KEY = "scrutiny_meeting"
DIALOG_WIDTH = 600
TIME_FORMAT = "HH:mm"
TEXT_LENGTH = 200


def panel_text(panel: Panel) -> str:
    return QCoreApplication.translate("Choices", panel.label)


class TimeField(QWidget):
    """A time that may be left out: a time box with a "No time" check box beside it."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.edit = QTimeEdit(QTime(10, 0), self)
        self.edit.setDisplayFormat(TIME_FORMAT)
        self.edit.setAccessibleName(name)
        self.none_check = QCheckBox(self.tr("No time"), self)
        self.none_check.setAccessibleName(self.tr("No start time"))
        self.none_check.toggled.connect(self._on_none_toggled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.none_check)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def _on_none_toggled(self, none: bool) -> None:
        self.edit.setEnabled(not none)
        # Focus (from the label's mnemonic, or Tab) goes to whichever part can take it.
        self.setFocusProxy(self.none_check if none else self.edit)

    def value(self) -> time | None:
        if self.none_check.isChecked():
            return None
        chosen = self.edit.time()
        return time(chosen.hour(), chosen.minute())

    def set_value(self, value: time | None) -> None:
        if value is not None:
            self.edit.setTime(QTime(value.hour, value.minute))
        self.none_check.setChecked(value is None)


class ScrutinyMeetingDialog(RecordDialog):
    """Record a meeting (`meeting` None) or change one."""

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        meeting: MeetingRecord | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, DRAFT_KEY, parent)
        self.setObjectName("scrutinyMeetingDialog")
        self.setWindowTitle(
            self.tr("New scrutiny panel meeting")
            if meeting is None
            else self.tr("Edit scrutiny panel meeting")
        )
        self._services = services
        self._meeting = meeting
        self.set_intro(
            self.tr(
                "A DA or RASSO panel reviewing finalised cases. Add the cases once the "
                "meeting is recorded."
            )
        )

        self.panel_combo = choice_combo(self, list(Panel), self.tr("Choose the panel"))
        self.date_field = DateField(self.tr("Date of the meeting"), services.today(), self)
        self.time_field = TimeField(self.tr("Start time"), self)
        self.format_combo = choice_combo(self, list(EngagementFormat), self.tr("Not recorded"))
        self.venue_edit = line_edit(self, TEXT_LENGTH)
        self.venue_edit.setPlaceholderText(self.tr("For example: Police HQ, or the online link"))
        self.chair_edit = line_edit(self, TEXT_LENGTH)
        self.chair_edit.setPlaceholderText(self.tr("For example: Detective Superintendent, chair"))
        self.notes_edit = notes_edit(self, 4)

        form = new_form()
        add = self.add_row
        add(form, self.tr("&Panel:"), self.panel_combo, self.tr("Panel"), "panel")
        add(form, self.tr("&Date:"), self.date_field, None, "held_on")
        add(form, self.tr("&Time:"), self.time_field, None, "starts_at")
        add(form, self.tr("&Format:"), self.format_combo, self.tr("Format"))
        add(form, self.tr("&Venue:"), self.venue_edit, self.tr("Venue"), "venue")
        add(form, self.tr("&Chair or facilitator:"), self.chair_edit, None, "facilitator")
        self.chair_edit.setAccessibleName(self.tr("Chair or facilitator"))
        add(
            form,
            self.tr("N&otes:"),
            self.notes_edit,
            self.tr("Notes"),
            "notes",
            note=self.tr("Never a survivor's name: use their pseudonym code."),
        )
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.setMinimumWidth(DIALOG_WIDTH)

        if meeting is not None:
            self._show(meeting.details)
        else:
            self.time_field.set_value(None)
        self.panel_combo.setFocus()

    @property
    def meeting_id(self) -> int | None:
        return None if self._meeting is None else self._meeting.id

    def _show(self, details: MeetingDetails) -> None:
        choose(self.panel_combo, details.panel)
        self.date_field.set_value(details.held_on)
        self.time_field.set_value(details.starts_at)
        choose(self.format_combo, details.format)
        self.venue_edit.setText(details.venue)
        self.chair_edit.setText(details.facilitator)
        self.notes_edit.setPlainText(details.notes)

    def details(self) -> MeetingDetails:
        panel = self.panel_combo.currentData()
        fmt = self.format_combo.currentData()
        return MeetingDetails(
            panel=Panel(panel) if panel is not None else None,
            held_on=self.date_field.value() or self._services.today(),
            starts_at=self.time_field.value(),
            format=EngagementFormat(fmt) if fmt is not None else None,
            venue=self.venue_edit.text(),
            facilitator=self.chair_edit.text(),
            notes=self.notes_edit.toPlainText(),
        )

    def work(self) -> Callable[[], object]:
        details, service, meeting_id = self.details(), self._services.scrutiny, self.meeting_id
        if meeting_id is None:
            return lambda: service.record_meeting(details)
        return lambda: service.update_meeting(meeting_id, details)

    def input_state(self) -> dict[str, Any]:
        details = self.details()
        return {
            "panel": details.panel.value if details.panel else None,
            "held_on": details.held_on.isoformat(),
            "starts_at": details.starts_at.isoformat() if details.starts_at else None,
            "format": details.format.value if details.format else None,
            "venue": details.venue,
            "facilitator": details.facilitator,
            "notes": details.notes,
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        panel, fmt = state.get("panel"), state.get("format")
        starts = state.get("starts_at")
        self.panel_combo.setCurrentIndex(0)
        self.format_combo.setCurrentIndex(0)
        self._show(
            MeetingDetails(
                panel=Panel(panel) if panel in {p.value for p in Panel} else None,
                held_on=date_or_none(state.get("held_on")) or self._services.today(),
                starts_at=time.fromisoformat(starts) if isinstance(starts, str) else None,
                format=(
                    EngagementFormat(fmt) if fmt in {f.value for f in EngagementFormat} else None
                ),
                venue=str(state.get("venue", "")),
                facilitator=str(state.get("facilitator", "")),
                notes=str(state.get("notes", "")),
            )
        )
