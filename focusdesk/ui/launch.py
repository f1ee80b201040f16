"""Starting the desktop app: one instance, a tray icon first, the rest after.

The tray icon is shown before the database, SQLAlchemy or the settings are
touched, so the user sees FocusDesk at once; the controller and everything
behind it load once the icon is on screen.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any

from focusdesk.services.context import AppContext

DOCK_WAIT_MS = 1500


def launch_app(ctx: AppContext, command_runner: Any = None) -> int:
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("FocusDesk")
    app.setApplicationDisplayName("FocusDesk")
    app.setQuitOnLastWindowClosed(False)

    from focusdesk.ui.instance import InstanceGuard

    # Until the controller is up, requests from a second launch or the CLI
    # get a polite "starting"; afterwards the controller answers them.
    answer: list[Callable[[dict[str, Any]], dict[str, Any]]] = [_starting]
    guard = InstanceGuard(
        ctx.paths, handler=lambda request: answer[0](request), parent=app, listen_later=True
    )
    reply = guard.acquire_or_forward([], os.getcwd())
    if reply is not None:
        sys.stdout.write(reply.stdout)
        sys.stderr.write(reply.stderr)
        return reply.rc
    _install_translations(app)

    from focusdesk.ui.app_icon import app_icon, tray_mark
    from focusdesk.ui.tray import TrayIcon, TrayMenu

    app.setWindowIcon(app_icon())
    menu: TrayMenu | None = None
    tray: TrayIcon | None = None
    standalone: Any = None
    if QSystemTrayIcon.isSystemTrayAvailable():
        tray = TrayIcon(tray_mark())  # its menu comes with the controller, just after
        tray.show()
    else:
        # No tray on this desktop: a small window takes its place, and closing it quits.
        from focusdesk.ui.timer_window import TimerWindow

        menu = TrayMenu()
        menu.quitRequested.connect(app.quit)  # until the controller takes over
        standalone = TimerWindow(standalone=True)
        standalone.set_menu(menu.menu)
        standalone.show()

    def load_the_rest() -> None:
        from focusdesk.services.memory import source_lines_not_kept

        with source_lines_not_kept():
            start_controller()

    def start_controller() -> None:
        from focusdesk.ui.controller import AppController
        from focusdesk.ui.geometry import GeometryStore

        guard.listen()  # a second launch meanwhile waited for this (it retries)
        if menu is None:
            the_menu = TrayMenu()
            if tray is not None:
                tray.set_menu(the_menu)
        else:
            the_menu = menu
            the_menu.quitRequested.disconnect(app.quit)
        controller = AppController(
            ctx,
            menu=the_menu,
            tray=tray,
            standalone=standalone,
            geometry=GeometryStore(ctx.paths.config_dir),
            command_runner=command_runner,
            parent=app,
        )
        if standalone is not None:
            standalone.closedByUser.connect(controller.quit)
            standalone.plusOneRequested.connect(controller.add_progress)
        controller.start()
        answer[0] = controller.handle_request

    probe = os.environ.get("FOCUSDESK_STARTUP_PROBE")
    if tray is not None:
        _when_docked(tray.icon, load_the_rest, probe)
    else:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, load_the_rest)
    return int(app.exec())


def _starting(request: dict[str, Any]) -> dict[str, Any]:
    return {"rc": 1, "stdout": "", "stderr": "focusdesk: FocusDesk is still starting; try again\n"}


def _when_docked(icon: Any, then: Callable[[], None], probe: str | None) -> None:
    """Run ``then`` once the tray host has embedded the icon (it has a place on
    screen), or after DOCK_WAIT_MS at the latest: loading the database blocks
    the event loop for a few hundred milliseconds, and doing it before the
    icon is embedded would keep the user looking at nothing. ``probe`` names
    a file that gets the docking time, for the start-up benchmark."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    timer = QTimer(icon)
    timer.setInterval(10)
    waited = QElapsedTimer()
    waited.start()

    def check() -> None:
        docked = not icon.geometry().isEmpty()
        if not docked and waited.elapsed() < DOCK_WAIT_MS:
            return
        timer.stop()
        if docked and probe:
            with open(probe, "w", encoding="ascii") as fh:
                fh.write(f"{time.time():.6f}\n")
        then()

    timer.timeout.connect(check)
    timer.start()


def _install_translations(app: Any) -> None:
    """Qt's own strings and FocusDesk's, in the user's language when a catalogue exists.

    FocusDesk's catalogues are ``resources/translations/focusdesk_<lang>.qm``;
    English needs none, and a missing catalogue simply leaves English.
    """
    from PySide6.QtCore import QLocale

    locale = QLocale.system()
    if locale.name() == "C" or locale.name().startswith("en"):
        return  # the source strings are English: nothing to load
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from focusdesk.services.resources import resource

    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    ours = QTranslator(app)
    if ours.load(locale, "focusdesk", "_", str(resource("translations"))):
        app.installTranslator(ours)
