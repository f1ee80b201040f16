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

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import inspect
from sqlalchemy.exc import DatabaseError, OperationalError

from focusdesk.store.database import Database, damaged_message
from focusdesk.store.errors import CorruptDatabaseError, NewerSchemaError, StoreError
from focusdesk.store.files import FILE_MODE, ensure_private_dir

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, *, clock: Callable[[], datetime] | None = None) -> None:
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
    except OperationalError as exc:
        if db.path is not None and "not a database" in str(exc.orig):
            raise CorruptDatabaseError(damaged_message(db.path, "the file is damaged")) from None
        raise StoreError(f"Cannot open {db.describe()}: {exc.orig}") from None
    except DatabaseError as exc:
        if db.path is not None:
            raise CorruptDatabaseError(damaged_message(db.path, str(exc.orig))) from None
        raise StoreError(f"Cannot use {db.describe()}: {exc.orig}") from None


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
