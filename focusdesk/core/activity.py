"""What the watcher sees (observations) and what is kept (spans)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from focusdesk.core.enums import Category, Source


@dataclass(frozen=True, slots=True)
class WindowKey:
    """The identity of a foreground window: equal keys merge into one span."""

    app: str
    title: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Observation:
    """One poll of the active window at instant ``at``, during session ``session_id`` if any.

    ``category`` is set when the caller already classified the window (a
    redacted window is classified from its real text, which is not kept).
    """

    at: datetime
    window: WindowKey
    session_id: int | None = None
    category: Category | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of time in one window; ``end`` is exclusive."""

    start: datetime
    end: datetime
    window: WindowKey
    category: Category = Category.NEUTRAL
    source: Source = Source.AUTO
    session_id: int | None = None

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    def ending_at(self, end: datetime) -> Span:
        # Called for every observation: a direct constructor is several times
        # cheaper than dataclasses.replace.
        return Span(self.start, end, self.window, self.category, self.source, self.session_id)
