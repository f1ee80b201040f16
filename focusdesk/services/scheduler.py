"""The reminder scheduler: APScheduler's background thread, FocusDesk's clock and rules.

Why not ``QtScheduler``: on PySide6, APScheduler 3.11's ``QtScheduler`` never
stops its timers (``QTimer.singleShot`` returns None there, so
``_stop_timer`` has nothing to stop) and wakeups multiply with every job
added. So this is a ``BackgroundScheduler`` whose executor runs no app code:
a due job becomes a ``DueReminder`` value handed to ``deliver``.

Why ``run_due`` instead of APScheduler's ``_process_jobs``: the library reads
``datetime.now()`` itself, so tests could not move time, and its misfire
handling happens inside ``run_job``, which this executor does not use.
``run_due(now)`` does the same walk over due jobs with an injected instant
and settles overdue run times with ``settle_run_times``: coalesced to one
notification per reminder within the kind's grace, the rest recorded as
missed. The background thread calls it with the context's clock.

Waiting is capped at ``max_wait`` because the thread's wait runs on the
monotonic clock, which stands still while the machine sleeps; the UI's
clock-jump detector calls ``wakeup()`` sooner.

Threads:
- ``start``, ``shutdown``, ``sync``, ``snooze``, ``wakeup``: any thread; the
  app calls them on the Qt main thread.
- ``run_due``: the scheduler thread in the app (through ``_process_jobs``);
  tests call it directly on a scheduler started with ``paused=True``.
- ``deliver`` and ``record_missed`` are called on whichever thread runs
  ``run_due``, outside the job-store lock; they must not block for long.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_PAUSED
from apscheduler.triggers.date import DateTrigger
from sqlalchemy import Engine

from focusdesk.core.clock import Clock
from focusdesk.core.reminders import (
    DueReminder,
    ReminderSpec,
    base_reminder_id,
    grace_for,
    settle_run_times,
    snooze_id,
)
from focusdesk.services.scheduler_jobs import (
    JOB_FUNC,
    Deliver,
    DeviceJobStore,
    ReminderExecutor,
    next_fire,
    overdue_run_times,
    rezoned_first_run,
    trigger_for,
)

log = logging.getLogger(__name__)

SNOOZE = timedelta(minutes=10)
MAX_WAIT = timedelta(seconds=60)
RETRY = timedelta(seconds=30)

RecordMissed = Callable[[Sequence[DueReminder]], None]


@dataclass(frozen=True, slots=True)
class SyncResult:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    kept: tuple[str, ...]


class ReminderScheduler(BackgroundScheduler):  # type: ignore[misc]
    def __init__(
        self,
        *,
        engine: Engine,
        device_id: int,
        tz: tzinfo,
        clock: Clock,
        deliver: Deliver,
        record_missed: RecordMissed,
        max_wait: timedelta = MAX_WAIT,
    ) -> None:
        super().__init__(timezone=tz, daemon=True)
        self._clock = clock
        self._record_missed = record_missed
        self._max_wait = max_wait
        self.add_jobstore(DeviceJobStore(engine, device_id), "default")
        self.add_executor(ReminderExecutor(deliver), "default")

    # -- schedule ---------------------------------------------------------------------------

    def sync(self, specs: Sequence[ReminderSpec], now: datetime) -> SyncResult:
        """Make the stored jobs match ``specs``; unchanged ones keep their next run time,
        which is what lets a reminder missed while the app was closed be noticed."""
        added: list[str] = []
        changed: list[str] = []
        removed: list[str] = []
        kept: list[str] = []
        wanted = {spec.id: spec for spec in specs}
        with self._jobstores_lock:
            existing = {job.id: job for job in self.get_jobs()}
            for job_id in existing:
                if base_reminder_id(job_id) not in wanted:
                    self.remove_job(job_id)
                    removed.append(job_id)
            for spec in specs:
                trigger = trigger_for(spec, self.timezone)
                job = existing.get(spec.id)
                if job is None or repr(job.trigger) != repr(trigger):
                    first = rezoned_first_run(job, spec, trigger) if job is not None else None
                    if first is None:
                        first = next_fire(trigger, None, now)
                    self._add(spec, trigger, first)
                    (added if job is None else changed).append(spec.id)
                elif tuple(job.args) != spec.job_args() or job.misfire_grace_time != _grace_s(spec):
                    self.modify_job(
                        spec.id, args=spec.job_args(), misfire_grace_time=_grace_s(spec)
                    )
                    changed.append(spec.id)
                else:
                    kept.append(spec.id)
        return SyncResult(tuple(added), tuple(changed), tuple(removed), tuple(kept))

    def rezone(self, tz: tzinfo, specs: Sequence[ReminderSpec], now: datetime) -> SyncResult:
        """The user's zone changed: daily reminders keep their local wall time in ``tz``.

        Each reminder resumes on the local date its pending run carried (see
        ``focusdesk.core.zone_change``); a run time the new zone puts in the
        past is settled by the next ``run_due`` like one missed while asleep.
        Snoozes keep their instant: "in 10 minutes" does not move with the zone.
        """
        with self._jobstores_lock:
            self.timezone = tz
            result = self.sync(specs, now)
        self.wakeup()
        return result

    def _add(self, spec: ReminderSpec, trigger: Any, first: datetime | None) -> None:
        self.add_job(
            JOB_FUNC,
            trigger,
            args=spec.job_args(),
            id=spec.id,
            name=spec.label,
            misfire_grace_time=_grace_s(spec),
            coalesce=True,
            max_instances=1,
            next_run_time=first,
            replace_existing=True,
        )

    def snooze(self, due: DueReminder, now: datetime, delay: timedelta = SNOOZE) -> str:
        """A one-off job ``delay`` from ``now`` that fires like the reminder it delays."""
        at = now + delay
        job_id = snooze_id(due.reminder_id, at)
        self.add_job(
            JOB_FUNC,
            DateTrigger(run_date=at, timezone=self.timezone),
            args=(due.kind.value, due.reminder_id, due.label, due.objective, due.minutes),
            kwargs={"snoozed": True},
            id=job_id,
            name=f"{due.label} (snoozed)",
            misfire_grace_time=int(grace_for(due.kind).total_seconds()),
            coalesce=True,
            max_instances=1,
            next_run_time=at,
            replace_existing=True,
        )
        return job_id

    def next_runs(self) -> dict[str, datetime | None]:
        return {job.id: job.next_run_time for job in self.get_jobs()}

    # -- firing -----------------------------------------------------------------------------

    def _process_jobs(self) -> float | None:
        """The background thread's wakeup: ``run_due`` with the context's clock."""
        if self.state == STATE_PAUSED:
            return None
        try:
            return self.run_due(self._clock())
        except Exception:  # the thread must survive a database hiccup
            log.exception("checking reminders failed")
            return RETRY.total_seconds()

    def run_due(self, now: datetime) -> float | None:
        """Fire what is due at ``now``; returns seconds until the next check (None: no jobs)."""
        fire: list[tuple[Any, datetime]] = []
        missed: list[DueReminder] = []
        next_check: datetime | None = None
        with self._jobstores_lock:
            for alias, store in self._jobstores.items():
                try:
                    due_jobs = store.get_due_jobs(now)
                except Exception as exc:
                    log.warning("cannot read the reminder schedule %r: %s", alias, exc)
                    next_check = _earliest(next_check, now + RETRY)
                    continue
                for job in due_jobs:
                    self._settle(job, store, now, fire, missed)
                next_check = _earliest(next_check, store.get_next_run_time())
        if missed:
            try:
                self._record_missed(missed)
            except Exception:
                log.exception("recording %d missed reminders failed", len(missed))
        executor = self._lookup_executor("default")
        for job, at in fire:
            try:
                executor.submit_job(job, [at])
            except Exception:
                log.exception("delivering reminder %s failed", job.id)
        if next_check is None:
            return None
        wait = max((next_check - now).total_seconds(), 0.0)
        return min(wait, self._max_wait.total_seconds())

    def _settle(
        self,
        job: Any,
        store: Any,
        now: datetime,
        fire: list[tuple[Any, datetime]],
        missed: list[DueReminder],
    ) -> None:
        times, following = overdue_run_times(job, now)
        grace = (
            None if job.misfire_grace_time is None else timedelta(seconds=job.misfire_grace_time)
        )
        settled = settle_run_times(times, now, grace=grace, coalesce=bool(job.coalesce))
        fire.extend((job, at) for at in settled.fire)
        missed.extend(job.func(*job.args, due_at=at, **job.kwargs) for at in settled.missed)
        if settled.missed:
            log.info("reminder %s missed %d time(s)", job.id, len(settled.missed))
        if following is None:
            store.remove_job(job.id)
        else:
            job._modify(next_run_time=following)  # as APScheduler's own loop does
            store.update_job(job)


def _grace_s(spec: ReminderSpec) -> int:
    return int(grace_for(spec.kind).total_seconds())


def _earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)
