"""Cutting UTC instants into the user's local days.

Everything is stored in UTC, but a person's "today" runs from local midnight
to local midnight, which is 23 or 25 hours long on DST change days. Records
carry their local day as an *epoch day* (days since 1970-01-01), a small
integer that indexes and groups cheaply on both SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

_EPOCH = date(1970, 1, 1)


def ensure_utc(instant: datetime) -> datetime:
    """Refuse naive datetimes: an instant without a zone is a bug waiting for DST."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"naive datetime {instant!r}: instants must carry a time zone")
    return instant.astimezone(UTC)


def epoch_day(day: date) -> int:
    return (day - _EPOCH).days


def from_epoch_day(number: int) -> date:
    return _EPOCH + timedelta(days=number)


def local_date(instant: datetime, tz: tzinfo) -> date:
    return ensure_utc(instant).astimezone(tz).date()


def local_day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """UTC start (inclusive) and end (exclusive) of ``day`` as lived in ``tz``."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def next_local_midnight(instant: datetime, tz: tzinfo) -> datetime:
    """The first local midnight strictly after ``instant``, in UTC."""
    return local_day_bounds(local_date(instant, tz), tz)[1]


def split_at_midnights(
    start: datetime, end: datetime, tz: tzinfo
) -> list[tuple[date, datetime, datetime]]:
    """Cut [start, end) into pieces that each lie within one local day."""
    start, end = ensure_utc(start), ensure_utc(end)
    pieces: list[tuple[date, datetime, datetime]] = []
    cursor = start
    while True:
        day = local_date(cursor, tz)
        boundary = local_day_bounds(day, tz)[1]
        if end <= boundary:
            pieces.append((day, cursor, end))
            return pieces
        pieces.append((day, cursor, boundary))
        cursor = boundary


def days_between(first: date, last: date) -> list[date]:
    """Every date from ``first`` to ``last`` inclusive."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
