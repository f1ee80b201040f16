"""macOS backend: the frontmost application, its front window's title, and idle time (pyobjc).

Why optional: pyobjc is only installed on macOS (a platform marker in
pyproject.toml); without it the factory falls back to manual logging and
says how to install it. Everything is imported when a watcher is made;
tests pass fake ``appkit``/``quartz`` modules instead.

What macOS allows: the frontmost application always; window titles only
with the Screen Recording permission (System Settings → Privacy & Security →
Screen Recording) — without it ``kCGWindowName`` is missing, the title is
empty, and ``problem`` says so. Idle time needs no permission.

Threading: the tracking thread has no Cocoa run loop of its own; each poll
runs in its own autorelease pool so the Objective-C objects it touches are
freed. ``frontmostApplication`` is updated by the main thread's run loop,
which the Qt application runs; a program without one (a bare script) may
see a stale answer.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from focusdesk.watchers.base import Watcher, WatcherUnavailable, WindowInfo

INSTALL_HINT = (
    "automatic tracking on macOS needs pyobjc: "
    "pip install pyobjc-framework-Quartz pyobjc-framework-Cocoa"
)
NO_TITLES = (
    "window titles need the Screen Recording permission "
    "(System Settings → Privacy & Security → Screen Recording); "
    "until it is given only the application is recorded"
)


class MacWatcher(Watcher):
    """Frontmost app and idle time on macOS; ``appkit``/``quartz`` default to pyobjc's modules."""

    name = "macOS (pyobjc)"

    def __init__(
        self,
        appkit: Any = None,
        quartz: Any = None,
        *,
        pool: Callable[[], AbstractContextManager[Any]] | None = None,
    ) -> None:
        if appkit is None or quartz is None:
            try:
                import AppKit  # type: ignore[import-not-found]
                import objc  # type: ignore[import-not-found]
                import Quartz  # type: ignore[import-not-found]
            except ImportError as exc:
                raise WatcherUnavailable(INSTALL_HINT) from exc
            appkit, quartz = AppKit, Quartz
            pool = pool or objc.autorelease_pool
        self._quartz = quartz
        self._pool = pool or nullcontext
        self._workspace = appkit.NSWorkspace.sharedWorkspace()
        self._list_options = (
            quartz.kCGWindowListOptionOnScreenOnly | quartz.kCGWindowListExcludeDesktopElements
        )
        preflight = getattr(quartz, "CGPreflightScreenCaptureAccess", None)
        # None: this macOS cannot tell in advance (before 10.15); judged from the window list.
        self._titles_allowed: bool | None = bool(preflight()) if preflight is not None else None
        self._title_problem: str | None = NO_TITLES if self._titles_allowed is False else None

    def active_window(self) -> WindowInfo | None:
        with self._pool():
            app = self._workspace.frontmostApplication()
            if app is None:
                return None
            name = str(app.localizedName() or "")
            pid = int(app.processIdentifier())
            title = self._front_title(pid)
        return WindowInfo(app=name.lower(), title=title, pid=pid if pid > 0 else None)

    def idle_seconds(self) -> float | None:
        q = self._quartz
        with self._pool():
            seconds = q.CGEventSourceSecondsSinceLastEventType(
                q.kCGEventSourceStateCombinedSessionState, q.kCGAnyInputEventType
            )
        return max(0.0, float(seconds))

    @property
    def problem(self) -> str | None:
        return self._title_problem

    def _front_title(self, pid: int) -> str:
        """The title of ``pid``'s frontmost normal window (layer 0), listed front to back."""
        q = self._quartz
        windows = q.CGWindowListCopyWindowInfo(self._list_options, q.kCGNullWindowID) or []
        for window in windows:
            if window.get(q.kCGWindowOwnerPID) != pid or window.get(q.kCGWindowLayer, 0) != 0:
                continue
            name = window.get(q.kCGWindowName)
            if self._titles_allowed is None:  # no preflight: a withheld name means no permission
                self._title_problem = NO_TITLES if name is None else None
            return str(name or "")
        return ""
