#!/usr/bin/env bash
# Installs the one-folder bundle (made by `make bundle`) for the current user on Linux:
# the program under ~/.local/opt, a `sec-desktop` command in ~/.local/bin, and the icon and
# desktop entry so that it appears in the desktop's application menu.
#
#   installer/install-linux.sh [BUNDLE_DIR]        (default: dist/sec-desktop)
#   installer/install-linux.sh --uninstall
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
opt=$HOME/.local/opt/sec-desktop
bin=$HOME/.local/bin
icon=$data/icons/hicolor/scalable/apps/sec-desktop.svg
entry=$data/applications/sec-desktop.desktop

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$opt" "$bin/sec-desktop" "$icon" "$entry"
  echo "SEC Desktop removed (your settings, logs and vaults are left where they are)."
  exit 0
fi

bundle=${1:-$here/../dist/sec-desktop}
if [ ! -x "$bundle/sec-desktop" ]; then
  echo "No bundle at $bundle: build it first with 'make bundle'." >&2
  exit 1
fi

mkdir -p "$(dirname "$opt")" "$bin" "$(dirname "$icon")" "$(dirname "$entry")"
rm -rf "$opt.new"
cp -a "$bundle" "$opt.new"
rm -rf "$opt"
mv "$opt.new" "$opt"
ln -sfn "$opt/sec-desktop" "$bin/sec-desktop"
cp "$here/../resources/icons/sec-desktop.svg" "$icon"
# The entry names the installed program by its full path: ~/.local/bin is not always on PATH.
sed -e "s|^Exec=.*|Exec=$opt/sec-desktop|" -e "s|^TryExec=.*|TryExec=$opt/sec-desktop|" \
  "$here/sec-desktop.desktop" >"$entry"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$(dirname "$entry")" || true
echo "SEC Desktop installed: $opt (command: $bin/sec-desktop)"
