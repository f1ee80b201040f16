"""Priorities 4 and 5 as the scorecard reads them: the weekly page clean-up and personal pages.

The figures come from the store (sessions, spans); what lives here is what
they mean to the user. Where nothing can be measured the line says what to
do instead of showing a number it would have to invent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from focusdesk.core.objective import MAX_LENGTH as MAX_OBJECTIVE
from focusdesk.core.settings import BusinessPage

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CLEANUP_LABEL = "Page clean-up done this week"
PERSONAL_LABEL = "Personal-page time inside business sessions"


@dataclass(frozen=True, slots=True)
class CleanupWeek:
    """The clean-up sessions that ended in the ISO week (Monday first) of ``day``.

    ``posts_removed`` adds up the counts recorded; None when no session
    recorded one (done, but how much is unknown).
    """

    day: date
    due_weekday: int
    sessions: int = 0
    posts_removed: int | None = None
    skipped: bool = False


@dataclass(frozen=True, slots=True)
class PersonalTime:
    """Seconds spent on personal pages inside sessions on one day; ``pages`` registered.

    ``tracked`` is False when the day's sessions have no recorded activity at
    all (tracking off or unavailable): then 0 would be a guess, not a figure.
    """

    pages: int
    seconds: int = 0
    any_sessions: bool = True
    tracked: bool = True


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def cleanup_verdict(week: CleanupWeek) -> tuple[str, bool | None]:
    """What the scorecard says about this week's clean-up, and whether the habit was kept.

    Not done yet before the due day is no fault (no verdict); from the day
    after it, it is.
    """
    if week.sessions:
        if week.posts_removed is None:
            return "done (posts removed not recorded)", True
        noun = "post" if week.posts_removed == 1 else "posts"
        return f"done: {week.posts_removed} {noun} removed", True
    if week.skipped:
        return "skipped this week", False
    due = WEEKDAYS[week.due_weekday]
    late = week.day.weekday() > week.due_weekday
    return f"not done this week (due {due})", (False if late else None)


def personal_verdict(time: PersonalTime) -> tuple[str, bool | None]:
    """Minutes on personal pages during business sessions: 0 is the goal."""
    if time.pages == 0:
        return "register your personal pages in Settings", None
    if not time.any_sessions:
        return "no sessions", None
    if not time.tracked:
        return "no activity tracked in sessions", None
    if time.seconds == 0:
        return "0 min", True
    if time.seconds < 60:
        return "under 1 min", True
    return f"{time.seconds // 60} min", False


def cleanup_objective(pages: Sequence[BusinessPage]) -> str:
    """One objective for one clean-up session over all the chosen pages.

    "Remove irrelevant posts from A", "... from A and B", "... from A, B and
    C"; when the names would not fit an objective, the pages are counted
    instead of named.
    """
    names = [page.name.strip() for page in pages]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    text = f"Remove irrelevant posts from {listed}"
    if len(text) <= MAX_OBJECTIVE:
        return text
    if len(names) == 1:
        return text[: MAX_OBJECTIVE - 1] + "…"
    return f"Remove irrelevant posts from my {len(names)} business pages"
