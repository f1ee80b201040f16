"""detect_watcher's decision for each desktop, and the line ``describe`` gives ``doctor``."""

from __future__ import annotations

import contextlib
import ctypes
import sys
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

import focusdesk.watchers.x11 as x11_module
from focusdesk.watchers.base import Watcher, WindowInfo
from focusdesk.watchers.factory import (
    NO_DISPLAY,
    WAYLAND,
    XWAYLAND,
    describe,
    detect_watcher,
)
from focusdesk.watchers.fake import FakeWatcher
from focusdesk.watchers.macos import INSTALL_HINT, MacWatcher
from focusdesk.watchers.null import NullWatcher
from focusdesk.watchers.windows import WindowsWatcher


class StubX11(FakeWatcher):
    """Replaces X11Watcher: records the display it was asked for."""

    name = "X11 stub"

    def __init__(self, display_name: str | None = None) -> None:
        super().__init__(WindowInfo("stub", "stub"))
        self.display_name = display_name


@pytest.fixture
def stub_x11(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(x11_module, "X11Watcher", StubX11)


def reason(watcher: Watcher) -> str:
    assert isinstance(watcher, NullWatcher), watcher
    return watcher.reason


def test_pure_wayland_has_no_automatic_tracking(stub_x11: None) -> None:
    watcher = detect_watcher(
        {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "linux"
    )
    assert reason(watcher) == WAYLAND
    assert "quick log" in describe(watcher)


def test_wayland_display_without_session_type_is_still_wayland(stub_x11: None) -> None:
    assert reason(detect_watcher({"WAYLAND_DISPLAY": "wayland-0"}, "linux")) == WAYLAND


def test_xwayland_is_refused_because_it_would_see_only_x11_windows(stub_x11: None) -> None:
    env = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}
    watcher = detect_watcher(env, "linux")
    assert reason(watcher) == XWAYLAND
    assert "XWayland" in XWAYLAND


def test_no_display_means_no_desktop_session(stub_x11: None) -> None:
    assert reason(detect_watcher({}, "linux")) == NO_DISPLAY
    assert reason(detect_watcher({"DISPLAY": ""}, "linux")) == NO_DISPLAY
    assert NO_DISPLAY.startswith("no DISPLAY")


@pytest.mark.parametrize("session", ["x11", "", "tty"])
def test_x11_session_opens_the_x11_watcher_on_that_display(stub_x11: None, session: str) -> None:
    watcher = detect_watcher({"DISPLAY": ":3", "XDG_SESSION_TYPE": session}, "linux")
    assert isinstance(watcher, StubX11)
    assert watcher.display_name == ":3"


def test_x11_with_a_stray_wayland_display_but_an_x11_session_uses_x11(stub_x11: None) -> None:
    env = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "x11"}
    assert isinstance(detect_watcher(env, "linux"), StubX11)


def test_bsd_goes_the_x11_way(stub_x11: None) -> None:
    assert isinstance(detect_watcher({"DISPLAY": ":0"}, "freebsd14"), StubX11)


def test_unreachable_x_server_gives_the_connection_error() -> None:
    watcher = detect_watcher({"DISPLAY": ":248"}, "linux")
    assert reason(watcher).startswith("cannot connect to the X server :248")


def test_unexpected_backend_failure_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(display_name: str | None = None) -> Watcher:
        raise ValueError("python-xlib bug")

    monkeypatch.setattr(x11_module, "X11Watcher", broken)
    assert "python-xlib bug" in reason(detect_watcher({"DISPLAY": ":0"}, "linux"))


def test_windows_uses_the_windows_api(monkeypatch: pytest.MonkeyPatch) -> None:
    functions = SimpleNamespace()
    api = SimpleNamespace(user32=functions, kernel32=functions)
    for name in (
        "GetForegroundWindow GetWindowTextLengthW GetWindowTextW GetWindowThreadProcessId "
        "GetLastInputInfo GetTickCount64 OpenProcess QueryFullProcessImageNameW CloseHandle"
    ).split():
        setattr(functions, name, SimpleNamespace())
    monkeypatch.setattr(ctypes, "windll", api, raising=False)
    watcher = detect_watcher({}, "win32")
    assert isinstance(watcher, WindowsWatcher)
    assert describe(watcher) == "Windows (user32)"


@pytest.mark.skipif(sys.platform == "win32", reason="checks the behaviour off Windows")
def test_windows_platform_without_the_api_falls_back() -> None:
    assert "Windows API is not available" in reason(detect_watcher({}, "win32"))


def test_macos_without_pyobjc_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AppKit", "Quartz", "objc"):
        monkeypatch.setitem(sys.modules, name, None)  # None in sys.modules: ImportError
    watcher = detect_watcher({}, "darwin")
    assert reason(watcher) == INSTALL_HINT
    assert describe(watcher) == INSTALL_HINT


def test_macos_with_pyobjc_uses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = SimpleNamespace(frontmostApplication=lambda: None)
    appkit = ModuleType("AppKit")
    appkit.NSWorkspace = SimpleNamespace(sharedWorkspace=lambda: workspace)  # type: ignore[attr-defined]
    quartz = ModuleType("Quartz")
    quartz.kCGWindowListOptionOnScreenOnly = 1  # type: ignore[attr-defined]
    quartz.kCGWindowListExcludeDesktopElements = 16  # type: ignore[attr-defined]
    quartz.CGPreflightScreenCaptureAccess = lambda: True  # type: ignore[attr-defined]
    objc = ModuleType("objc")
    objc.autorelease_pool = contextlib.nullcontext  # type: ignore[attr-defined]
    modules: dict[str, Any] = {"AppKit": appkit, "Quartz": quartz, "objc": objc}
    for name, module in modules.items():
        monkeypatch.setitem(sys.modules, name, module)
    watcher = detect_watcher({}, "darwin")
    assert isinstance(watcher, MacWatcher)
    assert watcher.active_window() is None
    assert describe(watcher) == "macOS (pyobjc)"


def test_other_platforms_fall_back_with_the_platform_named() -> None:
    assert "sunos5" in reason(detect_watcher({}, "sunos5"))


def test_defaults_read_this_process_environment(
    monkeypatch: pytest.MonkeyPatch, stub_x11: None
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    monkeypatch.setenv("DISPLAY", ":5")
    watcher = detect_watcher()
    assert isinstance(watcher, StubX11)
    assert watcher.display_name == ":5"


def test_describe_of_a_working_backend_names_it_and_its_problem() -> None:
    assert describe(FakeWatcher()) == "fake"
    assert describe(FakeWatcher(problem="idle time unknown")) == "fake: idle time unknown"
