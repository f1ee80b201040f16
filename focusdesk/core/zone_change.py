"""Noticing that the user's time zone changed, and where a schedule resumes after it.

The zone is read once at start, but people travel and systems get re-set
while the app runs. A watcher compares each reading of the system's zone
with the previous one; on a change the services adopt the new zone, so the
09:00 reminder comes at 09:00 where the user now is and days are cut there.

Zone objects are compared by what they do, not by identity: two readings
of the same named zone are equal, while a zone built from a file (tzlocal
names those all "local") counts as the same only if its offsets agree now
and half a year on (which tells summer and winter rules apart).

Where a daily schedule resumes (``resume_point``): each reminder run time
carries a local date. Everything before the pending run's date (in the old
zone) has been settled, fired or recorded missed. The new zone takes over
from the start of that same date as lived in the new zone, so no date gets
two reminders and none gets none. A run time the new zone puts in the past
(flying east, the new 09:00 already passed) is then settled like one missed
while asleep: shown once if still within its grace, else recorded missed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from focusdesk.core.days import local_date, local_day_bounds

HALF_YEAR = timedelta(days=182)


def zone_name(zone: tzinfo) -> str:
    """'Europe/Berlin' for a named zone; otherwise the zone's own text ('UTC', 'local')."""
    key = getattr(zone, "key", None)
    return key if isinstance(key, str) and key else str(zone)


def same_zone(a: tzinfo, b: tzinfo, at: datetime) -> bool:
    """Whether ``a`` and ``b`` keep the same local time around ``at`` (aware)."""
    if a is b:
        return True
    if zone_name(a) != zone_name(b):
        return False
    return all(
        instant.astimezone(a).utcoffset() == instant.astimezone(b).utcoffset()
        for instant in (at, at + HALF_YEAR)
    )


@dataclass(frozen=True, slots=True)
class ZoneChange:
    old: tzinfo
    new: tzinfo

    @property
    def old_name(self) -> str:
        return zone_name(self.old)

    @property
    def new_name(self) -> str:
        return zone_name(self.new)


@dataclass
class ZoneWatch:
    """Remembers the last zone read; ``check`` reports a change once."""

    _last: tzinfo | None = field(default=None, repr=False)

    def check(self, zone: tzinfo, at: datetime) -> ZoneChange | None:
        """The first reading sets the baseline; later ones report a change from it."""
        before = self._last
        self._last = zone
        if before is None or same_zone(before, zone, at):
            return None
        return ZoneChange(before, zone)


def resume_point(pending: datetime, old: tzinfo, new: tzinfo) -> datetime:
    """The UTC instant from which a schedule pending at ``pending`` (in ``old``)
    continues in ``new``: the start, in ``new``, of the pending run's local date."""
    return local_day_bounds(local_date(pending, old), new)[0]
