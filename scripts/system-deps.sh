#!/usr/bin/env bash
# Installs the system libraries Qt needs, on Debian or Ubuntu, when they are missing.
# Checks shared libraries (not package names, which differ between releases) and installs
# only the packages for those not found. Elsewhere it says what to install and carries on.
set -euo pipefail

# soname -> Debian package. Core: every platform plugin; xcb: a real X11/XWayland display;
# fonts so that text renders offscreen and in the bundle.
needs=(
  "libEGL.so.1 libegl1"
  "libGL.so.1 libgl1"
  "libfontconfig.so.1 libfontconfig1"
  "libfreetype.so.6 libfreetype6"
  "libxkbcommon.so.0 libxkbcommon0"
  "libdbus-1.so.3 libdbus-1-3"
  "libglib-2.0.so.0 libglib2.0-0"
  "libxkbcommon-x11.so.0 libxkbcommon-x11-0"
  "libxcb-cursor.so.0 libxcb-cursor0"
  "libxcb-icccm.so.4 libxcb-icccm4"
  "libxcb-keysyms.so.1 libxcb-keysyms1"
  "libxcb-image.so.0 libxcb-image0"
  "libxcb-render-util.so.0 libxcb-render-util0"
  "libxcb-randr.so.0 libxcb-randr0"
  "libxcb-shape.so.0 libxcb-shape0"
  "libxcb-xinerama.so.0 libxcb-xinerama0"
  "libxcb-xkb.so.1 libxcb-xkb1"
  "libX11-xcb.so.1 libx11-xcb1"
)

if [ "$(uname -s)" != Linux ]; then
  exit 0  # Windows and macOS wheels of PySide6 carry what they need.
fi

# ldconfig lives in /sbin, which is not on an ordinary user's PATH on Debian.
ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
known=$("$ldconfig" -p 2>/dev/null || true)
if [ -z "$known" ]; then
  echo "Cannot list the system's libraries (ldconfig); skipping the check." >&2
  exit 0
fi
missing=()
for pair in "${needs[@]}"; do
  soname=${pair%% *}
  package=${pair##* }
  grep -q "$soname" <<<"$known" || missing+=("$package")
done
# (Counted, not grep -q: under pipefail an early exit of grep fails the pipeline.)
fonts=$(fc-list 2>/dev/null | wc -l || true)
[ "${fonts:-0}" -gt 0 ] || missing+=("fonts-dejavu-core")

if [ ${#missing[@]} -eq 0 ]; then
  echo "System libraries for Qt: all present."
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "SEC Desktop needs these system libraries (Debian names): ${missing[*]}" >&2
  echo "Install their equivalents with your system's package manager." >&2
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=sudo
  else
    echo "Missing system libraries. As root, run: apt-get install ${missing[*]}" >&2
    exit 1
  fi
else
  SUDO=
fi

echo "Installing system libraries for Qt: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
