"""One partner in full: details, named contacts, and the dated log of dealings (newest
first). The contacts and the log are short lists refilled whole when the partner changes,
so they are plain QTableWidgets; they are read-only and keyboard-first (Enter on a contact
edits it, through the page)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.services.partners import ContactRecord, LogEntryRecord, PartnerRecord
from sec_desktop.ui.partners_table import PaddedDelegate, shown_date
from sec_desktop.ui.widgets import READABLE_WIDTH, heading_label

SUBHEADING_SCALE = 1.15
NOTES = 2  # the contacts table's last column
SUMMARY = 2  # the log's last column


def subheading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * SUBHEADING_SCALE)
    label.setFont(font)
    return label


def read_only_table(columns: list[str], name: str, parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(columns), parent)
    table.setHorizontalHeaderLabels(columns)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    table.verticalHeader().hide()
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.setItemDelegate(PaddedDelegate(table))
    return table


def _value_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # partner data is never markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _two_line_item(parts: tuple[str, ...]) -> QTableWidgetItem:
    """A cell showing each non-empty part on its own line; read out as one phrase."""
    shown = [part for part in parts if part]
    item = QTableWidgetItem("\n".join(shown))
    item.setData(Qt.ItemDataRole.AccessibleTextRole, ", ".join(shown))
    return item


class PartnerDetail(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partnerDetail")

        self.placeholder = QLabel(self)
        self.placeholder.setWordWrap(True)
        self.placeholder.setMaximumWidth(READABLE_WIDTH)

        self.name_label = heading_label("", self)
        self.name_label.setObjectName("partnerName")
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label = QLabel(self)
        self.edit_button = QPushButton(self.tr("&Edit\u2026"), self)
        self.edit_button.setAccessibleName(self.tr("Edit partner"))
        self.edit_button.setToolTip(self.tr("Edit this partner (Enter in the list)"))
        facts = self._build_facts()
        self._build_contacts()
        self._build_log()
        self._build_layout(facts)
        self.contacts_table.itemSelectionChanged.connect(self._update_buttons)
        self._record: PartnerRecord | None = None
        self.show_record(None)

    def _build_facts(self) -> QFormLayout:
        self.type_value = _value_label(self)
        self.area_value = _value_label(self)
        self.phone_value = _value_label(self)
        self.email_value = _value_label(self)
        self.notes_value = _value_label(self)
        self.notes_value.setMaximumWidth(READABLE_WIDTH)
        facts = QFormLayout()
        facts.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        for text, value in (
            (self.tr("Type:"), self.type_value),
            (self.tr("Area:"), self.area_value),
            (self.tr("Phone:"), self.phone_value),
            (self.tr("Email:"), self.email_value),
            (self.tr("Notes:"), self.notes_value),
        ):
            facts.addRow(QLabel(text, self), value)
        return facts

    def _build_contacts(self) -> None:
        # Two lines to a cell (name over role, phone over email): every detail readable in
        # full in the half of the window this pane gets.
        self.contacts_table = read_only_table(
            [self.tr("Name and role"), self.tr("Phone and email"), self.tr("Notes")],
            self.tr("Contacts"),
            self,
        )
        contacts_header = self.contacts_table.horizontalHeader()
        contacts_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        contacts_header.setSectionResizeMode(NOTES, QHeaderView.ResizeMode.Stretch)
        contacts_header.sectionResized.connect(
            lambda *_: self.contacts_table.resizeRowsToContents()
        )
        self.add_contact_button = QPushButton(self.tr("Add &contact\u2026"), self)
        self.add_contact_button.setAccessibleName(self.tr("Add contact"))
        self.edit_contact_button = QPushButton(self.tr("Edit c&ontact\u2026"), self)
        self.edit_contact_button.setAccessibleName(self.tr("Edit contact"))
        self.edit_contact_button.setToolTip(self.tr("Edit the chosen contact (Enter in the table)"))

    def _build_log(self) -> None:
        self.log_table = read_only_table(
            [self.tr("Date and kind"), self.tr("Contact"), self.tr("Summary")],
            self.tr("Contact log, newest first"),
            self,
        )
        log_header = self.log_table.horizontalHeader()
        log_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        log_header.setSectionResizeMode(SUMMARY, QHeaderView.ResizeMode.Stretch)
        # Summaries wrap: rows grow again when the table is resized.
        log_header.sectionResized.connect(lambda *_: self.log_table.resizeRowsToContents())
        self.log_button = QPushButton(self.tr("&Log a contact\u2026"), self)
        self.log_button.setAccessibleName(self.tr("Log a contact"))

    def _build_layout(self, facts: QFormLayout) -> None:
        # Said in words when a list is empty, instead of showing a blank table.
        self.contacts_empty = QLabel(self.tr("No named contacts yet."), self)
        self.log_empty = QLabel(self.tr("Nothing logged yet."), self)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.name_label, 1)
        heading_row.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        contacts_row = QHBoxLayout()
        contacts_row.addWidget(subheading(self.tr("Contacts"), self), 1)
        contacts_row.addWidget(self.add_contact_button)
        contacts_row.addWidget(self.edit_contact_button)
        log_row = QHBoxLayout()
        log_row.addWidget(subheading(self.tr("Contact log"), self), 1)
        log_row.addWidget(self.log_button)

        self.record_widget = QWidget(self)
        record_layout = QVBoxLayout(self.record_widget)
        record_layout.setContentsMargins(0, 0, 0, 0)
        record_layout.setSpacing(8)
        record_layout.addLayout(heading_row)
        record_layout.addWidget(self.status_label)
        record_layout.addLayout(facts)
        record_layout.addSpacing(8)
        record_layout.addLayout(contacts_row)
        record_layout.addWidget(self.contacts_empty)
        record_layout.addWidget(self.contacts_table, 2)
        record_layout.addSpacing(8)
        record_layout.addLayout(log_row)
        record_layout.addWidget(self.log_empty)
        record_layout.addWidget(self.log_table, 3)
        record_layout.addStretch(0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.record_widget, 1)

    # --- what is shown --------------------------------------------------------------------

    @property
    def record(self) -> PartnerRecord | None:
        return self._record

    def show_placeholder(self, text: str) -> None:
        self.placeholder.setText(text)
        self.show_record(None, keep_placeholder=True)

    def show_record(self, record: PartnerRecord | None, *, keep_placeholder: bool = False) -> None:
        self._record = record
        self.record_widget.setVisible(record is not None)
        if not keep_placeholder:
            self.placeholder.setText(
                self.tr("Choose a partner in the list to see their contacts and contact log.")
            )
        self.placeholder.setVisible(record is None and bool(self.placeholder.text()))
        if record is None:
            self._clear()
            return
        details = record.details
        self.name_label.setText(details.name)
        self.status_label.setText(
            self.tr("Active partner") if details.active else self.tr("Inactive partner")
        )
        self.type_value.setText(QCoreApplication.translate("Choices", details.type.label))
        dash = self.tr("Not recorded")
        self.area_value.setText(details.area or dash)
        self.phone_value.setText(details.phone or dash)
        self.email_value.setText(details.email or dash)
        self.notes_value.setText(details.notes or self.tr("None"))
        self._fill_contacts(record.contacts)
        self._fill_log(record.log)
        self._update_buttons()

    def selected_contact(self) -> ContactRecord | None:
        if self._record is None:
            return None
        rows = self.contacts_table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.contacts_table.item(rows[0].row(), 0)
        contact_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((c for c in self._record.contacts if c.id == contact_id), None)

    def select_contact(self, contact_id: int) -> None:
        for row in range(self.contacts_table.rowCount()):
            item = self.contacts_table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == contact_id:
                self.contacts_table.selectRow(row)
                self.contacts_table.setCurrentCell(row, 0)
                return

    # --- filling --------------------------------------------------------------------------

    def _fill_contacts(self, contacts: tuple[ContactRecord, ...]) -> None:
        table = self.contacts_table
        table.setRowCount(0)
        table.setRowCount(len(contacts))
        for row, contact in enumerate(contacts):
            details = contact.details
            cells = (
                (details.name, details.role),
                (details.phone, details.email),
                (details.notes,),
            )
            for column, parts in enumerate(cells):
                item = _two_line_item(parts)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, contact.id)
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        table.setVisible(bool(contacts))
        self.contacts_empty.setVisible(not contacts)

    def _fill_log(self, entries: tuple[LogEntryRecord, ...]) -> None:
        table = self.log_table
        newest_first = sorted(entries, key=lambda e: (e.details.on, e.id), reverse=True)
        table.setRowCount(0)
        table.setRowCount(len(newest_first))
        for row, entry in enumerate(newest_first):
            details = entry.details
            kind = QCoreApplication.translate("Choices", details.kind.label)
            table.setItem(row, 0, _two_line_item((shown_date(details.on), kind)))
            table.setItem(row, 1, _two_line_item((entry.contact_name,)))
            table.setItem(row, SUMMARY, _two_line_item((details.summary,)))
        table.resizeRowsToContents()
        table.setVisible(bool(entries))
        self.log_empty.setVisible(not entries)

    def _clear(self) -> None:
        for label in (
            self.name_label,
            self.status_label,
            self.type_value,
            self.area_value,
            self.phone_value,
            self.email_value,
            self.notes_value,
        ):
            label.clear()
        self.contacts_table.setRowCount(0)
        self.log_table.setRowCount(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        shown = self._record is not None
        for button in (self.edit_button, self.add_contact_button, self.log_button):
            button.setEnabled(shown)
        self.edit_contact_button.setEnabled(self.selected_contact() is not None)
