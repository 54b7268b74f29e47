"""Rules about the shape of the code: offline, and Qt only at the edge."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sec_desktop"

NETWORK_MODULES = {
    "socket",
    "ssl",
    "http",
    "urllib",
    "urllib3",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "telnetlib",
    "nntplib",
    "xmlrpc",
    "socketserver",
    "asyncio",
    "selectors",
    "webbrowser",
    "requests",
    "httpx",
    "aiohttp",
    "websocket",
    "websockets",
    "paramiko",
    "multiprocessing.connection",
    "PySide6.QtNetwork",
    "PySide6.QtWebSockets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtNetworkAuth",
    "PySide6.QtHttpServer",
    "PySide6.QtRemoteObjects",
}
QT_MODULES = {"PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2"}


def imported_modules(source: str) -> Iterator[str]:
    """Every module a piece of source imports, statically or through importlib/__import__."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and _is_dynamic_import(node.func):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield first.value


def _is_dynamic_import(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in {"__import__", "import_module"}
    return isinstance(func, ast.Attribute) and func.attr == "import_module"


def matches(module: str, forbidden: set[str]) -> bool:
    return any(module == f or module.startswith(f + ".") for f in forbidden)


def package_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _relative(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


def test_the_package_has_modules_to_check() -> None:
    names = {_relative(p) for p in package_files()}
    assert {
        "sec_desktop/app.py",
        "sec_desktop/cli/__init__.py",
        "sec_desktop/ui/main_window.py",
    } <= names


@pytest.mark.parametrize("path", package_files(), ids=_relative)
def test_no_network_module_is_imported(path: Path) -> None:
    found = [
        m for m in imported_modules(path.read_text(encoding="utf-8")) if matches(m, NETWORK_MODULES)
    ]
    assert not found, f"{_relative(path)} imports network modules: {found}"


@pytest.mark.parametrize("path", package_files(), ids=_relative)
def test_qt_is_imported_only_in_ui_and_app(path: Path) -> None:
    relative = _relative(path)
    if relative.startswith("sec_desktop/ui/") or relative == "sec_desktop/app.py":
        return
    found = [
        m for m in imported_modules(path.read_text(encoding="utf-8")) if matches(m, QT_MODULES)
    ]
    assert not found, f"{relative} imports Qt ({found}); only ui/ and app.py may"


@pytest.mark.parametrize(
    "source",
    [
        "import socket",
        "import urllib.request",
        "from http import client",
        "from http.client import HTTPConnection",
        "import ssl as s",
        "import importlib\nimportlib.import_module('socket')",
        "__import__('requests')",
        "from PySide6 import QtNetwork",
        "from PySide6.QtNetwork import QTcpSocket",
        "from multiprocessing.connection import Client",
    ],
)
def test_the_network_check_catches(source: str) -> None:
    assert any(matches(m, NETWORK_MODULES) for m in imported_modules(source))


@pytest.mark.parametrize(
    "source",
    [
        "import PySide6",
        "from PySide6.QtCore import QObject",
        "import shiboken6",
        "from PyQt6 import QtWidgets",
        "import importlib\nimportlib.import_module('PySide6.QtGui')",
    ],
)
def test_the_qt_check_catches(source: str) -> None:
    assert any(matches(m, QT_MODULES) for m in imported_modules(source))


@pytest.mark.parametrize(
    "source",
    ["import sockets_of_socks", "from httpx_like import x", "import sslkeys", "import json"],
)
def test_the_checks_do_not_catch_lookalikes(source: str) -> None:
    assert not any(matches(m, NETWORK_MODULES | QT_MODULES) for m in imported_modules(source))


def test_a_running_app_opens_no_socket_and_loads_no_network_client(tmp_path: Path) -> None:
    # Python's audit hooks see every socket made or connected, whoever asks. socket,
    # ssl and asyncio are imported by the standard library and SQLAlchemy without being
    # used, so what is checked is use, and the network client modules.
    clients = [
        "http.client",
        "urllib.request",
        "ftplib",
        "smtplib",
        "PySide6.QtNetwork",
        "PySide6.QtWebSockets",
    ]
    script = (
        "import sys\n"
        "events = []\n"
        "sys.addaudithook(lambda e, a: events.append(e) if e.startswith('socket.') else None)\n"
        "from sec_desktop.cli import main\n"
        "code = main(['--self-test'])\n"
        f"print(sorted(set(events)), sorted(m for m in {clients!r} if m in sys.modules))\n"
        "sys.exit(code)\n"
    )
    env = dict(os.environ, HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", script],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[] []"
