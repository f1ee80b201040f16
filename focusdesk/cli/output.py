"""Printing for people (local times, short durations) and for scripts (JSON)."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta, tzinfo
from typing import Any

from focusdesk.core.timebox import format_duration


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def local_clock(instant: datetime, tz: tzinfo) -> str:
    return instant.astimezone(tz).strftime("%H:%M")


def hours(seconds: int) -> str:
    return format_duration(timedelta(seconds=seconds)) if seconds else "0m"


def fail(message: str) -> int:
    sys.stderr.write(f"focusdesk: {message}\n")
    return 2
