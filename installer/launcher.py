"""Entry script for the PyInstaller bundle: the same as the `sec-desktop` command."""

import sys

from sec_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
