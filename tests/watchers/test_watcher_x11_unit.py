"""X11Watcher against a fake python-xlib Display: every property path, error and reconnect."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from Xlib import X, Xatom
from Xlib.error import BadWindow, ConnectionClosedError, DisplayConnectionError

from focusdesk.watchers.base import WatcherUnavailable, WindowInfo
from focusdesk.watchers.x11 import NO_EWMH, NO_SCREEN_SAVER, TITLE_LONGS, X11Watcher

ROOT = 1
APP_WINDOW = 0x400001
OTHER_WINDOW = 0x600001


def bad_window(resource_id: int) -> BadWindow:
    """A BadWindow as python-xlib raises it (its constructor wants a live display)."""
    error = BadWindow.__new__(BadWindow)
    error._data = {"code": X.BadWindow, "resource_id": resource_id, "sequence_number": 0}
    error._data.update(major_opcode=20, minor_opcode=0)
    return error


@dataclass
class Prop:
    property_type: int
    format: int
    value: Any
    bytes_after: int = 0


@dataclass
class FakeDisplay:
    """Just enough of ``Xlib.display.Display`` for the watcher: atoms, properties, extension."""

    name: str = ":7"
    extensions: set[str] = field(default_factory=lambda: {"MIT-SCREEN-SAVER"})
    idle_ms: int = 0
    # window id -> atom -> property; a window id that is absent raises BadWindow.
    props: dict[int, dict[int, Prop]] = field(default_factory=lambda: {ROOT: {}})
    atoms: dict[str, int] = field(default_factory=dict)
    reads: list[tuple[int, int]] = field(default_factory=list)
    before_read: Callable[[int, int], None] | None = None
    closed: bool = False
    events: list[str] = field(default_factory=list)  # sent by the server, unasked

    def atom(self, name: str) -> int:
        return self.atoms.setdefault(name, 1000 + len(self.atoms))

    def get_atom(self, name: str, only_if_exists: bool = False) -> int:
        return self.atom(name)

    def has_extension(self, name: str) -> bool:
        return name in self.extensions

    def screen(self) -> SimpleNamespace:
        return SimpleNamespace(root=FakeWindow(self, ROOT))

    def create_resource_object(self, kind: str, window_id: int) -> FakeWindow:
        assert kind == "window"
        return FakeWindow(self, window_id)

    def pending_events(self) -> int:
        return len(self.events)

    def next_event(self) -> str:
        return self.events.pop(0)

    def close(self) -> None:
        self.closed = True

    # -- helpers for the tests ---------------------------------------------------

    def set_active(self, window_id: int | None) -> None:
        atom = self.atom("_NET_ACTIVE_WINDOW")
        if window_id is None:
            self.props[ROOT].pop(atom, None)
        else:
            self.props[ROOT][atom] = Prop(Xatom.WINDOW, 32, [window_id])

    def add_window(
        self,
        window_id: int,
        *,
        net_name: str | None = None,
        wm_name: bytes | None = None,
        wm_class: bytes | None = None,
        pid: int | None = None,
    ) -> None:
        props: dict[int, Prop] = {}
        if net_name is not None:
            props[self.atom("_NET_WM_NAME")] = Prop(self.atom("UTF8_STRING"), 8, net_name.encode())
        if wm_name is not None:
            props[Xatom.WM_NAME] = Prop(Xatom.STRING, 8, wm_name)
        if wm_class is not None:
            props[Xatom.WM_CLASS] = Prop(Xatom.STRING, 8, wm_class)
        if pid is not None:
            props[self.atom("_NET_WM_PID")] = Prop(Xatom.CARDINAL, 32, [pid])
        self.props[window_id] = props


@dataclass
class FakeWindow:
    display: FakeDisplay
    id: int

    def get_property(self, atom: int, kind: int, offset: int, length: int) -> Prop | None:
        display = self.display
        if display.before_read is not None:
            display.before_read(self.id, atom)
        display.reads.append((self.id, atom))
        if self.id not in display.props:
            raise bad_window(self.id)
        prop = display.props[self.id].get(atom)
        if prop is None:
            return None
        if kind not in (X.AnyPropertyType, prop.property_type):
            return Prop(prop.property_type, prop.format, b"" if prop.format == 8 else [], 1)
        unit = 1 if prop.format == 8 else 4  # list items stand for one 32-bit unit each
        limit = length * 4 // unit
        return Prop(
            prop.property_type,
            prop.format,
            prop.value[:limit],
            max(0, len(prop.value) - limit) * unit,
        )

    def screensaver_query_info(self) -> SimpleNamespace:
        if "MIT-SCREEN-SAVER" not in self.display.extensions:
            raise AssertionError("the watcher must not call a missing extension")
        return SimpleNamespace(idle=self.display.idle_ms)


class Connector:
    """Hands out displays in order; an exception in the list is raised instead."""

    def __init__(self, *displays: FakeDisplay | BaseException) -> None:
        self.displays = list(displays)
        self.names: list[str | None] = []

    def __call__(self, name: str | None) -> FakeDisplay:
        self.names.append(name)
        item = self.displays.pop(0) if len(self.displays) > 1 else self.displays[0]
        if isinstance(item, BaseException):
            raise item
        return item


def watcher_for(display: FakeDisplay, proc: Path = Path("/nonexistent-proc")) -> X11Watcher:
    return X11Watcher(display.name, connect=Connector(display), proc=proc)


@pytest.fixture
def display() -> FakeDisplay:
    d = FakeDisplay()
    d.add_window(
        APP_WINDOW, net_name="Messenger — Anna ü", wm_class=b"Navigator\0Firefox\0", pid=4242
    )
    d.set_active(APP_WINDOW)
    return d


def test_title_app_and_pid_from_ewmh_and_wm_class(display: FakeDisplay) -> None:
    watcher = watcher_for(display)
    assert watcher.active_window() == WindowInfo("firefox", "Messenger — Anna ü", pid=4242)
    assert watcher.problem is None
    assert watcher.describe() == "X11 (python-xlib) on :7"


def test_title_falls_back_to_wm_name_in_latin1(display: FakeDisplay) -> None:
    display.add_window(
        OTHER_WINDOW, wm_name="Caf\xe9 notes".encode("latin-1"), wm_class=b"xterm\0XTerm\0"
    )
    display.set_active(OTHER_WINDOW)
    assert watcher_for(display).active_window() == WindowInfo("xterm", "Café notes")


def test_wm_name_as_utf8_string_is_decoded_as_utf8(display: FakeDisplay) -> None:
    display.add_window(OTHER_WINDOW, wm_class=b"a\0B\0")
    display.props[OTHER_WINDOW][Xatom.WM_NAME] = Prop(
        display.atom("UTF8_STRING"), 8, "Grüße".encode()
    )
    display.set_active(OTHER_WINDOW)
    assert watcher_for(display).active_window() == WindowInfo("b", "Grüße")


def test_app_from_proc_comm_when_wm_class_is_missing(display: FakeDisplay, tmp_path: Path) -> None:
    (tmp_path / "777").mkdir()
    (tmp_path / "777" / "comm").write_text("Slack\n")
    display.add_window(OTHER_WINDOW, net_name="general", pid=777)
    display.set_active(OTHER_WINDOW)
    assert watcher_for(display, proc=tmp_path).active_window() == WindowInfo(
        "slack", "general", pid=777
    )


def test_wm_class_wins_over_the_process_name(display: FakeDisplay, tmp_path: Path) -> None:
    (tmp_path / "4242").mkdir()
    (tmp_path / "4242" / "comm").write_text("GeckoMain\n")
    assert watcher_for(display, proc=tmp_path).active_window() == WindowInfo(
        "firefox", "Messenger — Anna ü", pid=4242
    )


def test_window_without_class_or_pid_has_an_empty_app(display: FakeDisplay) -> None:
    display.add_window(OTHER_WINDOW, net_name="untitled")
    display.set_active(OTHER_WINDOW)
    assert watcher_for(display).active_window() == WindowInfo("", "untitled")


def test_process_gone_from_proc_leaves_app_empty(display: FakeDisplay, tmp_path: Path) -> None:
    display.add_window(OTHER_WINDOW, net_name="t", pid=99999)
    display.set_active(OTHER_WINDOW)
    assert watcher_for(display, proc=tmp_path).active_window() == WindowInfo("", "t", pid=99999)


def test_instance_only_wm_class_is_used(display: FakeDisplay) -> None:
    display.add_window(OTHER_WINDOW, net_name="t", wm_class=b"Zoom\0")
    display.set_active(OTHER_WINDOW)
    assert watcher_for(display).active_window() == WindowInfo("zoom", "t")


def test_no_focused_window_is_none_without_a_problem(display: FakeDisplay) -> None:
    display.set_active(0)
    watcher = watcher_for(display)
    assert watcher.active_window() is None
    assert watcher.problem is None


def test_missing_root_property_without_ewmh_says_why(display: FakeDisplay) -> None:
    display.set_active(None)
    watcher = watcher_for(display)
    assert watcher.active_window() is None
    assert watcher.problem == NO_EWMH
    assert "EWMH window manager" in watcher.describe()
    display.set_active(APP_WINDOW)  # a window manager started later
    assert watcher.active_window() is not None
    assert watcher.problem is None


def test_missing_root_property_with_an_ewmh_wm_is_just_nothing_focused_yet(
    display: FakeDisplay,
) -> None:
    display.set_active(None)
    display.props[ROOT][display.atom("_NET_SUPPORTED")] = Prop(
        Xatom.ATOM, 32, [display.atom("_NET_WM_NAME"), display.atom("_NET_ACTIVE_WINDOW")]
    )
    watcher = watcher_for(display)
    assert watcher.active_window() is None
    assert watcher.problem is None


def test_window_gone_before_the_first_read_is_none(display: FakeDisplay) -> None:
    display.set_active(0xDEAD)  # the root still names a window that was just destroyed
    watcher = watcher_for(display)
    assert watcher.active_window() is None
    assert watcher.problem is None


def test_bad_window_mid_poll_is_none_and_the_next_poll_recovers(display: FakeDisplay) -> None:
    display.add_window(OTHER_WINDOW, net_name="Feed", wm_class=b"chromium\0Chromium\0")
    display.set_active(OTHER_WINDOW)

    def vanish_after_title(window_id: int, atom: int) -> None:
        if window_id == OTHER_WINDOW and atom == Xatom.WM_CLASS:
            del display.props[OTHER_WINDOW]  # closed between the title and the class read

    display.before_read = vanish_after_title
    watcher = watcher_for(display)
    assert watcher.active_window() is None
    display.before_read = None
    display.set_active(APP_WINDOW)
    assert watcher.active_window() == WindowInfo("firefox", "Messenger — Anna ü", pid=4242)


def test_steady_state_poll_is_two_property_reads(display: FakeDisplay) -> None:
    watcher = watcher_for(display)
    watcher.active_window()
    display.reads.clear()
    title_atom = display.atom("_NET_WM_NAME")
    display.props[APP_WINDOW][title_atom] = Prop(display.atom("UTF8_STRING"), 8, b"Inbox")
    assert watcher.active_window() == WindowInfo("firefox", "Inbox", pid=4242)
    assert display.reads == [(ROOT, display.atom("_NET_ACTIVE_WINDOW")), (APP_WINDOW, title_atom)]


def test_class_and_pid_are_read_again_for_another_window(display: FakeDisplay) -> None:
    display.add_window(OTHER_WINDOW, net_name="Terminal", wm_class=b"kitty\0kitty\0", pid=5)
    watcher = watcher_for(display)
    assert watcher.active_window().app == "firefox"  # type: ignore[union-attr]
    display.set_active(OTHER_WINDOW)
    assert watcher.active_window() == WindowInfo("kitty", "Terminal", pid=5)


def test_long_title_is_cut_without_a_broken_character(display: FakeDisplay) -> None:
    title = "é" * (TITLE_LONGS * 4)  # two bytes each: the cut can fall mid-character
    display.props[APP_WINDOW][display.atom("_NET_WM_NAME")] = Prop(
        display.atom("UTF8_STRING"), 8, ("x" + title).encode()
    )
    got = watcher_for(display).active_window()
    assert got is not None
    assert got.title.startswith("xé")
    assert "\ufffd" not in got.title
    assert len(got.title.encode()) <= TITLE_LONGS * 4


def test_idle_from_the_screen_saver_extension_in_seconds(display: FakeDisplay) -> None:
    display.idle_ms = 2500
    watcher = watcher_for(display)
    assert watcher.idle_seconds() == 2.5
    assert watcher.problem is None


def test_unasked_for_events_do_not_pile_up(display: FakeDisplay) -> None:
    display.events = ["MappingNotify"] * 3
    watcher_for(display).idle_seconds()
    assert display.events == []


def test_missing_screen_saver_extension_makes_idle_unknown(display: FakeDisplay) -> None:
    display.extensions.clear()
    watcher = watcher_for(display)
    assert watcher.idle_seconds() is None
    assert watcher.problem == NO_SCREEN_SAVER
    assert watcher.active_window() is not None  # windows still work


def test_lost_server_reconnects_once_and_answers() -> None:
    first, second = FakeDisplay(), FakeDisplay(idle_ms=1200)
    connect = Connector(first, second)
    watcher = X11Watcher(":7", connect=connect)

    def gone(window_id: int, atom: int) -> None:
        raise ConnectionClosedError("Display")

    first.before_read = gone
    second.add_window(APP_WINDOW, net_name="Back", wm_class=b"a\0b\0")
    second.set_active(APP_WINDOW)
    assert watcher.active_window() == WindowInfo("b", "Back")
    assert first.closed
    assert connect.names == [":7", ":7"]
    assert watcher.idle_seconds() == 1.2


def test_server_gone_for_good_answers_none_with_the_reason_and_recovers_later() -> None:
    first = FakeDisplay()
    connect = Connector(first, DisplayConnectionError(":7", "Connection refused"))
    watcher = X11Watcher(":7", connect=connect)
    first.before_read = lambda *_: (_ for _ in ()).throw(BrokenPipeError(32, "Broken pipe"))
    assert watcher.active_window() is None
    assert watcher.problem is not None and "lost the X server :7" in watcher.problem
    assert watcher.idle_seconds() is None  # tries once more, still refused, no exception
    back = FakeDisplay()
    back.add_window(APP_WINDOW, net_name="Again", wm_class=b"a\0b\0")
    back.set_active(APP_WINDOW)
    connect.displays = [back]
    assert watcher.active_window() == WindowInfo("b", "Again")
    assert watcher.idle_seconds() == 0.0
    assert watcher.problem is None


def test_cannot_connect_is_watcher_unavailable_with_the_reason() -> None:
    connect = Connector(DisplayConnectionError(":9", "No such file or directory"))
    with pytest.raises(WatcherUnavailable, match=r"cannot connect to the X server :9"):
        X11Watcher(":9", connect=connect)


def test_real_python_xlib_to_a_display_that_does_not_exist_fails_fast() -> None:
    started = time.monotonic()
    with pytest.raises(WatcherUnavailable, match="cannot connect to the X server :249"):
        X11Watcher(":249")
    assert time.monotonic() - started < 5


def test_close_closes_the_connection_once(display: FakeDisplay) -> None:
    watcher = watcher_for(display)
    watcher.close()
    watcher.close()
    assert display.closed


def test_importing_the_package_loads_no_platform_library() -> None:
    code = (
        "import sys, focusdesk.watchers, focusdesk.watchers.factory, focusdesk.watchers.x11, "
        "focusdesk.watchers.windows, focusdesk.watchers.macos, focusdesk.watchers.fake; "
        "loaded = [m for m in ('Xlib', 'AppKit', 'Quartz', 'objc', 'PySide6') if m in sys.modules]; "
        "print(loaded)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    assert out.stdout.strip() == "[]"
