"""Starting fast: the unlock screen first, the rest of the window after it is painted.

The start-up scenarios run in their own process (a fresh interpreter, as a user starts
the app): what is imported before the first paint can only be seen there.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from sec_desktop.app import REPORT_SHOWN_ENV, Application, report_shown_when_asked
from sec_desktop.paths import AppPaths
from sec_desktop.services import demo_vault
from sec_desktop.ui import unlock_page
from sec_desktop.ui.background import wait_for_background_work
from sec_desktop.ui.main_window import MainWindow
from sec_desktop.ui.unlock_page import UnlockPage
from sec_desktop.vault import kdf
from sec_desktop.vault.vault import Vault
from tests.ui.run_gui_scenarios import PASSPHRASE, VAULT_NAME
from tests.ui.test_app import run_scenario

FLOOR = kdf.Argon2Params(memory_kib=65536, iterations=3, lanes=4)


@pytest.fixture(autouse=True)
def python_gc_settings() -> Iterator[None]:
    """A window built as a user starts it freezes the heap and defers full collections:
    other tests get Python's defaults back."""
    saved = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*saved)


def make_vault(folder: Path) -> Path:
    path = folder / VAULT_NAME
    vault, _recovery_key = Vault.create(path, PASSPHRASE, kdf_params=FLOOR)
    vault.close()
    return path


def test_the_unlock_screen_is_painted_before_the_vault_stack_loads(tmp_path: Path) -> None:
    make_vault(tmp_path)
    seen = run_scenario("lean-start", tmp_path)
    assert seen["gate"] == "UnlockPage"
    assert seen["built_when_painted"] is False
    assert seen["vault_stack_when_painted"] == []
    # Built after the paint, in steps, and unlocking through the first screen works.
    assert seen["pages"] == 11
    assert seen["unlocked"] is True
    assert seen["area"] == "today"


def test_the_shown_hook_writes_one_line_and_quits(tmp_path: Path) -> None:
    make_vault(tmp_path)
    seen = run_scenario("report-shown", tmp_path)
    assert seen == {"code": 0, "lines": 1, "after_start": True}


def test_the_shown_hook_does_nothing_unless_asked(
    qapp: QApplication, qtbot, app_paths: AppPaths
) -> None:
    application = Application(qapp, app_paths, kdf_seconds=0.0)
    qtbot.addWidget(application.window)
    try:
        assert report_shown_when_asked(application, {}) is False
        assert report_shown_when_asked(application, {REPORT_SHOWN_ENV: ""}) is False
        assert application._when_painted == []
    finally:
        application.exception_handler.uninstall()


def test_a_deferred_window_is_a_frame_until_built(
    qapp: QApplication, qtbot, app_paths: AppPaths, tmp_path: Path
) -> None:
    vault_path = make_vault(tmp_path)
    application = Application(
        qapp, app_paths, vault_path=vault_path, kdf_seconds=0.0, defer_workspace=True
    )
    window = application.window
    qtbot.addWidget(window)
    try:
        assert not application.built and not window.workspace_built
        assert window.workspace_pages() == []
        application.show()
        assert isinstance(window.gate, UnlockPage)
        qtbot.waitUntil(lambda: application.built, timeout=20000)  # steps after the paint
        assert len(window.workspace_pages()) == len(window.area_keys())
        # The heap as built is left out of later collections; full ones wait for quiet.
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[2] >= 100_000
        assert isinstance(window.gate, UnlockPage)  # the same first screen stays
    finally:
        application.exception_handler.uninstall()
        wait_for_background_work()
        application.session.lock()


def test_unlocking_before_the_build_is_done_finishes_it_first(
    qapp: QApplication, qtbot, app_paths: AppPaths, tmp_path: Path
) -> None:
    vault_path = make_vault(tmp_path)
    application = Application(
        qapp, app_paths, vault_path=vault_path, kdf_seconds=0.0, defer_workspace=True
    )
    window = application.window
    qtbot.addWidget(window)
    try:
        application.show()  # no event loop turn: nothing built yet
        page = window.gate
        assert isinstance(page, UnlockPage) and not application.built
        page.passphrase_edit.setText(PASSPHRASE)
        page.unlock_button.click()
        assert application.built  # at once, before the unlock can complete
        qtbot.waitUntil(lambda: window.workspace_shown, timeout=20000)
        assert application.session.is_unlocked
        assert window.current_area() == "today"
    finally:
        application.exception_handler.uninstall()
        wait_for_background_work()
        application.session.lock()


def test_the_workspace_can_be_built_in_steps(
    qapp: QApplication, qtbot, app_paths: AppPaths
) -> None:
    application = Application(qapp, app_paths, kdf_seconds=0.0, defer_workspace=True)
    window: MainWindow = application.window
    qtbot.addWidget(window)
    try:
        steps = window.workspace_steps()
        next(steps)
        next(steps)
        assert not window.workspace_built
        window.build_workspace()  # the rest of the same build
        assert window.workspace_built
        assert len(window.workspace_pages()) == len(window.area_keys())
        window.build_workspace()  # once built, nothing more
        assert len(window.workspace_pages()) == len(window.area_keys())
    finally:
        application.exception_handler.uninstall()


def test_the_unlock_screen_knows_the_demo_vault_by_the_same_name() -> None:
    assert unlock_page.DEMO_FILE_NAME == demo_vault.DEMO_FILE_NAME
    assert unlock_page.is_demo_path(Path("/x") / demo_vault.DEMO_FILE_NAME)
    assert not unlock_page.is_demo_path(Path("/x/records.secvault"))
