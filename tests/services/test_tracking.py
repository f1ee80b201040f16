from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from focusdesk.core.drift import DriftNudge
from focusdesk.services.context import AppContext
from focusdesk.services.reports import ReportService
from focusdesk.services.rules import RuleService
from focusdesk.services.sessions import SessionService
from focusdesk.services.timeline import TimelineService
from focusdesk.services.tracking import BudgetPassed, TrackingState, TrackingTuning
from focusdesk.watchers.base import WindowInfo
from focusdesk.watchers.fake import FakeWatcher
from tests.support.clock import FakeClock
from tests.support.tracking import make_tracker, run_for


@dataclass
class Window:
    app: str
    title: str
    url: str = ""


class ScriptedWatcher:
    """Stands in for a platform backend: shows what the test sets, may fail on demand."""

    def __init__(self) -> None:
        self.window: Window | None = Window("firefox", "Messenger | Facebook")
        self.idle = 0.0
        self.fail = False
        self.closed = 0

    def active_window(self) -> Window | None:
        if self.fail:
            raise OSError("display went away")
        return self.window

    def idle_seconds(self) -> float | None:
        return self.idle

    def close(self) -> None:
        self.closed += 1


def test_polls_become_classified_activity(ctx: AppContext, clock: FakeClock) -> None:
    watcher = ScriptedWatcher()
    tracker, events = make_tracker(ctx, clock, watcher)
    run_for(tracker, clock, 30)
    watcher.window = Window("firefox", "Reels | Facebook")
    run_for(tracker, clock, 20)
    tracker.close()
    totals = ReportService(ctx).day_summary(clock().astimezone(ctx.tz).date()).totals
    assert (totals.business_s, totals.casual_s) == (30, 19)
    assert TrackingState("tracking", "firefox", "casual") in events


def test_away_is_back_dated_to_the_last_input(ctx: AppContext, clock: FakeClock) -> None:
    watcher = ScriptedWatcher()
    tracker, events = make_tracker(ctx, clock, watcher)
    run_for(tracker, clock, 60)  # a minute of work
    watcher.idle = 0
    for second in range(1, 300):  # then the user walks away; the window stays in front
        watcher.idle = second
        tracker.step()
        clock.advance(seconds=1)
    tracker.close()
    assert TrackingState("away") in events
    spans = TimelineService(ctx).day(clock().astimezone(ctx.tz).date())
    assert sum(s.seconds for s in spans) in range(58, 61)  # the idle minutes were not counted


def test_pause_records_nothing(ctx: AppContext, clock: FakeClock) -> None:
    watcher = ScriptedWatcher()
    tracker, events = make_tracker(ctx, clock, watcher)
    tracker.pause(True)
    run_for(tracker, clock, 30)
    tracker.close()
    assert TrackingState("paused") in events
    assert TimelineService(ctx).day(clock().astimezone(ctx.tz).date()) == []


def test_a_failing_backend_is_survived_and_retried(ctx: AppContext, clock: FakeClock) -> None:
    watcher = ScriptedWatcher()
    tracker, events = make_tracker(ctx, clock, watcher)
    run_for(tracker, clock, 10)
    watcher.fail = True
    run_for(tracker, clock, 12)
    assert any(isinstance(e, TrackingState) and e.status == "error" for e in events)
    assert watcher.closed >= 1  # dropped and reconnected after repeated failures
    watcher.fail = False
    run_for(tracker, clock, 10)
    tracker.close()
    assert events[-1] == TrackingState("tracking", "firefox", "business")


def test_casual_drift_in_a_session_and_the_daily_budget(ctx: AppContext, clock: FakeClock) -> None:
    watcher = ScriptedWatcher()
    watcher.window = Window("firefox", "Watch | Facebook")
    tracker, events = make_tracker(ctx, clock, watcher)
    tracker.budget.budget = timedelta(minutes=2)
    session = SessionService(ctx).start("Reply to 5 comments", 30).session
    tracker.set_session(session.id)
    run_for(tracker, clock, 70)
    nudges = [e for e in events if isinstance(e, DriftNudge)]
    assert len(nudges) == 1 and nudges[0].title == "Watch | Facebook"
    assert not any(
        isinstance(e, BudgetPassed) for e in events
    )  # inside a session: no budget reminder
    SessionService(ctx).stop()
    tracker.set_session(None)
    run_for(tracker, clock, 70)
    tracker.close()
    assert sum(isinstance(e, BudgetPassed) for e in events) == 1


def test_rule_changes_reach_the_tracking_thread(ctx: AppContext, clock: FakeClock) -> None:
    watcher = ScriptedWatcher()
    watcher.window = Window("libreoffice", "plan.odt")
    tracker, events = make_tracker(ctx, clock, watcher)
    run_for(tracker, clock, 3)
    assert events[-1] == TrackingState("tracking", "libreoffice", "neutral")
    RuleService(ctx).add("app", "^libreoffice$", "business", position=0)
    tracker.reload_rules()
    run_for(tracker, clock, 3)
    tracker.close()
    assert events[-1] == TrackingState("tracking", "libreoffice", "business")


def test_a_changed_drift_threshold_takes_effect_without_a_restart(
    ctx: AppContext, clock: FakeClock
) -> None:
    watcher = FakeWatcher(WindowInfo("firefox", "Watch | Facebook"), idle=0.0)
    tracker, events = make_tracker(ctx, clock, watcher)
    tracker.set_session(SessionService(ctx).start("Reply to 5 comments", 30).session.id)
    run_for(tracker, clock, 30)  # half a minute casual: under the 60 s default
    assert not any(isinstance(e, DriftNudge) for e in events)
    tracker.retune(TrackingTuning(drift_after=timedelta(seconds=20)))  # Settings saved
    assert tracker.drift.after == timedelta(seconds=60)  # handed over, not yet taken
    run_for(tracker, clock, 1)
    tracker.close()
    [nudge] = [e for e in events if isinstance(e, DriftNudge)]
    assert nudge.title == "Watch | Facebook"
    assert nudge.casual_for == timedelta(seconds=30)  # the streak so far was kept


def test_changed_away_and_budget_thresholds_reach_the_running_loop(
    ctx: AppContext, clock: FakeClock
) -> None:
    watcher = FakeWatcher(WindowInfo("firefox", "Watch | Facebook"), idle=0.0)
    tracker, events = make_tracker(ctx, clock, watcher)
    run_for(tracker, clock, 90)  # 1.5 min casual, outside sessions: under the 30 min budget
    watcher.idle = 100.0  # under the 3-minute default
    run_for(tracker, clock, 6)
    assert TrackingState("away") not in events
    assert not any(isinstance(e, BudgetPassed) for e in events)
    tuning = TrackingTuning(away_after=timedelta(minutes=1), casual_budget=timedelta(minutes=1))
    tracker.retune(tuning)
    watcher.idle = 0.0
    run_for(tracker, clock, 6)
    assert sum(isinstance(e, BudgetPassed) for e in events) == 1  # counted time kept, new budget
    watcher.idle = 70.0
    run_for(tracker, clock, 6)
    tracker.close()
    assert events[-1] == TrackingState("away")
    assert (tracker.away_after, tracker.budget.budget) == (
        timedelta(minutes=1),
        timedelta(minutes=1),
    )
