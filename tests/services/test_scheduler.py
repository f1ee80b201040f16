"""The reminder scheduler with an injected clock: sleep, restarts, gaps, jumps, snooze.

Times are local (Europe/Berlin, the ctx fixture's zone); 2026-11-26 is a Thursday.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from focusdesk.core.reminders import ReminderKind
from focusdesk.core.settings import SessionReminder, Settings
from focusdesk.services.context import AppContext
from focusdesk.services.reminders import ReminderService
from tests.support.clock import FakeClock
from tests.support.reminder_scheduler import Recorder

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 26)


def at(hhmm: str, day: date = DAY) -> datetime:
    hour, minute = (int(p) for p in hhmm.split(":"))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def only_sessions(ctx: AppContext, *times: str, summary: str | None = None) -> None:
    ctx.save_settings(
        Settings(
            session_reminders=tuple(SessionReminder(t, objective=f"Prospects {t}") for t in times),
            summary_reminder=summary is not None,
            summary_time=summary or "18:00",
            cleanup_reminder=False,
        )
    )


@pytest.fixture
def rec(ctx: AppContext) -> Iterator[Recorder]:
    recorder = Recorder(ctx)
    yield recorder
    recorder.close()


def test_reminder_due_while_asleep_fires_exactly_once_on_wake(ctx, clock: FakeClock, rec) -> None:  # type: ignore[no-untyped-def]
    only_sessions(ctx, "11:00")
    clock.set(at("10:50"))
    rec.sync()
    assert rec.run() == []
    clock.set(at("11:20"))  # the laptop slept through 11:00
    fired = rec.run()
    assert [(d.reminder_id, d.due_at) for d in fired] == [("session-1100-daily", at("11:00"))]
    assert fired[0].objective == "Prospects 11:00" and fired[0].minutes == 25
    clock.advance(minutes=1)
    assert rec.run() == []
    assert rec.scheduler.next_runs() == {"session-1100-daily": at("11:00", DAY + timedelta(1))}
    assert rec.missed == []


def test_reminder_due_while_the_app_was_closed_fires_once_at_start(ctx, clock, rec) -> None:  # type: ignore[no-untyped-def]
    only_sessions(ctx, "11:00")
    clock.set(at("10:50"))
    rec.sync()
    rec.close()  # quit at 10:50
    clock.set(at("11:10"))
    again = Recorder(ctx)  # start at 11:10: the stored next run time is still 11:00
    try:
        again.sync()
        fired = again.run()
        assert [d.due_at for d in fired] == [at("11:00")]
        assert again.run() == []
    finally:
        again.close()


def test_five_missed_reminders_after_a_three_hour_gap_do_not_flood(ctx, clock, rec) -> None:  # type: ignore[no-untyped-def]
    only_sessions(ctx, "09:00", "09:45", "10:30", "11:30", summary="10:00")
    clock.set(at("08:50"))
    rec.sync()
    assert rec.run() == []
    clock.set(at("11:50"))
    fired = rec.run()
    # Within grace: the 11:30 session (20 min late, grace 30) and the summary (grace 3 h).
    assert sorted((d.reminder_id, d.due_at) for d in fired) == [
        ("session-1130-daily", at("11:30")),
        ("summary", at("10:00")),
    ]
    assert sorted(d.due_at for d in rec.missed) == [at("09:00"), at("09:45"), at("10:30")]
    assert rec.run() == []
    missed = ReminderService(ctx).missed_on(DAY)
    assert [(m.reminder_id, m.due_at, m.kind) for m in missed] == [
        ("session-0900-daily", at("09:00"), ReminderKind.SESSION),
        ("session-0945-daily", at("09:45"), ReminderKind.SESSION),
        ("session-1030-daily", at("10:30"), ReminderKind.SESSION),
    ]
    assert missed[0].label == "Prospects 09:00"
    assert ReminderService(ctx).missed_on(DAY + timedelta(1)) == []


def test_days_away_coalesce_into_one_summary_and_older_ones_are_missed(ctx, clock, rec) -> None:  # type: ignore[no-untyped-def]
    only_sessions(ctx, summary="18:00")
    clock.set(at("17:00", DAY - timedelta(3)))
    rec.sync()
    clock.set(at("18:30"))  # three summaries passed while away, the last 30 min ago
    fired = rec.run()
    assert [d.due_at for d in fired] == [at("18:00")]
    assert [d.due_at for d in rec.missed] == [at("18:00", DAY - timedelta(n)) for n in (3, 2, 1)]
    service = ReminderService(ctx)
    assert len(service.missed_on(DAY - timedelta(2))) == 1
    # Recording the same run time twice keeps one row.
    assert service.record_missed(rec.missed) == 0


def test_clock_jump_forward_within_and_beyond_grace(ctx, clock, rec) -> None:  # type: ignore[no-untyped-def]
    only_sessions(ctx, "09:00", "13:00")
    clock.set(at("07:30"))
    rec.sync()
    clock.advance(hours=2)  # 09:30: the 09:00 is 30 min late, still within grace
    assert [d.due_at for d in rec.run()] == [at("09:00")]
    clock.set(at("12:00"))
    rec.run()
    clock.advance(hours=2)  # 14:00: the 13:00 is an hour late
    assert rec.run() == []
    assert [d.due_at for d in rec.missed] == [at("13:00")]


def test_clock_jump_back_neither_repeats_nor_loses_a_reminder(ctx, clock, rec) -> None:  # type: ignore[no-untyped-def]
    only_sessions(ctx, "09:00", "11:00")
    clock.set(at("09:05"))
    rec.sync()  # added at 09:05: the first 09:00 is tomorrow's
    clock.set(at("08:55"))
    rec.scheduler.sync(ReminderService(ctx).specs(), clock())  # unchanged: keeps its times
    clock.set(at("10:59"))
    assert rec.run() == []
    clock.set(at("11:00"))
    assert [d.due_at for d in rec.run()] == [at("11:00")]
    clock.advance(hours=-2)  # 09:00 again, by the wall clock
    assert rec.run() == []
    clock.set(at("11:05"))
    assert rec.run() == []  # 11:00 already shown today
    clock.set(at("09:00", DAY + timedelta(1)))
    assert [d.due_at for d in rec.run()] == [at("09:00", DAY + timedelta(1))]
    assert rec.missed == []


def test_snooze_fires_once_ten_minutes_later_like_the_original(ctx, clock, rec) -> None:  # type: ignore[no-untyped-def]
    only_sessions(ctx, "09:00")
    clock.set(at("08:59"))
    rec.sync()
    clock.set(at("09:00"))
    (due,) = rec.run()
    clock.set(at("09:02"))
    job_id = rec.scheduler.snooze(due, clock())
    assert job_id.startswith("session-0900-daily~snooze-")
    clock.set(at("09:11"))
    assert rec.run() == []
    clock.set(at("09:12"))
    (again,) = rec.run()
    assert again.snoozed and not due.snoozed
    assert (again.reminder_id, again.objective, again.minutes) == (
        due.reminder_id,
        due.objective,
        due.minutes,
    )
    assert again.due_at == at("09:12")
    clock.advance(minutes=5)
    assert rec.run() == []
    assert set(rec.scheduler.next_runs()) == {"session-0900-daily"}


def test_sync_keeps_unchanged_jobs_and_replaces_changed_ones(ctx, clock, rec) -> None:  # type: ignore[no-untyped-def]
    only_sessions(ctx, "09:00", "10:00")
    clock.set(at("08:00"))
    rec.sync()
    clock.set(at("09:30"))  # 09:00 is overdue but not yet run
    settings = ctx.settings
    first, second = settings.session_reminders
    ctx.save_settings(
        settings.with_changes(
            session_reminders=(
                SessionReminder("09:00", objective="New words", minutes=40),
                SessionReminder("10:15", objective=second.objective),
            )
        )
    )
    result = rec.scheduler.sync(ReminderService(ctx).specs(), clock())
    assert result.changed == ("session-0900-daily",)
    assert result.added == ("session-1015-daily",)
    assert result.removed == ("session-1000-daily",)
    (due,) = rec.run()  # the 09:00 kept its overdue time, with the new words
    assert (due.due_at, due.objective, due.minutes) == (at("09:00"), "New words", 40)
    assert first.objective != due.objective


def test_a_removed_reminder_takes_its_snoozes_with_it(ctx, clock, rec) -> None:  # type: ignore[no-untyped-def]
    only_sessions(ctx, "09:00")
    clock.set(at("09:00"))
    rec.sync()
    clock.advance(minutes=1)
    (due,) = rec.run()
    rec.scheduler.snooze(due, clock())
    only_sessions(ctx)
    result = rec.scheduler.sync(ReminderService(ctx).specs(), clock())
    assert len(result.removed) == 2
    clock.advance(minutes=15)
    assert rec.run() == []
    assert rec.scheduler.next_runs() == {}


def test_default_settings_schedule_summary_and_cleanup(ctx, clock, rec) -> None:  # type: ignore[no-untyped-def]
    clock.set(at("12:00"))  # Thursday; the clean-up is Friday 16:00
    rec.sync()
    assert rec.scheduler.next_runs() == {
        "summary": at("18:00"),
        "cleanup": at("16:00", DAY + timedelta(1)),
    }
    clock.set(at("16:10", DAY + timedelta(1)))
    assert [d.kind for d in rec.run()] == [ReminderKind.CLEANUP]
    # Thursday's summary is 22 hours late: beyond its 3-hour grace, recorded, not shown.
    assert [(d.reminder_id, d.due_at) for d in rec.missed] == [("summary", at("18:00"))]
