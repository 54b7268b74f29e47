"""The translation plumbing, end to end, with a pseudo-language.

Every string found by `pyside6-lupdate` is "translated" into itself between angle quotes
(U+2039, U+203A), compiled with
`pyside6-lrelease`, and loaded the way a real language would be (by the preference, from
the translations folder). Then every piece of text the user can see must be wrapped in
those quotes: a string that is not did not go through tr() and would stay in English.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QMenu,
    QWidget,
)

from sec_desktop.about import shipped_components
from sec_desktop.app import Application
from sec_desktop.settings import Preferences, PreferencesStore
from sec_desktop.ui.about_dialog import AboutDialog

PACKAGE = Path(__file__).resolve().parents[2] / "sec_desktop"
TOOLS = Path(sys.executable).parent
DATA_LABELS = {"folderPath", "runtimeVersions"}
# Widgets Qt makes and names itself (a tab bar's scroll buttons): Qt's own catalogue
# translates them.
QT_OWN_WIDGETS = {"ScrollLeftButton", "ScrollRightButton"}


def _tool(name: str) -> str:
    path = TOOLS / name
    return str(path) if path.exists() else shutil.which(name) or name


def pseudo_translate(ts_file: Path) -> int:
    tree = ET.parse(ts_file)  # noqa: S314 (our own lupdate output, not untrusted input)
    count = 0
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        # A message with plural forms (%n) has one translation per form of the language.
        for form in translation.findall("numerusform") or [translation]:
            form.text = f"\u2039{source}\u203a"
        count += 1
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return count


@pytest.fixture(scope="module")
def pseudo_language(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("translations")
    ts_file = folder / "sec_desktop_cy.ts"
    sources = [str(p) for p in sorted(PACKAGE.rglob("*.py"))]
    extract = subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(ts_file)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert extract.returncode == 0, extract.stdout + extract.stderr
    assert pseudo_translate(ts_file) > 50
    compile_ = subprocess.run(
        [_tool("pyside6-lrelease"), str(ts_file)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert compile_.returncode == 0, compile_.stdout + compile_.stderr
    assert (folder / "sec_desktop_cy.qm").exists()
    return folder


def _visible_texts(root: QWidget) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = [("window title", root.windowTitle())]
    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        if widget.objectName() in DATA_LABELS | QT_OWN_WIDGETS:
            continue
        if isinstance(widget, QLabel) and widget.text():
            texts.append((where, widget.text()))
        if isinstance(widget, QGroupBox | QMenu) and widget.title():
            texts.append((where, widget.title()))
        is_standard_button = isinstance(widget.parent(), QDialogButtonBox) and (
            widget.parent().standardButton(widget) != QDialogButtonBox.StandardButton.NoButton
        )
        if isinstance(widget, QAbstractButton) and widget.text() and not is_standard_button:
            texts.append((where, widget.text()))
        if isinstance(widget, QComboBox) and widget.objectName() != "languageCombo":
            texts.extend((where, widget.itemText(i)) for i in range(widget.count()))
        if widget.accessibleName():
            texts.append((f"{where} accessible name", widget.accessibleName()))
        if widget.toolTip():
            texts.append((f"{where} tooltip", widget.toolTip()))
    for action in root.findChildren(QAction):
        if action.text():
            texts.append((f"action {action.objectName()!r}", action.text()))
    return texts


def _untranslated(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        (where, text) for where, text in texts if not text.replace("&", "").startswith("\u2039")
    ]


def test_every_visible_string_goes_through_translation(
    pseudo_language: Path, qapp, qtbot, app_paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sec_desktop.paths.translations_dir", lambda: pseudo_language)
    PreferencesStore(app_paths.settings_file).save(Preferences(language="cy"))
    application = Application(qapp, app_paths)
    try:
        window = application.window
        qtbot.addWidget(window)
        window.show()
        sidebar = [
            (f"sidebar row {r}", window.sidebar.item(r).text())
            for r in range(window.sidebar.count())
        ]
        assert _untranslated(sidebar) == []
        for key in window.area_keys():
            window.go_to(key)
            assert _untranslated(_visible_texts(window)) == [], key
        about = AboutDialog(shipped_components(), {"Qt": "6"}, window)
        qtbot.addWidget(about)
        assert _untranslated(_visible_texts(about)) == []
        assert window.settings_page.language_combo.currentData() == "cy"
    finally:
        for translator in application._translators:
            qapp.removeTranslator(translator)


def test_the_check_notices_a_string_left_out(qapp, qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.setWindowTitle("\u2039ok\u203a")
    QLabel("Not translated", widget)
    assert _untranslated(_visible_texts(widget)) == [("QLabel ''", "Not translated")]
