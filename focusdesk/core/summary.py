"""Figures for the end-of-day summary and range reports, from plain numbers.

The store aggregates in SQL; what remains here is the arithmetic people
read: ratios, the priority scorecard, and bucketing days into weeks/months.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from focusdesk.core.routines import (
    CLEANUP_LABEL,
    PERSONAL_LABEL,
    CleanupWeek,
    PersonalTime,
    cleanup_verdict,
    personal_verdict,
)


class Bucket(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


def value_pitch_ratio(value: int, pitch: int) -> float | None:
    """Value-adding interactions per pitch; None when there was no pitch to compare with."""
    if pitch == 0:
        return None
    return round(value / pitch, 2)


def bucket_start(day: date, by: Bucket) -> date:
    """The first day of the bucket holding ``day`` (ISO weeks start on Monday)."""
    if by is Bucket.DAY:
        return day
    if by is Bucket.WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


@dataclass(frozen=True, slots=True)
class SessionLine:
    id: int
    objective: str
    purpose: str
    target: int | None
    started_at: str
    ended_at: str | None
    planned_s: int
    business_s: int
    casual_s: int
    neutral_s: int
    overrun_s: int
    extensions: int
    outcome: str | None
    outcome_count: int | None
    outcome_note: str | None
    running: bool


@dataclass(frozen=True, slots=True)
class ScoreItem:
    """One line of the five-priority scorecard; ``value`` None means not measured yet."""

    priority: int
    label: str
    value: str | None
    ok: bool | None


@dataclass(slots=True)
class Totals:
    business_s: int = 0
    casual_s: int = 0
    neutral_s: int = 0

    @property
    def total_s(self) -> int:
        return self.business_s + self.casual_s + self.neutral_s

    def add(self, category: str, seconds: int) -> None:
        setattr(self, f"{category}_s", getattr(self, f"{category}_s") + int(seconds))


@dataclass(slots=True)
class Interactions:
    counts: dict[str, int] = field(default_factory=dict)

    def get(self, kind: str) -> int:
        return self.counts.get(kind, 0)


def scorecard(
    sessions: list[SessionLine],
    *,
    cleanup: CleanupWeek | None = None,
    personal: PersonalTime | None = None,
) -> list[ScoreItem]:
    """The five priorities, measured from what the day recorded.

    Priority 4 (page clean-up) looks at the whole week, priority 5 (personal
    pages) at the day's sessions; without their figures they say "not
    tracked yet" rather than show a number.
    """
    ended = [s for s in sessions if not s.running]
    kept = sum(1 for s in ended if s.overrun_s <= 60)
    casual_in = sum(s.casual_s for s in sessions)
    cleanup_value, cleanup_ok = cleanup_verdict(cleanup) if cleanup else (None, None)
    personal_value, personal_ok = personal_verdict(personal) if personal else (None, None)
    return [
        ScoreItem(
            1,
            "Objective set for every session",
            f"{len(sessions)} of {len(sessions)}" if sessions else "no sessions",
            True if sessions else None,
        ),
        ScoreItem(
            2,
            "Time boxes kept (ended within a minute of the deadline)",
            f"{kept} of {len(ended)}" if ended else "no ended sessions",
            (kept == len(ended)) if ended else None,
        ),
        ScoreItem(
            3,
            "Casual time inside business sessions",
            f"{casual_in // 60} min" if sessions else "no sessions",
            (casual_in < 300) if sessions else None,
        ),
        ScoreItem(4, CLEANUP_LABEL, cleanup_value, cleanup_ok),
        ScoreItem(5, PERSONAL_LABEL, personal_value, personal_ok),
    ]
