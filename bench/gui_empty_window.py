"""The floor of the GUI measures: a tiny script that imports PySide6, makes a
QApplication and shows an empty QWidget.

    python -m bench.gui_empty_window REPORT_FILE

Once the widget is first painted, appends one line to REPORT_FILE: the wall-clock time
of the paint (`time.time()`, as the app's SEC_DESKTOP_REPORT_SHOWN hook writes it) and
the process's peak RSS in KiB, then quits. Kept as bare as the brief's floor says.
"""

import resource
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class _FirstPaint(QObject):
    def __init__(self, report: str) -> None:
        super().__init__()
        self.report = report
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, self.write)
        return False

    def write(self) -> None:
        shown = time.time()
        peak_kib = _peak_kib()
        with open(self.report, "a", encoding="utf-8") as out:
            out.write(f"{shown!r} {peak_kib}\n")
        QApplication.quit()


def _peak_kib() -> int:
    """VmHWM: this program's own peak (ru_maxrss would carry the parent's, up to exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(report: str) -> int:
    app = QApplication(sys.argv[:1])
    widget = QWidget()
    watcher = _FirstPaint(report)
    widget.installEventFilter(watcher)
    widget.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
