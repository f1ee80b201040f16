"""A private D-Bus session bus, a real notification daemon (dunst), and a bus monitor.

Why: whether a desktop notification arrives depends on a notification
server owning ``org.freedesktop.Notifications`` on the session bus; only a
real bus and a real daemon show it. Tests start their own bus with
``dbus-run-session`` (never the developer's), optionally with D-Bus
activation (the bus starts dunst on the first notification, as on many
desktops) or without (a bus where nothing answers), and watch the traffic
with ``dbus-monitor``.

Usage::

    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    with xserver() as display, session_bus(env={"DISPLAY": display}) as address:
        with dunst(address, display), monitor(address) as seen:
            ...  # send with DBUS_SESSION_BUS_ADDRESS=address
            wait_for(lambda: "member=Notify" in seen())

Everything started is stopped on exit; the helpers die with the test
process (``die_with_parent``).
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.support.xserver import die_with_parent

TOOLS = ("dbus-run-session", "dbus-send", "dbus-monitor", "dunst", "dunstctl")
CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir={tmp}</listen>
  <auth>EXTERNAL</auth>
  {servicedirs}
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class SessionBusError(RuntimeError):
    """The bus, the daemon or the monitor did not come up."""


def unavailable_reason() -> str | None:
    """Why a private bus with dunst cannot run here, or None if it can."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        return f"{', '.join(missing)} not installed (Debian: apt-get install dbus dbus-bin dunst)"
    return None


def wait_for(check: Callable[[], bool], timeout: float, message: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.02)
    raise SessionBusError(f"{message} within {timeout:g} s")


def bus_env(address: str, **extra: str) -> dict[str, str]:
    """An environment for a child of the test that talks to the private bus only."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DBUS_SESSION_BUS_ADDRESS", "WAYLAND_DISPLAY")
    }
    env.update(DBUS_SESSION_BUS_ADDRESS=address, **extra)
    return env


@contextmanager
def session_bus(
    *, activation: bool = False, env: Mapping[str, str] | None = None, timeout: float = 10.0
) -> Iterator[str]:
    """Start a private session bus; yield its address.

    With ``activation`` the bus knows the system's service files (so it
    starts dunst on demand, in ``env``: give it DISPLAY); without, only
    programs already running can own a name.
    """
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="focusdesk-bus-")))
        config = tmp / "session.conf"
        dirs = "<standard_session_servicedirs/>" if activation else ""
        config.write_text(CONFIG.format(tmp=tmp, servicedirs=dirs))
        child_env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
        child_env.update(env or {})
        child_env["XDG_CONFIG_HOME"] = str(
            tmp / "config"
        )  # an activated dunst reads no user config
        with open(tmp / "bus.log", "wb") as log:
            proc = subprocess.Popen(
                ["dbus-run-session", f"--config-file={config}", "--", "sh", "-c",
                 'printf "%s\\n" "$DBUS_SESSION_BUS_ADDRESS"; exec cat >/dev/null'],
                env=child_env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                start_new_session=True, preexec_fn=die_with_parent,
            )  # fmt: skip
        stack.callback(_end_bus, proc)
        address = _first_line(proc, timeout)
        if not address:
            raise SessionBusError(
                f"dbus-run-session gave no address: {(tmp / 'bus.log').read_text()}"
            )
        yield address


def _first_line(proc: subprocess.Popen[bytes], timeout: float) -> str:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    return proc.stdout.readline().decode().strip() if ready else ""


def _end_bus(proc: subprocess.Popen[bytes]) -> None:
    """Closing the child's stdin ends it; dbus-run-session then ends the bus."""
    if proc.stdin is not None:
        proc.stdin.close()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
    if proc.stdout is not None:
        proc.stdout.close()


def bus_call(address: str, dest: str, path: str, method: str, *args: str) -> str:
    """dbus-send's print-out of one call (empty on failure)."""
    done = subprocess.run(
        ["dbus-send", "--session", "--print-reply", "--reply-timeout=2000", f"--dest={dest}", path, method, *args],
        env=bus_env(address), capture_output=True, text=True, timeout=10, check=False,
    )  # fmt: skip
    return done.stdout if done.returncode == 0 else ""


def notification_server_running(address: str) -> bool:
    out = bus_call(
        address, "org.freedesktop.DBus", "/org/freedesktop/DBus",
        "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.Notifications",
    )  # fmt: skip
    return "boolean true" in out


def dunst_count(address: str) -> int:
    """Notifications dunst holds (shown, waiting or in its history)."""
    total = 0
    for which in ("displayed", "waiting", "history"):
        done = subprocess.run(
            ["dunstctl", "count", which], env=bus_env(address),
            capture_output=True, text=True, timeout=10, check=False,
        )  # fmt: skip
        total += int(done.stdout.strip() or 0)
    return total


@contextmanager
def dunst(address: str, display: str, timeout: float = 10.0) -> Iterator[None]:
    """A running dunst on the bus (default configuration), until exit."""
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="focusdesk-dunst-")))
        with open(tmp / "dunst.log", "wb") as log:
            proc = subprocess.Popen(
                ["dunst"], env=bus_env(address, DISPLAY=display, XDG_CONFIG_HOME=str(tmp)),
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True, preexec_fn=die_with_parent,
            )  # fmt: skip
        stack.callback(_stop, proc)
        try:
            wait_for(
                lambda: notification_server_running(address),
                timeout,
                "dunst did not take the bus name",
            )
        except SessionBusError as exc:
            raise SessionBusError(
                f"{exc}: {(tmp / 'dunst.log').read_text(errors='replace')}"
            ) from None
        yield


@contextmanager
def monitor(address: str, timeout: float = 10.0) -> Iterator[Callable[[], str]]:
    """dbus-monitor on the Notifications interface; yields a reader of what it printed so far."""
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="focusdesk-monitor-")))
        out = tmp / "monitor.txt"
        with open(out, "wb") as sink:
            proc = subprocess.Popen(
                ["dbus-monitor", "--session", "interface='org.freedesktop.Notifications'"],
                env=bus_env(address), stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT,
                start_new_session=True, preexec_fn=die_with_parent,
            )  # fmt: skip
        stack.callback(_stop, proc)

        def seen() -> str:
            return out.read_text(errors="replace")

        # It announces itself as a monitor by losing its own name: from then on it sees all.
        wait_for(lambda: "member=NameLost" in seen(), timeout, "dbus-monitor did not start")
        yield seen


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
