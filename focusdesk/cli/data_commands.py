"""export and import (filled in below by the exchange commands)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Registered by the exchange module once it exists."""
