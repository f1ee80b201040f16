"""The weekly page clean-up, from the reminder (or the tray) to a running session.

Thread: Qt main thread. The reminder presenter asks ``should_remind``
before it notifies, and its "clean-up due" signal goes to ``show_now``; the
tray item "Clean up my pages now" goes to ``show_now`` too. So a due
reminder stays quiet (no notification, no window) when this week's clean-up
is already done or skipped; the tray item always shows the window, since
the user asked. ``due`` does both steps, for callers without a presenter.

The session starts before any page opens, so a refusal (another session is
running) leaves the browser untouched and the message beside the buttons.
Pages open through an injected opener (``QDesktopServices.openUrl`` in the
app), so tests never launch a browser.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from focusdesk.core.errors import ConflictError, FocusDeskError
from focusdesk.core.settings import BusinessPage
from focusdesk.services.cleanup import CleanupService
from focusdesk.services.context import AppContext
from focusdesk.ui.cleanup_window import CleanupWindow

Opener = Callable[[str], Any]


def open_in_browser(url: str) -> bool:
    return bool(QDesktopServices.openUrl(QUrl(url)))


class CleanupFlow(QObject):
    started = Signal()  # a clean-up session runs now: the controller refreshes
    settingsRequested = Signal()  # no business pages yet: show Settings

    def __init__(
        self,
        ctx: AppContext,
        *,
        opener: Opener = open_in_browser,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.opener = opener  # replaceable: tests and a different browser
        self.window: CleanupWindow | None = None

    def service(self) -> CleanupService:
        return CleanupService(self._ctx)

    def should_remind(self, *_due: object) -> bool:
        """Whether the weekly reminder is worth a notification and the window."""
        try:
            return self.service().reminder_wanted()
        except FocusDeskError:
            return True  # cannot tell: reminding once too often beats forgetting

    def due(self, *_args: object) -> bool:
        """The weekly reminder fired; True when the window was shown."""
        wanted = self.should_remind()
        if wanted:
            self.show_now()
        return wanted

    def show_now(self) -> None:
        window = self._window()
        window.show_pages(self.service().pages(), self._ctx.settings.cleanup_minutes)
        window.show()
        window.raise_()
        window.activateWindow()

    def start(self, pages: tuple[BusinessPage, ...]) -> bool:
        try:
            self.service().start_cleanup(pages)
        except FocusDeskError as exc:
            if self.window is not None:
                self.window.show_error(self._refusal(exc))
            return False
        for page in pages:
            self.opener(page.url)
        self.hide()
        self.started.emit()
        return True

    def _refusal(self, exc: FocusDeskError) -> str:
        """The service's words are written for the command line; here the way out is the tray."""
        if isinstance(exc, ConflictError):
            from focusdesk.services.sessions import SessionService

            running = SessionService(self._ctx).current()
            if running is not None:
                return self.tr(
                    "“%1” is still running. Finish it first (tray menu → Running session → "
                    "Stop and record the outcome), then start the clean-up."
                ).replace("%1", running.objective)
        return str(exc)

    def later(self) -> None:
        self.hide()

    def skip(self) -> None:
        try:
            self.service().skip_week()
        except OSError as exc:
            if self.window is not None:
                self.window.show_error(
                    self.tr("Could not remember the skip: %1").replace("%1", str(exc))
                )
            return
        self.hide()

    def open_settings(self) -> None:
        self.hide()
        self.settingsRequested.emit()

    def hide(self) -> None:
        if self.window is not None and self.window.isVisible():
            self.window.hide()

    def _window(self) -> CleanupWindow:
        if self.window is None:
            self.window = CleanupWindow()
            self.window.startRequested.connect(self.start)
            self.window.laterRequested.connect(self.later)
            self.window.skipRequested.connect(self.skip)
            self.window.settingsRequested.connect(self.open_settings)
        return self.window
