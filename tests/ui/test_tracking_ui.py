from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from focusdesk.core.drift import DriftNudge
from focusdesk.core.enums import Category
from focusdesk.services.context import AppContext
from focusdesk.services.rules import RuleService
from focusdesk.services.sessions import SessionService
from focusdesk.services.tracking import BudgetPassed, TrackingState
from focusdesk.ui.tracking import TrackingPresenter
from focusdesk.ui.tray import TrayMenu
from focusdesk.watchers.base import WindowInfo
from focusdesk.watchers.fake import FakeWatcher
from tests.support.clock import FakeClock
from tests.support.notes import Notes


def watching(title: str = "Reels | Facebook") -> FakeWatcher:
    return FakeWatcher(WindowInfo("firefox", title), idle=0.0)


@pytest.fixture
def ctx(tmp_path: Path, clock: FakeClock) -> Iterator[AppContext]:
    context = AppContext.create(tmp_path / "data", None, clock=clock, tz=ZoneInfo("Europe/Berlin"))
    yield context
    context.close()


def presenter(
    qtbot, ctx: AppContext, watcher: FakeWatcher
) -> tuple[TrackingPresenter, TrayMenu, Notes]:  # type: ignore[no-untyped-def]
    menu = TrayMenu()
    menu.build()
    notes = Notes()
    p = TrackingPresenter(
        ctx,
        menu=menu,
        notifier=notes,
        session=lambda: SessionService(ctx).current(),
        watcher_factory=lambda: watcher,
    )
    return p, menu, notes


def test_drift_nudge_names_the_window_and_the_objective_and_can_become_a_rule(
    qtbot, ctx, clock
) -> None:  # type: ignore[no-untyped-def]
    p, _menu, notes = presenter(qtbot, ctx, watching())
    session = SessionService(ctx).start("Message 5 prospects", 25).session
    p.on_event(DriftNudge(session.id, "firefox", "Reels | Facebook", timedelta(seconds=61)))
    assert (
        notes.sent
        and "Reels | Facebook" in notes.sent[-1][1]
        and "Message 5 prospects" in notes.sent[-1][1]
    )
    assert p.prompt is not None and p.prompt.isVisible()
    assert "Reels | Facebook" in p.prompt.message.text()
    p.prompt.business.click()
    assert not p.prompt.isVisible()
    assert (
        RuleService(ctx).test(app="firefox", title="Reels | Facebook").category is Category.BUSINESS
    )


def test_personal_page_nudge_names_the_page_and_business_points_to_settings(
    qtbot, ctx, clock
) -> None:  # type: ignore[no-untyped-def]
    p, _menu, notes = presenter(qtbot, ctx, watching())
    session = SessionService(ctx).start("Message 5 prospects", 25).session
    wanted: list[bool] = []
    p.settingsRequested.connect(lambda: wanted.append(True))
    nudge = DriftNudge(session.id, "firefox", "Anna | Facebook", timedelta(seconds=10), "Anna")
    p.on_event(nudge)
    expected = "This is your personal page Anna — keep casual use there, after the session."
    assert notes.sent[-1] == ("FocusDesk: drifting?", expected)
    assert p.prompt.isVisible() and p.prompt.message.text().startswith(expected)
    assert "Message 5 prospects" in p.prompt.message.text()
    assert p.prompt.back.text() == "&Back to my objective"
    p.prompt.business.click()
    assert wanted == [True] and not p.prompt.isVisible()
    assert "personal page Anna" in notes.sent[-1][1] and "Settings" in notes.sent[-1][1]
    rules_before = len(RuleService(ctx).list())
    p.on_event(DriftNudge(session.id, "firefox", "Reels | Facebook", timedelta(seconds=61)))
    assert "has been casual for 1m01s" in p.prompt.message.text()
    p.prompt.back.click()
    assert not p.prompt.isVisible() and len(RuleService(ctx).list()) == rules_before


def test_unavailable_tracking_greys_out_pause_with_the_reason(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    p, menu, _ = presenter(qtbot, ctx, watching())
    p.on_event(
        TrackingState("unavailable", detail="automatic tracking is not available on Wayland")
    )
    assert not menu.pause_action.isEnabled() and "Wayland" in menu.pause_action.text()
    p.on_event(TrackingState("error", detail="OSError"))
    assert menu.pause_action.isEnabled() and "OSError" in menu.pause_action.text()
    p.on_event(TrackingState("tracking", "firefox", "business"))
    assert menu.pause_action.isEnabled() and menu.pause_action.text() == "&Pause tracking"


def test_budget_reminder(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    p, _, notes = presenter(qtbot, ctx, watching())
    p.on_event(BudgetPassed(timedelta(minutes=31)))
    assert "31m" in notes.sent[-1][1]


def test_saved_settings_reach_the_tracker_through_the_runner(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.save_settings(ctx.settings.with_changes(drift_after_seconds=90, casual_budget_minutes=45))
    p, _, _ = presenter(qtbot, ctx, watching())
    tracker = p.runner.tracker
    tracker.step()  # the loop's first poll takes the settings it was started with
    assert (tracker.drift.after, tracker.budget.budget, tracker.away_after) == (
        timedelta(seconds=90),
        timedelta(minutes=45),
        timedelta(minutes=3),
    )
    ctx.save_settings(
        ctx.settings.with_changes(
            drift_after_seconds=15, casual_budget_minutes=10, away_after_minutes=5
        )
    )
    p.runner.reload_settings()
    tracker.step()
    tracker.close()
    assert (tracker.drift.after, tracker.budget.budget, tracker.away_after) == (
        timedelta(seconds=15),
        timedelta(minutes=10),
        timedelta(minutes=5),
    )


def test_the_thread_records_and_stops_with_a_final_flush(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    # Real time here: the loop runs on its own thread with the system clock.
    real = AppContext.create(ctx.paths.data_dir.parent / "real", None, tz=ZoneInfo("Europe/Berlin"))
    p, _, _ = presenter(qtbot, real, watching("Messenger | Facebook"))
    states: list[object] = []
    p.runner._bridge.event.connect(states.append)
    p.start()
    qtbot.waitUntil(
        lambda: any(isinstance(s, TrackingState) and s.status == "tracking" for s in states),
        timeout=5000,
    )
    qtbot.wait(2500)
    p.stop()
    from focusdesk.services.reports import ReportService

    assert ReportService(real).day_summary().totals.business_s >= 1
    real.close()


def test_the_drift_prompt_goes_when_its_session_ends(qtbot, ctx, clock) -> None:  # type: ignore[no-untyped-def]
    p, _menu, _notes = presenter(qtbot, ctx, watching())
    session = SessionService(ctx).start("Message 5 prospects", 25).session
    p.on_event(DriftNudge(session.id, "firefox", "Reels | Facebook", timedelta(seconds=61)))
    p.set_session(session.id)  # the controller's refresh while the same session runs
    assert p.prompt.isVisible()
    SessionService(ctx).stop()
    p.set_session(None)
    assert not p.prompt.isVisible()
