"""The Service recovery area: cases a partner raised about one survivor's case, which the
SEC takes to the right department and reports back on.

The list (filtered by status, partner and department, days open with long-open cases
marked, and the timeliness line) and one case's page. Keyboard first: Ctrl+N opens a new
case, Enter on a row opens it, Escape or Alt+Left goes back to the list. A form open at
lock time comes back, as typed, after unlocking.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from sec_desktop.services.errors import NotFound, RecordError
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.recovery_records import Timeliness
from sec_desktop.ui.form_errors import error_text
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_page import SelfTestView
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.recovery_case_dialog import RecoveryCaseDialog
from sec_desktop.ui.recovery_case_view import RecoveryCaseView
from sec_desktop.ui.recovery_close_dialog import RecoveryCloseDialog, RecoveryToldDialog
from sec_desktop.ui.recovery_list import RecoveryList
from sec_desktop.ui.recovery_step_dialog import RecoveryStepDialog
from sec_desktop.ui.widgets import heading_label

DRAFT_KEY = "service_recovery"
_Dialog = TypeVar("_Dialog", bound=RecordDialog)


class ServiceRecoveryArea(QWidget):
    # ("participant", id): the survivor's roster record, asked for from a case.
    open_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_service_recovery")
        self.setAccessibleName(self.tr("Service recovery"))
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._dialog: RecordDialog | None = None

        self.list = RecoveryList(self)
        self.table = self.list.table
        self.view = RecoveryCaseView(self)
        self.stack = QStackedWidget(self)
        self._build_layout()
        self.new_action = QAction(self.tr("New service recovery case"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        # Only while this page is shown: other pages use Ctrl+N for their own records.
        self.new_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.new_action.triggered.connect(self.new_case)
        self.addAction(self.new_action)
        self._connect()
        self.detach()

    def _build_layout(self) -> None:
        self.list_area = QWidget(self)
        area = QVBoxLayout(self.list_area)
        area.setContentsMargins(24, 20, 24, 20)
        area.setSpacing(12)
        area.addWidget(heading_label(self.tr("Service recovery"), self.list_area))
        area.addWidget(self.list, 1)
        self.stack.addWidget(self.list_area)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _connect(self) -> None:
        self.list.filters_changed.connect(self.reload)
        self.list.new_button.clicked.connect(self.new_case)
        self.list.open_requested.connect(self.open_case)
        view = self.view
        view.back_requested.connect(self.back_to_list)
        view.edit_button.clicked.connect(self.edit_case)
        view.add_step_button.clicked.connect(self.add_step)
        view.told_button.clicked.connect(self.record_told)
        view.close_button.clicked.connect(self.close_case)
        view.reopen_button.clicked.connect(self.reopen_case)
        view.participant_button.clicked.connect(self._open_participant)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._services is not None and self.stack.currentWidget() is self.list_area:
            self.reload()

    # --- RecordPage -----------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self._services, self._writer = services, writer
        for widget in (self.list.new_button, self.new_action):
            widget.setEnabled(True)
        if self.isVisible():
            self.reload()

    def detach(self) -> None:
        """Drop the services and clear every view: nothing of the records stays."""
        if self._dialog is not None:
            self._dialog.reject()
            self._dialog = None
        for dialog in self.findChildren(RecordDialog):
            dialog.forget()
        self._services, self._writer = None, None
        self.list.clear()
        self.view.show_record(None)
        self.stack.setCurrentWidget(self.list_area)
        for widget in (self.list.new_button, self.new_action):
            widget.setEnabled(False)

    # --- loading --------------------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        services = self._services
        if services is None:
            return
        self.list.set_partners(services.partners.names())
        rows = services.recovery.rows(status=self.list.status(), partner_id=self.list.partner_id())
        # Part of a department's name is enough (the service matches a whole name).
        typed = self.list.department().casefold()
        self.list.set_rows([r for r in rows if typed in r.department.casefold()], keep)
        self.list.set_departments(services.recovery.departments())
        today = services.today()
        self.list.set_timeliness(
            self.timeliness_text(services.recovery.timeliness(date(today.year, 1, 1), today))
        )

    def timeliness_text(self, figures: Timeliness) -> str:
        """Labelled figures (no plurals to get wrong in either language)."""
        parts = [self.tr("Open now: {count}").format(count=figures.open_now)]
        if figures.oldest_open_days is not None:
            parts.append(self.tr("days open, oldest: {days}").format(days=figures.oldest_open_days))
        parts.append(self.tr("closed this year: {count}").format(count=figures.closed))
        if figures.median_days_open is not None:
            parts.append(
                self.tr("median days open: {median} (longest {longest})").format(
                    median=f"{figures.median_days_open:g}", longest=figures.longest_days_open
                )
            )
        return " \u00b7 ".join(parts)

    def open_case(self, case_id: int) -> bool:
        if self._services is None:
            return False
        try:
            record = self._services.recovery.record(case_id)
        except NotFound as gone:
            self.reload()
            self.list.empty_label.setText(error_text(gone))
            self.list.empty_label.show()
            return False
        if self.view.record is None or self.view.record.id != case_id:
            self.view.message.say("")
        self.view.show_record(record)
        self.stack.setCurrentWidget(self.view)
        self.view.back_button.setFocus()
        return True

    def _open_participant(self) -> None:
        record = self.view.record
        if record is not None and record.details.participant_id is not None:
            self.open_requested.emit("participant", record.details.participant_id)

    def back_to_list(self) -> None:
        shown = self.view.record.id if self.view.record is not None else None
        self.stack.setCurrentWidget(self.list_area)
        self.reload(shown)
        self.table.setFocus()

    def _refresh_case(self) -> None:
        record = self.view.record
        if record is not None and self._services is not None:
            with contextlib.suppress(NotFound):
                self.view.show_record(self._services.recovery.record(record.id))

    # --- dialogs ---------------------------------------------------------------------------

    @property
    def dialog(self) -> RecordDialog | None:
        return self._dialog

    def new_case(self) -> RecoveryCaseDialog | None:
        if self._services is None or self._writer is None or self._dialog is not None:
            return None
        dialog = RecoveryCaseDialog(self._services, self._writer, None, parent=self)
        dialog.saved.connect(self._case_saved)
        return self._open(dialog)

    def edit_case(self) -> RecoveryCaseDialog | None:
        record = self.view.record
        if self._services is None or self._writer is None or record is None or self._dialog:
            return None
        dialog = RecoveryCaseDialog(self._services, self._writer, record, parent=self)
        dialog.saved.connect(lambda _r: self._refresh_case())
        return self._open(dialog)

    def add_step(self) -> RecoveryStepDialog | None:
        record = self.view.record
        if self._services is None or self._writer is None or record is None or self._dialog:
            return None
        dialog = RecoveryStepDialog(self._services, self._writer, record.id, parent=self)
        dialog.saved.connect(lambda _r: self._refresh_case())
        return self._open(dialog)

    def record_told(self) -> RecoveryToldDialog | None:
        record = self.view.record
        if self._services is None or self._writer is None or record is None or self._dialog:
            return None
        dialog = RecoveryToldDialog(self._services, self._writer, record, parent=self)
        dialog.saved.connect(lambda _r: self._refresh_case())
        return self._open(dialog)

    def close_case(self) -> RecoveryCloseDialog | None:
        record = self.view.record
        if self._services is None or self._writer is None or record is None or self._dialog:
            return None
        dialog = RecoveryCloseDialog(self._services, self._writer, record, parent=self)
        dialog.saved.connect(lambda _r: self._after_close())
        return self._open(dialog)

    def _after_close(self) -> None:
        self._refresh_case()
        self.view.message.say(self.tr("The case is closed."))
        self.view.reopen_button.setFocus()

    def reopen_case(self) -> None:
        record, services, writer = self.view.record, self._services, self._writer
        if record is None or services is None or writer is None:
            return

        def done(_result: object) -> None:
            self._refresh_case()
            self.view.message.say(self.tr("The case is open again."))
            self.view.close_button.setFocus()

        def refused(error: RecordError) -> None:
            self.view.message.say(error_text(error), error=True)

        writer.write(lambda: services.recovery.reopen(record.id), done, refused)

    def _case_saved(self, result: object) -> None:
        if isinstance(result, int):
            self.open_case(result)
        else:
            self.reload()

    def _open(self, dialog: _Dialog) -> _Dialog:
        self._dialog = dialog
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: RecordDialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()

    # --- Draftable: a form's input survives a lock ------------------------------------------

    def draft_key(self) -> str:
        return DRAFT_KEY

    def take_draft(self) -> Any:
        state: dict[str, Any] = {}
        if self.stack.currentWidget() is self.view and self.view.record is not None:
            state["case_id"] = self.view.record.id
        dialog = self._dialog
        # A form being saved is not kept: restored, it could be saved a second time.
        if dialog is not None and dialog.isVisible() and not dialog.busy:
            state["dialog"] = dialog.draft_key()
            state["input"] = dialog.input_state()
        return state or None

    def restore_draft(self, state: Any) -> None:
        if not isinstance(state, dict) or self._services is None:
            return
        case_id = state.get("case_id")
        if isinstance(case_id, int) and not self.open_case(case_id):
            return
        saved = state.get("input")
        editing = isinstance(saved, dict) and saved.get("case_id") is not None
        openers: dict[str, Callable[[], RecordDialog | None]] = {
            "recovery_case": self.edit_case if editing else self.new_case,
            "recovery_step": self.add_step,
            "recovery_told": self.record_told,
            "recovery_close": self.close_case,
        }
        opener = openers.get(str(state.get("dialog")))
        dialog = opener() if opener is not None else None
        if dialog is not None and isinstance(saved, dict):
            dialog.restore_input(saved)

    # --- self-test ---------------------------------------------------------------------------

    def self_test_views(self) -> list[SelfTestView]:
        """The newest case's page, if there is a case."""
        if self._services is None:
            return []
        rows = self._services.recovery.rows()
        if not rows:
            return []
        first = rows[0].id
        return [("case", self.window(), lambda: self.open_case(first))]
