"""The app side of reminders: owns the scheduler, brings due reminders to the GUI thread.

Threads: every method here runs on the Qt main thread. The scheduler's own
thread only calls ``_bridge.due.emit`` (queued across threads by Qt, since
the bridge lives on the main thread) and the service's ``record_missed``.

What a due reminder does:
- a planned session: a notification and the reminder window (Start now /
  Snooze 10 min / Dismiss); "Start now" emits ``startRequested(objective,
  minutes)`` for the controller to open the start dialog prefilled;
- the day summary: a notification and ``summaryRequested``;
- the weekly page clean-up: a notification and ``cleanup_due(DueReminder)``,
  for the clean-up flow.

Before any of that, ``should_remind(due)`` is asked; a reminder it turns down
(this week's clean-up is already done or skipped) stays silent: a
notification followed by nothing teaches people to ignore notifications.

A clock check every ``JUMP_CHECK_MS`` compares wall and monotonic time; on a
jump or a resume the scheduler re-evaluates at once and ``clockJumped``
lets the controller re-read the running session's countdown. The same tick
asks the system's zone (``SystemZoneSource``: a few ``stat`` calls, about
25 microseconds, unless the configuration changed); on a change the context
takes the new zone, the schedule follows it (each reminder keeps its local
wall time, resuming on its pending date: see ``focusdesk.core.zone_change``),
and ``zoneChanged`` lets the controller hand it to tracking and redraw.

SQLAlchemy and APScheduler are imported in ``start``, after the tray icon is
up, never on the way to it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from focusdesk.core.clock_jump import ClockJumpDetector
from focusdesk.core.errors import FocusDeskError
from focusdesk.core.reminders import DueReminder, ReminderKind
from focusdesk.core.zone_change import ZoneChange, ZoneWatch
from focusdesk.services.context import AppContext

log = logging.getLogger(__name__)

JUMP_CHECK_MS = 10_000

ShouldRemind = Callable[[DueReminder], bool]
ZoneSource = Callable[[], tzinfo]


def always_remind(_due: DueReminder) -> bool:
    return True


class _Bridge(QObject):
    due = Signal(object)


class ReminderPresenter(QObject):
    reminderDue = Signal(object)  # every DueReminder, after it was handled
    startRequested = Signal(str, int)  # planned objective, planned minutes
    summaryRequested = Signal()
    cleanup_due = Signal(object)  # DueReminder of the weekly page clean-up
    clockJumped = Signal(object)  # ClockJump
    zoneChanged = Signal(object)  # ZoneChange, after the context and schedule took it

    def __init__(
        self,
        ctx: AppContext,
        notifier: Any,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        should_remind: ShouldRemind = always_remind,
        zone_source: ZoneSource | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._notifier = notifier
        self._monotonic = monotonic
        self._should_remind = should_remind
        self._bridge = _Bridge(self)
        self._bridge.due.connect(self.on_due)
        self.scheduler: Any = None
        self.window: Any = None
        self.detector = ClockJumpDetector()
        self._zone_source = zone_source
        self.zone_watch = ZoneWatch()
        self._zone_unreadable = False
        self.jump_timer = QTimer(self)
        self.jump_timer.setInterval(JUMP_CHECK_MS)
        self.jump_timer.timeout.connect(self.check_clock)
        self.jump_timer.timeout.connect(self.check_zone)

    def start(self) -> None:
        """Open the schedule, bring it in line with the settings, then let it run:
        reminders missed while the app was closed are settled in the first round."""
        from focusdesk.services.reminders import ReminderService
        from focusdesk.services.scheduler import ReminderScheduler

        service = ReminderService(self._ctx)
        self.scheduler = ReminderScheduler(
            engine=self._ctx.db.engine,
            device_id=self._ctx.device_id,
            tz=self._ctx.tz,
            clock=self._ctx.clock,
            deliver=self._bridge.due.emit,
            record_missed=service.record_missed,
        )
        self.scheduler.start(paused=True)
        self.reload()
        self.scheduler.resume()
        self.check_clock()
        self.check_zone()
        self.jump_timer.start()

    def reload(self) -> None:
        """After a settings change (dialog or ``focusdesk remind``): re-sync the jobs."""
        if self.scheduler is None:
            return
        from focusdesk.services.reminders import ReminderService

        try:
            self.scheduler.sync(ReminderService(self._ctx).specs(), self._ctx.clock())
        except Exception:  # a database hiccup must not take the app down
            log.exception("updating the reminder schedule failed")

    def stop(self) -> None:
        self.jump_timer.stop()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        if self.window is not None:
            self.window.hide()

    def check_clock(self) -> None:
        jump = self.detector.check(self._ctx.clock(), self._monotonic())
        if jump is None:
            return
        log.info("clock moved %s against the monotonic clock: re-checking reminders", jump.skew)
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.wakeup()
        self.clockJumped.emit(jump)

    def check_zone(self) -> None:
        """Follow a change of the system's zone (the first reading is the baseline)."""
        if self._zone_source is None:
            from focusdesk.services.clock import SystemZoneSource

            self._zone_source = SystemZoneSource()
        try:
            zone = self._zone_source()
        except Exception:  # an unreadable configuration: keep the zone we have
            if not self._zone_unreadable:  # said once, not every 10 seconds
                log.warning("cannot read the system time zone", exc_info=True)
            self._zone_unreadable = True
            return
        self._zone_unreadable = False
        if self.zone_watch.check(zone, self._ctx.clock()) is not None:
            self.apply_zone(ZoneChange(self._ctx.tz, zone))  # from the zone in use

    def apply_zone(self, change: ZoneChange) -> None:
        """Adopt ``change.new`` everywhere this presenter reaches, then tell the controller."""
        log.info("time zone changed from %s to %s", change.old_name, change.new_name)
        self._ctx.tz = change.new
        if self.scheduler is not None and self.scheduler.running:
            from focusdesk.services.reminders import ReminderService

            try:
                specs = ReminderService(self._ctx).specs()
                self.scheduler.rezone(change.new, specs, self._ctx.clock())
            except Exception:  # a database hiccup must not take the app down
                log.exception("moving the reminder schedule to %s failed", change.new_name)
        self.zoneChanged.emit(change)

    # -- a reminder is due ----------------------------------------------------------------

    def on_due(self, due: DueReminder) -> None:
        if not self._wanted(due):
            log.info("reminder %s not needed now; not shown", due.reminder_id)
            return
        when = due.due_at.astimezone(self._ctx.tz).strftime("%H:%M")
        if due.kind is ReminderKind.SESSION:
            self._notifier.notify(
                self.tr("FocusDesk: planned session"),
                self.tr("%1 (%2 min), planned for %3.")
                .replace("%1", due.label)
                .replace("%2", str(due.minutes))
                .replace("%3", when),
            )
            self._window().show_reminder(due, when)
        elif due.kind is ReminderKind.SUMMARY:
            self._notifier.notify(
                self.tr("FocusDesk: your day"), self.tr("Time to look back at today's summary.")
            )
            self.summaryRequested.emit()
        else:
            self._notifier.notify(
                self.tr("FocusDesk: page clean-up"),
                self.tr("Weekly clean-up: remove posts that no longer fit your pages."),
            )
            self.cleanup_due.emit(due)
        self.reminderDue.emit(due)

    def _wanted(self, due: DueReminder) -> bool:
        try:
            return self._should_remind(due)
        except Exception:  # cannot tell: reminding once too often beats forgetting
            log.exception("deciding whether %s is needed failed", due.reminder_id)
            return True

    def _window(self) -> Any:
        if self.window is None:
            from focusdesk.ui.reminder_window import ReminderWindow

            self.window = ReminderWindow()
            self.window.startRequested.connect(self.start_now)
            self.window.snoozeRequested.connect(self.snooze)
        return self.window

    def start_now(self, due: DueReminder) -> None:
        self.startRequested.emit(due.objective, due.minutes)

    def snooze(self, due: DueReminder) -> None:
        if self.scheduler is None:
            return
        try:
            self.scheduler.snooze(due, self._ctx.clock())
        except Exception as exc:
            log.exception("snoozing %s failed", due.reminder_id)
            message = str(exc) if isinstance(exc, FocusDeskError) else self.tr("Snooze failed.")
            self._notifier.notify(self.tr("FocusDesk"), message)
