"""The APScheduler pieces the reminder scheduler is built from.

- ``trigger_for``: a reminder spec as a ``CronTrigger`` in the user's zone.
- ``next_fire``: the trigger's next time, except that a daily time inside the
  hour repeated when summer time ends (02:30 in Berlin, 01:30 in New York)
  fires once, not twice: APScheduler 3.11's ``CronTrigger`` yields both
  instants of that wall-clock time (checked in tests/services/test_scheduler_dst.py).
- ``rezoned_first_run``: after a zone change, where a reminder continues so
  that no local date is reminded twice or skipped.
- ``DeviceJobStore``: ``SQLAlchemyJobStore`` on the app's engine, one table
  per device, that leaves the engine open when the scheduler stops (it
  belongs to the app's ``Database``, not to the scheduler).
- ``ReminderExecutor``: runs no app code on the scheduler's thread; it builds
  the ``DueReminder`` value from the job's arguments and hands it to the
  injected ``deliver`` callback (the UI turns it into a queued Qt signal).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any, cast

from apscheduler.executors.base import BaseExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Engine

from focusdesk.core.reminders import DueReminder, ReminderSpec
from focusdesk.core.settings import WEEKDAY_NAMES
from focusdesk.core.zone_change import resume_point
from focusdesk.store.reminders import job_table_name

log = logging.getLogger(__name__)

# The textual reference the job store keeps: it must stay importable.
JOB_FUNC = "focusdesk.core.reminders:due_reminder"
# A job overdue by more run times than this (a minutely job after years) is
# fast-forwarded instead of walked through.
MAX_RUN_TIMES = 10_000

Deliver = Callable[[DueReminder], None]


def trigger_for(spec: ReminderSpec, tz: tzinfo) -> CronTrigger:
    days = ",".join(WEEKDAY_NAMES[d] for d in spec.weekdays)
    return CronTrigger(day_of_week=days, hour=spec.hour, minute=spec.minute, timezone=tz)


def next_fire(trigger: BaseTrigger, previous: datetime | None, now: datetime) -> datetime | None:
    """The trigger's next fire time after ``previous`` (or from ``now``), once per wall time."""
    following = trigger.get_next_fire_time(previous, now)
    zone = getattr(trigger, "timezone", None)
    if previous is None or following is None or zone is None:
        return following
    # Naive comparison ignores ``fold``: the two 02:30s of an autumn night are equal here.
    if _wall(following, zone) == _wall(previous, zone):
        return trigger.get_next_fire_time(following, following)
    return following


def rezoned_first_run(job: Any, spec: ReminderSpec, trigger: CronTrigger) -> datetime | None:
    """Where ``job`` continues under ``trigger`` when only the zone differs; None otherwise.

    It picks up on the local date of the job's pending run (``resume_point``),
    so a date the old zone already reminded about is not reminded again and
    the pending one is not dropped. The result may lie in the past: the next
    ``run_due`` settles it with the reminder's grace.
    """
    old_zone = getattr(job.trigger, "timezone", None)
    pending = job.next_run_time
    if old_zone is None or pending is None:
        return None
    if repr(trigger_for(spec, old_zone)) != repr(job.trigger):
        return None  # the time or the days changed too: start afresh from now
    start = resume_point(pending, old_zone, trigger.timezone)
    return cast("datetime | None", trigger.get_next_fire_time(None, start))


def _wall(instant: datetime, zone: tzinfo) -> datetime:
    return instant.astimezone(zone).replace(tzinfo=None)


def overdue_run_times(job: Any, now: datetime) -> tuple[list[datetime], datetime | None]:
    """The job's run times up to ``now`` (oldest first) and the first one after it."""
    times: list[datetime] = []
    at: datetime | None = job.next_run_time
    while at is not None and at <= now:
        times.append(at)
        if len(times) >= MAX_RUN_TIMES:
            return times, next_fire(job.trigger, None, now)
        at = next_fire(job.trigger, at, now)
    return times, at


class DeviceJobStore(SQLAlchemyJobStore):  # type: ignore[misc]
    """This device's schedule table in the app's database."""

    def __init__(self, engine: Engine, device_id: int) -> None:
        super().__init__(engine=engine, tablename=job_table_name(device_id))

    def shutdown(self) -> None:
        """Keep the engine: the app's other users of the database still need it."""


class ReminderExecutor(BaseExecutor):  # type: ignore[misc]
    """Hands a due job's reminder to ``deliver``; the job store keeps only its arguments."""

    def __init__(self, deliver: Deliver) -> None:
        super().__init__()
        self._deliver = deliver

    def submit_job(self, job: Any, run_times: list[datetime]) -> None:
        """Deliver at once, on the caller's thread: building a value and emitting a
        signal cannot overlap itself, so the base class's instance counting is moot."""
        self._do_submit_job(job, run_times)

    def _do_submit_job(self, job: Any, run_times: list[datetime]) -> None:
        due = job.func(*job.args, due_at=run_times[-1], **job.kwargs)
        self._deliver(due)
