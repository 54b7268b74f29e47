"""One attendee's wellbeing check after a session: when it was done, how they were, a
note, the support offered, and whether a follow-up is needed (and by when: a week after
the check unless another day is chosen). A follow-up becomes a task on the Today page.

The attendee is shown by their code only. Saved through the RecordWriter; a refusal
leaves every field as typed with its message under it; what is typed survives a lock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from sec_desktop.domain.risk_enums import HowTheyAre
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services.errors import FieldError, ValidationFailed
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.wellbeing_checks import AttendeeCheck, CheckDetails
from sec_desktop.ui.participant_fields import (
    DateField,
    date_or_none,
    new_form,
    note_label,
    notes_edit,
    shown_date,
)
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter

DRAFT_KEY = "wellbeing_check"
DIALOG_WIDTH = 560
FOLLOW_UP_DAYS = 7
SUPPORT_LINES = 3
CHOOSE_HOW = QT_TRANSLATE_NOOP(
    "Records", "Choose how they were: well, some distress, or distressed."
)


class HowButtons(QWidget):
    """Well / some distress / distressed, side by side; none until one is chosen (arrows
    move between them)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[HowTheyAre, QRadioButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for member in HowTheyAre:
            text = QCoreApplication.translate("Choices", member.label)
            radio = QRadioButton(text, self)
            radio.setAccessibleName(text)
            self.group.addButton(radio)
            layout.addWidget(radio)
            self.buttons[member] = radio
        layout.addStretch(1)
        self.setFocusProxy(self.buttons[HowTheyAre.WELL])

    def value(self) -> HowTheyAre | None:
        return next((m for m, radio in self.buttons.items() if radio.isChecked()), None)

    def set_value(self, value: object) -> None:
        chosen = next((m for m in self.buttons if value in (m, m.value)), None)
        if chosen is not None:
            self.buttons[chosen].setChecked(True)
            self.setFocusProxy(self.buttons[chosen])


class WellbeingCheckDialog(RecordDialog):
    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        engagement_id: int,
        attendee: AttendeeCheck,
        *,
        held_on: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, DRAFT_KEY, parent)
        self.setObjectName("wellbeingCheckDialog")
        self._services = services
        self.engagement_id = engagement_id
        self.participant_id = attendee.participant_id
        self.code = attendee.participant_code
        # Left alone, the follow-up date stays a week after the check's date.
        self._follow_up_chosen = False
        self.setWindowTitle(self.tr("Wellbeing check: {code}").format(code=self.code))
        self.set_intro(
            self.tr(
                "How {code} was after the session of {date}, and any support they need. "
                "A follow-up is listed on the Today page until it is marked done."
            ).format(code=self.code, date=shown_date(held_on))
        )
        today = services.today()
        self.date_field = DateField(self.tr("Date of the check"), max(held_on, today), self)
        self.how = HowButtons(self)
        self.note_edit = notes_edit(self)
        self.support_edit: QPlainTextEdit = notes_edit(self, SUPPORT_LINES)
        self.follow_up_check = QCheckBox(self.tr("&Follow-up needed"), self)
        self.follow_up_check.setAccessibleName(self.tr("Follow-up needed"))
        self.follow_up_field = DateField(self.tr("Follow-up by"), None, self)
        self.done_note = note_label("", self)
        self._build()
        self._connect()
        self._show(attendee)
        self.date_field.setFocus()

    def _build(self) -> None:
        form, add = new_form(), self.add_row
        add(form, self.tr("&Date of the check:"), self.date_field, None, "checked_on")
        add(form, self.tr("How they &were:"), self.how, None, "how_they_are")
        add(form, self.tr("&Note:"), self.note_edit, self.tr("Note"), "note")
        add(
            form,
            self.tr("Su&pport offered:"),
            self.support_edit,
            self.tr("Support offered"),
            "support_offered",
        )
        form.addRow("", self.register("follow_up_needed", self.follow_up_check))
        add(
            form,
            self.tr("Follow-up &by:"),
            self.follow_up_field,
            None,
            "follow_up_by",
            note=self.tr("A week after the check unless you choose another day."),
        )
        self.body.addLayout(form)
        self.body.addWidget(self.done_note)
        self.body.addStretch(1)
        self.done_note.hide()
        self.setMinimumWidth(DIALOG_WIDTH)

    def _connect(self) -> None:
        self.follow_up_check.toggled.connect(self._follow_up_toggled)
        self.date_field.changed.connect(self._check_date_changed)
        self.follow_up_field.changed.connect(self._follow_up_date_changed)

    def _show(self, attendee: AttendeeCheck) -> None:
        details = attendee.details
        if details is None:
            self._show_default_follow_up()
            self.follow_up_field.setEnabled(False)
            return
        self.date_field.set_value(details.checked_on)
        self.how.set_value(details.how_they_are)
        self.note_edit.setPlainText(details.note)
        self.support_edit.setPlainText(details.support_offered)
        self._set_follow_up(details.follow_up_needed, details.follow_up_by)
        if attendee.follow_up_done_on is not None:
            self.done_note.setText(
                self.tr("The follow-up was done on {date}.").format(
                    date=shown_date(attendee.follow_up_done_on)
                )
            )
            self.done_note.show()

    # --- the follow-up date -----------------------------------------------------------------

    def _default_follow_up(self) -> date:
        checked_on = self.date_field.value() or self._services.today()
        return checked_on + timedelta(days=FOLLOW_UP_DAYS)

    def _set_follow_up(self, needed: bool, by: date | None) -> None:
        self.follow_up_check.setChecked(needed)
        self.follow_up_field.setEnabled(needed)
        if by is not None:
            # Its own changed signal says whether it is the default.
            self.follow_up_field.set_value(by)

    def _follow_up_toggled(self, needed: bool) -> None:
        if needed and not self._follow_up_chosen:
            self._show_default_follow_up()
        self.follow_up_field.setEnabled(needed)

    def _check_date_changed(self) -> None:
        if not self._follow_up_chosen:
            self._show_default_follow_up()

    def _show_default_follow_up(self) -> None:
        blocked = self.follow_up_field.blockSignals(True)
        self.follow_up_field.set_value(self._default_follow_up())
        self.follow_up_field.blockSignals(blocked)

    def _follow_up_date_changed(self) -> None:
        self._follow_up_chosen = self.follow_up_field.value() != self._default_follow_up()

    # --- saving -----------------------------------------------------------------------------

    def work(self) -> Callable[[], object]:
        how = self.how.value()
        service, engagement_id, participant_id = (
            self._services.wellbeing,
            self.engagement_id,
            self.participant_id,
        )
        if how is None:
            return _refuse(FieldError("how_they_are", CHOOSE_HOW))
        needed = self.follow_up_check.isChecked()
        details = CheckDetails(
            checked_on=self.date_field.value() or self._services.today(),
            how_they_are=how,
            note=self.note_edit.toPlainText(),
            support_offered=self.support_edit.toPlainText(),
            follow_up_needed=needed,
            follow_up_by=self.follow_up_field.value() if needed else None,
        )
        return lambda: service.save(engagement_id, participant_id, details)

    # --- Draftable --------------------------------------------------------------------------

    def draft_identity(self) -> dict[str, Any]:
        return {"engagement_id": self.engagement_id, "participant_id": self.participant_id}

    def input_state(self) -> dict[str, Any]:
        how = self.how.value()
        by = self.follow_up_field.value()
        checked_on = self.date_field.value()
        return {
            "checked_on": checked_on.isoformat() if checked_on else None,
            "how_they_are": how.value if how else None,
            "note": self.note_edit.toPlainText(),
            "support_offered": self.support_edit.toPlainText(),
            "follow_up_needed": self.follow_up_check.isChecked(),
            "follow_up_by": by.isoformat() if by else None,
            "follow_up_chosen": self._follow_up_chosen,
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        checked_on = date_or_none(state.get("checked_on"))
        if checked_on is not None:
            self.date_field.set_value(checked_on)
        self.how.set_value(state.get("how_they_are"))
        self.note_edit.setPlainText(str(state.get("note") or ""))
        self.support_edit.setPlainText(str(state.get("support_offered") or ""))
        self._set_follow_up(
            bool(state.get("follow_up_needed")), date_or_none(state.get("follow_up_by"))
        )
        self._follow_up_chosen = bool(state.get("follow_up_chosen"))


def _refuse(error: FieldError) -> Callable[[], object]:
    """The form's own refusal, delivered as the service's would be (under the field)."""

    def refuse() -> object:
        raise ValidationFailed([error])

    return refuse
