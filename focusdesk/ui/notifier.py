"""Telling the user something when they may not be looking at FocusDesk.

The chain: a desktop notification through plyer; where that has no path
(no D-Bus, no daemon tools), the tray balloon; with no tray, the app's own
timer window shows the message. Never an exception.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from focusdesk.services import notifications
from focusdesk.ui.timer_window import TimerWindow
from focusdesk.ui.tray import TrayIcon

log = logging.getLogger(__name__)


class Notifier(QObject):
    def __init__(
        self, tray: TrayIcon | None, window: TimerWindow | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._tray = tray
        self._window = window
        self.last_path = ""

    def notify(self, title: str, message: str) -> str:
        """Deliver by the first path that works; returns which one was used."""
        try:
            if notifications.notify(title, message):
                self.last_path = "desktop"
                return self.last_path
        except Exception:  # a broken notification backend must not break the app
            log.exception("desktop notification failed")
        if self._tray is not None:
            self._tray.balloon(title, message)
            self.last_path = "tray"
        elif self._window is not None:
            self._window.show()
            self._window.raise_()
            self._window.objective.setText(message)
            self.last_path = "window"
        else:
            self.last_path = "none"
        return self.last_path
