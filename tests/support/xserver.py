"""A throwaway X display (Xvfb), optionally with a window manager and a tray host.

Why: the offscreen Qt platform has no window manager and no system tray, so
it cannot show what a user sees — whether the tray icon docks, how windows
are decorated, what a screenshot looks like. Tests and benchmarks that need
the real thing start their own private display here instead of borrowing
the developer's screen, and tear it down afterwards.

Usage::

    reason = unavailable_reason(wm=True, tray=True)
    if reason:
        pytest.skip(reason)
    with xserver(wm=True, tray=True) as display:
        subprocess.run([...], env={**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})

Xvfb picks a free display number itself (it takes the display's lock
atomically, so parallel runs never collide) and listens on the Unix socket
only (``-nolisten tcp``). Readiness is waited for, not slept for: Xvfb reports its display
number once it accepts clients (``-displayfd``), openbox sets
``_NET_SUPPORTING_WM_CHECK`` on the root window, and trayer owns the
``_NET_SYSTEM_TRAY_S0`` selection. Everything started is stopped on exit,
also after an error or Ctrl-C; on Linux the helpers also get SIGTERM when
the process that started them dies without cleaning up (kill -9, a
SIGTERM'd pytest), so no orphaned X server outlives its test.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

# -noreset: by default the server resets whenever its last client leaves, and a
# client connecting during that reset is refused; the readiness checks connect and
# leave while openbox starts, so openbox failed to open the display in about one
# start in forty.
XVFB_ARGS = ("Xvfb", "-nolisten", "tcp", "-noreset")
TRAYER_ARGS = (
    "--edge",
    "top",
    "--align",
    "right",
    "--widthtype",
    "request",
    "--height",
    "32",
    "--SetDockType",
    "true",
    "--transparent",
    "false",
    "--expand",
    "true",
)


def die_with_parent() -> None:
    """``preexec_fn``: on Linux, SIGTERM this child when its parent dies.

    ``start_new_session`` keeps Ctrl-C away from the helpers (the context
    manager stops them in order), so without this a killed parent would
    leave them running forever.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)


class XServerError(RuntimeError):
    """The display, window manager or tray host did not come up."""


def unavailable_reason(*, wm: bool = False, tray: bool = False) -> str | None:
    """Why ``xserver(wm=..., tray=...)`` cannot run here, or None if it can."""
    needed = ["Xvfb"] + (["openbox"] if wm else []) + (["trayer"] if tray else [])
    missing = [tool for tool in needed if shutil.which(tool) is None]
    if missing:
        return f"{', '.join(missing)} not installed (Debian: apt-get install xvfb openbox trayer)"
    try:
        import Xlib.display  # noqa: F401
    except ImportError:
        return "python-xlib not installed (pip install python-xlib)"
    return None


@contextmanager
def xserver(
    *,
    wm: bool = False,
    tray: bool = False,
    size: str = "1280x800x24",
    timeout: float = 15.0,
) -> Iterator[str]:
    """Start Xvfb (and openbox, trayer), yield the DISPLAY string, stop them all."""
    reason = unavailable_reason(wm=wm, tray=tray)
    if reason:
        raise XServerError(reason)
    with ExitStack() as stack:
        logs = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="focusdesk-x-")))
        display = _start_xvfb(stack, size, timeout, logs)
        env = {**os.environ, "DISPLAY": display}
        env.pop("WAYLAND_DISPLAY", None)
        if wm:
            _spawn(stack, ["openbox", "--sm-disable"], env, logs / "openbox.log")
            _wait_for(
                lambda: _window_manager_running(display),
                timeout,
                f"openbox did not start on {display}",
                logs / "openbox.log",
            )
        if tray:
            _spawn(stack, ["trayer", *TRAYER_ARGS], env, logs / "trayer.log")
            _wait_for(
                lambda: _tray_owned(display),
                timeout,
                f"trayer did not take the system tray selection on {display}",
                logs / "trayer.log",
            )
        yield display


def _start_xvfb(stack: ExitStack, size: str, timeout: float, logs: Path) -> str:
    """Let Xvfb choose a free display itself (``-displayfd`` without a number):
    it takes the display's lock atomically, so two test runs at once never race."""
    for attempt in range(3):
        log = logs / f"Xvfb-{attempt}.log"
        read_fd, write_fd = os.pipe()
        try:
            with open(log, "wb") as err:
                proc = subprocess.Popen(
                    [*XVFB_ARGS, "-screen", "0", size, "-displayfd", str(write_fd)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=err,
                    pass_fds=(write_fd,),
                    start_new_session=True,  # Ctrl-C reaches us, and we stop it in order
                    preexec_fn=die_with_parent,
                )
        finally:
            os.close(write_fd)
        try:
            number = _read_displayfd(read_fd, timeout)
        finally:
            os.close(read_fd)
        if number is not None and proc.poll() is None:
            stack.callback(_stop, proc)
            return f":{number}"
        _stop(proc)
    raise XServerError(f"Xvfb did not start (see {logs})")


def _read_displayfd(fd: int, timeout: float) -> int | None:
    """Xvfb writes its display number to the pipe when it accepts clients; EOF means it died."""
    import select

    deadline = time.monotonic() + timeout
    data = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(fd, 64)
        if not chunk:
            return None
        data += chunk
        if data.endswith(b"\n"):
            return int(data.strip())
    return None


def _spawn(stack: ExitStack, argv: list[str], env: dict[str, str], log: Path) -> None:
    with open(log, "wb") as err:
        proc = subprocess.Popen(
            argv,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=err,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=die_with_parent,
        )
    stack.callback(_stop, proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    try:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
    except ProcessLookupError:
        pass


def _wait_for(check: Callable[[], bool], timeout: float, message: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.02)
    detail = log.read_text(errors="replace").strip()[-2000:] if log.exists() else ""
    raise XServerError(f"{message} within {timeout:.0f} s" + (f": {detail}" if detail else ""))


def _window_manager_running(display_name: str) -> bool:
    """An EWMH window manager announces itself in ``_NET_SUPPORTING_WM_CHECK``."""
    from Xlib import X
    from Xlib.display import Display

    display = Display(display_name)
    try:
        root = display.screen().root
        prop = root.get_full_property(
            display.intern_atom("_NET_SUPPORTING_WM_CHECK"), X.AnyPropertyType
        )
        return prop is not None and len(prop.value) > 0 and prop.value[0] != 0
    finally:
        display.close()


def _tray_owned(display_name: str) -> bool:
    """A tray host owns the manager selection (``xprop -root`` does not show it)."""
    return tray_owner(display_name) != 0


def tray_owner(display_name: str) -> int:
    """The window id owning ``_NET_SYSTEM_TRAY_S0`` (0: no tray host)."""
    from Xlib.display import Display

    display = Display(display_name)
    try:
        owner = display.get_selection_owner(display.intern_atom("_NET_SYSTEM_TRAY_S0"))
        # python-xlib answers with a Window resource, or 0 (X.NONE) when nobody owns it.
        return int(getattr(owner, "id", owner) or 0)
    finally:
        display.close()
