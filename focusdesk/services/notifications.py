"""Desktop notifications through plyer, with an honest answer about delivery.

plyer never says whether a notification arrived: on Linux it runs
``notify-send`` and ignores its exit code (dbus-python, its other path, is
rarely installed), and with no notification daemon the message is simply
gone. So the session bus is asked first whether a notification server is
there (``notification_bus``), plyer runs with a time limit, and afterwards
the bus is asked again: a server that was to be started on demand must now
be running, one that was running must still be. The caller learns the
outcome through a callback and takes its own fallback (the tray balloon, or
its window) when delivery failed.

Thread: ``cached_route`` never blocks and may be called from the UI thread;
``route`` and ``deliver`` block (a few subprocesses of a few ms each, plyer
at most ``send_timeout_s``) and belong in a worker, which
``deliver_in_background`` starts. The answer is cached per instance for
``ttl_s`` seconds, measured on an injected monotonic clock.
"""

from __future__ import annotations

import logging
import shutil
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from focusdesk.services.notification_bus import BusProbe, ServerState, probe

log = logging.getLogger(__name__)

SEND_TIMEOUT_S = 5.0
ROUTE_TTL_S = 30.0


@dataclass(frozen=True, slots=True)
class Route:
    """Whether a desktop notification can be expected to arrive here, and why."""

    usable: bool
    state: ServerState | None  # None off Linux, where there is no bus to ask
    detail: str  # "D-Bus server: dunst 1.9.0", or the reason in plain words


@dataclass(frozen=True, slots=True)
class Delivery:
    delivered: bool
    detail: str


def plyer_send(title: str, message: str) -> None:
    """plyer's own call; raises when it has no backend at all."""
    from plyer import notification

    notification.notify(title=title, message=message, app_name="FocusDesk", timeout=10)


def plyer_backend() -> str | None:
    """Why plyer has no way to send on Linux, or None when it has one."""
    if shutil.which("notify-send") is not None:
        return None
    try:
        import dbus  # noqa: F401 - plyer's other Linux path
    except ImportError:
        return "neither notify-send nor dbus-python is installed (Debian: apt-get install libnotify-bin)"
    return None


def route_for(found: BusProbe, missing_backend: str | None) -> Route:
    """What a bus probe means for sending, in the words doctor and the log use."""
    if found.state is ServerState.PRESENT:
        if missing_backend:
            return Route(
                False, found.state, f"a server runs ({found.detail}) but {missing_backend}"
            )
        return Route(True, found.state, f"D-Bus server: {found.detail}")
    if found.state in (ServerState.ACTIVATABLE, ServerState.UNKNOWN):
        if missing_backend:
            return Route(False, found.state, missing_backend)
        return Route(True, found.state, found.detail)
    return Route(False, found.state, found.detail)


class DesktopNotifications:
    """One per app: sends through plyer and says whether it worked."""

    def __init__(
        self,
        *,
        probe_bus: Callable[[], BusProbe] = probe,
        send: Callable[[str, str], None] = plyer_send,
        missing_backend: Callable[[], str | None] = plyer_backend,
        platform: str = sys.platform,
        monotonic: Callable[[], float] = time.monotonic,
        ttl_s: float = ROUTE_TTL_S,
        send_timeout_s: float = SEND_TIMEOUT_S,
    ) -> None:
        self._probe = probe_bus
        self._send = send
        self._missing_backend = missing_backend
        self._platform = platform
        self._monotonic = monotonic
        self._ttl_s = ttl_s
        self._send_timeout_s = send_timeout_s
        self._lock = threading.Lock()
        self._cached: tuple[float, Route] | None = None

    def cached_route(self) -> Route | None:
        """The last answer while it is fresh, else None; never blocks."""
        with self._lock:
            if self._cached is None or self._monotonic() - self._cached[0] > self._ttl_s:
                return None
            return self._cached[1]

    def route(self, *, fresh: bool = False) -> Route:
        """Ask (or reuse a fresh answer): blocking, a few milliseconds."""
        if not fresh and (known := self.cached_route()) is not None:
            return known
        if self._platform in ("win32", "darwin"):
            answer = Route(True, None, "system notifications")
        else:
            try:
                answer = route_for(self._probe(), self._missing_backend())
            except Exception as exc:  # a probe must not take notifications down
                log.warning("could not ask the session bus: %s", exc)
                answer = Route(
                    True, ServerState.UNKNOWN, f"the session bus could not be asked ({exc})"
                )
        with self._lock:
            self._cached = (self._monotonic(), answer)
        return answer

    def deliver(self, title: str, message: str) -> Delivery:
        """Send and verify; blocking, so run it in a worker (``deliver_in_background``)."""
        before = self.route()
        if not before.usable:
            return Delivery(False, before.detail)
        problem = self._send_within_limit(title, message)
        if problem is not None:
            self.route(fresh=True)  # what failed may be gone or back by the next time
            return Delivery(False, problem)
        if before.state is None:
            return Delivery(True, before.detail)
        after = self.route(fresh=True)
        if after.state is ServerState.PRESENT:
            return Delivery(True, after.detail)
        if after.state is ServerState.UNKNOWN:
            return Delivery(
                True, f"sent; whether it arrived cannot be checked here ({after.detail})"
            )
        return Delivery(False, f"sent, but no notification server took it ({after.detail})")

    def deliver_in_background(
        self, title: str, message: str, on_done: Callable[[Delivery], None]
    ) -> None:
        """``on_done`` is called once, from the worker thread; marshal it to the UI yourself."""

        def work() -> None:
            try:
                outcome = self.deliver(title, message)
            except Exception as exc:  # never an exception to the user: report it as a failure
                log.exception("desktop notification failed")
                outcome = Delivery(False, f"unexpected error: {exc}")
            if not outcome.delivered:
                log.info("desktop notification not delivered: %s", outcome.detail)
            on_done(outcome)

        threading.Thread(target=work, name="focusdesk-notify", daemon=True).start()

    def _send_within_limit(self, title: str, message: str) -> str | None:
        """None when plyer returned in time, else what went wrong.

        A hung plyer call (``notify-send`` waiting on a stuck bus) is left
        behind in its daemon thread; the caller moves on to its fallback.
        """
        failures: list[str] = []

        def send() -> None:
            try:
                self._send(title, message)
            except Exception as exc:  # plyer raises bare exceptions for missing backends
                failures.append(f"plyer failed: {str(exc) or type(exc).__name__}")

        worker = threading.Thread(target=send, name="focusdesk-plyer", daemon=True)
        worker.start()
        worker.join(self._send_timeout_s)
        if worker.is_alive():
            return f"plyer did not return within {self._send_timeout_s:g} s"
        return failures[0] if failures else None
