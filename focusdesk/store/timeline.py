"""The spans of one day with their window text, and relabelling them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, select, update

from focusdesk.store.models import ActivitySpan, Window

SPANS = ActivitySpan.__table__


@dataclass(frozen=True, slots=True)
class SpanView:
    id: int
    device_id: int
    day: int
    start: int
    duration: int
    category: int
    source: int
    session_id: int | None
    window_id: int
    app: str
    title: str
    url: str


def _span_views() -> Select[Any]:
    return select(
        ActivitySpan.id,
        ActivitySpan.device_id,
        ActivitySpan.day,
        ActivitySpan.start,
        ActivitySpan.duration,
        ActivitySpan.category,
        ActivitySpan.source,
        ActivitySpan.session_id,
        ActivitySpan.window_id,
        Window.app,
        Window.title,
        Window.url,
    ).join(Window, Window.id == ActivitySpan.window_id)


def spans_of_day(conn: Connection, day: int) -> list[SpanView]:
    query = _span_views().where(ActivitySpan.day == day).order_by(ActivitySpan.start)
    return [SpanView(*row) for row in conn.execute(query)]


def get_span(conn: Connection, span_id: int) -> SpanView | None:
    row = conn.execute(_span_views().where(ActivitySpan.id == span_id)).first()
    return SpanView(*row) if row else None


def set_category(conn: Connection, span_ids: list[int], category: int) -> None:
    for chunk in range(0, len(span_ids), 500):
        conn.execute(
            update(SPANS)
            .where(SPANS.c.id.in_(span_ids[chunk : chunk + 500]))
            .values(category=category)
        )


def spans_of_window(conn: Connection, window_id: int) -> list[tuple[int, int, int]]:
    """(span id, device id, day) of every span in this window, across all history."""
    query = select(SPANS.c.id, SPANS.c.device_id, SPANS.c.day).where(SPANS.c.window_id == window_id)
    return [(a, b, c) for a, b, c in conn.execute(query)]
