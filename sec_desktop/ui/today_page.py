"""Today: what needs the coordinator today, section by section — risk reviews due,
follow-ups after sessions, disclosures waiting for their recording steps, consent reviews
due, and (gently, privately) a suggestion to book supervision after a heavy week.

People are shown by pseudonym code only. Overdue items say so in words and are bold, in
the error colour, so that colour is never the only sign. Enter or a double click on an
item asks for its screen (`open_requested` with the item's (kind, id) pair). The items
are read off the GUI thread: when the vault opens, whenever the page is shown, and after
every write.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.enums import Choice
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.today import TodayItem
from sec_desktop.ui.background import run_in_background
from sec_desktop.ui.participant_fields import note_label, scrolled, shown_date, to_qdate
from sec_desktop.ui.participant_view import subheading
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.widgets import ERROR_ON_DARK, ERROR_ON_LIGHT, READABLE_WIDTH, heading_label

OPENS_ROLE = Qt.ItemDataRole.UserRole
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 1
LONG_DATE = "dddd d MMMM yyyy"
# The most items a section lists, the most urgent first: at scale (thousands of reviews
# due after an upgrade) a longer list is neither read nor cheap to hold. The section says
# how many there are in all.
SECTION_LIMIT = 100
SECTIONS = ("risk_review", "follow_up", "disclosure", "consent_review", "supervision")


# --- shared with the risk and wellbeing panels -------------------------------------------


def due_words(due: date | None, overdue: bool, today: date) -> str:
    """When something is due, in words (never colour alone)."""
    if due is None:
        return QCoreApplication.translate("Today", "No date set")
    if overdue or due < today:
        return QCoreApplication.translate("Today", "Overdue: was due {date}").format(
            date=shown_date(due)
        )
    if due == today:
        return QCoreApplication.translate("Today", "Due today")
    return QCoreApplication.translate("Today", "Due {date}").format(date=shown_date(due))


def overdue_colour(widget: QWidget) -> QColor:
    """The error colour that reads well on the widget's background (light or dark)."""
    base = widget.palette().color(QPalette.ColorRole.Base)
    return ERROR_ON_DARK if base.lightness() < 128 else ERROR_ON_LIGHT


def emphasise(item: QListWidgetItem | QTableWidgetItem, colour: QColor) -> None:
    """Bold and in `colour` (a list or table item that is overdue)."""
    font = QFont(item.font())
    font.setBold(True)
    item.setFont(font)
    item.setForeground(colour)


def item_title(item: TodayItem) -> str:
    """The item's title in the user's language: choices by label, dates as words."""
    values: dict[str, object] = {}
    for key, value in item.values.items():
        if isinstance(value, Choice):
            values[key] = QCoreApplication.translate("Choices", value.label)
        elif isinstance(value, date):
            values[key] = shown_date(value)
        else:
            values[key] = value
    return QCoreApplication.translate("Records", item.title).format(**values)


# --- one section -----------------------------------------------------------------------


class TodaySection(QWidget):
    """A subheading, an optional note, and the section's items as a list that is as tall
    as its items (the page scrolls, not the list)."""

    activated = Signal(str, int)

    def __init__(self, key: str, title: str, note: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(f"today_{key}")
        self.key = key
        # What the list shows, as (text, what it opens, overdue): to leave it be if unchanged.
        self._shown: list[tuple[str, object, bool]] = []
        self.title = subheading(title, self)
        self.note = note_label(note, self) if note else None
        self.list = QListWidget(self)
        self.list.setObjectName(f"today_{key}_list")
        self.list.setAccessibleName(title)
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        # The whole section, not its parts: a wrapped note must be measured at its width.
        self.setMaximumWidth(READABLE_WIDTH)
        self.title.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        if self.note is not None:
            layout.addWidget(self.note)
        layout.addWidget(self.list)
        self.more = note_label("", self)
        self.more.setObjectName(f"today_{key}_more")
        self.more.hide()
        layout.addWidget(self.more)
        self.setFocusProxy(self.list)
        self.list.itemActivated.connect(self._on_activated)

    def show_items(self, items: Sequence[TodayItem], today: date) -> None:
        """List the items (the first `SECTION_LIMIT` of them: they come most urgent first)."""
        shown: list[tuple[str, object, bool]] = [
            (self._text(entry, today), entry.opens, entry.overdue)
            for entry in items[:SECTION_LIMIT]
        ]
        self._say_more(len(items))
        if shown == self._shown:
            # The same as on screen (the page is read again after every save and on every
            # showing): the list, its place and its focus stay as they are.
            self.setVisible(bool(items))
            return
        self._shown = shown
        self.list.clear()
        colour = overdue_colour(self.list)
        tooltip = self.tr("Press Enter or double-click to open")
        for text, opens, overdue in shown:
            row = QListWidgetItem(text, self.list)
            row.setData(OPENS_ROLE, opens)
            row.setData(OVERDUE_ROLE, overdue)
            row.setToolTip(tooltip)
            if overdue:
                emphasise(row, colour)
        if self.list.count():
            # Where the keyboard starts, not selected: five highlighted rows would read
            # as five choices made, and hide the overdue colour.
            self.list.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)
        self._fit()
        self.setVisible(bool(items))

    def _say_more(self, total: int) -> None:
        capped = total > SECTION_LIMIT
        if capped:
            self.more.setText(
                self.tr(
                    "The {shown} most urgent are listed here, of %Ln in all.", "", total
                ).format(shown=QLocale().toString(SECTION_LIMIT))
            )
        self.more.setVisible(capped)

    def _text(self, entry: TodayItem, today: date) -> str:
        text = item_title(entry)
        # The supervision suggestion has no deadline: it is not a task to be late for.
        if entry.due is not None and self.key != "supervision":
            text = self.tr("{title} \u2014 {due}").format(
                title=text, due=due_words(entry.due, entry.overdue, today)
            )
        return text

    def texts(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _fit(self) -> None:
        rows = self.list.count()
        spacing = self.list.spacing() * 2
        height = sum(self.list.sizeHintForRow(row) + spacing for row in range(rows))
        self.list.setFixedHeight(height + 2 * self.list.frameWidth() + 4)

    def _on_activated(self, row: QListWidgetItem) -> None:
        opens = row.data(OPENS_ROLE)
        if isinstance(opens, tuple) and len(opens) == 2:
            self.activated.emit(str(opens[0]), int(opens[1]))


# --- the page ----------------------------------------------------------------------------


class TodayPage(QWidget):
    # The screen an item asks for: ("participant", id), ("feedback", id),
    # ("engagement", id) or ("wellbeing_log", 0).
    open_requested = Signal(str, int)
    # The items have been (re)read and are on screen.
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_today")
        self.setAccessibleName(self.tr("Today"))
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._epoch = 0
        self._stale = False
        self.heading = heading_label(self.tr("Today"), self)
        self.summary = QLabel(self)
        self.summary.setObjectName("todaySummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.empty = note_label(
            self.tr(
                "A clear day: nothing is due and nothing is waiting for you. "
                "Take it gently, and thank you for all you do."
            ),
            self,
        )
        self.empty.setObjectName("todayEmpty")
        self.empty.setMaximumWidth(READABLE_WIDTH)
        self.sections = self._build_sections()
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 8, 0, 0)
        body_layout.setSpacing(12)
        body_layout.addWidget(self.empty)
        for section in self.sections.values():
            body_layout.addWidget(section)
            section.activated.connect(self.open_requested)
        body_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(scrolled(body, self), 1)
        self._show_items([])

    def _build_sections(self) -> dict[str, TodaySection]:
        texts: dict[str, tuple[str, str]] = {
            "risk_review": (
                self.tr("Risk reviews due"),
                self.tr("A risk assessment whose review date is near or has passed."),
            ),
            "follow_up": (self.tr("Follow-ups after sessions"), ""),
            "disclosure": (self.tr("Disclosures waiting for their recording steps"), ""),
            "consent_review": (self.tr("Consent reviews due"), ""),
            "supervision": (
                self.tr("For you"),
                self.tr(
                    "Only you see this. Your week has held a lot of heavy conversations; "
                    "booking some supervision may help. You matter too."
                ),
            ),
        }
        return {key: TodaySection(key, *texts[key], parent=self) for key in SECTIONS}

    # --- RecordPage ------------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        if self._writer is not None:
            self._writer.written.disconnect(self.reload)
        self._services, self._writer = services, writer
        writer.written.connect(self.reload)
        self._stale = True
        self._set_date(services.today())
        if self.isVisible():
            self.reload()

    def detach(self) -> None:
        if self._writer is not None:
            self._writer.written.disconnect(self.reload)
        self._services, self._writer = None, None
        self._epoch += 1  # items still being read are dropped when they arrive
        self._stale = False
        self.heading.setText(self.tr("Today"))
        self._show_items([])
        self.summary.clear()
        self.empty.hide()

    # --- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read today's items again, off the GUI thread (when shown; else on showing)."""
        services = self._services
        if services is None:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._epoch += 1
        epoch = self._epoch
        today = services.today()
        self._set_date(today)
        run_in_background(
            services.today_items.items,
            lambda items: self._loaded(epoch, today, items),
            lambda _error: self._failed(epoch),
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Each time: the day moves on while the window stays open.
        self._stale = True
        self.reload()

    def _set_date(self, today: date) -> None:
        shown = QLocale().toString(to_qdate(today), LONG_DATE)
        self.heading.setText(self.tr("Today, {date}").format(date=shown))

    def _loaded(self, epoch: int, today: date, items: list[TodayItem]) -> None:
        if epoch != self._epoch:
            return
        self._show_items(items, today)
        overdue = sum(1 for item in items if item.overdue)
        self.summary.setText(
            self.tr("{count} to look at today; {overdue} overdue.").format(
                count=len(items), overdue=overdue
            )
            if items
            else ""
        )
        self.summary.setVisible(bool(items))
        self.empty.setVisible(not items)
        self.loaded.emit()

    def _failed(self, epoch: int) -> None:
        if epoch != self._epoch or self._services is None:
            return  # locked meanwhile: nothing to show
        self.summary.setText(
            self.tr("Today's list could not be read just now. It is read again when shown.")
        )
        self.summary.show()

    def _show_items(self, items: Sequence[TodayItem], today: date | None = None) -> None:
        shown_on = today if today is not None else date.today()
        first: QWidget | None = None
        for key, section in self.sections.items():
            mine = [item for item in items if item.section == key]
            section.show_items(mine, shown_on)
            if mine and first is None:
                first = section
        # Focus goes to the first list with items; with none, the page keeps it.
        self.setFocusProxy(first)  # type: ignore[arg-type]

    # --- for checks and the self-test -------------------------------------------------------

    def texts(self, section: str) -> list[str]:
        return self.sections[section].texts()

    def shown_sections(self) -> list[str]:
        return [key for key, section in self.sections.items() if section.isVisibleTo(self)]
