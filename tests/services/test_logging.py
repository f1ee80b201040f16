from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import text

from focusdesk.core.activity import Observation, WindowKey
from focusdesk.services.context import AppContext
from focusdesk.services.logging_setup import setup_logging
from focusdesk.services.recording import Recorder
from focusdesk.services.rules import RuleService
from tests.support.clock import FakeClock

SECRET = "Private chat with Dr. Jones about my results"


def test_a_failed_write_is_logged_with_context_but_without_the_title(
    sqlite_ctx: AppContext, clock: FakeClock, tmp_path: Path
) -> None:
    log_file = tmp_path / "logs" / "focusdesk.log"
    setup_logging(log_file)
    try:
        ctx = sqlite_ctx
        recorder = Recorder(
            ctx.db, device_id=ctx.device_id, classifier=RuleService(ctx).classifier(), tz=ctx.tz
        )
        with ctx.db.engine.begin() as conn:
            conn.execute(text("DROP TABLE day_totals"))  # every flush now fails inside the database
        for _ in range(12):
            recorder.observe(Observation(clock.advance(seconds=1), WindowKey("firefox", SECRET)))
        recorder.flush()
        for handler in logging.getLogger().handlers:
            handler.flush()
        written = log_file.read_bytes()
        assert b"could not write activity" in written
        assert b"day_totals" in written  # the failing statement is there for diagnosis
        assert SECRET.encode() not in written and b"Dr. Jones" not in written
        assert oct(log_file.stat().st_mode & 0o777) == "0o600"
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_focusdesk", False):
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_planned_objectives_stay_out_of_the_log(
    sqlite_ctx: AppContext, clock: FakeClock, tmp_path: Path
) -> None:
    """APScheduler logs every job it adds by name, and a reminder's name is its objective."""
    from focusdesk.core.settings import SessionReminder, Settings
    from tests.support.reminder_scheduler import Recorder as Reminders

    log_file = tmp_path / "logs" / "focusdesk.log"
    setup_logging(log_file)
    planned = "Call Dr. Jones back about the divorce papers"
    reminders = Reminders(sqlite_ctx)
    try:
        sqlite_ctx.save_settings(
            Settings(session_reminders=(SessionReminder("11:00", objective=planned),))
        )
        reminders.sync()
        assert reminders.scheduler.next_runs(), "the reminder was scheduled"
        for handler in logging.getLogger().handlers:
            handler.flush()
        written = log_file.read_bytes() if log_file.exists() else b""
        assert planned.encode() not in written and b"Dr. Jones" not in written
    finally:
        reminders.close()
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_focusdesk", False):
                logging.getLogger().removeHandler(handler)
                handler.close()
