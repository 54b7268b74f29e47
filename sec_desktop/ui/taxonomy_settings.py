"""Settings: the journey stages and themes that feedback and case timelines are coded
with. Each list shows how many items use each term; a term can be added, renamed, moved
up or down, retired (kept on the items coded with it, no longer offered for new ones) or
brought back, and deleted only if nothing was ever coded with it (the service says so
otherwise).

The lists are read off the GUI thread (counting the uses of every term takes a moment on
a large vault); every change goes through the RecordWriter.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.engagement_enums import TermKind
from sec_desktop.services.errors import RecordError
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.taxonomy import MAX_NAME_LENGTH, NAME, TaxonomyService, Term
from sec_desktop.ui.background import run_in_background
from sec_desktop.ui.form_errors import error_text
from sec_desktop.ui.participant_fields import new_form, note_label
from sec_desktop.ui.participant_view import (
    COLUMN_PADDING,
    RecordTable,
    button,
    fill_table,
    read_only_table,
    selected_id,
    subheading,
)
from sec_desktop.ui.record_dialog import RecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.settings_widgets import Feedback
from sec_desktop.ui.widgets import READABLE_WIDTH

log = logging.getLogger(__name__)

# Longer lists scroll inside their table.
MAX_ROWS_SHOWN = 24

# Both lists as read in the background: terms in order (retired ones too), and uses.
Listing = dict[TermKind, tuple[list[Term], dict[int, int]]]


def _read(service: TaxonomyService) -> Listing:
    return {
        kind: (service.terms(kind, include_retired=True), service.terms_in_use(kind))
        for kind in TermKind
    }


class TermNameDialog(RecordDialog):
    """One name, for a new term or a renamed one; the service's refusal (empty, too
    long, already in the list) is shown under the field and the dialog stays open."""

    def __init__(
        self,
        writer: RecordWriter,
        parent: QWidget | None,
        *,
        title: str,
        label: str,
        name: str,
        intro: str,
        save: Callable[[str], object],
    ) -> None:
        super().__init__(writer, "taxonomy-term", parent)
        self.setWindowTitle(title)
        self.set_intro(intro)
        self._save = save
        self.name_edit = QLineEdit(name, self)
        self.name_edit.setMaxLength(MAX_NAME_LENGTH + 20)  # over the limit is said, not cut
        self.name_edit.setMinimumWidth(360)
        form = new_form()
        self.add_row(form, label, self.name_edit, self.tr("Name"), NAME)
        self.body.addLayout(form)
        self.name_edit.selectAll()

    def work(self) -> Callable[[], object]:
        typed, save = self.name_edit.text(), self._save
        return lambda: save(typed)

    def input_state(self) -> dict[str, Any]:
        return {"name": self.name_edit.text()}

    def restore_input(self, state: dict[str, Any]) -> None:
        self.name_edit.setText(str(state.get("name", "")))


class TermList(QWidget):
    """One list (journey stages or themes) with its buttons."""

    def __init__(self, kind: TermKind, owner: TaxonomySettings, parent: QWidget) -> None:
        super().__init__(parent)
        self.kind = kind
        self._owner = owner
        self._terms: list[Term] = []
        stages = kind == TermKind.STAGE
        title = self.tr("Journey stages") if stages else self.tr("Themes")
        self.table: RecordTable = read_only_table(
            [
                self.tr("Journey stage") if stages else self.tr("Theme"),
                self.tr("Used by"),
                self.tr("Status"),
            ],
            title,
            self,
        )
        self.table.setObjectName("stagesTable" if stages else "themesTable")
        if stages:
            named = (
                self.tr("Add a journey stage"),
                self.tr("Rename the journey stage"),
                self.tr("Delete the journey stage"),
            )
        else:
            named = (
                self.tr("Add a theme"),
                self.tr("Rename the theme"),
                self.tr("Delete the theme"),
            )
        self.add_button = button(self.tr("Add\u2026"), named[0], self)
        self.rename_button = button(self.tr("Rename\u2026"), named[1], self)
        self.retire_button = button(self.tr("Retire"), self.tr("Retire"), self)
        self.up_button = button(self.tr("Move up"), self.tr("Move up"), self)
        self.down_button = button(self.tr("Move down"), self.tr("Move down"), self)
        self.delete_button = button(self.tr("Delete"), named[2], self)
        column = QVBoxLayout()
        for each in self.buttons():
            column.addWidget(each)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(subheading(title, self))
        layout.addLayout(row)

        self.add_button.clicked.connect(lambda: owner.ask_name(self.kind, None))
        self.rename_button.clicked.connect(lambda: owner.ask_name(self.kind, self.selected()))
        self.retire_button.clicked.connect(lambda: owner.toggle_retired(self.selected()))
        self.up_button.clicked.connect(lambda: owner.move_term(self.selected(), -1))
        self.down_button.clicked.connect(lambda: owner.move_term(self.selected(), 1))
        self.delete_button.clicked.connect(lambda: owner.delete(self.selected()))
        self.table.itemSelectionChanged.connect(self.update_buttons)

    def buttons(self) -> list[QPushButton]:
        first = [self.add_button, self.rename_button, self.retire_button]
        return [*first, self.up_button, self.down_button, self.delete_button]

    def show_terms(self, terms: list[Term], uses: dict[int, int], keep: int | None) -> None:
        self._terms = terms
        locale = QLocale()
        rows = []
        for term in terms:
            count = uses.get(term.id, 0)
            used = (
                self.tr("Not used")
                if count == 0
                else self.tr("1 item")
                if count == 1
                else self.tr("{count} items").format(count=locale.toString(count))
            )
            status = self.tr("Retired") if term.retired else self.tr("Offered")
            rows.append([term.name, used, status])
        # Quiet while refilled: buttons turned off for a moment would lose the focus.
        self.table.blockSignals(True)
        fill_table(self.table, rows, [t.id for t in terms])
        self._fit()
        italic = QFont(self.table.font())
        italic.setItalic(True)
        for index in (i for i, term in enumerate(terms) if term.retired):
            for column in range(self.table.columnCount()):
                item = self.table.item(index, column)
                if item is not None:
                    item.setFont(italic)
        wanted = next((i for i, t in enumerate(terms) if t.id == keep), None)
        if wanted is not None:
            self.table.selectRow(wanted)
            self.table.setCurrentCell(wanted, 0)
        self.table.blockSignals(False)
        self.update_buttons()

    def _fit(self) -> None:
        """The name takes the room left; every term is shown without scrolling the list
        (the Settings page scrolls), up to a long list's worth."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):  # as wide as their text, with room around it
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, self.table.columnWidth(column) + COLUMN_PADDING)
        shown = min(self.table.rowCount(), MAX_ROWS_SHOWN)
        rows = sum(self.table.rowHeight(row) for row in range(shown))
        frame = self.table.frameWidth() * 2
        self.table.setMinimumHeight(max(header.sizeHint().height() + rows + frame, 120))

    def selected(self) -> Term | None:
        wanted = selected_id(self.table)
        return next((t for t in self._terms if t.id == wanted), None)

    def update_buttons(self) -> None:
        term = self.selected()
        # Not turned off while a change runs (a button pressed by keyboard would lose
        # the focus): a press meanwhile is ignored instead.
        ready = self._owner.attached
        self.add_button.setEnabled(ready)
        for each in (self.rename_button, self.retire_button, self.delete_button):
            each.setEnabled(ready and term is not None)
        index = self._terms.index(term) if term is not None else -1
        self.up_button.setEnabled(ready and index > 0)
        self.down_button.setEnabled(ready and 0 <= index < len(self._terms) - 1)
        back = term is not None and term.retired
        self.retire_button.setText(self.tr("Bring back") if back else self.tr("Retire"))
        self.retire_button.setAccessibleName(self.tr("Bring back") if back else self.tr("Retire"))

    def clear(self) -> None:
        self._terms = []
        self.table.setRowCount(0)
        self.update_buttons()


class TaxonomySettings(QWidget):
    # The lists were read again (after attach and after every change).
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taxonomySettings")
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._epoch = 0
        self._busy = False
        self.dialog: TermNameDialog | None = None

        group = QGroupBox(self.tr("Journey stages and themes"), self)
        intro = note_label(
            self.tr(
                "Feedback is coded with these, and case timelines with the journey stages. "
                "A term that items are coded with cannot be deleted: retire it instead. "
                "Those items keep it, and it is no longer offered for new ones."
            ),
            group,
        )
        intro.setMaximumWidth(READABLE_WIDTH)
        self.stages = TermList(TermKind.STAGE, self, group)
        self.themes = TermList(TermKind.THEME, self, group)
        self.feedback = Feedback(group)
        column = QVBoxLayout(group)
        column.addWidget(intro)
        column.addWidget(self.stages)
        column.addWidget(self.themes)
        column.addWidget(self.feedback)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(group)
        self.detach()

    @property
    def attached(self) -> bool:
        return self._services is not None

    @property
    def ready(self) -> bool:
        return self._services is not None and not self._busy

    def list_of(self, kind: TermKind) -> TermList:
        return self.stages if kind == TermKind.STAGE else self.themes

    # --- RecordPage ---------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self._services, self._writer = services, writer
        writer.failed.connect(self._on_write_failed)
        self.feedback.say("")
        self._reload({})

    def detach(self) -> None:
        self._epoch += 1
        if self._writer is not None:
            self._writer.failed.disconnect(self._on_write_failed)
        self._services, self._writer, self._busy = None, None, False
        if self.dialog is not None:
            self.dialog.forget()
            self.dialog.reject()
            self.dialog = None
        self.stages.clear()
        self.themes.clear()
        self.feedback.say("")

    # --- reading ------------------------------------------------------------------------

    def _reload(self, keep: dict[TermKind, int]) -> None:
        if self._services is None:
            return
        self._busy = True
        epoch, service = self._epoch, self._services.taxonomy

        def done(listing: object) -> None:
            if epoch != self._epoch or not isinstance(listing, dict):
                return
            self._busy = False
            for kind, (terms, uses) in listing.items():
                self.list_of(kind).show_terms(terms, uses, keep.get(kind))
            self.loaded.emit()

        def failed(error: BaseException) -> None:
            if epoch != self._epoch:
                return
            self._busy = False
            log.warning("Journey stages and themes could not be read (%s)", type(error).__name__)
            self.feedback.say(self.tr("The lists could not be read."), error=True)

        run_in_background(lambda: _read(service), done, failed)

    def _on_write_failed(self, _error: object) -> None:
        # Neither done nor refused (a fault the window reports): read the lists again.
        if self._busy:
            self._reload({})

    # --- changing -----------------------------------------------------------------------

    def ask_name(self, kind: TermKind, term: Term | None) -> None:
        if self._services is None or self._writer is None:
            return
        service, stages = self._services.taxonomy, kind == TermKind.STAGE
        if term is None:
            title = self.tr("Add a journey stage") if stages else self.tr("Add a theme")
            name, term_id = "", None
        else:
            title = self.tr("Rename the journey stage") if stages else self.tr("Rename the theme")
            name, term_id = term.name, term.id

        def save(typed: str) -> object:
            if term_id is None:
                return service.add(kind, typed)
            service.rename(term_id, typed)
            return term_id

        label = self.tr("&Journey stage:") if stages else self.tr("&Theme:")
        intro = (
            self.tr("It goes at the end of the list; move it up from there if you like.")
            if term_id is None
            else self.tr("Items already coded with it show the new name.")
        )
        dialog = TermNameDialog(
            self._writer, self, title=title, label=label, name=name, intro=intro, save=save
        )
        dialog.saved.connect(lambda saved: self._after_name(kind, saved, term_id))
        self.dialog = dialog
        dialog.open()

    def _after_name(self, kind: TermKind, saved: object, term_id: int | None) -> None:
        self.dialog = None
        chosen = saved if isinstance(saved, int) else term_id
        self.feedback.say(self.tr("Added.") if term_id is None else self.tr("Renamed."))
        self._reload({kind: chosen} if chosen is not None else {})
        self.list_of(kind).table.setFocus()

    def toggle_retired(self, term: Term | None) -> None:
        if term is None or self._services is None:
            return
        service = self._services.taxonomy
        if term.retired:
            done = self.tr("\u201c{name}\u201d is offered for new items again.")
            self._change(term, lambda: service.bring_back(term.id), done)
        else:
            done = self.tr(
                "\u201c{name}\u201d is retired: items coded with it keep it, and it is no "
                "longer offered for new ones."
            )
            self._change(term, lambda: service.retire(term.id), done)

    def move_term(self, term: Term | None, step: int) -> None:
        if term is not None and self._services is not None:
            service = self._services.taxonomy
            self._change(term, lambda: service.move(term.id, step), "")

    def delete(self, term: Term | None) -> None:
        if term is not None and self._services is not None:
            service = self._services.taxonomy
            self._change(term, lambda: service.delete(term.id), self.tr("Deleted."))

    def _change(self, term: Term, work: Callable[[], object], done: str) -> None:
        if self._writer is None or not self.ready:
            return
        self._busy = True
        epoch = self._epoch

        def on_done(_result: object) -> None:
            if epoch == self._epoch:
                self.feedback.say(done.format(name=term.name))
                self._reload({term.kind: term.id})

        def on_refused(error: RecordError) -> None:
            if epoch == self._epoch:
                self.feedback.say(error_text(error), error=True)
                self._reload({term.kind: term.id})

        self._writer.write(work, on_done, on_refused)
