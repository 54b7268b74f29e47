"""My wellbeing: the coordinator's private log. A quick check-in (mood and energy from 1 to
5, a note), the recent check-ins, supervision sessions, and this week's exposure figure
with its parts and the threshold at which supervision is gently suggested.

Private: nothing here goes into any report, export or search, and the panel says so.
Writes go through the record writer; what is half typed is kept in a draft across a lock.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.services.coordinator_log import (
    MAX_NOTE,
    MAX_THRESHOLD,
    MAX_WITH_WHOM,
    MIN_THRESHOLD,
    CheckInRow,
    Exposure,
)
from sec_desktop.services.errors import RecordError
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.background import run_in_background
from sec_desktop.ui.coordinator_log_parts import LogView, ScaleChoice, WeekFigures, read_log
from sec_desktop.ui.deadline_clock import shown_time
from sec_desktop.ui.form_errors import FormErrors
from sec_desktop.ui.participant_fields import (
    DateField,
    buddy,
    date_or_none,
    line_edit,
    note_label,
    notes_edit,
    scrolled,
    shown_date,
)
from sec_desktop.ui.participant_view import button, fill_table, read_only_table, subheading
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.settings_widgets import spin_box
from sec_desktop.ui.widgets import READABLE_WIDTH, ErrorLabel, heading_label


class CoordinatorLogPanel(QWidget):
    # What was read is on screen.
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coordinatorLogPanel")
        self.setAccessibleName(self.tr("My wellbeing"))
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._epoch = 0
        self._stale = False
        self.view: LogView | None = None
        body = QWidget(self)
        self.heading = heading_label(self.tr("My wellbeing"), body)
        self.private_note = note_label(
            self.tr(
                "Private to you. Nothing here goes into any report, export or search, and "
                "the audit log notes only that an entry was made, never what it says."
            ),
            body,
        )
        self.private_note.setObjectName("privateNote")
        self.private_note.setMaximumWidth(READABLE_WIDTH)
        columns = QHBoxLayout()
        columns.setSpacing(32)
        columns.addLayout(self._check_in_part(body), 1)
        columns.addLayout(self._week_part(body), 1)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(10)
        outer.addWidget(self.heading)
        outer.addWidget(self.private_note)
        outer.addLayout(columns)
        outer.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolled(body, self))
        self.setFocusProxy(self.mood)
        self.clear()

    # --- building --------------------------------------------------------------------------

    def _check_in_part(self, parent: QWidget) -> QVBoxLayout:
        self.mood = ScaleChoice(
            self.tr("Mood"),
            [
                self.tr("Very low"),
                self.tr("Low"),
                self.tr("Okay"),
                self.tr("Good"),
                self.tr("Very good"),
            ],
            parent,
        )
        self.energy = ScaleChoice(
            self.tr("Energy"),
            [
                self.tr("Exhausted"),
                self.tr("Low"),
                self.tr("Okay"),
                self.tr("Good"),
                self.tr("Full of energy"),
            ],
            parent,
        )
        self.check_in_note = notes_edit(parent, 3)
        self.check_in_note.setAccessibleName(self.tr("A note about how you are (optional)"))
        self.check_in_button = button(
            self.tr("Record &check-in"), self.tr("Record this check-in"), parent
        )
        self.check_in_status = note_label("", parent)
        self.check_in_status.setObjectName("checkInStatus")
        self.check_in_general = ErrorLabel(parent)
        self.check_in_errors = FormErrors(self.check_in_general)
        self.recent = read_only_table(
            [self.tr("When"), self.tr("Mood"), self.tr("Energy"), self.tr("Note")],
            self.tr("Your recent check-ins, newest first"),
            parent,
        )
        self.recent.setObjectName("recentCheckIns")
        part = QVBoxLayout()
        part.setSpacing(8)
        part.addWidget(subheading(self.tr("How are you today?"), parent))
        part.addWidget(self.check_in_errors.add("mood", self.mood))
        part.addWidget(self.check_in_errors.add("energy", self.energy))
        part.addWidget(buddy(self.tr("A &note (optional)"), self.check_in_note, parent))
        part.addWidget(self.check_in_errors.add("note", self.check_in_note))
        part.addWidget(self.check_in_general)
        part.addWidget(self.check_in_button, 0, Qt.AlignmentFlag.AlignLeft)
        part.addWidget(self.check_in_status)
        part.addWidget(subheading(self.tr("Recent check-ins"), parent))
        part.addWidget(self.recent, 1)
        self.check_in_button.clicked.connect(self.record_check_in)
        return part

    def _week_part(self, parent: QWidget) -> QVBoxLayout:
        self.week = WeekFigures(parent)
        self.exposure_total = self.week.total
        self.exposure_parts = self.week.parts
        self.suggestion = self.week.suggestion
        self.threshold = spin_box(
            parent,
            MIN_THRESHOLD,
            MAX_THRESHOLD,
            MIN_THRESHOLD,
            self.tr("Suggest supervision at this many heavy contacts in a week"),
        )
        self.threshold_button = button(
            self.tr("&Save level"),
            self.tr("Save the level at which supervision is suggested"),
            parent,
        )
        self.threshold_general = ErrorLabel(parent)
        self.threshold_errors = FormErrors(self.threshold_general)
        threshold_row = QHBoxLayout()
        threshold_row.addWidget(buddy(self.tr("Suggest supervision &at"), self.threshold, parent))
        threshold_row.addWidget(self.threshold_errors.add("threshold", self.threshold))
        threshold_row.addWidget(QLabel(self.tr("heavy contacts in a week"), parent))
        threshold_row.addWidget(self.threshold_button)
        threshold_row.addStretch(1)
        part = QVBoxLayout()
        part.setSpacing(8)
        part.addWidget(subheading(self.tr("This week"), parent))
        part.addWidget(self.week)
        part.addLayout(threshold_row)
        part.addWidget(self.threshold_general)
        part.addLayout(self._supervision_part(parent), 1)
        self.threshold_button.clicked.connect(self.save_threshold)
        return part

    def _supervision_part(self, parent: QWidget) -> QVBoxLayout:
        self.held_on = DateField(self.tr("Date of the supervision session"), date.today(), parent)
        self.with_whom = line_edit(parent, MAX_WITH_WHOM)
        self.with_whom.setAccessibleName(self.tr("Who the session was with"))
        self.supervision_note = notes_edit(parent, 2)
        self.supervision_note.setAccessibleName(self.tr("A note about the session (optional)"))
        self.supervision_button = button(
            self.tr("Add super&vision session"), self.tr("Add this supervision session"), parent
        )
        self.supervision_status = note_label("", parent)
        self.supervision_status.setObjectName("supervisionStatus")
        self.supervision_general = ErrorLabel(parent)
        self.supervision_errors = FormErrors(self.supervision_general)
        self.sessions = read_only_table(
            [self.tr("Date"), self.tr("With"), self.tr("Note")],
            self.tr("Your supervision sessions, newest first"),
            parent,
        )
        self.sessions.setObjectName("supervisionSessions")
        part = QVBoxLayout()
        part.setSpacing(8)
        part.addWidget(subheading(self.tr("Supervision"), parent))
        for text, name, field in (
            (self.tr("Held &on"), "held_on", self.held_on),
            (self.tr("&With whom"), "with_whom", self.with_whom),
            (self.tr("No&te (optional)"), "note", self.supervision_note),
        ):
            part.addWidget(buddy(text, field, parent))
            part.addWidget(self.supervision_errors.add(name, field))
        part.addWidget(self.supervision_general)
        part.addWidget(self.supervision_button, 0, Qt.AlignmentFlag.AlignLeft)
        part.addWidget(self.supervision_status)
        part.addWidget(self.sessions, 1)
        self.supervision_button.clicked.connect(self.add_supervision)
        return part

    # --- RecordPage ------------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self._services, self._writer = services, writer
        self.held_on.set_value(services.today())
        self._stale = True
        if self.isVisible():
            self.reload()

    def detach(self) -> None:
        self._services, self._writer = None, None
        self._epoch += 1
        self._stale = False
        self.clear()

    def clear(self) -> None:
        """Nothing of the log on screen: tables, figures and forms emptied."""
        self.view = None
        fill_table(self.recent, [])
        fill_table(self.sessions, [])
        self.week.clear()
        self._clear_check_in()
        self._clear_supervision()
        for label in (self.check_in_status, self.supervision_status):
            _say(label, "")
        for errors in (self.check_in_errors, self.supervision_errors, self.threshold_errors):
            errors.clear()

    def _clear_check_in(self) -> None:
        self.mood.set_value(0)
        self.energy.set_value(0)
        self.check_in_note.clear()

    def _clear_supervision(self) -> None:
        self.held_on.set_value(self._services.today() if self._services else date.today())
        self.with_whom.clear()
        self.supervision_note.clear()

    # --- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        services = self._services
        if services is None:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._epoch += 1
        epoch = self._epoch
        run_in_background(
            lambda: read_log(services),
            lambda view: self._loaded(epoch, view),
            lambda _error: None,  # locked meanwhile
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _loaded(self, epoch: int, view: LogView) -> None:
        if epoch != self._epoch or self._services is None:
            return
        self.view = view
        fill_table(self.recent, [self._check_in_texts(row) for row in view.check_ins])
        fill_table(
            self.sessions,
            [(shown_date(s.held_on), s.with_whom, s.note) for s in view.sessions],
        )
        self._show_exposure(view.exposure, view.suggested)
        self.loaded.emit()

    def _check_in_texts(self, row: CheckInRow) -> tuple[str, ...]:
        return (
            shown_time(row.at),
            self.mood.text_of(row.mood),
            self.energy.text_of(row.energy),
            row.note,
        )

    def _show_exposure(self, exposure: Exposure, suggested: bool) -> None:
        self.week.show_figures(exposure, suggested)
        if not self.threshold.hasFocus():
            self.threshold.setValue(exposure.threshold)

    # --- writing ---------------------------------------------------------------------------

    def record_check_in(self) -> None:
        services, writer = self._services, self._writer
        if services is None or writer is None or writer.busy:
            return
        mood, energy = self.mood.value(), self.energy.value()
        note = self.check_in_note.toPlainText()
        self.check_in_errors.clear()
        _say(self.check_in_status, "")
        writer.write(
            lambda: services.coordinator.check_in(mood, energy, note),
            lambda _id: self._checked_in(),
            self.check_in_errors.show,
        )

    def _checked_in(self) -> None:
        self._clear_check_in()
        _say(self.check_in_status, self.tr("Check-in recorded. Thank you for taking a moment."))
        self.reload()

    def add_supervision(self) -> None:
        services, writer = self._services, self._writer
        held_on = self.held_on.value()
        if services is None or writer is None or writer.busy or held_on is None:
            return
        with_whom, note = self.with_whom.text(), self.supervision_note.toPlainText()
        self.supervision_errors.clear()
        _say(self.supervision_status, "")
        writer.write(
            lambda: services.coordinator.add_supervision(held_on, with_whom, note),
            lambda _id: self._supervision_added(),
            self.supervision_errors.show,
        )

    def _supervision_added(self) -> None:
        self._clear_supervision()
        _say(self.supervision_status, self.tr("Supervision session added."))
        self.reload()

    def save_threshold(self) -> None:
        services, writer = self._services, self._writer
        if services is None or writer is None or writer.busy:
            return
        value = self.threshold.value()
        self.threshold_errors.clear()
        writer.write(
            lambda: services.coordinator.set_threshold(value),
            lambda _none: self.reload(),
            self._threshold_refused,
        )

    def _threshold_refused(self, error: RecordError) -> None:
        self.threshold_errors.show(error)

    # --- drafts ----------------------------------------------------------------------------

    def take_draft(self) -> Any:
        """What is half typed in either form, or None if nothing is."""
        state = {
            "mood": self.mood.value(),
            "energy": self.energy.value(),
            "note": self.check_in_note.toPlainText(),
            "with_whom": self.with_whom.text(),
            "supervision_note": self.supervision_note.toPlainText(),
        }
        if not any(state.values()):
            return None
        held_on = self.held_on.value()
        return {**state, "held_on": held_on.isoformat() if held_on else None}

    def restore_draft(self, state: Any) -> None:
        if not isinstance(state, dict):
            return
        self.mood.set_value(_int(state.get("mood")))
        self.energy.set_value(_int(state.get("energy")))
        self.check_in_note.setPlainText(str(state.get("note") or "")[:MAX_NOTE])
        self.with_whom.setText(str(state.get("with_whom") or ""))
        self.supervision_note.setPlainText(str(state.get("supervision_note") or "")[:MAX_NOTE])
        held_on = date_or_none(state.get("held_on"))
        if held_on is not None:
            self.held_on.set_value(held_on)


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


def _say(label: QLabel, text: str) -> None:
    """A line of news under a form: no room taken while there is none."""
    label.setText(text)
    label.setVisible(bool(text))
