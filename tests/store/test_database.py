from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from focusdesk.services.context import AppContext
from focusdesk.store import migrate
from focusdesk.store.database import normalise_url, open_database
from focusdesk.store.errors import CorruptDatabaseError, NewerSchemaError, StoreError
from focusdesk.store.migrate import current_revision, head_revision
from focusdesk.store.models import Base

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
TABLES = set(Base.metadata.tables)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_upgrade_from_empty_creates_the_schema(ctx: AppContext) -> None:
    db = ctx.db
    assert current_revision(db) == head_revision()
    with db.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) >= TABLES
    assert ctx.device_id > 0


def test_migrations_match_the_models_exactly(ctx: AppContext) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with ctx.db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_sqlite_uses_wal_and_foreign_keys(sqlite_ctx: AppContext) -> None:
    with sqlite_ctx.db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_newer_database_is_refused_untouched(ctx: AppContext, data_dir: Path) -> None:
    db = ctx.db
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    ctx.close()
    before = (data_dir / "focusdesk.db").read_bytes() if ctx.database_url is None else None
    reopened = AppContext.create(data_dir, ctx.database_url, clock=ctx.clock, tz=ctx.tz)
    with pytest.raises(NewerSchemaError, match="newer version of FocusDesk"):
        reopened.db  # noqa: B018 - opening is the action under test
    if before is not None:
        assert (data_dir / "focusdesk.db").read_bytes() == before
        assert not (data_dir / "backups").exists()


def test_garbage_file_is_refused_and_kept_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "focusdesk.db"
    garbage = b"these are not the tables you are looking for\n" * 100
    path.write_bytes(garbage)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(sqlite_path=path)
    assert str(path) in str(info.value) and "left untouched" in str(info.value)
    assert path.read_bytes() == garbage
    assert sorted(p.name for p in tmp_path.iterdir()) == ["focusdesk.db"]


def test_damaged_pages_behind_a_valid_header_are_refused(tmp_path: Path) -> None:
    good = tmp_path / "good.db"
    db = open_database(sqlite_path=good)
    db.close()
    data = bytearray(good.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wipe the schema page after the header
    broken = tmp_path / "broken.db"
    broken.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError):
        open_database(sqlite_path=broken)
    assert broken.read_bytes() == bytes(data)


def test_files_are_private_even_with_a_permissive_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        ctx = AppContext.create(tmp_path / "data", None, clock=lambda: NOW)
        ctx.device_id  # noqa: B018 - creates the database and the device row
        with ctx.db.engine.begin() as conn:
            conn.execute(text("SELECT 1"))
        data = tmp_path / "data"
        assert mode(data) == 0o700
        for name in ("focusdesk.db", "focusdesk.db-wal", "focusdesk.db-shm", "device-id"):
            assert (data / name).exists(), name
            assert mode(data / name) == 0o600, name
        backup = migrate.backup_sqlite(data / "focusdesk.db", "0001", NOW)
        assert mode(backup.parent) == 0o700 and mode(backup) == 0o600
        ctx.close()
    finally:
        os.umask(old)


def test_migration_backs_up_the_file_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "data" / "focusdesk.db"
    db = open_database(sqlite_path=path, clock=lambda: NOW)
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO devices (uid, name, created_at) VALUES ('u', 'laptop', 0)"))
    db.close()
    # A copy of the real migrations plus one newer revision stands in for an upgrade.
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts)
    head = head_revision()
    (scripts / "versions" / "9001_test.py").write_text(
        '"""test revision"""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n"
        f"revision = '9001'\ndown_revision = '{head}'\nbranch_labels = None\ndepends_on = None\n"
        "def upgrade():\n    op.create_table('extra', sa.Column('id', sa.Integer, primary_key=True))\n"
        "def downgrade():\n    op.drop_table('extra')\n"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    monkeypatch.setattr(migrate, "EXPECTED_HEAD", "9001")
    upgraded = open_database(sqlite_path=path, clock=lambda: NOW)
    assert current_revision(upgraded) == "9001"
    upgraded.close()
    backups = list((tmp_path / "data" / "backups").iterdir())
    assert len(backups) == 1 and head in backups[0].name
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT name FROM devices").fetchall() == [("laptop",)]
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head,)]


def test_the_fast_path_head_is_alembics_head() -> None:
    assert head_revision() == migrate.EXPECTED_HEAD


def test_an_up_to_date_open_does_not_load_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    open_database(sqlite_path=tmp_path / "f.db").close()
    code = (
        "import sys; from pathlib import Path; from focusdesk.store.database import open_database;"
        f"open_database(sqlite_path=Path({str(tmp_path / 'f.db')!r})).close();"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_database_urls() -> None:
    assert normalise_url("postgresql://me@host/db").drivername == "postgresql+psycopg"
    with pytest.raises(StoreError, match="SQLite or PostgreSQL"):
        normalise_url("mysql://me@host/db")
    with pytest.raises(StoreError, match="not valid"):
        normalise_url("::::")


def test_unreachable_postgres_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="Cannot open"):
        open_database(url="postgresql://nobody@127.0.0.1:1/none")


def test_a_database_of_the_first_release_is_upgraded_with_a_backup(tmp_path: Path) -> None:
    from alembic import command

    path = tmp_path / "data" / "focusdesk.db"
    path.parent.mkdir(mode=0o700)
    engine = create_engine(f"sqlite:///{path}")
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text("INSERT INTO devices (uid, name, created_at) VALUES ('u', 'laptop', 0)"))
    engine.dispose()
    db = open_database(sqlite_path=path, clock=lambda: NOW)
    assert current_revision(db) == head_revision() != "0001"
    with db.engine.connect() as conn:
        assert "privacy_rules" in inspect(conn).get_table_names()
        assert conn.execute(text("SELECT name FROM devices")).scalar() == "laptop"
    db.close()
    [backup] = (tmp_path / "data" / "backups").iterdir()
    assert "0001" in backup.name and mode(backup) == 0o600
