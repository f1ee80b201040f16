"""Shared fixtures: an injected clock, and every storage test on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from focusdesk.services.context import AppContext
from tests.support.clock import FakeClock
from tests.support.postgres import PostgresServer, unavailable_reason

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    reason = unavailable_reason()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str | None:
    """None means the default SQLite file under the data dir."""
    if request.param == "sqlite":
        return None
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database(f"t_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def ctx(data_dir: Path, database_url: str | None, clock: FakeClock) -> Iterator[AppContext]:
    context = AppContext.create(data_dir, database_url, clock=clock, tz=BERLIN)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def sqlite_ctx(data_dir: Path, clock: FakeClock) -> Iterator[AppContext]:
    context = AppContext.create(data_dir, None, clock=clock, tz=BERLIN)
    try:
        yield context
    finally:
        context.close()
