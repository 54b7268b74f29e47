"""The clock to a disclosure's recording deadline: "Record within 23 h 14 min", in a
warning colour in the last hours, "Overdue by 2 h" once passed. Once the crime recording
team has been told it stops, and says whether that was in time. Also the disclosure's
section of the item's own record, which shows the clock beside the steps.

It ticks each minute (a QTimer); `now` is passed in (naive UTC, as the vault keeps
times) so tests can choose the moment. Its accessible name and description follow the
text, so a screen reader hears what the eye sees.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from enum import Enum

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sec_desktop.services.disclosures import DisclosureRecord
from sec_desktop.ui.participant_fields import note_label, shown_date
from sec_desktop.ui.participant_view import button, choice, facts_form, subheading, value_label
from sec_desktop.ui.widgets import ERROR_ON_DARK, ERROR_ON_LIGHT

TICK_MS = 60_000
# The last hours before the deadline are shown in the warning colour.
WARNING_WITHIN = timedelta(hours=4)
# Beyond this, hours are too many to read: whole days are said instead.
HOURS_UP_TO = timedelta(hours=48)
# Amber with 4.5:1 contrast or better on each theme's window colour.
WARNING_ON_LIGHT = QColor("#8a4b00")
WARNING_ON_DARK = QColor("#ffc266")
SECTION_SPACING = 10


# --- times: typed and shown in local time, kept in naive UTC -------------------------------


def local_of(utc: datetime) -> datetime:
    """A naive UTC time as the local wall clock shows it (naive)."""
    return utc.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def utc_of(local: datetime) -> datetime:
    """A naive local wall-clock time as naive UTC."""
    return local.astimezone(UTC).replace(tzinfo=None)


def shown_time(utc: datetime) -> str:
    """A vault time (naive UTC) as the user reads it: local, the month as a word."""
    local = local_of(utc)
    return f"{shown_date(local.date())}, {local:%H:%M}"


class Urgency(Enum):
    CALM = "calm"
    WARNING = "warning"
    OVERDUE = "overdue"
    MET = "met"


def span_text(span: timedelta) -> str:
    """A span of time as hours and minutes ("23 h 14 min", "2 h", "5 min"), or, beyond
    two days, as whole days ("more than 3 days")."""
    minutes = max(0, int(span.total_seconds()) // 60)
    if span > HOURS_UP_TO:
        return QCoreApplication.translate("DeadlineClock", "more than {days} days").format(
            days=minutes // (60 * 24)
        )
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return QCoreApplication.translate("DeadlineClock", "{hours} h {minutes} min").format(
            hours=hours, minutes=minutes
        )
    if hours:
        return QCoreApplication.translate("DeadlineClock", "{hours} h").format(hours=hours)
    return QCoreApplication.translate("DeadlineClock", "{minutes} min").format(minutes=minutes)


def clock_text(
    deadline: datetime, now: datetime, notified_at: datetime | None = None
) -> tuple[str, Urgency]:
    """What the clock says at `now`, and how urgent it is."""
    if notified_at is not None:
        if notified_at <= deadline:
            return QCoreApplication.translate(
                "DeadlineClock", "Crime recording team told in time"
            ), Urgency.MET
        return (
            QCoreApplication.translate(
                "DeadlineClock", "Crime recording team told {span} after the deadline"
            ).format(span=span_text(notified_at - deadline)),
            Urgency.MET,
        )
    left = deadline - now
    if left >= timedelta(minutes=1):
        urgency = Urgency.WARNING if left <= WARNING_WITHIN else Urgency.CALM
        return QCoreApplication.translate("DeadlineClock", "Record within {span}").format(
            span=span_text(left)
        ), urgency
    if left > timedelta(0):
        return QCoreApplication.translate(
            "DeadlineClock", "Record within the minute"
        ), Urgency.WARNING
    if -left < timedelta(minutes=1):
        return QCoreApplication.translate("DeadlineClock", "Overdue now"), Urgency.OVERDUE
    return QCoreApplication.translate("DeadlineClock", "Overdue by {span}").format(
        span=span_text(-left)
    ), Urgency.OVERDUE


def urgency_colour(urgency: Urgency, dark: bool) -> QColor | None:
    """The text colour for `urgency` on a light or dark window (None: the usual one)."""
    if urgency is Urgency.OVERDUE:
        return ERROR_ON_DARK if dark else ERROR_ON_LIGHT
    if urgency is Urgency.WARNING:
        return WARNING_ON_DARK if dark else WARNING_ON_LIGHT
    return None


class DeadlineClock(QLabel):
    """A bold line of text counting down to `deadline` (set with `set_deadline`)."""

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deadlineClock")
        self._now = now
        self._deadline: datetime | None = None
        self._notified_at: datetime | None = None
        self.urgency = Urgency.CALM
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader user can land on it
        font = QFont(self.font())
        font.setBold(True)
        self.setFont(font)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.refresh)

    def set_deadline(self, deadline: datetime | None, notified_at: datetime | None = None) -> None:
        """Count down to `deadline`; once `notified_at` is given the clock stops and says
        whether that was in time. None: nothing to count (the clock is emptied)."""
        self._deadline, self._notified_at = deadline, notified_at
        ticking = deadline is not None and notified_at is None
        if ticking:
            self.timer.start()
        else:
            self.timer.stop()
        self.refresh()

    def refresh(self) -> None:
        if self._deadline is None:
            self.clear()
            self.urgency = Urgency.CALM
        else:
            text, self.urgency = clock_text(self._deadline, self._now(), self._notified_at)
            self.setText(text)
        self.setAccessibleName(self.tr("Recording deadline: {clock}").format(clock=self.text()))
        self.setAccessibleDescription(self.text())
        self._apply_colour()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colour()

    def _apply_colour(self) -> None:
        parent = self.parentWidget()
        base = parent.palette() if parent is not None else QPalette()
        dark = base.color(QPalette.ColorRole.Window).lightness() < 128
        colour = urgency_colour(self.urgency, dark) or base.color(QPalette.ColorRole.WindowText)
        palette = self.palette()
        if palette.color(QPalette.ColorRole.WindowText) != colour:
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.setPalette(palette)


class DisclosureSection(QWidget):
    """A disclosure's part of the item's own record: the minimum facts, the clock (until
    it is dealt with), the notification, telling the survivor, and what to do next."""

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disclosureSection")
        self.clock = DeadlineClock(now, self)
        self.values = {
            key: value_label(self)
            for key in ("flagged", "offence", "when", "where", "risk", "notified", "told")
        }
        self.next_step = note_label("", self)
        self.next_step.setObjectName("nextStep")
        bold = QFont(self.next_step.font())
        bold.setBold(True)
        self.next_step.setFont(bold)
        self.notify_button = button(
            self.tr("Record the &notification\u2026"),
            self.tr("Record the notification to the crime recording team"),
            self,
        )
        self.told_button = button(
            self.tr("Record that the survivor was &told\u2026"),
            self.tr("Record that the survivor was told"),
            self,
        )
        v = self.values
        self.form: QFormLayout = facts_form(
            self,
            [
                (self.tr("Flagged:"), v["flagged"]),
                (self.tr("Recording deadline:"), self.clock),
                (self.tr("Offence type:"), v["offence"]),
                (self.tr("When it happened:"), v["when"]),
                (self.tr("Where it happened:"), v["where"]),
                (self.tr("Anyone at risk now:"), v["risk"]),
                (self.tr("Crime recording team told:"), v["notified"]),
                (self.tr("Survivor told:"), v["told"]),
            ],
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.notify_button)
        buttons.addWidget(self.told_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        # The form takes its spacing from here: the same as the record's other forms, so
        # that the values line up.
        layout.setSpacing(SECTION_SPACING)
        layout.addWidget(subheading(self.tr("Disclosure"), self))
        layout.addWidget(
            note_label(
                self.tr(
                    "Flagged as a disclosure of an offence not reported before. What was "
                    "said, and these facts, are shown only in this record."
                ),
                self,
            )
        )
        layout.addLayout(self.form)
        layout.addWidget(self.next_step)
        layout.addLayout(buttons)

    def show_record(self, record: DisclosureRecord | None) -> None:
        """Show `record` (None: the item is not a disclosure, and the section is hidden)."""
        self.setVisible(record is not None)
        if record is None:
            self.clock.set_deadline(None)
            return
        v, facts = self.values, record.facts
        v["flagged"].setText(shown_time(record.flagged_at))
        v["offence"].setText(facts.offence_type)
        v["when"].setText(facts.happened_when)
        v["where"].setText(facts.happened_where)
        v["risk"].setText(choice(facts.anyone_at_risk_now) if facts.anyone_at_risk_now else "")
        v["notified"].setText(self._notified(record))
        v["told"].setText(
            self.tr("{date}: {how}").format(
                date=shown_date(record.survivor_told_on), how=record.survivor_told_how
            )
            if record.survivor_told_on is not None
            else self.tr("Not yet")
        )
        notification = record.notification
        # The clock runs until it is dealt with (stopped once the team was told).
        self.clock.set_deadline(
            None if record.dealt_with else record.deadline_at,
            notification.notified_at if notification is not None else None,
        )
        # Hidden widget by widget: QFormLayout.setRowVisible left the wrapped rows below
        # with the heights of their neighbours (one clipped, one with a gap).
        label = self.form.labelForField(self.clock)
        for widget in (label, self.clock):
            if widget is not None:
                widget.setVisible(not record.dealt_with)
        self._show_steps(record)

    def _notified(self, record: DisclosureRecord) -> str:
        n = record.notification
        if n is None:
            return self.tr("Not yet")
        crime = n.crime_reference or self.tr("not given yet")
        return self.tr(
            "{to}, {when}. Incident reference: {incident}. Crime reference: {crime}."
        ).format(
            to=n.notified_to,
            when=shown_time(n.notified_at),
            incident=n.incident_reference,
            crime=crime,
        )

    def _show_steps(self, record: DisclosureRecord) -> None:
        n = record.notification
        if n is None:
            step = self.tr("Next: tell the crime recording team, then record it here.")
        elif not record.survivor_told:
            step = self.tr("Next: tell the survivor that it is being recorded, and how.")
        elif not n.crime_reference:
            step = self.tr("Dealt with. Add the crime reference when the force gives it.")
        else:
            step = self.tr("Dealt with: the crime recording team and the survivor were told.")
        self.next_step.setText(step)
        if n is None:
            self.notify_button.setText(self.tr("Record the &notification\u2026"))
        elif not n.crime_reference:
            self.notify_button.setText(self.tr("Add the &crime reference\u2026"))
        else:
            self.notify_button.setText(self.tr("Change the &notification\u2026"))
        self.notify_button.setAccessibleName(
            self.notify_button.text().replace("&", "").rstrip("\u2026")
        )
        self.told_button.setVisible(not record.survivor_told)
