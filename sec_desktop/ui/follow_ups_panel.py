"""The follow-ups still to do after sessions' wellbeing checks: who (by pseudonym code),
after which session, and by when. Soonest first; overdue ones say so in words and are
bold, in the error colour.

"Mark done" (Alt+D, or Ctrl+D in the table) records the follow-up as done today, through
the record writer; Enter, a double click or "Open session" opens the engagement
(`open_requested` with ("engagement", id)). No note of the check is shown here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from sec_desktop.services.errors import RecordError
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.wellbeing_checks import FollowUp
from sec_desktop.ui.form_errors import error_text
from sec_desktop.ui.risk_reviews_panel import DueListPanel
from sec_desktop.ui.today_page import due_words
from sec_desktop.ui.widgets import ErrorLabel

OPENS_ENGAGEMENT = "engagement"


class FollowUpsPanel(DueListPanel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Follow-ups after sessions"),
            self.tr(
                "Wellbeing checks after a session that asked for a follow-up, until it is "
                "done. Mark one done once you have been in touch; open the session to see "
                "the check itself."
            ),
            [self.tr("Participant"), self.tr("Session"), self.tr("Follow up by")],
            self.tr("Follow-ups to do, soonest first"),
            parent,
        )
        self.setObjectName("followUpsPanel")
        self.table.setObjectName("followUpsTable")
        self.done_button = self.add_button(
            self.tr("Mark &done"), self.tr("Mark the chosen follow-up as done today")
        )
        self.open_button = self.add_button(
            self.tr("&Open session"), self.tr("Open the session of the chosen follow-up")
        )
        self.buttons.addStretch(1)
        self.status = ErrorLabel(self)
        self.status.setWordWrap(True)
        self.status.hide()
        layout = self.layout()
        if layout is not None:
            layout.addWidget(self.status)
        self.done_button.clicked.connect(self.mark_done)
        self.open_button.clicked.connect(self.open_selected)
        self.done_action = QAction(self.tr("Mark done"), self)
        self.done_action.setShortcut(QKeySequence("Ctrl+D"))
        self.done_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.done_action.triggered.connect(self.mark_done)
        self.table.addAction(self.done_action)
        self._just_done = ""

    # --- DueListPanel -----------------------------------------------------------------------

    def read(self, services: RecordServices) -> list[FollowUp]:
        return services.wellbeing.follow_ups_due()

    def row_texts(self, row: FollowUp, today: date) -> Sequence[str]:
        return (
            row.participant_code,
            row.engagement_title or self.tr("A session with no title"),
            due_words(row.follow_up_by, row.overdue, today),
        )

    def row_id(self, row: FollowUp) -> int:
        return row.check_id

    def opens(self, row: FollowUp) -> tuple[str, int]:
        return (OPENS_ENGAGEMENT, row.engagement_id)

    def count_text(self, rows: list[FollowUp]) -> str:
        counted = (
            self.tr("{count} to do; {overdue} overdue.").format(
                count=len(rows), overdue=sum(1 for row in rows if row.overdue)
            )
            if rows
            else self.tr("No follow-up is waiting. Thank you for checking in with everyone.")
        )
        return f"{self._just_done} {counted}" if self._just_done else counted

    def detach(self) -> None:
        self._just_done = ""
        self.status.clear()
        self.status.hide()
        super().detach()

    # --- marking done -----------------------------------------------------------------------

    def mark_done(self) -> None:
        """The chosen follow-up was done today."""
        row = self.selected_row()
        services, writer = self._services, self._writer
        if row is None or services is None or writer is None or writer.busy:
            return
        self.status.hide()
        today = services.today()
        code = row.participant_code
        writer.write(
            lambda: services.wellbeing.mark_follow_up_done(row.check_id, today),
            lambda _result: self._done(code),
            self._refused,
        )

    def _done(self, code: str) -> None:
        self._just_done = self.tr("Follow-up with {code} marked done.").format(code=code)
        self.reload()
        self.table.setFocus()

    def _refused(self, error: RecordError) -> None:
        self.status.setText(error_text(error))
        self.status.show()
        self.reload()
