from __future__ import annotations

import json
import shutil

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAccessible, QAction, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QWidget

from sec_desktop.app import Application
from sec_desktop.settings import Preferences, PreferencesStore, Theme
from sec_desktop.ui.about_dialog import AboutDialog
from sec_desktop.ui.areas import AREAS
from sec_desktop.ui.pending_page import PendingPage
from sec_desktop.ui.theme import is_dark

AREA_KEYS = [area.key for area in AREAS]
BUILT_AREAS = {
    "today",
    "roster",
    "engagements",
    "feedback",
    "actions",
    "partners",
    "scrutiny",
    "service_recovery",
    "risk_wellbeing",
    "reports",
    "settings",
}
NUMBER_KEYS = [
    Qt.Key.Key_1,
    Qt.Key.Key_2,
    Qt.Key.Key_3,
    Qt.Key.Key_4,
    Qt.Key.Key_5,
    Qt.Key.Key_6,
    Qt.Key.Key_7,
    Qt.Key.Key_8,
    Qt.Key.Key_9,
    Qt.Key.Key_0,
    Qt.Key.Key_Comma,
]


def test_the_shell_opens_on_today_with_every_area(application: Application) -> None:
    window = application.window
    assert window.isVisible()
    assert window.current_area() == "today"
    labels = [window.sidebar.item(row).text() for row in range(window.sidebar.count())]
    assert labels == [
        "Today",
        "Roster",
        "Engagements",
        "Feedback",
        "Actions",
        "Service recovery",
        "Partners",
        "Scrutiny panels",
        "Risk and wellbeing",
        "Reports",
        "Settings",
    ]


@pytest.mark.parametrize("row", range(len(AREAS)), ids=AREA_KEYS)
def test_each_sidebar_entry_reaches_its_page(application: Application, qtbot, row: int) -> None:
    window = application.window
    start = 1 if row == 0 else 0
    window.sidebar.setCurrentRow(start)
    item = window.sidebar.item(row)
    rect = window.sidebar.visualItemRect(item)
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_area() == AREAS[row].key
    assert window.pages.currentWidget() is window.page(AREAS[row].key)
    assert window.windowTitle() == f"{AREAS[row].title} \u2013 SEC Desktop"


@pytest.mark.parametrize("row", range(len(AREAS)), ids=AREA_KEYS)
def test_each_shortcut_reaches_its_page(application: Application, qtbot, row: int) -> None:
    window = application.window
    window.go_to("settings" if row == 0 else "today")
    window.activateWindow()
    qtbot.keyClick(window.sidebar, NUMBER_KEYS[row], Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == AREAS[row].key


def test_arrow_keys_move_through_the_sidebar(application: Application, qtbot) -> None:
    window = application.window
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)
    assert window.current_area() == "engagements"


def test_shortcuts_are_unique_and_shown_in_the_menu(application: Application) -> None:
    actions = [
        a for a in application.window.findChildren(QAction) if a.objectName().startswith("go_")
    ]
    shortcuts = [a.shortcut().toString() for a in actions]
    assert len(actions) == len(AREAS)
    assert len(set(shortcuts)) == len(shortcuts)
    assert shortcuts[0] == QKeySequence("Ctrl+1").toString()


def test_unbuilt_areas_say_so_and_show_no_data(application: Application) -> None:
    for area in AREAS:
        page = application.window.page(area.key)
        if area.key in BUILT_AREAS:
            assert not isinstance(page, PendingPage)
            continue
        assert isinstance(page, PendingPage), area.key
        texts = [label.text() for label in page.findChildren(QLabel)]
        assert "Not built yet" in texts
        assert any("nothing is recorded or shown here" in t for t in texts)
        # Nothing but labels: no tables, lists or fields that could look like data.
        assert not [w for w in page.findChildren(QWidget) if not isinstance(w, QLabel)]


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces, as Qt's accessibility layer reports it."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def test_every_control_has_an_accessible_name(application: Application) -> None:
    window = application.window
    for key in AREA_KEYS:
        window.go_to(key)
        for widget in window.findChildren(QWidget):
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(window):
                continue
            where = f"{type(widget).__name__} {widget.objectName()!r} on {key}"
            assert accessible_name(widget), f"{where} has no accessible name"


def test_screen_readers_hear_what_labels_say(application: Application) -> None:
    window = application.window
    labels = [label for label in window.findChildren(QLabel) if label.text() and not label.buddy()]
    assert len(labels) > 10
    for label in labels:
        plain = label.text().replace("&", "")
        assert plain in accessible_name(label), label.objectName()


def test_every_control_is_reachable_by_tab(application: Application, qtbot) -> None:
    window = application.window
    window.go_to("settings")
    window.sidebar.setFocus()
    reached = set()
    for _ in range(20):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.add(QApplication.focusWidget())
    settings = window.settings_page
    assert {window.sidebar, settings.theme_combo, settings.language_combo} <= reached


def test_fits_a_1366_by_768_screen(application: Application) -> None:
    window = application.window
    assert window.minimumSize().width() <= 1366 and window.minimumSize().height() <= 700
    assert window.minimumSizeHint().width() <= 1366 and window.minimumSizeHint().height() <= 700
    window.resize(QSize(1366, 700))
    for key in AREA_KEYS:
        window.go_to(key)
        page = window.pages.currentWidget()
        assert page.minimumSizeHint().height() <= window.pages.height(), key


def test_about_opens_and_closes(application: Application, qtbot) -> None:
    window = application.window
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.isVisible()
    table = dialog.table
    libraries = {table.item(row, 0).text().lower() for row in range(table.rowCount())}
    assert {"sqlalchemy", "cryptography", "reportlab", "pyside6_essentials"} <= {
        name.replace("-", "_") for name in libraries
    }
    licences = [table.item(row, 2).text() for row in range(table.rowCount())]
    assert all(licences)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_theme_choice_applies_at_once_and_is_saved(
    application: Application, qapp, app_paths
) -> None:
    settings = application.window.settings_page
    settings.theme_combo.setCurrentIndex(settings.theme_combo.findData("dark"))
    assert is_dark(qapp)
    assert PreferencesStore(app_paths.settings_file).load().preferences.theme is Theme.DARK
    settings.theme_combo.setCurrentIndex(settings.theme_combo.findData("light"))
    assert not is_dark(qapp)
    assert PreferencesStore(app_paths.settings_file).load().preferences.theme is Theme.LIGHT


def test_a_failed_save_is_shown_and_the_choice_still_applies(
    application: Application, qapp, app_paths, qtbot
) -> None:
    app_paths.config_dir.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(app_paths.config_dir, ignore_errors=True)
    app_paths.config_dir.write_text("a file where the folder should be", encoding="utf-8")
    application.window.go_to("settings")
    settings = application.window.settings_page
    settings.theme_combo.setCurrentIndex(settings.theme_combo.findData("dark"))
    assert is_dark(qapp)
    assert settings.error_label.isVisible()
    assert "could not be saved for next time" in settings.error_label.text()
    assert str(app_paths.config_dir) in settings.error_label.text()


def test_saved_preferences_are_used_at_start(qapp, qtbot, app_paths) -> None:
    PreferencesStore(app_paths.settings_file).save(Preferences(theme=Theme.DARK))
    application = Application(qapp, app_paths)
    qtbot.addWidget(application.window)
    try:
        assert is_dark(qapp)
        combo = application.window.settings_page.theme_combo
        assert combo.currentData() == "dark"
    finally:
        from sec_desktop.ui.theme import apply_theme

        apply_theme(qapp, Theme.SYSTEM)


def test_damaged_preferences_are_reported_in_the_status_bar(qapp, qtbot, app_paths) -> None:
    app_paths.config_dir.mkdir(parents=True)
    app_paths.settings_file.write_text('{"idle_lock_minutes": 99}', encoding="utf-8")
    application = Application(qapp, app_paths)
    qtbot.addWidget(application.window)
    application.show()
    message = application.window.statusBar().currentMessage()
    assert "The idle lock must be between 1 and 15 minutes." in message


def test_geometry_is_kept_between_runs(qapp, qtbot, app_paths) -> None:
    first = Application(qapp, app_paths)
    qtbot.addWidget(first.window)
    first.window.show()
    first.window.resize(770, 500)  # inside the 800x600 offscreen screen
    first.window.close()
    saved = json.loads(app_paths.settings_file.read_text(encoding="utf-8"))
    assert saved["window_geometry"]
    second = Application(qapp, app_paths)
    qtbot.addWidget(second.window)
    assert second.window.size() == QSize(770, 500)


def test_language_choice_lists_english(application: Application) -> None:
    combo: QComboBox = application.window.settings_page.language_combo
    assert combo.itemText(0) == "English"
    assert combo.currentData() == "en"


def test_the_go_menu_ticks_only_the_area_on_screen(application: Application) -> None:
    window = application.window
    actions = [a for a in window.findChildren(QAction) if a.objectName().startswith("go_")]
    for key in ("roster", "feedback", "reports"):
        window.go_to(key)
    ticked = [a.objectName() for a in actions if a.isChecked()]
    assert ticked == ["go_reports"]
    actions[-3].trigger()  # choosing the ticked entry again keeps it (and its page)
    actions[-3].trigger()
    assert window.current_area() == AREAS[-3].key
    assert actions[-3].isChecked()


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(colour: QColor) -> float:
        channels = []
        for value in (colour.redF(), colour.greenF(), colour.blueF()):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark", "system"])
def test_error_messages_are_readable_in_every_theme(application: Application, theme: str) -> None:
    window = application.window
    window.go_to("settings")
    settings = window.settings_page
    settings.theme_combo.setCurrentIndex(settings.theme_combo.findData(theme))
    label = settings.error_label
    text = label.palette().color(QPalette.ColorRole.WindowText)
    background = label.palette().color(QPalette.ColorRole.Window)
    assert _contrast(text, background) >= 4.5, (theme, text.name(), background.name())
