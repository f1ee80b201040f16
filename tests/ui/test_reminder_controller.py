"""Reminders in the running app: Start now opens the prefilled start dialog,
``focusdesk remind`` forwarded to the app re-syncs its schedule at once, and the
clean-up reminder speaks only while this week's clean-up is still open."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from focusdesk.cli.embedded import run_in_app
from focusdesk.core.reminders import DueReminder, ReminderKind
from focusdesk.core.settings import BusinessPage

NINE = datetime(2026, 11, 26, 9, 0, tzinfo=ZoneInfo("Europe/Berlin")).astimezone(UTC)


def test_start_now_opens_the_start_dialog_with_the_planned_session(
    qtbot, ctx, make_controller
) -> None:  # type: ignore[no-untyped-def]
    controller, notes = make_controller(ctx)
    planned = DueReminder(
        "session-0900-daily", ReminderKind.SESSION, "Call 3 leads", "Call 3 leads", 40, NINE
    )
    controller.reminders.on_due(planned)
    assert notes.sent[-1][0] == "FocusDesk: planned session"
    controller.reminders.window.start_button.click()
    dialog = controller.start_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.objective.currentText() == "Call 3 leads"
    assert dialog.custom.text() == "40"


def test_forwarded_remind_add_reaches_the_running_schedule(qtbot, ctx, make_controller) -> None:  # type: ignore[no-untyped-def]
    controller, _ = make_controller(ctx)
    controller._run_command = run_in_app
    assert "session-0730-mon" not in controller.reminders.scheduler.next_runs()
    reply = controller.handle_request(
        {"argv": ["remind", "add", "--at", "07:30", "--days", "mon"], "cwd": "/"}
    )
    assert reply["rc"] == 0, reply
    assert "session-0730-mon" in controller.reminders.scheduler.next_runs()


def test_cleanup_reminder_notifies_only_while_this_weeks_cleanup_is_open(
    qtbot, ctx, clock, make_controller
) -> None:  # type: ignore[no-untyped-def]
    clock.set(NINE)
    ctx.save_settings(
        ctx.settings.with_changes(business_pages=(BusinessPage("Glow", "https://glow.example/"),))
    )
    controller, notes = make_controller(ctx)
    weekly = DueReminder("cleanup", ReminderKind.CLEANUP, "Weekly page clean-up", "", 15, NINE)
    before = len(notes.sent)
    controller.reminders.on_due(weekly)
    assert [title for title, _ in notes.sent[before:]] == ["FocusDesk: page clean-up"]
    window = controller.cleanup_flow.window
    qtbot.addWidget(window)
    assert window.isVisible()
    window.skip_button.click()  # this week's clean-up: skipped
    assert not window.isVisible()

    shown: list[object] = []
    controller.reminders.reminderDue.connect(shown.append)
    controller.reminders.on_due(weekly)  # e.g. the reminder again after a restart
    assert len(notes.sent) == before + 1  # no second notification
    assert shown == [] and not window.isVisible()
