"""Choosing journey stages or themes as chips, by keyboard.

Type part of a name: a list of the terms that contain it drops down (arrows move in it).
Enter adds the term typed or highlighted as a chip; it never saves the form. Backspace in
the empty field takes the last chip off. Each chip is reached by Tab and taken off with
Delete, Backspace or Space (or a click). Retired terms are not offered; a retired term
already on an item stays as a chip, marked as retired, until it is taken off.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.engagement_enums import TermKind
from sec_desktop.services.taxonomy import Term
from sec_desktop.ui.participant_fields import note_label

CHIP_STYLE = """
QPushButton#termChip {
    border: 1px solid palette(mid);
    border-radius: 11px;
    padding: 3px 10px;
    background: palette(alternate-base);
    color: palette(window-text);
}
QPushButton#termChip:focus {
    border: 2px solid palette(highlight);
}
"""
_REMOVE_KEYS = (
    Qt.Key.Key_Delete,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Space,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
)


class FlowLayout(QLayout):
    """Widgets left to right, wrapping onto the next line when the width runs out."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line = rect.x(), y + line + self._gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y()


class _Chip(QPushButton):
    """One chosen term: Delete, Backspace, Space or Enter (or a click) takes it off."""

    remove_requested = Signal(object)

    def __init__(self, term: Term, kind_name: str, parent: QWidget) -> None:
        super().__init__(parent)
        shown = self.tr("{name} (retired)").format(name=term.name) if term.retired else term.name
        self.setText(f"{shown}  \u00d7")
        self.term = term
        self.setObjectName("termChip")
        self.setAutoDefault(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(self.tr("{kind}: {name}").format(kind=kind_name, name=shown))
        self.setAccessibleDescription(self.tr("Press Delete to take it off."))
        self.setToolTip(self.tr("Take \u201c{name}\u201d off (Delete)").format(name=shown))
        self.clicked.connect(lambda: self.remove_requested.emit(self))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _REMOVE_KEYS and not event.modifiers():
            event.accept()
            self.remove_requested.emit(self)
            return
        super().keyPressEvent(event)


class _TermEdit(QLineEdit):
    """The typing field: Enter adds, Backspace when empty takes the last chip off."""

    enter_pressed = Signal()
    backspace_on_empty = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, plain = event.key(), not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            event.accept()
            self.enter_pressed.emit()
            return
        if key == Qt.Key.Key_Backspace and plain and not self.text():
            event.accept()
            self.backspace_on_empty.emit()
            return
        super().keyPressEvent(event)


class TermChips(QWidget):
    """The chips of one `kind`; `kind_name` names one term for screen readers ("Journey
    stage", "Theme")."""

    changed = Signal()
    # Its height may have changed (a chip added or taken off, a message shown).
    resized = Signal()

    def __init__(self, kind: TermKind, kind_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind = kind
        self._kind_name = kind_name
        self._offered: list[Term] = []
        self._chips: list[_Chip] = []
        self.setStyleSheet(CHIP_STYLE)
        self.edit = _TermEdit(self)
        self.edit.setPlaceholderText(self.tr("Type part of a name, then Enter"))
        self._names = QStringListModel(self)
        self.completer = QCompleter(self._names, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(8)
        self.completer.activated.connect(self._picked)
        self.edit.setCompleter(self.completer)
        self.message = note_label("", self)
        self.message.hide()
        self.chip_area = QWidget(self)
        self.flow = FlowLayout(self.chip_area)
        self.chip_area.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        layout.addWidget(self.chip_area)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # A label's mnemonic focuses its buddy only if the buddy takes focus: the typing
        # field does, as this widget's proxy (Tab skips a widget with a proxy).
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(self.edit)
        self.edit.enter_pressed.connect(self._add_typed)
        self.edit.backspace_on_empty.connect(self._remove_last)
        self.edit.textEdited.connect(lambda _text: self._say(""))

    def set_accessible_name(self, name: str) -> None:
        """The name is the typing field's too: it is what takes focus."""
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    # --- what is offered and chosen -------------------------------------------------------

    def set_terms(self, offered: Sequence[Term]) -> None:
        """The terms that may be added (the service leaves retired ones out)."""
        self._offered = [t for t in offered if not t.retired]
        self._refresh()

    def chosen(self) -> list[Term]:
        return [chip.term for chip in self._chips]

    def chosen_ids(self) -> tuple[int, ...]:
        return tuple(chip.term.id for chip in self._chips)

    def set_chosen(self, terms: Sequence[Term]) -> None:
        self.clear()
        for term in terms:
            self._add(term, focus=False)

    def clear(self) -> None:
        for chip in list(self._chips):
            self._drop(chip)
        self.edit.clear()
        self._say("")
        self._refresh()

    def state(self) -> dict[str, Any]:
        return {
            "text": self.edit.text(),
            "chosen": [{"id": t.id, "name": t.name, "retired": t.retired} for t in self.chosen()],
        }

    def restore(self, state: object) -> None:
        if not isinstance(state, dict):
            return
        terms = [
            Term(t["id"], self._kind, str(t.get("name", "")), bool(t.get("retired", False)))
            for t in state.get("chosen") or []
            if isinstance(t, dict) and isinstance(t.get("id"), int)
        ]
        known = {t.id: t for t in self._offered}
        self.set_chosen([known.get(t.id, t) for t in terms])
        self.edit.setText(str(state.get("text", "")))

    # --- adding and taking off ------------------------------------------------------------

    def _add_typed(self) -> None:
        typed = self.edit.text().strip()
        popup = self.completer.popup()
        # Only a row the user moved to with the arrows (the first is current, unasked).
        selected = []
        if popup is not None and popup.isVisible():
            selected = popup.selectionModel().selectedIndexes()
            popup.hide()
        if not typed:
            return
        term = self._match(typed, selected[0].data() if selected else None)
        if term is not None:
            self._add(term, focus=True)
            self.edit.clear()

    def _picked(self, name: str) -> None:
        term = next((t for t in self._offered if t.name == name), None)
        if term is not None:
            self._add(term, focus=True)
            self.edit.clear()

    def _match(self, typed: str, highlighted: object) -> Term | None:
        offered = [t for t in self._offered if t.id not in self.chosen_ids()]
        lowered = typed.casefold()
        for wanted in (highlighted, typed):
            if isinstance(wanted, str):
                exact = [t for t in offered if t.name.casefold() == wanted.casefold()]
                if exact:
                    return exact[0]
        if any(t.name.casefold() == lowered for t in self.chosen()):
            self._say(self.tr("\u201c{typed}\u201d is chosen already.").format(typed=typed))
            return None
        found = [t for t in offered if lowered in t.name.casefold()]
        starting = [t for t in found if t.name.casefold().startswith(lowered)]
        for candidates in (found, starting):
            if len(candidates) == 1:
                return candidates[0]
        if found:
            self._say(
                self.tr(
                    "Several match \u201c{typed}\u201d: type more of the name, or choose one "
                    "with the arrow keys."
                ).format(typed=typed)
            )
            self.completer.complete()
        else:
            self._say(
                self.tr("Nothing in the list matches \u201c{typed}\u201d.").format(typed=typed)
            )
        return None

    def _add(self, term: Term, *, focus: bool) -> None:
        if term.id in self.chosen_ids():
            return
        chip = _Chip(term, self._kind_name, self.chip_area)
        chip.remove_requested.connect(self._remove)
        before = self._chips[-1] if self._chips else self.edit
        self._chips.append(chip)
        self.flow.addWidget(chip)
        # Tab goes from the typing field through the chips, in the order shown.
        QWidget.setTabOrder(before, chip)
        self.chip_area.show()
        chip.show()
        self._say("")
        self._refresh()
        if focus:
            self.edit.setFocus()

    def _remove(self, chip: _Chip) -> None:
        index = self._chips.index(chip)
        had_focus = chip.hasFocus()
        self._drop(chip)
        self._refresh()
        if had_focus:
            rest = self._chips
            (rest[min(index, len(rest) - 1)] if rest else self.edit).setFocus()

    def _remove_last(self) -> None:
        if self._chips:
            self._drop(self._chips[-1])
            self._refresh()

    def _drop(self, chip: _Chip) -> None:
        self._chips.remove(chip)
        self.flow.removeWidget(chip)
        chip.hide()
        chip.deleteLater()
        self.chip_area.setVisible(bool(self._chips))

    def _refresh(self) -> None:
        chosen = set(self.chosen_ids())
        self._names.setStringList([t.name for t in self._offered if t.id not in chosen])
        names = ", ".join(t.name for t in self.chosen())
        self.edit.setAccessibleDescription(
            self.tr("Chosen: {names}").format(names=names) if names else self.tr("None chosen")
        )
        self.chip_area.updateGeometry()
        self.changed.emit()
        self.resized.emit()

    def _say(self, text: str) -> None:
        if text == self.message.text():
            return
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.resized.emit()
