"""Reading the times and dates people type on the command line."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, tzinfo

from focusdesk.core.errors import ValidationError

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def parse_date(text: str, field: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            field, f"{field} must be a date like 2026-11-26 (got {text!r})"
        ) from None


def parse_time(text: str, *, today: date, tz: tzinfo, field: str = "time") -> datetime:
    """A local clock time ("14:30", today) or a date and time, as a UTC instant.

    Times without an offset are read in the user's zone; ISO text with an
    offset ("2026-11-26T14:30+01:00") is taken as written.
    """
    raw = text.strip()
    match = _CLOCK.match(raw)
    try:
        if match:
            hour, minute, second = (int(g) if g else 0 for g in match.groups())
            local = datetime.combine(today, time(hour, minute, second))
        else:
            local = datetime.fromisoformat(raw.replace(" ", "T", 1))
    except ValueError:
        local = None
    if local is None:
        raise ValidationError(
            field, f"{field} must be a time like 14:30 or 2026-11-26 14:30 (got {text!r})"
        )
    if local.tzinfo is None:
        # fold=0: a wall time skipped by a DST jump lands after the gap, and
        # an hour that happens twice means its first occurrence.
        local = local.replace(tzinfo=tz)
    return local.astimezone(UTC)
