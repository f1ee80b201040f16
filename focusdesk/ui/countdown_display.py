"""Showing the running session's time in the tray icon and the timer windows.

The icon is redrawn only when what it shows changes (once a minute while
counting down), so a one-second tick costs next to nothing.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject

from focusdesk.core.session import FocusSession
from focusdesk.core.timebox import format_duration
from focusdesk.ui.app_icon import tray_mark
from focusdesk.ui.icons import CountdownFace, countdown_face, countdown_icon
from focusdesk.ui.timer_window import TimerWindow
from focusdesk.ui.tray import TrayIcon

IDLE = CountdownFace("", "")


class CountdownDisplay(QObject):
    def __init__(
        self, tray: TrayIcon | None, standalone: TimerWindow | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.tray = tray
        self.standalone = standalone
        self.compact: TimerWindow | None = None
        self.face: CountdownFace | None = None

    def invalidate(self) -> None:
        """Force the next update to redraw (after the session changed)."""
        self.face = None

    def show_session(self, s: FocusSession, now: datetime) -> int:
        """Show ``s`` at ``now``; returns the overrun in seconds."""
        remaining = int(s.remaining(now).total_seconds())
        overrun = int(s.overrun(now).total_seconds())
        face = countdown_face(remaining, overrun)
        tooltip = self._tooltip(s, remaining, overrun)
        if self.tray is not None:
            if face != self.face:
                self.tray.set_face(countdown_icon(face), tooltip)
            else:
                self.tray.set_tooltip(tooltip)
        self.face = face
        text = f"+{format_duration(overrun)}" if overrun > 0 else format_duration(remaining)
        count = f"{s.outcome_count or 0}/{s.target}" if s.target else None
        for window in (self.standalone, self.compact):
            if window is not None and window.isVisible():
                window.show_state(
                    time_text=text, objective=s.objective, count_text=count, overrun=overrun > 0
                )
        return overrun

    def show_idle(self) -> None:
        if self.face == IDLE:
            return
        self.face = IDLE
        if self.tray is not None:
            self.tray.set_face(tray_mark(), self.tr("FocusDesk — no session running"))
        if self.standalone is not None:
            self.standalone.show_state(
                time_text="—",
                objective=self.tr("No session running."),
                count_text=None,
                overrun=False,
            )
        if self.compact is not None:
            self.compact.hide()

    def _tooltip(self, s: FocusSession, remaining: int, overrun: int) -> str:
        # Minute resolution: the tooltip text then changes once a minute, like the icon.
        if overrun > 0:
            return (
                self.tr("“%1” — time's up, %2 min over")
                .replace("%1", s.objective)
                .replace("%2", str(overrun // 60))
            )
        return (
            self.tr("“%1” — %2 min left")
            .replace("%1", s.objective)
            .replace("%2", str((remaining + 59) // 60))
        )
