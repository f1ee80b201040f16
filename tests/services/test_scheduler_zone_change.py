"""A daily 09:00 reminder when the user's zone changes while the app runs: exactly once a date.

Each run time carries a local date (the date, in the zone that scheduled it,
whose 09:00 it is). After a change between America/New_York and Europe/Berlin
(6 hours apart in June) at various moments, the clock walks in 5-minute steps
for 50 hours after the change; every date from the change day on
must be settled exactly once, fired or recorded missed, and never both.

Flying east (New York to Berlin) at 07:00 New York time, Berlin's 09:00 of
that day passed four hours ago and New York's 09:00 has not come: the day's
reminder is owed, and it is settled like one missed while asleep, recorded
missed (beyond the 30-minute grace), not fired late. Flying west after
Berlin's 09:00 fired, New York's 09:00 of the same date is not fired again.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from focusdesk.core.reminders import DueReminder, grace_for
from focusdesk.core.settings import SessionReminder, Settings
from focusdesk.services.context import AppContext
from tests.support.clock import FakeClock
from tests.support.reminder_scheduler import Recorder

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
NAMES = {NY: "NY", BERLIN: "Berlin"}
D = date(2026, 6, 10)  # a Wednesday, far from any summer-time change
STEP = timedelta(minutes=5)


def local(zone: ZoneInfo, hhmm: str, day: date = D) -> datetime:
    hour, minute = (int(p) for p in hhmm.split(":"))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone).astimezone(UTC)


def daily_nine(ctx: AppContext) -> None:
    ctx.save_settings(
        Settings(
            session_reminders=(SessionReminder("09:00", objective="Call 3 leads"),),
            summary_reminder=False,
            cleanup_reminder=False,
        )
    )


def label(at: datetime) -> tuple[str, int]:
    """The zone whose 09:00 ``at`` is, and its date as days after D."""
    matches = [z for z in (NY, BERLIN) if at.astimezone(z).strftime("%H:%M") == "09:00"]
    assert len(matches) == 1, at
    return NAMES[matches[0]], (at.astimezone(matches[0]).date() - D).days


class Walk:
    """A scheduler on an injected clock that remembers when it delivered what."""

    def __init__(self, ctx: AppContext, clock: FakeClock) -> None:
        self.ctx, self.clock = ctx, clock
        self.rec = Recorder(ctx)
        self.fired: list[tuple[datetime, DueReminder]] = []

    def run(self) -> None:
        self.fired.extend((self.clock(), due) for due in self.rec.run())

    def until(self, end: datetime, changes: dict[datetime, ZoneInfo] | None = None) -> None:
        pending = sorted((changes or {}).items())
        while self.clock() < end:
            while pending and pending[0][0] <= self.clock():
                self.rec.rezone(pending.pop(0)[1])
            self.run()
            self.clock.advance(seconds=STEP.total_seconds())

    def outcome(self) -> list[tuple[str, int, str]]:
        """Every settled run time, oldest first: (zone, date offset, 'fired'|'missed')."""
        settled = [(due.due_at, "fired") for _, due in self.fired]
        settled += [(due.due_at, "missed") for due in self.rec.missed]
        return [(*label(at), how) for at, how in sorted(settled)]

    def check_exactly_once(self) -> None:
        outcome = self.outcome()
        offsets = [offset for _, offset, _ in outcome]
        assert offsets == list(range(offsets[0], offsets[0] + len(offsets))), outcome
        grace = grace_for("session")
        for delivered_at, due in self.fired:
            assert timedelta(0) <= delivered_at - due.due_at <= grace, (delivered_at, due)


@pytest.fixture
def walk(tmp_path: Path) -> Iterator:  # type: ignore[type-arg]
    made: list[Walk] = []

    def make(zone: ZoneInfo, start: datetime, database_url: str | None = None) -> Walk:
        clock = FakeClock(start)
        ctx = AppContext.create(tmp_path / f"data{len(made)}", database_url, clock=clock, tz=zone)
        daily_nine(ctx)
        w = Walk(ctx, clock)
        made.append(w)
        return w

    yield make
    for w in made:
        w.rec.close()
        w.ctx.close()


# The walk ends 50 hours after the change; the dates it settled, oldest first.
EAST = [  # New York to Berlin; the change at this New York time on D
    ("02:00", [("Berlin", 0, "fired"), ("Berlin", 1, "fired"), ("Berlin", 2, "fired")]),
    ("03:10", [("Berlin", 0, "fired"), ("Berlin", 1, "fired"), ("Berlin", 2, "fired")]),
    ("03:45", [("Berlin", 0, "missed"), ("Berlin", 1, "fired"), ("Berlin", 2, "fired")]),
    ("07:00", [("Berlin", 0, "missed"), ("Berlin", 1, "fired"), ("Berlin", 2, "fired")]),
    ("09:05", [("NY", 0, "fired"), ("Berlin", 1, "fired"), ("Berlin", 2, "fired")]),
    ("20:00", [("NY", 0, "fired"), ("Berlin", 1, "fired"), ("Berlin", 2, "fired")]),
]
WEST = [  # Berlin to New York; the change at this Berlin time on D
    ("02:00", [("NY", 0, "fired"), ("NY", 1, "fired")]),
    ("08:55", [("NY", 0, "fired"), ("NY", 1, "fired")]),
    ("09:05", [("Berlin", 0, "fired"), ("NY", 1, "fired")]),
    ("15:30", [("Berlin", 0, "fired"), ("NY", 1, "fired"), ("NY", 2, "fired")]),
    ("23:00", [("Berlin", 0, "fired"), ("NY", 1, "fired"), ("NY", 2, "fired")]),
]
AFTER = timedelta(hours=50)


TRIPS = [(NY, BERLIN, *case) for case in EAST] + [(BERLIN, NY, *case) for case in WEST]


@pytest.mark.parametrize(
    ("home", "away", "when", "expected"),
    TRIPS,
    ids=[f"{NAMES[h]}-to-{NAMES[a]}-at-{w}" for h, a, w, _ in TRIPS],
)
def test_a_zone_change_reminds_once_a_date(walk, home, away, when, expected) -> None:  # type: ignore[no-untyped-def]
    w = walk(home, local(home, "00:00"))
    w.rec.sync()
    change = local(home, when)
    w.until(change + AFTER, {change: away})
    assert w.outcome() == expected
    w.check_exactly_once()
    assert w.ctx.tz is away


def test_the_east_example_fires_nothing_at_once_and_books_the_missed_date(walk) -> None:  # type: ignore[no-untyped-def]
    w = walk(NY, local(NY, "06:55"))
    w.rec.sync()
    w.run()
    w.clock.set(local(NY, "07:00"))
    w.rec.rezone(BERLIN)
    assert w.rec.run() == []  # no late flood: Berlin's 09:00 passed 4 hours ago
    assert [m.due_at for m in w.rec.missed] == [local(BERLIN, "09:00")]
    assert w.rec.scheduler.next_runs() == {
        "session-0900-daily": local(BERLIN, "09:00", D + timedelta(days=1))
    }


def test_there_and_back_on_one_morning_reminds_once(walk) -> None:  # type: ignore[no-untyped-def]
    w = walk(NY, local(NY, "00:00"))
    w.rec.sync()
    there, back = local(NY, "01:00"), local(NY, "02:00")  # before Berlin's 09:00 (03:00 NY)
    w.until(back + AFTER, {there: BERLIN, back: NY})
    assert w.outcome() == [("NY", 0, "fired"), ("NY", 1, "fired")]
    w.check_exactly_once()


@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_a_zone_change_while_the_app_was_closed_resumes_on_the_pending_date(
    walk, request, database
) -> None:  # type: ignore[no-untyped-def]
    """Berlin's 09:00 fired, the app quit, and it starts again in New York before
    New York's 09:00 of the same date: that date was reminded already."""
    url = None
    if database == "postgres":
        url = request.getfixturevalue("postgres_server").create_database("t_zone_restart")
    w = walk(BERLIN, local(BERLIN, "08:30"), url)
    w.rec.sync()
    w.until(local(BERLIN, "10:00"))
    w.rec.close()
    w.ctx.tz = NY  # the next start reads the new system zone
    w.clock.set(local(NY, "08:00"))
    w.rec = Recorder(w.ctx)
    w.rec.sync()
    assert w.rec.scheduler.next_runs() == {
        "session-0900-daily": local(NY, "09:00", D + timedelta(days=1))
    }
    w.until(local(NY, "08:00") + AFTER)
    assert w.outcome() == [("Berlin", 0, "fired"), ("NY", 1, "fired"), ("NY", 2, "fired")]
    w.check_exactly_once()
