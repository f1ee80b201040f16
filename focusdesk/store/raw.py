"""Statements compiled once and run on the driver's cursor, for the hot path.

The recorder runs the same few statements thousands of times a day. Going
through SQLAlchemy's execution machinery each time costs more than the
statements themselves (building, cache-key and parameter processing), so
these few are compiled once for the connection's dialect (SQLite or
PostgreSQL alike, each with its own parameter style) and executed on the
DBAPI cursor inside the SQLAlchemy-managed transaction. Only plain integers
and strings pass through them, so no type processing is skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement


class RawStatement:
    def __init__(self, statement: ClauseElement, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = str(compiled)
        self._order: Sequence[str] | None = (
            list(compiled.positiontup or []) if compiled.positional else None
        )

    def params(self, values: Mapping[str, Any]) -> Any:
        if self._order is not None:
            return tuple(values[name] for name in self._order)
        return dict(values)

    def execute(self, cursor: Any, values: Mapping[str, Any]) -> Any:
        cursor.execute(self.sql, self.params(values))
        return cursor

    def execute_many(self, cursor: Any, rows: Iterable[Mapping[str, Any]]) -> None:
        batch = [self.params(r) for r in rows]
        if batch:
            cursor.executemany(self.sql, batch)


def cursor_of(conn: Connection) -> Any:
    """The DBAPI cursor of this connection, inside its current transaction."""
    return conn.connection.cursor()
