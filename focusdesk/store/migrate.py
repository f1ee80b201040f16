"""Schema upgrades through Alembic, with a backup first and a refusal of the future.

Following Vorta, the SQLite file is copied before any migration touches it,
so a failed or unwanted upgrade never costs a user their history. A database
written by a newer FocusDesk (a revision this version does not know) is
refused untouched: downgrading it silently would lose data.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DatabaseError

from focusdesk.store.database import Database, damaged_message
from focusdesk.store.errors import CorruptDatabaseError, NewerSchemaError, StoreError
from focusdesk.store.files import FILE_MODE, ensure_private_dir

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest revision in migrations/versions. Checked against Alembic by a
# test, so it cannot drift; it lets the everyday start (schema already
# current) skip importing Alembic and parsing every migration script.
EXPECTED_HEAD = "0003"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return _stamped_revision(conn)


def _stamped_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(db: Database, *, clock: Callable[[], datetime] | None = None) -> None:
    try:
        with db.engine.connect() as conn:
            if _stamped_revision(conn) == EXPECTED_HEAD:
                return
    except DatabaseError as exc:
        _raise_unusable(db, exc)
    _upgrade_with_alembic(db, clock)


def _raise_unusable(db: Database, exc: DatabaseError) -> None:
    if db.path is not None:
        raise CorruptDatabaseError(damaged_message(db.path, str(exc.orig))) from None
    raise StoreError(f"Cannot open {db.describe()}: {exc.orig}") from None


def _upgrade_with_alembic(db: Database, clock: Callable[[], datetime] | None) -> None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    try:
        with db.engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            if current == head:
                return
            if current is not None:
                try:
                    script.get_revision(current)
                except CommandError:
                    raise NewerSchemaError(
                        f"{db.describe()} was written by a newer version of FocusDesk "
                        f"(schema {current}). It has been left untouched; please update FocusDesk."
                    ) from None
            has_tables = bool(inspect(conn).get_table_names())
            conn.rollback()
            if has_tables and db.path is not None:
                backup_sqlite(db.path, current or "unversioned", (clock or _utcnow)())
            cfg.attributes["connection"] = conn
            log.info("migrating %s from %s to %s", db.describe(), current, head)
            command.upgrade(cfg, "head")
            conn.commit()
    except DatabaseError as exc:
        _raise_unusable(db, exc)


def backup_sqlite(path: Path, revision: str, now: datetime) -> Path:
    """Copy the live database (WAL included) with SQLite's backup API, mode 0600."""
    folder = ensure_private_dir(path.parent / "backups")
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{path.stem}-{stamp}-{revision}.db"
    target.touch(mode=FILE_MODE, exist_ok=False)
    source = sqlite3.connect(path)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
    log.info("backed up %s to %s before migrating", path, target)
    return target


def _utcnow() -> datetime:
    return datetime.now(UTC)
