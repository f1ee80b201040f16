"""Opening the database: SQLite by default, PostgreSQL through a URL.

``open_database`` is the one door: it checks that a SQLite file really is a
database, sets the pragmas FocusDesk relies on (WAL, foreign keys), keeps
the files private and brings the schema up to date through Alembic.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from focusdesk.store.errors import CorruptDatabaseError, StoreError
from focusdesk.store.files import ensure_private_dir, ensure_private_file, tighten_sqlite_sidecars

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class Database:
    """An open database: the engine, a session factory, and where it lives."""

    engine: Engine
    sessions: sessionmaker[Session]
    path: Path | None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def describe(self) -> str:
        """Where the data is, for doctor and error messages; never shows a password."""
        if self.path is not None:
            return f"SQLite file {self.path}"
        return f"{self.dialect} at {self.engine.url.render_as_string(hide_password=True)}"

    def close(self) -> None:
        self.engine.dispose()


def normalise_url(raw: str) -> URL:
    """Parse a user's database URL, choosing psycopg 3 for a bare postgresql:// URL."""
    try:
        url = make_url(raw)
    except ArgumentError:
        raise StoreError(
            f"The database URL {raw!r} is not valid (expected e.g. postgresql://user@host/db)."
        ) from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if not (url.drivername.startswith("postgresql") or url.drivername.startswith("sqlite")):
        raise StoreError(f"FocusDesk works with SQLite or PostgreSQL, not {url.drivername}.")
    return url


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database before SQLite touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise CorruptDatabaseError(
            damaged_message(path, "it does not start like an SQLite database")
        )


def damaged_message(path: Path, detail: str) -> str:
    return (
        f"The database {path} cannot be read ({detail}). It has been left untouched. "
        f"Move it aside (or restore a copy from {path.parent / 'backups'}) "
        "and start FocusDesk again."
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted rows are overwritten, not just unlinked: forgotten window titles
    # must not linger in free pages of the file.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def open_database(
    *,
    sqlite_path: Path | None = None,
    url: str | None = None,
    clock: Callable[[], datetime] | None = None,
    migrate: bool = True,
) -> Database:
    """Open (creating if needed) and migrate the database.

    Exactly one of ``sqlite_path`` and ``url`` is given. ``clock`` names the
    pre-migration backup.
    """
    if (sqlite_path is None) == (url is None):
        raise ValueError("give exactly one of sqlite_path and url")
    path: Path | None = None
    if url is not None:
        parsed = normalise_url(url)
        if parsed.drivername.startswith("sqlite") and parsed.database not in (None, "", ":memory:"):
            path = Path(parsed.database).expanduser().resolve()
    else:
        assert sqlite_path is not None
        path = sqlite_path.expanduser().resolve()
        parsed = URL.create("sqlite+pysqlite", database=str(path))

    if path is not None:
        ensure_private_dir(path.parent)
        check_sqlite_file(path)
        ensure_private_file(path)
        parsed = parsed.set(database=str(path))

    engine = _create_engine(parsed)
    db = Database(engine, sessionmaker(engine, expire_on_commit=False), path)
    try:
        if migrate:
            from focusdesk.store.migrate import upgrade

            upgrade(db, clock=clock)
    except Exception:
        engine.dispose()
        raise
    if path is not None:
        tighten_sqlite_sidecars(path)
    return db


def _create_engine(url: URL) -> Engine:
    if url.drivername.startswith("sqlite"):
        engine = create_engine(url, hide_parameters=True, connect_args={"timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        url, hide_parameters=True, pool_pre_ping=True, connect_args={"connect_timeout": 10}
    )
