"""Noticing that the wall clock jumped or the machine slept.

Between two ticks the wall clock and a monotonic clock should advance by the
same amount. When the wall clock moves further (a resume from suspend: on
Linux the monotonic clock stops while asleep; or the user or NTP set the clock
forward) or less (the clock was set back), timers that waited for a wall-clock
instant are wrong and must be re-evaluated at once. Both clocks are injected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

JUMP_THRESHOLD = timedelta(seconds=30)


@dataclass(frozen=True, slots=True)
class ClockJump:
    """``skew`` is how much further the wall clock moved than the monotonic one."""

    skew: timedelta
    wall_before: datetime
    wall_after: datetime

    @property
    def forward(self) -> bool:
        return self.skew > timedelta(0)


@dataclass
class ClockJumpDetector:
    threshold: timedelta = JUMP_THRESHOLD
    _wall: datetime | None = field(default=None, repr=False)
    _mono: float | None = field(default=None, repr=False)

    def check(self, wall: datetime, monotonic_s: float) -> ClockJump | None:
        """Compare this tick with the previous one; None while the clocks agree."""
        before, before_mono = self._wall, self._mono
        self._wall, self._mono = wall, monotonic_s
        if before is None or before_mono is None:
            return None
        skew = (wall - before) - timedelta(seconds=monotonic_s - before_mono)
        if abs(skew) < self.threshold:
            return None
        return ClockJump(skew, before, wall)
