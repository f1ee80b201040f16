"""The time's-up moment: when to nudge, what the window shows, how the session ends.

Thread: Qt main thread. The controller tells it the time (``due``) and the
session; this flow owns the window, the nudge schedule, and the session that
ended while FocusDesk was closed (its outcome is still to be asked).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from focusdesk.core.errors import ConflictError, FocusDeskError
from focusdesk.core.nudge import NudgeSchedule
from focusdesk.core.session import ExtensionPolicy, FocusSession
from focusdesk.core.timebox import format_duration
from focusdesk.services.context import AppContext
from focusdesk.ui.geometry import GeometryStore
from focusdesk.ui.timesup_window import OutcomeChoice, TimesUpWindow


class TimesUpFlow(QObject):
    extendRequested = Signal(int)
    ended = Signal()

    def __init__(
        self,
        ctx: AppContext,
        *,
        sessions: Callable[[], Any],
        notifier: Any,
        geometry: GeometryStore,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._sessions = sessions
        self._notifier = notifier
        self._geometry = geometry
        self.window: TimesUpWindow | None = None
        self.ended_unrecorded: FocusSession | None = None
        self.nudges = NudgeSchedule(timedelta(minutes=2))

    def extend_refusal(self, s: FocusSession) -> str | None:
        settings = self._ctx.settings
        return ExtensionPolicy(settings.max_extensions, settings.strict_mode).refusal(s.extensions)

    def due(self, s: FocusSession, now: datetime, overrun: int) -> None:
        """At the deadline: notify and show the window; unacknowledged, nudge again."""
        self.nudges.repeat = timedelta(minutes=self._ctx.settings.nudge_repeat_minutes)
        if not self.nudges.due(s.deadline, now):
            return
        if overrun < 60:
            message = self.tr("Time's up for “%1”. Time to move on.").replace("%1", s.objective)
        else:
            message = (
                self.tr("Still on “%1” — %2 over. Time to move on.")
                .replace("%1", s.objective)
                .replace("%2", format_duration(overrun))
            )
        self._notifier.notify(self.tr("FocusDesk: time's up"), message)
        self.show(s)

    def update_overrun(self, overrun: int) -> None:
        if self.window is not None and self.window.isVisible() and self.ended_unrecorded is None:
            self.window.update_overrun(overrun)

    def show(self, running: FocusSession | None) -> None:
        s = self.ended_unrecorded or running
        if s is None:
            return
        window = self._window()
        split = self._sessions().time_split(s.id)
        refusal = (
            self.tr("This session ended while FocusDesk was closed.")
            if self.ended_unrecorded is not None
            else self.extend_refusal(s)
        )
        if not window.isVisible():
            window.reset()
            if s.outcome_count is not None:
                window.count.setValue(s.outcome_count)
        now = self._ctx.clock()
        early = self.ended_unrecorded is None and now < s.deadline
        window.show_session(
            s,
            overrun_s=int(s.overrun(now).total_seconds()),
            remaining_s=int(s.remaining(now).total_seconds()) if early else 0,
            business_s=split["business"],
            casual_s=split["casual"],
            extend_minutes=self._ctx.settings.extension_minutes,
            extend_refusal=refusal,
        )
        window.show()
        window.raise_()
        window.activateWindow()

    def hide(self) -> None:
        if self.window is not None and self.window.isVisible():
            self._geometry.save(self.window, "timesup")
            self.window.hide()

    def move_on(self, choice: OutcomeChoice) -> None:
        try:
            if self.ended_unrecorded is not None:
                if choice.outcome is not None:
                    self._sessions().record_outcome(
                        self.ended_unrecorded.id,
                        choice.outcome,
                        count=choice.count,
                        note=choice.note,
                    )
                self.ended_unrecorded = None
            else:
                self._sessions().stop(choice.outcome, count=choice.count, note=choice.note)
        except ConflictError:
            pass  # already stopped elsewhere (CLI, another device): nothing left to end
        except FocusDeskError as exc:
            QMessageBox.warning(self.window, self.tr("FocusDesk"), str(exc))
            return
        self.hide()
        self.ended.emit()

    def _window(self) -> TimesUpWindow:
        if self.window is None:
            self.window = TimesUpWindow()
            self.window.moveOnRequested.connect(self.move_on)
            self.window.extendRequested.connect(self.extendRequested)
            self._geometry.restore(self.window, "timesup")
        return self.window
