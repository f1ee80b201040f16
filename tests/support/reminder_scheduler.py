"""A reminder scheduler on a test context that records what it delivered and missed.

It is started paused: no background wakeups, the test calls ``run_due`` with
its own clock's time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from focusdesk.core.reminders import DueReminder
from focusdesk.services.context import AppContext
from focusdesk.services.reminders import ReminderService
from focusdesk.services.scheduler import ReminderScheduler


class Recorder:
    """Scheduler plus the reminders it delivered and the run times it recorded missed."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.delivered: list[DueReminder] = []
        self.missed: list[DueReminder] = []
        self.scheduler = ReminderScheduler(
            engine=ctx.db.engine,
            device_id=ctx.device_id,
            tz=ctx.tz,
            clock=ctx.clock,
            deliver=self.delivered.append,
            record_missed=self._missed,
        )
        self.scheduler.start(paused=True)

    def _missed(self, items: Sequence[DueReminder]) -> None:
        self.missed.extend(items)
        ReminderService(self.ctx).record_missed(items)

    def sync(self) -> None:
        self.scheduler.sync(ReminderService(self.ctx).specs(), self.ctx.clock())

    def rezone(self, tz: tzinfo) -> None:
        """The user's zone changed (as the app's zone check reports it)."""
        self.ctx.tz = tz
        self.scheduler.rezone(tz, ReminderService(self.ctx).specs(), self.ctx.clock())

    def run(self) -> list[DueReminder]:
        """Run due jobs at the clock's time; return what this call delivered."""
        before = len(self.delivered)
        self.scheduler.run_due(self.ctx.clock())
        return self.delivered[before:]

    def close(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
