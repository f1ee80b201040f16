"""Pick the watcher that can work on this desktop, or say in plain words why none can.

Why a decision table and not "try everything": on Linux the session type
decides what is even possible. Under Wayland no portable API tells which
window is in front; under XWayland an X11 connection succeeds but sees only
the X11 windows (old apps), so it would silently record the wrong thing.
Those cases get a ``NullWatcher`` with the reason, and the user logs by
hand. Backends are imported here, inside the function, so importing the
package runs nothing platform-specific.

Call ``detect_watcher()`` on the tracking thread: the watcher it returns
belongs to that thread (see ``focusdesk.watchers.base``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

from focusdesk.watchers.base import Watcher, WatcherUnavailable
from focusdesk.watchers.null import NullWatcher

WAYLAND = (
    "automatic tracking is not available on Wayland (no common way to see the active window); "
    "use the tray's quick log, or log in to an X11 session"
)
XWAYLAND = (
    "this is a Wayland session: through XWayland only old X11 programs would be seen, "
    "so automatic tracking is off; use the tray's quick log, or log in to an X11 session"
)
NO_DISPLAY = (
    "no DISPLAY: no desktop session, so no windows to track; use `focusdesk add` to log by hand"
)
UNSUPPORTED = "automatic tracking is not available on {platform}; log activity by hand"


def detect_watcher(env: Mapping[str, str] | None = None, platform: str | None = None) -> Watcher:
    """The best watcher for ``platform`` (default ``sys.platform``) in ``env`` (default os.environ)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform.startswith("linux") or "bsd" in platform:
        return _x11_or_null(env)
    if platform == "win32":
        return _open(_windows)
    if platform == "darwin":
        return _open(_macos)
    return NullWatcher(UNSUPPORTED.format(platform=platform))


def describe(watcher: Watcher) -> str:
    """One line for ``focusdesk doctor`` and the tray: the backend in use, or why there is none."""
    return watcher.describe()


def _x11_or_null(env: Mapping[str, str]) -> Watcher:
    display = env.get("DISPLAY", "")
    wayland = env.get("WAYLAND_DISPLAY", "")
    session = env.get("XDG_SESSION_TYPE", "").lower()
    if wayland and not display:
        return NullWatcher(WAYLAND)
    if session == "wayland":
        return NullWatcher(XWAYLAND)
    if not display:
        return NullWatcher(NO_DISPLAY)

    return _open(lambda: _x11(display))


def _x11(display: str) -> Watcher:
    from focusdesk.watchers.x11 import X11Watcher

    return X11Watcher(display)


def _windows() -> Watcher:
    from focusdesk.watchers.windows import WindowsWatcher

    return WindowsWatcher()


def _macos() -> Watcher:
    from focusdesk.watchers.macos import MacWatcher

    return MacWatcher()


def _open(make: Callable[[], Watcher]) -> Watcher:
    """Run a backend constructor; any failure to start becomes a ``NullWatcher`` with the reason.

    ``WatcherUnavailable`` carries a message meant for the user; anything else
    is a bug or a broken system, still reported rather than crashing the app.
    """
    try:
        return make()
    except WatcherUnavailable as exc:
        return NullWatcher(str(exc))
    except Exception as exc:
        return NullWatcher(f"automatic tracking could not start: {exc!r}")
