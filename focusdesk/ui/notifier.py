"""Telling the user something when they may not be looking at FocusDesk.

The chain, each step taken only when the one before failed for real: a
desktop notification (services.notifications sends it through plyer in a
worker and verifies that a notification server took it); the tray balloon,
when a tray is there and can show messages; FocusDesk's own small message
window. The desktop outcome arrives from the worker thread and is queued to
this object's (the UI) thread by a signal. Never an exception to the user.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from focusdesk.services.notifications import Delivery, DesktopNotifications
from focusdesk.ui.message_window import MessageWindow
from focusdesk.ui.tray import TrayIcon

log = logging.getLogger(__name__)


def tray_shows_messages() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()


class Notifier(QObject):
    delivered = Signal(
        str, str
    )  # the path that finally carried a message ("desktop", "tray", "window"), its title
    _desktopDone = Signal(object, str, str)  # Delivery, title, message: from the worker thread

    def __init__(
        self,
        tray: TrayIcon | None,
        window: QWidget | None = None,
        parent: QObject | None = None,
        *,
        desktop: DesktopNotifications | None = None,
        tray_messages: Callable[[], bool] = tray_shows_messages,
    ) -> None:
        """``window`` (the timer window, if any) only lends the message window its screen."""
        super().__init__(parent)
        self._tray = tray
        self._anchor = window
        self._desktop = desktop if desktop is not None else DesktopNotifications()
        self._tray_messages = tray_messages
        self.message_window: MessageWindow | None = None
        self.last_path = ""
        self.last_problem = ""
        self._desktopDone.connect(self._desktop_done, Qt.ConnectionType.QueuedConnection)

    def notify(self, title: str, message: str) -> str:
        """Start delivery; returns the path being taken.

        "desktop" means a notification is on its way and is being verified:
        if it fails, the next path follows by itself and ``delivered`` (and
        ``last_path``) say which. Known-unusable desktop notifications are
        skipped at once, without waiting for a worker.
        """
        try:
            known = self._desktop.cached_route()
            if known is not None and not known.usable:
                return self._fallback(title, message, known.detail)
            self._desktop.deliver_in_background(
                title, message, lambda outcome: self._from_worker(outcome, title, message)
            )
        except Exception as exc:  # a broken notification backend must not break the app
            log.exception("desktop notification could not be started")
            return self._fallback(title, message, str(exc))
        self.last_path = "desktop"
        return self.last_path

    def _from_worker(self, outcome: Delivery, title: str, message: str) -> None:
        try:
            self._desktopDone.emit(outcome, title, message)
        except RuntimeError:  # the app is shutting down and this object is gone
            log.info("notification outcome after shutdown: %s", outcome.detail)

    def _desktop_done(self, outcome: object, title: str, message: str) -> None:
        if isinstance(outcome, Delivery) and outcome.delivered:
            self.last_path = "desktop"
            self.last_problem = ""
            self.delivered.emit("desktop", title)
        else:
            self._fallback(title, message, getattr(outcome, "detail", str(outcome)))

    def _fallback(self, title: str, message: str, problem: str) -> str:
        self.last_problem = problem
        log.info("showing %r without a desktop notification: %s", title, problem)
        path = "window"
        try:
            if self._tray is not None and self._tray.icon.isVisible() and self._tray_messages():
                self._tray.balloon(title, message)
                path = "tray"
        except Exception:  # the window below still tells the user
            log.exception("tray balloon failed")
        if path == "window":
            try:
                self._show_window(title, message)
            except Exception:  # nothing left to try; the log keeps the message
                log.exception("message window failed for %r: %s", title, message)
                path = "none"
        self.last_path = path
        self.delivered.emit(path, title)
        return path

    def _show_window(self, title: str, message: str) -> None:
        if self.message_window is None:
            self.message_window = MessageWindow()
            if self._anchor is not None and self._anchor.screen() is not None:
                self.message_window.setScreen(self._anchor.screen())
        self.message_window.show_message(title, message)
