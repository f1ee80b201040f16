"""UI tests run offscreen unless a test starts its own X server; started
AppControllers come from ``make_controller``, which stops their threads."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.support.controller import Controllers

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def make_controller(qapp: object) -> Iterator[Controllers]:
    """Start AppControllers with ``make_controller(ctx)``; all are stopped at teardown.

    Ask for it after the context fixture, so the controllers stop before it closes.
    """
    from tests.support.controller import Controllers

    controllers = Controllers()
    yield controllers
    controllers.stop_all()
