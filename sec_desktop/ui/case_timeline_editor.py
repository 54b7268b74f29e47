"""The victim's journey through a case, as dated entries tagged by journey stage.

A small table of rows built for the keyboard: "Add entry" puts a new row at the end and
moves to its date; Tab goes date, stage, note, "Remove" along each row; the stage box
takes type-ahead anywhere in a stage's name ("court" finds "Court (plea, trial, ...)").
A problem with an entry is shown under that row, in words, and the first row in error
is brought into view. Entries are put in date order when the case is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.services.scrutiny_records import TimelineEntry
from sec_desktop.services.taxonomy import Term
from sec_desktop.ui.participant_fields import (
    DATE_FORMAT,
    EARLIEST,
    date_or_none,
    from_qdate,
    note_label,
    scrolled,
    to_qdate,
)
from sec_desktop.ui.widgets import ErrorLabel

NOTE_LENGTH = 2000
# Wide enough for most stage names in full (the longest is about 55 characters).
STAGE_CHARS = 36
DATE, STAGE, NOTE, REMOVE = range(4)


class _EntryRow:
    """The widgets of one entry; they live in the editor's grid. Its texts are in the
    editor's translation context, written out in full so that lupdate finds them."""

    def __init__(self, editor: CaseTimelineEditor, on: date) -> None:
        parent = editor.rows_widget
        self.date_edit = QDateEdit(parent)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setMinimumDate(EARLIEST)
        self.date_edit.setDate(to_qdate(on))
        self.stage_combo = QComboBox(parent)
        self.stage_combo.setEditable(True)
        self.stage_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.stage_combo.setMinimumContentsLength(STAGE_CHARS)
        self.stage_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.note_edit = QLineEdit(parent)
        self.note_edit.setMaxLength(NOTE_LENGTH)
        self.remove_button = QPushButton(
            QCoreApplication.translate("CaseTimelineEditor", "Remove"), parent
        )
        self.remove_button.setAutoDefault(False)
        self.error = ErrorLabel(parent)
        self.error.setWordWrap(True)
        self.error.hide()
        editor.fill_stages(self.stage_combo)
        self.stage_combo.setCurrentIndex(-1)
        line = self.stage_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(
                QCoreApplication.translate("CaseTimelineEditor", "Type or choose a stage")
            )

    def widgets(self) -> list[QWidget]:
        return [self.date_edit, self.stage_combo, self.note_edit, self.remove_button]

    def name(self, number: int) -> None:
        self.date_edit.setAccessibleName(
            QCoreApplication.translate("CaseTimelineEditor", "Entry {n}: date").format(n=number)
        )
        stage = QCoreApplication.translate("CaseTimelineEditor", "Entry {n}: journey stage").format(
            n=number
        )
        self.stage_combo.setAccessibleName(stage)
        line = self.stage_combo.lineEdit()
        if line is not None:  # it takes the focus: screen readers ask it for the name
            line.setAccessibleName(stage)
        self.note_edit.setAccessibleName(
            QCoreApplication.translate("CaseTimelineEditor", "Entry {n}: note").format(n=number)
        )
        self.remove_button.setAccessibleName(
            QCoreApplication.translate("CaseTimelineEditor", "Remove entry {n}").format(n=number)
        )

    def stage_id(self) -> int | None:
        text = self.stage_combo.currentText().strip()
        if not text:
            return None
        index = self.stage_combo.findText(text, Qt.MatchFlag.MatchFixedString)
        data = self.stage_combo.itemData(index) if index >= 0 else None
        return int(data) if data is not None else None

    def entry(self) -> TimelineEntry:
        return TimelineEntry(
            from_qdate(self.date_edit.date()), self.stage_id(), self.note_edit.text()
        )

    def dispose(self, grid: QGridLayout) -> None:
        for widget in (*self.widgets(), self.error):
            grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()


class CaseTimelineEditor(QWidget):
    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseTimelineEditor")
        self.setAccessibleName(self.tr("Journey timeline"))
        self._today = today
        self._stages: list[Term] = []
        self._rows: list[_EntryRow] = []

        self.add_button = QPushButton(self.tr("Add &entry"), self)
        self.add_button.setAccessibleName(self.tr("Add entry"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_entry)
        hint = note_label(
            self.tr(
                "Each step of the victim's journey, with its date and stage. "
                "Entries are put in date order when saved."
            ),
            self,
        )
        self.empty_label = QLabel(self.tr("No entries yet."), self)

        self.rows_widget = QWidget(self)
        rows_layout = QVBoxLayout(self.rows_widget)
        rows_layout.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        rows_layout.addLayout(self.grid)
        rows_layout.addStretch(1)  # spare height below the rows, not between them
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        for column, heading in (
            (DATE, self.tr("Date")),
            (STAGE, self.tr("Journey stage")),
            (NOTE, self.tr("Note")),
        ):
            label = QLabel(heading, self.rows_widget)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            self.grid.addWidget(label, 0, column)
        self.grid.setColumnStretch(NOTE, 1)
        self.scroll_area: QScrollArea = scrolled(self.rows_widget, self)

        top = QHBoxLayout()
        top.addWidget(hint, 1)
        top.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.scroll_area, 1)
        self.setFocusProxy(self.add_button)
        self._relayout()

    # --- stages -----------------------------------------------------------------------------

    def set_stages(self, stages: Sequence[Term]) -> None:
        """The stages offered (retired ones only if an entry already uses them)."""
        self._stages = list(stages)
        for row in self._rows:
            chosen = row.stage_id()
            row.stage_combo.clear()
            self.fill_stages(row.stage_combo)
            self._choose_stage(row, chosen)

    def fill_stages(self, combo: QComboBox) -> None:
        for term in self._stages:
            combo.addItem(term.name, term.id)
        completer = QCompleter(combo.model(), combo)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        combo.setCompleter(completer)

    @staticmethod
    def _choose_stage(row: _EntryRow, stage_id: int | None) -> None:
        index = row.stage_combo.findData(stage_id) if stage_id is not None else -1
        row.stage_combo.setCurrentIndex(index)
        if index < 0:
            row.stage_combo.setEditText("")
        line = row.stage_combo.lineEdit()
        if line is not None:
            line.setCursorPosition(0)  # the start of a long name, not its end

    # --- entries ----------------------------------------------------------------------------

    def entries(self) -> tuple[TimelineEntry, ...]:
        """In the order of the rows (a refusal names an entry by that order)."""
        return tuple(row.entry() for row in self._rows)

    def set_entries(self, entries: Sequence[TimelineEntry]) -> None:
        for row in self._rows:
            row.dispose(self.grid)
        self._rows = []
        for entry in entries:
            row = self._new_row(entry.on)
            self._choose_stage(row, entry.stage_id)
            row.note_edit.setText(entry.note)
        self._relayout()

    def add_entry(self) -> _EntryRow:
        """A new row at the end, dated as the last one (or today); its date takes focus."""
        last = self._rows[-1].date_edit.date() if self._rows else to_qdate(self._today)
        row = self._new_row(from_qdate(last))
        self._relayout()
        self.scroll_area.ensureWidgetVisible(row.date_edit)
        row.date_edit.setFocus()
        self.changed.emit()
        return row

    def remove_entry(self, index: int) -> None:
        if not 0 <= index < len(self._rows):
            return
        self._rows.pop(index).dispose(self.grid)
        self._relayout()
        following = self._rows[index] if index < len(self._rows) else None
        (following.date_edit if following else self.add_button).setFocus()
        self.changed.emit()

    def row_count(self) -> int:
        return len(self._rows)

    def row(self, index: int) -> _EntryRow:
        return self._rows[index]

    def _new_row(self, on: date) -> _EntryRow:
        row = _EntryRow(self, on)
        row.remove_button.clicked.connect(lambda: self.remove_entry(self._rows.index(row)))
        for signal in (
            row.date_edit.dateChanged,
            row.stage_combo.currentTextChanged,
            row.note_edit.textChanged,
        ):
            signal.connect(lambda *_: self.changed.emit())
        self._rows.append(row)
        return row

    def _relayout(self) -> None:
        """Rows in the grid in order (two grid rows each: the fields, then their message),
        named by number, and in Tab order after "Add entry"."""
        previous: QWidget = self.add_button
        for row in self._rows:
            for widget in (*row.widgets(), row.error):
                self.grid.removeWidget(widget)
        for number, row in enumerate(self._rows, start=1):
            line = number * 2 - 1
            for column, widget in enumerate(row.widgets()):
                self.grid.addWidget(widget, line, column)
                QWidget.setTabOrder(previous, widget)
                previous = widget
            self.grid.addWidget(row.error, line + 1, 0, 1, 4)
            row.name(number)
        self.empty_label.setVisible(not self._rows)
        self.scroll_area.setVisible(bool(self._rows))

    # --- problems ---------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for row in self._rows:
            row.error.clear()
            row.error.hide()
            for widget in row.widgets():
                widget.setAccessibleDescription("")

    def show_errors(self, messages: dict[int, dict[str, str]]) -> None:
        """Messages by row (from 0) and part ("on", "stage", "note"), under each row; the
        field of each message is described by it for screen readers."""
        self.clear_errors()
        parts = {"on": DATE, "stage": STAGE, "note": NOTE}
        labels = {"on": self.tr("Date"), "stage": self.tr("Journey stage"), "note": self.tr("Note")}
        for index, by_part in sorted(messages.items()):
            if not 0 <= index < len(self._rows):
                continue
            row = self._rows[index]
            lines = []
            for part, text in by_part.items():
                lines.append(
                    self.tr("{field}: {message}").format(field=labels.get(part, ""), message=text)
                )
                row.widgets()[parts.get(part, DATE)].setAccessibleDescription(text)
            row.error.setText("\n".join(lines))
            row.error.show()

    def focus_first_error(self) -> bool:
        for row in self._rows:
            if not row.error.isHidden():
                described = [w for w in row.widgets() if w.accessibleDescription()]
                target = described[0] if described else row.date_edit
                self.scroll_area.ensureWidgetVisible(target)
                target.setFocus()
                return True
        return False

    # --- drafts -----------------------------------------------------------------------------

    def state(self) -> list[dict[str, Any]]:
        return [
            {
                "on": from_qdate(row.date_edit.date()).isoformat(),
                "stage_id": row.stage_id(),
                "stage_text": row.stage_combo.currentText(),
                "note": row.note_edit.text(),
            }
            for row in self._rows
        ]

    def restore(self, state: object) -> None:
        entries = state if isinstance(state, list) else []
        self.set_entries([])
        for item in entries:
            if not isinstance(item, dict):
                continue
            row = self._new_row(date_or_none(item.get("on")) or self._today)
            stage = item.get("stage_id")
            self._choose_stage(row, int(stage) if isinstance(stage, int) else None)
            if row.stage_id() is None:
                row.stage_combo.setEditText(str(item.get("stage_text", "")))
            row.note_edit.setText(str(item.get("note", "")))
        self._relayout()
