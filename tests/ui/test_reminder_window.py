"""The reminder window and presenter: Start now prefills the start dialog, Snooze, Dismiss,
summary and clean-up reminders, clock jumps, and one real run of the scheduler thread."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from focusdesk.core.reminders import DueReminder, ReminderKind
from focusdesk.core.settings import SessionReminder, Settings
from focusdesk.services.context import AppContext
from focusdesk.ui.reminder_window import ReminderWindow
from focusdesk.ui.reminders import ReminderPresenter
from tests.support.clock import FakeClock
from tests.support.notes import Notes

BERLIN = ZoneInfo("Europe/Berlin")
NINE = datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN)


class Monotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def due(kind: ReminderKind = ReminderKind.SESSION, **changes: object) -> DueReminder:
    values: dict[str, object] = {
        "reminder_id": "session-0900-daily",
        "kind": kind,
        "label": "Message 5 prospects",
        "objective": "Message 5 prospects",
        "minutes": 40,
        "due_at": NINE,
    }
    values.update(changes)
    return DueReminder(**values)  # type: ignore[arg-type]


@pytest.fixture
def app_ctx(tmp_path: Path) -> Iterator[AppContext]:
    clock = FakeClock(NINE.astimezone(UTC) - timedelta(minutes=1))
    ctx = AppContext.create(tmp_path / "data", None, clock=clock, tz=BERLIN)
    ctx.save_settings(
        Settings(session_reminders=(SessionReminder("09:00", objective="Message 5 prospects"),))
    )
    yield ctx
    ctx.close()


@pytest.fixture
def presenter(qtbot, app_ctx: AppContext) -> Iterator[tuple[ReminderPresenter, Notes, Monotonic]]:  # type: ignore[no-untyped-def]
    notes, mono = Notes(), Monotonic()
    p = ReminderPresenter(app_ctx, notes, monotonic=mono)
    p.start()
    yield p, notes, mono
    p.stop()


def test_window_buttons_say_what_the_user_chose(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = ReminderWindow()
    qtbot.addWidget(window)
    for button, signal in (
        (window.start_button, window.startRequested),
        (window.snooze_button, window.snoozeRequested),
        (window.dismiss_button, window.dismissed),
    ):
        window.show_reminder(due(), "09:00")
        assert window.isVisible()
        assert "Message 5 prospects" in window.objective.text()
        assert "09:00" in window.detail.text() and "40 min" in window.detail.text()
        with qtbot.waitSignal(signal) as blocker:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert blocker.args == [due()]
        assert not window.isVisible() and window.due is None


def test_escape_dismisses_and_a_snoozed_reminder_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = ReminderWindow()
    qtbot.addWidget(window)
    window.show_reminder(due(snoozed=True, objective=""), "09:10")
    assert "Snoozed from 09:10" in window.detail.text()
    assert "No objective planned" in window.objective.text()
    with qtbot.waitSignal(window.dismissed):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_start_now_prefills_the_start_dialog(qtbot, app_ctx) -> None:  # type: ignore[no-untyped-def]
    from focusdesk.ui.start_dialog import StartSessionDialog

    presenter = ReminderPresenter(app_ctx, Notes())
    dialog = StartSessionDialog(app_ctx.settings, [])
    qtbot.addWidget(dialog)
    presenter.startRequested.connect(dialog.prefill)
    presenter.on_due(due())
    with qtbot.waitSignal(presenter.startRequested):
        qtbot.mouseClick(presenter.window.start_button, Qt.MouseButton.LeftButton)
    assert dialog.objective.currentText() == "Message 5 prospects"
    assert dialog.custom.text() == "40"
    assert dialog.presets.checkedButton() is None and dialog.start_button.isEnabled()
    presenter.on_due(due(minutes=25))
    presenter.window.start_button.click()
    assert dialog.presets.checkedId() == 25 and dialog.custom.text() == ""
    presenter.window.deleteLater()


def test_due_reminder_notifies_and_snooze_fires_again_ten_minutes_later(presenter, app_ctx) -> None:  # type: ignore[no-untyped-def]
    p, notes, _ = presenter
    clock = app_ctx.clock
    clock.set(NINE.astimezone(UTC))
    fired: list[DueReminder] = []
    p.reminderDue.connect(fired.append)
    p.scheduler.run_due(clock())  # what the scheduler thread does; on this thread, inline
    assert [d.reminder_id for d in fired] == ["session-0900-daily"]
    assert notes.sent == [
        ("FocusDesk: planned session", "Message 5 prospects (25 min), planned for 09:00.")
    ]
    assert p.window.isVisible()
    clock.advance(minutes=2)
    p.window.snooze_button.click()
    assert not p.window.isVisible()
    clock.advance(minutes=9)
    p.scheduler.run_due(clock())
    assert len(fired) == 1
    clock.advance(minutes=1)
    p.scheduler.run_due(clock())
    assert len(fired) == 2 and fired[1].snoozed and p.window.isVisible()
    p.window.dismiss_button.click()
    assert not p.window.isVisible()


def test_summary_and_cleanup_reminders_raise_their_hooks(qtbot, app_ctx) -> None:  # type: ignore[no-untyped-def]
    notes = Notes()
    p = ReminderPresenter(app_ctx, notes)
    with qtbot.waitSignal(p.summaryRequested):
        p.on_due(due(ReminderKind.SUMMARY, reminder_id="summary", label="Day summary"))
    with qtbot.waitSignal(p.cleanup_due) as blocker:
        p.on_due(due(ReminderKind.CLEANUP, reminder_id="cleanup", label="Weekly page clean-up"))
    assert blocker.args[0].kind is ReminderKind.CLEANUP
    assert [title for title, _ in notes.sent] == ["FocusDesk: your day", "FocusDesk: page clean-up"]
    assert p.window is None  # only planned sessions open the window


def test_a_reminder_turned_down_by_should_remind_stays_silent(qtbot, app_ctx) -> None:  # type: ignore[no-untyped-def]
    notes = Notes()
    asked: list[DueReminder] = []

    def only_sessions(reminder: DueReminder) -> bool:
        asked.append(reminder)
        return reminder.kind is ReminderKind.SESSION

    p = ReminderPresenter(app_ctx, notes, should_remind=only_sessions)
    heard: list[object] = []
    for signal in (p.reminderDue, p.cleanup_due, p.summaryRequested):
        signal.connect(lambda *args: heard.append(args))
    weekly = due(ReminderKind.CLEANUP, reminder_id="cleanup", label="Weekly page clean-up")
    p.on_due(weekly)
    p.on_due(due(ReminderKind.SUMMARY, reminder_id="summary", label="Day summary"))
    assert notes.sent == [] and heard == [] and p.window is None
    p.on_due(due())
    assert [title for title, _ in notes.sent] == ["FocusDesk: planned session"]
    assert [d.kind for d in asked] == [
        ReminderKind.CLEANUP,
        ReminderKind.SUMMARY,
        ReminderKind.SESSION,
    ]
    p.window.deleteLater()


def test_a_failing_should_remind_reminds_anyway(qtbot, app_ctx) -> None:  # type: ignore[no-untyped-def]
    def broken(_due: DueReminder) -> bool:
        raise RuntimeError("database gone")

    notes = Notes()
    p = ReminderPresenter(app_ctx, notes, should_remind=broken)
    with qtbot.waitSignal(p.cleanup_due):
        p.on_due(due(ReminderKind.CLEANUP, reminder_id="cleanup", label="Weekly page clean-up"))
    assert [title for title, _ in notes.sent] == ["FocusDesk: page clean-up"]


def test_a_clock_jump_is_reported_and_wakes_the_scheduler(qtbot, presenter, app_ctx) -> None:  # type: ignore[no-untyped-def]
    p, _, mono = presenter
    woken: list[bool] = []
    p.scheduler.wakeup = lambda: woken.append(True)
    mono.now += 10
    app_ctx.clock.advance(seconds=10)
    p.check_clock()
    assert woken == []
    mono.now += 10
    app_ctx.clock.advance(hours=2, seconds=10)  # resumed after two hours asleep
    with qtbot.waitSignal(p.clockJumped) as blocker:
        p.check_clock()
    assert blocker.args[0].skew == timedelta(hours=2) and woken == [True]


def test_settings_change_reloads_the_schedule(presenter, app_ctx) -> None:  # type: ignore[no-untyped-def]
    p, _, _ = presenter
    assert "session-0900-daily" in p.scheduler.next_runs()
    app_ctx.save_settings(app_ctx.settings.with_changes(session_reminders=()))
    p.reload()
    assert set(p.scheduler.next_runs()) == {"summary", "cleanup"}


def test_the_scheduler_thread_wakes_and_delivers_on_the_gui_thread(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A real run with the system clock: a one-off reminder two seconds ahead."""
    import threading

    ctx = AppContext.create(tmp_path / "real", None, tz=BERLIN)
    p = ReminderPresenter(ctx, Notes())
    threads: list[str] = []
    p.reminderDue.connect(lambda _due: threads.append(threading.current_thread().name))
    try:
        p.start()
        assert p.scheduler._thread.is_alive()
        soon = due(reminder_id="summary", kind=ReminderKind.SUMMARY, label="Day summary")
        with qtbot.waitSignal(p.reminderDue, timeout=15_000) as blocker:
            p.scheduler.snooze(soon, ctx.clock(), timedelta(seconds=2))
        assert blocker.args[0].reminder_id == "summary" and blocker.args[0].snoozed
        assert threads == [threading.main_thread().name]
    finally:
        p.stop()
        ctx.close()
