"""Loading translations: ours from resources/translations, Qt's own for its standard dialogs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

SOURCE_LANGUAGE = "en"
QM_PREFIX = "sec_desktop_"


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, so a Welsh speaker finds "Cymraeg"


def available_languages(translations_dir: Path) -> list[Language]:
    """English (the source language) plus every language with a compiled .qm file."""
    codes = {SOURCE_LANGUAGE}
    if translations_dir.is_dir():
        codes.update(
            p.stem.removeprefix(QM_PREFIX) for p in translations_dir.glob(f"{QM_PREFIX}*.qm")
        )
    languages = [Language(code, _native_name(code)) for code in codes]
    return sorted(languages, key=lambda lang: (lang.code != SOURCE_LANGUAGE, lang.name.lower()))


def _native_name(code: str) -> str:
    if code == SOURCE_LANGUAGE:
        return "English"  # QLocale would say "American English"
    name = QLocale(code).nativeLanguageName()
    return name[:1].upper() + name[1:] if name else code


def install_translators(
    app: QCoreApplication, language: str, translations_dir: Path
) -> list[QTranslator]:
    """Install the translators for `language`; returns them (the caller keeps them alive).

    English needs none. A language whose file is missing or unreadable gets none either,
    and the caller tells the user the interface stays in English.
    """
    if language == SOURCE_LANGUAGE:
        return []
    installed = []
    ours = QTranslator(app)
    if ours.load(f"{QM_PREFIX}{language}", str(translations_dir)):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        return []
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(QLocale(language), "qtbase", "_", qt_dir):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    return installed
