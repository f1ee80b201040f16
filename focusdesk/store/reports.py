"""Aggregations for summaries and reports, done by the database.

Day totals come from the ``day_totals`` roll-up, so a year costs about a
thousand rows; per-session time comes from the spans through the partial
index on ``session_id``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import BigInteger, case, func, select, type_coerce
from sqlalchemy.orm import Session

from focusdesk.core.enums import Outcome
from focusdesk.store.models import ActivitySpan, DayTotal, InteractionRow, SessionRow
from focusdesk.store.types import CATEGORY_BY_CODE


def totals_by_day(session: Session, first_day: int, last_day: int) -> dict[int, dict[str, int]]:
    query = (
        select(DayTotal.day, DayTotal.category, func.sum(DayTotal.seconds))
        .where(DayTotal.day.between(first_day, last_day))
        .group_by(DayTotal.day, DayTotal.category)
    )
    result: dict[int, dict[str, int]] = defaultdict(dict)
    for day, code, seconds in session.execute(query):
        result[day][CATEGORY_BY_CODE[code].value] = int(seconds or 0)
    return result


def seconds_by_session(session: Session, session_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    ids = list(session_ids)
    result: dict[int, dict[str, int]] = defaultdict(dict)
    if not ids:
        return result
    query = (
        select(ActivitySpan.session_id, ActivitySpan.category, func.sum(ActivitySpan.duration))
        .where(ActivitySpan.session_id.in_(ids))
        .group_by(ActivitySpan.session_id, ActivitySpan.category)
    )
    for session_id, code, seconds in session.execute(query):
        assert session_id is not None
        result[session_id][CATEGORY_BY_CODE[code].value] = int(seconds or 0)
    return result


@dataclass(slots=True)
class SessionStats:
    count: int = 0
    ended: int = 0
    met: int = 0
    partly: int = 0
    missed: int = 0
    planned_s: int = 0
    overrun_s: int = 0
    extensions: int = 0
    kept: int = 0


def session_stats_by_day(
    session: Session, first_day: int, last_day: int
) -> dict[int, SessionStats]:
    overrun = type_coerce(SessionRow.ended_at, BigInteger) - type_coerce(
        SessionRow.deadline, BigInteger
    )
    query = (
        select(
            SessionRow.day,
            func.count(),
            func.count(SessionRow.ended_at),
            func.sum(case((SessionRow.outcome == Outcome.MET.value, 1), else_=0)),
            func.sum(case((SessionRow.outcome == Outcome.PARTLY.value, 1), else_=0)),
            func.sum(case((SessionRow.outcome == Outcome.MISSED.value, 1), else_=0)),
            func.sum(SessionRow.planned_minutes * 60),
            func.sum(case((overrun > 0, overrun), else_=0)),
            func.sum(SessionRow.extensions),
            func.sum(case((overrun <= 60, 1), else_=0)),
        )
        .where(SessionRow.day.between(first_day, last_day))
        .group_by(SessionRow.day)
    )
    result: dict[int, SessionStats] = {}
    for day, *figures in session.execute(query):
        result[day] = SessionStats(*(int(f or 0) for f in figures))
    return result


def interactions_by_day(
    session: Session, first_day: int, last_day: int
) -> dict[int, dict[str, int]]:
    query = (
        select(InteractionRow.day, InteractionRow.kind, func.count())
        .where(InteractionRow.day.between(first_day, last_day))
        .group_by(InteractionRow.day, InteractionRow.kind)
    )
    result: dict[int, dict[str, int]] = defaultdict(dict)
    for day, kind, n in session.execute(query):
        result[day][kind] = int(n)
    return result
