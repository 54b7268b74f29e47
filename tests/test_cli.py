from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import sec_desktop
from sec_desktop.cli import EXIT_ERROR, _display_available, main

PAGES = [
    "create_vault",
    "recovery_key",
    "unlock",
    "today",
    "roster",
    "roster_invitations",
    "engagements",
    "feedback",
    "feedback_items",
    "feedback_disclosures",
    "feedback_themes",
    "feedback_search",
    "actions",
    "service_recovery",
    "partners",
    "scrutiny",
    "risk_wellbeing",
    "risk_wellbeing_risk_reviews",
    "risk_wellbeing_follow_ups",
    "reports",
    "settings",
    "about",
]


def run_cli(
    *args: str, home: Path, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the self-test must choose offscreen by itself
    env.update(extra_env or {})
    env["HOME"] = str(home)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    return subprocess.run(
        [sys.executable, "-m", "sec_desktop", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_version(tmp_path: Path) -> None:
    result = run_cli("--version", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"sec-desktop {sec_desktop.__version__}"


def test_self_test_saves_one_screenshot_per_page(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    result = run_cli("--self-test", "--screenshots", str(shots), home=tmp_path / "home")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"self-test: {len(PAGES)} of {len(PAGES)} pages built" in result.stdout
    assert sorted(p.stem for p in shots.glob("*.png")) == sorted(PAGES)
    for page in PAGES:
        with Image.open(shots / f"{page}.png") as image:
            width, height = image.size
            assert width >= 600 and height >= 400, (page, image.size)
            # A page that drew nothing would be one flat colour.
            assert len(image.convert("L").getcolors(maxcolors=100000) or []) > 2, page
    # Throwaway settings: the self-test never writes the user's own folders.
    assert not (tmp_path / "home" / "xdg_config_home").exists()


def test_pages_render_sharp_on_a_high_dpi_screen(tmp_path: Path) -> None:
    # A 150 % display: every page is drawn with 1.5 device pixels per logical pixel.
    shots = tmp_path / "shots"
    result = run_cli(
        "--self-test",
        "--screenshots",
        str(shots),
        home=tmp_path / "home",
        extra_env={"QT_SCALE_FACTOR": "1.5"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with Image.open(shots / "today.png") as image:
        # Drawn at 1.5 times the pixels of the 1280x720 window, not scaled up afterwards.
        assert image.size == (1920, 1080)


def test_screenshots_without_self_test_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--screenshots", "somewhere"])
    assert exit_info.value.code == EXIT_ERROR
    assert "go with --self-test" in capsys.readouterr().err


def test_unknown_option_exits_1_not_2(capsys: pytest.CaptureFixture[str]) -> None:
    # Exit code 2 is reserved for a wrong passphrase in the CLI contract.
    with pytest.raises(SystemExit) as exit_info:
        main(["--no-such-option"])
    assert exit_info.value.code == EXIT_ERROR
    assert "unrecognized arguments" in capsys.readouterr().err


def test_unusable_screenshot_folder_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["--self-test", "--screenshots", str(blocker / "shots")]) == EXIT_ERROR
    assert "cannot use" in capsys.readouterr().err


def test_no_display_gives_a_clear_message_instead_of_a_qt_abort(tmp_path: Path) -> None:
    env_home = tmp_path / "home"
    result = subprocess.run(
        [sys.executable, "-m", "sec_desktop"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": os.environ["PATH"], "HOME": str(env_home)},
    )
    assert result.returncode == EXIT_ERROR
    assert "no graphical display was found" in result.stderr
    assert "--self-test" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":1"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland-egl", "WAYLAND_DISPLAY": "w"}, "linux", True),
        ({}, "win32", True),
        ({}, "darwin", True),
    ],
)
def test_display_detection(environ: dict[str, str], platform: str, expected: bool) -> None:
    assert _display_available(environ, platform) is expected
