from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from focusdesk.core.enums import Outcome, Purpose
from focusdesk.services.context import AppContext
from focusdesk.services.reports import ReportService
from focusdesk.services.sessions import SessionService
from focusdesk.services.tracking import TrackingTuning
from focusdesk.ui.start_dialog import StartRequest
from tests.support.clock import FakeClock


@pytest.fixture
def ctx(tmp_path: Path, clock: FakeClock) -> Iterator[AppContext]:
    context = AppContext.create(tmp_path / "data", None, clock=clock, tz=ZoneInfo("Europe/Berlin"))
    yield context
    context.close()


def request(minutes: int = 25, target: int | None = 5) -> StartRequest:
    return StartRequest("Message 5 prospects", minutes, target, Purpose.PROSPECTING, None)


def test_start_countdown_timesup_extend_twice_refused_third_move_on(
    qtbot, ctx, clock, make_controller
) -> None:  # type: ignore[no-untyped-def]
    controller, notes = make_controller(ctx)
    assert not controller.menu.start_action.isVisible() or controller.session is None
    assert controller.start_from_request(request())
    assert controller.display.face is not None and controller.display.face.text == "25"
    assert "25 min left" in controller.tray.icon.toolTip()

    clock.advance(minutes=10)
    controller.tick()
    assert controller.display.face.text == "15"
    assert controller.timesup is None

    clock.advance(minutes=15)
    controller.tick()
    window = controller.timesup
    assert window is not None and window.isVisible()
    assert notes.sent and "Time's up" in notes.sent[-1][1]
    assert window.move_on.isDefault()
    assert "“Message 5 prospects”" in window.objective.text()

    for expected in (1, 2):
        assert window.extend_button.isEnabled()
        qtbot.mouseClick(window.extend_button, Qt.MouseButton.LeftButton)
        assert controller.session is not None and controller.session.extensions == expected
        assert not window.isVisible()
        assert controller.display.face.text == "5"
        clock.advance(minutes=5)
        controller.tick()
        assert window.isVisible()

    assert not window.extend_button.isEnabled()
    assert "the limit is 2" in window.extend_reason.text()
    controller.extend(5)  # the menu path is refused by the service too
    assert controller.session.extensions == 2
    assert "limit is 2" in notes.sent[-1][1]

    # Ignored, the nudge repeats every 2 minutes and the tray shows the overrun.
    before = len(notes.sent)
    clock.advance(minutes=1)
    controller.tick()
    assert len(notes.sent) == before
    clock.advance(minutes=1, seconds=1)
    controller.tick()
    assert len(notes.sent) == before + 1 and "over" in notes.sent[-1][1]
    assert controller.display.face.text == "+2" and controller.display.face.colour == "#c0392b"

    window.outcomes.buttons()[0].click()  # Met
    window.count.setValue(5)
    qtbot.keyClicks(window.note, "two want a call")
    qtbot.mouseClick(window.move_on, Qt.MouseButton.LeftButton)
    assert controller.session is None and not window.isVisible()
    ended = SessionService(ctx).latest()
    assert ended is not None and ended.outcome is Outcome.MET and ended.outcome_count == 5
    assert ended.outcome_note == "two want a call" and ended.extensions == 2
    summary = ReportService(ctx).day_summary().to_json()
    assert summary["sessions"][0]["overrun_s"] == 121


def test_strict_mode_allows_no_extension(qtbot, ctx, clock, make_controller) -> None:  # type: ignore[no-untyped-def]
    ctx.save_settings(ctx.settings.with_changes(strict_mode=True))
    controller, _ = make_controller(ctx)
    controller.start_from_request(request(minutes=15))
    clock.advance(minutes=15)
    controller.tick()
    assert controller.timesup is not None
    assert not controller.timesup.extend_button.isEnabled()
    assert "Strict mode" in controller.timesup.extend_reason.text()
    assert not controller.menu.extend_action.isEnabled()


def test_session_that_ended_while_the_app_was_closed_asks_for_its_outcome(
    qtbot, ctx, clock, make_controller
) -> None:  # type: ignore[no-untyped-def]
    SessionService(ctx).start("Reply to 10 comments", 20)
    clock.advance(hours=2)
    controller, _ = make_controller(ctx)
    window = controller.timesup
    assert window is not None and window.isVisible()
    assert not window.extend_button.isEnabled() and "closed" in window.extend_reason.text()
    window.outcomes.buttons()[1].click()  # Partly
    window.move_on.click()
    ended = SessionService(ctx).latest()
    assert (
        ended is not None
        and ended.outcome is Outcome.PARTLY
        and ended.end_reason.value == "recovered"
    )
    assert controller.session is None


def test_quick_log_and_polite_exit_line(qtbot, ctx, make_controller) -> None:  # type: ignore[no-untyped-def]
    controller, _ = make_controller(ctx)
    controller.quick_log("value")
    line = ctx.settings.polite_exit_lines[0]
    exit_actions = controller.menu.exit_menu.actions()
    assert len(exit_actions) == len(ctx.settings.polite_exit_lines)
    exit_actions[0].trigger()
    assert QGuiApplication.clipboard().text() == line
    counts = ReportService(ctx).day_summary().interactions
    assert counts["value"] == 1 and counts["dialog-exit"] == 1


def test_progress_button_counts_towards_target(qtbot, ctx, make_controller) -> None:  # type: ignore[no-untyped-def]
    controller, _ = make_controller(ctx)
    controller.start_from_request(request())
    controller.show_compact()
    assert controller.display.compact is not None and controller.display.compact.isVisible()
    controller.display.compact.plus_one.click()
    controller.display.compact.plus_one.click()
    assert controller.display.compact.count.text() == "2/5"
    assert (
        "25m00s" in controller.display.compact.time_left.text()
        or "24m" in controller.display.compact.time_left.text()
    )


def test_second_launch_is_answered_and_activates(qtbot, ctx, make_controller) -> None:  # type: ignore[no-untyped-def]
    controller, _ = make_controller(ctx)
    reply = controller.handle_request({"argv": [], "cwd": "/"})
    assert reply["rc"] == 0 and "already running" in reply["stdout"]
    qtbot.waitUntil(
        lambda: controller.start_dialog is not None and controller.start_dialog.isVisible()
    )
    dialog = controller.start_dialog
    qtbot.keyClicks(dialog.objective.lineEdit(), "Invite 3 people to the group")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert (
        controller.session is not None
        and controller.session.objective == "Invite 3 people to the group"
    )


def test_a_session_started_elsewhere_appears_on_poll(qtbot, ctx, clock, make_controller) -> None:  # type: ignore[no-untyped-def]
    controller, _ = make_controller(ctx)
    assert controller.session is None
    SessionService(ctx).start("Post 1 reel", 30)
    controller.poll()
    assert controller.session is not None and controller.display.face.text == "30"
    assert controller.menu.session_menu.menuAction().isVisible()
    assert not controller.menu.start_action.isVisible()
    clock.advance(hours=-3)  # the wall clock jumps back: the box never shows more than its length
    controller.tick()
    assert controller.display.face.text == "30"
    clock.advance(hours=5)  # and forward: overrun from the stored deadline
    controller.tick()
    assert controller.display.face.text.startswith("+")
    assert controller.timesup is not None and controller.timesup.isVisible()
    assert timedelta(0) <= controller.session.remaining(clock())


def test_a_broken_settings_file_is_reported_once_and_defaults_used(
    qtbot, ctx, make_controller
) -> None:  # type: ignore[no-untyped-def]
    ctx.paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    ctx.paths.settings_file.write_text("timebox_minutes = 'lots'\n", encoding="utf-8")
    first, notes = make_controller(ctx)
    assert any("could not be used" in message for _, message in notes.sent)
    assert ctx.settings.timebox_minutes == 25
    kept = list(ctx.paths.settings_file.parent.glob("settings.toml.broken-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "timebox_minutes = 'lots'\n"
    make_controller.stop(first)  # the app quits (its context closes with it) and starts again
    again = AppContext.create(ctx.paths.data_dir, None, clock=ctx.clock, tz=ctx.tz)
    _second, second_notes = make_controller(again)  # stopped and closed at teardown
    assert not any("could not be used" in message for _, message in second_notes.sent)


def test_settings_saved_from_the_dialog_apply_at_once(qtbot, ctx, clock, make_controller) -> None:  # type: ignore[no-untyped-def]
    controller, _ = make_controller(ctx)
    controller.show_settings()
    dialog = controller.settings_dialog
    assert dialog is not None and dialog.isVisible()
    assert controller.tracking is not None
    retuned: list[TrackingTuning] = []
    controller.tracking.runner.tracker.retune = retuned.append  # type: ignore[method-assign]
    controller.apply_settings(
        ctx.settings.with_changes(
            strict_mode=True, polite_exit_lines=("Bye for now!",), drift_after_seconds=15
        )
    )
    assert [a.text() for a in controller.menu.exit_menu.actions()] == ["Bye for now!"]
    assert [t.drift_after for t in retuned] == [timedelta(seconds=15)]  # no restart needed
    dialog.reject()
    controller.start_from_request(request(minutes=5))
    assert not controller.menu.extend_action.isEnabled()


def test_the_first_start_offers_the_welcome_guide_and_later_starts_do_not(
    qtbot, ctx, make_controller
) -> None:  # type: ignore[no-untyped-def]
    controller, _notes = make_controller(ctx)
    assert controller.welcome is not None and controller.welcome.wizard is not None
    wizard = controller.welcome.wizard
    qtbot.addWidget(wizard)
    assert wizard.isVisible()
    wizard.reject()  # "Skip the guide"

    again = AppContext.create(ctx.paths.data_dir, None, clock=ctx.clock, tz=ctx.tz)
    second, _ = make_controller(again)  # stopped and closed at teardown
    assert second.welcome is None


def test_stopping_a_controller_ends_its_scheduler_thread(qtbot, ctx, make_controller) -> None:  # type: ignore[no-untyped-def]
    controller, _ = make_controller(ctx)
    scheduler = controller.reminders.scheduler
    thread = scheduler._thread
    assert thread.is_alive()
    make_controller.stop(controller)
    assert not thread.is_alive() and not scheduler.running
    make_controller.stop(controller)  # teardown stops it again: harmless


def test_stopping_early_says_so_and_offers_no_extension_until_the_deadline(
    qtbot, ctx, clock, make_controller
) -> None:  # type: ignore[no-untyped-def]
    controller, _notes = make_controller(ctx)
    assert controller.start_from_request(request())
    clock.advance(minutes=10)
    controller.show_timesup()  # tray: Running session → Stop and record the outcome…
    window = controller.timesup
    assert window is not None and window.isVisible()
    assert window.windowTitle().startswith("End the session")
    assert window.heading.text() == "Ending early — 15m00s left"
    assert window.extend_button.isHidden()

    clock.advance(minutes=15)  # left open until the deadline: now it is time's up
    controller.tick()
    assert window.windowTitle().startswith("Time's up")
    assert not window.extend_button.isHidden()
