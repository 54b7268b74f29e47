#!/usr/bin/env bash
# Checks that the Python chosen for the venv (default python3) is 3.11 or newer and can
# make a venv, and says what to do if not. On Debian and Ubuntu, installs the missing
# venv package when run as root.
set -euo pipefail
python=${1:-python3}

if ! command -v "$python" >/dev/null 2>&1; then
  echo "SEC Desktop needs Python 3.11 or newer; '$python' was not found." >&2
  echo "Install it, or name another: make PYTHON=python3.12 ..." >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "SEC Desktop needs Python 3.11 or newer; '$python' is $("$python" -V 2>&1)." >&2
  echo "Install a newer one and name it: make PYTHON=python3.12 ..." >&2
  exit 1
fi
if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  # Debian and Ubuntu ship venv support separately (python3.X-venv).
  version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "Installing python$version-venv"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python$version-venv" ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python$version-venv"; }
  else
    echo "Python $version cannot make a virtual environment (no ensurepip)." >&2
    echo "On Debian or Ubuntu: sudo apt-get install python$version-venv" >&2
    exit 1
  fi
fi
