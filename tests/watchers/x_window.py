"""A real X11 window with a known title and WM_CLASS, for the watcher's integration tests.

Run as a script: ``x_window.py TITLE APP [--lifetime S]``. It opens one small
QWidget titled TITLE whose WM_CLASS class part is APP (Qt takes it from the
application name), prints ``ready`` once the window is shown, and quits
when stdin closes or after ``--lifetime`` seconds — so a killed test leaves
nothing behind. Needs ``QT_QPA_PLATFORM=xcb`` and a DISPLAY.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("title")
    parser.add_argument("app")
    parser.add_argument("--lifetime", type=float, default=120.0)
    args = parser.parse_args(argv)

    # WM_CLASS is computed from the application name when the first window is made.
    QApplication.setApplicationName(args.app)
    QApplication.setDesktopFileName(args.app)
    app = QApplication([sys.argv[0]])
    label = QLabel(args.title)
    label.setWindowTitle(args.title)
    label.resize(320, 120)
    label.show()

    def announce() -> None:
        print("ready", flush=True)

    QTimer.singleShot(0, announce)
    QTimer.singleShot(int(args.lifetime * 1000), app.quit)

    def wait_for_stdin_eof() -> None:
        sys.stdin.read()
        os._exit(0)  # the parent is done with us; nothing here needs a clean shutdown

    threading.Thread(target=wait_for_stdin_eof, daemon=True).start()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
