"""Reminder specs from settings, ids, weekday parsing, and settling overdue run times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from focusdesk.core.errors import ValidationError
from focusdesk.core.reminders import (
    ReminderKind,
    base_reminder_id,
    due_reminder,
    grace_for,
    parse_weekdays,
    reminder_specs,
    settle_run_times,
    snooze_id,
)
from focusdesk.core.settings import SessionReminder, Settings

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def ago(**delta: float) -> datetime:
    return NOW - timedelta(**delta)


def test_specs_from_settings_have_stable_readable_ids() -> None:
    settings = Settings(
        session_reminders=(
            SessionReminder("09:00", (4, 0, 2), "Message 5 prospects", 30),
            SessionReminder("13:30"),
            SessionReminder("09:00", (0, 2, 4), "Same time and days"),
        ),
        summary_time="18:30",
        cleanup_weekday=4,
        cleanup_time="16:00",
        cleanup_minutes=20,
    )
    specs = reminder_specs(settings)
    assert [s.id for s in specs] == [
        "session-0900-mon-wed-fri",
        "session-1330-daily",
        "session-0900-mon-wed-fri-2",
        "summary",
        "cleanup",
    ]
    first = specs[0]
    assert (first.kind, first.hour, first.minute, first.weekdays) == (
        ReminderKind.SESSION,
        9,
        0,
        (0, 2, 4),
    )
    assert first.when == "09:00 mon,wed,fri" and specs[1].when == "13:30 daily"
    assert specs[1].label == "Prospecting session"  # no objective planned
    assert specs[4].weekdays == (4,) and specs[4].minutes == 20
    assert reminder_specs(settings) == specs


def test_switched_off_summary_and_cleanup_are_not_scheduled() -> None:
    specs = reminder_specs(Settings(summary_reminder=False, cleanup_reminder=False))
    assert specs == ()


def test_job_args_round_trip_through_the_job_function() -> None:
    (spec,) = reminder_specs(
        Settings(
            session_reminders=(SessionReminder("08:15", (1,), "Follow up 3 leads", 15),),
            summary_reminder=False,
            cleanup_reminder=False,
        )
    )
    due = due_reminder(*spec.job_args(), due_at=NOW)
    assert (due.reminder_id, due.kind, due.objective, due.minutes, due.due_at) == (
        "session-0815-tue",
        ReminderKind.SESSION,
        "Follow up 3 leads",
        15,
        NOW,
    )
    assert not due.snoozed
    with pytest.raises(ValueError, match="due_at"):
        due_reminder(*spec.job_args())


def test_snooze_ids_belong_to_their_reminder() -> None:
    job_id = snooze_id("session-0900-daily", NOW)
    assert job_id != "session-0900-daily"
    assert base_reminder_id(job_id) == "session-0900-daily"
    assert base_reminder_id(snooze_id(job_id, NOW + timedelta(minutes=10))) == "session-0900-daily"
    assert base_reminder_id("summary") == "summary"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon,wed,fri", (0, 2, 4)),
        ("Fri, Mon", (0, 4)),
        ("daily", (0, 1, 2, 3, 4, 5, 6)),
        ("weekdays", (0, 1, 2, 3, 4)),
        ("sun,sun", (6,)),
    ],
)
def test_parse_weekdays(text: str, days: tuple[int, ...]) -> None:
    assert parse_weekdays(text) == days


@pytest.mark.parametrize("text", ["", ",", "funday", "mon,xyz"])
def test_parse_weekdays_refuses_with_a_message(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_weekdays(text)
    assert err.value.field == "days" and err.value.message


def test_grace_is_chosen_per_kind() -> None:
    assert grace_for(ReminderKind.SESSION) == timedelta(minutes=30)
    assert grace_for("summary") == timedelta(hours=3)
    assert grace_for(ReminderKind.CLEANUP) == timedelta(hours=12)


def test_settle_shows_the_latest_timely_run_and_records_late_ones() -> None:
    runs = [ago(days=2), ago(days=1), ago(minutes=40), ago(minutes=20), ago(minutes=5)]
    settled = settle_run_times(runs, NOW, grace=timedelta(minutes=30), coalesce=True)
    assert settled.fire == (ago(minutes=5),)
    assert settled.missed == (ago(days=2), ago(days=1), ago(minutes=40))


def test_settle_without_coalescing_shows_each_timely_run() -> None:
    runs = [ago(minutes=40), ago(minutes=20), ago(minutes=5)]
    settled = settle_run_times(runs, NOW, grace=timedelta(minutes=30), coalesce=False)
    assert settled.fire == (ago(minutes=20), ago(minutes=5))
    assert settled.missed == (ago(minutes=40),)


def test_settle_records_only_recent_misses_and_none_grace_is_never_late() -> None:
    runs = [ago(days=30), ago(days=13)]
    settled = settle_run_times(runs, NOW, grace=timedelta(hours=1), coalesce=True)
    assert settled == settle_run_times(runs, NOW, grace=timedelta(hours=1), coalesce=False)
    assert settled.fire == () and settled.missed == (ago(days=13),)
    never_late = settle_run_times(runs, NOW, grace=None, coalesce=True)
    assert never_late.fire == (ago(days=13),) and never_late.missed == ()
