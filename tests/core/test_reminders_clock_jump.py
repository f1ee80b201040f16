"""The clock-jump detector: wall time against monotonic time, both injected."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from focusdesk.core.clock_jump import ClockJumpDetector

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def test_steady_ticks_and_small_drift_are_not_jumps() -> None:
    detector = ClockJumpDetector()
    assert detector.check(T0, 100.0) is None  # the first tick has nothing to compare
    assert detector.check(T0 + timedelta(seconds=10), 110.0) is None
    assert detector.check(T0 + timedelta(seconds=30), 125.0) is None  # 5 s of NTP slew


def test_forward_jump_or_resume_is_reported_once() -> None:
    detector = ClockJumpDetector()
    detector.check(T0, 100.0)
    jump = detector.check(T0 + timedelta(hours=2, seconds=10), 110.0)
    assert jump is not None and jump.forward
    assert jump.skew == timedelta(hours=2)
    assert (jump.wall_before, jump.wall_after) == (T0, T0 + timedelta(hours=2, seconds=10))
    assert detector.check(T0 + timedelta(hours=2, seconds=20), 120.0) is None


def test_backward_jump_is_reported() -> None:
    detector = ClockJumpDetector(threshold=timedelta(seconds=30))
    detector.check(T0, 0.0)
    jump = detector.check(T0 - timedelta(hours=2) + timedelta(seconds=10), 10.0)
    assert jump is not None and not jump.forward
    assert jump.skew == -timedelta(hours=2)
