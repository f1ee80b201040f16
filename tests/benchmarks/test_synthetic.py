"""The synthetic history generator writes what it says, the way the product would.

Why: the benchmarks' figures are only worth something if the data under them
is consistent — counts match, the day totals roll up the spans exactly, the
categories are the default rules' answers, session spans carry their session
and the window rows are the ones the product's own ``WindowIds`` finds.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from focusdesk.core.activity import WindowKey
from focusdesk.core.rules import Classifier
from focusdesk.services.context import AppContext
from focusdesk.services.rules import default_rules
from focusdesk.store.activity import WindowIds
from focusdesk.store.models import (
    ActivitySpan,
    DayTotal,
    InteractionRow,
    SessionExtension,
    SessionRow,
    Window,
)
from focusdesk.store.types import CATEGORY_CODES
from tests.benchmarks.synthetic import World, day_observations, plan_day, write_history

BERLIN = ZoneInfo("Europe/Berlin")
FIRST = date(2025, 3, 29)  # the two days around the spring DST change (a 23-hour Sunday)
SEED = 7


def test_two_days_are_consistent(sqlite_ctx: AppContext) -> None:
    classifier = Classifier(default_rules())
    stats = write_history(
        sqlite_ctx.db,
        device_id=sqlite_ctx.device_id,
        tz=BERLIN,
        first=FIRST,
        days=2,
        seed=SEED,
        classifier=classifier,
    )
    assert stats.days == 2
    assert 2 * 1_200 < stats.spans < 2 * 3_000
    assert 6 <= stats.sessions <= 10
    assert 30 <= stats.interactions <= 50

    with sqlite_ctx.db.sessions() as orm:

        def count(model: type) -> int:
            return orm.scalar(select(func.count()).select_from(model)) or 0

        assert count(ActivitySpan) == stats.spans
        assert count(SessionRow) == stats.sessions
        assert count(SessionExtension) == stats.extensions
        assert count(InteractionRow) == stats.interactions
        assert count(Window) == stats.windows

        span_sums = {
            (day, category): seconds
            for day, category, seconds in orm.execute(
                select(
                    ActivitySpan.day, ActivitySpan.category, func.sum(ActivitySpan.duration)
                ).group_by(ActivitySpan.day, ActivitySpan.category)
            )
        }
        totals = {
            (day, category): seconds
            for day, category, seconds in orm.execute(
                select(DayTotal.day, DayTotal.category, DayTotal.seconds)
            )
        }
        assert totals == span_sums
        assert sum(totals.values()) == stats.seconds
        assert {day for day, _ in totals} == set(stats.day_numbers)

        # Categories are what the default rules say about each window.
        for app, title, url, category in orm.execute(
            select(Window.app, Window.title, Window.url, ActivitySpan.category)
            .join(ActivitySpan, ActivitySpan.window_id == Window.id)
            .distinct()
        ):
            assert CATEGORY_CODES[classifier.classify(WindowKey(app, title, url))] == category

        # A span carries a session exactly when it lies inside that session's time.
        sessions = {
            row.id: (int(row.started_at.timestamp()), int(row.ended_at.timestamp()))
            for row in orm.scalars(select(SessionRow))
            if row.ended_at is not None
        }
        assert len(sessions) == stats.sessions
        tagged = 0
        for start, duration, session_id in orm.execute(
            select(ActivitySpan.start, ActivitySpan.duration, ActivitySpan.session_id)
        ):
            inside = [
                sid for sid, (a, b) in sessions.items() if a <= start and start + duration <= b
            ]
            if session_id is None:
                assert not any(a <= start < b for a, b in sessions.values())
            else:
                tagged += 1
                assert inside == [session_id]
        assert tagged > 0

        # The product's own window lookup finds the generator's rows.
        some = orm.execute(select(Window.id, Window.app, Window.title).limit(50)).all()
        with sqlite_ctx.db.engine.connect() as conn:
            ids = WindowIds()
            for window_id, app, title in some:
                assert ids.get(conn, WindowKey(app, title)) == window_id


def test_days_are_deterministic_and_replayable() -> None:
    world = World.build(SEED)
    day = FIRST + timedelta(days=1)
    once = plan_day(SEED, world, day, BERLIN)
    again = plan_day(SEED, World.build(SEED), day, BERLIN)
    assert once == again
    observations = day_observations(once, {s.index: s.index + 1 for s in once.sessions}, 5_000)
    assert len(observations) == 5_000
    assert all((b.at - a.at).total_seconds() >= 1 for a, b in pairwise(observations))
