from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from focusdesk.core.errors import ValidationError
from focusdesk.core.timebox import TimeBox, check_minutes, format_duration

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def box(minutes: int = 25) -> TimeBox:
    return TimeBox(T0, T0 + timedelta(minutes=minutes))


def test_remaining_counts_down_to_zero_then_overrun_grows() -> None:
    b = box(25)
    assert b.remaining(T0) == timedelta(minutes=25)
    assert b.remaining(T0 + timedelta(minutes=10)) == timedelta(minutes=15)
    assert b.remaining(T0 + timedelta(minutes=30)) == timedelta(0)
    assert b.overrun(T0 + timedelta(minutes=24)) == timedelta(0)
    assert b.overrun(T0 + timedelta(minutes=31)) == timedelta(minutes=6)
    assert b.is_due(T0 + timedelta(minutes=25))


def test_clock_jump_forward_shows_overrun_from_the_stored_deadline() -> None:
    b = box(25)
    jumped = T0 + timedelta(hours=2)
    assert b.remaining(jumped) == timedelta(0)
    assert b.overrun(jumped) == timedelta(minutes=95)


def test_clock_jump_backward_never_shows_more_than_the_box() -> None:
    b = box(25)
    before_start = T0 - timedelta(hours=2)
    assert b.remaining(before_start) == timedelta(minutes=25)
    assert b.elapsed(before_start) == timedelta(0)
    assert b.overrun(before_start) == timedelta(0)


@given(st.integers(1, 240), st.integers(-10 * 3600, 10 * 3600))
def test_figures_stay_within_physical_bounds(minutes: int, offset_s: int) -> None:
    b = box(minutes)
    now = T0 + timedelta(seconds=offset_s)
    assert timedelta(0) <= b.remaining(now) <= b.length
    assert b.overrun(now) >= timedelta(0)
    assert b.elapsed(now) >= timedelta(0)
    # Before the deadline there is no overrun, after it nothing remains.
    assert b.remaining(now) == timedelta(0) or b.overrun(now) == timedelta(0)


def test_extension_counts_from_deadline_before_it_and_from_now_after_it() -> None:
    b = box(25)
    early = b.extended(5, T0 + timedelta(minutes=10))
    assert early.deadline == T0 + timedelta(minutes=30)
    late = b.extended(5, T0 + timedelta(minutes=27))
    assert late.deadline == T0 + timedelta(minutes=32)
    assert late.started_at == T0


@pytest.mark.parametrize("value", [1, 25, 240, "45", " 60 "])
def test_valid_minutes(value: object) -> None:
    assert 1 <= check_minutes(value) <= 240


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (0, "between 1 and 240"),
        (241, "between 1 and 240"),
        (-5, "between"),
        ("abc", "whole number"),
        ("2.5", "whole number"),
        (2.5, "whole number"),
        (True, "whole number"),
        ("", "whole number"),
    ],
)
def test_invalid_minutes_are_explained(value: object, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_minutes(value)
    assert fragment in info.value.message
    assert info.value.field == "minutes"


def test_format_duration() -> None:
    assert format_duration(timedelta(seconds=45)) == "45s"
    assert format_duration(timedelta(minutes=12, seconds=3)) == "12m03s"
    assert format_duration(timedelta(hours=1, minutes=5)) == "1h05m"
    assert format_duration(-90) == "-1m30s"
