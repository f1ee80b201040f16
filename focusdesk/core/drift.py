"""Noticing drift: casual use inside a business session, and too much casual use in a day.

Pure bookkeeping over (instant, category) observations; the caller decides
how to nudge. Both checks stay quiet for a while after speaking: a nudge
that repeats every few seconds teaches people to ignore it.

A personal page (priority 5: casual use belongs on its own page, after the
session) is nudged sooner than generic casual use: after ``personal_after``
(10 s) rather than ``after`` (a minute by default). Not at once, because
switching windows with Alt+Tab passes through pages without using them; 10 s
on the page is use. Both kinds share one quiet period, so the user never
hears from FocusDesk more than once per five minutes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from focusdesk.core.enums import Category


@dataclass(frozen=True, slots=True)
class DriftNudge:
    """Casual activity has lasted ``casual_for`` during session ``session_id``.

    ``personal_page`` names the user's personal page when that is where it happened.
    """

    session_id: int
    app: str
    title: str
    casual_for: timedelta
    personal_page: str | None = None


@dataclass(slots=True)
class DriftWatch:
    """Casual for ``after`` in a row during a session → one nudge, then ``quiet`` of silence."""

    after: timedelta = timedelta(seconds=60)
    quiet: timedelta = timedelta(minutes=5)
    personal_after: timedelta = timedelta(seconds=10)
    _casual_since: datetime | None = None
    _personal_since: datetime | None = None
    _personal: str | None = None
    _last_nudge: datetime | None = None

    def observe(
        self,
        at: datetime,
        category: Category,
        session_id: int | None,
        app: str,
        title: str,
        personal: str | None = None,
    ) -> DriftNudge | None:
        """``personal`` is the name of the personal page the window is on, if any."""
        if session_id is None or category is not Category.CASUAL:
            self.reset()
            return None
        if self._casual_since is None or at < self._casual_since:
            self._casual_since = at
        if personal != self._personal or self._personal_since is None or at < self._personal_since:
            self._personal, self._personal_since = personal, at
        if personal is None:
            casual_for, wait = at - self._casual_since, self.after
        else:
            casual_for, wait = at - self._personal_since, self.personal_after
        if casual_for < wait:
            return None
        if self._last_nudge is not None and self._last_nudge <= at < self._last_nudge + self.quiet:
            return None
        self._last_nudge = at
        return DriftNudge(session_id, app, title, casual_for, personal)

    def reset(self) -> None:
        """The user answered ("back to my objective"): start counting afresh."""
        self._casual_since = self._personal_since = self._personal = None


@dataclass(slots=True)
class CasualBudget:
    """Outside sessions, one reminder a day once casual time passes ``budget``.

    Seconds are counted per local day, so the budget starts over at midnight.
    """

    budget: timedelta = timedelta(minutes=30)
    _day: date | None = None
    _seconds: float = 0.0
    _reminded: set[date] = field(default_factory=set)

    def add(self, day: date, seconds: float, category: Category, in_session: bool) -> bool:
        """Count ``seconds`` of activity; True exactly once a day when the budget is passed."""
        if day != self._day:
            self._day, self._seconds = day, 0.0
        if category is not Category.CASUAL or seconds <= 0:
            return False
        self._seconds += seconds
        if in_session or day in self._reminded:
            return False
        if self._seconds >= self.budget.total_seconds():
            self._reminded.add(day)
            return True
        return False

    @property
    def used(self) -> timedelta:
        return timedelta(seconds=self._seconds)
