"""Starting the desktop app: one instance, a tray icon first, the rest after.

The tray icon is shown before the database, SQLAlchemy or the settings are
touched, so the user sees FocusDesk at once; ``AppController.start`` then
loads the rest from the event loop.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from focusdesk.services.context import AppContext


def launch_app(ctx: AppContext, command_runner: Any = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("FocusDesk")
    app.setApplicationDisplayName("FocusDesk")
    app.setQuitOnLastWindowClosed(False)
    _install_translations(app)

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
        probe = os.environ.get("FOCUSDESK_STARTUP_PROBE")
        if probe:
            _report_when_docked(tray.icon, probe)
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


def _report_when_docked(icon: Any, path: str) -> None:
    """For the start-up benchmark: write the wall time at which the tray icon
    has a place on screen (the tray host embedded it)."""
    from PySide6.QtCore import QTimer

    timer = QTimer(icon)
    timer.setInterval(5)

    def check() -> None:
        if not icon.geometry().isEmpty():
            timer.stop()
            with open(path, "w", encoding="ascii") as fh:
                fh.write(f"{time.time():.6f}\n")

    timer.timeout.connect(check)
    timer.start()


def _install_translations(app: Any) -> None:
    """Qt's own strings and FocusDesk's, in the user's language when a catalogue exists.

    FocusDesk's catalogues are ``resources/translations/focusdesk_<lang>.qm``;
    English needs none, and a missing catalogue simply leaves English.
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from focusdesk.services.resources import resource

    locale = QLocale.system()
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    ours = QTranslator(app)
    if ours.load(locale, "focusdesk", "_", str(resource("translations"))):
        app.installTranslator(ours)
