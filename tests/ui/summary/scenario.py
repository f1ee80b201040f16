"""A realistic prospecting day, created through the services, for tests and screenshots."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from focusdesk.services.activity import ActivityService
from focusdesk.services.context import AppContext
from focusdesk.services.interactions import InteractionService
from focusdesk.services.sessions import SessionService
from tests.support.clock import FakeClock

DAY = date(2026, 11, 26)
END_OF_DAY = datetime(2026, 11, 26, 16, 30, tzinfo=UTC)  # 17:30 in Berlin, when fill_day ends


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    """A Berlin wall time (UTC+1 in November) as a UTC instant; minutes may run past 59."""
    midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return midnight + timedelta(hours=hour - 1, minutes=minute)


def fill_day(ctx: AppContext, clock: FakeClock, day: date = DAY) -> None:
    """Two ended sessions (one met, one missed with overrun and an extension) and a day of
    business, casual and neutral activity; value and pitch logged; the clock ends at 17:30."""
    sessions = SessionService(ctx)
    activity = ActivityService(ctx)
    interactions = InteractionService(ctx)

    clock.set(at(9, 0, day))
    sessions.start("Message 5 prospects who commented on my post", 25, target=5)
    clock.set(at(9, 10, day))
    interactions.log("value")
    interactions.log("value")
    clock.set(at(9, 24, day))
    sessions.stop("met", count=5, note="Two asked for the video")

    clock.set(at(11, 0, day))
    sessions.start("Post a helpful tip in Team Alpha group", 15, purpose="content")
    clock.set(at(11, 15, day))
    sessions.extend(5)
    clock.set(at(11, 12, day))
    interactions.log("value")
    interactions.log("pitch")
    clock.set(at(11, 32, day))
    sessions.stop("missed")

    clock.set(at(17, 30, day))
    entries = [
        ("thunderbird", "Inbox — Mail", 8, 30, 8, 55, None),
        ("firefox", "Messenger | Facebook", 9, 0, 9, 18, None),
        ("firefox", "Reels | Facebook", 9, 18, 9, 24, None),
        ("libreoffice", "plan.odt", 9, 40, 10, 40, None),
        ("firefox", "Team Alpha | Facebook Groups", 11, 0, 11, 14, None),
        ("firefox", "Watch | Facebook", 11, 14, 11, 32, None),
        ("phone", "Instagram", 12, 30, 13, 5, "casual"),
        ("firefox", "LinkedIn Messaging | LinkedIn", 14, 0, 14, 40, None),
        ("code", "notes.md", 15, 0, 16, 10, "neutral"),
        ("firefox", "YouTube", 16, 20, 16, 45, None),
    ]
    for app, title, h0, m0, h1, m1, category in entries:
        activity.add_manual(app, title, at(h0, m0, day), at(h1, m1, day), category=category)


def fill_week(ctx: AppContext, clock: FakeClock, day: date = DAY) -> None:
    """Some activity on the six days before ``day`` so the trend has bars to show."""
    activity = ActivityService(ctx)
    for back in range(1, 7):
        earlier = day - timedelta(days=back)
        clock.set(at(20, 0, earlier))
        activity.add_manual(
            "firefox", "Messenger | Facebook", at(9, 0, earlier), at(9, 20 + 10 * back, earlier)
        )
        activity.add_manual(
            "firefox", "Reels | Facebook", at(13, 0, earlier), at(13, 5 * back, earlier)
        )
        activity.add_manual("code", "notes.md", at(15, 0, earlier), at(16, 0, earlier), "neutral")
