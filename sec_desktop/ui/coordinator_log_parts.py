"""Parts of the coordinator's private log (ui/coordinator_log_panel.py): what is read for
it in one go, a 1-to-5 scale of labelled choices, and this week's exposure figures with
the gentle supervision suggestion."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.services.coordinator_log import CheckInRow, Exposure, SupervisionRow
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.participant_fields import note_label, shown_date

RECENT = 10
SCALE = range(1, 6)


@dataclass(frozen=True)
class LogView:
    check_ins: list[CheckInRow]
    sessions: list[SupervisionRow]
    exposure: Exposure
    suggested: bool


def read_log(services: RecordServices) -> LogView:
    """Everything the panel shows (off the GUI thread)."""
    log = services.coordinator
    return LogView(
        log.check_ins(RECENT),
        log.supervision_sessions(),
        log.exposure(),
        log.supervision_suggested(),
    )


class ScaleChoice(QGroupBox):
    """Five labelled choices, 1 to 5, as radio buttons (arrow keys move between them)."""

    def __init__(self, title: str, labels: list[str], parent: QWidget) -> None:
        super().__init__(title, parent)
        self.group = QButtonGroup(self)
        row = QHBoxLayout(self)
        for value, label in zip(SCALE, labels, strict=True):
            radio = QRadioButton(self.tr("{value} \u00b7 {label}").format(value=value, label=label))
            radio.setAccessibleName(
                self.tr("{title}: {value}, {label}").format(title=title, value=value, label=label)
            )
            self.group.addButton(radio, value)
            row.addWidget(radio)
        row.addStretch(1)
        self.setFocusProxy(self.group.button(1))

    def value(self) -> int:
        return max(self.group.checkedId(), 0)  # 0: not chosen (the service says so)

    def text_of(self, value: int) -> str:
        chosen = self.group.button(value) if value in SCALE else None
        return chosen.text() if chosen is not None else str(value)

    def set_value(self, value: int) -> None:
        chosen = self.group.button(value) if value in SCALE else None
        if chosen is not None:
            chosen.setChecked(True)
            return
        self.group.setExclusive(False)
        for radio in self.group.buttons():
            radio.setChecked(False)
        self.group.setExclusive(True)


class WeekFigures(QWidget):
    """This week's heavy contacts, their parts, and (when over the level set) a gentle
    suggestion to book supervision."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.total = QLabel(self)
        self.total.setObjectName("exposureTotal")
        self.total.setWordWrap(True)
        self.parts = QLabel(self)
        self.parts.setObjectName("exposureParts")
        self.parts.setWordWrap(True)
        self.suggestion = note_label("", self)
        self.suggestion.setObjectName("supervisionSuggestion")
        self.suggestion.setFrameShape(QLabel.Shape.StyledPanel)
        self.suggestion.setMargin(8)
        for label in (self.total, self.parts):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.total)
        layout.addWidget(self.parts)
        layout.addWidget(self.suggestion)
        self.clear()

    def clear(self) -> None:
        for label in (self.total, self.parts, self.suggestion):
            label.clear()
        self.suggestion.hide()

    def show_figures(self, exposure: Exposure, suggested: bool) -> None:
        self.total.setText(
            self.tr("{total} heavy contacts from {start} to {end}.").format(
                total=exposure.total,
                start=shown_date(exposure.week_start),
                end=shown_date(exposure.week_end),
            )
        )
        self.parts.setText(
            self.tr(
                "Disclosures handled: {disclosures}\nRASSO cases reviewed: {cases}\n"
                "Participants distressed after a session: {distressed}"
            ).format(
                disclosures=exposure.disclosures,
                cases=exposure.rasso_cases,
                distressed=exposure.distressed,
            )
        )
        if suggested:
            text = self.tr(
                "This has been a heavy week. It may help to book a supervision session soon: "
                "looking after yourself is part of this work, not extra to it."
            )
        elif exposure.over:
            text = self.tr(
                "This has been a heavy week. You have had supervision recently; be gentle "
                "with yourself, and book another session if it would help."
            )
        else:
            text = ""
        self.suggestion.setText(text)
        self.suggestion.setVisible(bool(text))
