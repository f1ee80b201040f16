"""Fixtures for the summary window: a filled day in a real database, and its presenter.

The day is written through the services once per test session into a
template data folder; each test gets its own copy, so tests stay fast and
can still relabel and export without seeing each other's changes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from focusdesk.services.context import AppContext
from focusdesk.ui.geometry import GeometryStore
from focusdesk.ui.summary.presenter import SummaryPresenter
from tests.support.clock import FakeClock
from tests.ui.summary.scenario import DAY, END_OF_DAY, fill_day, fill_week

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="session")
def filled_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("summary") / "data"
    clock = FakeClock()
    ctx = AppContext.create(folder, None, clock=clock, tz=BERLIN)
    try:
        fill_week(ctx, clock)
        fill_day(ctx, clock)
    finally:
        ctx.close()
    return folder


@pytest.fixture
def filled_ctx(filled_template: Path, tmp_path: Path, clock: FakeClock) -> Iterator[AppContext]:
    folder = tmp_path / "filled"
    shutil.copytree(filled_template, folder)
    clock.set(END_OF_DAY)
    ctx = AppContext.create(folder, None, clock=clock, tz=BERLIN)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def geometry(tmp_path: Path) -> GeometryStore:
    return GeometryStore(tmp_path / "config")


@pytest.fixture
def presenter(
    qtbot: QtBot, filled_ctx: AppContext, geometry: GeometryStore
) -> Iterator[SummaryPresenter]:
    shown = SummaryPresenter(filled_ctx, geometry)
    qtbot.addWidget(shown.view)
    shown.show_day(DAY)
    yield shown
