"""Opening the desktop app from the command line.

Until the tray app lands, a small window says what is running and points
to the CLI; it reads the running session through the same service.
"""

from __future__ import annotations

import sys

from focusdesk.services.context import AppContext


def launch_app(ctx: AppContext) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

    from focusdesk.core.timebox import format_duration
    from focusdesk.services.sessions import SessionService

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("FocusDesk")
    sessions = SessionService(ctx)
    sessions.recover()

    window = QWidget()
    window.setWindowTitle(app.tr("FocusDesk"))
    layout = QVBoxLayout(window)
    status = QLabel()
    status.setWordWrap(True)
    layout.addWidget(status)
    hint = QLabel(
        app.tr("The tray app is coming; use `focusdesk start`, `status` and `stop` meanwhile.")
    )
    hint.setWordWrap(True)
    layout.addWidget(hint)

    def refresh() -> None:
        now = ctx.clock()
        current = sessions.current()
        if current is None:
            status.setText(app.tr("No session running."))
        elif now < current.deadline:
            status.setText(
                f"“{current.objective}” — {format_duration(current.remaining(now))} left"
            )
        else:
            status.setText(
                f"“{current.objective}” — time is up ({format_duration(current.overrun(now))} over)"
            )
        sessions.touch()

    timer = QTimer(window)
    timer.timeout.connect(refresh)
    timer.start(1000)
    refresh()
    window.resize(420, 120)
    window.show()
    return int(app.exec())
