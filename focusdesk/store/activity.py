"""Writing activity spans fast: window de-duplication, span rows, day totals.

This is the hot path (a working day is tens of thousands of observations),
so it speaks SQLAlchemy Core on a plain Connection and keeps a cache of
window ids; it never builds ORM objects per span.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from focusdesk.core.activity import WindowKey
from focusdesk.store.models import ActivitySpan, DayTotal, Window

SPANS = ActivitySpan.__table__
WINDOWS = Window.__table__
DAY_TOTALS = DayTotal.__table__


def window_hash(key: WindowKey) -> int:
    """A signed 64-bit digest of the window text, unique-indexed instead of the text itself."""
    digest = hashlib.blake2b(
        "\x1f".join((key.app, key.title, key.url)).encode("utf-8", "surrogatepass"), digest_size=8
    ).digest()
    return int.from_bytes(digest, "big", signed=True)


@dataclass(slots=True)
class SpanRow:
    """A span ready to be stored: instants as epoch seconds, codes as small ints."""

    device_id: int
    day: int
    start: int
    duration: int
    window_id: int
    category: int
    source: int
    session_id: int | None

    def as_params(self) -> dict[str, Any]:
        return {
            "device_id": self.device_id,
            "day": self.day,
            "start": self.start,
            "duration": self.duration,
            "window_id": self.window_id,
            "category": self.category,
            "source": self.source,
            "session_id": self.session_id,
        }


class WindowIds:
    """Maps window keys to row ids, inserting unknown windows; one per writer."""

    def __init__(self, max_cached: int = 50_000) -> None:
        self._ids: dict[WindowKey, int] = {}
        self._max = max_cached

    def get(self, conn: Connection, key: WindowKey) -> int:
        found = self._ids.get(key)
        if found is not None:
            return found
        digest = window_hash(key)
        found = conn.scalar(select(Window.id).where(Window.key_hash == digest))
        if found is None:
            found = conn.scalar(
                _insert_for(conn)(WINDOWS)
                .values(key_hash=digest, app=key.app[:200], title=key.title, url=key.url)
                .on_conflict_do_nothing()
                .returning(Window.id)
            )
            if found is None:  # another writer won the race
                found = conn.scalar(select(Window.id).where(Window.key_hash == digest))
        if len(self._ids) >= self._max:
            self._ids.clear()
        self._ids[key] = found
        return found


def _insert_for(conn: Connection) -> Any:
    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


def insert_span(conn: Connection, row: SpanRow) -> int:
    span_id = conn.scalar(insert(SPANS).values(row.as_params()).returning(SPANS.c.id))
    assert span_id is not None
    return span_id


def insert_spans(conn: Connection, rows: Iterable[SpanRow]) -> None:
    params = [r.as_params() for r in rows]
    if params:
        conn.execute(insert(SPANS), params)


_UPDATE_DURATION = (
    update(SPANS)
    .where(SPANS.c.id == bindparam("span_id"))
    .values(duration=bindparam("new_duration"))
)


def set_span_duration(conn: Connection, span_id: int, duration: int) -> None:
    conn.execute(_UPDATE_DURATION, {"span_id": span_id, "new_duration": duration})


def add_day_totals(conn: Connection, deltas: Mapping[tuple[int, int, int], int]) -> None:
    """Add seconds to the (device, day, category) roll-up, creating rows as needed."""
    params = [
        {"device_id": d, "day": day, "category": c, "seconds": s}
        for (d, day, c), s in deltas.items()
        if s
    ]
    if not params:
        return
    stmt = _insert_for(conn)(DAY_TOTALS)
    stmt = stmt.on_conflict_do_update(
        index_elements=[DAY_TOTALS.c.device_id, DAY_TOTALS.c.day, DAY_TOTALS.c.category],
        set_={"seconds": DAY_TOTALS.c.seconds + stmt.excluded.seconds},
    )
    conn.execute(stmt, params)


def rebuild_day_totals(conn: Connection, device_id: int, days: Iterable[int]) -> None:
    """Recompute the roll-up from the spans themselves (after relabels, imports, deletions)."""
    wanted = sorted(set(days))
    for chunk_start in range(0, len(wanted), 500):
        chunk = wanted[chunk_start : chunk_start + 500]
        conn.execute(
            delete(DAY_TOTALS)
            .where(DAY_TOTALS.c.device_id == device_id)
            .where(DAY_TOTALS.c.day.in_(chunk))
        )
        conn.execute(
            insert(DAY_TOTALS).from_select(
                ["device_id", "day", "category", "seconds"],
                select(SPANS.c.device_id, SPANS.c.day, SPANS.c.category, func.sum(SPANS.c.duration))
                .where(SPANS.c.device_id == device_id)
                .where(SPANS.c.day.in_(chunk))
                .group_by(SPANS.c.device_id, SPANS.c.day, SPANS.c.category),
            )
        )
