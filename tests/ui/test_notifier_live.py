"""The Notifier on a real desktop: Xvfb, openbox, maybe a tray (trayer), a private bus, maybe dunst.

Each case runs tests/support/notifier_child.py in a child process with its
own DISPLAY and DBUS_SESSION_BUS_ADDRESS (nothing of this process's
environment changes) and reads what it saw.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support import session_bus as sb
from tests.support.xserver import unavailable_reason as x_unavailable
from tests.support.xserver import xserver

ROOT = Path(__file__).resolve().parents[2]
TITLE = "FocusDesk — reminder"
MESSAGE = "Prospecting session at 10:00: message 5 people who commented"


@pytest.fixture(autouse=True)
def tools() -> None:
    reason = sb.unavailable_reason() or x_unavailable(wm=True, tray=True)
    if reason:
        pytest.skip(reason)


def run_child(address: str, display: str) -> dict[str, Any]:
    env = sb.bus_env(address, DISPLAY=display, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.notifier_child", TITLE, MESSAGE],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["focused_before"], "the line edit never got the focus"
    return result


def test_desktop_notification_reaches_dunst() -> None:
    with (
        xserver(wm=True) as display,
        sb.session_bus() as address,
        sb.dunst(address, display),
        sb.monitor(address) as seen,
    ):
        result = run_child(address, display)
        sb.wait_for(lambda: TITLE in seen(), 10, "no Notify call on the bus")
        assert "member=Notify" in seen() and MESSAGE in seen()
        assert sb.dunst_count(address) == 1
    assert (result["first"], result["final"], result["problem"]) == ("desktop", ["desktop"], "")
    assert result["visible"] == ["QLineEdit"]  # no balloon, no window of our own


def test_no_daemon_uses_the_tray_balloon() -> None:
    with xserver(wm=True, tray=True) as display, sb.session_bus() as address:
        result = run_child(address, display)
    assert result["tray_messages"] is True
    assert (result["first"], result["final"]) == ("desktop", ["tray"])
    assert result["problem"] == "no notification server on the session bus"
    assert "QBalloonTip" in result["visible"] and "MessageWindow" not in result["visible"]


def test_no_daemon_and_no_tray_uses_the_window_without_taking_focus() -> None:
    with xserver(wm=True) as display, sb.session_bus() as address:
        result = run_child(address, display)
    assert (result["first"], result["final"]) == ("desktop", ["window"])
    assert result["window_text"] == f"{TITLE}\n{MESSAGE}"
    assert "MessageWindow" in result["visible"]
    assert result["focus_on_editor"] is True
    assert result["active_window"] == "typing here"
