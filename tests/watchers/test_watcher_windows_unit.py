"""WindowsWatcher against a fake ``ctypes.windll`` namespace injected as ``api`` (runs anywhere)."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from ctypes import wintypes
from types import SimpleNamespace
from typing import Any

import pytest

from focusdesk.watchers.base import WatcherUnavailable, WindowInfo
from focusdesk.watchers.windows import WindowsWatcher


class FakeFunction:
    """A stand-in for a ctypes foreign function: accepts restype/argtypes, records calls."""

    def __init__(self, impl: Callable[..., Any]) -> None:
        self.impl = impl
        self.calls: list[tuple[Any, ...]] = []
        self.restype: Any = None
        self.argtypes: Any = None

    def __call__(self, *args: Any) -> Any:
        self.calls.append(args)
        return self.impl(*args)


class FakeWindows:
    """The desktop the fake API reports: one foreground window, processes by pid, input ticks."""

    def __init__(self) -> None:
        self.foreground: int | None = 0x1A2B
        self.titles: dict[int, str] = {0x1A2B: "Inbox • Messenger — Chrome"}
        self.window_pids: dict[int, int] = {0x1A2B: 4321}
        self.images: dict[int, str] = {
            4321: r"C:\Program Files\Google\Chrome\Application\chrome.exe"
        }
        self.tick64 = 100_000
        self.last_input = 97_500
        self.last_input_ok = True
        self.open_handles: set[int] = set()
        f = FakeFunction
        self.api = SimpleNamespace(
            user32=SimpleNamespace(
                GetForegroundWindow=f(lambda: self.foreground),
                GetWindowTextLengthW=f(lambda hwnd: len(self.titles.get(hwnd, ""))),
                GetWindowTextW=f(self._get_text),
                GetWindowThreadProcessId=f(self._get_pid),
                GetLastInputInfo=f(self._last_input_info),
            ),
            kernel32=SimpleNamespace(
                GetTickCount64=f(lambda: self.tick64),
                OpenProcess=f(self._open_process),
                QueryFullProcessImageNameW=f(self._image_name),
                CloseHandle=f(lambda handle: self.open_handles.discard(handle) or 1),
            ),
        )

    def _get_text(self, hwnd: int, buffer: Any, size: int) -> int:
        text = self.titles.get(hwnd, "")[: size - 1]
        buffer.value = text
        return len(text)

    def _get_pid(self, hwnd: int, pid_pointer: Any) -> int:
        pid_pointer.contents.value = self.window_pids.get(hwnd, 0)
        return 77  # the thread id, unused

    def _last_input_info(self, info_pointer: Any) -> int:
        assert info_pointer.contents.cbSize == 8
        info_pointer.contents.dwTime = self.last_input
        return 1 if self.last_input_ok else 0

    def _open_process(self, access: int, inherit: bool, pid: int) -> int:
        assert access == 0x1000  # PROCESS_QUERY_LIMITED_INFORMATION: works for most processes
        if pid not in self.images:
            return 0  # access denied (an elevated process) or gone
        handle = 0x500 + pid
        self.open_handles.add(handle)
        return handle

    def _image_name(self, handle: int, flags: int, buffer: Any, size_pointer: Any) -> int:
        path = self.images[handle - 0x500]
        buffer.value = path
        size_pointer.contents.value = len(path)
        return 1


@pytest.fixture
def desk() -> FakeWindows:
    return FakeWindows()


def test_foreground_window_title_and_exe_name(desk: FakeWindows) -> None:
    watcher = WindowsWatcher(api=desk.api)
    assert watcher.active_window() == WindowInfo("chrome", "Inbox • Messenger — Chrome", pid=4321)
    assert desk.open_handles == set()  # the process handle was closed


def test_exe_name_is_lower_cased_without_extension(desk: FakeWindows) -> None:
    desk.images[4321] = r"C:\Users\Ann\AppData\Local\Programs\Notion\Notion.EXE"
    assert WindowsWatcher(api=desk.api).active_window().app == "notion"  # type: ignore[union-attr]


def test_no_foreground_window_is_none(desk: FakeWindows) -> None:
    desk.foreground = None  # lock screen, UAC prompt
    assert WindowsWatcher(api=desk.api).active_window() is None
    desk.foreground = 0
    assert WindowsWatcher(api=desk.api).active_window() is None


def test_untitled_window_skips_the_text_call(desk: FakeWindows) -> None:
    desk.titles[0x1A2B] = ""
    watcher = WindowsWatcher(api=desk.api)
    assert watcher.active_window() == WindowInfo("chrome", "", pid=4321)
    assert desk.api.user32.GetWindowTextW.calls == []


def test_process_that_refuses_access_keeps_the_title(desk: FakeWindows) -> None:
    desk.images.clear()
    assert WindowsWatcher(api=desk.api).active_window() == WindowInfo(
        "", "Inbox • Messenger — Chrome", pid=4321
    )


def test_process_name_is_asked_once_per_process(desk: FakeWindows) -> None:
    watcher = WindowsWatcher(api=desk.api)
    for _ in range(3):
        watcher.active_window()
    assert len(desk.api.kernel32.OpenProcess.calls) == 1
    desk.foreground = 0x2000
    desk.titles[0x2000] = "notes.txt - Notepad"
    desk.window_pids[0x2000] = 99
    desk.images[99] = r"C:\Windows\System32\notepad.exe"
    assert watcher.active_window() == WindowInfo("notepad", "notes.txt - Notepad", pid=99)
    assert len(desk.api.kernel32.OpenProcess.calls) == 2


def test_idle_from_last_input_ticks(desk: FakeWindows) -> None:
    assert WindowsWatcher(api=desk.api).idle_seconds() == 2.5


def test_idle_survives_the_32_bit_tick_wrap(desk: FakeWindows) -> None:
    desk.tick64 = 2**32 + 500  # GetTickCount64 went past 49.7 days...
    desk.last_input = 2**32 - 1500  # ...while the last input's 32-bit tick is from before the wrap
    assert WindowsWatcher(api=desk.api).idle_seconds() == 2.0


def test_idle_unknown_when_the_call_fails(desk: FakeWindows) -> None:
    desk.last_input_ok = False
    assert WindowsWatcher(api=desk.api).idle_seconds() is None


def test_signatures_are_declared_so_64_bit_handles_are_not_cut(desk: FakeWindows) -> None:
    WindowsWatcher(api=desk.api)
    assert desk.api.user32.GetForegroundWindow.restype is wintypes.HWND
    assert desk.api.kernel32.GetTickCount64.restype is ctypes.c_uint64
    assert desk.api.kernel32.OpenProcess.restype is wintypes.HANDLE
    assert desk.api.user32.GetWindowTextW.argtypes[0] is wintypes.HWND


@pytest.mark.skipif(sys.platform == "win32", reason="checks the behaviour off Windows")
def test_without_the_windows_api_it_is_unavailable() -> None:
    with pytest.raises(WatcherUnavailable, match="Windows API is not available"):
        WindowsWatcher()
