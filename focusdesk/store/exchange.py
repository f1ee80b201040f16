"""Queries behind export and import.

Exports read whole ranges, so spans are streamed rather than loaded. Imports
must be repeatable without duplicating history, so the writers here insert
only what is not already stored, comparing as multisets: two identical rows
in a file against one in the database insert exactly one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, and_, insert, or_, select, true
from sqlalchemy.orm import Session

from focusdesk.store.activity import SPANS, WINDOWS, SpanRow, add_day_totals, insert_spans
from focusdesk.store.models import Device, InteractionRow, SessionExtension, SessionRow

R = TypeVar("R")
INTERACTIONS = InteractionRow.__table__
SESSIONS = SessionRow.__table__
# Keys already stored are read a few weeks at a time, so a year's import
# never holds a year of keys in memory.
DAYS_PER_CHUNK = 31


def _days(column: Any, first_day: int | None, last_day: int | None) -> ColumnElement[bool]:
    """``column`` within the optional inclusive day range (open ends mean everything)."""
    conditions = []
    if first_day is not None:
        conditions.append(column >= first_day)
    if last_day is not None:
        conditions.append(column <= last_day)
    return and_(true(), *conditions)


def device_rows(session: Session) -> list[tuple[int, str, str]]:
    return list(session.execute(select(Device.id, Device.uid, Device.name)))


def export_sessions(
    session: Session, first_day: int | None, last_day: int | None
) -> list[SessionRow]:
    """Sessions of the range, plus any that exported spans or interactions refer to
    (a session before midnight owns spans of the next day), so no reference dangles."""
    span_refs = select(SPANS.c.session_id).where(
        _days(SPANS.c.day, first_day, last_day), SPANS.c.session_id.is_not(None)
    )
    interaction_refs = select(INTERACTIONS.c.session_id).where(
        _days(INTERACTIONS.c.day, first_day, last_day), INTERACTIONS.c.session_id.is_not(None)
    )
    query = (
        select(SessionRow)
        .where(
            or_(
                _days(SessionRow.day, first_day, last_day),
                SessionRow.id.in_(span_refs),
                SessionRow.id.in_(interaction_refs),
            )
        )
        .order_by(SessionRow.started_at, SessionRow.id)
    )
    return list(session.scalars(query))


def extensions_of(
    session: Session, session_ids: Sequence[int]
) -> dict[int, list[tuple[datetime, int]]]:
    result: dict[int, list[tuple[datetime, int]]] = defaultdict(list)
    for chunk_start in range(0, len(session_ids), 500):
        chunk = session_ids[chunk_start : chunk_start + 500]
        query = (
            select(SessionExtension.session_id, SessionExtension.at, SessionExtension.minutes)
            .where(SessionExtension.session_id.in_(chunk))
            .order_by(SessionExtension.at, SessionExtension.id)
        )
        for session_id, at, minutes in session.execute(query):
            result[session_id].append((at, minutes))
    return result


def export_interactions(
    session: Session, first_day: int | None, last_day: int | None
) -> list[InteractionRow]:
    query = (
        select(InteractionRow)
        .where(_days(InteractionRow.day, first_day, last_day))
        .order_by(InteractionRow.at, InteractionRow.id)
    )
    return list(session.scalars(query))


def export_spans(session: Session, first_day: int | None, last_day: int | None) -> Iterator[Any]:
    """Spans in time order with their window text and session objective, streamed.

    Row fields: device_id, day, start, duration, category, source, session_id,
    app, title, url, objective.
    """
    query = (
        select(
            SPANS.c.device_id,
            SPANS.c.day,
            SPANS.c.start,
            SPANS.c.duration,
            SPANS.c.category,
            SPANS.c.source,
            SPANS.c.session_id,
            WINDOWS.c.app,
            WINDOWS.c.title,
            WINDOWS.c.url,
            SESSIONS.c.objective,
        )
        .join(WINDOWS, WINDOWS.c.id == SPANS.c.window_id)
        .outerjoin(SESSIONS, SESSIONS.c.id == SPANS.c.session_id)
        .where(_days(SPANS.c.day, first_day, last_day))
        .order_by(SPANS.c.start, SPANS.c.id)
        .execution_options(yield_per=2000)
    )
    yield from session.execute(query)


def find_session_id(session: Session, device_id: int, started_at: datetime) -> int | None:
    """A device cannot start two sessions in the same second, so this identifies one."""
    return session.scalar(
        select(SessionRow.id).where(
            SessionRow.device_id == device_id, SessionRow.started_at == started_at
        )
    )


def add_session(
    session: Session, row: SessionRow, extensions: Iterable[tuple[datetime, int]]
) -> int:
    session.add(row)
    session.flush()
    for at, minutes in extensions:
        session.add(SessionExtension(session_id=row.id, at=at, minutes=minutes))
    session.flush()
    return row.id


def sessions_between(
    session: Session, start: datetime, end: datetime
) -> list[tuple[int, datetime, datetime | None]]:
    """Sessions whose box touches [start, end), oldest first, for attaching imported spans."""
    query = (
        select(SessionRow.id, SessionRow.started_at, SessionRow.ended_at)
        .where(SessionRow.started_at < end)
        .where(or_(SessionRow.ended_at.is_(None), SessionRow.ended_at > start))
        .order_by(SessionRow.started_at, SessionRow.id)
    )
    return list(session.execute(query))


def _by_days(rows: Iterable[R], day_of: Callable[[R], int]) -> Iterator[tuple[int, int, list[R]]]:
    """The rows in runs of at most DAYS_PER_CHUNK days: (first day, last day, rows)."""
    ordered = sorted(rows, key=day_of)
    start = 0
    while start < len(ordered):
        first, end = day_of(ordered[start]), start
        while end < len(ordered) and day_of(ordered[end]) < first + DAYS_PER_CHUNK:
            end += 1
        yield first, day_of(ordered[end - 1]), ordered[start:end]
        start = end


def insert_new_spans(conn: Connection, rows: Sequence[SpanRow]) -> int:
    """Insert the spans not stored yet (same device, start and window) and keep the
    day totals right; returns how many were inserted."""
    inserted = 0
    for first, last, chunk in _by_days(rows, lambda r: r.day):
        query = select(SPANS.c.device_id, SPANS.c.start, SPANS.c.window_id).where(
            SPANS.c.device_id.in_({r.device_id for r in chunk}),
            SPANS.c.day.between(first, last),
        )
        stored = Counter(conn.execute(query))
        fresh: list[SpanRow] = []
        for row in chunk:
            key = (row.device_id, row.start, row.window_id)
            if stored[key] > 0:
                stored[key] -= 1
            else:
                fresh.append(row)
        insert_spans(conn, fresh)
        deltas: dict[tuple[int, int, int], int] = defaultdict(int)
        for row in fresh:
            deltas[(row.device_id, row.day, row.category)] += row.duration
        add_day_totals(conn, deltas)
        inserted += len(fresh)
    return inserted


def insert_new_interactions(conn: Connection, rows: Sequence[dict[str, Any]]) -> int:
    """Insert the interactions not stored yet (same device, instant, kind and note).

    Each row holds device_id, day, at, kind, note and session_id.
    """
    inserted = 0
    for first, last, chunk in _by_days(rows, lambda r: int(r["day"])):
        query = select(
            INTERACTIONS.c.device_id, INTERACTIONS.c.at, INTERACTIONS.c.kind, INTERACTIONS.c.note
        ).where(
            INTERACTIONS.c.device_id.in_({r["device_id"] for r in chunk}),
            INTERACTIONS.c.day.between(first, last),
        )
        stored = Counter(conn.execute(query))
        fresh = []
        for row in chunk:
            key = (row["device_id"], row["at"], row["kind"], row["note"])
            if stored[key] > 0:
                stored[key] -= 1
            else:
                fresh.append(row)
        if fresh:
            conn.execute(insert(INTERACTIONS), fresh)
        inserted += len(fresh)
    return inserted
