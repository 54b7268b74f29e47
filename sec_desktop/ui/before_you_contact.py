"""The safe contact rules, shown before anyone reaches for a phone number.

Wherever a participant's phone, email or address is on screen this panel is above it:
the allowed channels, safe days and times, whether a voicemail may be left and whether
the caller may say they are from the police (each "do NOT" in bold), the code word and
the trusted third party. With no rules recorded it says, plainly, not to make contact.

Colours come from the palette (light and dark themes alike); only the accent border is
fixed, an amber that stands out against both.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTime
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from sec_desktop.domain.enums import ContactChannel, Weekday
from sec_desktop.services.participant_records import SafeContactRules

ACCENT = QColor("#d9822b")
BORDER_WIDTH = 2
BAR_WIDTH = 6
RADIUS = 6
HEADING_SCALE = 1.25
TIME_FORMAT = "HH:mm"


def _choices(members: list[ContactChannel] | list[Weekday]) -> str:
    return ", ".join(QCoreApplication.translate("Choices", m.label) for m in members)


def _time(value: time) -> str:
    return QTime(value.hour, value.minute).toString(TIME_FORMAT)


def grow_across(widget: QWidget) -> None:
    """The whole width, keeping "height for width" (a wrapped label needs it)."""
    policy = widget.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
    widget.setSizePolicy(policy)


def _label(parent: QWidget, *, bold: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # what was typed is never markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    # The whole width: a wrapped label left at its preferred width is cut off at the foot.
    grow_across(label)
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    return label


class BeforeYouContactPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("beforeYouContact")
        self.setAccessibleName(self.tr("Before you contact them"))
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)

        self.heading = _label(self, bold=True)
        self.heading.setText(self.tr("Before you contact them"))
        font = QFont(self.heading.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * HEADING_SCALE)
        self.heading.setFont(font)

        self.no_rules_label = _label(self, bold=True)
        self.no_rules_label.setText(
            self.tr(
                "No safe contact rules are recorded: do not contact this person until they are."
            )
        )
        self.voicemail_label = _label(self)
        self.police_label = _label(self)
        self.channels_value = _label(self)
        self.days_value = _label(self)
        self.times_value = _label(self)
        self.code_word_value = _label(self)
        self.third_party_value = _label(self)
        self.notes_value = _label(self)

        self.rules_form = QFormLayout()
        self.rules_form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.rules_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.rules_form.setVerticalSpacing(4)
        self._rows: list[tuple[QLabel, QLabel]] = []
        for text, value in (
            (self.tr("Allowed ways:"), self.channels_value),
            (self.tr("Safe days:"), self.days_value),
            (self.tr("Safe times:"), self.times_value),
            (self.tr("Code word:"), self.code_word_value),
            (self.tr("Trusted third party:"), self.third_party_value),
            (self.tr("Notes:"), self.notes_value),
        ):
            label = QLabel(text, self)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self._rows.append((label, value))
            self.rules_form.addRow(label, value)

        layout = QVBoxLayout(self)
        margin = BAR_WIDTH + 10
        layout.setContentsMargins(margin, 10, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.no_rules_label)
        layout.addWidget(self.voicemail_label)
        layout.addWidget(self.police_label)
        layout.addLayout(self.rules_form)
        self.show_rules(None)

    # --- what is shown --------------------------------------------------------------------

    def show_rules(self, rules: SafeContactRules | None) -> None:
        """The rules of one participant; None (or rules with no channel) warns instead."""
        recorded = rules is not None and rules.recorded
        self.no_rules_label.setVisible(not recorded)
        for widget in (self.voicemail_label, self.police_label):
            widget.setVisible(recorded)
        if rules is None or not recorded:
            for label, value in self._rows:
                value.clear()
                label.hide()
                value.hide()
            self._describe()
            return
        self._set_do_not(
            self.voicemail_label,
            rules.voicemail_allowed,
            self.tr("A voicemail may be left."),
            self.tr("Do NOT leave a voicemail."),
        )
        self._set_do_not(
            self.police_label,
            rules.may_say_police,
            self.tr("You may say you are from the police."),
            self.tr("Do NOT say you are from the police."),
        )
        self.channels_value.setText(_choices([c for c in ContactChannel if c in rules.channels]))
        days = [d for d in Weekday if d in rules.safe_days]
        self.days_value.setText(_choices(days) if days else self.tr("No safe days recorded"))
        self.times_value.setText(self._times(rules))
        self.code_word_value.setText(rules.code_word or self.tr("None"))
        self.third_party_value.setText(self._third_party(rules))
        self.notes_value.setText(rules.notes)
        for label, value in self._rows:
            shown = bool(value.text())
            label.setVisible(shown)
            value.setVisible(shown)
        self._describe()

    def text(self) -> str:
        """Everything the panel says now, in reading order (also its accessible description)."""
        parts = [self.heading.text()]
        parts += [
            label.text()
            for label in (self.no_rules_label, self.voicemail_label, self.police_label)
            if not label.isHidden()
        ]
        parts += [f"{label.text()} {value.text()}" for label, value in self._rows if value.text()]
        return "\n".join(parts)

    def _set_do_not(self, label: QLabel, allowed: bool, yes: str, no: str) -> None:
        label.setText(yes if allowed else no)
        font = QFont(label.font())
        font.setBold(not allowed)
        label.setFont(font)

    def _times(self, rules: SafeContactRules) -> str:
        start, end = rules.safe_from, rules.safe_until
        if start and end:
            times = self.tr("From {start} until {end}").format(start=_time(start), end=_time(end))
        elif start:
            times = self.tr("From {start}").format(start=_time(start))
        elif end:
            times = self.tr("Until {end}").format(end=_time(end))
        else:
            times = ""
        note = rules.times_note.strip()
        if times and note:
            return self.tr("{times}. {note}").format(times=times, note=note)
        return times or note or self.tr("No safe times recorded")

    def _third_party(self, rules: SafeContactRules) -> str:
        name = rules.third_party_name.strip()
        relationship = rules.third_party_relationship.strip()
        if name and relationship:
            return self.tr("{name} ({relationship})").format(name=name, relationship=relationship)
        return name or self.tr("None recorded")

    def _describe(self) -> None:
        self.setAccessibleDescription(self.text())

    # --- drawing: the palette's alternate base, framed in the accent ----------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        inset = BORDER_WIDTH / 2
        rect = QRectF(self.rect()).adjusted(inset, inset, -inset, -inset)
        painter.setPen(QPen(ACCENT, BORDER_WIDTH))
        painter.setBrush(self.palette().color(QPalette.ColorRole.AlternateBase))
        painter.drawRoundedRect(rect, RADIUS, RADIUS)
        bar = QRectF(rect.left(), rect.top(), BAR_WIDTH, rect.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ACCENT)
        painter.drawRoundedRect(bar, RADIUS / 2, RADIUS / 2)
        painter.end()
