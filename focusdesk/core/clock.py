"""The shape of a clock: a callable that returns an aware UTC datetime.

The core never calls one itself; services receive one so tests can jump time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

Clock = Callable[[], datetime]
