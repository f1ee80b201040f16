"""AppControllers for UI tests: started like the app starts them, stopped for good after.

Why: a started controller runs the reminder scheduler's thread (and, until
stopped, the tracking thread). Left running, those threads outlive their
test, keep using a database that the test has closed, and can deliver a
reminder into a later test. ``Controllers`` remembers every controller it
started; the ``make_controller`` fixture (tests/ui/conftest.py) quits them
all at teardown, before the test's context is closed, and checks that the
threads really ended.
"""

from __future__ import annotations

import threading
from typing import Any

from focusdesk.services.context import AppContext
from focusdesk.ui.app_icon import app_icon
from focusdesk.ui.controller import AppController
from focusdesk.ui.geometry import GeometryStore
from focusdesk.ui.tray import TrayIcon, TrayMenu
from focusdesk.watchers.null import NullWatcher
from tests.support.notes import Notes


class Controllers:
    """Call it with a context for a started controller and the notes it sends."""

    def __init__(self) -> None:
        self.started: list[AppController] = []

    def __call__(self, ctx: AppContext, *, tray: bool = True) -> tuple[AppController, Notes]:
        menu = TrayMenu()
        controller = AppController(
            ctx,
            menu=menu,
            tray=TrayIcon(app_icon(), menu) if tray else None,
            standalone=None,
            geometry=GeometryStore(ctx.paths.config_dir),
            watcher_factory=lambda: NullWatcher("tracking is exercised in its own tests"),
        )
        self.started.append(controller)
        notes = Notes()
        controller.notifier.notify = notes.notify  # type: ignore[method-assign]
        controller.start()
        controller.tick_timer.stop()  # the test drives time itself
        controller.poll_timer.stop()
        assert controller.tracking is not None
        controller.tracking.stop()  # and tracking too (see test_tracking_ui.py)
        return controller, notes

    def stop(self, controller: AppController) -> None:
        """Quit as the tray's Quit does; may be repeated.

        Its ``QApplication.quit()`` does nothing here: pytest-qt never enters
        the application's own event loop, so the test's QApplication lives on.
        """
        threads = _threads(controller)
        controller.quit()
        still = [t.name for t in threads if t.is_alive()]
        assert still == [], f"threads still running after the controller stopped: {still}"

    def stop_all(self) -> None:
        for controller in reversed(self.started):
            self.stop(controller)
        self.started.clear()


def _threads(controller: AppController) -> list[threading.Thread]:
    """The threads a controller started (the scheduler's only while it runs)."""
    found: list[Any] = []
    if controller.tracking is not None:
        found.append(controller.tracking.runner._thread)
    scheduler = getattr(controller.reminders, "scheduler", None)
    found.append(getattr(scheduler, "_thread", None))
    return [t for t in found if isinstance(t, threading.Thread)]
