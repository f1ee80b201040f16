"""The watcher used when automatic tracking cannot work here, and why.

Why a real object instead of ``None``: the tracking loop, the tray and
``focusdesk doctor`` all handle one type, and the reason travels with it so
the user is told, in plain words, to log activity by hand instead.
"""

from __future__ import annotations

from focusdesk.watchers.base import Watcher, WindowInfo


class NullWatcher(Watcher):
    """Sees nothing; ``reason`` says why automatic tracking is unavailable."""

    name = "no automatic tracking"

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def active_window(self) -> WindowInfo | None:
        return None

    def idle_seconds(self) -> float | None:
        return None

    @property
    def problem(self) -> str | None:
        return self.reason

    def describe(self) -> str:
        return self.reason

    def __repr__(self) -> str:
        return f"NullWatcher({self.reason!r})"
