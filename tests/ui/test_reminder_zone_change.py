"""The running app follows a change of the system's time zone.

The presenter's zone source is injected (a value the test sets); the first
reading is the baseline, a different later one is a change: the context
takes the new zone, the schedule keeps 09:00 local in it, one INFO line
names both zones, and the controller hands the zone to tracking and redraws.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from focusdesk.core.settings import SessionReminder, Settings
from focusdesk.core.zone_change import ZoneChange
from focusdesk.services.context import AppContext
from focusdesk.ui.reminders import ReminderPresenter
from tests.support.clock import FakeClock
from tests.support.notes import Notes

BERLIN = ZoneInfo("Europe/Berlin")
NY = ZoneInfo("America/New_York")
START = datetime(2026, 6, 10, 7, 0, tzinfo=BERLIN)  # 01:00 in New York


class Zone:
    """The system's zone as the test sets it."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self.reads = 0
        self.failure: Exception | None = None

    def __call__(self) -> ZoneInfo:
        self.reads += 1
        if self.failure is not None:
            raise self.failure
        return self.zone


@pytest.fixture
def berlin_ctx(tmp_path: Path) -> Iterator[AppContext]:
    ctx = AppContext.create(
        tmp_path / "data", None, clock=FakeClock(START.astimezone(UTC)), tz=BERLIN
    )
    ctx.save_settings(
        Settings(
            session_reminders=(SessionReminder("09:00", objective="Call 3 leads"),),
            summary_reminder=False,
            cleanup_reminder=False,
        )
    )
    yield ctx
    ctx.close()


@pytest.fixture
def started(qtbot, berlin_ctx: AppContext) -> Iterator[tuple[ReminderPresenter, Zone]]:  # type: ignore[no-untyped-def]
    zone = Zone(BERLIN)
    p = ReminderPresenter(berlin_ctx, Notes(), zone_source=zone)
    p.start()
    yield p, zone
    p.stop()


def test_a_changed_zone_is_noticed_and_the_schedule_keeps_its_local_time(
    qtbot, started, berlin_ctx, caplog
) -> None:  # type: ignore[no-untyped-def]
    p, zone = started
    assert zone.reads == 1  # the baseline, read at start
    assert p.scheduler.next_runs() == {
        "session-0900-daily": datetime(2026, 6, 10, 9, tzinfo=BERLIN)
    }
    with qtbot.assertNotEmitted(p.zoneChanged):
        p.check_zone()
    zone.zone = NY
    with (
        caplog.at_level(logging.INFO, "focusdesk.ui.reminders"),
        qtbot.waitSignal(p.zoneChanged) as blocker,
    ):
        p.check_zone()
    change = blocker.args[0]
    assert (change.old_name, change.new_name) == ("Europe/Berlin", "America/New_York")
    assert berlin_ctx.tz is NY
    assert p.scheduler.timezone is NY
    # Berlin's 09:00 of the 10th was pending: New York's 09:00 of the 10th takes its place.
    assert p.scheduler.next_runs() == {"session-0900-daily": datetime(2026, 6, 10, 9, tzinfo=NY)}
    lines = [r.getMessage() for r in caplog.records if "time zone" in r.getMessage()]
    assert lines == ["time zone changed from Europe/Berlin to America/New_York"]
    with qtbot.assertNotEmitted(p.zoneChanged):
        p.check_zone()  # reported once


def test_the_clock_check_timer_also_checks_the_zone(qtbot, started, berlin_ctx) -> None:  # type: ignore[no-untyped-def]
    p, zone = started
    zone.zone = NY
    p.jump_timer.setInterval(10)
    p.jump_timer.start()
    with qtbot.waitSignal(p.zoneChanged, timeout=5000):
        pass
    assert berlin_ctx.tz is NY


def test_an_unreadable_zone_keeps_the_one_in_use(qtbot, started, berlin_ctx, caplog) -> None:  # type: ignore[no-untyped-def]
    p, zone = started
    zone.failure = OSError("/etc/localtime is being replaced")
    with (
        caplog.at_level(logging.WARNING, "focusdesk.ui.reminders"),
        qtbot.assertNotEmitted(p.zoneChanged),
    ):
        p.check_zone()
        p.check_zone()
    assert berlin_ctx.tz is BERLIN
    assert caplog.text.count("cannot read the system time zone") == 1  # once, not every tick


def test_the_controller_hands_the_new_zone_to_tracking_and_redraws(
    qtbot, ctx, make_controller
) -> None:  # type: ignore[no-untyped-def]
    controller, _ = make_controller(ctx)
    redraws: list[bool] = []
    controller.display.invalidate = lambda: redraws.append(True)  # type: ignore[method-assign]
    controller.show_summary(None)
    summary = controller._summary
    qtbot.addWidget(summary.view)
    shown: list[bool] = []
    summary.refresh = lambda: shown.append(True) or True  # type: ignore[method-assign]
    controller.reminders.apply_zone(ZoneChange(ctx.tz, NY))
    assert ctx.tz is NY
    assert controller.tracking.runner.tracker._zone_wanted is NY
    assert shown == [True] and redraws == [True]
    assert controller.reminders.scheduler.timezone is NY
