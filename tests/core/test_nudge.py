from __future__ import annotations

from datetime import UTC, datetime, timedelta

from focusdesk.core.nudge import NudgeSchedule
from focusdesk.core.session import ExtensionPolicy

DEADLINE = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return DEADLINE + timedelta(minutes=minutes)


def test_nudges_at_the_deadline_then_every_repeat() -> None:
    nudges = NudgeSchedule(timedelta(minutes=2))
    assert not nudges.due(DEADLINE, at(-1))
    assert nudges.due(DEADLINE, at(0))
    assert not nudges.due(DEADLINE, at(1))
    assert not nudges.due(DEADLINE, at(1.99))
    assert nudges.due(DEADLINE, at(2))
    assert not nudges.due(DEADLINE, at(3))
    assert nudges.due(DEADLINE, at(4.5))


def test_a_new_deadline_starts_afresh() -> None:
    nudges = NudgeSchedule(timedelta(minutes=2))
    assert nudges.due(DEADLINE, at(0))
    extended = at(5)
    assert not nudges.due(extended, at(1))
    assert nudges.due(extended, at(5))


def test_a_clock_jump_back_does_not_silence_nudges() -> None:
    nudges = NudgeSchedule(timedelta(minutes=2))
    assert nudges.due(DEADLINE, at(30))
    assert nudges.due(DEADLINE, at(10))  # the clock went back 20 minutes, still over time


def test_extension_policy_refusals() -> None:
    assert ExtensionPolicy(2).refusal(1) is None
    assert "limit is 2" in (ExtensionPolicy(2).refusal(2) or "")
    assert "Strict mode" in (ExtensionPolicy(2, strict=True).refusal(0) or "")
