"""Choosing more feedback items for an action to answer: the newest items of the past
year (or of any date), narrowed by words, several chosen at once (Shift or Ctrl with the
arrows or the mouse). As in the feedback list, the service finds them off the GUI thread
(the newest `PAGE_LIMIT` that match), and a disclosure's row carries no text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from sec_desktop.services.feedback_records import FeedbackPage
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.background import run_in_background
from sec_desktop.ui.feedback_list import FILTER_PAUSE_MS, PAGE_LIMIT
from sec_desktop.ui.feedback_model import FeedbackModel
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter

YEAR_DAYS = 365
DIALOG_SIZE = (820, 520)


class FeedbackPickerDialog(RecordDialog):
    # The items have been (re)read and are listed.
    loaded = Signal()

    def __init__(
        self,
        services: RecordServices,
        writer: RecordWriter,
        action_id: int,
        linked: Sequence[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(writer, "action_link", parent)
        self.setObjectName("feedbackPickerDialog")
        self.setWindowTitle(self.tr("Link feedback"))
        self._services = services
        self.action_id = action_id
        self._linked = set(linked)
        self._epoch = 0
        self._to_choose: list[int] = []  # restored from a draft, chosen once listed
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_PAUSE_MS)
        self._filter_timer.timeout.connect(self.load)
        self.set_intro(
            self.tr(
                "Choose the feedback items this action answers (Shift or Ctrl chooses several)."
            )
        )
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setAccessibleName(self.tr("Filter by words"))
        self.filter_edit.setPlaceholderText(self.tr("Words in the summary, a code or a theme"))
        self.filter_edit.setClearButtonEnabled(True)
        self.any_date_check = QCheckBox(self.tr("&Any date (not only the past year)"), self)
        self.any_date_check.setAccessibleName(self.tr("Any date"))
        filter_label = QLabel(self.tr("F&ilter:"), self)
        filter_label.setBuddy(self.filter_edit)
        tools = QHBoxLayout()
        tools.addWidget(filter_label)
        tools.addWidget(self.filter_edit, 1)
        tools.addWidget(self.any_date_check)
        self.model = FeedbackModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("feedbackPickerTable")
        self.table.setAccessibleName(self.tr("Feedback items to link"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.body.addLayout(tools)
        self.body.addWidget(self.table, 1)
        self.save_button.setText(self.tr("&Link"))
        self.save_button.setAccessibleName(self.tr("Link the chosen items"))
        self.fit_height = False
        self.resize(*DIALOG_SIZE)
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.any_date_check.toggled.connect(lambda _on: self.load())
        self.load()
        self.table.setFocus()

    def load(self) -> None:
        """Find the newest items with the words typed, off the GUI thread."""
        self._filter_timer.stop()
        self._epoch += 1
        epoch = self._epoch
        today = self._services.today()
        start = None if self.any_date_check.isChecked() else today - timedelta(days=YEAR_DAYS)
        words = self.filter_edit.text().split()
        feedback = self._services.feedback
        run_in_background(
            lambda: feedback.page(start=start, end=None, words=words, limit=PAGE_LIMIT),
            lambda page: self._loaded(epoch, page),
            lambda _error: None,  # locked meanwhile: the dialog is closed
        )

    def _loaded(self, epoch: int, page: FeedbackPage) -> None:
        if epoch != self._epoch or not shiboken6.isValid(self.table):
            return
        chosen = self.chosen_ids() + self._to_choose
        self._to_choose = []
        self.model.set_rows([r for r in page.rows if r.id not in self._linked])
        for column in range(self.model.columnCount() - 1):
            self.table.resizeColumnToContents(column)
        self.choose(chosen)
        self.loaded.emit()

    def chosen_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [found.id for r in rows if (found := self.model.row_at(r)) is not None]

    def choose(self, feedback_ids: Sequence[int]) -> None:
        selection = self.table.selectionModel()
        for feedback_id in feedback_ids:
            row = self.model.row_of(feedback_id)
            if row is not None:
                selection.select(
                    self.model.index(row, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )

    def work(self) -> Callable[[], object]:
        actions, action_id, ids = self._services.actions, self.action_id, self.chosen_ids()
        return lambda: actions.link_feedback(action_id, ids)

    def draft_identity(self) -> dict[str, Any]:
        return {"dialog": "link", "action_id": self.action_id}

    def input_state(self) -> dict[str, Any]:
        return {
            "words": self.filter_edit.text(),
            "any_date": self.any_date_check.isChecked(),
            "chosen": self.chosen_ids(),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        self.any_date_check.setChecked(bool(state.get("any_date")))
        self.filter_edit.setText(str(state.get("words", "")))
        chosen = state.get("chosen")
        if isinstance(chosen, list):
            self._to_choose = [i for i in chosen if isinstance(i, int)]
        self.load()
