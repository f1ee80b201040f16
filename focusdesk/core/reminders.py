"""Reminders as values: what the settings ask for, what is due, what was missed.

The scheduler (services) keeps *when*; this module decides *what*: the list
of reminder specs derived from the settings (each with an id that stays the
same while its time and weekdays do, so the stored schedule survives a
restart), the value a due reminder carries to the UI, and how a batch of
overdue run times is settled after a sleep or a closed app: at most one
notification per reminder, the rest recorded as missed.

The casual-time budget is not here on purpose: the tracking loop measures
casual time and raises it itself, so a scheduled copy would fire twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from focusdesk.core.errors import ValidationError
from focusdesk.core.settings import (
    ALL_WEEKDAYS,
    WEEKDAY_NAMES,
    SessionReminder,
    Settings,
    parse_weekday,
)

SNOOZE_MARK = "~snooze-"
# Missed run times older than this are not recorded: after weeks away, a wall
# of "missed" rows for days nobody will open tells the user nothing.
MISSED_LOOKBACK = timedelta(days=14)


class ReminderKind(StrEnum):
    SESSION = "session"
    SUMMARY = "summary"
    CLEANUP = "cleanup"


def grace_for(kind: ReminderKind | str) -> timedelta:
    """How late a reminder may still be shown rather than recorded as missed.

    A prospecting session planned for 09:00 is still worth starting at 09:25
    but not at 11:00 (the day has moved on); the day's summary is useful all
    evening; the weekly clean-up can be done any time the same day.
    """
    match ReminderKind(kind):
        case ReminderKind.SESSION:
            return timedelta(minutes=30)
        case ReminderKind.SUMMARY:
            return timedelta(hours=3)
        case ReminderKind.CLEANUP:
            return timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class ReminderSpec:
    """One recurring reminder: at ``hour:minute`` local time on ``weekdays`` (Monday 0)."""

    id: str
    kind: ReminderKind
    hour: int
    minute: int
    weekdays: tuple[int, ...]
    label: str
    objective: str = ""
    minutes: int = 0

    @property
    def time(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"

    @property
    def when(self) -> str:
        """For people and the CLI: '09:00 mon,wed,fri' or '18:00 daily'."""
        return f"{self.time} {weekdays_text(self.weekdays)}"

    def job_args(self) -> tuple[str, str, str, str, int]:
        """The arguments stored with the job and handed back to ``due_reminder``."""
        return (self.kind.value, self.id, self.label, self.objective, self.minutes)


@dataclass(frozen=True, slots=True)
class DueReminder:
    """A reminder whose time has come (or, in the missed table, had come)."""

    reminder_id: str
    kind: ReminderKind
    label: str
    objective: str
    minutes: int
    due_at: datetime
    snoozed: bool = False


@dataclass(frozen=True, slots=True)
class MissedReminder:
    reminder_id: str
    kind: ReminderKind
    label: str
    due_at: datetime
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class Settlement:
    """What to do with a job's overdue run times: show these, record those as missed."""

    fire: tuple[datetime, ...]
    missed: tuple[datetime, ...]


def due_reminder(
    kind: str,
    reminder_id: str,
    label: str,
    objective: str,
    minutes: int,
    *,
    due_at: datetime | None = None,
    snoozed: bool = False,
) -> DueReminder:
    """The job function: the job store keeps a textual reference to it, so it
    must stay importable under this name; it only builds a value.

    ``due_at`` has a default only because APScheduler checks a job's stored
    arguments against the signature; the executor always passes the run time.
    """
    if due_at is None:
        raise ValueError("due_reminder needs the run time (due_at)")
    return DueReminder(reminder_id, ReminderKind(kind), label, objective, minutes, due_at, snoozed)


def weekdays_text(days: Sequence[int]) -> str:
    if tuple(sorted(set(days))) == ALL_WEEKDAYS:
        return "daily"
    return ",".join(WEEKDAY_NAMES[d] for d in sorted(set(days)))


def parse_weekdays(text: str) -> tuple[int, ...]:
    """'mon,wed,fri', 'daily' or 'weekdays' as sorted weekday numbers (Monday 0)."""
    words = [w for w in text.replace(" ", ",").lower().split(",") if w]
    if words == ["daily"]:
        return ALL_WEEKDAYS
    if words == ["weekdays"]:
        return (0, 1, 2, 3, 4)
    if not words:
        raise ValidationError("days", "choose at least one weekday, e.g. mon,wed,fri")
    try:
        return tuple(sorted({parse_weekday(w) for w in words}))
    except ValidationError as exc:
        raise ValidationError("days", exc.message) from None


def session_reminder_id(reminder: SessionReminder) -> str:
    """'session-0900-mon-wed-fri': readable, typed back by ``remind remove``."""
    days = weekdays_text(reminder.weekdays).replace(",", "-")
    return f"session-{reminder.time.replace(':', '')}-{days}"


def reminder_specs(settings: Settings) -> tuple[ReminderSpec, ...]:
    """Every scheduled reminder the settings ask for, with ids unique in the list."""
    specs: list[ReminderSpec] = []
    seen: dict[str, int] = {}
    for r in settings.session_reminders:
        base = session_reminder_id(r)
        seen[base] = seen.get(base, 0) + 1
        rid = base if seen[base] == 1 else f"{base}-{seen[base]}"
        hour, minute = _clock(r.time)
        label = r.objective or "Prospecting session"
        specs.append(
            ReminderSpec(
                rid,
                ReminderKind.SESSION,
                hour,
                minute,
                tuple(sorted(set(r.weekdays))),
                label,
                r.objective,
                r.minutes,
            )
        )
    if settings.summary_reminder:
        hour, minute = _clock(settings.summary_time)
        specs.append(
            ReminderSpec("summary", ReminderKind.SUMMARY, hour, minute, ALL_WEEKDAYS, "Day summary")
        )
    if settings.cleanup_reminder:
        hour, minute = _clock(settings.cleanup_time)
        specs.append(
            ReminderSpec(
                "cleanup",
                ReminderKind.CLEANUP,
                hour,
                minute,
                (settings.cleanup_weekday,),
                "Weekly page clean-up",
                "",
                settings.cleanup_minutes,
            )
        )
    return tuple(specs)


def _clock(text: str) -> tuple[int, int]:
    hour, minute = text.split(":")
    return int(hour), int(minute)


def snooze_id(reminder_id: str, at: datetime) -> str:
    return f"{base_reminder_id(reminder_id)}{SNOOZE_MARK}{int(at.timestamp())}"


def base_reminder_id(job_id: str) -> str:
    """The reminder a job belongs to (a snooze belongs to the reminder it delays)."""
    return job_id.split(SNOOZE_MARK, 1)[0]


def settle_run_times(
    run_times: Sequence[datetime],
    now: datetime,
    *,
    grace: timedelta | None,
    coalesce: bool,
    lookback: timedelta = MISSED_LOOKBACK,
) -> Settlement:
    """Split overdue run times (oldest first) into shown and missed.

    Within ``grace`` a run time is shown; with ``coalesce`` only the latest of
    those is, and the earlier ones within grace count as covered by it (the
    user got the reminder). Beyond grace a run time is missed, and recorded
    if it is younger than ``lookback``. ``grace`` None means never too late.
    """
    late = [t for t in run_times if grace is not None and now - t > grace]
    timely = [t for t in run_times if grace is None or now - t <= grace]
    fire = timely[-1:] if coalesce else timely
    missed = tuple(t for t in late if now - t <= lookback)
    return Settlement(tuple(fire), missed)
