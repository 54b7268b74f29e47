"""Settings kept inside the vault (so shown only while it is open): the journey stages and
themes that feedback and case timelines are coded with, and the force's crime reference
format."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.crime_reference_settings import CrimeReferenceSettings
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.taxonomy_settings import TaxonomySettings
from sec_desktop.ui.widgets import heading_label


class RecordSettingsSection(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordSettings")
        self.taxonomy = TaxonomySettings(self)
        self.crime_reference = CrimeReferenceSettings(self)
        note = QLabel(
            self.tr(
                "Kept in the vault with the records, so they travel with it and are shown "
                "only while it is open."
            ),
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(heading_label(self.tr("Records"), self))
        layout.addWidget(note)
        layout.addWidget(self.taxonomy)
        layout.addWidget(self.crime_reference)
        self.hide()

    def attach(self, services: RecordServices, writer: RecordWriter) -> None:
        self.taxonomy.attach(services, writer)
        self.crime_reference.attach(services, writer)
        self.show()

    def detach(self) -> None:
        self.hide()
        self.taxonomy.detach()
        self.crime_reference.detach()
