"""The service recovery cases, newest first, narrowed by status, partner and department;
days open for each (a case open long is marked, in words as well as colour); and the
timeliness line (open now, median days open of the cases closed this year)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.action_enums import RecoveryStatus
from sec_desktop.services.recovery_records import RecoveryRow
from sec_desktop.ui.participant_fields import buddy, choice_combo, shown_date
from sec_desktop.ui.participant_view import (
    button,
    fill_table,
    read_only_table,
    selected_id,
    value_label,
)

# A case open this many days or more is marked as long open.
LONG_OPEN_DAYS = 28
LONG_OPEN_COLOUR = QColor(255, 224, 178)
LONG_OPEN_TEXT = QColor(40, 30, 0)
DAYS_COLUMN = 6


def _yes_no(value: bool) -> str:
    return (
        QCoreApplication.translate("RecoveryList", "Yes")
        if value
        else QCoreApplication.translate("RecoveryList", "Not yet")
    )


class RecoveryList(QWidget):
    # A case chosen (Enter or double click).
    open_requested = Signal(int)
    filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Service recovery cases"))
        self.status_combo = choice_combo(self, list(RecoveryStatus), self.tr("Any status"))
        self.status_combo.setAccessibleName(self.tr("Status"))
        self.partner_combo = QComboBox(self)
        self.partner_combo.setAccessibleName(self.tr("Partner"))
        self.department_edit = QLineEdit(self)
        self.department_edit.setAccessibleName(self.tr("Department contains"))
        self.department_edit.setPlaceholderText(self.tr("Any department"))
        self.department_edit.setClearButtonEnabled(True)
        self.new_button = button(
            self.tr("&New case\u2026"), self.tr("New service recovery case"), self
        )
        self.new_button.setToolTip(self.tr("Open a new service recovery case (Ctrl+N)"))
        self.timeliness_label = value_label(self)
        self.timeliness_label.setObjectName("recoveryTimeliness")
        self.timeliness_label.setAccessibleName(self.tr("Timeliness"))
        # One short line: wrapped, it would be given the height of two.
        self.timeliness_label.setWordWrap(False)
        self.empty_label = value_label(self)
        columns = [
            self.tr("Opened"),
            self.tr("Partner"),
            self.tr("Contact"),
            self.tr("Survivor"),
            self.tr("Department"),
            self.tr("Status"),
            self.tr("Days open"),
            self.tr("Survivor told"),
            self.tr("Partner told"),
        ]
        self.table = read_only_table(columns, self.tr("Service recovery cases"), self)
        self.table.setObjectName("recoveryTable")
        self.table.activated.connect(lambda _i: self._open_chosen())
        self.table.doubleClicked.connect(lambda _i: self._open_chosen())
        self.status_combo.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        self.partner_combo.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        self.department_edit.textChanged.connect(lambda _t: self.filters_changed.emit())
        self._build_layout()
        self.set_partners([])

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(buddy(self.tr("&Status:"), self.status_combo, self))
        filters.addWidget(self.status_combo)
        filters.addSpacing(12)
        filters.addWidget(buddy(self.tr("&Partner:"), self.partner_combo, self))
        filters.addWidget(self.partner_combo)
        filters.addSpacing(12)
        filters.addWidget(buddy(self.tr("&Department:"), self.department_edit, self))
        filters.addWidget(self.department_edit, 1)
        filters.addSpacing(12)
        filters.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(filters)
        layout.addWidget(self.timeliness_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        QWidget.setTabOrder(self.status_combo, self.partner_combo)
        QWidget.setTabOrder(self.partner_combo, self.department_edit)
        QWidget.setTabOrder(self.department_edit, self.new_button)
        QWidget.setTabOrder(self.new_button, self.table)

    # --- filters --------------------------------------------------------------------------

    def set_partners(self, names: Sequence[tuple[int, str]]) -> None:
        keep = self.partner_combo.currentData()
        self.partner_combo.blockSignals(True)
        self.partner_combo.clear()
        self.partner_combo.addItem(self.tr("Any partner"), None)
        for partner_id, name in names:
            self.partner_combo.addItem(name, partner_id)
        index = self.partner_combo.findData(keep)
        self.partner_combo.setCurrentIndex(max(index, 0))
        self.partner_combo.blockSignals(False)

    def set_departments(self, names: Sequence[str]) -> None:
        """Offered as the department is typed."""
        old = self.department_edit.completer()
        if old is not None:
            old.deleteLater()
        completer = QCompleter(list(names), self.department_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.department_edit.setCompleter(completer)

    def status(self) -> RecoveryStatus | None:
        value = self.status_combo.currentData()
        return RecoveryStatus(value) if value is not None else None

    def partner_id(self) -> int | None:
        value = self.partner_combo.currentData()
        return value if isinstance(value, int) else None

    def department(self) -> str:
        return self.department_edit.text().strip()

    # --- rows -----------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[RecoveryRow], keep: int | None = None) -> None:
        keep = keep if keep is not None else self.selected_id()
        texts = [self._texts(row) for row in rows]
        fill_table(self.table, texts, [row.id for row in rows])
        for index, row in enumerate(rows):
            if self._long_open(row):
                for column in range(self.table.columnCount()):
                    item = self.table.item(index, column)
                    if item is not None:
                        item.setBackground(QBrush(LONG_OPEN_COLOUR))
                        item.setForeground(QBrush(LONG_OPEN_TEXT))
        self.empty_label.setText("" if rows else self.tr("No cases match."))
        self.empty_label.setVisible(not rows)
        if not self.select(keep) and rows:
            self.table.selectRow(0)

    def _texts(self, row: RecoveryRow) -> list[str]:
        days = str(row.days_open)
        if self._long_open(row):
            days = self.tr("{days} \u2014 long open").format(days=row.days_open)
        return [
            shown_date(row.opened_on),
            row.partner,
            row.contact,
            row.survivor,
            row.department,
            QCoreApplication.translate("Choices", row.status.label),
            days,
            _yes_no(row.survivor_told),
            _yes_no(row.partner_told),
        ]

    @staticmethod
    def _long_open(row: RecoveryRow) -> bool:
        return row.status is RecoveryStatus.OPEN and row.days_open >= LONG_OPEN_DAYS

    def selected_id(self) -> int | None:
        value = selected_id(self.table)
        return value if isinstance(value, int) else None

    def select(self, case_id: int | None) -> bool:
        if case_id is None:
            return False
        for index in range(self.table.rowCount()):
            item = self.table.item(index, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == case_id:
                self.table.selectRow(index)
                return True
        return False

    def set_timeliness(self, text: str) -> None:
        self.timeliness_label.setText(text)

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.timeliness_label.clear()
        self.empty_label.clear()
        self.set_partners([])

    def _open_chosen(self) -> None:
        case_id = self.selected_id()
        if case_id is not None:
            self.open_requested.emit(case_id)
