from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from focusdesk.core.activity import Observation, WindowKey
from focusdesk.core.heartbeat import merge_all, merge_heartbeat

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
PULSE = timedelta(seconds=5)
A = WindowKey("firefox", "Messages | Facebook")
B = WindowKey("firefox", "(3) Facebook")


def obs(seconds: float, window: WindowKey = A, session: int | None = None) -> Observation:
    return Observation(T0 + timedelta(seconds=seconds), window, session)


def test_same_window_within_pulse_extends_one_span() -> None:
    spans = merge_all([obs(0), obs(1), obs(2), obs(3)], PULSE)
    assert len(spans) == 1
    assert spans[0].duration == timedelta(seconds=3)


def test_switch_gives_the_gap_to_the_window_that_was_open() -> None:
    spans = merge_all([obs(0), obs(1), obs(2, B), obs(3, B)], PULSE)
    assert [(s.window, s.duration.total_seconds()) for s in spans] == [(A, 2.0), (B, 1.0)]
    assert spans[0].end == spans[1].start


def test_gap_longer_than_pulse_is_not_counted() -> None:
    spans = merge_all([obs(0), obs(2), obs(100), obs(103)], PULSE)
    assert [s.duration.total_seconds() for s in spans] == [2.0, 3.0]


def test_a_session_change_cuts_the_span() -> None:
    spans = merge_all([obs(0), obs(1), obs(2, session=7), obs(4, session=7)], PULSE)
    assert [(s.session_id, s.duration.total_seconds()) for s in spans] == [(None, 2.0), (7, 2.0)]


def test_clock_going_backwards_starts_a_new_span_instead_of_growing_into_the_past() -> None:
    step = merge_heartbeat(merge_heartbeat(None, obs(10), PULSE).current, obs(5), PULSE)
    assert step.closed is not None and step.closed.start == obs(10).at
    assert step.current.start == obs(5).at


windows = st.sampled_from([A, B, WindowKey("code", "main.py"), WindowKey("", "")])
gaps = st.floats(min_value=0.0, max_value=20.0, allow_nan=False)


@given(st.lists(st.tuples(gaps, windows), min_size=1, max_size=200))
def test_properties_no_overlap_and_total_duration_preserved(
    steps: list[tuple[float, WindowKey]],
) -> None:
    at = 0.0
    series = []
    for gap, window in steps:
        at += gap
        series.append(obs(at, window))
    spans = merge_all(series, PULSE)
    # Spans never overlap and come in time order.
    for earlier, later in itertools.pairwise(spans):
        assert earlier.end <= later.start
    # Every gap up to the pulse is counted exactly once; longer gaps not at all.
    expected = sum(
        (b.at - a.at).total_seconds()
        for a, b in itertools.pairwise(series)
        if (b.at - a.at) <= PULSE
    )
    total = sum(s.duration.total_seconds() for s in spans)
    assert abs(total - expected) < 1e-6
