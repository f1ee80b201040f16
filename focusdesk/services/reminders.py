"""Reminder use cases: list, add, remove (they live in the settings), and missed ones.

The definitions are settings, so the settings dialog, ``focusdesk remind``
and a hand-edited file all agree; the schedule state (next run times) is
the scheduler's job table. Missed reminders are rows of this device.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from focusdesk.core.days import local_day_bounds
from focusdesk.core.errors import ValidationError
from focusdesk.core.objective import check_objective
from focusdesk.core.reminders import (
    DueReminder,
    MissedReminder,
    ReminderKind,
    ReminderSpec,
    parse_weekdays,
    reminder_specs,
    session_reminder_id,
)
from focusdesk.core.settings import SessionReminder, is_clock_time
from focusdesk.core.timebox import check_minutes
from focusdesk.services.context import AppContext


@dataclass(frozen=True, slots=True)
class ReminderEntry:
    spec: ReminderSpec
    next_due: datetime | None


class ReminderService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def specs(self) -> tuple[ReminderSpec, ...]:
        return reminder_specs(self.ctx.settings)

    def entries(self) -> list[ReminderEntry]:
        """Each reminder with its next time: the stored schedule's, else the trigger's."""
        from focusdesk.services.scheduler_jobs import next_fire, trigger_for
        from focusdesk.store.reminders import scheduled_next_runs

        stored = scheduled_next_runs(self.ctx.db.engine, self.ctx.device_id)
        now = self.ctx.clock()
        out = []
        for spec in self.specs():
            if spec.id in stored:
                next_due = stored[spec.id]
            else:
                next_due = next_fire(trigger_for(spec, self.ctx.tz), None, now)
            out.append(ReminderEntry(spec, next_due))
        return out

    def add(
        self,
        at: str,
        days: str | None = None,
        *,
        kind: str = ReminderKind.SESSION.value,
        objective: str = "",
        minutes: str | int | None = None,
    ) -> ReminderSpec:
        """Add a session reminder, or set the summary or clean-up reminder's time."""
        if not is_clock_time(at):
            raise ValidationError("at", f"{at!r} is not a time of day; write it like 09:00")
        settings = self.ctx.settings
        match ReminderKind(kind):
            case ReminderKind.SESSION:
                reminder = SessionReminder(
                    at,
                    parse_weekdays(days) if days else SessionReminder(at).weekdays,
                    check_objective(objective).text if objective.strip() else "",
                    settings.timebox_minutes if minutes is None else check_minutes(minutes),
                )
                new_id = session_reminder_id(reminder)
                if any(s.id == new_id for s in self.specs()):
                    raise ValidationError("at", f"there is already a reminder {new_id}")
                changed = settings.with_changes(
                    session_reminders=(*settings.session_reminders, reminder)
                )
            case ReminderKind.SUMMARY:
                if days:
                    raise ValidationError("days", "the summary reminder comes every day")
                changed = settings.with_changes(summary_time=at, summary_reminder=True)
                new_id = "summary"
            case ReminderKind.CLEANUP:
                weekdays = parse_weekdays(days) if days else (settings.cleanup_weekday,)
                if len(weekdays) != 1:
                    raise ValidationError("days", "the page clean-up comes once a week: one day")
                changed = settings.with_changes(
                    cleanup_time=at,
                    cleanup_weekday=weekdays[0],
                    cleanup_reminder=True,
                    cleanup_minutes=settings.cleanup_minutes
                    if minutes is None
                    else check_minutes(minutes),
                )
                new_id = "cleanup"
        self.ctx.save_settings(changed)
        return next(s for s in reminder_specs(changed) if s.id == new_id)

    def remove(self, reminder_id: str) -> ReminderSpec:
        """Remove a session reminder; switch the summary or clean-up reminder off."""
        spec = next((s for s in self.specs() if s.id == reminder_id), None)
        if spec is None:
            raise ValidationError(
                "id", f"no reminder {reminder_id!r}; 'focusdesk remind list' shows the ids"
            )
        settings = self.ctx.settings
        if spec.kind is ReminderKind.SUMMARY:
            changed = replace(settings, summary_reminder=False)
        elif spec.kind is ReminderKind.CLEANUP:
            changed = replace(settings, cleanup_reminder=False)
        else:
            session_specs = [s for s in self.specs() if s.kind is ReminderKind.SESSION]
            index = session_specs.index(spec)
            kept = settings.session_reminders[:index] + settings.session_reminders[index + 1 :]
            changed = replace(settings, session_reminders=kept)
        self.ctx.save_settings(changed)
        return spec

    def record_missed(self, items: Sequence[DueReminder]) -> int:
        """Called on the scheduler's thread with run times beyond their grace."""
        from focusdesk.store.reminders import record_missed

        with self.ctx.db.sessions.begin() as session:
            return record_missed(session, self.ctx.device_id, items, self.ctx.clock())

    def missed_on(self, day: date) -> list[MissedReminder]:
        """This device's reminders missed on ``day`` (local), for the day's summary."""
        from focusdesk.store.reminders import missed_between

        start, end = local_day_bounds(day, self.ctx.tz)
        with self.ctx.db.sessions() as session:
            return missed_between(session, self.ctx.device_id, start, end)
