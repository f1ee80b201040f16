"""Starting the desktop app: one instance, a tray icon first, the rest after.

The tray icon is shown before the database, SQLAlchemy or the settings are
touched, so the user sees FocusDesk at once; ``AppController.start`` then
loads the rest from the event loop.
"""

from __future__ import annotations

import sys
from typing import Any

from focusdesk.services.context import AppContext


def launch_app(ctx: AppContext, command_runner: Any = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("FocusDesk")
    app.setApplicationDisplayName("FocusDesk")
    app.setQuitOnLastWindowClosed(False)

    from focusdesk.ui.controller import AppController
    from focusdesk.ui.geometry import GeometryStore
    from focusdesk.ui.icons import app_icon
    from focusdesk.ui.timer_window import TimerWindow
    from focusdesk.ui.tray import TrayIcon, TrayMenu

    app.setWindowIcon(app_icon())
    menu = TrayMenu()
    tray: TrayIcon | None = None
    standalone: TimerWindow | None = None
    if QSystemTrayIcon.isSystemTrayAvailable():
        tray = TrayIcon(app_icon(), menu)
        tray.show()
    else:
        # No tray on this desktop: a small window takes its place, and closing it quits.
        standalone = TimerWindow(standalone=True)
        standalone.set_menu(menu.menu)
        standalone.show()
    controller = AppController(
        ctx,
        menu=menu,
        tray=tray,
        standalone=standalone,
        geometry=GeometryStore(ctx.paths.config_dir),
        command_runner=command_runner,
    )
    if standalone is not None:
        standalone.closedByUser.connect(controller.quit)
        standalone.plusOneRequested.connect(controller.add_progress)
    QTimer.singleShot(0, controller.start)
    return int(app.exec())
