from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from focusdesk.core.errors import ValidationError
from focusdesk.services.activity import ActivityService
from focusdesk.services.context import AppContext
from focusdesk.services.interactions import InteractionService
from focusdesk.services.reports import ReportService
from focusdesk.services.sessions import SessionService
from tests.support.clock import FakeClock

DAY = date(2026, 11, 26)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    """A Berlin wall time (UTC+1 in November) as a UTC instant."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=1)


def test_day_summary_reflects_sessions_activity_and_interactions(
    ctx: AppContext, clock: FakeClock
) -> None:
    clock.set(at(9))
    sessions = SessionService(ctx)
    s = sessions.start("Message 5 prospects", 30, target=5).session
    activity = ActivityService(ctx)
    clock.set(at(9, 40))
    activity.add_manual("firefox", "Messenger | Facebook", at(9), at(9, 20))
    activity.add_manual("firefox", "Reels | Facebook", at(9, 20), at(9, 35))
    interactions = InteractionService(ctx)
    for kind in ["value", "value", "value", "pitch"]:
        interactions.log(kind)
    sessions.stop("partly", count=3)
    clock.set(at(14))
    activity.add_manual("phone", "Instagram", at(12), at(12, 30), category="casual")
    activity.add_manual("libreoffice", "plan.odt", at(13), at(13, 45))

    summary = ReportService(ctx).day_summary(DAY).to_json()
    assert summary["date"] == "2026-11-26"
    assert summary["totals"] == {
        "business_s": 1200,
        "casual_s": 900 + 1800,
        "neutral_s": 2700,
        "total_s": 6600,
    }
    [line] = summary["sessions"]
    assert line["id"] == s.id and line["objective"] == "Message 5 prospects"
    assert (line["planned_s"], line["business_s"], line["casual_s"]) == (1800, 1200, 900)
    assert line["overrun_s"] == 600 and line["extensions"] == 0 and line["outcome"] == "partly"
    assert summary["interactions"]["value"] == 3 and summary["interactions"]["pitch"] == 1
    assert summary["value_pitch_ratio"] == 3.0
    assert summary["scorecard"][3]["value"] == "not done this week (due Friday)"
    assert len(summary["trend_7d"]) == 7 and summary["trend_7d"][-1]["total_s"] == 6600


def test_days_are_cut_at_local_midnight(ctx: AppContext, clock: FakeClock) -> None:
    clock.set(at(12, day=DAY + timedelta(days=1)))
    ActivityService(ctx).add_manual(
        "phone", "Messenger", at(23, 30), at(0, 30, DAY + timedelta(days=1))
    )
    reports = ReportService(ctx)
    assert reports.day_summary(DAY).totals.business_s == 1800
    assert reports.day_summary(DAY + timedelta(days=1)).totals.business_s == 1800


def test_running_session_shows_live_overrun(ctx: AppContext, clock: FakeClock) -> None:
    clock.set(at(10))
    SessionService(ctx).start("Send 3 invites", 15)
    clock.set(at(10, 20))
    [line] = ReportService(ctx).day_summary(DAY).sessions
    assert line.running and line.overrun_s == 300


def test_range_report_buckets_by_week_and_month(ctx: AppContext, clock: FakeClock) -> None:
    activity = ActivityService(ctx)
    sessions = SessionService(ctx)
    first = date(2026, 10, 26)  # a Monday
    for offset in range(21):
        day = first + timedelta(days=offset)
        clock.set(at(18, day=day))
        activity.add_manual("firefox", "Messenger | Facebook", at(9, day=day), at(10, day=day))
        clock.set(at(11, day=day))
        sessions.start("Reply to 5 comments", 20)
        clock.set(at(11, 20, day=day))
        sessions.stop("met")
    reports = ReportService(ctx)
    weekly = reports.report(first, first + timedelta(days=20), "week").to_json()
    assert [b["start"] for b in weekly["buckets"]] == ["2026-10-26", "2026-11-02", "2026-11-09"]
    assert all(
        b["totals"]["business_s"] == 7 * 3600 and b["sessions"] == 7 for b in weekly["buckets"]
    )
    assert weekly["totals"]["business_s"] == 21 * 3600
    monthly = reports.report(first, first + timedelta(days=20), "month").to_json()
    assert [(b["start"], b["end"], b["objectives_met"]) for b in monthly["buckets"]] == [
        ("2026-10-26", "2026-10-31", 6),
        ("2026-11-01", "2026-11-15", 15),
    ]


def test_bad_ranges_are_explained(ctx: AppContext) -> None:
    reports = ReportService(ctx)
    with pytest.raises(ValidationError, match="before its start"):
        reports.report(DAY, DAY - timedelta(days=1))
    with pytest.raises(ValidationError, match="three years"):
        reports.report(DAY, DAY + timedelta(days=2000))


def test_manual_activity_validation(ctx: AppContext, clock: FakeClock) -> None:
    activity = ActivityService(ctx)
    clock.set(at(12))
    with pytest.raises(ValidationError, match="after the start"):
        activity.add_manual("phone", "x", at(10), at(9))
    with pytest.raises(ValidationError, match="in the future"):
        activity.add_manual("phone", "x", at(11), at(13))
    with pytest.raises(ValidationError, match="at most 24 hours"):
        activity.add_manual("phone", "x", at(10) - timedelta(days=2), at(11))
    with pytest.raises(ValidationError, match="app must not be empty"):
        activity.add_manual("  ", "x", at(10), at(11))
    assert ReportService(ctx).day_summary(DAY).totals.total_s == 0


def test_manual_activity_inside_a_session_counts_for_it(ctx: AppContext, clock: FakeClock) -> None:
    clock.set(at(9))
    sessions = SessionService(ctx)
    sessions.start("Call 2 prospects", 60)
    clock.set(at(9, 45))
    added = ActivityService(ctx).add_manual(
        "phone", "call with Anna", at(9, 10), at(9, 40), "business"
    )
    assert added.session_id is not None
    [line] = ReportService(ctx).day_summary(DAY).sessions
    assert line.business_s == 1800


def test_interaction_kinds_are_checked(ctx: AppContext) -> None:
    with pytest.raises(ValidationError, match="kind must be one of"):
        InteractionService(ctx).log("gossip")


def test_reminders_missed_on_the_day_are_listed_in_local_time(ctx: AppContext) -> None:
    from focusdesk.core.reminders import DueReminder, ReminderKind
    from focusdesk.services.reminders import ReminderService

    missed = [
        DueReminder("summary", ReminderKind.SUMMARY, "Day summary", "", 0, at(18)),
        DueReminder("session-0900-daily", ReminderKind.SESSION, "Call 3 leads", "", 25, at(9)),
        # 00:30 in Berlin on the 27th is still the 26th in UTC: the next day's, not this one's.
        DueReminder(
            "session-0030-daily",
            ReminderKind.SESSION,
            "Night owl",
            "",
            25,
            at(0, 30, DAY + timedelta(1)),
        ),
    ]
    assert ReminderService(ctx).record_missed(missed) == 3
    reports = ReportService(ctx)
    summary = reports.day_summary(DAY)
    assert [m.text for m in summary.missed_reminders] == [
        "09:00 Call 3 leads",
        "18:00 Day summary",
    ]
    assert summary.to_json()["missed_reminders"][0] == {
        "reminder_id": "session-0900-daily",
        "kind": "session",
        "label": "Call 3 leads",
        "due_at": "2026-11-26T09:00:00+01:00",
        "time": "09:00",
    }
    assert [m.text for m in reports.day_summary(DAY + timedelta(1)).missed_reminders] == [
        "00:30 Night owl"
    ]
    assert reports.day_summary(DAY - timedelta(1)).to_json()["missed_reminders"] == []
