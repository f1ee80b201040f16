"""The whole tracking path on a real X server: Qt windows, focus moved by xdotool,
the real X11 watcher, the tracker on its thread, spans in the database.

Real time on purpose (the system clock, real sleeps): this is the check that
what a person does on screen becomes the right spans, to about a second.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from focusdesk.core.enums import Category
from focusdesk.services.context import AppContext
from focusdesk.services.privacy import PrivacyService
from focusdesk.services.recording import Recorder
from focusdesk.services.rules import RuleService
from focusdesk.services.timeline import TimelineService
from focusdesk.services.tracking import Tracker
from tests.support.xserver import unavailable_reason, xserver

WINDOW_SCRIPT = Path(__file__).resolve().parents[1] / "watchers" / "x_window.py"
REASON = unavailable_reason(wm=True) or (
    None if shutil.which("xdotool") else "xdotool not installed"
)
pytestmark = pytest.mark.skipif(REASON is not None, reason=f"live tracking test skipped: {REASON}")

INBOX = "Messenger | Facebook"
REELS = "Reels | Facebook"
PLAN = "plan.odt - LibreOffice Writer"


@pytest.fixture
def desktop() -> Iterator[dict[str, str]]:
    with xserver(wm=True, tray=False) as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        children = []
        for title, app in ((INBOX, "firefox"), (REELS, "firefox"), (PLAN, "soffice")):
            child = subprocess.Popen(
                [sys.executable, str(WINDOW_SCRIPT), title, app, "--lifetime", "120"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True,
            )  # fmt: skip
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
            children.append(child)
        try:
            yield env
        finally:
            for child in children:
                if child.stdin is not None:
                    child.stdin.close()
                child.wait(10)


def use(env: dict[str, str], title: str, seconds: float) -> None:
    """Bring ``title`` to the front and keep 'typing' there (input resets the idle counter)."""
    pattern = f"^{re.escape(title)}$"  # xdotool reads the name as a regex ("|" included)
    subprocess.run(["xdotool", "search", "--onlyvisible", "--name", pattern, "windowactivate", "--sync"],
                   env=env, check=True, timeout=15, capture_output=True)  # fmt: skip
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        subprocess.run(["xdotool", "mousemove_relative", "1", "0"], env=env, check=True, timeout=5)
        time.sleep(0.5)


def test_switching_real_windows_records_the_right_spans(
    desktop: dict[str, str], tmp_path: Path
) -> None:
    from focusdesk.watchers.x11 import X11Watcher

    ctx = AppContext.create(tmp_path / "data")
    PrivacyService(ctx).add("title", r"libreoffice", "redact")
    tracker = Tracker(
        watcher_factory=lambda: X11Watcher(desktop["DISPLAY"]),
        recorder_factory=lambda: Recorder(
            ctx.db, device_id=ctx.device_id, classifier=RuleService(ctx).classifier(), tz=ctx.tz
        ),
        classifier_factory=lambda: RuleService(ctx).classifier(),
        privacy_factory=lambda: PrivacyService(ctx).filter(),
        clock=ctx.clock,
        tz=ctx.tz,
        on_event=lambda event: None,
    )
    thread = threading.Thread(target=tracker.run)
    use(desktop, INBOX, 1)  # settle focus before tracking starts
    thread.start()
    try:
        use(desktop, INBOX, 6)
        use(desktop, REELS, 4)
        use(desktop, PLAN, 3)
        use(desktop, INBOX, 3)
    finally:
        tracker.stop()
        thread.join(10)
    spans = TimelineService(ctx).day(ctx.clock().astimezone(ctx.tz).date())
    got = [(s.app, s.title, s.category, s.seconds) for s in spans]
    ctx.close()
    assert [(a, t, c) for a, t, c, _ in got] == [
        ("firefox", INBOX, Category.BUSINESS),
        ("firefox", REELS, Category.CASUAL),
        ("soffice", "", Category.NEUTRAL),  # redacted: no title kept
        ("firefox", INBOX, Category.BUSINESS),
    ]
    durations = [d for *_, d in got]
    for measured, expected in zip(durations, [6, 4, 3, 3], strict=True):
        assert abs(measured - expected) <= 1.5, durations
