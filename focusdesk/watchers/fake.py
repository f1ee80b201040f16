"""A scripted watcher for tests of the tracking loop, drift nudges and reports.

Why: real backends need a desktop; the logic above them only needs a
sequence of windows and idle values. Two ways to script it:

* set ``window`` / ``idle`` directly (the answer until changed), or
* queue answers with ``push_windows`` / ``push_idle``: each call takes the
  next one, and once a queue is empty the current attribute is answered.

A queued item may be an exception instance, which is raised, so tests can
check that the loop survives a backend failure. Calls are counted.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from focusdesk.watchers.base import Watcher, WindowInfo


class FakeWatcher(Watcher):
    """Answers what the test scripted; counts calls and remembers ``close()``."""

    name = "fake"

    def __init__(
        self,
        window: WindowInfo | None = None,
        idle: float | None = 0.0,
        *,
        problem: str | None = None,
    ) -> None:
        self.window = window
        self.idle = idle
        self.fake_problem = problem
        self.window_queue: deque[WindowInfo | BaseException | None] = deque()
        self.idle_queue: deque[float | BaseException | None] = deque()
        self.window_calls = 0
        self.idle_calls = 0
        self.closed = False

    def push_windows(self, *windows: WindowInfo | BaseException | None) -> None:
        """Queue answers for the next ``active_window()`` calls, in order."""
        self.window_queue.extend(windows)

    def push_idle(self, *values: float | BaseException | None) -> None:
        """Queue answers for the next ``idle_seconds()`` calls, in order."""
        self.idle_queue.extend(values)

    def set_title(self, app: str, title: str, url: str = "") -> None:
        """Shorthand: from now on this window is in front."""
        self.window = WindowInfo(app, title, url)

    def active_window(self) -> WindowInfo | None:
        self._check_open()
        self.window_calls += 1
        if self.window_queue:
            item = self.window_queue.popleft()
            if isinstance(item, BaseException):
                raise item
            self.window = item
        return self.window

    def idle_seconds(self) -> float | None:
        self._check_open()
        self.idle_calls += 1
        if self.idle_queue:
            item = self.idle_queue.popleft()
            if isinstance(item, BaseException):
                raise item
            self.idle = item
        return self.idle

    def close(self) -> None:
        self.closed = True

    @property
    def problem(self) -> str | None:
        return self.fake_problem

    def _check_open(self) -> None:
        if self.closed:
            raise RuntimeError("FakeWatcher used after close()")

    @classmethod
    def of(cls, windows: Iterable[WindowInfo | None], idle: float | None = 0.0) -> FakeWatcher:
        """A fake that answers ``windows`` in order, then keeps answering the last one."""
        fake = cls(idle=idle)
        fake.push_windows(*windows)
        return fake
