"""Platform backends that report the active window and idle time (see issue: activity tracking).

Importing the package is cheap and platform-neutral: the backends (python-xlib,
ctypes.windll, pyobjc) are imported only when ``detect_watcher()`` picks one.
A watcher belongs to the thread that made it; see ``focusdesk.watchers.base``.
"""

from __future__ import annotations

from focusdesk.watchers.base import Watcher, WatcherUnavailable, WindowInfo
from focusdesk.watchers.factory import describe, detect_watcher
from focusdesk.watchers.null import NullWatcher

__all__ = [
    "NullWatcher",
    "Watcher",
    "WatcherUnavailable",
    "WindowInfo",
    "describe",
    "detect_watcher",
]
