"""Activity after a time-zone change lands on the right local day.

New York and Berlin are 6 hours apart in June. Ten minutes of one window
around Berlin's midnight (New York's 18:00), with the zone changing half-way:
the part before the change is dated in the old zone, the rest in the new one,
cut at the new zone's midnight only. The day totals always equal the spans.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from focusdesk.core.activity import WindowKey
from focusdesk.core.days import epoch_day
from focusdesk.services.context import AppContext
from focusdesk.store.models import ActivitySpan
from focusdesk.watchers.base import WindowInfo
from focusdesk.watchers.fake import FakeWatcher
from tests.services.test_recording import feed, recorder, span_sums, totals
from tests.support.clock import FakeClock
from tests.support.tracking import make_tracker, run_for

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
DOC = WindowKey("libreoffice", "plan.odt")
BEFORE = datetime(2026, 6, 10, 21, 50, tzinfo=UTC)  # 23:50 Berlin, 17:50 New York
BERLIN_MIDNIGHT = datetime(2026, 6, 10, 22, 0, tzinfo=UTC)  # 18:00 New York
JUNE_10, JUNE_11 = epoch_day(date(2026, 6, 10)), epoch_day(date(2026, 6, 11))


def days(ctx: AppContext) -> list[tuple[int, int]]:
    """(day, seconds) of each stored span, oldest first."""
    query = select(ActivitySpan.day, ActivitySpan.duration).order_by(ActivitySpan.start)
    with ctx.db.sessions() as session:
        return [(day, seconds) for day, seconds in session.execute(query)]


def test_flying_east_the_rest_of_the_evening_is_the_next_day(ctx: AppContext) -> None:
    ctx.tz = NY
    rec = recorder(ctx)
    at = feed(rec, BEFORE, [(DOC, 300)])
    rec.set_zone(BERLIN, at)
    feed(rec, at, [(DOC, 900)])
    rec.close()
    assert days(ctx) == [(JUNE_10, 299), (JUNE_10, 301), (JUNE_11, 599)]
    assert totals(ctx) == span_sums(ctx)


def test_flying_west_berlins_midnight_no_longer_cuts_the_evening(ctx: AppContext) -> None:
    rec = recorder(ctx)  # the ctx fixture's zone is Berlin
    at = feed(rec, BEFORE, [(DOC, 300)])
    rec.set_zone(NY, at)
    feed(rec, at, [(DOC, 900)])
    rec.close()
    assert days(ctx) == [(JUNE_10, 299), (JUNE_10, 900)]
    assert totals(ctx) == span_sums(ctx)


def test_spans_pending_in_a_failed_write_keep_the_zone_they_were_lived_in(
    ctx: AppContext,
) -> None:
    """New York's 18:00-18:05 is already the 11th in Berlin: written late, it stays the 10th."""
    ctx.tz = NY
    rec = recorder(ctx)
    original = rec._connection
    broken = {"on": True}  # the database is away from 18:00 until after the change

    def flaky():  # type: ignore[no-untyped-def]
        if broken["on"]:
            raise OSError("database unavailable")
        return original()

    rec._connection = flaky  # type: ignore[method-assign]
    at = feed(rec, BERLIN_MIDNIGHT, [(DOC, 300)])
    rec.set_zone(BERLIN, at)
    at = feed(rec, at, [(DOC, 100)])
    broken["on"] = False
    feed(rec, at, [(DOC, 100)])
    rec.close()
    assert days(ctx) == [(JUNE_10, 299), (JUNE_11, 200)]
    assert totals(ctx) == span_sums(ctx)


def test_the_tracking_thread_takes_the_new_zone_at_its_next_poll(
    ctx: AppContext, clock: FakeClock
) -> None:
    ctx.tz = NY
    clock.set(BEFORE)
    watcher = FakeWatcher(WindowInfo("libreoffice", "plan.odt"), idle=0.0)
    tracker, _events = make_tracker(ctx, clock, watcher)
    run_for(tracker, clock, 300)
    ctx.tz = BERLIN  # as the app's zone check does, then it hands the zone over
    tracker.rezone(BERLIN)
    run_for(tracker, clock, 900)
    tracker.close()
    assert [day for day, _ in days(ctx)] == [JUNE_10, JUNE_10, JUNE_11]
    assert sum(seconds for _, seconds in days(ctx)) == pytest.approx(1199, abs=1)
    assert totals(ctx) == span_sums(ctx)
