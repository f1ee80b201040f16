"""Queries on focus sessions, returning domain objects rather than rows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from focusdesk.core.enums import EndReason, Outcome, Purpose
from focusdesk.core.session import FocusSession
from focusdesk.store.models import SessionExtension, SessionRow


def to_domain(row: SessionRow) -> FocusSession:
    return FocusSession(
        id=row.id,
        objective=row.objective,
        purpose=Purpose(row.purpose),
        target=row.target,
        planned_minutes=row.planned_minutes,
        started_at=row.started_at,
        deadline=row.deadline,
        ended_at=row.ended_at,
        extensions=row.extensions,
        outcome=Outcome(row.outcome) if row.outcome else None,
        outcome_count=row.outcome_count,
        outcome_note=row.outcome_note,
        end_reason=EndReason(row.end_reason) if row.end_reason else None,
    )


def running_row(session: Session) -> SessionRow | None:
    return session.scalar(select(SessionRow).where(SessionRow.running.is_(True)))


def get_row(session: Session, session_id: int) -> SessionRow | None:
    return session.get(SessionRow, session_id)


def latest_row(session: Session) -> SessionRow | None:
    return session.scalar(select(SessionRow).order_by(SessionRow.started_at.desc()).limit(1))


def sessions_on_day(session: Session, day: int) -> list[SessionRow]:
    query = select(SessionRow).where(SessionRow.day == day).order_by(SessionRow.started_at)
    return list(session.scalars(query))


def session_at(session: Session, instant: datetime) -> int | None:
    """The session whose time box covers ``instant`` (for back-dated activity)."""
    query = (
        select(SessionRow.id)
        .where(SessionRow.started_at <= instant)
        .where((SessionRow.ended_at.is_(None)) | (SessionRow.ended_at > instant))
        .order_by(SessionRow.started_at.desc())
        .limit(1)
    )
    return session.scalar(query)


def recent_objectives(session: Session, limit: int = 10) -> list[str]:
    rows = session.execute(
        select(SessionRow.objective, SessionRow.started_at)
        .order_by(SessionRow.started_at.desc())
        .limit(200)
    ).all()
    seen: list[str] = []
    for objective, _ in rows:
        if objective not in seen:
            seen.append(objective)
        if len(seen) >= limit:
            break
    return seen


def add_extension(
    session: Session, row: SessionRow, minutes: int, at: datetime, deadline: datetime
) -> None:
    row.extensions += 1
    row.deadline = deadline
    session.add(SessionExtension(session_id=row.id, at=at, minutes=minutes))


def touch(session: Session, session_id: int, at: datetime) -> None:
    session.execute(update(SessionRow).where(SessionRow.id == session_id).values(last_seen_at=at))
