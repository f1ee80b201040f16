"""Screenshots of the real app, driven like a user, on a real X desktop.

Why: the offscreen pytest-qt tests prove the logic but never show what a
user sees — whether the tray icon docks and shows a countdown, whether text
is cut off, whether the charts have data. This test starts Xvfb with openbox
and trayer, seeds a data dir through the CLI (a week of history imported as
a FocusDesk export, then a one-minute session), runs ``python -m focusdesk``
and drives it with xdotool: hover and click the tray icon, open windows from
the tray menu by their mnemonics, wait for the time's-up window to appear by
itself at the deadline, record the outcome, open the start dialog. Each
window is captured with ImageMagick ``import`` into ``docs/screenshots/``
(committed; the README shows them).

A PNG proves nothing by existing: whoever changes the UI looks at them.
The asserts here check what a machine can — the windows appeared with their
titles, the tray icon turned into a countdown, the files are real images of
a plausible size.

Takes about 80 s, most of it waiting for the one-minute deadline.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.xserver import unavailable_reason, xserver

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]
# The README's pictures are refreshed with
#   FOCUSDESK_SCREENSHOTS_DIR=docs/screenshots python -m pytest tests/ui/test_screenshots.py
# otherwise they go to a temporary folder, so a test run leaves the checkout clean.
SHOTS_ENV = "FOCUSDESK_SCREENSHOTS_DIR"
SESSION_OBJECTIVE = "Message 5 prospects who commented on the webinar post"
# Colours of focusdesk.ui.icons: the last two minutes of a countdown are amber.
LAST_MINUTES_RGB = (0xC9, 0x8A, 0x12)
WINDOW_TIMEOUT_S = 15.0
MIN_PNG_BYTES = 2_000


@dataclass
class Shots:
    """What the run produced, so each window gets its own test result."""

    files: dict[str, Path] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    out: Path = field(default_factory=Path)


# -- seeding through the CLI ---------------------------------------------------------------


def _cli(data_dir: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "focusdesk", "--data-dir", str(data_dir), *args],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, f"focusdesk {' '.join(args)}: {result.stderr}"
    return result.stdout


def _week_export(now: datetime) -> dict[str, Any]:
    """A FocusDesk export holding six past working days and the earlier part of today.

    Times are local (``now`` is aware); the past days have a fixed shape with
    some variation, today's blocks are placed before ``now``.
    """
    sessions: list[dict[str, Any]] = []
    spans: list[dict[str, Any]] = []
    interactions: list[dict[str, Any]] = []

    def session(
        start: datetime,
        minutes: int,
        ran: int,
        objective: str,
        purpose: str,
        target: int | None,
        outcome: str,
        count: int | None,
        extended: bool = False,
    ) -> int:
        ref = len(sessions) + 1
        planned = minutes + (5 if extended else 0)
        sessions.append(
            {
                "id": ref,
                "objective": objective,
                "purpose": purpose,
                "target": target,
                "planned_minutes": minutes,
                "started_at": start.isoformat(),
                "deadline": (start + timedelta(minutes=planned)).isoformat(),
                "ended_at": (start + timedelta(minutes=ran)).isoformat(),
                "last_seen_at": (start + timedelta(minutes=ran)).isoformat(),
                "extensions": [
                    {"at": (start + timedelta(minutes=minutes)).isoformat(), "minutes": 5}
                ]
                if extended
                else [],
                "outcome": outcome,
                "outcome_count": count,
                "outcome_note": None,
                "end_reason": "stopped",
                "running": False,
            }
        )
        return ref

    def span(
        start: datetime, minutes: float, app: str, title: str, category: str, ref: int | None
    ) -> None:
        spans.append(
            {
                "start": start.isoformat(),
                "end": (start + timedelta(minutes=minutes)).isoformat(),
                "app": app,
                "title": title,
                "url": "",
                "category": category,
                "source": "import",
                "session": ref,
            }
        )

    def log(at: datetime, kind: str, ref: int | None) -> None:
        interactions.append({"at": at.isoformat(), "kind": kind, "note": None, "session": ref})

    for back in range(6, 0, -1):
        day = (now - timedelta(days=back)).replace(hour=9, minute=0, second=0, microsecond=0)
        drift = back % 3  # minutes of casual drift inside the morning session
        ref = session(
            day,
            25,
            25 + drift,
            "Message 5 prospects who commented on the webinar post",
            "prospecting",
            5,
            "met" if back % 2 else "partly",
            5 if back % 2 else 3,
        )
        span(day, 25 - drift, "firefox", "Messenger - Chats", "business", ref)
        span(day + timedelta(minutes=25 - drift), 2 * drift, "firefox", "Facebook - Watch", "casual", ref)  # fmt: skip
        for i in range(3 + back % 3):
            log(day + timedelta(minutes=3 + 5 * i), "value", ref)
        log(day + timedelta(minutes=22), "pitch", ref)
        span(day.replace(hour=10), 50 + 10 * back, "thunderbird", "Invoices - Thunderbird", "neutral", None)  # fmt: skip
        span(day.replace(hour=12, minute=30), 20 + 7 * back, "firefox", "YouTube", "casual", None)  # fmt: skip
        afternoon = day.replace(hour=14)
        ref = session(
            afternoon,
            45,
            50,
            "Write and schedule tomorrow's value post",
            "content",
            None,
            "met",
            None,
            extended=back == 3,
        )
        span(afternoon, 48, "firefox", "Meta Business Suite - Planner", "business", ref)
        span(afternoon + timedelta(minutes=48), 2, "firefox", "Facebook - Feed", "casual", ref)

    # Today, before now: e-mail, a prospecting session with some drift, a break,
    # a follow-up session, a little feed scrolling.
    base = now.replace(second=0, microsecond=0)
    span(base - timedelta(minutes=200), 35, "thunderbird", "Inbox - Thunderbird", "neutral", None)
    ref = session(
        base - timedelta(minutes=160),
        25,
        28,
        "Invite 5 people from the coaching group to the webinar",
        "prospecting",
        5,
        "met",
        5,
    )
    start = base - timedelta(minutes=160)
    span(start, 22, "firefox", "(3) Coaches Circle | Facebook groups", "business", ref)
    span(start + timedelta(minutes=22), 6, "firefox", "Facebook - Reels", "casual", ref)
    for minute in (4, 9, 13, 18):
        log(start + timedelta(minutes=minute), "conversation", ref)
    log(start + timedelta(minutes=6), "value", ref)
    log(start + timedelta(minutes=15), "value", ref)
    log(start + timedelta(minutes=20), "pitch", ref)
    span(base - timedelta(minutes=125), 25, "firefox", "YouTube", "casual", None)
    start = base - timedelta(minutes=95)
    ref = session(start, 30, 30, "Follow up with the 4 people who asked for the price list",
                  "follow-up", 4, "partly", 3)  # fmt: skip
    span(start, 30, "firefox", "Messenger - Chats", "business", ref)
    for minute in (5, 12, 21):
        log(start + timedelta(minutes=minute), "follow-up", ref)
    log(start + timedelta(minutes=25), "value", ref)
    span(base - timedelta(minutes=55), 40, "libreoffice", "Q4 plan.ods - LibreOffice Calc", "neutral", None)  # fmt: skip
    span(base - timedelta(minutes=14), 9, "firefox", "Facebook - Feed", "casual", None)
    return {
        "format": "focusdesk-export",
        "version": 1,
        "exported_at": now.isoformat(),
        "timezone": str(now.tzinfo),
        "sessions": sessions,
        "spans": spans,
        "interactions": interactions,
    }


# -- driving X -----------------------------------------------------------------------------


class Desktop:
    """xdotool, ImageMagick and python-xlib on one display."""

    def __init__(self, display: str) -> None:
        from Xlib.display import Display

        self.name = display
        self.env = {**os.environ, "DISPLAY": display}
        self.x = Display(display)

    def close(self) -> None:
        self.x.close()

    def run(self, *argv: str) -> str:
        result = subprocess.run(
            argv, env=self.env, capture_output=True, text=True, timeout=30, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)}: {result.stderr.strip()}")
        return result.stdout

    def xdotool(self, *args: str) -> None:
        self.run("xdotool", *args)

    def atom(self, name: str) -> int:
        return int(self.x.intern_atom(name))

    def client_windows(self) -> dict[int, str]:
        """Top-level windows the window manager manages, with their titles."""
        from Xlib import X

        root = self.x.screen().root
        prop = root.get_full_property(self.atom("_NET_CLIENT_LIST"), X.AnyPropertyType)
        found: dict[int, str] = {}
        for wid in prop.value if prop else []:
            window = self.x.create_resource_object("window", wid)
            try:
                name = window.get_full_property(self.atom("_NET_WM_NAME"), self.atom("UTF8_STRING"))
            except Exception:  # the window went away meanwhile
                continue
            found[int(wid)] = name.value.decode("utf-8", "replace") if name else ""
        return found

    def wait_window(self, pattern: str, timeout: float = WINDOW_TIMEOUT_S) -> tuple[int, str]:
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for wid, title in self.client_windows().items():
                if regex.search(title):
                    time.sleep(0.8)  # let it lay out and paint
                    return wid, title
            time.sleep(0.1)
        raise LookupError(f"no window titled /{pattern}/ within {timeout:.0f} s")

    def wait_gone(self, wid: int, timeout: float = WINDOW_TIMEOUT_S) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if wid not in self.client_windows():
                return True
            time.sleep(0.1)
        return False

    def close_window(self, wid: int) -> None:
        """Ask politely, as the title bar's close button does (_NET_CLOSE_WINDOW)."""
        from Xlib import X
        from Xlib.protocol import event

        root = self.x.screen().root
        message = event.ClientMessage(
            window=self.x.create_resource_object("window", wid),
            client_type=self.atom("_NET_CLOSE_WINDOW"),
            data=(32, [X.CurrentTime, 2, 0, 0, 0]),
        )
        root.send_event(message, event_mask=X.SubstructureRedirectMask | X.SubstructureNotifyMask)
        self.x.flush()
        self.wait_gone(wid, 5.0)

    def tray_icon(self) -> tuple[int, int, int, int, int]:
        """(window, x, y, width, height) of FocusDesk's icon docked in the tray."""
        root = self.x.screen().root
        clients = set(self.client_windows())
        stack = list(root.query_tree().children)
        while stack:
            window = stack.pop()
            try:
                wm_class = window.get_wm_class() or ()
                geometry = window.get_geometry()
                attrs = window.get_attributes()
                stack.extend(window.query_tree().children)
            except Exception:
                continue
            if (
                "FocusDesk" in wm_class
                and int(window.id) not in clients
                and attrs.map_state == 2  # IsViewable
                and geometry.width <= 64
                and geometry.height <= 64
            ):
                pos = window.translate_coords(root, 0, 0)
                return int(window.id), -pos.x, -pos.y, geometry.width, geometry.height
        raise LookupError("FocusDesk's tray icon is not docked")

    def share_of_colour(self, wid: int, rgb: tuple[int, int, int]) -> float:
        """How much of a window's image is close to ``rgb`` (24-bit TrueColor, BGRX)."""
        from Xlib import X

        window = self.x.create_resource_object("window", wid)
        geometry = window.get_geometry()
        image = window.get_image(0, 0, geometry.width, geometry.height, X.ZPixmap, 0xFFFFFFFF)
        data = image.data
        pixels = len(data) // 4
        near = sum(
            1
            for i in range(0, pixels * 4, 4)
            if abs(data[i + 2] - rgb[0]) + abs(data[i + 1] - rgb[1]) + abs(data[i] - rgb[2]) < 40
        )
        return near / max(1, pixels)

    def capture(self, wid: int, path: Path) -> None:
        """The window with its openbox frame (title bar), as the user sees it."""
        self.run("import", "-frame", "-window", str(wid), str(path))

    def tray_menu(self, icon: tuple[int, int, int, int, int], key: str) -> None:
        """Right-click the tray icon and choose a menu entry by its mnemonic."""
        _, x, y, w, h = icon
        self.xdotool("mousemove", str(x + w // 2), str(y + h // 2), "click", "3")
        time.sleep(0.8)
        self.xdotool("key", key)
        self.park_mouse()

    def open_from_menu(
        self, icon: tuple[int, int, int, int, int], key: str, pattern: str
    ) -> tuple[int, str]:
        """A menu entry's window; tried twice, since a key pressed before the menu
        popped up (a loaded machine) is lost."""
        try:
            self.tray_menu(icon, key)
            return self.wait_window(pattern, WINDOW_TIMEOUT_S / 2)
        except LookupError:
            self.xdotool("key", "Escape")  # a menu still open
            self.tray_menu(icon, key)
            return self.wait_window(pattern, WINDOW_TIMEOUT_S / 2)

    def click_tray(self, icon: tuple[int, int, int, int, int]) -> None:
        _, x, y, w, h = icon
        self.xdotool("mousemove", str(x + w // 2), str(y + h // 2), "click", "1")
        self.park_mouse()

    def park_mouse(self) -> None:
        """Out of the way, so no tooltip or hover sits on a screenshot."""
        self.xdotool("mousemove", "640", "790")

    def focus_and_type(self, wid: int, *steps: tuple[str, str]) -> None:
        self.xdotool("windowactivate", "--sync", str(wid))
        for kind, value in steps:
            if kind == "key":
                self.xdotool("key", "--clearmodifiers", value)
            else:
                self.xdotool("type", "--delay", "5", value)
            time.sleep(0.15)


def _tray_shot(desk: Desktop, icon: tuple[int, int, int, int, int], path: Path) -> None:
    """Hover the icon so its tooltip shows, grab the screen, crop and zoom the tray corner."""
    _, x, y, w, h = icon
    desk.xdotool("mousemove", str(x + w // 2), str(y + h // 2))
    time.sleep(2.0)  # the tooltip comes after a hover delay
    full = path.with_name("root.png")
    desk.run("import", "-window", "root", str(full))
    desk.park_mouse()
    right = min(1280, x + w + 8)
    left = max(0, right - 560)
    desk.run(
        "convert",
        str(full),
        "-crop",
        f"{right - left}x72+{left}+0",
        "+repage",
        "-filter",
        "point",
        "-resize",
        "200%",
        str(path),
    )
    full.unlink()


def _step(shots: Shots, name: str, action: Callable[[], None]) -> None:
    """One screenshot; a failure is recorded for that window's test and the run goes on."""
    try:
        action()
    except Exception as exc:
        shots.problems[name] = f"{type(exc).__name__}: {exc}"


def _tools_missing() -> str | None:
    reason = unavailable_reason(wm=True, tray=True)
    if reason:
        return reason
    missing = [tool for tool in ("xdotool", "import", "convert") if shutil.which(tool) is None]
    if missing:
        return f"{', '.join(missing)} not installed (Debian: apt-get install xdotool imagemagick)"
    return None


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shots]:
    reason = _tools_missing()
    if reason:
        pytest.skip(f"screenshots need a real X desktop: {reason}")
    work = tmp_path_factory.mktemp("screenshots")
    data_dir = work / "data"
    out = Path(os.environ[SHOTS_ENV]) if os.environ.get(SHOTS_ENV) else work / "shots"
    out.mkdir(parents=True, exist_ok=True)
    result = Shots(out=out)

    now = datetime.now().astimezone()
    export = work / "week.json"
    export.write_text(json.dumps(_week_export(now)), encoding="utf-8")
    _cli(data_dir, "import", str(export))

    with xserver(wm=True, tray=True) as display:
        desk = Desktop(display)
        if shutil.which("xsetroot"):
            desk.run("xsetroot", "-solid", "#2e3440")  # a desktop colour behind the tray
        probe = work / "docked"
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        env["PYTHONPATH"] = str(REPO_ROOT)
        env["FOCUSDESK_STARTUP_PROBE"] = str(probe)
        env["XDG_CONFIG_HOME"] = str(work / "xdg-config")  # start at log-in goes here
        env["XDG_DATA_HOME"] = str(work / "xdg-data")  # and the applications-menu entry here
        for name in ("WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
            env.pop(name, None)  # XEmbed into trayer, as on a plain X desktop

        _cli(data_dir, "start", "--objective", SESSION_OBJECTIVE, "--minutes", "1",
             "--target", "5", "--purpose", "prospecting")  # fmt: skip
        started = datetime.now().astimezone()
        log = (work / "app.log").open("wb")
        app = subprocess.Popen(
            [sys.executable, "-m", "focusdesk", "--data-dir", str(data_dir)],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _drive(desk, app, data_dir, probe, started, result)
            if app.poll() is None:
                icon = desk.tray_icon()
                desk.tray_menu(icon, "q")  # Quit from the menu, as a user would
                app.wait(timeout=15)
                result.facts["quit_from_menu"] = app.returncode
        finally:
            if app.poll() is None:
                app.terminate()
                try:
                    app.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    app.kill()
                    app.wait()
            log.close()
            desk.close()
        result.facts["app_log"] = (work / "app.log").read_text(errors="replace")[-3000:]
    yield result


WELCOME_PAGES = ("intro", "pages", "timebox", "reminders", "checkup")


def _drive(
    desk: Desktop,
    app: subprocess.Popen[bytes],
    data_dir: Path,
    probe: Path,
    started: datetime,
    shots: Shots,
) -> None:
    deadline = time.monotonic() + 30
    while not probe.exists() and time.monotonic() < deadline:
        assert app.poll() is None, f"the app exited with {app.returncode}"
        time.sleep(0.05)
    icon = desk.tray_icon()
    shots.facts["tray_icon"] = icon

    # 0. The first start: the welcome guide, every page, then "Start using FocusDesk".
    def welcome() -> None:
        wid, title = desk.wait_window(r"^Welcome")
        shots.titles["welcome"] = title
        for page in WELCOME_PAGES:
            time.sleep(0.5)
            path = shots.out / f"welcome-{page}.png"
            desk.capture(wid, path)
            shots.files[f"welcome-{page}"] = path
            if page != WELCOME_PAGES[-1]:
                desk.focus_and_type(wid, ("key", "alt+n"))
        shots.files["welcome"] = shots.files["welcome-intro"]
        desk.focus_and_type(wid, ("key", "alt+s"))  # "&Start using FocusDesk"
        shots.facts["welcome_closed"] = desk.wait_gone(wid)
        shots.facts["welcomed_mark"] = (data_dir / "config" / "welcomed").read_text()
        entry = probe.parent / "xdg-config" / "autostart" / "io.focusdesk.FocusDesk.desktop"
        shots.facts["autostart_entry"] = entry.read_text() if entry.exists() else ""
        menu = probe.parent / "xdg-data" / "applications" / "io.focusdesk.FocusDesk.desktop"
        shots.facts["menu_entry"] = menu.read_text() if menu.exists() else ""

    _step(shots, "welcome", welcome)

    # 1. The tray: wait until the icon has turned into the (amber, last-minutes) countdown.
    def tray() -> None:
        deadline = time.monotonic() + WINDOW_TIMEOUT_S
        share = 0.0
        while time.monotonic() < deadline:
            share = desk.share_of_colour(icon[0], LAST_MINUTES_RGB)
            if share > 0.3:
                break
            time.sleep(0.1)
        shots.facts["countdown_colour_share"] = share
        path = shots.out / "tray-countdown.png"
        _tray_shot(desk, icon, path)
        shots.files["tray"] = path

    _step(shots, "tray", tray)

    # 2. A click on the icon while a session runs: the compact timer.
    def compact() -> None:
        desk.click_tray(icon)
        wid, title = desk.wait_window(r"^Timer")
        shots.titles["compact"] = title
        path = shots.out / "compact-timer.png"
        desk.capture(wid, path)
        shots.files["compact"] = path
        desk.close_window(wid)

    _step(shots, "compact", compact)

    # 3. Settings, from the tray menu ("Se&ttings…").
    def settings() -> None:
        if not (REPO_ROOT / "focusdesk" / "ui" / "settings_dialog.py").exists():
            shots.skipped["settings"] = "the settings dialog does not exist yet"
            return
        wid, title = desk.open_from_menu(icon, "t", r"^Settings")
        shots.titles["settings"] = title
        path = shots.out / "settings.png"
        desk.capture(wid, path)
        shots.files["settings"] = path
        desk.close_window(wid)

    _step(shots, "settings", settings)

    # 4. Time the computer did not see, inside the running session, then the deadline:
    #    the time's-up window opens by itself.
    def timesup() -> None:
        wait = (started + timedelta(seconds=45) - datetime.now().astimezone()).total_seconds()
        time.sleep(max(0.0, wait))
        first = started.replace(microsecond=0)
        fmt = "%Y-%m-%d %H:%M:%S"
        _cli(data_dir, "add", "--app", "firefox", "--title", "Messenger - Chats",
             "--from", first.strftime(fmt), "--to", (first + timedelta(seconds=32)).strftime(fmt),
             "--category", "business")  # fmt: skip
        _cli(data_dir, "add", "--app", "firefox", "--title", "Facebook - Watch",
             "--from", (first + timedelta(seconds=32)).strftime(fmt),
             "--to", (first + timedelta(seconds=41)).strftime(fmt),
             "--category", "casual")  # fmt: skip
        wid, title = desk.wait_window(r"^Time's up", timeout=60 + WINDOW_TIMEOUT_S)
        shots.titles["timesup"] = title
        shots.facts["timesup_after_s"] = (datetime.now().astimezone() - started).total_seconds()
        desk.focus_and_type(
            wid,
            ("key", "alt+m"),
            ("key", "alt+c"),
            ("key", "ctrl+a"),
            ("type", "4"),
            ("key", "alt+n"),
            ("type", "Two want a call on Friday"),
        )
        time.sleep(0.5)
        path = shots.out / "times-up.png"
        desk.capture(wid, path)
        shots.files["timesup"] = path
        desk.xdotool("key", "--clearmodifiers", "Return")  # Move on is the default button
        shots.facts["timesup_closed_by_enter"] = desk.wait_gone(wid)

    _step(shots, "timesup", timesup)

    # 5. Today's summary, from the tray menu ("Today's s&ummary").
    def summary() -> None:
        wid, title = desk.open_from_menu(icon, "u", r"^Summary of")
        time.sleep(1.0)  # charts paint after the data arrives
        shots.titles["summary"] = title
        path = shots.out / "summary.png"
        desk.capture(wid, path)
        shots.files["summary"] = path
        desk.close_window(wid)

    _step(shots, "summary", summary)

    # 6. No session now: a click on the icon opens the start dialog; fill it in.
    def start_dialog() -> None:
        desk.click_tray(icon)
        wid, title = desk.wait_window(r"^Start a focus session")
        shots.titles["start"] = title
        desk.focus_and_type(wid, ("type", "Reply to the 3 people who asked about the program"))
        time.sleep(0.5)
        path = shots.out / "start-dialog.png"
        desk.capture(wid, path)
        shots.files["start"] = path
        desk.xdotool("key", "--clearmodifiers", "Escape")
        desk.wait_gone(wid)

    _step(shots, "start", start_dialog)
    shots.facts["status_after"] = _cli(data_dir, "status")


def _check(shots: Shots, name: str, title_pattern: str) -> Path:
    assert name not in shots.problems, (
        f"{name}: {shots.problems[name]}\n{shots.facts.get('app_log')}"
    )
    if name in shots.skipped:
        pytest.skip(shots.skipped[name])
    assert re.search(title_pattern, shots.titles.get(name, "")), shots.titles
    return _real_png(shots.files[name])


def _real_png(path: Path) -> Path:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert len(data) > MIN_PNG_BYTES, f"{path} is only {len(data)} bytes"
    return path


def _size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_welcome_guide_at_the_first_start_every_page_then_start_at_log_in(shots: Shots) -> None:
    _check(shots, "welcome", r"^Welcome")
    for page in WELCOME_PAGES:
        width, height = _size(_real_png(shots.files[f"welcome-{page}"]))
        assert width >= 500 and height >= 400
    # Every page looked different: the guide really moved on at each Next.
    images = {shots.files[f"welcome-{page}"].read_bytes() for page in WELCOME_PAGES}
    assert len(images) == len(WELCOME_PAGES)
    assert shots.facts["welcome_closed"]
    assert shots.facts["welcomed_mark"].startswith("finished ")
    assert "Exec=" in shots.facts["autostart_entry"], "finishing did not turn on start at log-in"
    assert "Exec=" in shots.facts["menu_entry"], "finishing did not add the applications-menu entry"


def test_tray_shows_a_countdown(shots: Shots) -> None:
    assert "tray" not in shots.problems, shots.problems["tray"]
    assert shots.facts["countdown_colour_share"] > 0.3, "the tray icon never showed the countdown"
    width, height = _size(_real_png(shots.files["tray"]))
    assert width >= 400 and height >= 100


def test_compact_timer(shots: Shots) -> None:
    width, _height = _size(_check(shots, "compact", r"^Timer"))
    assert width >= 300


def test_settings_dialog(shots: Shots) -> None:
    width, height = _size(_check(shots, "settings", r"^Settings"))
    assert width >= 300 and height >= 200


def test_times_up_window_opens_by_itself_and_enter_moves_on(shots: Shots) -> None:
    _check(shots, "timesup", r"^Time's up")
    assert 58 <= shots.facts["timesup_after_s"] <= 60 + WINDOW_TIMEOUT_S
    assert shots.facts["timesup_closed_by_enter"], "Enter did not move on"
    assert shots.facts["status_after"].startswith("No session running"), shots.facts["status_after"]


def test_summary_window(shots: Shots) -> None:
    width, height = _size(_check(shots, "summary", r"^Summary of"))
    assert width >= 800 and height >= 600


def test_start_dialog(shots: Shots) -> None:
    _check(shots, "start", r"^Start a focus session")
