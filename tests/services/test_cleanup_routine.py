"""Priorities 4 and 5 end to end at the service level, on SQLite and PostgreSQL.

Personal page: tracked activity during a business session gives a named
nudge and shows up in the scorecard. Clean-up: a clean-up session with its
posts-removed count makes the week "done"; a week without stays "not done".
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from focusdesk.core.drift import DriftNudge
from focusdesk.core.enums import Purpose
from focusdesk.core.errors import ConflictError, ValidationError
from focusdesk.core.settings import BusinessPage, PersonalPage
from focusdesk.services.cleanup import CleanupService
from focusdesk.services.context import AppContext
from focusdesk.services.reports import ReportService
from focusdesk.services.sessions import SessionService
from focusdesk.watchers.base import WindowInfo
from focusdesk.watchers.fake import FakeWatcher
from tests.support.clock import FakeClock
from tests.support.tracking import make_tracker, run_for

THURSDAY = date(2026, 11, 26)
GLOW = BusinessPage("Glow & Grow", "https://www.facebook.com/glowgrow/")
SHOP = BusinessPage("Glow Shop", "https://instagram.com/glowshop")
ANNA = PersonalPage("Anna Private", "https://www.facebook.com/anna.private")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A Berlin wall time (UTC+1 in November and December) as a UTC instant."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=1)


def use_pages(ctx: AppContext, *, business=(GLOW, SHOP), personal=(ANNA,)) -> None:  # type: ignore[no-untyped-def]
    ctx.save_settings(
        ctx.settings.with_changes(business_pages=tuple(business), personal_pages=tuple(personal))
    )


def scorecard_line(ctx: AppContext, day: date, priority: int) -> tuple[str | None, bool | None]:
    item = ReportService(ctx).day_summary(day).scorecard[priority - 1]
    return item.value, item.ok


# ------------------------------------------------------------------ priority 5: personal pages


def test_personal_page_in_a_session_is_nudged_by_name_and_counted(
    ctx: AppContext, clock: FakeClock
) -> None:
    use_pages(ctx)
    clock.set(at(THURSDAY, 9))
    session = SessionService(ctx).start("Message 5 prospects", 25, target=5).session
    watcher = FakeWatcher(WindowInfo("firefox", "Messenger | Facebook"), idle=0.0)
    tracking, events = make_tracker(ctx, clock, watcher)
    tracking.set_session(session.id)
    run_for(tracking, clock, 60)
    watcher.set_title("firefox", "Anna | Facebook", "https://facebook.com/anna.private/photos")
    run_for(tracking, clock, 181)
    watcher.set_title("firefox", "Messenger | Facebook")
    run_for(tracking, clock, 30)
    tracking.close()

    nudges = [e for e in events if isinstance(e, DriftNudge)]
    assert len(nudges) == 1  # 3 minutes on the page, one nudge (then five quiet minutes)
    assert nudges[0].personal_page == "Anna Private" and nudges[0].session_id == session.id
    assert nudges[0].casual_for == timedelta(seconds=10)
    assert scorecard_line(ctx, THURSDAY, 5) == ("3 min", False)


def test_personal_page_time_outside_sessions_does_not_count(
    ctx: AppContext, clock: FakeClock
) -> None:
    use_pages(ctx)
    clock.set(at(THURSDAY, 9))
    SessionService(ctx).start("Message 5 prospects", 25)
    watcher = FakeWatcher(WindowInfo("firefox", "Messenger | Facebook"), idle=0.0)
    tracking, events = make_tracker(ctx, clock, watcher)
    tracking.set_session(SessionService(ctx).current().id)  # type: ignore[union-attr]
    run_for(tracking, clock, 120)
    SessionService(ctx).stop("met")
    tracking.set_session(None)
    watcher.set_title("firefox", "Anna Private | Facebook")
    run_for(tracking, clock, 600)
    tracking.close()
    assert not [e for e in events if isinstance(e, DriftNudge)]
    assert scorecard_line(ctx, THURSDAY, 5) == ("0 min", True)


def test_without_personal_pages_the_scorecard_asks_to_register_them(
    ctx: AppContext, clock: FakeClock
) -> None:
    clock.set(at(THURSDAY, 9))
    SessionService(ctx).start("Message 5 prospects", 25)
    assert scorecard_line(ctx, THURSDAY, 5) == ("register your personal pages in Settings", None)


# ------------------------------------------------------------------ priority 4: clean-up


def test_cleanup_session_covers_all_pages_and_its_count_marks_the_week_done(
    ctx: AppContext, clock: FakeClock
) -> None:
    use_pages(ctx)
    clock.set(at(date(2026, 11, 23), 16))  # Monday
    started = CleanupService(ctx).start_cleanup()
    s = started.session
    assert s.objective == "Remove irrelevant posts from Glow & Grow and Glow Shop"
    assert s.purpose is Purpose.CLEAN_UP and s.planned_s == 15 * 60
    clock.advance(minutes=14)
    SessionService(ctx).stop("met", count=7)
    clock.set(at(THURSDAY, 18))
    assert scorecard_line(ctx, THURSDAY, 4) == ("done: 7 posts removed", True)
    assert not CleanupService(ctx).reminder_wanted()
    # Sunday late evening is still the same week; the next Monday is not.
    assert scorecard_line(ctx, date(2026, 11, 29), 4)[0] == "done: 7 posts removed"
    assert scorecard_line(ctx, date(2026, 11, 30), 4) == ("not done this week (due Friday)", None)


def test_a_week_without_cleanup_is_not_done_and_late_after_the_due_day(
    ctx: AppContext, clock: FakeClock
) -> None:
    use_pages(ctx)
    clock.set(at(THURSDAY, 9))
    SessionService(ctx).start("Message 5 prospects", 25)  # another purpose does not count
    clock.advance(minutes=25)
    SessionService(ctx).stop("met", count=5)
    assert scorecard_line(ctx, THURSDAY, 4) == ("not done this week (due Friday)", None)
    assert scorecard_line(ctx, date(2026, 11, 28), 4) == ("not done this week (due Friday)", False)
    assert CleanupService(ctx).reminder_wanted()


def test_a_chosen_page_and_a_skipped_week(ctx: AppContext, clock: FakeClock) -> None:
    use_pages(ctx)
    clock.set(at(THURSDAY, 16))
    service = CleanupService(ctx)
    assert service.start_cleanup([SHOP]).session.objective == (
        "Remove irrelevant posts from Glow Shop"
    )
    SessionService(ctx).stop()  # no count given: done, amount unknown
    assert scorecard_line(ctx, THURSDAY, 4) == ("done (posts removed not recorded)", True)
    clock.set(at(date(2026, 12, 1), 9))  # the next week
    assert service.reminder_wanted()
    service.skip_week()
    assert not service.reminder_wanted()
    assert scorecard_line(ctx, date(2026, 12, 1), 4) == ("skipped this week", False)
    clock.set(at(date(2026, 12, 7), 9))
    assert service.reminder_wanted()


def test_starting_a_cleanup_is_refused_while_a_session_runs_or_without_pages(
    ctx: AppContext, clock: FakeClock
) -> None:
    clock.set(at(THURSDAY, 9))
    with pytest.raises(ValidationError, match="Register your business pages in Settings"):
        CleanupService(ctx).start_cleanup()
    use_pages(ctx)
    SessionService(ctx).start("Message 5 prospects", 25)
    with pytest.raises(ConflictError, match="already running"):
        CleanupService(ctx).start_cleanup()
