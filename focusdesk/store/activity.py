"""Writing activity spans fast: window de-duplication, span rows, day totals.

This is the hot path (a working day is tens of thousands of observations):
``ActivityWriter`` runs statements compiled once (see ``raw``) and keeps a
cache of window ids; it never builds ORM objects per span. Relabels, which
change many days at once, recompute the roll-up with ``rebuild_day_totals``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Dialect

from focusdesk.core.activity import WindowKey
from focusdesk.store.models import ActivitySpan, DayTotal, Window
from focusdesk.store.raw import RawStatement, cursor_of

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


def _upsert_factory(dialect: Dialect) -> Any:
    """The dialect's INSERT with ON CONFLICT, importing only that dialect (PostgreSQL's costs memory)."""
    if dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


class ActivityStatements:
    """The write path's statements, compiled once for one dialect."""

    def __init__(self, dialect: Dialect) -> None:
        upsert_factory = _upsert_factory(dialect)
        span_columns = [c.name for c in SPANS.columns if c.name != "id"]
        self.insert_span = RawStatement(
            insert(SPANS).values({c: bindparam(c) for c in span_columns}).returning(SPANS.c.id),
            dialect,
        )
        self.insert_spans = RawStatement(
            insert(SPANS).values({c: bindparam(c) for c in span_columns}), dialect
        )
        self.set_duration = RawStatement(
            update(SPANS)
            .where(SPANS.c.id == bindparam("span_id"))
            .values(duration=bindparam("new_duration")),
            dialect,
        )
        upsert = upsert_factory(DAY_TOTALS).values(
            device_id=bindparam("device_id"),
            day=bindparam("day"),
            category=bindparam("category"),
            seconds=bindparam("seconds"),
        )
        self.add_totals = RawStatement(
            upsert.on_conflict_do_update(
                index_elements=[DAY_TOTALS.c.device_id, DAY_TOTALS.c.day, DAY_TOTALS.c.category],
                set_={"seconds": DAY_TOTALS.c.seconds + upsert.excluded.seconds},
            ),
            dialect,
        )
        self.find_window = RawStatement(
            select(WINDOWS.c.id).where(WINDOWS.c.key_hash == bindparam("key_hash")), dialect
        )
        self.add_window = RawStatement(
            upsert_factory(WINDOWS)
            .values(
                key_hash=bindparam("key_hash"),
                app=bindparam("app"),
                title=bindparam("title"),
                url=bindparam("url"),
            )
            .on_conflict_do_nothing()
            .returning(WINDOWS.c.id),
            dialect,
        )


class ActivityWriter:
    """Writes spans and day totals for one connection; caches window ids.

    The cache must be dropped (``forget_windows``) when a transaction that
    inserted windows is rolled back, since those ids no longer exist.
    """

    def __init__(self, dialect: Dialect, max_cached: int = 50_000) -> None:
        self._sql = ActivityStatements(dialect)
        self._ids: dict[WindowKey, int] = {}
        self._max = max_cached

    def forget_windows(self) -> None:
        self._ids.clear()

    def window_id(self, cursor: Any, key: WindowKey) -> int:
        found = self._ids.get(key)
        if found is not None:
            return found
        digest = window_hash(key)
        row = self._sql.find_window.execute(cursor, {"key_hash": digest}).fetchone()
        if row is None:
            values = {"key_hash": digest, "app": key.app[:200], "title": key.title, "url": key.url}
            row = self._sql.add_window.execute(cursor, values).fetchone()
            if row is None:  # another writer inserted it first
                row = self._sql.find_window.execute(cursor, {"key_hash": digest}).fetchone()
        if len(self._ids) >= self._max:
            self._ids.clear()
        self._ids[key] = int(row[0])
        return self._ids[key]

    def insert_span(self, cursor: Any, row: SpanRow) -> int:
        return int(self._sql.insert_span.execute(cursor, row.as_params()).fetchone()[0])

    def insert_spans(self, cursor: Any, rows: Iterable[SpanRow]) -> None:
        self._sql.insert_spans.execute_many(cursor, (r.as_params() for r in rows))

    def set_duration(self, cursor: Any, span_id: int, duration: int) -> None:
        self._sql.set_duration.execute(cursor, {"span_id": span_id, "new_duration": duration})

    def add_totals(self, cursor: Any, deltas: Mapping[tuple[int, int, int], int]) -> None:
        """Add seconds to the (device, day, category) roll-up, creating rows as needed."""
        self._sql.add_totals.execute_many(
            cursor,
            (
                {"device_id": d, "day": day, "category": c, "seconds": s}
                for (d, day, c), s in deltas.items()
                if s
            ),
        )


class WindowIds:
    """Window ids for code that holds a Connection rather than a cursor (imports, manual entries)."""

    def __init__(self) -> None:
        self._writer: ActivityWriter | None = None

    def get(self, conn: Connection, key: WindowKey) -> int:
        if self._writer is None:
            self._writer = ActivityWriter(conn.dialect)
        return self._writer.window_id(cursor_of(conn), key)


def insert_spans(conn: Connection, rows: Iterable[SpanRow]) -> None:
    ActivityWriter(conn.dialect).insert_spans(cursor_of(conn), rows)


def add_day_totals(conn: Connection, deltas: Mapping[tuple[int, int, int], int]) -> None:
    ActivityWriter(conn.dialect).add_totals(cursor_of(conn), deltas)


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
