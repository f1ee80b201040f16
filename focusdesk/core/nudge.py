"""When to nudge again: once at the deadline, then every ``repeat`` while ignored.

A new deadline (an extension) starts the series afresh. The wall clock may
jump backwards; a nudge "in the future" is treated as never sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(slots=True)
class NudgeSchedule:
    repeat: timedelta
    deadline: datetime | None = None
    last: datetime | None = None

    def due(self, deadline: datetime, now: datetime) -> bool:
        """True when a nudge should go out now (and records that it did)."""
        if now < deadline:
            return False
        if deadline != self.deadline:
            self.deadline, self.last = deadline, None
        if self.last is not None and self.last <= now < self.last + self.repeat:
            return False
        self.last = now
        return True

    def reset(self) -> None:
        self.deadline = self.last = None
