"""A daily reminder across summer-time changes fires once a day: no skip, no double.

The clock walks in half-hour steps over four local days around each change
in Europe/Berlin and America/New_York, checking the schedule at every step.
02:30 does not exist on the spring day (it fires at the first instant after
the gap, 01:30 UTC / 06:30 UTC) and exists twice on the autumn day in Berlin,
as 01:30 does in New York: APScheduler's trigger yields both, ``next_fire``
keeps one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from focusdesk.core.settings import SessionReminder, Settings
from focusdesk.services.context import AppContext
from tests.support.clock import FakeClock
from tests.support.reminder_scheduler import Recorder

CHANGES = [
    ("Europe/Berlin", date(2026, 3, 29)),
    ("Europe/Berlin", date(2026, 10, 25)),
    ("America/New_York", date(2026, 3, 8)),
    ("America/New_York", date(2026, 11, 1)),
]


@pytest.fixture
def make_ctx(tmp_path: Path) -> Iterator:  # type: ignore[type-arg]
    made: list[AppContext] = []

    def make(zone: str, clock: FakeClock) -> AppContext:
        ctx = AppContext.create(
            tmp_path / zone.replace("/", "_"), None, clock=clock, tz=ZoneInfo(zone)
        )
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


@pytest.mark.parametrize(("zone", "change_day"), CHANGES, ids=[f"{z}-{d}" for z, d in CHANGES])
@pytest.mark.parametrize("time", ["09:00", "02:30", "01:30"])
def test_daily_reminder_fires_once_each_local_day_across_dst(
    make_ctx, zone, change_day, time
) -> None:  # type: ignore[no-untyped-def]
    tz = ZoneInfo(zone)
    first_day = change_day - timedelta(days=2)
    clock = FakeClock(
        datetime(first_day.year, first_day.month, first_day.day, tzinfo=tz).astimezone(UTC)
    )
    ctx = make_ctx(zone, clock)
    ctx.save_settings(
        Settings(
            session_reminders=(SessionReminder(time, objective="Daily prospecting"),),
            summary_reminder=False,
            cleanup_reminder=False,
        )
    )
    rec = Recorder(ctx)
    try:
        rec.sync()
        end = clock() + timedelta(days=4)
        while clock() < end:
            rec.run()
            clock.advance(minutes=30)
    finally:
        rec.close()
    per_day = Counter(d.due_at.astimezone(tz).date() for d in rec.delivered)
    days = [first_day + timedelta(days=n) for n in range(4)]
    assert per_day == Counter(days), per_day
    assert rec.missed == []
    hour, minute = (int(p) for p in time.split(":"))
    for due in rec.delivered:
        local = due.due_at.astimezone(tz)
        # The wall time asked for, or the hour after it when that time did not exist.
        assert (local.hour, local.minute) in ((hour, minute), (hour + 1, minute)), local
