from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from focusdesk.core.drift import CasualBudget, DriftWatch
from focusdesk.core.enums import Category

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
CASUAL, BUSINESS = Category.CASUAL, Category.BUSINESS


def seconds(n: float) -> datetime:
    return T0 + timedelta(seconds=n)


def test_a_minute_of_casual_use_in_a_session_gives_one_nudge() -> None:
    watch = DriftWatch()
    nudges = [
        watch.observe(seconds(s), CASUAL, 7, "firefox", "Reels | Facebook") for s in range(0, 61)
    ]
    fired = [n for n in nudges if n is not None]
    assert len(fired) == 1 and fired[0].casual_for == timedelta(seconds=60)
    assert fired[0].title == "Reels | Facebook" and fired[0].session_id == 7


def test_business_in_between_restarts_the_count() -> None:
    watch = DriftWatch()
    for s in range(0, 50):
        assert watch.observe(seconds(s), CASUAL, 7, "firefox", "Feed") is None
    watch.observe(seconds(50), BUSINESS, 7, "firefox", "Messenger")
    for s in range(51, 110):
        assert watch.observe(seconds(s), CASUAL, 7, "firefox", "Feed") is None
    assert watch.observe(seconds(111), CASUAL, 7, "firefox", "Feed") is not None


def test_no_nudge_outside_sessions_and_at_most_once_per_five_minutes() -> None:
    watch = DriftWatch()
    assert all(watch.observe(seconds(s), CASUAL, None, "a", "b") is None for s in range(0, 200))
    fired = [s for s in range(0, 900) if watch.observe(seconds(s), CASUAL, 3, "a", "b")]
    assert fired == [60, 360, 660]


def test_a_personal_page_is_nudged_after_ten_seconds_and_named() -> None:
    watch = DriftWatch()
    fired = [
        (s, n)
        for s in range(0, 30)
        if (n := watch.observe(seconds(s), CASUAL, 7, "firefox", "Anna | Facebook", "Anna"))
    ]
    assert [s for s, _ in fired] == [10]
    assert fired[0][1].personal_page == "Anna" and fired[0][1].casual_for == timedelta(seconds=10)


def test_personal_and_generic_casual_nudges_share_the_five_minute_quiet() -> None:
    watch = DriftWatch()
    fired = [s for s in range(0, 61) if watch.observe(seconds(s), CASUAL, 7, "a", "Feed")]
    assert fired == [60]
    later = [s for s in range(61, 361) if watch.observe(seconds(s), CASUAL, 7, "a", "Me", "Mine")]
    assert later == [360]


def test_moving_to_another_personal_page_starts_its_own_count() -> None:
    watch = DriftWatch()
    for s in range(0, 9):
        assert watch.observe(seconds(s), CASUAL, 7, "a", "A", "First") is None
    for s in range(9, 18):
        assert watch.observe(seconds(s), CASUAL, 7, "a", "B", "Second") is None
    nudge = watch.observe(seconds(19), CASUAL, 7, "a", "B", "Second")
    assert nudge is not None and nudge.personal_page == "Second"


def test_daily_casual_budget_reminds_once_a_day_outside_sessions() -> None:
    budget = CasualBudget(timedelta(minutes=30))
    day = date(2026, 11, 26)
    assert not budget.add(day, 20 * 60, CASUAL, in_session=False)
    assert not budget.add(day, 9 * 60, CASUAL, in_session=False)
    assert not budget.add(day, 600, BUSINESS, in_session=False)
    assert budget.add(day, 60, CASUAL, in_session=False)
    assert not budget.add(day, 3600, CASUAL, in_session=False)
    assert budget.used == timedelta(minutes=90)
    tomorrow = date(2026, 11, 27)
    assert not budget.add(tomorrow, 29 * 60, CASUAL, in_session=False)
    assert budget.add(tomorrow, 60, CASUAL, in_session=False)


def test_casual_time_inside_a_session_counts_but_does_not_remind() -> None:
    budget = CasualBudget(timedelta(minutes=30))
    day = date(2026, 11, 26)
    assert not budget.add(day, 40 * 60, CASUAL, in_session=True)
    assert budget.add(day, 1, CASUAL, in_session=False)
