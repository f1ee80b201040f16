from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from focusdesk.core.enums import Category
from focusdesk.core.errors import ValidationError
from focusdesk.services.activity import ActivityService
from focusdesk.services.context import AppContext
from focusdesk.services.reports import ReportService
from focusdesk.services.rules import RuleService
from focusdesk.services.sessions import SessionService
from focusdesk.services.timeline import TimelineService
from tests.support.clock import FakeClock

DAY = date(2026, 11, 26)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=1)


def test_day_timeline_lists_spans_in_order(ctx: AppContext, clock: FakeClock) -> None:
    clock.set(at(18))
    activity = ActivityService(ctx)
    activity.add_manual("firefox", "Reels | Facebook", at(11), at(11, 30))
    activity.add_manual("firefox", "Messenger | Facebook", at(9), at(10))
    spans = TimelineService(ctx).day(DAY)
    assert [(s.title, s.category, s.seconds) for s in spans] == [
        ("Messenger | Facebook", Category.BUSINESS, 3600),
        ("Reels | Facebook", Category.CASUAL, 1800),
    ]


def test_relabel_one_span_updates_the_day_totals(ctx: AppContext, clock: FakeClock) -> None:
    clock.set(at(18))
    ActivityService(ctx).add_manual("firefox", "Reels | Facebook", at(11), at(11, 30))
    [span] = TimelineService(ctx).day(DAY)
    result = TimelineService(ctx).relabel(span.id, "business")
    assert result.spans == 1 and result.rule is None
    totals = ReportService(ctx).day_summary(DAY).totals
    assert (totals.business_s, totals.casual_s) == (1800, 0)


def test_relabel_always_creates_a_winning_rule_and_fixes_the_past(
    ctx: AppContext, clock: FakeClock
) -> None:
    clock.set(at(18, day=DAY + timedelta(days=1)))
    activity = ActivityService(ctx)
    yesterday = DAY - timedelta(days=1)
    activity.add_manual(
        "firefox", "Team Alpha | Facebook Groups", at(9, day=yesterday), at(10, day=yesterday)
    )
    activity.add_manual("firefox", "Team Alpha | Facebook Groups", at(9), at(9, 30))
    activity.add_manual("firefox", "Other Group | Facebook Groups", at(10), at(10, 30))
    timeline = TimelineService(ctx)
    first = timeline.day(DAY)[0]
    assert first.category is Category.BUSINESS
    result = timeline.relabel(first.id, "casual", always=True)
    assert result.spans == 2 and result.rule is not None and result.rule.position == 0
    assert RuleService(ctx).test(title="Team Alpha | Facebook Groups").category is Category.CASUAL
    assert (
        RuleService(ctx).test(title="Other Group | Facebook Groups").category is Category.BUSINESS
    )
    reports = ReportService(ctx)
    assert reports.day_summary(yesterday).totals.casual_s == 3600
    assert reports.day_summary(DAY).totals.casual_s == 1800
    assert reports.day_summary(DAY).totals.business_s == 1800


def test_relabel_of_a_missing_span_is_explained(ctx: AppContext) -> None:
    with pytest.raises(ValidationError, match="no longer exists"):
        TimelineService(ctx).relabel(12345, "casual")


def test_session_time_split(ctx: AppContext, clock: FakeClock) -> None:
    clock.set(at(9))
    sessions = SessionService(ctx)
    s = sessions.start("Message 5 prospects", 30).session
    clock.set(at(9, 40))
    activity = ActivityService(ctx)
    activity.add_manual("firefox", "Messenger | Facebook", at(9), at(9, 20))
    activity.add_manual("firefox", "Reels | Facebook", at(9, 20), at(9, 25))
    assert sessions.time_split(s.id) == {"business": 1200, "casual": 300, "neutral": 0}
