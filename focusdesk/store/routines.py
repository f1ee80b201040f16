"""Queries behind the clean-up and personal-page lines of the scorecard.

Personal-page time is matched per distinct window, not per span: a day has
a few thousand spans but far fewer windows, and the patterns run once each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from focusdesk.core.enums import Purpose
from focusdesk.store.models import ActivitySpan, SessionRow, Window


@dataclass(frozen=True, slots=True)
class WindowTime:
    app: str
    title: str
    url: str
    seconds: int


def cleanups_ended_between(session: Session, start: datetime, end: datetime) -> list[int | None]:
    """The posts-removed count of each clean-up session that ended in [start, end)."""
    query = (
        select(SessionRow.outcome_count)
        .where(SessionRow.purpose == Purpose.CLEAN_UP.value)
        .where(SessionRow.ended_at >= start)
        .where(SessionRow.ended_at < end)
        .order_by(SessionRow.ended_at)
    )
    return list(session.scalars(query))


def session_time_by_window(session: Session, day: int) -> list[WindowTime]:
    """Seconds spent in each window inside any session on local day ``day``."""
    query = (
        select(Window.app, Window.title, Window.url, func.sum(ActivitySpan.duration))
        .join(Window, Window.id == ActivitySpan.window_id)
        .where(ActivitySpan.day == day)
        .where(ActivitySpan.session_id.is_not(None))
        .group_by(Window.id, Window.app, Window.title, Window.url)
    )
    return [
        WindowTime(app, title, url or "", int(seconds or 0))
        for app, title, url, seconds in session.execute(query)
    ]
