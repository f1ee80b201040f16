"""Two computers sharing one database each fire their own reminders, once.

Each device keeps its schedule in its own job table, so neither can run (or
remove, or reschedule) the other's jobs. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import inspect

from focusdesk.core.settings import SessionReminder, Settings
from focusdesk.services.context import AppContext
from focusdesk.services.reminders import ReminderService
from focusdesk.store.reminders import job_table_name
from tests.support.reminder_scheduler import Recorder

BERLIN = ZoneInfo("Europe/Berlin")


def test_two_devices_on_one_database_each_fire_their_own_reminders_once(  # type: ignore[no-untyped-def]
    ctx: AppContext, clock, tmp_path: Path
) -> None:
    url = ctx.database_url or f"sqlite:///{ctx.paths.database}"
    ctx.db  # noqa: B018 - the first device creates the database
    other = AppContext.create(tmp_path / "laptop", url, clock=clock, tz=BERLIN)
    recorders: list[Recorder] = []
    try:
        assert other.device_id != ctx.device_id
        for device, objective in ((ctx, "Desk prospecting"), (other, "Laptop prospecting")):
            device.save_settings(
                Settings(
                    session_reminders=(SessionReminder("09:00", objective=objective),),
                    cleanup_reminder=False,
                )
            )
        clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=BERLIN))
        recorders = [Recorder(ctx), Recorder(other)]
        for rec in recorders:
            rec.sync()
        tables = set(inspect(ctx.db.engine).get_table_names())
        assert {job_table_name(ctx.device_id), job_table_name(other.device_id)} <= tables

        clock.set(datetime(2026, 11, 26, 9, 1, tzinfo=BERLIN))
        desk, laptop = recorders
        assert [d.objective for d in desk.run()] == ["Desk prospecting"]
        assert desk.run() == []  # the desk's run must not have used up the laptop's
        assert [d.objective for d in laptop.run()] == ["Laptop prospecting"]
        assert laptop.run() == [] and desk.run() == []

        # A reminder removed on one device stays on the other.
        ReminderService(other).remove("session-0900-daily")
        laptop.sync()
        assert "session-0900-daily" in desk.scheduler.next_runs()
        assert "session-0900-daily" not in laptop.scheduler.next_runs()
    finally:
        for rec in recorders:
            rec.close()
        other.close()
