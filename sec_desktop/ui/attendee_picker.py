"""Choosing who took part, by pseudonym code, from the roster.

Type a code (or just its number) and press Enter to add the person highlighted. Everyone
the one eligibility check blocks is listed too, greyed, with why and what would unblock
them, and cannot be added. Each person chosen has a "limits of confidentiality explained"
tick: Space ticks it, Delete takes the person off. All by keyboard.

Only codes appear here, never names. The check runs again in the service when saving.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.services.eligibility import Eligibility
from sec_desktop.services.engagement_records import AttendeeChoice
from sec_desktop.services.participant_records import ParticipantRef
from sec_desktop.ui.form_errors import translated
from sec_desktop.ui.participant_fields import note_label
from sec_desktop.ui.widgets import ErrorLabel

# More would only slow typing down: type more of the code to narrow the list.
MOST_SHOWN = 40
LIST_ROWS = 6
IdRole = Qt.ItemDataRole.UserRole


def _number(code: str) -> int | None:
    digits = re.sub(r"\D", "", code)
    return int(digits) if digits else None


def blocker_text(eligibility: Eligibility) -> str:
    """Every reason, each with what would unblock it (translated)."""
    lines = [
        QCoreApplication.translate(
            "AttendeePicker", "{reason} What would unblock it: {unblock}"
        ).format(reason=translated(b.reason, b.values), unblock=translated(b.unblock, b.values))
        for b in eligibility.blockers
    ]
    return "\n".join(f"\u2022 {line}" for line in lines)


class AttendeePicker(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, single: bool = False) -> None:
        super().__init__(parent)
        self._single = single
        self._candidates: list[Eligibility] = []
        self._by_id: dict[int, Eligibility] = {}

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("attendeeSearch")
        self.search_edit.setAccessibleName(self.tr("Find a participant by code"))
        self.search_edit.setPlaceholderText(self.tr("Type a code or its number, then Enter"))
        self.search_edit.setClearButtonEnabled(True)
        self.matches = QListWidget(self)
        self.matches.setObjectName("attendeeMatches")
        self.matches.setAccessibleName(self.tr("Participants matching the code"))
        line = self.matches.fontMetrics().lineSpacing() + 6
        self.matches.setFixedHeight(line * LIST_ROWS + 6)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setAccessibleName(self.tr("Add the participant highlighted"))
        self.add_button.setAutoDefault(False)
        self.why_label = note_label("", self)
        self.why_label.setObjectName("blockedReason")
        self.why_label.setTextFormat(Qt.TextFormat.PlainText)
        self.why_label.hide()

        self.chosen = QTableWidget(0, 2, self)
        self.chosen.setObjectName("attendeesChosen")
        self.chosen.setAccessibleName(self.tr("Taking part"))
        self.chosen.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Limits of confidentiality explained")]
        )
        self.chosen.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.chosen.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.chosen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.chosen.setTabKeyNavigation(False)
        self.chosen.verticalHeader().hide()
        self.chosen.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.chosen.horizontalHeader().setStretchLastSection(True)
        self.chosen.setMinimumHeight(line * (LIST_ROWS - 1))
        self.chosen_label = QLabel(self.tr("Ta&king part:"), self)
        self.chosen_label.setBuddy(self.chosen)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the attendee chosen"))
        self.remove_button.setAutoDefault(False)
        self.unexplained_label = ErrorLabel(self)
        self.unexplained_label.setWordWrap(True)
        self.unexplained_label.setObjectName("unexplainedWarning")
        self.unexplained_label.hide()
        self.keys_note = note_label(
            self.tr("Space ticks \u201cexplained\u201d; Delete takes someone off."), self
        )
        # The whole column, whatever the form around it does with narrow fields.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._build_layout()
        self._connect()

    def _build_layout(self) -> None:
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.add_button)
        chosen_row = QHBoxLayout()
        chosen_row.addWidget(self.keys_note, 1)
        chosen_row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(search_row)
        layout.addWidget(self.matches)
        layout.addWidget(self.why_label)
        layout.addWidget(self.chosen_label)
        layout.addWidget(self.chosen, 1)
        layout.addLayout(chosen_row)
        layout.addWidget(self.unexplained_label)
        self.setFocusProxy(self.search_edit)
        for first, second in (
            (self.search_edit, self.matches),
            (self.matches, self.add_button),
            (self.add_button, self.chosen),
            (self.chosen, self.remove_button),
        ):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(self._refill)
        self.search_edit.installEventFilter(self)
        self.matches.installEventFilter(self)
        self.chosen.installEventFilter(self)
        self.matches.currentItemChanged.connect(lambda *_: self._show_why())
        self.matches.itemDoubleClicked.connect(lambda _item: self.add_current())
        self.add_button.clicked.connect(self.add_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.chosen.itemChanged.connect(self._on_chosen_changed)

    # --- contents -------------------------------------------------------------------------

    def set_candidates(self, candidates: Sequence[Eligibility]) -> None:
        """Everyone on the roster with what the check says about them (by code)."""
        self._candidates = list(candidates)
        self._by_id = {e.participant.id: e for e in candidates}
        self._refill()

    def set_chosen(self, attendees: Sequence[tuple[ParticipantRef, bool]]) -> None:
        self.chosen.setRowCount(0)
        for ref, explained in attendees:
            self._append(ref, explained)
        self._after_change()

    def choices(self) -> list[AttendeeChoice]:
        return [AttendeeChoice(ref.id, explained) for ref, explained in self.chosen_people()]

    def chosen_people(self) -> list[tuple[ParticipantRef, bool]]:
        people = []
        for row in range(self.chosen.rowCount()):
            code, tick = self.chosen.item(row, 0), self.chosen.item(row, 1)
            if code is None or tick is None:
                continue
            ref = ParticipantRef(int(code.data(IdRole)), code.text())
            people.append((ref, tick.checkState() == Qt.CheckState.Checked))
        return people

    def chosen_codes(self) -> list[str]:
        return [ref.code for ref, _explained in self.chosen_people()]

    def match_texts(self) -> list[str]:
        return [self.matches.item(i).text() for i in range(self.matches.count())]

    def state(self) -> list[list[Any]]:
        return [[ref.id, explained] for ref, explained in self.chosen_people()]

    def restore(self, state: object) -> None:
        """Put back a draft's choices; people no longer on the roster are left out."""
        people: list[tuple[ParticipantRef, bool]] = []
        for entry in state if isinstance(state, list) else []:
            if isinstance(entry, list) and len(entry) == 2 and entry[0] in self._by_id:
                people.append((self._by_id[entry[0]].participant, bool(entry[1])))
        self.set_chosen(people)

    def clear(self) -> None:
        """Forget everyone (at lock): codes must not stay in a closed form."""
        self.set_candidates([])
        self.set_chosen([])
        self.why_label.clear()
        self.unexplained_label.clear()

    def set_locked(self, reason: str) -> None:
        """No one can be chosen (a session planned for later): say why, keep the list."""
        locked = bool(reason)
        for widget in (self.search_edit, self.matches, self.add_button):
            widget.setEnabled(not locked)
        self.why_label.setText(reason)
        self.why_label.setVisible(locked)
        if not locked:
            self._show_why()

    # --- adding and removing --------------------------------------------------------------

    def add_current(self) -> bool:
        """Add the person highlighted; False (and why, shown) if they cannot be added."""
        item = self.matches.currentItem()
        if item is None or not self.search_edit.isEnabled():
            return False
        eligibility = self._by_id.get(int(item.data(IdRole)))
        if eligibility is None or not eligibility.allowed:
            self._show_why()
            return False
        ref = eligibility.participant
        if ref.code not in self.chosen_codes():
            if self._single:
                self.chosen.setRowCount(0)
            self._append(ref, False)
        self.search_edit.clear()
        self.search_edit.setFocus()
        self._after_change()
        return True

    def remove_current(self) -> None:
        row = self.chosen.currentRow()
        if 0 <= row < self.chosen.rowCount():
            self.chosen.removeRow(row)
            self._after_change()

    def toggle_current(self) -> None:
        row = self.chosen.currentRow()
        tick = self.chosen.item(row, 1) if row >= 0 else None
        if tick is not None:
            checked = tick.checkState() == Qt.CheckState.Checked
            tick.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _append(self, ref: ParticipantRef, explained: bool) -> None:
        row = self.chosen.rowCount()
        self.chosen.insertRow(row)
        code = QTableWidgetItem(ref.code)
        code.setData(IdRole, ref.id)
        code.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        tick = QTableWidgetItem()
        tick.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        self.chosen.blockSignals(True)
        self.chosen.setItem(row, 0, code)
        self.chosen.setItem(row, 1, tick)
        tick.setCheckState(Qt.CheckState.Checked if explained else Qt.CheckState.Unchecked)
        self._label_tick(tick)
        self.chosen.blockSignals(False)
        self.chosen.setCurrentCell(row, 0)

    def _label_tick(self, tick: QTableWidgetItem) -> None:
        explained = tick.checkState() == Qt.CheckState.Checked
        tick.setText(self.tr("Explained") if explained else self.tr("Not recorded as explained"))

    def _on_chosen_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 1:
            self.chosen.blockSignals(True)
            self._label_tick(item)
            self.chosen.blockSignals(False)
            self._after_change()

    def _after_change(self) -> None:
        self.chosen.resizeColumnToContents(0)
        self.chosen.setColumnWidth(0, self.chosen.columnWidth(0) + 24)
        unexplained = [ref.code for ref, explained in self.chosen_people() if not explained]
        self.unexplained_label.setText(
            self.tr(
                "Limits of confidentiality not recorded as explained to: {codes}. Explain "
                "them before anyone takes part."
            ).format(codes=", ".join(unexplained))
        )
        self.unexplained_label.setVisible(bool(unexplained))
        self.remove_button.setEnabled(self.chosen.rowCount() > 0)
        self._refill()
        self.changed.emit()

    # --- the matches ----------------------------------------------------------------------

    def _matching(self, typed: str) -> list[Eligibility]:
        text = typed.strip().upper()
        if not text:
            return self._candidates
        number = _number(text) if text.replace("-", "").lstrip("S").isdigit() else None
        exact = [
            e
            for e in self._candidates
            if number is not None and _number(e.participant.code) == number
        ]
        rest = [
            e for e in self._candidates if text in e.participant.code.upper() and e not in exact
        ]
        return exact + rest

    def _refill(self) -> None:
        found = self._matching(self.search_edit.text())
        chosen = set(self.chosen_codes())
        grey = self.palette().color(QPalette.ColorRole.PlaceholderText)
        self.matches.clear()
        first_allowed: QListWidgetItem | None = None
        for eligibility in found[:MOST_SHOWN]:
            code = eligibility.participant.code
            if not eligibility.allowed:
                text = self.tr("{code} \u2014 cannot be added").format(code=code)
            elif code in chosen:
                text = self.tr("{code} \u2014 already taking part").format(code=code)
            else:
                text = code
            item = QListWidgetItem(text, self.matches)
            item.setData(IdRole, eligibility.participant.id)
            if not eligibility.allowed:
                item.setForeground(grey)
                item.setToolTip(blocker_text(eligibility))
            elif first_allowed is None and code not in chosen:
                first_allowed = item
        if len(found) > MOST_SHOWN:
            more = QListWidgetItem(
                self.tr("\u2026 and {count} more: type more of the code").format(
                    count=len(found) - MOST_SHOWN
                ),
                self.matches,
            )
            more.setFlags(Qt.ItemFlag.NoItemFlags)
        if self.matches.count():
            top = self.matches.item(0)
            # Typed: the best match, blocked or not (Enter then says why). Not yet typed:
            # the first person who can be added.
            typed = bool(self.search_edit.text().strip())
            current = top if typed and top.data(IdRole) is not None else first_allowed or top
            if current is not None:
                self.matches.setCurrentItem(current)
        self._show_why()

    def _show_why(self) -> None:
        if not self.search_edit.isEnabled():
            return
        item = self.matches.currentItem()
        eligibility = self._by_id.get(int(item.data(IdRole))) if item is not None else None
        if eligibility is None or eligibility.allowed:
            self.why_label.hide()
            return
        self.why_label.setText(
            self.tr("{code} cannot be added:").format(code=eligibility.participant.code)
            + "\n"
            + blocker_text(eligibility)
        )
        self.why_label.show()

    # --- keyboard -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            handlers = {
                self.search_edit: self._search_key,
                self.matches: self._matches_key,
                self.chosen: self._chosen_key,
            }
            handler = handlers.get(watched)  # type: ignore[call-overload]
            if handler is not None and handler(event.key()):
                return True
        return super().eventFilter(watched, event)

    def _search_key(self, key: int) -> bool:
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_current()  # adds: never the dialog's default button
            return True
        if key == Qt.Key.Key_Down and self.matches.count():
            self.matches.setFocus()
            return True
        if key == Qt.Key.Key_Escape and self.search_edit.text():
            self.search_edit.clear()
            return True
        return False

    def _matches_key(self, key: int) -> bool:
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_current()
            return True
        return False

    def _chosen_key(self, key: int) -> bool:
        if key == Qt.Key.Key_Space:
            self.toggle_current()
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_current()
            return True
        return False
