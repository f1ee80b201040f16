"""Linux/BSD X11 backend: the active window through EWMH, idle time through MIT-SCREEN-SAVER.

Why python-xlib and nothing bigger: it speaks the X protocol in pure Python
over the one socket we keep, needs no C library, and does not probe the
screen layout at import the way pywinctl does (which kills the process
where xrandr is missing). Everything Xlib is imported when a watcher is
made, so importing this module costs nothing.

Cost of one poll, which runs every second all day: ``active_window()`` is
two property reads in the steady state (``_NET_ACTIVE_WINDOW`` on the root,
then the title), because a window's class and pid never change and are
cached for the window last seen; ``idle_seconds()`` is one extension call
plus a non-blocking read that discards events the server sends unasked.

Failure model: a window may close between two reads (BadWindow → None);
a window manager without EWMH publishes no active window (None, and
``problem`` says so); the X server may go away (one reconnect per call,
then None with the reason). None of these raise.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from focusdesk.watchers.base import Watcher, WatcherUnavailable, WindowInfo

T = TypeVar("T")

#: Longest title read, in 32-bit units (2 KB): one round trip; longer titles are cut.
TITLE_LONGS = 512
SCREEN_SAVER = "MIT-SCREEN-SAVER"
NO_EWMH = (
    "the window manager does not publish the active window (_NET_ACTIVE_WINDOW); "
    "automatic tracking needs an EWMH window manager such as GNOME, KDE, Xfce or openbox"
)
NO_SCREEN_SAVER = (
    "the X server lacks the MIT-SCREEN-SAVER extension, so idle time is unknown "
    "and away time cannot be detected"
)


def connect_display(name: str | None) -> Any:
    """Open an ``Xlib.display.Display``; the default ``connect`` of ``X11Watcher``."""
    from Xlib.display import Display

    return Display(name)


@dataclass(frozen=True, slots=True)
class _Atoms:
    active_window: int
    net_supported: int
    net_wm_name: int
    net_wm_pid: int
    utf8_string: int
    wm_name: int
    wm_class: int
    string: int
    cardinal: int
    window: int
    atom: int
    any_type: int


class X11Watcher(Watcher):
    """Active window and idle time of one X display; one connection, kept open."""

    name = "X11 (python-xlib)"

    def __init__(
        self,
        display_name: str | None = None,
        *,
        connect: Callable[[str | None], Any] = connect_display,
        proc: Path = Path("/proc"),
    ) -> None:
        """Connect now, so a wrong DISPLAY is reported at start (``WatcherUnavailable``)."""
        try:
            from Xlib import error
        except ImportError as exc:  # a dependency of the package on Linux: a broken install
            raise WatcherUnavailable(
                f"python-xlib is not installed ({exc}); reinstall FocusDesk"
            ) from exc

        self.display_name = display_name or os.environ.get("DISPLAY", "")
        self._connect = connect
        self._proc = proc
        self._x_error: type[Exception] = error.XError
        # What a dead or unreachable server looks like from python-xlib.
        self._gone: tuple[type[BaseException], ...] = (
            error.ConnectionClosedError,
            error.DisplayError,
            error.XauthError,
            error.XNoAuthError,
            OSError,
        )
        self._display: Any = None
        self._root: Any = None
        self._atoms: _Atoms | None = None
        self._has_screen_saver = False
        self._window_problem: str | None = None
        self._idle_problem: str | None = None
        # (window id, app, pid) of the window last described: class and pid never change.
        self._identity: tuple[int, str, int | None] | None = None
        try:
            self._open()
        except self._gone as exc:
            raise WatcherUnavailable(
                f"cannot connect to the X server {self.display_name or '(no DISPLAY)'}: {exc}"
            ) from exc

    # -- the interface -------------------------------------------------------------

    def active_window(self) -> WindowInfo | None:
        return self._call(self._read_active_window, "_window_problem")

    def idle_seconds(self) -> float | None:
        return self._call(self._read_idle, "_idle_problem")

    def close(self) -> None:
        display, self._display, self._root = self._display, None, None
        if display is not None:
            with contextlib.suppress(*self._gone):  # already gone: nothing left to release
                display.close()

    @property
    def problem(self) -> str | None:
        problems = [p for p in (self._window_problem, self._idle_problem) if p]
        return "; ".join(problems) or None

    def describe(self) -> str:
        where = f"{self.name} on {self.display_name}"
        problem = self.problem
        return f"{where}: {problem}" if problem else where

    # -- connection ----------------------------------------------------------------

    def _open(self) -> None:
        from Xlib import X, Xatom

        display = self._connect(self.display_name or None)
        try:
            self._root = display.screen().root
            atom = display.get_atom
            self._atoms = _Atoms(
                active_window=atom("_NET_ACTIVE_WINDOW"),
                net_supported=atom("_NET_SUPPORTED"),
                net_wm_name=atom("_NET_WM_NAME"),
                net_wm_pid=atom("_NET_WM_PID"),
                utf8_string=atom("UTF8_STRING"),
                wm_name=Xatom.WM_NAME,
                wm_class=Xatom.WM_CLASS,
                string=Xatom.STRING,
                cardinal=Xatom.CARDINAL,
                window=Xatom.WINDOW,
                atom=Xatom.ATOM,
                any_type=X.AnyPropertyType,
            )
            self._has_screen_saver = bool(display.has_extension(SCREEN_SAVER))
        except BaseException:
            display.close()
            raise
        self._display = display
        self._identity = None

    def _call(self, read: Callable[[], T], problem_attr: str) -> T | None:
        """Run one poll; if the server went away, reconnect once and retry, else None."""
        for attempt in (1, 2):
            try:
                if self._display is None:
                    self._open()
                return read()
            except self._gone as exc:
                self.close()
                if attempt == 2:
                    setattr(self, problem_attr, f"lost the X server {self.display_name}: {exc}")
            except self._x_error:
                # A protocol error outside a window read (rare): this poll knows nothing.
                self._identity = None
                return None
        return None

    # -- reads ---------------------------------------------------------------------

    def _read_active_window(self) -> WindowInfo | None:
        atoms = self._atoms
        assert atoms is not None
        prop = self._root.get_property(atoms.active_window, atoms.window, 0, 1)
        if prop is None or len(prop.value) == 0:
            # Missing before the first focus change on some WMs (openbox): ask what it supports.
            self._window_problem = None if self._ewmh_active_supported(atoms) else NO_EWMH
            return None
        self._window_problem = None
        window_id = int(prop.value[0])
        if window_id == 0:
            return None  # nothing focused (empty desktop)
        try:
            window = self._display.create_resource_object("window", window_id)
            title = self._title(window, atoms)
            identity = self._identity
            if identity is None or identity[0] != window_id:
                identity = (window_id, *self._app_and_pid(window, atoms))
                self._identity = identity
        except self._x_error:
            # BadWindow & co.: the window closed between two reads. Next poll sees the new one.
            self._identity = None
            return None
        return WindowInfo(app=identity[1], title=title, pid=identity[2])

    def _read_idle(self) -> float | None:
        if not self._has_screen_saver:
            self._idle_problem = NO_SCREEN_SAVER
            return None
        self._idle_problem = None
        # The server sends some events to every client (MappingNotify on a keyboard layout
        # switch); unread they would pile up in python-xlib's queue all day.
        while self._display.pending_events():
            self._display.next_event()
        info = self._root.screensaver_query_info()
        return max(0.0, int(info.idle) / 1000.0)

    def _ewmh_active_supported(self, atoms: _Atoms) -> bool:
        """Whether the window manager lists ``_NET_ACTIVE_WINDOW`` in ``_NET_SUPPORTED``."""
        prop = self._root.get_property(atoms.net_supported, atoms.atom, 0, 4096)
        return prop is not None and atoms.active_window in prop.value

    def _title(self, window: Any, atoms: _Atoms) -> str:
        """``_NET_WM_NAME`` (UTF-8), falling back to the ICCCM ``WM_NAME``."""
        prop = window.get_property(atoms.net_wm_name, atoms.utf8_string, 0, TITLE_LONGS)
        if prop is not None and len(prop.value) > 0:
            return _decode(prop.value, "utf-8", bool(prop.bytes_after))
        prop = window.get_property(atoms.wm_name, atoms.any_type, 0, TITLE_LONGS)
        if prop is None or prop.format != 8:
            return ""
        encoding = "latin-1" if prop.property_type == atoms.string else "utf-8"
        return _decode(prop.value, encoding, bool(prop.bytes_after))

    def _app_and_pid(self, window: Any, atoms: _Atoms) -> tuple[str, int | None]:
        """The class part of ``WM_CLASS`` lower-cased; else the process name of ``_NET_WM_PID``."""
        pid: int | None = None
        prop = window.get_property(atoms.net_wm_pid, atoms.cardinal, 0, 1)
        if prop is not None and prop.format == 32 and len(prop.value) > 0:
            pid = int(prop.value[0]) or None
        app = ""
        prop = window.get_property(atoms.wm_class, atoms.string, 0, 64)
        if prop is not None and prop.format == 8:
            instance, cls = [*_decode(prop.value, "latin-1", False).split("\0"), "", ""][:2]
            app = cls or instance
        if not app and pid is not None:
            app = self._process_name(pid)
        return app.strip().lower(), pid

    def _process_name(self, pid: int) -> str:
        """``/proc/<pid>/comm``; empty if the process is gone or from another host/namespace."""
        try:
            return (self._proc / str(pid) / "comm").read_text(errors="replace").strip()
        except OSError:
            return ""


def _decode(value: bytes | str, encoding: str, truncated: bool) -> str:
    """Property bytes to text; a title cut mid-character loses the broken tail, not the whole."""
    if isinstance(value, str):
        return value
    text = bytes(value).decode(encoding, errors="replace")
    if truncated:
        text = text.rstrip("\ufffd")
    return text
