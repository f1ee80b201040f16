"""The one small interface every platform backend implements.

Why an interface this small: the tracking loop polls it about once a second
all day, so each call must be a handful of OS reads, and everything that is
not "which window is in front" or "how long since the last input" (merging,
classification, privacy rules) lives above it, in plain Python that is the
same on every platform.

Thread rules (as in Safe Eyes): a watcher is created, used and closed on ONE
thread — the tracking thread — and never on the Qt (GUI) thread. Backends
hold connections that are not safe to share (an X11 ``Display`` socket, a
Windows process handle cache, pyobjc objects), and a slow X server or a hung
window must never freeze the tray. Nothing here locks; the single-thread
rule is what keeps it correct.

Errors: ``active_window()`` and ``idle_seconds()`` never raise for the
everyday failures of a desktop (a window closing between two calls, a
permission not granted, an extension missing); they answer None and say why
in ``problem``. An exception escaping them is a bug or a broken system, and
the tracking loop logs it and retries.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WindowInfo:
    """What one poll saw in front: the application, its window title, and more when known.

    ``app`` is a short, stable program name ("firefox", "code", "slack") so
    rules can match it across versions; ``url`` is filled only by a backend
    that can see it; ``pid`` is the owning process when the platform says.
    """

    app: str
    title: str
    url: str = ""
    pid: int | None = None


class WatcherUnavailable(RuntimeError):
    """A backend cannot start here; the message says why in plain words (shown to the user)."""


class Watcher(ABC):
    """Reports the active window and the idle time; see the module doc for the thread rules."""

    #: A short human name of the backend, e.g. "X11 (python-xlib)".
    name: str = "watcher"

    @abstractmethod
    def active_window(self) -> WindowInfo | None:
        """The window in front now, or None (no window focused, or unknown: see ``problem``)."""

    @abstractmethod
    def idle_seconds(self) -> float | None:
        """Seconds since the last keyboard or mouse input, or None when it cannot be known."""

    def close(self) -> None:  # noqa: B027 - most backends hold nothing to release
        """Release OS resources; the watcher is not used afterwards."""

    @property
    def problem(self) -> str | None:
        """In plain words, why tracking is (partly) unavailable right now; None when all is well."""
        return None

    def describe(self) -> str:
        """One line for ``focusdesk doctor``: which backend, where, and any problem."""
        problem = self.problem
        return f"{self.name}: {problem}" if problem else self.name

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
