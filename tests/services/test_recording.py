from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from focusdesk.core.activity import Observation, WindowKey
from focusdesk.core.enums import Category
from focusdesk.services.context import AppContext
from focusdesk.services.recording import Recorder
from focusdesk.services.rules import RuleService
from focusdesk.services.sessions import SessionService
from focusdesk.store.models import ActivitySpan, DayTotal, Window
from focusdesk.store.types import CATEGORY_BY_CODE
from tests.support.clock import FakeClock

INBOX = WindowKey("firefox", "Messenger | Facebook")
FEED = WindowKey("firefox", "(3) Facebook")
DOC = WindowKey("libreoffice", "plan.odt")


def recorder(ctx: AppContext) -> Recorder:
    return Recorder(
        ctx.db, device_id=ctx.device_id, classifier=RuleService(ctx).classifier(), tz=ctx.tz
    )


def stored(ctx: AppContext) -> list[tuple[str, int, int, str, int | None]]:
    query = (
        select(
            Window.title,
            ActivitySpan.start,
            ActivitySpan.duration,
            ActivitySpan.category,
            ActivitySpan.session_id,
        )
        .join(Window, Window.id == ActivitySpan.window_id)
        .order_by(ActivitySpan.start)
    )
    with ctx.db.sessions() as session:
        return [
            (t, s, d, CATEGORY_BY_CODE[c].value, sid) for t, s, d, c, sid in session.execute(query)
        ]


def totals(ctx: AppContext) -> dict[tuple[int, str], int]:
    with ctx.db.sessions() as session:
        rows = session.execute(select(DayTotal.day, DayTotal.category, DayTotal.seconds))
        return {(day, CATEGORY_BY_CODE[c].value): s for day, c, s in rows if s}


def span_sums(ctx: AppContext) -> dict[tuple[int, str], int]:
    query = select(
        ActivitySpan.day, ActivitySpan.category, func.sum(ActivitySpan.duration)
    ).group_by(ActivitySpan.day, ActivitySpan.category)
    with ctx.db.sessions() as session:
        return {(day, CATEGORY_BY_CODE[c].value): int(s) for day, c, s in session.execute(query)}


def feed(
    rec: Recorder, start: datetime, plan: list[tuple[WindowKey, int]], session_id: int | None = None
) -> datetime:
    at = start
    for window, seconds in plan:
        for _ in range(seconds):
            rec.observe(Observation(at, window, session_id))
            at += timedelta(seconds=1)
    return at


def test_observations_become_classified_spans_and_day_totals(
    ctx: AppContext, clock: FakeClock
) -> None:
    rec = recorder(ctx)
    end = feed(rec, clock(), [(INBOX, 30), (FEED, 20), (DOC, 10), (INBOX, 5)])
    rec.observe(Observation(end, DOC))
    rec.close()
    spans = stored(ctx)
    assert [(t, d, c) for t, _, d, c, _ in spans] == [
        ("Messenger | Facebook", 30, "business"),
        ("(3) Facebook", 20, "casual"),
        ("plan.odt", 10, "neutral"),
        ("Messenger | Facebook", 5, "business"),
    ]
    assert totals(ctx) == span_sums(ctx)
    assert sum(totals(ctx).values()) == 65


def test_windows_are_stored_once(ctx: AppContext, clock: FakeClock) -> None:
    rec = recorder(ctx)
    feed(rec, clock(), [(INBOX, 3), (FEED, 3)] * 20)
    rec.close()
    with ctx.db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Window)) == 2
        assert session.scalar(select(func.count()).select_from(ActivitySpan)) == 40


def test_a_crash_loses_at_most_the_flush_interval(ctx: AppContext, clock: FakeClock) -> None:
    rec = recorder(ctx)
    feed(rec, clock(), [(INBOX, 600), (FEED, 47)])
    # No close(): the process dies here. What is in the database already?
    recorded = sum(d for _, _, d, _, _ in stored(ctx))
    assert 647 - 6 <= recorded <= 647
    assert totals(ctx) == span_sums(ctx)


def test_spans_are_cut_at_local_midnight(ctx: AppContext) -> None:
    rec = recorder(ctx)
    before_midnight = datetime(2026, 11, 26, 22, 59, 0, tzinfo=UTC)  # 23:59 in Berlin
    feed(rec, before_midnight, [(DOC, 121)])
    rec.close()
    spans = stored(ctx)
    assert [d for _, _, d, _, _ in spans] == [60, 60]
    days = sorted({day for day, _ in totals(ctx)})
    assert len(days) == 2 and days[1] == days[0] + 1
    assert totals(ctx) == span_sums(ctx)


def test_session_changes_cut_spans_and_attribute_time(ctx: AppContext, clock: FakeClock) -> None:
    session_id = SessionService(ctx).start("Reply to 5 messages", 10).session.id
    rec = recorder(ctx)
    at = feed(rec, clock(), [(INBOX, 10)])
    at = feed(rec, at, [(INBOX, 20), (FEED, 5)], session_id)
    feed(rec, at, [(FEED, 5)])
    rec.close()
    assert [(d, sid) for _, _, d, _, sid in stored(ctx)] == [
        (10, None),
        (20, session_id),
        (5, session_id),
        (4, None),
    ]


def test_long_gaps_are_not_counted(ctx: AppContext, clock: FakeClock) -> None:
    rec = recorder(ctx)
    at = feed(rec, clock(), [(DOC, 10)])
    feed(rec, at + timedelta(minutes=30), [(DOC, 10)])
    rec.gap(at + timedelta(minutes=31))
    rec.close()
    assert [d for _, _, d, _, _ in stored(ctx)] == [9, 9]


def test_a_failed_write_is_retried_without_loss(ctx: AppContext, clock: FakeClock) -> None:
    rec = recorder(ctx)
    original = rec._connection
    calls = {"n": 0}

    def flaky():  # the database is briefly unavailable for two flushes
        calls["n"] += 1
        if calls["n"] in (2, 3):
            raise OSError("database unavailable")
        return original()

    rec._connection = flaky  # type: ignore[method-assign]
    feed(rec, clock(), [(INBOX, 20), (FEED, 20), (DOC, 20)])
    rec.close()
    assert [(t, d) for t, _, d, _, _ in stored(ctx)] == [
        ("Messenger | Facebook", 20),
        ("(3) Facebook", 20),
        ("plan.odt", 19),
    ]
    assert totals(ctx) == span_sums(ctx)


def test_category_comes_from_rules_at_write_time(ctx: AppContext, clock: FakeClock) -> None:
    RuleService(ctx).add("title", r"plan\.odt", "business", position=0)
    rec = recorder(ctx)
    feed(rec, clock(), [(DOC, 5), (FEED, 2)])
    rec.close()
    assert stored(ctx)[0][3] == Category.BUSINESS.value
