"""MacWatcher against fake AppKit and Quartz modules injected as arguments (runs anywhere)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from focusdesk.watchers.base import WatcherUnavailable, WindowInfo
from focusdesk.watchers.macos import INSTALL_HINT, NO_TITLES, MacWatcher


class FakeApp:
    def __init__(self, name: str, pid: int) -> None:
        self.name, self.pid = name, pid

    def localizedName(self) -> str:
        return self.name

    def processIdentifier(self) -> int:
        return self.pid


class FakeMac:
    """What the fake pyobjc modules report: the frontmost app, on-screen windows, idle seconds."""

    def __init__(self, *, preflight: bool | None = True) -> None:
        self.front: FakeApp | None = FakeApp("Safari", 501)
        self.windows: list[dict[str, Any]] = [
            {"kCGWindowOwnerPID": 88, "kCGWindowLayer": 25, "kCGWindowName": "Menu extra"},
            {"kCGWindowOwnerPID": 501, "kCGWindowLayer": 0, "kCGWindowName": "Facebook – Groups"},
            {"kCGWindowOwnerPID": 501, "kCGWindowLayer": 0, "kCGWindowName": "Older tab window"},
            {"kCGWindowOwnerPID": 77, "kCGWindowLayer": 0, "kCGWindowName": "Mail"},
        ]
        self.idle = 12.5
        self.list_calls: list[tuple[int, int]] = []
        self.idle_calls: list[tuple[int, int]] = []
        self.pools = 0
        workspace = SimpleNamespace(frontmostApplication=lambda: self.front)
        self.appkit = SimpleNamespace(
            NSWorkspace=SimpleNamespace(sharedWorkspace=lambda: workspace)
        )
        self.quartz = SimpleNamespace(
            kCGWindowListOptionOnScreenOnly=1,
            kCGWindowListExcludeDesktopElements=16,
            kCGNullWindowID=0,
            kCGWindowOwnerPID="kCGWindowOwnerPID",
            kCGWindowLayer="kCGWindowLayer",
            kCGWindowName="kCGWindowName",
            kCGEventSourceStateCombinedSessionState=0,
            kCGAnyInputEventType=0xFFFFFFFF,
            CGWindowListCopyWindowInfo=self._list,
            CGEventSourceSecondsSinceLastEventType=self._idle,
        )
        if preflight is not None:
            self.quartz.CGPreflightScreenCaptureAccess = lambda: preflight

    def _list(self, options: int, relative_to: int) -> list[dict[str, Any]]:
        self.list_calls.append((options, relative_to))
        return self.windows

    def _idle(self, state: int, event_type: int) -> float:
        self.idle_calls.append((state, event_type))
        return self.idle

    @contextlib.contextmanager
    def pool(self) -> Iterator[None]:
        self.pools += 1
        yield

    def watcher(self) -> MacWatcher:
        return MacWatcher(self.appkit, self.quartz, pool=self.pool)


@pytest.fixture
def mac() -> FakeMac:
    return FakeMac()


def test_frontmost_app_and_its_front_window_title(mac: FakeMac) -> None:
    watcher = mac.watcher()
    assert watcher.active_window() == WindowInfo("safari", "Facebook – Groups", pid=501)
    assert mac.list_calls == [(1 | 16, 0)]
    assert watcher.problem is None


def test_no_frontmost_application_is_none(mac: FakeMac) -> None:
    mac.front = None
    assert mac.watcher().active_window() is None


def test_app_without_a_normal_window_has_an_empty_title(mac: FakeMac) -> None:
    mac.front = FakeApp("Finder", 300)
    assert mac.watcher().active_window() == WindowInfo("finder", "", pid=300)


def test_without_screen_recording_permission_titles_are_empty_and_it_says_so() -> None:
    mac = FakeMac(preflight=False)
    for window in mac.windows:
        window.pop("kCGWindowName")  # what macOS does without the permission
    watcher = mac.watcher()
    assert watcher.active_window() == WindowInfo("safari", "", pid=501)
    assert watcher.problem == NO_TITLES
    assert "Screen Recording" in watcher.describe()


def test_without_preflight_the_missing_name_reveals_the_permission() -> None:
    mac = FakeMac(preflight=None)  # macOS before 10.15 has no CGPreflightScreenCaptureAccess
    watcher = mac.watcher()
    assert watcher.problem is None
    del mac.windows[1]["kCGWindowName"]
    assert watcher.active_window() == WindowInfo("safari", "", pid=501)
    assert watcher.problem == NO_TITLES
    mac.windows[1]["kCGWindowName"] = "Granted now"
    assert watcher.active_window() == WindowInfo("safari", "Granted now", pid=501)
    assert watcher.problem is None


def test_idle_seconds_from_the_combined_session_state(mac: FakeMac) -> None:
    assert mac.watcher().idle_seconds() == 12.5
    assert mac.idle_calls == [(0, 0xFFFFFFFF)]


def test_each_poll_runs_in_its_own_autorelease_pool(mac: FakeMac) -> None:
    watcher = mac.watcher()
    watcher.active_window()
    watcher.idle_seconds()
    assert mac.pools == 2


def test_without_pyobjc_it_is_unavailable_with_the_install_hint() -> None:
    try:
        import AppKit  # type: ignore[import-not-found]  # noqa: F401
        import Quartz  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("pyobjc is installed here")
    with pytest.raises(WatcherUnavailable) as info:
        MacWatcher()
    assert str(info.value) == INSTALL_HINT
    assert "pip install pyobjc" in INSTALL_HINT
