"""The smallest PySide6 tray app: the yardstick for FocusDesk's start-up time.

Why: "starts fast" only means something against what Qt itself costs on the
same machine, display and tray host. ``bench_app.py`` starts this and the
real app in turns and reports the ratio. It does nothing but create a
QApplication, show a QSystemTrayIcon with a plain drawn icon and, when
``FOCUSDESK_STARTUP_PROBE`` names a file, write ``time.time()`` there as soon
as the icon is docked — the same probe as ``focusdesk.ui.launch`` (copied,
not imported, so the yardstick pays for no FocusDesk import).

    FOCUSDESK_STARTUP_PROBE=/tmp/probe python tests/benchmarks/bare_tray_app.py
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon


def report_when_docked(icon: QSystemTrayIcon, path: str) -> None:
    """Write the wall time at which the tray host gave the icon a place on screen."""
    timer = QTimer(icon)
    timer.setInterval(5)

    def check() -> None:
        if not icon.geometry().isEmpty():
            timer.stop()
            with open(path, "w", encoding="ascii") as fh:
                fh.write(f"{time.time():.6f}\n")

    timer.timeout.connect(check)
    timer.start()


def main() -> int:
    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    pixmap = QPixmap(32, 32)
    pixmap.fill(QColor("#1f7a5a"))
    icon = QSystemTrayIcon(QIcon(pixmap))
    icon.setToolTip("bare tray app")
    icon.show()
    probe = os.environ.get("FOCUSDESK_STARTUP_PROBE")
    if probe:
        report_when_docked(icon, probe)
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
