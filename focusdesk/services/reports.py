"""The end-of-day summary and range reports, as plain data ready for JSON or a window."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from focusdesk.core.days import days_between, epoch_day, local_date
from focusdesk.core.enums import InteractionKind
from focusdesk.core.errors import ValidationError
from focusdesk.core.reminders import MissedReminder
from focusdesk.core.summary import (
    Bucket,
    ScoreItem,
    SessionLine,
    Totals,
    bucket_start,
    scorecard,
    value_pitch_ratio,
)
from focusdesk.services.cleanup import CleanupService
from focusdesk.services.context import AppContext
from focusdesk.services.reminders import ReminderService
from focusdesk.store import reports as queries
from focusdesk.store import sessions as session_store

MAX_REPORT_DAYS = 3 * 366


@dataclass(frozen=True, slots=True)
class MissedLine:
    """A reminder whose time passed while the app was closed or the laptop slept.

    The summary lists them so a skipped prospecting session is seen, not
    silently lost; ``time`` is the local time of day it was due.
    """

    reminder_id: str
    kind: str
    label: str
    due_at: str
    time: str

    @property
    def text(self) -> str:
        """'09:00 Prospecting session': the form the window and the CLI show."""
        return f"{self.time} {self.label}"

    @classmethod
    def of(cls, missed: MissedReminder, tz: tzinfo) -> MissedLine:
        local = missed.due_at.astimezone(tz)
        return cls(
            missed.reminder_id, missed.kind.value, missed.label, local.isoformat(), f"{local:%H:%M}"
        )


@dataclass(slots=True)
class DaySummary:
    date: date
    timezone: str
    totals: Totals
    sessions: list[SessionLine]
    interactions: dict[str, int]
    value_pitch_ratio: float | None
    scorecard: list[ScoreItem]
    trend: list[tuple[date, Totals]] = field(default_factory=list)
    missed_reminders: list[MissedLine] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "timezone": self.timezone,
            "totals": _totals_json(self.totals),
            "sessions": [asdict(s) for s in self.sessions],
            "interactions": self.interactions,
            "value_pitch_ratio": self.value_pitch_ratio,
            "scorecard": [asdict(item) for item in self.scorecard],
            "trend_7d": [{"date": d.isoformat(), **_totals_json(t)} for d, t in self.trend],
            "missed_reminders": [asdict(m) for m in self.missed_reminders],
        }


@dataclass(slots=True)
class ReportBucket:
    start: date
    end: date
    totals: Totals = field(default_factory=Totals)
    sessions: int = 0
    objectives_met: int = 0
    overrun_s: int = 0
    extensions: int = 0
    interactions: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        value = self.interactions.get(InteractionKind.VALUE, 0)
        pitch = self.interactions.get(InteractionKind.PITCH, 0)
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "totals": _totals_json(self.totals),
            "sessions": self.sessions,
            "objectives_met": self.objectives_met,
            "overrun_s": self.overrun_s,
            "extensions": self.extensions,
            "interactions": dict(sorted(self.interactions.items())),
            "value_pitch_ratio": value_pitch_ratio(value, pitch),
        }


@dataclass(slots=True)
class RangeReport:
    first: date
    last: date
    by: Bucket
    buckets: list[ReportBucket]

    def to_json(self) -> dict[str, Any]:
        total = Totals()
        for bucket in self.buckets:
            for name in ("business", "casual", "neutral"):
                total.add(name, getattr(bucket.totals, f"{name}_s"))
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "by": self.by.value,
            "totals": _totals_json(total),
            "sessions": sum(b.sessions for b in self.buckets),
            "buckets": [b.to_json() for b in self.buckets],
        }


def _totals_json(totals: Totals) -> dict[str, int]:
    return {
        "business_s": totals.business_s,
        "casual_s": totals.casual_s,
        "neutral_s": totals.neutral_s,
        "total_s": totals.total_s,
    }


def _totals(figures: dict[str, int]) -> Totals:
    return Totals(figures.get("business", 0), figures.get("casual", 0), figures.get("neutral", 0))


class ReportService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._routines = CleanupService(ctx)  # keeps its page patterns between summaries

    def today(self) -> date:
        return local_date(self._ctx.clock(), self._ctx.tz)

    def day_summary(self, day: date | None = None, *, trend_days: int = 7) -> DaySummary:
        day = day or self.today()
        number = epoch_day(day)
        now = self._ctx.clock()
        with self._ctx.db.sessions() as session:
            rows = session_store.sessions_on_day(session, number)
            per_session = queries.seconds_by_session(session, [r.id for r in rows])
            totals = queries.totals_by_day(session, number - trend_days + 1, number)
            interactions = queries.interactions_by_day(session, number, number).get(number, {})
        lines = [
            self._line(session_store.to_domain(r), per_session.get(r.id, {}), now) for r in rows
        ]
        counts = {kind.value: interactions.get(kind.value, 0) for kind in InteractionKind}
        routines = self._routines
        trend = [
            (d, _totals(totals.get(epoch_day(d), {})))
            for d in days_between(day - timedelta(days=trend_days - 1), day)
        ]
        return DaySummary(
            date=day,
            timezone=str(self._ctx.tz),
            totals=_totals(totals.get(number, {})),
            sessions=lines,
            interactions=counts,
            value_pitch_ratio=value_pitch_ratio(counts["value"], counts["pitch"]),
            scorecard=scorecard(
                lines,
                cleanup=routines.week(day),
                personal=routines.personal_time(day, any_sessions=bool(lines)),
            ),
            trend=trend,
            missed_reminders=[
                MissedLine.of(m, self._ctx.tz) for m in ReminderService(self._ctx).missed_on(day)
            ],
        )

    def report(self, first: date, last: date, by: Bucket | str = Bucket.DAY) -> RangeReport:
        if last < first:
            raise ValidationError("to", "The report's end date is before its start date.")
        if (last - first).days >= MAX_REPORT_DAYS:
            raise ValidationError("to", "A report covers at most three years.")
        bucket_by = Bucket(by)
        lo, hi = epoch_day(first), epoch_day(last)
        with self._ctx.db.sessions() as session:
            totals = queries.totals_by_day(session, lo, hi)
            stats = queries.session_stats_by_day(session, lo, hi)
            interactions = queries.interactions_by_day(session, lo, hi)
        buckets: dict[date, ReportBucket] = {}
        for day in days_between(first, last):
            key = bucket_start(day, bucket_by)
            bucket = buckets.get(key)
            if bucket is None:
                bucket = buckets[key] = ReportBucket(max(key, first), day)
            bucket.end = day
            number = epoch_day(day)
            for name, seconds in totals.get(number, {}).items():
                bucket.totals.add(name, seconds)
            if number in stats:
                figures = stats[number]
                bucket.sessions += figures.count
                bucket.objectives_met += figures.met
                bucket.overrun_s += figures.overrun_s
                bucket.extensions += figures.extensions
            for kind, n in interactions.get(number, {}).items():
                bucket.interactions[kind] = bucket.interactions.get(kind, 0) + n
        return RangeReport(first, last, bucket_by, list(buckets.values()))

    def _line(self, s: Any, seconds: dict[str, int], now: datetime) -> SessionLine:
        return SessionLine(
            id=s.id,
            objective=s.objective,
            purpose=s.purpose.value,
            target=s.target,
            started_at=s.started_at.isoformat(),
            ended_at=s.ended_at.isoformat() if s.ended_at else None,
            planned_s=s.planned_s,
            business_s=seconds.get("business", 0),
            casual_s=seconds.get("casual", 0),
            neutral_s=seconds.get("neutral", 0),
            overrun_s=int(s.overrun(now).total_seconds()),
            extensions=s.extensions,
            outcome=s.outcome.value if s.outcome else None,
            outcome_count=s.outcome_count,
            outcome_note=s.outcome_note,
            running=s.running,
        )
