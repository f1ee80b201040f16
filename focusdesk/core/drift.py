"""Noticing drift: casual use inside a business session, and too much casual use in a day.

Pure bookkeeping over (instant, category) observations; the caller decides
how to nudge. Both checks stay quiet for a while after speaking: a nudge
that repeats every few seconds teaches people to ignore it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from focusdesk.core.enums import Category


@dataclass(frozen=True, slots=True)
class DriftNudge:
    """Casual activity has lasted ``casual_for`` during session ``session_id``."""

    session_id: int
    app: str
    title: str
    casual_for: timedelta


@dataclass(slots=True)
class DriftWatch:
    """Casual for ``after`` in a row during a session → one nudge, then ``quiet`` of silence."""

    after: timedelta = timedelta(seconds=60)
    quiet: timedelta = timedelta(minutes=5)
    _casual_since: datetime | None = None
    _last_nudge: datetime | None = None

    def observe(
        self, at: datetime, category: Category, session_id: int | None, app: str, title: str
    ) -> DriftNudge | None:
        if session_id is None or category is not Category.CASUAL:
            self._casual_since = None
            return None
        if self._casual_since is None or at < self._casual_since:
            self._casual_since = at
        casual_for = at - self._casual_since
        if casual_for < self.after:
            return None
        if self._last_nudge is not None and self._last_nudge <= at < self._last_nudge + self.quiet:
            return None
        self._last_nudge = at
        return DriftNudge(session_id, app, title, casual_for)

    def reset(self) -> None:
        """The user answered ("back to my objective"): start counting afresh."""
        self._casual_since = None


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
