"""The twelve rights of the Victims' Code, each judged met, not met, or not judged, for a
case reviewed by a scrutiny panel.

One row per right, three radio buttons per row. For the keyboard, each row is one Tab
stop (the choice made), arrows change the choice, as in any group of radio buttons; each
button's accessible name says which right and which choice, so a screen reader reads
"2. To have the crime recorded without unjustified delay: not met".
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from sec_desktop.domain.engagement_enums import VictimsRight

MET, NOT_MET, NOT_JUDGED = "met", "not met", "not judged"
CHOICES = (MET, NOT_MET, NOT_JUDGED)


def right_text(right: VictimsRight) -> str:
    return QCoreApplication.translate("Choices", right.label)


class CaseRightsEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseRightsEditor")
        self.setAccessibleName(self.tr("Victims' Code rights"))
        self.radios: dict[VictimsRight, dict[str, QRadioButton]] = {}
        self._groups: dict[VictimsRight, QButtonGroup] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        headings = (self.tr("Met"), self.tr("Not met"), self.tr("Not judged"))
        for column, heading in enumerate(headings, start=1):
            label = QLabel(heading, self)
            label.setObjectName("rightsHeading")
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            grid.addWidget(label, 0, column, Qt.AlignmentFlag.AlignHCenter)
        said = {
            MET: self.tr("{right}: met"),
            NOT_MET: self.tr("{right}: not met"),
            NOT_JUDGED: self.tr("{right}: not judged"),
        }
        for row, right in enumerate(VictimsRight, start=1):
            text = right_text(right)
            label = QLabel(text, self)
            label.setWordWrap(True)
            grid.addWidget(label, row, 0)
            group = QButtonGroup(self)
            self._groups[right] = group
            buttons: dict[str, QRadioButton] = {}
            for column, choice in enumerate(CHOICES, start=1):
                radio = QRadioButton(self)
                radio.setAccessibleName(said[choice].format(right=text))
                radio.setToolTip(said[choice].format(right=text))
                group.addButton(radio)
                grid.addWidget(radio, row, column, Qt.AlignmentFlag.AlignHCenter)
                buttons[choice] = radio
            buttons[NOT_JUDGED].setChecked(True)
            label.setBuddy(buttons[NOT_JUDGED])
            self.radios[right] = buttons
            group.buttonToggled.connect(self._on_toggled)
        grid.setColumnStretch(0, 1)
        # Spare height goes below the rows, not between them.
        grid.setRowStretch(len(VictimsRight) + 1, 1)
        self._fix_tab_stops()
        self.setFocusProxy(self.radios[VictimsRight.UNDERSTAND][NOT_JUDGED])

    def rights(self) -> dict[VictimsRight, bool]:
        """The rights judged: True met, False not met (a right not judged is left out)."""
        judged: dict[VictimsRight, bool] = {}
        for right, buttons in self.radios.items():
            if buttons[MET].isChecked():
                judged[right] = True
            elif buttons[NOT_MET].isChecked():
                judged[right] = False
        return judged

    def set_rights(self, rights: Mapping[VictimsRight, bool]) -> None:
        for right, buttons in self.radios.items():
            met = rights.get(right)
            choice = NOT_JUDGED if met is None else (MET if met else NOT_MET)
            buttons[choice].setChecked(True)
        self._fix_tab_stops()

    def choice(self, right: VictimsRight) -> str:
        return next(c for c, radio in self.radios[right].items() if radio.isChecked())

    def _on_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._fix_tab_stops()
            self.changed.emit()

    def _fix_tab_stops(self) -> None:
        # Qt makes the button focused last the group's Tab stop; until one is focused,
        # every button would be one. The choice made is the stop, as a user expects.
        for buttons in self.radios.values():
            for radio in buttons.values():
                radio.setFocusPolicy(
                    Qt.FocusPolicy.StrongFocus if radio.isChecked() else Qt.FocusPolicy.ClickFocus
                )
        checked = [b[self.choice(r)] for r, b in self.radios.items()]
        if checked:
            self.setFocusProxy(checked[0])
