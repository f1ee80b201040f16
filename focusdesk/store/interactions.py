"""Quick-logged interactions (value, pitch, follow-up, ...)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from focusdesk.store.models import InteractionRow


def add_interaction(
    session: Session,
    *,
    device_id: int,
    day: int,
    at: datetime,
    kind: str,
    note: str | None,
    session_id: int | None,
) -> InteractionRow:
    row = InteractionRow(
        device_id=device_id, day=day, at=at, kind=kind, note=note, session_id=session_id
    )
    session.add(row)
    session.flush()
    return row


def counts_by_kind(session: Session, first_day: int, last_day: int) -> dict[str, int]:
    query = (
        select(InteractionRow.kind, func.count())
        .where(InteractionRow.day.between(first_day, last_day))
        .group_by(InteractionRow.kind)
    )
    return {kind: int(n) for kind, n in session.execute(query)}
