"""Who to tell: the people whose feedback led to an action, each by code, with how many of
their items are behind it, their preferred language, their safe contact rules and whether
they have been told.

Overdue (closed four weeks ago, contactable, not told) is said in words and shown bold in
the error colour. A person who cannot be contacted (consent withdrawn, left) is listed
with why, never as overdue. Anonymous feedback is counted: it needs no telling. The safe
contact rules of the person chosen are shown in full below the list, before anyone
reaches for a phone; "Record telling…" opens once the action is done or declined.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QTableWidget, QVBoxLayout, QWidget

from sec_desktop.services.action_records import TELL_WITHIN_DAYS, PersonToTell, WhoToTell
from sec_desktop.services.errors import NotFound
from sec_desktop.services.participant_records import SafeContactRules
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.before_you_contact import BeforeYouContactPanel
from sec_desktop.ui.form_errors import translated
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.participant_view import (
    button,
    choice,
    fill_table,
    read_only_table,
    selected_id,
    subheading,
    value_label,
)
from sec_desktop.ui.today_page import emphasise, overdue_colour
from sec_desktop.ui.widgets import ErrorLabel

(CODE, ITEMS, LANGUAGE, TOLD) = range(4)
MOST_ROWS_SHOWN = 8


def fit_rows(table: QTableWidget, most: int = MOST_ROWS_SHOWN) -> None:
    """As tall as its rows (up to `most`, then it scrolls): a short list leaves no empty
    box. Called again whenever its rows change height (filled, or wrapped anew)."""
    header = table.horizontalHeader()
    # Its own height, fixed: its geometry is not set while hidden, and the sum must hold.
    header.setFixedHeight(header.sizeHint().height())
    table.resizeRowsToContents()
    rows = min(table.rowCount(), most)
    height = header.height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(rows))
    if not rows:
        height += table.verticalHeader().minimumSectionSize()
    table.setMinimumHeight(height)
    table.setMaximumHeight(height)


class WhoToTellPanel(QWidget):
    # The participant chosen to record telling.
    tell_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whoToTell")
        self._services: RecordServices | None = None
        self._who: WhoToTell | None = None
        self._closed = False
        self.heading = subheading(self.tr("Who to tell"), self)
        self.note_label = value_label(self)
        self.note_label.setObjectName("whoToTellNote")
        self.counts_label = value_label(self)
        self.counts_label.setObjectName("anonymousCount")
        self.table = read_only_table(
            [
                self.tr("Code"),
                self.tr("Their items"),
                self.tr("Preferred language"),
                self.tr("Told"),
            ],
            self.tr("People to tell"),
            self,
        )
        self.tell_button = button(self.tr("Record &telling\u2026"), self.tr("Record telling"), self)
        self.not_contactable_label = ErrorLabel(self)
        self.not_contactable_label.setObjectName("notContactable")
        self.not_contactable_label.setWordWrap(True)
        self.contact_panel = BeforeYouContactPanel(self)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.tell_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.note_label)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.table)
        layout.addWidget(self.not_contactable_label)
        layout.addWidget(self.contact_panel)
        fit_rows(self.table)
        self.table.itemSelectionChanged.connect(self._on_chosen)
        self.tell_button.clicked.connect(self._tell)
        self.table.activated.connect(lambda _index: self._tell())
        self.show_who(None, closed=False)

    def attach(self, services: RecordServices) -> None:
        self._services = services

    def detach(self) -> None:
        self._services = None
        self.show_who(None, closed=False)

    # --- showing --------------------------------------------------------------------------

    def show_who(self, who: WhoToTell | None, *, closed: bool) -> None:
        self._who, self._closed = who, closed
        people = who.people if who is not None else ()
        self.note_label.setText(self._note(who, closed))
        self.counts_label.setText(self._counts(who))
        self.counts_label.setVisible(bool(self.counts_label.text()))
        self.table.setVisible(bool(people))
        fill_table(
            self.table,
            [self._texts(person) for person in people],
            [person.participant_id for person in people],
        )
        fit_rows(self.table)
        colour = overdue_colour(self.table)
        for row, person in enumerate(people):
            if person.overdue:
                for column in range(self.table.columnCount()):
                    item = self.table.item(row, column)
                    if item is not None:
                        emphasise(item, colour)
        if people:
            self.table.selectRow(0)
            self.table.setCurrentCell(0, 0)
        self._on_chosen()

    def _note(self, who: WhoToTell | None, closed: bool) -> str:
        if who is None:
            return ""
        if not who.people:
            return self.tr("Nobody on the roster gave the feedback behind this action.")
        if not closed:
            return self.tr(
                "Telling opens once the action is done or declined: tell each person what "
                "came of it within {days} days."
            ).format(days=TELL_WITHIN_DAYS)
        return self.tr(
            "Tell each person what came of their feedback, the way they asked to be "
            "contacted. Choose a person to see their safe contact rules."
        )

    def _counts(self, who: WhoToTell | None) -> str:
        if who is None:
            return ""
        parts = []
        if who.anonymous_items:
            parts.append(
                self.tr("Anonymous items: {count} (no one to tell).").format(
                    count=who.anonymous_items
                )
            )
        if who.partner_items:
            parts.append(
                self.tr("Items given by partners: {count} (tell the partner).").format(
                    count=who.partner_items
                )
            )
        return " ".join(parts)

    def _texts(self, person: PersonToTell) -> list[str]:
        language = (
            choice_label(person.preferred_language)
            if person.preferred_language
            else self.tr("Not recorded")
        )
        return [person.code, str(person.items), language, self.told_text(person)]

    def told_text(self, person: PersonToTell) -> str:
        if person.told is not None:
            return self.tr("Told {date} ({channel})").format(
                date=shown_date(person.told.told_on), channel=choice(person.told.channel)
            )
        if not person.contactable:
            return self.tr("Not contactable. {why}").format(why=self._why(person))
        if person.overdue:
            return self.tr("Overdue: not told within {days} days").format(days=TELL_WITHIN_DAYS)
        if self._closed:
            return self.tr("Not told yet")
        return self.tr("To tell once closed")

    def _why(self, person: PersonToTell) -> str:
        return translated(person.why_not, {}) if person.why_not else self.tr("no reason given")

    # --- choosing -------------------------------------------------------------------------

    def chosen(self) -> PersonToTell | None:
        participant_id = selected_id(self.table)
        people = self._who.people if self._who is not None else ()
        return next((p for p in people if p.participant_id == participant_id), None)

    def choose(self, participant_id: int) -> bool:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, CODE)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == participant_id:
                self.table.selectRow(row)
                self.table.setCurrentCell(row, CODE)
                return True
        return False

    def _on_chosen(self) -> None:
        person = self.chosen()
        self.tell_button.setEnabled(
            person is not None and self._closed and person.contactable and person.told is None
        )
        contactable = person is not None and person.contactable
        self.contact_panel.setVisible(contactable)
        self.contact_panel.show_rules(self.rules(person) if contactable else None)
        self._fit_panel()
        shown = person is not None and not person.contactable
        self.not_contactable_label.setVisible(shown)
        self.not_contactable_label.setText(
            self.tr("{code} is not contactable. {why}").format(
                code=person.code, why=self._why(person)
            )
            if person is not None and shown
            else ""
        )

    def _fit_panel(self) -> None:
        """Never squeezed by the page's scroll area: its rules must all be readable (the
        height its wrapped text needs at the width it has)."""
        panel = self.contact_panel
        width = panel.width() if panel.width() > 0 else self.width()
        layout = panel.layout()
        if layout is not None and layout.hasHeightForWidth():
            panel.setMinimumHeight(layout.totalHeightForWidth(width))
        else:
            panel.setMinimumHeight(panel.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Once the table has wrapped its rows at the new width.
        QTimer.singleShot(0, self, self._refit)

    def _refit(self) -> None:
        fit_rows(self.table)
        self._fit_panel()

    def rules(self, person: PersonToTell | None) -> SafeContactRules | None:
        if person is None or self._services is None:
            return None
        try:
            return self._services.roster.record(person.participant_id).safe_contact
        except NotFound:
            return None

    def _tell(self) -> None:
        person = self.chosen()
        if person is not None and self.tell_button.isEnabled():
            self.tell_requested.emit(person.participant_id)

    def texts(self) -> list[str]:
        return [
            " | ".join(
                item.text()
                for column in range(self.table.columnCount())
                if (item := self.table.item(row, column)) is not None
            )
            for row in range(self.table.rowCount())
        ]


def choice_label(label: str) -> str:
    """A "Choices" label (or a language typed in), in the user's language."""
    return QCoreApplication.translate("Choices", label)
