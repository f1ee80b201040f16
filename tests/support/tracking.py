"""A tracker wired to a real context and a scripted watcher, stepped by hand.

Why: service tests of tracking, drift and the scorecard all need the same
loop without a thread; the watcher and the clock are the test's.
"""

from __future__ import annotations

from typing import Any

from focusdesk.services.context import AppContext
from focusdesk.services.recording import Recorder
from focusdesk.services.rules import RuleService
from focusdesk.services.tracking import Tracker
from tests.support.clock import FakeClock


def make_tracker(ctx: AppContext, clock: FakeClock, watcher: Any) -> tuple[Tracker, list[object]]:
    """The tracker and the list its events go to."""
    events: list[object] = []
    tracker = Tracker(
        watcher_factory=lambda: watcher,
        recorder_factory=lambda: Recorder(
            ctx.db, device_id=ctx.device_id, classifier=RuleService(ctx).classifier(), tz=ctx.tz
        ),
        classifier_factory=lambda: RuleService(ctx).classifier(),
        clock=clock,
        tz=ctx.tz,
        on_event=events.append,
    )
    return tracker, events


def run_for(tracker: Tracker, clock: FakeClock, seconds: int) -> None:
    """One poll a second for ``seconds`` seconds."""
    for _ in range(seconds):
        tracker.step()
        clock.advance(seconds=1)
