"""Windows backend: the foreground window, its process, and idle time, through ctypes alone.

Why ctypes and not pywin32/psutil: five user32/kernel32 calls are all that
is needed, and ctypes ships with Python. ``ctypes.windll`` exists only on
Windows, so it is looked up when a watcher is made, never at import; tests
pass a fake ``api`` namespace (``api.user32``, ``api.kernel32``) instead.

Cost of one poll: ``GetForegroundWindow`` + the title (two calls); the
process name is asked only when the foreground process changes.
"""

from __future__ import annotations

import ctypes
from ctypes import wintypes
from typing import Any

from focusdesk.watchers.base import Watcher, WatcherUnavailable, WindowInfo

PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
MAX_PATH_CHARS = 32768  # the long-path limit; QueryFullProcessImageNameW fills what it needs
MAX_TITLE_CHARS = 2048


class LASTINPUTINFO(ctypes.Structure):
    """The struct ``GetLastInputInfo`` fills: the tick count of the last input."""

    # Fixed 32-bit fields: wintypes.DWORD is 64-bit off Windows, which would skew the mocked tests.
    _fields_ = [("cbSize", ctypes.c_uint32), ("dwTime", ctypes.c_uint32)]


def _configure(api: Any) -> None:
    """Declare the argument and result types, so 64-bit handles are not cut to 32 bits."""
    user32, kernel32 = api.user32, api.kernel32
    signatures: list[tuple[Any, str, Any, list[Any]]] = [
        (user32, "GetForegroundWindow", wintypes.HWND, []),
        (user32, "GetWindowTextLengthW", ctypes.c_int, [wintypes.HWND]),
        (user32, "GetWindowTextW", ctypes.c_int, [wintypes.HWND, wintypes.LPWSTR, ctypes.c_int]),
        (
            user32,
            "GetWindowThreadProcessId",
            wintypes.DWORD,
            [wintypes.HWND, ctypes.POINTER(wintypes.DWORD)],
        ),
        (user32, "GetLastInputInfo", wintypes.BOOL, [ctypes.POINTER(LASTINPUTINFO)]),
        (kernel32, "GetTickCount64", ctypes.c_uint64, []),
        (kernel32, "OpenProcess", wintypes.HANDLE, [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]),
        (
            kernel32,
            "QueryFullProcessImageNameW",
            wintypes.BOOL,
            [wintypes.HANDLE, wintypes.DWORD, wintypes.LPWSTR, ctypes.POINTER(wintypes.DWORD)],
        ),
        (kernel32, "CloseHandle", wintypes.BOOL, [wintypes.HANDLE]),
    ]
    for library, name, restype, argtypes in signatures:
        function = getattr(library, name)
        function.restype = restype
        function.argtypes = argtypes


class WindowsWatcher(Watcher):
    """Foreground window and idle time on Windows; ``api`` defaults to ``ctypes.windll``."""

    name = "Windows (user32)"

    def __init__(self, api: Any = None) -> None:
        if api is None:
            try:
                api = ctypes.windll  # type: ignore[attr-defined]  # Windows only
            except AttributeError as exc:
                raise WatcherUnavailable("the Windows API is not available here") from exc
        _configure(api)
        self._user32 = api.user32
        self._kernel32 = api.kernel32
        # (pid, app) of the process last named: asked again only when the pid changes.
        self._last_process: tuple[int, str] | None = None

    def active_window(self) -> WindowInfo | None:
        hwnd = self._user32.GetForegroundWindow()
        if not hwnd:
            return None  # the lock screen, a UAC prompt, or a focus change in progress
        title = self._title(hwnd)
        pid_out = wintypes.DWORD(0)
        self._user32.GetWindowThreadProcessId(hwnd, ctypes.pointer(pid_out))
        pid = int(pid_out.value) or None
        app = self._app(pid) if pid is not None else ""
        return WindowInfo(app=app, title=title, pid=pid)

    def idle_seconds(self) -> float | None:
        info = LASTINPUTINFO()
        info.cbSize = ctypes.sizeof(LASTINPUTINFO)
        if not self._user32.GetLastInputInfo(ctypes.pointer(info)):
            return None
        # dwTime is a 32-bit tick count that wraps every 49.7 days: compare modulo 2**32.
        now = int(self._kernel32.GetTickCount64()) & 0xFFFFFFFF
        return ((now - int(info.dwTime)) & 0xFFFFFFFF) / 1000.0

    def _title(self, hwnd: Any) -> str:
        length = int(self._user32.GetWindowTextLengthW(hwnd))
        if length <= 0:
            return ""
        size = min(length, MAX_TITLE_CHARS) + 1
        buffer = ctypes.create_unicode_buffer(size)
        copied = int(self._user32.GetWindowTextW(hwnd, buffer, size))
        return buffer.value[: max(copied, 0)]

    def _app(self, pid: int) -> str:
        last = self._last_process
        if last is not None and last[0] == pid:
            return last[1]
        app = self._process_name(pid)
        self._last_process = (pid, app)
        return app

    def _process_name(self, pid: int) -> str:
        """The exe base name without ".exe", lower-cased ("chrome"); empty if access is denied."""
        handle = self._kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            return ""  # an elevated process refuses a normal user; the title is still recorded
        try:
            buffer = ctypes.create_unicode_buffer(MAX_PATH_CHARS)
            size = wintypes.DWORD(MAX_PATH_CHARS)
            if not self._kernel32.QueryFullProcessImageNameW(
                handle, 0, buffer, ctypes.pointer(size)
            ):
                return ""
            path = buffer.value[: size.value]
        finally:
            self._kernel32.CloseHandle(handle)
        base = path.replace("/", "\\").rsplit("\\", 1)[-1]
        if base.lower().endswith(".exe"):
            base = base[:-4]
        return base.lower()
