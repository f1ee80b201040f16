"""Desktop notifications through plyer, with an honest answer about delivery.

plyer never says whether a notification arrived: on Linux it falls back to
``notify-send`` and ignores its exit code, and with no notification daemon
``notify-send`` can hang until D-Bus gives up. So the prerequisites are
checked first, the call runs off the UI thread with a time limit, and the
caller learns whether a desktop notification can be expected; when not, it
uses its own fallback (the tray balloon, or its window).

Thread: ``can_notify`` and ``notify`` may be called from the UI thread; the
plyer call itself runs in a short-lived worker thread.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


def can_notify() -> tuple[bool, str]:
    """Whether plyer has a working path here, and in words why not."""
    if sys.platform in ("win32", "darwin"):
        return True, "system notifications"
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False, "no D-Bus session bus"
    if shutil.which("notify-send") is None:
        try:
            import dbus  # noqa: F401 - plyer's other Linux path
        except ImportError:
            return False, "neither notify-send nor dbus-python is available"
    return True, "D-Bus notifications"


def notify(
    title: str,
    message: str,
    *,
    timeout_s: int = 10,
    on_failure: Callable[[str], None] | None = None,
) -> bool:
    """Send a notification; False (and nothing sent) when no path exists.

    ``on_failure`` is called from the worker thread if plyer raises.
    """
    ok, why = can_notify()
    if not ok:
        log.info("desktop notification not sent: %s", why)
        return False

    def send() -> None:
        try:
            from plyer import notification

            notification.notify(
                title=title, message=message, app_name="FocusDesk", timeout=timeout_s
            )
        except Exception as exc:  # plyer raises bare exceptions for missing backends
            log.warning("desktop notification failed: %s", exc)
            if on_failure is not None:
                on_failure(str(exc))

    threading.Thread(target=send, name="focusdesk-notify", daemon=True).start()
    return True
