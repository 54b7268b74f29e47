"""Full-text search over feedback, engagement notes and scrutiny cases.

The search runs a short pause after typing stops (and at once on Enter), on the thread
pool: a common word at scale 100 takes longer than a frame, and a save in progress holds
the vault. Only the newest search is shown; one typed meanwhile waits for the running one
and then runs, so searches never pile up.

Each result shows its title (pseudonyms only), its date and a snippet with the matched
words in bold. The snippet is the user's own text: it is escaped before the marks the
service put around the matched words become <b> tags. A disclosure is listed with no
text at all. Down from the box goes to the results; Enter (or a double click) opens one.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.domain.enums import Choice
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.search import MARK_END, MARK_START, SearchHit, SearchResults
from sec_desktop.ui.background import run_in_background
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.widgets import heading_label
from sec_desktop.vault.errors import VaultError

log = logging.getLogger(__name__)

SHOWN = 50
PAUSE_MS = 150
KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
PADDING = 6
MIN_TEXT_WIDTH = 200


def hit_title(hit: SearchHit) -> str:
    """The title in the user's language; choices among its values by their label."""
    values = {
        key: QCoreApplication.translate("Choices", value.label)
        if isinstance(value, Choice)
        else value
        for key, value in hit.title_values.items()
    }
    return QCoreApplication.translate("Records", hit.title_message).format(**values)


def snippet_html(snippet: str) -> str:
    """The snippet as rich text: everything escaped, then the matched words in bold."""
    return html.escape(snippet).replace(MARK_START, "<b>").replace(MARK_END, "</b>")


def plain_snippet(snippet: str) -> str:
    return snippet.replace(MARK_START, "").replace(MARK_END, "")


class HitDelegate(QStyledItemDelegate):
    """Draws a result's rich text (title, date, snippet) wrapped to the list's width."""

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(PADDING)
        document.setHtml(str(index.data(HTML_ROLE) or ""))
        # The list's width, not the item's: a size is asked for before there is a rect.
        document.setTextWidth(max(self._view.viewport().width() - 2, MIN_TEXT_WIDTH))
        return document

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        document = self._document(option, index)  # type: ignore[arg-type]
        widget = option.widget
        style = widget.style() if widget is not None else None
        text = option.text
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        option.text = text
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        role = palette.ColorRole.HighlightedText if selected else palette.ColorRole.Text
        context.palette.setColor(palette.ColorRole.Text, palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        self.initStyleOption(option, index)
        document = self._document(option, index)  # type: ignore[arg-type]
        return QSize(int(document.idealWidth()), int(document.size().height()))


class SearchPanel(QWidget):
    # What a result opens (OPENS_FEEDBACK, OPENS_ENGAGEMENT or OPENS_CASE) and its id.
    open_requested = Signal(str, int)
    # A search's results are shown (for tests and the self-test).
    searched = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self._services: RecordServices | None = None
        self._writer: RecordWriter | None = None
        self._epoch = 0
        self._running = False
        self._pending: str | None = None
        self._shown_for: str | None = None

        self.box = QLineEdit(self)
        self.box.setObjectName("searchBox")
        self.box.setAccessibleName(self.tr("Search"))
        self.box.setPlaceholderText(self.tr("Search feedback, engagement notes and scrutiny cases"))
        self.box.setClearButtonEnabled(True)
        self.box.setMaxLength(1000)
        label = QLabel(self.tr("&Find:"), self)
        label.setBuddy(self.box)
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.results = QListWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(heading_label(self.tr("Search"), self))
        layout.addWidget(label)
        layout.addWidget(self.box)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.search_now)
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.box.returnPressed.connect(self.search_now)
        self.box.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.activated.connect(self._open)
        self.detach()

    # --- RecordPage ---------------------------------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        if self._writer is not None:
            self._writer.written.disconnect(self._after_write)
        self._services, self._writer = services, writer
        writer.written.connect(self._after_write)
        self.box.setEnabled(True)
        self._show_idle()

    def detach(self) -> None:
        self._epoch += 1
        self._timer.stop()
        if self._writer is not None:
            self._writer.written.disconnect(self._after_write)
        self._services, self._writer = None, None
        self._running, self._pending, self._shown_for = False, None, None
        self.box.clear()
        self._timer.stop()  # clearing the box started it
        self.box.setEnabled(False)
        self.results.clear()
        self.status.clear()

    def focus_search(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    # --- searching ----------------------------------------------------------------------

    def search_now(self) -> None:
        """Search for what is in the box (after the pause, or at once on Enter)."""
        self._timer.stop()
        if self._services is None:
            return
        typed = self.box.text()
        if not typed.strip():
            self._epoch += 1
            self._running, self._pending, self._shown_for = False, None, None
            self._show_idle()
            return
        if self._running:
            self._pending = typed
            return
        self._start(typed)

    def _start(self, typed: str) -> None:
        if self._services is None:
            return
        self._running, self._pending = True, None
        epoch, service = self._epoch, self._services.search
        self.status.setText(self.tr("Searching\u2026"))

        def done(results: object) -> None:
            if epoch != self._epoch:
                return
            self._running = False
            if self._pending is not None:
                self._start(self._pending)  # typed meanwhile: this one is already stale
            elif isinstance(results, SearchResults):
                self._show(results)

        def failed(error: BaseException) -> None:
            if epoch != self._epoch:
                return
            self._running = False
            if not isinstance(error, VaultError):
                log.error("A search could not be run (%s)", type(error).__name__)
            self.status.setText(self.tr("The search could not be run."))

        run_in_background(lambda: service.search(typed, SHOWN), done, failed)

    def _after_write(self) -> None:
        # A record was added, changed or deleted: the results shown may have changed.
        if self._shown_for is not None:
            self._timer.start()

    # --- showing ------------------------------------------------------------------------

    def _show_idle(self) -> None:
        self.results.clear()
        self.status.setText(
            self.tr("Type a word or the start of one; put words in quotes to find them together.")
        )

    def _show(self, results: SearchResults) -> None:
        self._shown_for = results.typed
        had_focus = self.results.hasFocus()
        self.results.clear()
        for hit in results.hits:
            self.results.addItem(self._item(hit))
        self.status.setText(self._summary(results))
        if had_focus and self.results.count():
            self.results.setCurrentRow(0)
        elif had_focus:
            self.box.setFocus()
        self.searched.emit()

    def _summary(self, results: SearchResults) -> str:
        locale = QLocale()
        if not results.total:
            return self.tr(
                "Nothing matches \u201c{typed}\u201d. Check the spelling, or try fewer words."
            ).format(typed=results.typed.strip())
        shown, total = len(results.hits), locale.toString(results.total)
        if results.total == 1:
            return self.tr("1 match.")
        if shown == results.total:
            return self.tr("{total} matches.").format(total=total)
        text = self.tr("Showing {shown} of {total} matches.").format(
            shown=locale.toString(shown), total=total
        )
        if results.newest_only:
            text += " " + self.tr(
                "So many match that these are the best of the most recent: add a word to "
                "narrow the search."
            )
        return text

    def _item(self, hit: SearchHit) -> QListWidgetItem:
        title = hit_title(hit)
        on = shown_date(hit.on) if hit.on is not None else ""
        if hit.disclosure:
            body = self.tr("Disclosure \u2014 open the item to see it")
            rich = f"<i>{html.escape(body)}</i>"
        else:
            body = plain_snippet(hit.snippet)
            rich = snippet_html(hit.snippet)
        heading = f"<b>{html.escape(title)}</b>"
        if on:
            heading += f" &nbsp;\u00b7&nbsp; {html.escape(on)}"
        item = QListWidgetItem(" \u2014 ".join(part for part in (title, on, body) if part))
        item.setData(HTML_ROLE, f"{heading}<br>{rich}" if rich else heading)
        item.setData(KIND_ROLE, hit.kind)
        item.setData(ID_ROLE, hit.record_id)
        return item

    # --- keys and opening ---------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.box and key == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus(Qt.FocusReason.OtherFocusReason)
                if self.results.currentRow() < 0:
                    self.results.setCurrentRow(0)
                return True
            if watched is self.results and key == Qt.Key.Key_Up and self.results.currentRow() <= 0:
                self.focus_search()
                return True
            if watched is self.results and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.results.currentItem()
                if item is not None:
                    self._open(self.results.indexFromItem(item))
                return True
        return super().eventFilter(watched, event)

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        kind, record_id = index.data(KIND_ROLE), index.data(ID_ROLE)
        if isinstance(kind, str) and isinstance(record_id, int):
            self.open_requested.emit(kind, record_id)
