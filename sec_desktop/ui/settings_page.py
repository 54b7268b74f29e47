"""Settings: appearance and language, the vault (locking, passphrase, keys, backups),
applied at once and kept for next time; and, while the vault is open, the settings kept
inside it (journey stages and themes, the crime reference format)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sec_desktop.paths import AppPaths
from sec_desktop.services.record_services import RecordServices
from sec_desktop.settings import Preferences, PreferencesStore, Theme, with_changes
from sec_desktop.ui.record_settings import RecordSettingsSection
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.translation import Language
from sec_desktop.ui.vault_session import VaultSession
from sec_desktop.ui.vault_settings import VaultSettingsSection
from sec_desktop.ui.widgets import ErrorLabel, heading_label

log = logging.getLogger(__name__)


class SettingsPage(QWidget):
    # The new Preferences, sent before saving: the choice applies even if saving fails.
    preferences_changed = Signal(object)
    status_message = Signal(str)

    def __init__(
        self,
        *,
        store: PreferencesStore,
        preferences: Preferences,
        languages: Sequence[Language],
        paths: AppPaths,
        session: VaultSession | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_settings")
        self.setAccessibleName(self.tr("Settings"))
        self._store = store
        self._preferences = preferences

        self.error_label = ErrorLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        # The vault's settings, when there is a vault session to act on.
        self.vault_section: VaultSettingsSection | None = None
        if session is not None:
            self.vault_section = VaultSettingsSection(session, preferences, self._change, self)
            self.vault_section.status_message.connect(self.status_message)

        # Everything scrolls, so the page fits a small screen however many groups it has.
        content = QWidget(self)
        content.setObjectName("settingsContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(heading_label(self.tr("Settings"), content))
        layout.addWidget(self._build_appearance(preferences, languages))
        if self.vault_section is not None:
            layout.addWidget(self.vault_section)
        # Shown only while the vault is open: these settings are kept inside it.
        self.record_settings = RecordSettingsSection(content)
        layout.addWidget(self.record_settings)
        layout.addWidget(self._build_files(paths))
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("settingsScroll")
        self.scroll_area.setAccessibleName(self.tr("Settings"))
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

    # --- RecordPage: the settings kept in the vault ------------------------------------------

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self.record_settings.attach(services, writer)

    def detach(self) -> None:
        self.record_settings.detach()

    def _build_appearance(
        self, preferences: Preferences, languages: Sequence[Language]
    ) -> QGroupBox:
        self.theme_combo = QComboBox(self)
        self.theme_combo.setAccessibleName(self.tr("Theme"))
        for theme, label in (
            (Theme.SYSTEM, self.tr("Follow the system")),
            (Theme.LIGHT, self.tr("Light")),
            (Theme.DARK, self.tr("Dark")),
        ):
            self.theme_combo.addItem(label, theme.value)
        self.theme_combo.setCurrentIndex(self.theme_combo.findData(preferences.theme.value))
        self.theme_combo.currentIndexChanged.connect(self._on_theme_chosen)

        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("languageCombo")  # names in their own language
        self.language_combo.setAccessibleName(self.tr("Language"))
        for language in languages:
            self.language_combo.addItem(language.name, language.code)
        index = self.language_combo.findData(preferences.language)
        self.language_combo.setCurrentIndex(max(index, 0))
        self.language_combo.currentIndexChanged.connect(self._on_language_chosen)
        language_note = QLabel(
            self.tr("A new language is used from the next time SEC Desktop starts."), self
        )
        language_note.setWordWrap(True)

        appearance = QGroupBox(self.tr("Appearance and language"), self)
        form = QFormLayout(appearance)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self._buddy(self.tr("&Theme:"), self.theme_combo), self.theme_combo)
        form.addRow(self._buddy(self.tr("&Language:"), self.language_combo), self.language_combo)
        form.addRow(language_note)
        return appearance

    def _build_files(self, paths: AppPaths) -> QGroupBox:
        files = QGroupBox(self.tr("Where SEC Desktop keeps its files"), self)
        files_form = QFormLayout(files)
        for caption, path in (
            (self.tr("Settings:"), paths.config_dir),
            (self.tr("Logs:"), paths.log_dir),
        ):
            value = QLabel(str(path), files)
            value.setObjectName("folderPath")  # data, not words: never translated
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            files_form.addRow(caption, value)
        return files

    @property
    def preferences(self) -> Preferences:
        return self._preferences

    def remember_geometry(self, geometry_base64: str) -> None:
        """Keep the window's geometry; saved with the other preferences."""
        self._change(window_geometry=geometry_base64)

    def remember_vault_path(self, vault_path: str) -> None:
        """Keep the vault last opened, to open it again next time."""
        self._change(vault_path=vault_path)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    def _on_theme_chosen(self, index: int) -> None:
        if self._change(theme=Theme(self.theme_combo.itemData(index))):
            self.status_message.emit(self.tr("Theme changed."))

    def _on_language_chosen(self, index: int) -> None:
        if self._change(language=self.language_combo.itemData(index)):
            self.status_message.emit(self.tr("Language saved: it is used from the next start."))

    def _change(self, **changes: object) -> bool:
        """Apply and save; on a failed save keep the choice for now and say what went wrong."""
        self._preferences = with_changes(self._preferences, **changes)
        self.preferences_changed.emit(self._preferences)
        try:
            self._store.save(self._preferences)
        except OSError as error:
            log.warning("Preferences could not be saved (%s)", type(error).__name__)
            self.error_label.setText(
                self.tr(
                    "Your choice applies now, but it could not be saved for next time "
                    "({reason}). Check that this folder can be written to: {folder}"
                ).format(
                    reason=error.strerror or type(error).__name__, folder=self._store.path.parent
                )
            )
            self.error_label.show()
            return False
        self.error_label.hide()
        return True
