"""The PyInstaller bundle: builds from the spec, and the built program passes its self-test."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import sec_desktop
from sec_desktop.about import shipped_components
from tests.test_cli import PAGES as SELF_TEST_PAGES

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "installer" / "sec_desktop.spec"
# The same screens as the self-test run from source.
PAGES = SELF_TEST_PAGES
BUILD_TIMEOUT = 900
RUN_TIMEOUT = 120


@dataclass(frozen=True)
class Bundle:
    folder: Path
    executable: Path
    home: Path


def _output(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"


def _isolated_env(home: Path) -> dict[str, str]:
    """The environment for the bundle: offscreen, with every per-user folder under `home`."""
    runtime = home / "runtime"
    runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_RUNTIME_DIR=str(runtime),
    )
    return env


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    """Build the bundle once for this module, into a temporary folder."""
    root = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--distpath",
            str(root / "dist"),
            "--workpath",
            str(root / "build"),
            str(SPEC),
        ],
        cwd=REPO,
        check=False,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    assert result.returncode == 0, f"PyInstaller failed\n{_output(result)}"
    folder = root / "dist" / "sec-desktop"
    executable = folder / ("sec-desktop.exe" if sys.platform == "win32" else "sec-desktop")
    assert executable.is_file(), f"no executable at {executable}\n{_output(result)}"
    return Bundle(folder, executable, root / "home")


def _run(bundle: Bundle, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle.executable), *args],
        cwd=bundle.home.parent,
        env=_isolated_env(bundle.home),
        input=stdin,
        check=False,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )


def test_bundle_self_test_builds_every_page(bundle: Bundle, tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    result = _run(bundle, "--self-test", "--screenshots", str(shots))
    assert result.returncode == 0, _output(result)
    assert f"self-test: {len(PAGES)} of {len(PAGES)} pages built" in result.stdout, _output(result)
    missing = [page for page in PAGES if not (shots / f"{page}.png").is_file()]
    assert not missing, f"no screenshot for {missing}\n{_output(result)}"


def test_bundle_makes_a_demo_vault_and_shows_its_records(bundle: Bundle, tmp_path: Path) -> None:
    """Faker's data, the migrations and the record screens all travel in the bundle."""
    vault = tmp_path / "demo.secvault"
    phrase = "synthetic demo records only\n"
    made = _run(
        bundle, "demo", str(vault), "--kdf-seconds", "0", "--passphrase-stdin", stdin=phrase
    )
    assert made.returncode == 0, _output(made)
    shown = _run(bundle, "--self-test", "--vault", str(vault), "--passphrase-stdin", stdin=phrase)
    assert shown.returncode == 0, _output(shown)
    assert "roster_participant: ok" in shown.stdout, _output(shown)


def test_bundle_reports_the_package_version(bundle: Bundle) -> None:
    result = _run(bundle, "--version")
    assert result.returncode == 0, _output(result)
    assert result.stdout.strip() == f"sec-desktop {sec_desktop.__version__}", _output(result)


def test_bundle_carries_the_metadata_of_every_shipped_library(bundle: Bundle) -> None:
    """The About dialog lists licences from package metadata; the bundle must carry it."""
    in_bundle = {
        _normalise(path.name.split("-", 1)[0].removesuffix(".egg-info"))
        for pattern in ("*.dist-info", "*.egg-info")
        for path in (bundle.folder / "_internal").glob(pattern)
    }
    expected = {_normalise(c.name) for c in shipped_components()} | {"sec-desktop"}
    assert expected <= in_bundle, f"metadata missing for {sorted(expected - in_bundle)}"


def test_bundle_ships_the_resources(bundle: Bundle) -> None:
    """Everything under resources/ but translation sources, where paths.resources_dir looks."""
    shipped_dir = bundle.folder / "_internal" / "resources"  # sys._MEIPASS / "resources"
    source_dir = REPO / "resources"
    shipped = {p.relative_to(shipped_dir).as_posix() for p in shipped_dir.rglob("*") if p.is_file()}
    expected = {
        p.relative_to(source_dir).as_posix()
        for p in source_dir.rglob("*")
        if p.is_file() and p.suffix != ".ts"
    }
    assert expected <= shipped, f"resources missing from the bundle: {sorted(expected - shipped)}"


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_linux_install_script_installs_and_removes_the_bundle(
    bundle: Bundle, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"))
    script = REPO / "installer" / "install-linux.sh"
    installed = subprocess.run(
        ["bash", str(script), str(bundle.folder)],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    assert installed.returncode == 0, _output(installed)
    command = home / ".local" / "bin" / "sec-desktop"
    entry = home / ".local" / "share" / "applications" / "sec-desktop.desktop"
    icon = home / ".local" / "share" / "icons" / "hicolor" / "scalable" / "apps" / "sec-desktop.svg"
    assert icon.is_file()
    exec_lines = [
        line
        for line in entry.read_text(encoding="utf-8").splitlines()
        if line.startswith(("Exec=", "TryExec="))
    ]
    target = home / ".local" / "opt" / "sec-desktop" / "sec-desktop"
    assert exec_lines == [f"Exec={target}", f"TryExec={target}"]
    version = subprocess.run(
        [str(command), "--version"],
        env=_isolated_env(home),
        check=False,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    assert version.stdout.strip() == f"sec-desktop {sec_desktop.__version__}", _output(version)
    removed = subprocess.run(
        ["bash", str(script), "--uninstall"],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    assert removed.returncode == 0, _output(removed)
    assert not command.exists() and not entry.exists() and not target.exists()
