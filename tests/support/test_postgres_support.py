"""Prove the throwaway PostgreSQL helper really gives isolated, disposable databases."""

from __future__ import annotations

import atexit
import subprocess
import time
from collections.abc import Iterator

import psycopg
import pytest
import sqlalchemy

from .postgres import PostgresServer, find_postgres_bin, unavailable_reason

_REASON = unavailable_reason()
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(_REASON is not None, reason=_REASON or ""),
]


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    started = time.monotonic()
    pg = PostgresServer()
    pg.start()
    print(f"postgres started in {time.monotonic() - started:.2f}s at {pg.url}")
    try:
        yield pg
    finally:
        pg.stop()


def test_binaries_found() -> None:
    bin_dir = find_postgres_bin()
    assert bin_dir is not None
    assert (bin_dir / "initdb").exists()
    assert (bin_dir / "pg_ctl").exists()


def test_default_database_answers(server: PostgresServer) -> None:
    assert server.url.startswith("postgresql+psycopg://postgres@127.0.0.1:")
    assert server.url.endswith("/focusdesk_test")
    engine = sqlalchemy.create_engine(server.url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sqlalchemy.text("select 1")).scalar_one() == 1
            name = conn.execute(sqlalchemy.text("select current_database()")).scalar_one()
            assert name == "focusdesk_test"
    finally:
        engine.dispose()


def test_created_databases_are_isolated(server: PostgresServer) -> None:
    url_a = server.create_database("isolation_a")
    url_b = server.create_database("isolation_b")
    assert url_a.endswith("/isolation_a") and url_b.endswith("/isolation_b")

    with psycopg.connect(server.conninfo("isolation_a")) as conn:
        assert conn.execute("select 1").fetchone() == (1,)
        conn.execute("create table widgets (id int primary key)")
        conn.execute("insert into widgets values (1)")

    engine_a = sqlalchemy.create_engine(url_a)
    engine_b = sqlalchemy.create_engine(url_b)
    try:
        with engine_a.connect() as conn:
            assert conn.execute(sqlalchemy.text("select count(*) from widgets")).scalar_one() == 1
        with engine_b.connect() as conn:
            assert conn.execute(sqlalchemy.text("select 1")).scalar_one() == 1
            found = conn.execute(sqlalchemy.text("select to_regclass('widgets')")).scalar_one()
            assert found is None
    finally:
        engine_a.dispose()
        engine_b.dispose()


def test_listens_on_loopback_only(server: PostgresServer) -> None:
    with psycopg.connect(server.conninfo("postgres")) as conn:
        assert conn.execute("show listen_addresses").fetchone() == ("127.0.0.1",)
        assert conn.execute("show fsync").fetchone() == ("off",)


def test_stop_removes_everything() -> None:
    pg = PostgresServer().start()
    base_dir = pg.base_dir
    port = pg.port
    assert base_dir is not None and base_dir.is_dir()
    pg.stop()
    pg.stop()  # idempotent: the atexit hook may call it again
    assert not base_dir.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(f"host=127.0.0.1 port={port} user=postgres", connect_timeout=2)
    with pytest.raises(RuntimeError):
        _ = pg.url


def test_next_start_reaps_server_of_a_killed_run() -> None:
    """A SIGKILLed pytest leaves its server behind; the next run must end it."""
    orphan = PostgresServer().start()
    orphan_dir = orphan.base_dir
    assert orphan_dir is not None
    dead = subprocess.Popen(["true"])
    dead.wait()
    (orphan_dir / "owner.pid").write_text(str(dead.pid))
    atexit.unregister(orphan.stop)  # as if the owning process were gone
    with PostgresServer() as fresh:
        assert fresh.base_dir is not None and fresh.base_dir.is_dir()
        assert not orphan_dir.exists()
