"""One notification through the real Notifier, in a child process with its own desktop.

Run by tests/ui/test_notifier_live.py with DISPLAY (Xvfb + openbox, maybe a
tray), DBUS_SESSION_BUS_ADDRESS (a private bus, maybe with dunst) and
QT_QPA_PLATFORM=xcb. The user is typing in a line edit; the Notifier is
given a tray icon when the desktop has a tray, exactly as the app does.
Prints one JSON object: the path first taken, the final one, why the
desktop failed, the visible top-level widgets, and where the focus is.

    python -m tests.support.notifier_child TITLE MESSAGE
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QLineEdit, QSystemTrayIcon


def settle(app: QApplication, done: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        if done():
            return True
        time.sleep(0.01)
    return False


def main(title: str, message: str) -> int:
    app = QApplication(sys.argv[:1])
    from focusdesk.ui.app_icon import app_icon
    from focusdesk.ui.notifier import Notifier
    from focusdesk.ui.tray import TrayIcon

    editor = QLineEdit()
    editor.setWindowTitle("typing here")
    editor.show()
    editor.activateWindow()
    editor.setFocus()
    focused = settle(app, lambda: QApplication.focusWidget() is editor)
    tray = None
    if QSystemTrayIcon.isSystemTrayAvailable():
        tray = TrayIcon(app_icon())
        tray.show()
    notifier = Notifier(tray, None)
    final: list[str] = []
    notifier.delivered.connect(lambda path, _title: final.append(path))
    first = notifier.notify(title, message)
    settle(app, lambda: bool(final), 20.0)
    window = notifier.message_window
    if window is not None:  # wait until the window manager has mapped it
        settle(app, lambda: window.windowHandle() is not None and window.windowHandle().isExposed())
    settle(app, lambda: False, 0.3)  # let the window manager act on focus, if it would
    active = QApplication.activeWindow()
    print(
        json.dumps(
            {
                "focused_before": focused,
                "first": first,
                "final": final,
                "problem": notifier.last_problem,
                "tray_messages": QSystemTrayIcon.supportsMessages(),
                "visible": sorted(
                    w.metaObject().className()
                    for w in QApplication.topLevelWidgets()
                    if w.isVisible()
                ),
                "focus_on_editor": QApplication.focusWidget() is editor,
                "active_window": active.windowTitle() if active is not None else "",
                "window_text": window.text.text() if window is not None else None,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
