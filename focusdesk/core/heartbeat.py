"""Heartbeat merging: identical consecutive observations become one span.

Observations are identical when they show the same window during the same
session (a session starting or ending cuts the span, so each span belongs to
one session or none).

The watcher polls about once a second; storing every poll would cost tens of
thousands of rows a day. Following ActivityWatch's heartbeat idea, a poll
extends the current span when it shows the same window within ``pulse`` of
the span's end. A poll of another window within the pulse closes the current
span at that instant (the switch happened between two polls, and the gap is
given to the window that was open). A gap longer than the pulse (the machine
slept, the app was closed) is left uncounted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from focusdesk.core.activity import Observation, Span


@dataclass(frozen=True, slots=True)
class MergeStep:
    """Result of one heartbeat: the span now open and the one it closed, if any."""

    current: Span
    closed: Span | None


def merge_heartbeat(current: Span | None, obs: Observation, pulse: timedelta) -> MergeStep:
    fresh = Span(obs.at, obs.at, obs.window, session_id=obs.session_id)
    if current is None:
        return MergeStep(fresh, None)
    gap = obs.at - current.end
    if gap < timedelta(0):
        # The wall clock went backwards: never grow a span into the past. The
        # open span is closed as it stands and a new one starts at the new time.
        return MergeStep(fresh, current)
    if gap <= pulse:
        if obs.window == current.window and obs.session_id == current.session_id:
            return MergeStep(current.ending_at(obs.at), None)
        return MergeStep(fresh, current.ending_at(obs.at))
    return MergeStep(fresh, current)


def merge_all(observations: list[Observation], pulse: timedelta) -> list[Span]:
    """Merge a whole series (for imports and tests); spans of zero length are dropped."""
    spans: list[Span] = []
    current: Span | None = None
    for obs in observations:
        step = merge_heartbeat(current, obs, pulse)
        if step.closed is not None and step.closed.duration > timedelta(0):
            spans.append(step.closed)
        current = step.current
    if current is not None and current.duration > timedelta(0):
        spans.append(current)
    return spans
