"""Time-box arithmetic on a stored wall-clock deadline.

A session's deadline is an instant, not a counter: whatever the UI ticks, the
truth is ``deadline - now``. The wall clock can jump (NTP, suspend, a user
changing the time), so every figure here is clamped to what is physically
possible for the box: remaining time never exceeds the box, elapsed and
overrun never go negative.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from focusdesk.core.errors import ValidationError

MIN_MINUTES = 1
MAX_MINUTES = 240
_ZERO = timedelta(0)


def check_minutes(value: object, *, field: str = "minutes") -> int:
    """A time box or extension length in whole minutes, 1 to 240."""
    if isinstance(value, bool):
        raise ValidationError(field, f"{field} must be a whole number of minutes")
    if isinstance(value, str):
        text = value.strip()
        if not text.lstrip("-").isdigit():
            raise ValidationError(
                field, f"{field} must be a whole number of minutes (got {value!r})"
            )
        value = int(text)
    if not isinstance(value, int):
        raise ValidationError(field, f"{field} must be a whole number of minutes")
    if not MIN_MINUTES <= value <= MAX_MINUTES:
        raise ValidationError(
            field, f"{field} must be between {MIN_MINUTES} and {MAX_MINUTES} (got {value})"
        )
    return value


@dataclass(frozen=True, slots=True)
class TimeBox:
    """The box of a session: when it started and when it must end."""

    started_at: datetime
    deadline: datetime

    @property
    def length(self) -> timedelta:
        return max(self.deadline - self.started_at, _ZERO)

    def remaining(self, now: datetime) -> timedelta:
        """Time left; zero once the deadline passed, never more than the box."""
        return min(max(self.deadline - now, _ZERO), self.length)

    def elapsed(self, now: datetime) -> timedelta:
        return max(now - self.started_at, _ZERO)

    def overrun(self, now: datetime) -> timedelta:
        """How far past the deadline ``now`` is; zero before it."""
        return max(now - self.deadline, _ZERO)

    def is_due(self, now: datetime) -> bool:
        return now >= self.deadline

    def extended(self, minutes: int, now: datetime) -> TimeBox:
        """The box after an extension.

        An extension granted while overrunning counts from now, not from the old
        deadline: "5 more minutes" at the time's-up window means five minutes.
        """
        base = max(self.deadline, now)
        return TimeBox(self.started_at, base + timedelta(minutes=minutes))


def format_duration(delta: timedelta | float) -> str:
    """Short human form: 1h05m, 12m03s, 45s."""
    seconds = int(delta.total_seconds() if isinstance(delta, timedelta) else delta)
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}h{minutes:02d}m"
    if minutes:
        return f"{sign}{minutes}m{secs:02d}s"
    return f"{sign}{secs}s"
