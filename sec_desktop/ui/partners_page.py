"""The partner directory: organisations the SEC works with (IDVA and ISVA services,
refuges, charities, health, local authority, CPS, probation, education, government),
their named contacts, and a dated log of dealings with them.

Master and detail: the searchable, sortable list on the left, the chosen partner on the
right. Keyboard first: type to search (from the list too), Down to reach the list, arrows
to move, Enter to edit. A dialog left open at lock time is kept as an encrypted draft and
opened again, as typed, after unlocking.
"""

from __future__ import annotations

import itertools
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSignalBlocker, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.services.errors import NotFound
from sec_desktop.services.partners import PartnerRecord
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.partner_detail import PartnerDetail
from sec_desktop.ui.partner_dialogs import PartnerContactDialog, PartnerDialog, PartnerLogDialog
from sec_desktop.ui.partner_form import PartnerFormDialog
from sec_desktop.ui.partners_list import PartnersList
from sec_desktop.ui.partners_table import NAME, PartnerTableModel
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.widgets import heading_label

DRAFT_KEY = "partners"
_Dialog = TypeVar("_Dialog", bound=PartnerFormDialog)
# The list gets a little more than half the width: its names and figures need it more
# than the detail, whose tables are short.
LEFT_SHARE, RIGHT_SHARE = 3, 2


class PartnersPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_partners")
        self.setAccessibleName(self.tr("Partners"))
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._records: dict[int, PartnerRecord] = {}
        self._ids: set[int] = set()
        self._stale = False
        self._dialog: PartnerFormDialog | None = None

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("partnerSearch")
        self.search_edit.setAccessibleName(self.tr("Search partners"))
        self.search_edit.setPlaceholderText(self.tr("Name, area, type or contact"))
        self.search_edit.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("&Search:"), self)
        search_label.setBuddy(self.search_edit)
        self.inactive_check = QCheckBox(self.tr("Show &inactive partners"), self)
        self.inactive_check.setAccessibleName(self.tr("Show inactive partners"))
        self.add_button = QPushButton(self.tr("&Add partner\u2026"), self)
        self.add_button.setAccessibleName(self.tr("Add partner"))

        self.model = PartnerTableModel(self)
        self.table = PartnersList(self.model, self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("partnerCount")

        self.detail = PartnerDetail(self)

        self._build_layout(search_label)
        self._build_actions()
        self._connect()
        self._split_once = False
        self.detach()

    # --- building -------------------------------------------------------------------------

    def _build_layout(self, search_label: QLabel) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search_edit, 1)
        options_row = QHBoxLayout()
        options_row.addWidget(self.inactive_check, 1)
        options_row.addWidget(self.add_button)
        left_layout.addLayout(search_row)
        left_layout.addLayout(options_row)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, LEFT_SHARE)
        self.splitter.setStretchFactor(1, RIGHT_SHARE)
        self.detail.setContentsMargins(8, 0, 0, 0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(heading_label(self.tr("Partners"), self))
        layout.addWidget(self.splitter, 1)

        # Tab follows reading order: the list's tools, the list, then the chosen partner.
        detail = self.detail
        chain: list[QWidget] = [
            self.search_edit,
            self.inactive_check,
            self.add_button,
            self.table,
            detail.edit_button,
            detail.add_contact_button,
            detail.edit_contact_button,
            detail.contacts_table,
            detail.log_button,
            detail.log_table,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _build_actions(self) -> None:
        self.add_action = QAction(self.tr("Add partner"), self)
        self.add_action.setShortcut(QKeySequence("Ctrl+N"))
        # Only while this page is shown: other pages may use Ctrl+N for their own records.
        self.add_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.add_action.triggered.connect(self.add_partner)
        self.addAction(self.add_action)
        self.add_button.setToolTip(self.tr("Add a partner (Ctrl+N)"))
        self.find_action = QAction(self.tr("Search partners"), self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.triggered.connect(self._focus_search)
        self.addAction(self.find_action)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(self._on_filter_changed)
        self.search_edit.returnPressed.connect(self._focus_table)
        self.search_edit.installEventFilter(self)
        self.table.typed.connect(self._type_into_search)
        self.table.backspaced.connect(lambda: self._type_into_search(""))
        self.inactive_check.toggled.connect(self._on_filter_changed)
        self.add_button.clicked.connect(self.add_partner)
        self.table.activated.connect(lambda _index: self.edit_partner())
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.detail.edit_button.clicked.connect(self.edit_partner)
        self.detail.add_contact_button.clicked.connect(self.add_contact)
        self.detail.edit_contact_button.clicked.connect(self.edit_contact)
        self.detail.contacts_table.activated.connect(lambda _index: self.edit_contact())
        self.detail.log_button.clicked.connect(self.log_contact)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()
        if not self._split_once:
            # The first time shown, share the width (afterwards the user's split is kept).
            self._split_once = True
            width = self.splitter.width()
            left = width * LEFT_SHARE // (LEFT_SHARE + RIGHT_SHARE)
            self.splitter.setSizes([left, width - left])

    # --- RecordPage -----------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self._services, self._writer = services, writer
        self.add_button.setEnabled(True)
        self.add_action.setEnabled(True)
        # Loaded when first shown: fitting the table to hundreds of partners takes a
        # noticeable moment, which unlocking should not wait for.
        self._stale = not self.isVisible()
        if not self._stale:
            self.reload()

    def detach(self) -> None:
        """Drop the services and clear every view: nothing of the records stays on screen."""
        if self._dialog is not None:
            self._dialog.reject()
        # Closed dialogs wait for the event loop to delete them: empty them now.
        for dialog in self.findChildren(PartnerFormDialog):
            dialog.forget()
        self._services, self._writer = None, None
        self._stale = False
        self._records = {}
        with QSignalBlocker(self.search_edit):
            self.search_edit.clear()
        self._set_show_inactive(False)
        self.model.set_search("")
        self.model.clear()
        self.detail.show_record(None)
        self.count_label.clear()
        self.add_button.setEnabled(False)
        self.add_action.setEnabled(False)

    # --- loading and choosing -------------------------------------------------------------

    @property
    def dialog(self) -> PartnerFormDialog | None:
        """The dialog open now, if any."""
        return self._dialog

    def selected_id(self) -> int | None:
        return self.model.partner_id(self.table.currentIndex().row())

    def reload(self, select_id: int | None = None) -> None:
        if self._services is None:
            return
        keep = select_id if select_id is not None else self.selected_id()
        service = self._services.partners
        rows = service.rows()
        # A partner's full record is read when it is chosen (and kept until the next reload).
        self._records = {}
        self._ids = {row.id for row in rows}
        names = {row.id: row.contact_names for row in rows}
        kept = next((row for row in rows if row.id == keep), None)
        if kept is not None and not kept.active:
            # The partner chosen (or just saved) is inactive: show the inactive ones.
            self._set_show_inactive(True)
        self.model.set_rows(rows, names)
        self._after_refill(keep)

    def select(self, partner_id: int) -> bool:
        row = self.model.row_of(partner_id)
        if row is None:
            return False
        index = self.model.index(row, NAME)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index)
        return True

    def _set_show_inactive(self, shown: bool) -> None:
        with QSignalBlocker(self.inactive_check):
            self.inactive_check.setChecked(shown)
        self.model.set_show_inactive(shown)

    def _on_filter_changed(self) -> None:
        keep = self.detail.record.id if self.detail.record is not None else None
        self.model.set_search(self.search_edit.text())
        self.model.set_show_inactive(self.inactive_check.isChecked())
        self._after_refill(keep)

    def _after_refill(self, keep: int | None) -> None:
        shown, total = self.model.rowCount(), self.model.total
        self.count_label.setText(
            self.tr("Partners shown: {shown} of {total}").format(shown=shown, total=total)
        )
        if (keep is not None and self.select(keep)) or (shown and self.select_first()):
            return
        if total == 0:
            text = self.tr("No partners yet. Add the first with \u201cAdd partner\u201d (Ctrl+N).")
        else:
            text = self.tr("No partner matches the search.")
        self.detail.show_placeholder(text)

    def select_first(self) -> bool:
        partner_id = self.model.partner_id(0)
        return partner_id is not None and self.select(partner_id)

    def _record_of(self, partner_id: int) -> PartnerRecord | None:
        if partner_id not in self._records and self._services is not None:
            try:
                self._records[partner_id] = self._services.partners.record(partner_id)
            except NotFound:
                return None
        return self._records.get(partner_id)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        partner_id = self.model.partner_id(current.row()) if current.isValid() else None
        record = self._record_of(partner_id) if partner_id is not None else None
        if record is None:
            self.detail.show_record(None)
        elif self.detail.record is not record:
            self.detail.show_record(record)

    # --- keyboard ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            self._focus_table()
            return True
        return super().eventFilter(watched, event)

    def _type_into_search(self, text: str) -> None:
        self.search_edit.setFocus()
        self.search_edit.end(False)
        if text:
            self.search_edit.insert(text)
        else:
            self.search_edit.backspace()

    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _focus_table(self) -> None:
        if self.model.rowCount() == 0:
            return
        if not self.table.currentIndex().isValid():
            self.select_first()
        self.table.setFocus()

    # --- dialogs ----------------------------------------------------------------------------

    def add_partner(self) -> PartnerDialog | None:
        if self._services is None or self._writer is None or self._dialog is not None:
            return None
        dialog = PartnerDialog(self._services.partners, self._writer, None, parent=self)
        dialog.saved.connect(lambda result: self._partner_saved(result, dialog))
        return self._open(dialog)

    def edit_partner(self) -> PartnerDialog | None:
        record = self.detail.record
        if self._services is None or self._writer is None or record is None or self._dialog:
            return None
        dialog = PartnerDialog(self._services.partners, self._writer, record, parent=self)
        dialog.saved.connect(lambda result: self._partner_saved(result, dialog))
        return self._open(dialog)

    def add_contact(self) -> PartnerContactDialog | None:
        return self._contact_dialog(None)

    def edit_contact(self) -> PartnerContactDialog | None:
        contact = self.detail.selected_contact()
        return None if contact is None else self._contact_dialog(contact.id)

    def log_contact(self) -> PartnerLogDialog | None:
        record = self.detail.record
        if self._services is None or self._writer is None or record is None or self._dialog:
            return None
        dialog = PartnerLogDialog(
            self._services.partners,
            self._writer,
            record.id,
            record.contacts,
            self._services.today(),
            partner_name=record.details.name,
            parent=self,
        )
        dialog.saved.connect(lambda _result: self.reload(record.id))
        return self._open(dialog)

    def _contact_dialog(self, contact_id: int | None) -> PartnerContactDialog | None:
        record = self.detail.record
        if self._services is None or self._writer is None or record is None or self._dialog:
            return None
        contact = next((c for c in record.contacts if c.id == contact_id), None)
        if contact_id is not None and contact is None:
            return None
        dialog = PartnerContactDialog(
            self._services.partners,
            self._writer,
            record.id,
            contact,
            partner_name=record.details.name,
            parent=self,
        )
        dialog.saved.connect(lambda result: self._contact_saved(record.id, result, dialog))
        return self._open(dialog)

    def _open(self, dialog: _Dialog) -> _Dialog:
        self._dialog = dialog
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: PartnerFormDialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()

    def _partner_saved(self, result: object, dialog: PartnerDialog) -> None:
        partner_id = result if isinstance(result, int) else dialog.partner_id
        if partner_id is None:
            # Kept in memory but not yet saved to disk: the service gave no id.
            partner_id = self.model.id_named(dialog.details().name)
        self.reload(partner_id)
        self.table.setFocus()

    def _contact_saved(self, partner_id: int, result: object, dialog: PartnerContactDialog) -> None:
        self.reload(partner_id)
        contact_id = result if isinstance(result, int) else dialog.contact_id
        if contact_id is not None:
            self.detail.select_contact(contact_id)
        self.detail.contacts_table.setFocus()

    # --- Draftable: a dialog's input survives a lock ----------------------------------------

    def draft_key(self) -> str:
        return DRAFT_KEY

    def take_draft(self) -> Any:
        dialog = self._dialog
        if dialog is None or not dialog.isVisible():
            return None
        return {**dialog.draft_identity(), "input": dialog.input_state()}

    def restore_draft(self, state: Any) -> None:
        if not isinstance(state, dict) or self._services is None:
            return
        kind, partner_id = state.get("dialog"), state.get("partner_id")
        if partner_id is not None and not self.select(int(partner_id)):
            if int(partner_id) not in self._ids:
                return  # the partner is gone
            self._set_show_inactive(True)
            self._after_refill(int(partner_id))
        dialog: PartnerFormDialog | None = None
        if kind == "partner":
            dialog = self.edit_partner() if partner_id is not None else self.add_partner()
        elif kind == "contact":
            contact_id = state.get("contact_id")
            dialog = self._contact_dialog(None if contact_id is None else int(contact_id))
        elif kind == "log":
            dialog = self.log_contact()
        if dialog is not None:
            dialog.restore_input(dict(state.get("input", {})))
